"""``_titled_boxes._MAX_CHARS`` is longer than every title row: a text longer than it is not
tried, so a longer title added to a table would never match (60 was a hand copy of the
longest row's length). A row's word wildcards (``[\\w'’]+``: "More Great WIRED Stories")
count as words of ``_WORD`` letters."""

from __future__ import annotations

import re._parser as sre

import pytest

from boilerstrip._phrase_table import BOX_TITLES, PROFILE_LINKS, RELATED_TITLES
from boilerstrip._titled_boxes import _MAX_CHARS

_WILDCARD = r"[\w'’]+"
_WORD = 12  # letters: "interviewing", "partnerships"
_UNBOUNDED = sre.MAXREPEAT


def _longest(pattern: str) -> int:
    """The longest text ``pattern`` matches, its word wildcards as words of _WORD letters."""
    return int(sre.parse(pattern.replace(_WILDCARD, rf"[\w'’]{{1,{_WORD}}}")).getwidth()[1])


def _too_long(rows: tuple[tuple[str, str, str], ...], limit: int) -> list[tuple[str, int]]:
    return [(pattern, n) for _, _, pattern in rows if (n := _longest(pattern)) > limit]


@pytest.mark.parametrize(
    "rows", [BOX_TITLES, PROFILE_LINKS, RELATED_TITLES], ids=["box titles", "profile links", "related titles"]
)
def test_every_title_row_fits_the_length_tried(rows: tuple[tuple[str, str, str], ...]) -> None:
    assert all(_longest(pattern) < _UNBOUNDED for _, _, pattern in rows)  # no other open repeat
    assert _too_long(rows, _MAX_CHARS) == []


@pytest.mark.parametrize(
    ("pattern", "longest"),
    [
        ("about me", 8),
        (r"more (?:[\w'’]+ ){0,3}(?:stories|news)", 5 + 3 * (_WORD + 1) + 7),
        ("x" * (_MAX_CHARS + 1), _MAX_CHARS + 1),
        (r"(?:das|diese[sr]?) könnten? (?:sie|dich) (?:auch |ebenfalls )?interessieren", 43),
    ],
    ids=["literal", "wildcard words", "one too long", "alternatives"],
)
def test_the_longest_match_is_measured(pattern: str, longest: int) -> None:
    assert _longest(pattern) == longest
    assert bool(_too_long((("sidebar", "en", pattern),), _MAX_CHARS)) is (longest > _MAX_CHARS)
