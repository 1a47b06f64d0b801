"""Whole-row tables cut by a text's first character, for the rules that match short lines
against their rows (_controls, _titled_boxes).

A table's sieve (``_phrase_sieve.Sieve``) asks a lowered ASCII text whether it starts with
one of the strings every match of a branch starts with, one string after another: the
controls' 49 of them for a text whose first letter starts any one (about 3,100 instructions
a call on "hello world, this is a page."). A text starts only with a string that begins with
its own first character, so the sieve of the strings that begin with it (and an empty one)
gives the same answer; its holds and rest, the pattern and the wide texts' sieve stay as
they are.
"""

from __future__ import annotations

from typing import Final

from ._phrase_match import WholeRows
from ._phrase_sieve import sieve

_ASCII: Final = 128


def by_start(table: WholeRows) -> tuple[WholeRows, ...]:
    """Per ASCII character, ``table`` with its ASCII sieve's starts cut to those that begin
    with the character lowered (the sieve reads the text lowered), and ``table`` itself last
    (for any other text: :func:`for_text`)."""
    whole = table.sieve.ascii
    out: list[WholeRows] = []
    for code in range(_ASCII):
        low = chr(code).lower()
        starts = tuple(s for s in whole.starts if not s or s[0] == low)
        cut = sieve(starts, whole.holds, whole.rest)
        out.append(WholeRows(table.source, table.sieve._replace(ascii=cut), table.first))
    out.append(table)
    return tuple(out)


def for_text(tables: tuple[WholeRows, ...], stripped: str) -> WholeRows:
    """The table of ``tables`` (of :func:`by_start`) that sieves ``stripped``: its first
    character's when that is ASCII, else the whole table."""
    if stripped:
        code = ord(stripped[0])
        if code < _ASCII:
            return tables[code]
    return tables[_ASCII]
