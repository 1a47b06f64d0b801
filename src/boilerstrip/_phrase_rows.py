"""The phrase rows a block's tokens select (``_phrases``' index read per token), and the
digit test of its keyless gate on ASCII texts.

These run for every token of every block: the compiled build runs them in C
(``_ctokens.phrase_rows`` and ``has_ascii_digit``: 0.8 and 0.3 times the instructions of
these compiled, on the profile's 20 pages), with these functions as their reference
(tests/test_ctokens_rows.py checks that both give the same); a pure install runs these.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Final, NamedTuple, cast

from ._compiled import WordTable, c_module
from ._language import Tokens, token_list

PREFIX: Final = 5  # keys are indexed by at most their first five letters
MIN_PREFIX: Final = 3  # keys of three letters or more also match longer tokens that start with them

Rows = tuple[int, ...]


def candidates(  # noqa: PLR0917 - the signature of the C loop it is the reference of
    rows_of: dict[str, Rows],
    tokens: Tokens,
    exact: dict[str, Rows],
    prefix: dict[str, Rows],
    heads: frozenset[str],
    keyless: Rows,
    sieve: bytes = b"",
    table: bytes | None = None,
    limit: int = -1,
) -> list[int]:
    """The rows to try on a block, in row order, each once: ``keyless`` and those whose key
    words its first ``limit`` tokens (all when negative) hold (:func:`_rows_of_token`), each
    token's looked up once a page through ``rows_of``. Most blocks have none: no set is made
    for them. ``sieve`` (:func:`key_sieve`) and ``table`` (:func:`rows_table`) are the C
    loop's shortcuts, unread here: the rows are the same."""
    del sieve, table
    rows: list[int] = list(keyless)
    words = token_list(tokens)
    for token in words if limit < 0 else words[:limit]:
        found = rows_of.get(token)
        if found is None:
            found = rows_of[token] = _rows_of_token(token, exact, prefix, heads)
        if found:
            rows += found
    return sorted(set(rows)) if rows else rows


# A named tuple, not a tuple: the compiled build keeps it one object (a plain tuple of fixed
# length is unboxed there, and made again for each call of the C loop).
class Keys(NamedTuple):
    """An index's keys as :func:`pair_rows` reads them: its exact and prefix keys, their
    heads, its key sieve (:func:`key_sieve`) and its word table (:func:`rows_table`; None in a
    pure install)."""

    exact: dict[str, Rows]
    prefix: dict[str, Rows]
    heads: frozenset[str]
    sieve: bytes
    table: bytes | None


def pair_rows(
    tokens: Tokens,
    limit: int,
    first: Keys,
    second: Keys | None,
    rows_of: tuple[dict[str, Rows], ...],
) -> tuple[list[int], list[int]]:
    """The key rows of two indexes (:func:`candidates` without keyless rows) that a block's
    first ``limit`` tokens select: ``first``'s and ``second``'s (none when it is None), each
    index's token looked up once a page through its cache in ``rows_of``. The compiled
    build's ``_ctokens.pair_rows`` reads the tokens once for both, each in the index's word
    table."""
    exact, prefix, heads, _, _ = first
    first_rows = candidates(rows_of[0], tokens, exact, prefix, heads, (), limit=limit)
    if second is None:
        return first_rows, []
    exact, prefix, heads, _, _ = second
    return first_rows, candidates(rows_of[1], tokens, exact, prefix, heads, (), limit=limit)


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


SIEVE_BYTES: Final = 2048  # a key sieve's size: 16,384 slots, under a thousand of them set
_FNV_BASIS: Final = 2166136261
_FNV_PRIME: Final = 16777619


def key_slot(key: str) -> int:
    """The slot of a key or a token's first characters (each below U+0100) in a key
    sieve: FNV-1a over the characters, its high bits folded in; ``_ctokens.phrase_rows``
    computes the same."""
    h = _FNV_BASIS
    for char in key:
        h = ((h ^ ord(char)) * _FNV_PRIME) & 0xFFFFFFFF
    return (h ^ (h >> 15)) % (SIEVE_BYTES * 8)


def key_sieve(keys: Iterable[str]) -> bytes:
    """The bits of the slots of an index's keys (exact and prefix) that a one-byte str can
    be or start with:
    ``_ctokens.phrase_rows`` passes over a one-byte token shorter than ``MIN_PREFIX`` whose
    own slot's bit is 0, and over a longer one for which the bits of its first three, four
    and five characters are 0 (it is no exact key, or starts with no prefix key: it selects
    no row), as most are: no dictionary look-up and no cache entry."""
    bits = bytearray(SIEVE_BYTES)
    for key in keys:
        if max(map(ord, key)) < 0x100:  # a one-byte str is or starts with no other
            slot = key_slot(key)
            bits[slot >> 3] |= 1 << (slot & 7)
    return bytes(bits)


# The ASCII characters regex's \d takes under IGNORECASE (test_fast_paths checks all 128):
# the standard re scans a class of ASCII characters with a bitmap, regex looks up each
# character's Unicode category (a third of the anywhere gate's time).
_ASCII_DIGIT: Final = re.compile("[0-9]")
_ASCII_RUN: Final = re.compile("[0-9]+")


def has_ascii_digit(text: str, count: int = 1, runs: int = 1) -> bool:
    """Whether ``text`` holds one of 0-9, or ``count`` of them; and, ``runs`` above 1, in at
    least ``runs`` runs (digits with no other character between them)."""
    if runs > 1:
        found = _ASCII_RUN.findall(text)
        return len(found) >= runs and sum(map(len, found)) >= count
    if count <= 1:
        return count <= 0 or _ASCII_DIGIT.search(text) is not None
    return len(_ASCII_DIGIT.findall(text)) >= count


CPhraseRows = Callable[
    [
        dict[str, Rows],
        Tokens,
        dict[str, Rows],
        dict[str, Rows],
        frozenset[str],
        Rows,
        bytes,
        bytes | None,
        int,
    ],
    list[int],
]


CPairRows = Callable[
    [Tokens, int, Keys, Keys | None, tuple[dict[str, Rows], ...]], tuple[list[int], list[int]]
]
AsciiDigit = Callable[[str, int], bool]
AsciiDigits = Callable[[str, int, int], bool]  # (text, count, runs)
# _phrase_sieve.passes: a Sieve (starts, holds, rest, first, places) and a lowered text
SievePasses = Callable[[tuple[tuple[str, ...], tuple[str, ...], str, bytes, bytes], str], bool]
Lower = Callable[[str], str]


def _c_loops() -> tuple[
    CPhraseRows, AsciiDigit, WordTable | None, SievePasses | None, CPairRows, Lower | None, AsciiDigits
]:
    """The C loops of the compiled build, else the functions above (a pure install), and
    ``word_table``, ``sieve_passes`` (_phrase_sieve.passes in one call) and ``lower``, None
    in a pure install."""
    module = c_module("_ctokens")
    if module is None:
        return candidates, has_ascii_digit, None, None, pair_rows, None, has_ascii_digit
    return (
        cast(CPhraseRows, module.phrase_rows),
        cast(AsciiDigit, module.has_ascii_digit),
        cast(WordTable, module.word_table),
        cast(SievePasses, module.sieve_passes),
        cast(CPairRows, module.pair_rows),
        cast(Lower, module.lower),
        cast(AsciiDigits, module.has_ascii_digit),
    )


# Looked up once at import (a pure install's failed import of _ctokens searches the path).
_C_LOOPS: Final = _c_loops()
phrase_rows: Final = _C_LOOPS[0]
ascii_digit: Final = _C_LOOPS[1]
_word_table: Final = _C_LOOPS[2]
c_sieve_passes: Final = _C_LOOPS[3]
both_rows: Final = _C_LOOPS[4]  # pair_rows, by the C loop in the compiled build
# str.lower of a text of Latin-1 characters and separators, in C (None in a pure install)
c_lower: Final = _C_LOOPS[5]
ascii_digits: Final = _C_LOOPS[6]  # has_ascii_digit with its runs (the same C function)


def rows_table(
    exact: dict[str, Rows],
    prefix: dict[str, Rows],
    heads: frozenset[str],
    word_table: WordTable | None = _word_table,
) -> bytes | None:
    """An index's keys as the compiled build's ``phrase_rows`` reads them (None in a pure
    install): a ``word_table`` of the exact keys tagged "e", the prefix keys "p" and their
    heads "h", each key with its rows. There a token's rows are found from its characters:
    no str is made for its first letters, none is hashed, and no page caches them (a token
    looked up in the page's ``rows_of`` was hashed, and each new one cut and looked up
    again)."""
    if word_table is None:
        return None
    words = [*("e" + key for key in exact), *("p" + key for key in prefix), *("h" + head for head in heads)]
    rows = [*exact.values(), *prefix.values(), *([()] * len(heads))]
    return word_table(words, rows)
