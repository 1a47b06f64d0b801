"""extract() gives glibc's free heap back after a big page (Options.release_after_chars):
only at or past that size, never for a tree the caller parsed, never with None, and with the
same output."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from selectolax.lexbor import LexborHTMLParser

import boilerstrip
from boilerstrip import Options, OptionsError, extract

_SIZE = 4096
_OPTIONS = Options(release_after_chars=_SIZE)
_PAGE = "<html><body><nav>Home</nav>" + "<p>Some words of prose in a paragraph.</p>" * 200 + "</body></html>"


def _calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    monkeypatch.setattr(boilerstrip._extract, "release_memory", lambda: bool(calls.append(1)))
    return calls


@pytest.mark.parametrize(
    ("page", "options", "expected"),
    [
        (_PAGE, _OPTIONS, 1),  # past the size
        (_PAGE[:_SIZE], _OPTIONS, 1),  # at the size
        (_PAGE[: _SIZE - 1], _OPTIONS, 0),  # below it
        (_PAGE.encode(), _OPTIONS, 1),  # bytes count as given
        (_PAGE, Options(release_after_chars=None), 0),
        (LexborHTMLParser(_PAGE), _OPTIONS, 0),  # the caller's tree is not freed here
    ],
)
def test_released_after_a_big_page_only(
    monkeypatch: pytest.MonkeyPatch, page: object, options: Options, expected: int
) -> None:
    calls = _calls(monkeypatch)
    extract(page, options=options)
    assert len(calls) == expected


def test_the_same_output_either_way() -> None:
    kept = extract(_PAGE, options=Options(release_after_chars=None)).to_dict()
    assert extract(_PAGE, options=_OPTIONS).to_dict() == kept


@pytest.mark.parametrize("value", [0, -1, 2.5, "big"])
def test_the_size_is_validated(value: object) -> None:
    with pytest.raises(OptionsError):
        Options(release_after_chars=value)  # type: ignore[arg-type]


# A fresh interpreter, as the allocator is process-wide: freeing a 16 MB block raises glibc's
# trim threshold to 32 MB, as a loop's big page does; then the tree of a page of 200 K
# characters (a few MB) stays at the top of the heap once freed, unless extract() gives it back
# (the default size is under the page's).
_LOOP = """
import ctypes, sys
import boilerstrip

names = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in names.split()]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
big = b"x" * (16 << 20)
del big
page = "<html><body>" + "<div><p>Some words of prose in a paragraph.</p></div>" * 4000 + "</body></html>"
options = boilerstrip.Options(release_after_chars=None) if sys.argv[1] == "none" else boilerstrip.Options()
boilerstrip.extract(page, options=options)
keep = libc.mallinfo2().keepcost
print(int(keep >= 1 << 18), keep)
"""

_GLIBC = (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")


@pytest.mark.skipif(not _GLIBC, reason="glibc only")
@pytest.mark.parametrize(("size", "held"), [("none", "1"), ("default", "0")])
def test_the_tree_is_not_kept_at_the_top_of_the_heap(size: str, held: str) -> None:
    # glibc's tunables from the environment would change what is held (tests/test_release_memory.py).
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    out = subprocess.run(
        [sys.executable, "-c", _LOOP, size], check=False, capture_output=True, text=True, env=env
    )
    # The held size comes out too: a failure says by how much. Held, it is 2.3 to 2.5 MB in
    # isolation (any hash seed), but once 1,016,112 bytes in a full suite (CI, 2026-12-04),
    # under the 1 MiB this test first asked; given back, 1.7 to 4 KB. So held means 256 KiB
    # or more: far from both.
    assert out.stdout.split()[:1] == [held], (out.stdout, out.stderr)
