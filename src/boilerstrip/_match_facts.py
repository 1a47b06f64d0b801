"""What every match of a phrase pattern has, read from the pattern: the ASCII characters it
can start with, and the least number of digits it consumes and of runs they make.

A pattern matched at a text's start only (a fullmatch, or branches that start with ``^``)
cannot match a text whose first character is ASCII and none of its first characters; a
pattern whose every match consumes N digits (``\\d``) cannot match an ASCII text with fewer
than N of 0-9 (the only ASCII characters ``\\d`` takes under IGNORECASE). ``_phrases`` then
skips its regex call. On the profile's 20 pages most such calls were the keyless gates'
dates and prices on texts that start with a letter or hold one digit ("3 Reasons to ...",
"Nov. 6 No Responses"), and "N reviews" on texts that start with no digit nor ``(``. A
pattern whose every match holds N runs of digits (``_digit_runs.min_runs``) cannot match an ASCII
text with fewer: the whole-block gate's dates and prices hold two, "£169" or "may 2012" one.

Per branch (:func:`branch_facts`), every such fact at once and all of the branch's literal
strings (each run of literal characters, each required group's strings, each required class
of a few literal characters), where ``_phrase_sieve`` asks a text for one string of any
branch: a text that no branch can match is not searched. On the profile's pages most of the
searches that sieve let through held a short string of one branch and nothing else of it
("reg" of "registration", "image" without "(" or "by").

The reader may only over-claim the first characters and under-claim the digits: each
one-character atom's characters are found by the engine itself, on all 128 ASCII
characters under the rows' IGNORECASE; an assertion (``\\b``, a lookaround) is passed over
as if it were not there; an optional atom adds its characters to the next one's; anything
else it does not know gives no mask, and no digit. A text whose first character is not
ASCII, or an empty text, is always tried; so is a text not ASCII for the digits.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Final, NamedTuple, cast

from ._compiled import c_function
from ._pattern_reader import (
    _atoms,
    _folded,
    _literal_atoms,
    _lowers_alike,
    _lowers_alike_anywhere,
    _syntax,
    branch_prefixes,
    literal_options,
    top_level_branches,
)
from ._phrase_rows import ascii_digit, ascii_digits

_ASCII: Final = 128
_ZERO_WIDTH: Final = frozenset({"^", "$", r"\b", r"\B", r"\A", r"\Z"})
_LOOKAROUND = r"\(\?<?[=!]"
_CONSUMING_GROUP = r"\((?:\?i?:|(?!\?))"  # (...), (?:...), (?i:...): IGNORECASE stays
_ONE_CHARACTER = r"\\(?:[dDwWsS]|[pP]\{[^}]*\}|[^A-Za-z0-9])|\[[^\[]*\]|[^\\^$()|?*+{}]"
_VERBOSE = r"\(\?[-a-zA-Z]*x"
# An inline flags group that may turn on full case folding (``f``, or version 1, in which
# IGNORECASE implies it): without one, and with regex's default version 0, a pattern
# compiled with IGNORECASE folds simply. Read from the text, not by compiling the pattern:
# first_chars is asked of every row and branch a block's keys select, once per process,
# and a compile costs it a thousand times what this search does.
_MAY_FOLD_FULLY = r"\(\?[-\w]*(?:f|V1)"


def first_chars(pattern: str, *, anchored: bool) -> bytes:
    """A byte per ASCII character, 1 for those a match of ``pattern`` (compiled with
    IGNORECASE) can start with, when every branch can match only at the text's start
    (``anchored``: a fullmatch; else each must start with ``^``); b"" when the reader cannot
    tell, or every character can."""
    if not pattern or _syntax(_VERBOSE).search(pattern) or may_fold_fully(pattern):
        return b""  # (full case folding would let one character match two)
    mask = bytearray(_ASCII)
    for branch in top_level_branches(pattern):
        found = _branch_first(branch, anchored=anchored)
        if found is None:
            return b""
        for c in found:
            mask[c] = 1
    return b"" if all(mask) else bytes(mask)


def may_fold_fully(pattern: str) -> bool:
    """Whether ``pattern`` compiled with IGNORECASE may fold case fully: it holds a flags
    group that may set it (the rows are compiled with version 0 given, so regex's default
    version, which a program may change, does not)."""
    return _syntax(_MAY_FOLD_FULLY).search(pattern) is not None


def _branch_first(branch: str, *, anchored: bool) -> set[int] | None:
    """The ASCII codes ``branch`` can start a match with; None when unknown, when the
    branch can match the empty string, or when it is not anchored at its start."""
    found, nullable = _sequence_first(branch, anchored=anchored)
    return None if found is None or nullable else found


def _sequence_first(branch: str, *, anchored: bool) -> tuple[set[int] | None, bool]:
    """The first characters of the atoms of ``branch`` up to the first one that must
    consume (included), and whether all of them may match nothing."""
    atoms = _atoms(branch)
    if atoms is None:
        return None, False
    found: set[int] = set()
    for atom, least in atoms:
        if atom in _ZERO_WIDTH or _syntax(_LOOKAROUND).match(atom):
            anchored = anchored or (atom in ("^", r"\A") and not found)
            continue
        if not anchored:
            return None, False
        group = _syntax(_CONSUMING_GROUP).match(atom)
        if group:
            inner, empty = set(), False
            for alternative in top_level_branches(atom[group.end() : -1]):
                chars, nullable = _sequence_first(alternative, anchored=True)
                if chars is None:
                    return None, False
                inner |= chars
                empty = empty or nullable
        elif _syntax(_ONE_CHARACTER).fullmatch(atom):
            inner, empty = _character_first(atom), False
        else:
            return None, False
        found |= inner
        if least >= 1 and not empty:
            return found, False
    return found, True


@functools.cache
def _character_first(atom: str) -> set[int]:
    """The ASCII codes one character the atom takes under IGNORECASE can be."""
    folded = _folded(atom)
    return {c for c in range(_ASCII) if folded.fullmatch(chr(c))}


@functools.cache
def min_digits(pattern: str) -> int:
    """The least number of ``\\d`` every match of ``pattern`` consumes (0 when the reader
    cannot tell). Read once per process and pattern: a row's facts ask it of the same
    branches for ASCII texts and for any text, and of each group inside them."""
    if not pattern or _syntax(_VERBOSE).search(pattern):
        return 0
    return min(_branch_digits(branch) for branch in top_level_branches(pattern))


def _branch_digits(branch: str) -> int:
    atoms = _atoms(branch)
    if atoms is None:
        return 0
    count = 0
    for atom, least in atoms:
        if least < 1:
            continue
        if atom == r"\d":
            count += least
        else:
            group = _syntax(_CONSUMING_GROUP).match(atom)
            if group:  # lookarounds and other groups: none counted
                count += least * min_digits(atom[group.end() : -1])
    return count


def may_start(first: bytes, text: str) -> bool:
    """Whether ``text`` may start a match whose first characters are ``first`` (of
    :func:`first_chars`; b"": any)."""
    if not first or not text:
        return True
    code = ord(text[0])
    return code >= _ASCII or first[code] != 0


def start_table(first: bytes, skipped: str) -> bytes:
    """Per ASCII character, 1 when a text that starts with it may start a match whose first
    characters are ``first`` (of :func:`first_chars`) once the characters of ``skipped`` are
    taken from its start (a strip, a split): one a match may start with, or one of
    ``skipped``; b"" (any) when ``first`` is. Read by :func:`may_start` as ``first`` is, on
    the text before it is stripped."""
    if not first:
        return b""
    return bytes([1 if may_start(first, chr(c)) or chr(c) in skipped else 0 for c in range(_ASCII)])


def lacks_digits(digits: int, runs: int, text: str, lowered: str | None) -> bool:
    """Whether ``text``, when ASCII (``lowered``, its lower case, given), holds fewer than
    ``digits`` of 0-9 (of :func:`min_digits`) or fewer than ``runs`` runs of them (of
    ``_digit_runs.min_runs``)."""
    if runs > 1:
        return lowered is not None and not ascii_digits(text, digits, runs)
    return digits > 0 and lowered is not None and not ascii_digit(text, digits)


class BranchFacts(NamedTuple):
    """What every match of one branch has: ``digits`` (the least number of 0-9 an ASCII
    text must hold), ``first`` (the ASCII characters it starts with, b"": any), ``starts``
    (strings one of which the lowercased text starts with, (): none known) and ``needs``
    (each a tuple of strings one of which the lowercased text holds)."""

    digits: int
    first: bytes
    starts: tuple[str, ...]
    needs: tuple[tuple[str, ...], ...]


# At most this many members in a class read as strings: larger ones rule out little.
_CLASS_MEMBERS: Final = 8


def branch_facts(pattern: str, *, anchored: bool, ascii_text: bool) -> tuple[BranchFacts, ...]:
    """The facts of each of ``pattern``'s top-level branches (``anchored``: matched at the
    text's start only, a fullmatch; else only its ``^`` branches are), their strings held by
    an ASCII text lowercased (``ascii_text``) or by any text (as ``_pattern_reader``'s
    ``branch_literals``); () when no branch has two facts (one fact a branch is what the
    pattern's own sieve and facts already ask: nothing more is ruled out), or the pattern
    is verbose."""
    if not pattern or _syntax(_VERBOSE).search(pattern):
        return ()
    out: list[BranchFacts] = []
    for branch in top_level_branches(pattern):
        at_start = anchored or branch.startswith("^")
        first = first_chars(branch, anchored=anchored) if at_start else b""
        starts = branch_prefixes(branch, ascii_text=ascii_text, anchored=anchored)
        needs = literal_options(branch, ascii_text=ascii_text) + _class_needs(branch, ascii_text=ascii_text)
        # What the start already tells is dropped; the longest strings first: the rarest.
        if starts:
            needs = [n for n in needs if not all(any(s in start for s in n) for start in starts)]
        needs.sort(key=lambda strings: -min(map(len, strings)))
        first = b"" if starts else first
        out.append(BranchFacts(min_digits(branch), first, starts, tuple(dict.fromkeys(needs))))
    if all(bool(f.digits) + bool(f.first) + bool(f.starts) + len(f.needs) < 2 for f in out):
        return ()
    return tuple(out)


def _class_needs(branch: str, *, ascii_text: bool) -> list[tuple[str, ...]]:
    """The members of each class the branch requires (``[$€£]``, ``[:：]``) when it lists at
    most ``_CLASS_MEMBERS`` literal characters, each usable as ``branch_literals`` reads a
    literal: a match holds one of them where the class stands. And inside a required group
    of one branch (``(?:[$€£] ?\\d+){2,}``), that branch's strings and classes."""
    atoms = _literal_atoms(branch)
    usable = _lowers_alike if ascii_text else _lowers_alike_anywhere
    out: list[tuple[str, ...]] = []
    for atom, least, _ in atoms or ():
        if least < 1:
            continue
        group = _syntax(_CONSUMING_GROUP).match(atom)
        inner = top_level_branches(atom[group.end() : -1]) if group else []
        if len(inner) == 1:
            out += literal_options(inner[0], ascii_text=ascii_text)
            out += _class_needs(inner[0], ascii_text=ascii_text)
            continue
        members = class_members(atom)
        if members and len(members) <= _CLASS_MEMBERS and all(map(usable, members)):
            out.append(tuple(dict.fromkeys(m.lower() for m in members)))
    return out


def class_members(atom: str) -> str | None:
    """The characters a class lists when it lists only literal characters (no range, no
    negation, no escape but of an ASCII sign), else None."""
    if len(atom) < 3 or atom[0] != "[" or atom[-1] != "]" or atom[1] == "^":
        return None
    body, members, i = atom[1:-1], [], 0
    while i < len(body):
        char = body[i]
        if char == "\\":
            escaped = body[i + 1 : i + 2]
            if not escaped or not escaped.isascii() or escaped.isalnum():
                return None
            members.append(escaped)
            i += 2
            continue
        if char in "[]" or (char == "-" and 0 < i < len(body) - 1):
            return None  # a range, or a nested set
        members.append(char)
        i += 1
    return "".join(members)


def facts_may_match(facts: tuple[BranchFacts, ...], text: str, held: str, lowered: str | None) -> bool:
    """Whether some branch whose :func:`branch_facts` are ``facts`` may match ``text``
    (``held``: lowercased; ``lowered``: the same when ``text`` is ASCII, else None; the facts
    of ASCII texts then, else those of any text); True when ``facts`` is ()."""
    return branches_may_match(facts, held, text[:1], lowered is not None)


def branches_may_match(facts: tuple[BranchFacts, ...], held: str, first: str, ascii_text: bool) -> bool:
    """:func:`facts_may_match` of a text whose lower case is ``held`` and whose first character
    is ``first`` ("" for none; lowering changes no digit, so an ASCII text's are ``held``'s)."""
    if not facts:
        return True
    for digits, mask, starts, needs in facts:
        if digits and ascii_text and not ascii_digit(held, digits):
            continue
        if mask and not may_start(mask, first):
            continue
        if starts and not held.startswith(starts):
            continue
        if _holds_all(needs, held):
            return True
    return False


def _holds_all(needs: tuple[tuple[str, ...], ...], held: str) -> bool:
    for strings in needs:
        found = False
        for string in strings:
            if string in held:
                found = True
                break
        if not found:
            return False
    return True


MayMatch = Callable[[tuple[BranchFacts, ...], str, str, "str | None"], bool]


# The compiled build's ``_ctokens.may_match`` (one C call where each branch's ``in`` searches
# were a call of ``PyUnicode_Contains`` each), else :func:`facts_may_match`, its reference.
_C_MAY_MATCH: Final = cast("MayMatch | None", c_function("_ctokens", "may_match"))
may_match: Final[MayMatch] = facts_may_match if _C_MAY_MATCH is None else _C_MAY_MATCH
