"""The phrase tables' facts as data: what their patterns say about their matches, read once
at development time, not by every process.

The rows' and gates' facts (``_phrase_match``: first characters, digits, per-branch facts,
whether a lowercased ASCII text reads alike; ``_phrase_sieve``: their sieves;
``_phrases``: the rows' key words and the keyless gate's groups) are read from the pattern
strings by ``_pattern_reader`` and ``_match_facts``. Read in each process, they cost the
compiled build about 430 M instructions over the profile's 20 pages after one warm-up call
(benchmarks/RESULTS.md, issue5-facts36), inside the pages the issue's command times; read
from the data, 20 M. ``scripts/generate_phrase_facts.py`` reads them once, with the same
functions, into ``_phrase_facts_data`` (per table a tuple of JSON texts, one entry each,
checked in; tests/test_phrase_facts.py fails when it is not current). Here they are looked
up by pattern, an entry's text read on its first look-up: a pattern the data does not hold
(a caller's own) is read from its text as before, so an output never depends on the data.

The facts hold for patterns compiled under regex's version 0 (``\\w`` of IGNORECASE folds
simply; version 1 folds fully, and one character can then match two): the data records
the version it was read under, and is used only while the phrase regexes are compiled
under that same version (:func:`regex_version`).

Not compiled: each pattern is looked up once per process (its callers cache the answer).
"""

from __future__ import annotations

import functools
from typing import Any, Final

# What a match can start with, of ``_match_facts.first_chars``: the ASCII characters
# (None: any, the mask b"").
Chars = str | None
BranchRow = tuple[int, Chars, tuple[str, ...], tuple[tuple[str, ...], ...]]  # BranchFacts
FactsRow = tuple[BranchRow, ...]
WholeRow = tuple[bool, Chars, int, int, FactsRow, FactsRow]  # _phrase_match._Whole
# _phrase_match._Split: start, rest, alike, first, digits of each, runs of each, facts of each
# (ASCII, any)
SplitRow = tuple[str, str, bool, Chars, int, int, int, int, FactsRow, FactsRow, FactsRow, FactsRow]
SieveRow = tuple[tuple[str, ...], tuple[str, ...], str]  # _phrase_sieve.Sieve
FilterRow = tuple[SieveRow, SieveRow]  # _phrase_sieve.PhraseFilter: ASCII texts, any text
GateRow = tuple[str, str, str]  # _phrase_keys.Gate

_ASCII: Final = 128


def regex_version() -> int:
    """The version the phrase regexes are compiled under: 0, given explicitly
    (``_phrase_match._FOLDED`` and ``_PLAIN``), whatever ``regex.DEFAULT_VERSION`` is."""
    return 0


@functools.cache
def _table(name: str) -> dict[str, str]:
    """One table of the data by its entries' keys, each entry's JSON text read only when
    its key is first looked up (:func:`_stored`): the table is loaded then."""
    import json

    from . import _phrase_facts_data

    key = json.JSONDecoder().raw_decode  # an entry's text starts with '["', its key
    return {key(text, 1)[0]: text for text in getattr(_phrase_facts_data, name)}


def _stored(name: str, key: str) -> list[Any] | None:
    """The row of ``key`` in the table ``name``; None when not stored, or when the data was
    read under another regex version than the phrase regexes are compiled under."""
    import json

    from ._phrase_facts_data import REGEX_VERSION

    if regex_version() != REGEX_VERSION:
        return None
    text = _table(name).get(key)
    if text is None:
        return None
    row: list[Any] = json.loads(text)[1:]
    return row


def whole_form(pattern: str) -> WholeRow | None:
    """The stored facts of ``pattern`` matched as a whole text; None when not stored."""
    entry = _stored("WHOLE_FORMS", pattern)
    if entry is None:
        return None
    alike, first, digits, runs, ascii_facts, wide_facts = entry
    return bool(alike), first, int(digits), int(runs), _facts(ascii_facts), _facts(wide_facts)


def split_form(pattern: str) -> SplitRow | None:
    """The stored facts of ``pattern`` searched in a text; None when not stored."""
    entry = _stored("SPLIT_FORMS", pattern)
    if entry is None:
        return None
    start, rest, alike, first, start_digits, rest_digits, start_runs, rest_runs, *facts = entry
    start_ascii, start_wide, rest_ascii, rest_wide = facts
    return (
        str(start),
        str(rest),
        bool(alike),
        first,
        int(start_digits),
        int(rest_digits),
        int(start_runs),
        int(rest_runs),
        _facts(start_ascii),
        _facts(start_wide),
        _facts(rest_ascii),
        _facts(rest_wide),
    )


def _facts(rows: list[list[Any]]) -> FactsRow:
    return tuple(
        (int(digits), first, tuple(starts), tuple(map(tuple, needs))) for digits, first, starts, needs in rows
    )


def phrase_filter(pattern: str, *, whole: bool) -> FilterRow | None:
    """The stored sieves of ``pattern`` (``whole``: matched as a whole text)."""
    entry = _stored("WHOLE_FILTERS" if whole else "FOUND_FILTERS", pattern)
    if entry is None:
        return None
    (ascii_starts, ascii_holds, ascii_rest), (wide_starts, wide_holds, wide_rest) = entry
    return (
        (tuple(ascii_starts), tuple(ascii_holds), str(ascii_rest)),
        (tuple(wide_starts), tuple(wide_holds), str(wide_rest)),
    )


def key_words(pattern: str) -> tuple[str, ...] | None:
    """The stored key words of a row's pattern ((): none, the row is keyless); None when
    not stored."""
    entry = _stored("KEY_WORDS", pattern)
    return None if entry is None else tuple(entry[0])


def gate(branches: str) -> GateRow | None:
    """The stored groups of the keyless rows' branches (joined by ``|``)."""
    entry = _stored("GATES", branches)
    return None if entry is None else (str(entry[0]), str(entry[1]), str(entry[2]))


@functools.cache
def mask(chars: Chars) -> bytes:
    """A first-characters mask (``_match_facts.first_chars``) of its stored characters (one
    object per mask: many branches share one)."""
    if chars is None:
        return b""
    out = bytearray(_ASCII)
    for char in chars:
        out[ord(char)] = 1
    return bytes(out)


def chars_of(first: bytes) -> Chars:
    """The stored characters of a first-characters mask: :func:`mask`'s inverse."""
    return None if not first else "".join(chr(c) for c in range(_ASCII) if first[c])
