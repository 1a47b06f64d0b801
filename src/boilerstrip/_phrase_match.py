"""A phrase row's or gate's pattern matched against a block's text: its sieve, the facts of
its matches (``_match_facts``), then its regex, compiled once per process when first needed.

Every step gives the regex's answer: a sieve or a fact rules a text out only where the
pattern cannot match it (tests/test_match_facts.py, tests/test_phrase_sieve.py and
tests/test_fast_paths.py check each against the regex). ASCII texts (nine blocks in ten) are
searched lowercased without IGNORECASE by every pattern that reads them alike
(``_pattern_reader.reads_alike_lowered``).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from ._match_facts import (
    BranchFacts,
    branch_facts,
    first_chars,
    lacks_digits,
    may_match,
    may_start,
    min_digits,
)
from ._pattern_reader import reads_alike_lowered, top_level_branches
from ._phrase_rows import ascii_digit
from ._phrase_sieve import PhraseFilter, holds_one

# (the facts of ASCII texts, those of any text), each () when they add nothing
Facts = tuple[tuple[BranchFacts, ...], tuple[BranchFacts, ...]]


def _facts(pattern: str, *, anchored: bool) -> Facts:
    return (
        branch_facts(pattern, anchored=anchored, ascii_text=True),
        branch_facts(pattern, anchored=anchored, ascii_text=False),
    )


@functools.cache
def _compiled(pattern: str) -> regex.Pattern[str]:
    """A row's pattern, compiled once per process when a block first needs it."""
    return regex.compile(pattern, regex.IGNORECASE)


class _Whole(NamedTuple):
    """A whole-block row compiled for any text, and for lowercased ASCII texts when it reads
    them alike (:func:`reads_alike_lowered`); and its :mod:`_match_facts`."""

    folded: regex.Pattern[str]
    fast: regex.Pattern[str] | None
    first: bytes
    digits: int
    facts: Facts


@functools.cache
def _whole_forms(pattern: str) -> _Whole:
    fast = regex.compile(pattern) if reads_alike_lowered(pattern) else None
    facts = _facts(pattern, anchored=True)
    return _Whole(_compiled(pattern), fast, first_chars(pattern, anchored=True), min_digits(pattern), facts)


def _fullmatch(pattern: str, text: str, lowered: str | None, held: str | None = None) -> bool:
    """Whether ``pattern`` matches all of ``text``; ``lowered`` is ``text`` lowercased when
    it is ASCII, else None; ``held`` is ``text`` lowercased (None: lowercased here when
    needed). A text whose first character starts no match, an ASCII one with fewer digits
    than every match consumes, or one that no branch's facts let match, is not searched."""
    folded, fast, first, digits, facts = _whole_forms(pattern)
    if not may_start(first, text) or lacks_digits(digits, text, lowered):
        return False
    branches = facts[0] if lowered is not None else facts[1]
    if branches and not may_match(branches, text, text.lower() if held is None else held, lowered):
        return False
    if lowered is not None and fast is not None:
        return fast.fullmatch(lowered) is not None
    return folded.fullmatch(text) is not None


class _Split(NamedTuple):
    """A pattern's top-level branches in two alternations: those that start with ``^``
    (they can match at the text's start only: no pattern sets MULTILINE) and the others;
    and their :mod:`_match_facts` (the first characters, of the ``^`` branches only)."""

    start: regex.Pattern[str] | None
    rest: regex.Pattern[str] | None
    first: bytes = b""
    start_digits: int = 0
    rest_digits: int = 0
    start_facts: Facts = ((), ())
    rest_facts: Facts = ((), ())


@functools.cache
def _split(pattern: str) -> tuple[_Split, _Split | None]:
    """``pattern`` split for :func:`_found`, compiled once per process when first needed:
    for any text, and for lowercased ASCII texts (no IGNORECASE) when it reads them alike
    (:func:`reads_alike_lowered`), else None."""
    branches = top_level_branches(pattern)
    start = "|".join(b for b in branches if b.startswith("^"))
    rest = "|".join(b for b in branches if not b.startswith("^"))
    facts = (
        first_chars(start, anchored=False),
        min_digits(start),
        min_digits(rest),
        _facts(start, anchored=False),
        _facts(rest, anchored=False),
    )
    folded = _Split(_compiled(start) if start else None, _compiled(rest) if rest else None, *facts)
    if not reads_alike_lowered(pattern):
        return folded, None
    fast = _Split(regex.compile(start) if start else None, regex.compile(rest) if rest else None, *facts)
    return folded, fast


def _found(pattern: str, text: str, lowered: str | None = None, held: str | None = None) -> bool:
    """Whether ``pattern`` occurs in ``text``: the same answer as ``search``, since a text
    holds a match of an alternation if and only if it holds a match of one of its
    branches. Searched together, a ``^`` branch is tried again at every position of the
    text and keeps the others from the engine's fast scans; apart, it is tried once at
    the start (the rows' searches on dev pages take 0.72 times the instructions).
    ``lowered`` is ``text`` lowercased when it is ASCII, else None; ``held`` as for
    :func:`_fullmatch`. The ``^`` branches are not tried on a text whose first character
    starts none of their matches; neither part on an ASCII text with fewer digits than each
    of its matches consumes, nor on one that none of its branches' facts let match."""
    folded, fast = _split(pattern)
    start, rest = folded.start, folded.rest
    which = 0 if lowered is not None else 1
    if not may_start(folded.first, text) or lacks_digits(folded.start_digits, text, lowered):
        start = None
    elif folded.start_facts[which]:
        held = text.lower() if held is None else held
        if not may_match(folded.start_facts[which], text, held, lowered):
            start = None
    if lacks_digits(folded.rest_digits, text, lowered):
        rest = None
    elif folded.rest_facts[which]:
        held = text.lower() if held is None else held
        if not may_match(folded.rest_facts[which], text, held, lowered):
            rest = None
    if lowered is not None and fast is not None:
        text = lowered
        start, rest = fast.start if start is not None else None, fast.rest if rest is not None else None
    return (start is not None and start.match(text) is not None) or (
        rest is not None and rest.search(text) is not None
    )


def has_digit(text: str, lowered: str | None) -> bool:
    """Whether ``text`` holds a character regex's ``\\d`` matches (``lowered``: as above)."""
    if lowered is not None:
        return ascii_digit(text, 1)
    return _compiled(r"\d").search(text) is not None


def matches(
    pattern: str, filter_: PhraseFilter, text: str, lowered: str | None, held: str, *, whole: bool
) -> bool:
    """Whether ``pattern`` matches all of ``text`` (``whole``) or occurs in it, its filter
    ``filter_`` read first: when ``text`` holds none of its strings, only the branches
    without strings are tried (the same answer: a text holds a match of an alternation if
    and only if it holds one of a branch). ``lowered`` as for :func:`_found`; ``held`` is
    ``text`` lowercased."""
    starts, holds, rest = filter_.ascii if lowered is not None else filter_.wide
    if not held.startswith(starts) and not holds_one(holds, held):
        if not rest:
            return False
        pattern = rest
    return _fullmatch(pattern, text, lowered, held) if whole else _found(pattern, text, lowered, held)
