"""The phrase rows a block's tokens select (``_phrases``' index read per token), and the
digit test of its keyless gate on ASCII texts.

These run for every token of every block: the compiled build runs them in C
(``_ctokens.phrase_rows`` and ``has_ascii_digit``: 0.8 and 0.3 times the instructions of
these compiled, on the profile's 20 pages), with these functions as their reference
(tests/test_ctokens_rows.py checks that both give the same); a pure install runs these.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, cast

from ._compiled import c_module

PREFIX: Final = 5  # keys are indexed by at most their first five letters
MIN_PREFIX: Final = 3  # keys of three letters or more also match longer tokens that start with them

Rows = tuple[int, ...]


def candidates(  # noqa: PLR0917 - the signature of the C loop it is the reference of
    rows_of: dict[str, Rows],
    tokens: list[str],
    exact: dict[str, Rows],
    prefix: dict[str, Rows],
    heads: frozenset[str],
    keyless: Rows,
    sieve: bytes = b"",
) -> list[int]:
    """The rows to try on a block, in row order, each once: ``keyless`` and those whose key
    words its tokens hold (:func:`_rows_of_token`), each token's looked up once a page
    through ``rows_of``. Most blocks have none: no set is made for them. ``sieve``
    (:func:`head_sieve`) is the C loop's shortcut, unread here: the rows are the same."""
    del sieve
    rows: list[int] = list(keyless)
    for token in tokens:
        found = rows_of.get(token)
        if found is None:
            found = rows_of[token] = _rows_of_token(token, exact, prefix, heads)
        if found:
            rows += found
    return sorted(set(rows)) if rows else rows


def _rows_of_token(
    token: str, exact: dict[str, Rows], prefix: dict[str, Rows], heads: frozenset[str]
) -> Rows:
    """The rows of the key equal to ``token`` when it is shorter than ``MIN_PREFIX`` (the
    index's ``exact`` keys are: the longer ones are prefix keys), else those of the longest
    prefix key (three to five letters) it starts with."""
    if len(token) < MIN_PREFIX:
        return exact.get(token, ())
    if token[:MIN_PREFIX] in heads:  # else none can match: most tokens
        # The longest prefix key the token starts with: its rows hold those of the shorter ones.
        for n in range(min(len(token), PREFIX), MIN_PREFIX - 1, -1):
            rows = prefix.get(token[:n])
            if rows is not None:
                return rows
    return ()


SIEVE_BYTES: Final = 2048  # a head sieve's size: 16,384 slots, a few hundred of them set


def head_slot(head: str) -> int:
    """The slot of a token's first three characters (each below U+0100) in a head sieve;
    ``_ctokens.phrase_rows`` computes the same."""
    return ((ord(head[0]) * 31 + ord(head[1])) * 31 + ord(head[2])) % (SIEVE_BYTES * 8)


def head_sieve(heads: frozenset[str]) -> bytes:
    """The bits of the slots of ``heads`` (an index's first three letters of its prefix
    keys) that a one-byte str can start with: ``_ctokens.phrase_rows`` passes over a one-byte
    token of three characters or more whose slot's bit is 0 (it starts with no head, so it
    selects no row; a dictionary look-up and a cached empty tuple saved), as most are."""
    bits = bytearray(SIEVE_BYTES)
    for head in heads:
        assert len(head) == MIN_PREFIX
        if max(map(ord, head)) < 0x100:  # a one-byte str starts with no other
            slot = head_slot(head)
            bits[slot >> 3] |= 1 << (slot & 7)
    return bytes(bits)


# The ASCII characters regex's \d takes under IGNORECASE (test_fast_paths checks all 128):
# the standard re scans a class of ASCII characters with a bitmap, regex looks up each
# character's Unicode category (a third of the anywhere gate's time).
_ASCII_DIGIT: Final = re.compile("[0-9]")


def has_ascii_digit(text: str) -> bool:
    """Whether ``text`` holds one of 0-9."""
    return _ASCII_DIGIT.search(text) is not None


CPhraseRows = Callable[
    [dict[str, Rows], list[str], dict[str, Rows], dict[str, Rows], frozenset[str], Rows, bytes], list[int]
]


def _c_loops() -> tuple[CPhraseRows, Callable[[str], bool]]:
    """The C loops of the compiled build, else the functions above (a pure install)."""
    module = c_module("_ctokens")
    if module is None:
        return candidates, has_ascii_digit
    return cast(CPhraseRows, module.phrase_rows), cast(Callable[[str], bool], module.has_ascii_digit)


# Looked up once at import (a pure install's failed import of _ctokens searches the path).
_C_LOOPS: Final = _c_loops()
phrase_rows: Final = _C_LOOPS[0]
ascii_digit: Final = _C_LOOPS[1]
