"""The titled boxes' first-character sieve (``_titled_boxes._starts``) rules out only texts
that are no title: on every table, each ASCII character and a few others alone, before a
title, before spaces and stripped punctuation and a title, and each row's own words, the
sieved test gives the unsieved one's answer (the stripped text, at most 40 characters, is
one of the rows)."""

from __future__ import annotations

import pytest

from boilerstrip._phrase_match import WholeRows, is_whole_row
from boilerstrip._phrases import STRIPPED
from boilerstrip._row_starts import by_start
from boilerstrip._titled_boxes import _all_starts, _is_whole, _tables

_TITLES = ["About Me", "Recent Posts", "View my complete profile", "Related reads", "You may also like"]


def _texts() -> list[str]:
    starts = [chr(c) for c in range(128)] + ["é", "É", "…", "»", "«", "·", "\u00a0", "İ", "ß", "中"]
    texts = ["", *_TITLES, *(t.lower() for t in _TITLES), *(t.upper() for t in _TITLES)]
    for c in starts:
        texts += [c, c + "About Me", c + " " + "Recent Posts", c + "..", c + "Related reads:"]
    return texts


def _plain(table: WholeRows, text: str) -> bool:
    stripped = text.strip(STRIPPED)
    return 0 < len(stripped) <= 40 and is_whole_row(table, stripped)


@pytest.mark.parametrize("which", [0, 1, 2])
def test_sieved_as_plain(which: int) -> None:
    table, starts = _tables()[which], _all_starts()[which]
    tables = by_start(table)
    answers = [(_is_whole(tables, starts, text), _plain(table, text)) for text in _texts()]
    assert [text for text, (sieved, plain) in zip(_texts(), answers) if sieved != plain] == []
    assert any(plain for _, plain in answers)  # the table's titles are found
    assert 0 < sum(starts) < 128  # the sieve rules out some characters
