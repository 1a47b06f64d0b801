"""Slots of repeated cards: the same place in each of several alike siblings.

A listing's cards (a collection's product tiles, a feed's stories) repeat one structure:
a title, a byline, a date, a teaser, each at the same path inside every card. Each block
is scored on its own, so the title of one card is kept and the title of the next, a few
characters shorter or with one more link, is dropped as a menu line. Here every block
inside a card (a member of a group of at least ``_MIN_CARDS`` siblings of one tag under
one parent, each holding at least two blocks) has a slot: its path inside the card. When
most blocks of a slot are kept (``Options.card_slot_keep_share``), its dropped blocks
are the same part of other cards and are kept too, unless a hard rule or a chrome name
dropped them for a reason of their own (only the labels of _COMPLETED, outside
boxes named as chrome). Cards and slots
are read from the blocks' locators (tag paths with nth-of-type indices).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence

from ._model import Block, Label
from ._options import Options

_MIN_CARDS = 3  # siblings that make a group of cards (as _repeats' default)
_MIN_CARD_BLOCKS = 2  # a card holds a title and something more; one block is a list item
_SEGMENT_KEYS = 1 << 32  # an element's key: (parent + 1) * this + its segment's number
# Labels a block of a kept slot loses: those given by its link density or a weak name
# (the kinds a card's title, byline or date gets); not a footer, a promo, a share bar.
_COMPLETED = frozenset({Label.SIDEBAR, Label.NAVIGATION, Label.OTHER, Label.METADATA})
# ... and only outside boxes named as chrome (menus, footers, sidebars, promo rails hold
# cards of their own, not the page's); a box named as metadata is a card's byline line.
_COMPLETED_CONTAINERS = frozenset({"", Label.METADATA.value})


Slot = tuple[tuple[int, int], str]  # ((parent element, member tag), path inside the card)


def card_slots(locators: Sequence[str]) -> list[Slot | None]:
    """Per block: (group key, path inside its card) for the innermost card holding it, or
    None (see :func:`_slots`)."""
    return list(_slots(locators))


def slot_numbers(locators: Sequence[str]) -> tuple[array[int], int]:
    """Per block, the number of its slot (-1 for none), and how many slots there are: one
    int a block instead of a slot's tuples and path string for each (0.5 times a big page)."""
    numbers: dict[Slot, int] = {}
    out = array("q", (-1 if s is None else numbers.setdefault(s, len(numbers)) for s in _slots(locators)))
    return out, len(numbers)


def _slots(locators: Sequence[str]) -> Iterator[Slot | None]:
    """Per block, its slot or None. Elements are keyed by their parent and their locator
    segment (deep locators are capped, so one segment path can recur apart), as one int;
    each element is a row of flat arrays (parent, depth, tag, blocks inside), so the memory
    is one dict entry and a few words per element, not a tuple per block and level (which
    took 5 times a big page's size)."""
    # Every count and index is below the locators' total length plus their number (an
    # element is a segment of at least one character and its ">"): 4-byte ints hold them on
    # any page where that is below 2**31 (8 bytes each took a quarter of this pass's memory
    # on a big page).
    typecode = "i" if sum(map(len, locators)) + len(locators) < 2**31 else "q"
    parents, depths, tags, blocks_in, leaves = (array(typecode) for _ in range(5))
    segment_ids: dict[str, int] = {}  # few distinct segments: the elements' keys are ints
    ids: dict[int, int] = {}  # (parent, segment) as one int -> element
    tag_ids: dict[str, int] = {}
    members: dict[int, int] = {}  # (parent, tag) as one int -> elements of that tag under it
    for loc in locators:
        node = -1
        for depth, segment in enumerate(loc.split(">")):
            key = (node + 1) * _SEGMENT_KEYS + segment_ids.setdefault(segment, len(segment_ids))
            parent, node = node, ids.setdefault(key, len(parents))
            if node == len(parents):  # a new element
                tag = tag_ids.setdefault(segment.split(":", 1)[0], len(tag_ids)) if depth else -1
                parents.append(parent)
                depths.append(depth)
                tags.append(tag)
                blocks_in.append(0)
                if depth:
                    group = (parent + 1) * _SEGMENT_KEYS + tag  # an int, not a tuple a group
                    members[group] = members.get(group, 0) + 1
            if depth:
                blocks_in[node] += 1
        leaves.append(node)
    del ids, segment_ids
    for loc, leaf in zip(locators, leaves):
        slot, node = None, leaf
        while node >= 0 and depths[node] >= 1:
            parent, tag = parents[node], tags[node]
            cards = members[(parent + 1) * _SEGMENT_KEYS + tag]
            if cards >= _MIN_CARDS and blocks_in[node] >= _MIN_CARD_BLOCKS:
                rest = loc.split(">")[depths[node] + 1 :]
                slot = ((parent, tag), "".join(">" + segment for segment in rest))
                break
            node = parents[node]
        yield slot


def with_card_slots(blocks: Sequence[Block], labels: list[Label], options: Options) -> list[Label]:
    """``labels`` with the dropped blocks of mostly kept card slots kept (see the module)."""
    share = options.card_slot_keep_share
    if not share:
        return labels
    numbers, count = slot_numbers([b.locator for b in blocks])
    total = [0] * count
    kept = [0] * count
    for number, kind in zip(numbers, labels):
        if number >= 0:
            total[number] += 1
            kept[number] += kind is Label.CONTENT
    out = list(labels)
    for i, number in enumerate(numbers):
        if (
            number >= 0
            and labels[i] in _COMPLETED
            and blocks[i].features.container in _COMPLETED_CONTAINERS
            and total[number] >= options.card_slot_min_blocks
            and kept[number] >= share * total[number]
        ):
            out[i] = Label.CONTENT
    return out
