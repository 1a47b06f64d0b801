"""A phrase row's or gate's pattern matched against a block's text: its sieve, the facts of
its matches (``_match_facts``), then its regex, compiled once per process when first needed.

Every step gives the regex's answer: a sieve or a fact rules a text out only where the
pattern cannot match it (tests/test_match_facts.py, tests/test_phrase_sieve.py and
tests/test_fast_paths.py check each against the regex). ASCII texts (nine blocks in ten) are
searched lowercased without IGNORECASE by every pattern that reads them alike
(``_pattern_reader.reads_alike_lowered``).
"""

from __future__ import annotations

from typing import Final, NamedTuple

import regex

from . import _phrase_facts
from ._digit_runs import min_runs
from ._match_facts import (
    BranchFacts,
    branch_facts,
    first_chars,
    lacks_digits,
    may_match,
    may_start,
    min_digits,
)
from ._pattern_reader import _closing, _syntax, reads_alike_lowered, top_level_branches
from ._pattern_store import compiled as stored_or_compiled
from ._phrase_facts import FactsRow, mask
from ._phrase_rows import ascii_digit
from ._phrase_sieve import PhraseFilter, phrase_filter, sieve_passes

Facts = tuple[BranchFacts, ...]  # () when they add nothing (:func:`branch_facts`)

# The rows' flags, the version given explicitly: the facts read from the patterns
# (_match_facts) assume version 0's simple case folding, whatever regex.DEFAULT_VERSION is.
_FOLDED: Final = regex.IGNORECASE | regex.VERSION0
_PLAIN: Final = regex.VERSION0
# regex's ``concurrent`` argument, given to every search here (positionally: a keyword costs the
# call a dict): False keeps the GIL through the match. By default regex releases and takes it
# again around each match of a str, about 230 of the 1,450 instructions of a search that fails at
# once, and most of these fail at once (a phrase row tried on a short text). The answer is the same.
_HOLD_GIL: Final = False


# The memos of this module: per process, a pattern's value made on its first use, which
# depends on the pattern alone (the same in every thread, so never an output's change). Dicts
# read by ``get``, not functools.cache: a call of the cache object cost the compiled build
# about 250 instructions a look-up (6,274 look-ups over the profile's 20 pages, 1.6 M).
_FOLDED_MEMO: Final[dict[str, regex.Pattern[str]]] = {}
_PLAIN_MEMO: Final[dict[str, regex.Pattern[str]]] = {}


def _compiled(pattern: str) -> regex.Pattern[str]:
    """A row's pattern, compiled (or loaded from ``_pattern_store``) once per process when a
    block first needs it."""
    found = _FOLDED_MEMO.get(pattern)
    if found is None:
        found = _FOLDED_MEMO[pattern] = folded(pattern)
    return found


def folded(pattern: str) -> regex.Pattern[str]:
    """``pattern`` compiled as a row is, IGNORECASE and version 0 given (from
    ``_pattern_store`` when it holds it)."""
    return stored_or_compiled(pattern, _FOLDED)


class _Whole(NamedTuple):
    """A whole-block row's :mod:`_match_facts`, and whether it reads lowercased ASCII texts
    alike without IGNORECASE (:func:`reads_alike_lowered`). Its regexes are compiled only
    when a text passes the facts (:func:`_compiled`, :func:`_plain`): most rows a block's
    keys select are ruled out by them, and a compile costs a thousand searches."""

    alike: bool
    first: bytes
    digits: int
    runs: int  # of _match_facts.min_runs
    ascii_facts: Facts  # of ASCII texts
    wide_facts: Facts  # of any text


def _plain(pattern: str) -> regex.Pattern[str]:
    """A pattern compiled without IGNORECASE, for lowercased ASCII texts, once per process
    when a text first needs it."""
    found = _PLAIN_MEMO.get(pattern)
    if found is None:
        found = _PLAIN_MEMO[pattern] = stored_or_compiled(pattern, _PLAIN)
    return found


_WHOLE_MEMO: Final[dict[str, _Whole]] = {}


def _whole_forms(pattern: str) -> _Whole:
    """:func:`whole_forms_of`, once per process and pattern."""
    found = _WHOLE_MEMO.get(pattern)
    if found is None:
        found = _WHOLE_MEMO[pattern] = whole_forms_of(pattern)
    return found


def whole_forms_of(pattern: str) -> _Whole:
    """``pattern``'s facts as a whole-text match: stored (``_phrase_facts``), else read."""
    stored = _phrase_facts.whole_form(pattern)
    if stored is None:
        return read_whole(pattern)
    alike, first, digits, runs, ascii_facts, wide_facts = stored
    return _Whole(alike, mask(first), digits, runs, _facts(ascii_facts), _facts(wide_facts))


def _facts(rows: FactsRow) -> Facts:
    return tuple([BranchFacts(digits, mask(first), starts, needs) for digits, first, starts, needs in rows])


def read_whole(pattern: str) -> _Whole:
    """``pattern``'s facts as a whole-text match, read from its text."""
    first, digits = first_chars(pattern, anchored=True), min_digits(pattern)
    ascii_facts = branch_facts(pattern, anchored=True, ascii_text=True)
    wide_facts = branch_facts(pattern, anchored=True, ascii_text=False)
    return _Whole(reads_alike_lowered(pattern), first, digits, min_runs(pattern), ascii_facts, wide_facts)


def _fullmatch(
    pattern: str, text: str, lowered: str | None, held: str | None = None, *, simple: bool = False
) -> bool:
    """Whether ``pattern`` matches all of ``text``; ``lowered`` is ``text`` lowercased when
    it is ASCII, else None; ``held`` is ``text`` lowercased (None: lowercased here when
    needed); ``simple``: ``text`` is of Latin-1 characters and separators (its only ``\\d``
    are 0-9, as an ASCII text's). A text whose first character starts no match, an ASCII or
    simple one with fewer digits (or runs of them) than every match has, or one that no
    branch's facts let match, is not searched."""
    alike, first, digits, runs, ascii_facts, wide_facts = _whole_forms(pattern)
    if not may_start(first, text) or lacks_digits(digits, runs, text, text if simple else lowered):
        return False
    branches = ascii_facts if lowered is not None else wide_facts
    if branches and not may_match(branches, text, text.lower() if held is None else held, lowered):
        return False
    if lowered is not None and alike:
        return _plain(pattern).fullmatch(lowered, None, None, _HOLD_GIL) is not None
    return _compiled(pattern).fullmatch(text, None, None, _HOLD_GIL) is not None


class _Split(NamedTuple):
    """A pattern's top-level branches in two alternations: those that start with ``^``
    (they can match at the text's start only: no pattern sets MULTILINE) and the others
    ("" for none); whether the pattern reads lowercased ASCII texts alike without IGNORECASE
    (:func:`reads_alike_lowered`); and the parts' :mod:`_match_facts` (the first
    characters, of the ``^`` branches only). Each part is compiled only when a text passes
    its facts, as :class:`_Whole`'s rows are."""

    start: str
    rest: str
    alike: bool
    first: bytes = b""
    start_digits: int = 0
    rest_digits: int = 0
    start_runs: int = 0  # of _match_facts.min_runs
    rest_runs: int = 0
    start_facts: tuple[Facts, Facts] = ((), ())  # (of ASCII texts, of any text)
    rest_facts: tuple[Facts, Facts] = ((), ())


_SPLIT_MEMO: Final[dict[str, _Split]] = {}


def _split(pattern: str) -> _Split:
    """:func:`split_of`, once per process and pattern."""
    found = _SPLIT_MEMO.get(pattern)
    if found is None:
        found = _SPLIT_MEMO[pattern] = split_of(pattern)
    return found


def split_of(pattern: str) -> _Split:
    """``pattern`` split for :func:`_found`: stored (``_phrase_facts``), else read."""
    stored = _phrase_facts.split_form(pattern)
    if stored is None:
        return read_split(pattern)
    start, rest, alike, first, start_digits, rest_digits, start_runs, rest_runs = stored[:8]
    start_ascii, start_wide, rest_ascii, rest_wide = stored[8:]
    return _Split(
        start,
        rest,
        alike,
        mask(first),
        start_digits,
        rest_digits,
        start_runs,
        rest_runs,
        (_facts(start_ascii), _facts(start_wide)),
        (_facts(rest_ascii), _facts(rest_wide)),
    )


def read_split(pattern: str) -> _Split:
    """``pattern`` split for :func:`_found`, its facts read from its text."""
    branches = [part for branch in top_level_branches(pattern) for part in opened_branches(pattern, branch)]
    start = "|".join(b for b in branches if b.startswith("^"))
    rest = "|".join(b for b in branches if not b.startswith("^"))
    return _Split(
        start,
        rest,
        reads_alike_lowered(pattern),
        first_chars(start, anchored=False),
        min_digits(start),
        min_digits(rest),
        min_runs(start),
        min_runs(rest),
        (
            branch_facts(start, anchored=False, ascii_text=True),
            branch_facts(start, anchored=False, ascii_text=False),
        ),
        (
            branch_facts(rest, anchored=False, ascii_text=True),
            branch_facts(rest, anchored=False, ascii_text=False),
        ),
    )


# A backreference: duplicated branches would number their groups otherwise.
_REFERS_BACK: Final = r"\\[1-9]|\\g<|\(\?P="


def opened_branches(pattern: str, branch: str) -> list[str]:
    """``branch`` of ``pattern`` as the branches it reads as when it opens with a
    non-capturing group, not repeated, one of whose alternatives starts with ``^``: the
    "published" rows' ``(?:^|[|·•] ?)published...`` reads as ``^published...`` and
    ``[|·•] ?published...`` (a text holds a match of one if and only if it holds one of the
    other). The first is tried at the start only, and the second needs a ``|``, ``·`` or
    ``•``, which most texts that hold "published" lack (:func:`read_split`'s facts): searched
    whole, the engine tried the group at every place. Else ``[branch]``."""
    end = _closing(branch, 0) if branch.startswith("(?:") else None
    if end is None or branch[end : end + 1] in {"?", "*", "+", "{"} or _syntax(_REFERS_BACK).search(pattern):
        return [branch]
    alternatives = top_level_branches(branch[3 : end - 1])
    if not any(alternative.startswith("^") for alternative in alternatives):
        return [branch]
    return [alternative + branch[end:] for alternative in alternatives]


def _found(
    pattern: str, text: str, lowered: str | None = None, held: str | None = None, *, simple: bool = False
) -> bool:
    """Whether ``pattern`` occurs in ``text``: the same answer as ``search``, since a text
    holds a match of an alternation if and only if it holds a match of one of its
    branches. Searched together, a ``^`` branch is tried again at every position of the
    text and keeps the others from the engine's fast scans; apart, it is tried once at
    the start (the rows' searches on dev pages take 0.72 times the instructions).
    ``lowered`` is ``text`` lowercased when it is ASCII, else None; ``held`` and ``simple`` as
    for :func:`_fullmatch`. The ``^`` branches are not tried on a text whose first character
    starts none of their matches; neither part on an ASCII or simple text with fewer digits (or
    runs of them) than each of its matches has, nor on one that none of its branches' facts let
    match."""
    split = _split(pattern)
    counted = text if simple else lowered  # (lacks_digits counts the digits of a text given)
    start, rest = split.start, split.rest
    # (each pair read as two: a pair indexed by a variable is boxed again in the compiled build)
    start_ascii, start_wide = split.start_facts
    rest_ascii, rest_wide = split.rest_facts
    start_facts = start_ascii if lowered is not None else start_wide
    rest_facts = rest_ascii if lowered is not None else rest_wide
    if (
        not start
        or not may_start(split.first, text)
        or lacks_digits(split.start_digits, split.start_runs, text, counted)
    ):
        start = ""
    elif start_facts:
        held = text.lower() if held is None else held
        if not may_match(start_facts, text, held, lowered):
            start = ""
    if not rest or lacks_digits(split.rest_digits, split.rest_runs, text, counted):
        rest = ""
    elif rest_facts:
        held = text.lower() if held is None else held
        if not may_match(rest_facts, text, held, lowered):
            rest = ""
    if lowered is not None and split.alike:
        return (bool(start) and _plain(start).match(lowered, None, None, _HOLD_GIL) is not None) or (
            bool(rest) and _plain(rest).search(lowered, None, None, _HOLD_GIL) is not None
        )
    return (bool(start) and _compiled(start).match(text, None, None, _HOLD_GIL) is not None) or (
        bool(rest) and _compiled(rest).search(text, None, None, _HOLD_GIL) is not None
    )


def has_digit(text: str, lowered: str | None) -> bool:
    """Whether ``text`` holds a character regex's ``\\d`` matches (``lowered``: as above)."""
    if ascii_digit(text, 1):  # (0-9 are \d's; only a text without one is searched)
        return True
    return lowered is None and _compiled(r"\d").search(text, None, None, _HOLD_GIL) is not None


def matches(
    pattern: str,
    filter_: PhraseFilter,
    text: str,
    lowered: str | None,
    held: str,
    *,
    whole: bool,
    sieved: bool = False,
    simple: bool = False,
) -> bool:
    """Whether ``pattern`` matches all of ``text`` (``whole``) or occurs in it, its filter
    ``filter_`` read first: when ``text`` holds none of its strings, only the branches
    without strings are tried (the same answer: a text holds a match of an alternation if
    and only if it holds one of a branch). ``lowered`` as for :func:`_found`; ``held`` is
    ``text`` lowercased. ``sieved``: the pattern was kept by ``_phrase_candidates``' pass on
    this ``held`` (its ``SIEVED`` bit), which asks the sieve of a filter without a rest: it
    passed, and is not asked again. ``simple``: as for :func:`_fullmatch`."""
    sieve = filter_.ascii if lowered is not None else filter_.wide
    if (sieve.rest or not sieved) and not sieve_passes(sieve, held):
        rest = sieve.rest
        if not rest:
            return False
        pattern = rest
    if whole:
        return _fullmatch(pattern, text, lowered, held, simple=simple)
    return _found(pattern, text, lowered, held, simple=simple)


class WholeRows(NamedTuple):
    """Rows matched as a whole text (the controls' labels, the titled boxes' titles): their
    patterns as one alternation, matched as the whole-block phrase rows are (:func:`matches`),
    its sieve (``_phrase_sieve``) and the ASCII characters a match can start with
    (``_match_facts``), read before the text is lowered, since most short lines start with
    none of them."""

    source: str
    sieve: PhraseFilter
    first: bytes


def whole_rows(rows: tuple[tuple[str, str, str], ...]) -> WholeRows:
    source = whole_source(rows)
    return WholeRows(source, phrase_filter(source, whole=True), _whole_forms(source).first)


def whole_source(rows: tuple[tuple[str, str, str], ...]) -> str:
    """The rows' patterns as one alternation (:class:`WholeRows`' ``source``)."""
    return "|".join(f"(?:{pattern})" for _, _, pattern in rows)


def is_whole_row(table: WholeRows, stripped: str) -> bool:
    """Whether ``stripped`` (a text already stripped as its caller's rows expect) is wholly
    one of the table's rows: the case-insensitive fullmatch of the alternation, sieved."""
    if not may_start(table.first, stripped):
        return False
    held = stripped.lower()
    lowered = held if stripped.isascii() else None
    return matches(table.source, table.sieve, stripped, lowered, held, whole=True)
