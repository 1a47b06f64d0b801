"""Sieves of the phrase rows: literal strings read from each branch of a pattern
(``_pattern_reader.branch_literals`` and ``branch_prefixes``), so that ``_phrases`` rules a
text out with ``str.startswith`` and ``in`` before any regex call. Most blocks that hold a
row's key word hold none of its phrases: on the profile's 20 pages the rows' and gates'
regex calls (search and fullmatch) fall from 18,754 to 5,196. A text that holds none of a
pattern's strings is tried only with its branches that have none (often none at all)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, NamedTuple

from . import _phrase_facts
from ._pattern_reader import branch_literals, branch_prefixes, top_level_branches
from ._phrase_rows import c_sieve_passes

_ASCII: Final = 128


class Sieve(NamedTuple):
    """A pattern's branches split by literal strings that every match of a branch starts
    with (:func:`branch_prefixes`: the branch can match only at the text's start) or
    holds (:func:`branch_literals`), and the branches with neither as one alternation
    ("" when none). A text that starts with none of ``starts`` and holds none of ``holds``
    can match only the others (a text holds a match of an alternation if and only if it
    holds one of a branch)."""

    starts: tuple[str, ...]
    holds: tuple[str, ...]
    rest: str
    # A byte per ASCII character, 1 for the first characters of ``starts`` (all 1 when one
    # is ""): a text whose first character is ASCII and 0 here starts with none of them, and
    # is not asked (most are not: a whole-block row has seven strings on the average).
    first: bytes
    # Per string of ``holds``, the place of its least common character (:func:`rare_place`),
    # where the compiled build's search (``_ctokens_sieve.c``) looks for it first; b"": each
    # string searched for its first character. Speed only: every place is compared whole.
    places: bytes = b""


def sieve(starts: tuple[str, ...], holds: tuple[str, ...], rest: str) -> Sieve:
    """A :class:`Sieve` of these strings, with the first characters of ``starts`` and the
    places of the least common characters of ``holds``."""
    first = bytearray(_ASCII)
    for string in starts:
        if not string:
            first = bytearray(b"\x01" * _ASCII)
            break
        if ord(string[0]) < _ASCII:
            first[ord(string[0])] = 1
    return Sieve(starts, holds, rest, bytes(first), bytes([rare_place(string) for string in holds]))


# The space and English letters from the most common in lowered text to the least; any other
# character (punctuation, digits, anything past ASCII) is rarer than all of them.
_COMMON: Final = " etaoinshrdlcumwfgypbvkjxqz"
# A rank a Latin-1 character (any other: 0), the more common the higher.
_RANKS: Final = bytes(
    len(_COMMON) - _COMMON.find(chr(code)) if chr(code) in _COMMON else 0 for code in range(256)
)
_PLACES: Final = 256  # a place is one byte: a string's first 256 characters are read


def rare_place(string: str) -> int:
    """The place of ``string``'s least common character among its first ``_PLACES`` (the
    first of the least common): the compiled build's search of a hold looks for it by
    ``memchr``, where its first character ("e" of "edit ", a space) is met in most texts
    many times, each meeting a call of ``memchr`` and one of ``memcmp``."""
    place, least = 0, len(_COMMON) + 1
    for i in range(min(len(string), _PLACES)):
        code = ord(string[i])
        rank = _RANKS[code] if code < len(_RANKS) else 0
        if rank < least:
            place, least = i, rank
            if rank == 0:  # (none is rarer)
                break
    return place


def may_start_one(sieve: Sieve, held: str) -> bool:
    """Whether ``held`` may start with one of ``sieve.starts``: False when its first
    character is ASCII and the first of none of them (as ``held.startswith`` says)."""
    if not held:
        return bool(sieve.starts)  # (asked again: "" starts with "" only)
    code = ord(held[0])
    return code >= _ASCII or sieve.first[code] != 0


class PhraseFilter(NamedTuple):
    """A pattern's sieves, their strings held by texts lowercased: for ASCII texts, and
    for any text (fewer characters are read as literal there: see branch_literals)."""

    ascii: Sieve
    wide: Sieve


def phrase_filter(pattern: str, *, whole: bool) -> PhraseFilter:
    """``whole``: the pattern is matched against all of a text (every branch starts there).
    Stored for the tables' patterns (``_phrase_facts``), else read (:func:`read_filter`)."""
    stored = _phrase_facts.phrase_filter(pattern, whole=whole)
    if stored is None:
        return read_filter(pattern, whole=whole)
    ascii_sieve, wide_sieve = stored
    return PhraseFilter(sieve(*ascii_sieve), sieve(*wide_sieve))


def read_filter(pattern: str, *, whole: bool) -> PhraseFilter:
    """:func:`phrase_filter`, read from the pattern's text."""
    branches = top_level_branches(pattern) if pattern else []
    return PhraseFilter(
        _sieve(branches, ascii_text=True, whole=whole), _sieve(branches, ascii_text=False, whole=whole)
    )


def _sieve(branches: list[str], *, ascii_text: bool, whole: bool) -> Sieve:
    starts: list[str] = []
    holds: list[str] = []
    rest: list[str] = []
    for branch in branches:
        prefixes = branch_prefixes(branch, ascii_text=ascii_text, anchored=whole)
        strings = () if prefixes else branch_literals(branch, ascii_text=ascii_text)
        starts += prefixes
        holds += strings
        if not prefixes and not strings:
            rest.append(branch)
    return sieve(tuple(dict.fromkeys(starts)), tuple(dict.fromkeys(holds)), "|".join(rest))


def holds_one(strings: tuple[str, ...], text: str) -> bool:
    return any(string in text for string in strings)


def passes(sieve: Sieve, held: str) -> bool:
    """Whether ``held`` starts with one of ``sieve.starts`` or holds one of ``sieve.holds``
    (else it can match only the sieve's ``rest``)."""
    return (may_start_one(sieve, held) and held.startswith(sieve.starts)) or holds_one(sieve.holds, held)


# The compiled build's ``_ctokens.sieve_passes`` (one C call where :func:`passes` made three,
# and each of its ``in`` searches cost about 230 instructions), else :func:`passes`.
sieve_passes: Final[Callable[[Sieve, str], bool]] = passes if c_sieve_passes is None else c_sieve_passes
