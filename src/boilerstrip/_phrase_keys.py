"""A phrase row's key words and a keyless row's gate, read from its pattern's text: the
literal words one of which every match holds (:func:`key_words`), and the branches grouped by
what each match must hold (:func:`read_gate`). ``_phrases`` indexes the tables' rows by them;
for the tables' own patterns both are stored (``_phrase_facts``, made by
``scripts/generate_phrase_facts.py``) and read there first (:func:`stored_key_words`,
:func:`stored_gate`)."""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from . import _phrase_facts
from ._pattern_reader import is_digit, is_wide, needs, top_level_branches

# The patterns that read the tables' own patterns, compiled when the index is first built
# (_syntax), not at import.
# Pattern syntax that is not literal text: escapes, classes, group openers, quantifiers.
_SYNTAX = r"\\[pPN]\{[^}]*\}|\\.|\[(?:\\.|[^\]])*\]|\(\?[^:)]*[:)]?|\{\d*,?\d*\}"
_LITERAL_WORD = r"[\p{Han}\p{Hiragana}\p{Katakana}]|\w+"
_OPTIONAL = r"\([^()]*\)(?:[?*]|\{0,\d*\})|[^()\s][?*]|[^()\s]\{0,\d*\}"
_ESCAPE = r"\\[pPN]\{[^}]*\}|\\.|\[(?:\\.|[^\]])*\]"
_GROUP = r"\((?:[^()]|\([^()]*\))*\)"
_CJK = r"[\p{Han}\p{Hiragana}\p{Katakana}]"
# Words on most blocks of a page in their language: poor keys.
_FUNCTION_WORDS = frozenset(
    "a an the of to in on at by for from with and or is are be this that you your our we it "
    "de la le les des du un une et en el los las y por para con der die das und ein eine von zu mit "
    "il lo di da per che e o no na do em um uma и в на с по не".split()
)


class Gate(NamedTuple):
    """The keyless rows' branches in three alternations (each "" when it has none): those
    every match of which holds a non-ASCII character that no ASCII character matches
    (``©``, ``×``, CJK), else a digit (``\\d``: prices, dates), and the others. A text
    without a digit, or ASCII, cannot match the first two: a short text is tried with
    them only when it can (most short texts are ASCII words: "Share", "Read more")."""

    wide: str
    digit: str
    other: str


@functools.cache
def _syntax(pattern: str) -> regex.Pattern[str]:
    return regex.compile(pattern)


def _words(source: str) -> list[str]:
    literal = _syntax(_SYNTAX).sub(" ", source).lower()
    return [w[0] if _syntax(_CJK).match(w) else w for w in _syntax(_LITERAL_WORD).findall(literal)]


def _branch_keys(branch: str) -> set[str] | None:
    """Words one of which every match of ``branch`` holds: its longest word outside any
    group once optional parts are gone, else the keys of one of its required groups;
    None when it has neither."""
    required = _syntax(_ESCAPE).sub(" ", branch)
    while True:  # drop optional groups and characters, innermost first
        reduced = _syntax(_OPTIONAL).sub(" ", required)
        if reduced == required:
            break
        required = reduced
    outside_groups = _syntax(_GROUP).sub(" ", required)
    outside = sorted(_words(outside_groups), key=lambda w: (w in _FUNCTION_WORDS, -len(w), w))
    if outside and outside[0] not in _FUNCTION_WORDS:
        return {outside[0]}
    # Only function words outside groups ("join the (?:conversation|discussion)"): the
    # words of a required group select far fewer blocks.
    for group in _syntax(_GROUP).findall(required):
        inner = key_words(regex.sub(r"^\((?:\?[^:)]*:)?|\)$", "", group))
        if inner and not inner & _FUNCTION_WORDS:
            return inner
    return {outside[0]} if outside else None


def key_words(pattern: str) -> set[str] | None:
    """Key words of a row, or None when some branch has none (the row is keyless)."""
    keys: set[str] = set()
    for branch in top_level_branches(pattern):
        branch_keys = _branch_keys(branch)
        if not branch_keys:
            return None
        keys |= branch_keys
    return keys


def stored_key_words(pattern: str) -> set[str] | None:
    """:func:`key_words`, stored for the tables' rows (``_phrase_facts``)."""
    stored = _phrase_facts.key_words(pattern)
    if stored is None:
        return key_words(pattern)
    return set(stored) if stored else None


def stored_gate(branches: list[str]) -> Gate:
    """:func:`read_gate`, stored for the tables' keyless rows (``_phrase_facts``)."""
    stored = _phrase_facts.gate("|".join(branches))
    return Gate(*stored) if stored is not None else read_gate(branches)


def read_gate(branches: list[str]) -> Gate:
    wide = [b for b in branches if needs(b, is_wide)]
    digit = [b for b in branches if b not in wide and needs(b, is_digit)]
    other = [b for b in branches if b not in wide and b not in digit]
    return Gate("|".join(wide), "|".join(digit), "|".join(other))
