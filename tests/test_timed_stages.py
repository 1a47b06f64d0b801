"""benchmarks/timed_stages.py: perf's samples read, and counted by stage and library."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import timed_stages

# Three samples as `perf script -F ip,sym,dso` prints them: two in the counted pass (under
# dropwhile_next), one in the warm pass before it.
_SCRIPT = """
\t   9490c lxb_html_tokenizer_state_data (/venv/selectolax/lexbor.cpython-311.so)
\t   11179 CPyDef__parse___parse (/b/pkg/boilerstrip__mypyc.cpython-311.so)
\t   bd9d dropwhile_next (/lib/libpython3.11.so.1.0)


\t   2508e3 unicodekeys_lookup_unicode (inlined)
\t   2508e3 _Py_dict_lookup (/lib/libpython3.11.so.1.0)
\t   5e3 language_hits (/b/pkg/boilerstrip/_ctokens.cpython-311.so)
\t   6e3 CPyDef__language___detect_language (/b/pkg/boilerstrip__mypyc.cpython-311.so)
\t   7e3 CPyDef__features___feature_columns (/b/pkg/boilerstrip__mypyc.cpython-311.so)
\t   bd9d dropwhile_next (/lib/libpython3.11.so.1.0)


\t   11179 CPyDef__parse___parse (/b/pkg/boilerstrip__mypyc.cpython-311.so)
\t   1080 _start (/bin/python3.11)
"""


def test_parse_script_gives_each_samples_frames_innermost_first() -> None:
    samples = timed_stages.parse_script(_SCRIPT)
    assert [len(frames) for frames in samples] == [3, 6, 2]
    assert samples[1][0] == ("unicodekeys_lookup_unicode", "inlined")
    assert samples[0][1] == ("CPyDef__parse___parse", "/b/pkg/boilerstrip__mypyc.cpython-311.so")


def test_shares_count_only_the_counted_pass() -> None:
    found = timed_stages.shares(timed_stages.parse_script(_SCRIPT))
    assert found.samples == 2
    assert found.by_function["CPyDef__parse___parse"] == 1  # the warm pass's sample left out
    assert found.by_function["CPyDef__features___feature_columns"] == 1


def test_an_inlined_frame_is_counted_in_its_callers_library() -> None:
    found = timed_stages.shares(timed_stages.parse_script(_SCRIPT))
    libraries = {label.split(" (")[0]: n for label, n in found.by_library.items()}
    assert libraries == {"Lexbor": 1, "the interpreter": 1}
    assert found.by_leaf == {"lxb_html_tokenizer_state_data": 1, "unicodekeys_lookup_unicode": 1}


def test_the_interpreters_time_is_counted_for_the_own_function_that_asked() -> None:
    found = timed_stages.shares(timed_stages.parse_script(_SCRIPT))
    # the dict look-up inside language_hits (a C extension's), the tokenizer inside parse
    assert found.by_own == {"language_hits": 1, "CPyDef__parse___parse": 1}


def test_the_interpreters_samples_are_counted_by_caller_and_kind() -> None:
    n, by_caller, interpreted = timed_stages.interpreter_by_caller(timed_stages.parse_script(_SCRIPT))
    assert n == 2
    # the dict look-up, an inlined frame of _Py_dict_lookup, asked for by language_hits
    assert by_caller == {("language_hits", "dict and attribute look-ups"): 1}
    assert not interpreted


@pytest.mark.parametrize(
    ("frames", "kind"),
    [
        ([("pymalloc_alloc", "inlined"), ("_PyObject_Malloc", "/lib/libpython3.11.so")], "allocation"),
        ([("list_dealloc", "/lib/libpython3.11.so")], "deallocation"),
        ([("visit_decref", "/lib/libpython3.11.so")], "cyclic collector"),
        ([("_PyEval_EvalFrameDefault", "/lib/libpython3.11.so")], "interpreted code and generic calls"),
        ([("asciilib_default_find", "inlined"), ("PyUnicode_Find", "/lib/libpython3.11.so")], "str methods"),
        # an inlined reference count inside an allocation: the allocation's
        ([("Py_INCREF", "inlined"), ("_PyObject_Malloc", "/lib/libpython3.11.so")], "allocation"),
        ([("Py_INCREF", "/lib/libpython3.11.so"), ("_PyObject_Malloc", "/lib/libpython3.11.so")], "other"),
    ],
)
def test_kind_of_reads_the_inlined_frames_and_the_first_real_one(
    frames: list[tuple[str, str]], kind: str
) -> None:
    assert timed_stages.kind_of(frames) == kind


def test_interpreted_frames_are_counted_for_the_function_that_called_into_them() -> None:
    script = """
\t   1 _PyEval_EvalFrameDefault (/lib/libpython3.11.so.1.0)
\t   2 _PyEval_Vector (/lib/libpython3.11.so.1.0)
\t   3 CPyDef__metadata___complete (/b/pkg/boilerstrip__mypyc.cpython-311.so)
\t   bd9d dropwhile_next (/lib/libpython3.11.so.1.0)
"""
    n, by_caller, interpreted = timed_stages.interpreter_by_caller(timed_stages.parse_script(script))
    assert (n, interpreted) == (1, {"CPyDef__metadata___complete": 1})
    assert by_caller == {("CPyDef__metadata___complete", "interpreted code and generic calls"): 1}
