"""The phrase tables' facts as data: what their patterns say about their matches, read once
at development time, not by every process.

The rows' and gates' facts (``_phrase_match``: first characters, digits, per-branch facts,
whether a lowercased ASCII text reads alike; ``_phrase_sieve``: their sieves;
``_phrases``: the rows' key words and the keyless gate's groups) are read from the pattern
strings by ``_pattern_reader`` and ``_match_facts``. Read in each process, they cost it
about 430 M instructions of the first 20 cold pages of the compiled build (benchmarks/
RESULTS.md, issue5-facts36), most of them inside the pages the issue's command times.
``scripts/generate_phrase_facts.py`` reads them once, with the same functions, into
``_phrase_facts_data`` (plain literals, checked in; tests/test_phrase_facts.py fails when
it is not current). Here they are looked up by pattern: a pattern the data does not hold
(a caller's own) is read as before, so an output never depends on the data.

The facts hold for patterns compiled under regex's version 0 (``\\w`` of IGNORECASE folds
simply; version 1 folds fully, and one character can then match two): the data records
the version it was read under, and is used only while the phrase regexes are compiled
under that same version (:func:`regex_version`).

Not compiled: each pattern is looked up once per process (its callers cache the answer).
"""

from __future__ import annotations

import functools
from typing import Final

import regex

# What a match can start with, of ``_match_facts.first_chars``: the ASCII characters
# (None: any, the mask b"").
Chars = str | None
BranchRow = tuple[int, Chars, tuple[str, ...], tuple[tuple[str, ...], ...]]  # BranchFacts
FactsRow = tuple[BranchRow, ...]
WholeRow = tuple[bool, Chars, int, FactsRow, FactsRow]  # _phrase_match._Whole
# _phrase_match._Split: start, rest, alike, first, digits of each, facts of each (ASCII, any)
SplitRow = tuple[str, str, bool, Chars, int, int, FactsRow, FactsRow, FactsRow, FactsRow]
SieveRow = tuple[tuple[str, ...], tuple[str, ...], str]  # _phrase_sieve.Sieve
FilterRow = tuple[SieveRow, SieveRow]  # _phrase_sieve.PhraseFilter: ASCII texts, any text
GateRow = tuple[str, str, str]  # _phrases._Gate

_ASCII: Final = 128


def regex_version() -> int:
    """The version (0 or 1) the phrase regexes are compiled under (``_phrase_match._compiled``
    and ``_plain`` name none: regex's default, which a program may change)."""
    return 0 if regex.DEFAULT_VERSION == regex.VERSION0 else 1


def _current() -> bool:
    """Whether the data holds: it was read under the version the regexes are compiled under."""
    from ._phrase_facts_data import REGEX_VERSION

    return regex_version() == REGEX_VERSION


def whole_form(pattern: str) -> WholeRow | None:
    """The stored facts of ``pattern`` matched as a whole text; None when not stored."""
    if not _current():
        return None
    from ._phrase_facts_data import WHOLE_FORMS

    return WHOLE_FORMS.get(pattern)


def split_form(pattern: str) -> SplitRow | None:
    """The stored facts of ``pattern`` searched in a text; None when not stored."""
    if not _current():
        return None
    from ._phrase_facts_data import SPLIT_FORMS

    return SPLIT_FORMS.get(pattern)


def phrase_filter(pattern: str, *, whole: bool) -> FilterRow | None:
    """The stored sieves of ``pattern`` (``whole``: matched as a whole text)."""
    if not _current():
        return None
    from ._phrase_facts_data import FOUND_FILTERS, WHOLE_FILTERS

    return (WHOLE_FILTERS if whole else FOUND_FILTERS).get(pattern)


def key_words(pattern: str) -> tuple[str, ...] | None:
    """The stored key words of a row's pattern ((): none, the row is keyless); None when
    not stored."""
    if not _current():
        return None
    from ._phrase_facts_data import KEY_WORDS

    return KEY_WORDS.get(pattern)


def gate(branches: str) -> GateRow | None:
    """The stored groups of the keyless rows' branches (joined by ``|``)."""
    if not _current():
        return None
    from ._phrase_facts_data import GATES

    return GATES.get(branches)


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
