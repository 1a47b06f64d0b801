"""Repeated sibling structures: cards of a listing, posts of a thread, items of a menu.

Siblings with the same tag and the same class/id names form a group when there are at
least ``Options.repeat_min_siblings`` of them. Every element learns the group it sits in
(itself or its nearest ancestor in one): how much text the group holds and how much of
it is links. A listing's cards form a group with much text and some links, a menu's
items one with little text that is all links, an article's paragraphs one with much
text and few links; the combiner weighs these per block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ._segmented import Element


# A named tuple, not a frozen dataclass: defining one costs a fifth as much at import.
class Group(NamedTuple):
    chars: int  # characters of text in all the members
    link_density: float
    members: int


_NONE = Group(0, 0.0, 0)


def repeated_groups(elements: Sequence[Element], min_siblings: int) -> list[Group]:
    """Per element, the innermost group of repeated siblings that holds it (or _NONE)."""
    keys = [(e.parent, e.tag, e.names) for e in elements]
    totals: dict[tuple[int, str, str], list[int]] = {}
    for key, element in zip(keys, elements):
        total = totals.setdefault(key, [0, 0, 0])
        total[0] += element.chars
        total[1] += element.link_chars
        total[2] += 1
    groups = {
        key: Group(chars, links / chars if chars else 0.0, members)
        for key, (chars, links, members) in totals.items()
        if members >= min_siblings and key[0] >= 0
    }
    out: list[Group] = []
    for key, element in zip(keys, elements):
        inherited = out[element.parent] if element.parent >= 0 else _NONE
        out.append(groups.get(key, inherited))
    return out
