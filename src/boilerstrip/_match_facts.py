"""What every match of a phrase pattern has, read from the pattern: the ASCII characters it
can start with, and the least number of digits it consumes.

A pattern matched at a text's start only (a fullmatch, or branches that start with ``^``)
cannot match a text whose first character is ASCII and none of its first characters; a
pattern whose every match consumes N digits (``\\d``) cannot match an ASCII text with fewer
than N of 0-9 (the only ASCII characters ``\\d`` takes under IGNORECASE). ``_phrases`` then
skips its regex call. On the profile's 20 pages most such calls were the keyless gates'
dates and prices on texts that start with a letter or hold one digit ("3 Reasons to ...",
"Nov. 6 No Responses"), and "N reviews" on texts that start with no digit nor ``(``.

The reader may only over-claim the first characters and under-claim the digits: each
one-character atom's characters are found by the engine itself, on all 128 ASCII
characters under the rows' IGNORECASE; an assertion (``\\b``, a lookaround) is passed over
as if it were not there; an optional atom adds its characters to the next one's; anything
else it does not know gives no mask, and no digit. A text whose first character is not
ASCII, or an empty text, is always tried; so is a text not ASCII for the digits.
"""

from __future__ import annotations

import functools
from typing import Final

import regex

from ._pattern_reader import _atoms, _folded, _syntax, top_level_branches
from ._phrase_rows import ascii_digit

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
    group that may set it, or regex's default version is not 0 (a program may change it)."""
    return regex.DEFAULT_VERSION != regex.VERSION0 or _syntax(_MAY_FOLD_FULLY).search(pattern) is not None


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


def min_digits(pattern: str) -> int:
    """The least number of ``\\d`` every match of ``pattern`` consumes (0 when the reader
    cannot tell)."""
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


def lacks_digits(digits: int, text: str, lowered: str | None) -> bool:
    """Whether ``text``, when ASCII (``lowered``, its lower case, given), holds fewer than
    ``digits`` of 0-9 (of :func:`min_digits`)."""
    return digits > 0 and lowered is not None and not ascii_digit(text, digits)
