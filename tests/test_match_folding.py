"""``_match_facts.may_fold_fully`` reads from a pattern's text what compiling it with
IGNORECASE would say of full case folding: it may only over-claim (then first_chars gives no
mask), never miss a pattern that folds fully, on hand-made patterns and on every row and
branch of both tables."""

from __future__ import annotations

import pytest
import regex

from boilerstrip._match_facts import first_chars, may_fold_fully
from boilerstrip._pattern_reader import top_level_branches
from boilerstrip._phrase_table import PHRASES, WHOLE_BLOCK_PHRASES


def _folds_fully(pattern: str) -> bool:
    return bool(regex.compile(pattern, regex.IGNORECASE).flags & regex.FULLCASE)


# (pattern, whether compiling it with IGNORECASE turns full case folding on)
HAND_MADE = [
    ("abc", False),
    (r"\bstra(?:ss|ß)e\b", False),
    ("(?f)strasse", True),
    ("(?fi)strasse", True),
    ("(?V1)strasse", True),
    ("x|(?f)y", True),  # a global flag in one branch sets it for the pattern
    ("(?-f)abc", False),  # turned off: over-claimed (read as "may"), which only drops a mask
    ("(?f:a)bc", False),  # scoped: the pattern's flags do not show it; read as "may" too
    ("(?i:a)bc", False),
    ("(?:a)bc", False),
]


@pytest.mark.parametrize(("pattern", "folds"), HAND_MADE)
def test_hand_made(pattern: str, folds: bool) -> None:
    assert _folds_fully(pattern) == folds
    assert may_fold_fully(pattern) == (folds or "(?-f)" in pattern or "(?f:" in pattern)


def _table_patterns() -> list[str]:
    out: list[str] = []
    for _, _, pattern in (*PHRASES, *WHOLE_BLOCK_PHRASES):
        out += [pattern, *top_level_branches(pattern)]
    return sorted(set(out))


@pytest.mark.parametrize("pattern", _table_patterns())
def test_tables_read_as_compiled(pattern: str) -> None:
    # No row sets full case folding: the text and the compile agree on every row and branch.
    assert may_fold_fully(pattern) == _folds_fully(pattern)


def test_another_default_version_reads_as_version_0(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rows are compiled with version 0 given: a program that makes version 1 the
    # default (IGNORECASE folding fully there) changes neither their facts nor their matches.
    monkeypatch.setattr(regex, "DEFAULT_VERSION", regex.VERSION1)
    assert not may_fold_fully("abc")
    assert first_chars("^abc", anchored=False) == bytes(c in b"aA" for c in range(128))
