"""The least number of runs of digits every match of a phrase pattern holds, read from the
pattern (``_match_facts``' other facts are read the same way; ``_phrase_match`` stores it
with each pattern's facts and skips the regex call on an ASCII text with fewer runs of 0-9).

Read once per pattern, and for the phrase tables once at development time
(``scripts/generate_phrase_facts.py``): not compiled.
"""

from __future__ import annotations

import functools
from typing import Final

from ._match_facts import _CONSUMING_GROUP, _LOOKAROUND, _ONE_CHARACTER, _VERBOSE, _ZERO_WIDTH, may_fold_fully
from ._pattern_reader import _atoms, _folded, _syntax, top_level_branches

# Runs of digits: a match's digits that a character of no digit parts are apart in the text
# too, so a text holds at least as many runs of digits as any match in it. Most of the
# whole-block gate's dates and prices hold two ("£169" and "november 2012" hold one).
# A branch's least number of runs is read from the shapes its matches can have: a shape is
# whether a match starts with a digit and whether it ends with one (``_SHAPE_STARTS``,
# ``_SHAPE_ENDS``) or ``_EMPTY`` (it is empty), each with the least runs of a match of it.
Shapes = dict[int, int]
_SHAPE_STARTS: Final = 2
_SHAPE_ENDS: Final = 1
_EMPTY: Final = 4
_RUNS_CAP: Final = 8  # runs counted up to this many (a concatenation never has fewer than a part)
# What an atom the reader does not know may match: anything, with or without a digit.
_ANY_SHAPES: Final = {_EMPTY: 0, 0: 0, _SHAPE_STARTS: 1, _SHAPE_ENDS: 1, _SHAPE_STARTS | _SHAPE_ENDS: 1}


@functools.cache
def min_runs(pattern: str) -> int:
    """The least number of runs of ``\\d`` (digits with no other character between them) that
    every match of ``pattern`` has; 0 when the reader cannot tell. An ASCII text (whose
    ``\\d`` are 0-9) with fewer runs of 0-9 holds no match. The reader may only under-claim:
    an atom it does not know may match anything (empty or not, with or without a digit),
    each atom may repeat without end, and each one-character atom may match a non-digit."""
    if not pattern or _syntax(_VERBOSE).search(pattern) or may_fold_fully(pattern):
        return 0
    return min(min(_sequence_shapes(branch).values()) for branch in top_level_branches(pattern))


def _sequence_shapes(branch: str) -> Shapes:
    atoms = _atoms(branch)
    if atoms is None:
        return dict(_ANY_SHAPES)
    shapes: Shapes = {_EMPTY: 0}
    for atom, least in atoms:
        shapes = _then(shapes, _repeated(_atom_shapes(atom), least))
    return shapes


def _atom_shapes(atom: str) -> Shapes:
    if atom in _ZERO_WIDTH or _syntax(_LOOKAROUND).match(atom):
        return {_EMPTY: 0}
    group = _syntax(_CONSUMING_GROUP).match(atom)
    if group:
        shapes: Shapes = {}
        for alternative in top_level_branches(atom[group.end() : -1]):
            shapes = _either(shapes, _sequence_shapes(alternative))
        return shapes
    if atom == r"\d":
        return {_SHAPE_STARTS | _SHAPE_ENDS: 1}
    if _syntax(_ONE_CHARACTER).fullmatch(atom):
        return {0: 0, _SHAPE_STARTS | _SHAPE_ENDS: 1} if _may_be_digit(atom) else {0: 0}
    return dict(_ANY_SHAPES)


@functools.cache
def _may_be_digit(atom: str) -> bool:
    """Whether the one character the atom takes under IGNORECASE can be one of 0-9."""
    return _folded(atom).search("0123456789") is not None


def _either(a: Shapes, b: Shapes) -> Shapes:
    out = dict(a)
    for shape, runs in b.items():
        if runs < out.get(shape, _RUNS_CAP + 1):
            out[shape] = runs
    return out


def _then(a: Shapes, b: Shapes) -> Shapes:
    """The shapes of a match of ``a`` followed by one of ``b``: a run that ends the first and
    one that starts the second are one."""
    out: Shapes = {}
    if _EMPTY in a:
        out = _either(out, b)
    if _EMPTY in b:
        out = _either(out, a)
    for first, runs in a.items():
        for second, more in b.items():
            if _EMPTY not in {first, second}:
                joined = first & _SHAPE_ENDS and second & _SHAPE_STARTS
                shape = (first & _SHAPE_STARTS) | (second & _SHAPE_ENDS)
                out = _either(out, {shape: min(runs + more - (1 if joined else 0), _RUNS_CAP)})
    return out


def _repeated(shapes: Shapes, least: int) -> Shapes:
    """The shapes of ``least`` or more matches in a row (more than ``_RUNS_CAP``: as many)."""
    out: Shapes = {_EMPTY: 0}
    for _ in range(min(least, _RUNS_CAP)):
        out = _then(out, shapes)
    while True:
        more = _either(out, _then(out, shapes))
        if more == out:
            return out
        out = more
