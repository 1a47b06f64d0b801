"""Boilerplate phrases: the tables of ``_phrase_table`` compiled once into two patterns."""

from __future__ import annotations

import regex

from ._model import Label
from ._phrase_table import PHRASES, WHOLE_BLOCK_PHRASES


def _combined(rows: tuple[tuple[str, str, str], ...]) -> regex.Pattern[str]:
    """One alternation with a named group per kind, so one search names the kind."""
    by_kind: dict[str, list[str]] = {}
    for kind, _language, pattern in rows:
        by_kind.setdefault(kind, []).append(f"(?:{pattern})")
    groups = (f"(?P<{kind}>{'|'.join(patterns)})" for kind, patterns in sorted(by_kind.items()))
    return regex.compile("|".join(groups), regex.IGNORECASE)


_ANYWHERE = _combined(PHRASES)
_WHOLE = _combined(WHOLE_BLOCK_PHRASES)


def phrase_kind(text: str, scan_chars: int, whole_max_chars: int) -> Label | None:
    """The chrome kind of a boilerplate phrase in ``text``, if one occurs."""
    if len(text) <= whole_max_chars:
        m = _WHOLE.fullmatch(text.strip(" .:!?…·|»«›‹>-"))
        if m is not None and m.lastgroup:
            return Label(m.lastgroup)
    m = _ANYWHERE.search(text, 0, scan_chars)
    if m is not None and m.lastgroup:
        return Label(m.lastgroup)
    return None
