"""Whole-row tables cut by a text's first character (``_row_starts``) give the whole table's
answers: on the controls' and the titled boxes' tables, for every ASCII first character (of
either case) and others, the cut sieve passes the texts the whole sieve passes, and the rows
are found as before; the cut tables hold fewer starts."""

from __future__ import annotations

import random

import pytest

from boilerstrip._controls import CONTROLS, _is_control, _starts, _table
from boilerstrip._phrase_match import WholeRows, is_whole_row
from boilerstrip._phrase_sieve import sieve_passes
from boilerstrip._row_starts import by_start, for_text
from boilerstrip._titled_boxes import _tables

_WORDS = [
    "add to cart",
    "sort by",
    "view",
    "more",
    "hide filters",
    "in",
    "do koszyka",
    "per page",
    "about me",
]
_WORDS += [
    "recent posts",
    "view my complete profile",
    "related reads",
    "hello",
    "world",
    "x",
    "1",
    "é",
    "»",
    " ",
]


def _all_tables() -> list[WholeRows]:
    return [_table(), *_tables()]


def _texts(seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = [chr(c) + w for c in range(128) for w in ("", "dd to cart", "ort by", "ore", "iew", "bout me")]
    for _ in range(1500):
        text = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 4)))
        texts.append(text.upper() if rng.random() < 0.3 else text)
    return texts


@pytest.mark.parametrize("which", range(4))
@pytest.mark.parametrize("seed", range(3))
def test_the_cut_sieve_passes_what_the_whole_one_does(which: int, seed: int) -> None:
    table = _all_tables()[which]
    tables = by_start(table)
    passed = 0
    for text in _texts(seed):
        held = text.lower()
        if not text.isascii():
            assert for_text(tables, text) is table or ord(text[0]) < 128
            continue
        whole = sieve_passes(table.sieve.ascii, held)
        passed += whole
        assert sieve_passes(for_text(tables, text).sieve.ascii, held) is whole, text
        assert is_whole_row(for_text(tables, text), text) is is_whole_row(table, text), text
    assert passed > 50


@pytest.mark.parametrize("which", range(4))
def test_each_cut_table_holds_the_starts_of_its_character(which: int) -> None:
    table = _all_tables()[which]
    tables = by_start(table)
    assert len(tables) == 129 and tables[128] is table
    whole = table.sieve.ascii.starts
    for code in range(128):
        cut = tables[code]
        low = chr(code).lower()
        assert cut.sieve.ascii.starts == tuple(s for s in whole if s[:1] in ("", low))
        assert (cut.source, cut.first, cut.sieve.wide) == (table.source, table.first, table.sieve.wide)
        assert cut.sieve.ascii.holds == table.sieve.ascii.holds
    assert max(len(t.sieve.ascii.starts) for t in tables[:128]) < len(whole)


@pytest.mark.parametrize("text", ["", "é", "»Add to cart", "中文"])
def test_a_text_past_ascii_or_empty_takes_the_whole_table(text: str) -> None:
    tables = by_start(_table())
    assert for_text(tables, text) is _table()


@pytest.mark.parametrize(
    ("text", "control"),
    [(label, True) for label in ("Add to cart", "SORT BY", "Quick view", "Load more", "Compare")]
    + [
        (text, False) for text in ("Hello world, this is a page.", "In 2019", "Add to", "More on coronavirus")
    ],
)
def test_controls_are_found_through_the_cut_tables(text: str, control: bool) -> None:
    assert _is_control(by_start(_table()), _starts(), text) is control
    assert len(CONTROLS) > 20
