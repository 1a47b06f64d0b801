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
from typing import NamedTuple, cast

from ._cfacts_loops import C_FACTS
from ._model import new_tuple
from ._segmented import Element


# A named tuple, not a frozen dataclass: defining one costs a fifth as much at import.
class Group(NamedTuple):
    chars: int  # characters of text in all the members
    link_density: float
    members: int


_NONE = Group(0, 0.0, 0)


def repeated_groups(elements: Sequence[Element], min_siblings: int) -> list[Group]:
    """Per element, the innermost group of repeated siblings that holds it (or _NONE). The
    compiled build runs ``_cfacts``' loop (C integers for the slots' totals, a table of C
    entries for their keys: no key tuple, dict entry or boxed int per element)."""
    loops = C_FACTS  # a local: mypyc's narrowing of an optional Final reads it unboxed
    if loops is not None:
        return cast(list[Group], loops.repeated_groups(elements, min_siblings, Group, _NONE))
    return repeated_groups_python(elements, min_siblings)


def repeated_groups_python(elements: Sequence[Element], min_siblings: int) -> list[Group]:
    """:func:`repeated_groups` in Python (the reference of ``_cfacts.repeated_groups``)."""
    elems = tuple(elements)  # read natively in the compiled build (a Sequence generically)
    # Only the children of a parent with min_siblings children or more can form a group:
    # each of them gets the slot of its (parent, tag, names), the slots' totals in lists of
    # ints (one key tuple for such an element, none for the others).
    children = [0] * len(elems)
    for element in elems:
        parent = element.parent
        if parent >= 0:
            children[parent] = children[parent] + 1
    slot_of: dict[tuple[int, str, str], int] = {}
    slots = [-1] * len(elems)  # per element, -1 for none (set only for the candidates)
    chars: list[int] = []
    links: list[int] = []
    members: list[int] = []
    for index, element in enumerate(elems):
        parent = element.parent
        if parent < 0 or children[parent] < min_siblings:
            continue
        slot = slot_of.setdefault((parent, element.tag, element.names), len(chars))
        if slot == len(chars):
            chars.append(element.chars)
            links.append(element.link_chars)
            members.append(1)
        else:  # (x[i] = x[i] + n: the compiled build adds list items in place generically)
            chars[slot] = chars[slot] + element.chars
            links[slot] = links[slot] + element.link_chars
            members[slot] = members[slot] + 1
        slots[index] = slot
    groups: list[Group | None] = [None] * len(chars)
    for slot, count in enumerate(members):
        if count >= min_siblings:
            total = chars[slot]
            # new_tuple: a named tuple's class call is a generic call in the compiled build
            groups[slot] = new_tuple(Group, (total, links[slot] / total if total else 0.0, count))
    out: list[Group] = []
    for index, element in enumerate(elems):
        slot = slots[index]
        group = groups[slot] if slot >= 0 else None
        if group is None:
            parent = element.parent
            group = out[parent] if parent >= 0 else _NONE
        out.append(group)
    return out
