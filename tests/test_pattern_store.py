"""The stored regexes (``_pattern_store``): current with the tables, written by the pinned
regex, each the same code a fresh compile gives, and ignored whenever they cannot be used."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest
import regex

from boilerstrip import _pattern_store
from boilerstrip._pattern_keys import stored_keys
from boilerstrip._pattern_store import STORE_PATH, compiled, read_store, store_bytes, stored_version

ROOT = Path(__file__).resolve().parents[1]
REGENERATE = "run `python scripts/generate_pattern_store.py`"


def _stored_here() -> dict[tuple[str, int], bytes]:
    version = stored_version()
    assert version is not None, f"{STORE_PATH} is missing or unreadable: {REGENERATE}"
    return read_store(STORE_PATH, version)


def test_store_holds_exactly_what_the_tables_compile() -> None:
    stored, wanted = set(_stored_here()), set(stored_keys())
    assert not wanted - stored, f"{len(wanted - stored)} patterns missing from the store: {REGENERATE}"
    assert not stored - wanted, f"{len(stored - wanted)} patterns the tables no longer use: {REGENERATE}"


def test_store_is_of_the_dev_extras_regex() -> None:
    pins = regex.findall(r'"regex==([^";]+)[";]', (ROOT / "pyproject.toml").read_text())
    assert pins == [stored_version()], f"the dev extra pins regex {pins}, the store is of {stored_version()}"


needs_the_pinned_regex = pytest.mark.skipif(
    regex.__version__ != stored_version(),
    reason=f"regex {regex.__version__} installed; the store is of {stored_version()} (CI installs the pin)",
)


def _same_code(stored: tuple[object, ...], fresh: tuple[object, ...]) -> bool:
    """Whether two patterns' pickled data are the same but for the order of one run of the
    code: regex lists the characters a match can start with in a set's order, which is not
    the same from one process to the next (0 to 373 of these patterns in a new process)."""
    if stored[:2] != fresh[:2] or stored[3:] != fresh[3:]:
        return False
    code, other = stored[2], fresh[2]
    assert isinstance(code, bytes) and isinstance(other, bytes)
    if len(code) != len(other):
        return False
    differ = [i for i, (a, b) in enumerate(zip(code, other)) if a != b]
    return not differ or sorted(code[differ[0] : differ[-1] + 1]) == sorted(other[differ[0] : differ[-1] + 1])


@needs_the_pinned_regex
def test_each_stored_pattern_is_what_regex_compiles() -> None:
    differ = [
        key
        for key, data in _stored_here().items()
        if not _same_code(pickle.loads(data)._pickled_data, regex.compile(*key)._pickled_data)
    ]
    assert differ == [], f"{len(differ)} stored patterns differ from a fresh compile: {REGENERATE}"


@pytest.mark.parametrize(
    ("fresh", "same"),
    [
        ((b"p", 1, b"\x01abc\x02", {}), True),
        ((b"p", 1, b"\x01cab\x02", {}), True),
        ((b"p", 1, b"\x01abd\x02", {}), False),
        ((b"p", 1, b"\x01abc\x02\x03", {}), False),
        ((b"p", 2, b"\x01abc\x02", {}), False),
        ((b"p", 1, b"\x01abc\x02", {"a": 1}), False),
    ],
)
def test_same_code_allows_only_a_reordered_run(fresh: tuple[object, ...], same: bool) -> None:
    assert _same_code((b"p", 1, b"\x01abc\x02", {}), fresh) is same


@needs_the_pinned_regex
def test_compiled_loads_a_stored_pattern() -> None:
    key = stored_keys()[0]
    assert key in _pattern_store._stored()
    assert compiled(*key).pattern == key[0]
    assert pickle.loads(_pattern_store._stored()[key]).pattern == key[0]


@pytest.mark.parametrize(
    ("pattern", "text", "found"),
    [("zq+x", "a zqqx b", True), ("zq+x", "zx", False), (r"\bnot stored\b", "it is not stored", True)],
)
def test_a_pattern_the_store_lacks_is_compiled(pattern: str, text: str, found: bool) -> None:
    assert (pattern, regex.VERSION0) not in _pattern_store._stored()
    assert (compiled(pattern, regex.VERSION0).search(text) is not None) is found


def test_a_store_of_another_regex_version_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "store.pickle"
    path.write_bytes(store_bytes([("a+b", regex.VERSION0)]))
    assert set(read_store(path, regex.__version__)) == {("a+b", regex.VERSION0)}
    assert read_store(path, regex.__version__ + ".other") == {}


@pytest.mark.parametrize(
    "content",
    [b"", b"not a pickle", pickle.dumps([1, 2]), pickle.dumps({"layout": 999, "regex": regex.__version__})],
)
def test_an_unreadable_store_is_ignored(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "store.pickle"
    path.write_bytes(content)
    assert read_store(path, regex.__version__) == {}


def test_a_missing_store_is_ignored(tmp_path: Path) -> None:
    assert read_store(tmp_path / "none.pickle", regex.__version__) == {}
    assert stored_version(tmp_path / "none.pickle") is None
