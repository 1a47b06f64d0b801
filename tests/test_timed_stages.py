"""benchmarks/timed_stages.py: perf's samples read, and counted by stage and library."""

from __future__ import annotations

import sys
from pathlib import Path

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
