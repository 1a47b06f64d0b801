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
from typing import Final, NamedTuple

from ._model import Block, Label
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT

_MIN_CARDS: Final = 3  # siblings that make a group of cards (as _repeats' default)
_MIN_CARD_BLOCKS: Final = 2  # a card holds a title and something more; one block is a list item
# An element's key: (parent + 1) << this, plus its segment's number. A shift, not a product
# by 2**32: mypyc multiplies a factor past 2**31 as a Python int (375 instructions).
_SEGMENT_SHIFT: Final = 32
# Labels a block of a kept slot loses: those given by its link density or a weak name
# (the kinds a card's title, byline or date gets); not a footer, a promo, a share bar.
_COMPLETED: Final = frozenset({Label.SIDEBAR, Label.NAVIGATION, Label.OTHER, Label.METADATA})
# ... and only outside boxes named as chrome (menus, footers, sidebars, promo rails hold
# cards of their own, not the page's); a box named as metadata is a card's byline line.
_COMPLETED_CONTAINERS: Final = frozenset({"", Label.METADATA.value})


Slot = tuple[tuple[int, int], str]  # ((parent element, member tag), path inside the card)


class CardTree(NamedTuple):
    """The elements on the blocks' locators (see :class:`_Elements`) and the innermost card
    holding each block: found once per page for both card rules of the decision (slots
    and groups), since finding them is most of what either costs."""

    parents: array[int]  # per element
    tags: array[int]  # per element, its tag's number (-1: a locator's first segment)
    ends: array[int]  # per element, where its segment ends in any locator through it
    cards: array[int]  # per block, its innermost card (an element), or -1


def card_tree(locators: Sequence[str]) -> CardTree:
    """The :class:`CardTree` of the blocks at ``locators``."""
    elements = _Elements(locators)
    cards = elements.cards()
    block_cards = array(elements.typecode, map(cards.__getitem__, elements.leaves))
    return CardTree(elements.parents, elements.tags, elements.ends, block_cards)


def card_slots(locators: Sequence[str]) -> list[Slot | None]:
    """Per block: (group key, path inside its card) for the innermost card holding it, or
    None (see :func:`_slots`)."""
    return list(_slots(locators, card_tree(locators)))


def card_members(locators: Sequence[str], tree: CardTree | None = None) -> list[tuple[int, int]]:
    """Per block, (its card group, its card) as element numbers, or (-1, -1) outside any
    card: the group is the parent of the innermost card holding it (cards of one group
    share their parent and tag). ``tree`` is the locators' :func:`card_tree` when the
    caller has it."""
    tree = card_tree(locators) if tree is None else tree
    parents = tree.parents
    return [(-1, -1) if card < 0 else (parents[card], card) for card in tree.cards]


def slot_numbers(locators: Sequence[str], tree: CardTree | None = None) -> tuple[array[int], int]:
    """Per block, the number of its slot (-1 for none), and how many slots there are: one
    int a block instead of a slot's tuples and path string for each (0.5 times a big page).
    ``tree`` as for :func:`card_members`."""
    numbers: dict[Slot, int] = {}
    slots = _slots(locators, card_tree(locators) if tree is None else tree)
    out = array("q", (-1 if s is None else numbers.setdefault(s, len(numbers)) for s in slots))
    return out, len(numbers)


def _slots(locators: Sequence[str], tree: CardTree) -> Iterator[Slot | None]:
    """Per block, its slot or None (its innermost card, and the rest of its locator)."""
    parents, tags, ends, cards = tree
    for loc, card in zip(locators, cards):
        # A slot is the locator's path below the card: "" or a path from its ">".
        yield None if card < 0 else ((parents[card], tags[card]), loc[ends[card] :])


def _shared_segments(loc: str, last: str, chain: list[int], ends: array[int]) -> int:
    """How many leading segments ``loc`` shares with ``last``, whose elements are ``chain``,
    found without splitting either: the k-th element's segment ends at ``ends[chain[k - 1]]``
    in ``last``, and ``loc`` shares k segments when it starts with ``last`` up to there and
    then ends or goes on with ">" (true for every k up to the answer and for none past it,
    so halving finds it)."""
    low, high = 0, len(chain)
    while low < high:
        middle = (low + high + 1) // 2
        end = ends[chain[middle - 1]]
        if loc.startswith(last[:end]) and (len(loc) == end or loc[end] == ">"):
            low = middle
        else:
            high = middle - 1
    return low


class _Elements:
    """The elements on the blocks' locators. Elements are keyed by their parent and their
    locator segment (deep locators are capped, so one segment path can recur apart), as
    one int; each element is a row of flat arrays (parent, tag, blocks inside, where its
    segment ends), so the memory is one dict entry and a few words per element, not a
    tuple per block and level (which took 5 times a big page's size)."""

    def __init__(self, locators: Sequence[str]) -> None:
        # Every count and index is below the locators' total length plus their number (an
        # element is a segment of at least one character and its ">"): 4-byte ints hold them
        # on any page where that is below 2**31 (8 bytes each took a quarter of this pass's
        # memory on a big page).
        self.typecode = "i" if sum(map(len, locators)) + len(locators) < 2**31 else "q"
        self.parents, self.tags, self.blocks_in, self.ends, self.leaves = (
            array(self.typecode) for _ in range(5)
        )
        # Locals, and a new element made inline rather than by a method: this loop runs
        # for every block and element of the page.
        parents, tags, blocks_in, ends = self.parents, self.tags, self.blocks_in, self.ends
        # Bound once: the compiled build looks an array's method up by name at every call.
        add_parent, add_tag, add_count, add_end = parents.append, tags.append, blocks_in.append, ends.append
        add_leaf = self.leaves.append
        segment_ids: dict[str, int] = {}  # few distinct segments: keys are ints
        segment_tags: list[int] = []  # per segment, its tag's number (read once a segment)
        ids: dict[int, int] = {}  # (parent, segment) as one int -> element
        tag_ids: dict[str, int] = {}
        self.members: dict[int, int] = {}  # (parent, tag) as one int -> elements of that tag
        members = self.members
        # Blocks come in document order, so a locator mostly repeats the previous one's
        # first segments: their elements are taken from it, only the rest are looked up.
        last = ""
        chain: list[int] = []  # the elements of the previous locator's segments
        for loc in locators:
            cut = loc.rfind(">")
            if cut >= 0 and last.startswith(loc[: cut + 1]):  # a sibling's or an ancestor's
                shared, rest = loc.count(">"), [loc[cut + 1 :]]
            else:  # only the segments not shared with the previous locator are split
                shared = _shared_segments(loc, last, chain, ends)
                start = ends[chain[shared - 1]] + 1 if shared else 0
                rest = loc[start:].split(">") if start <= len(loc) else []
            del chain[shared:]
            node = chain[-1] if shared else -1
            end = ends[node] if shared else -1
            for segment in rest:
                end += len(segment) + 1
                # The element of ``segment`` under ``node``, made if new.
                number = segment_ids.get(segment)
                if number is None:
                    number = segment_ids[segment] = len(segment_tags)
                    segment_tags.append(tag_ids.setdefault(segment.split(":", 1)[0], len(tag_ids)))
                child = ids.setdefault(((node + 1) << _SEGMENT_SHIFT) + number, len(parents))
                if child == len(parents):  # a new element
                    # A locator's first segment (no parent) has no tag: it is no card.
                    tag = segment_tags[number] if node >= 0 else -1
                    add_parent(node)
                    add_tag(tag)
                    add_count(0)
                    add_end(end)  # where its segment ends in any locator through it
                    if node >= 0:
                        group = ((node + 1) << _SEGMENT_SHIFT) + tag  # an int, not a tuple a group
                        members[group] = members.get(group, 0) + 1
                node = child
                chain.append(node)
            last = loc
            blocks_in[node] += 1
            add_leaf(node)
        # A block is inside every element on its path: the leaves' counts, added up from
        # the children (made after their parent) to the parents.
        for node in range(len(parents) - 1, -1, -1):
            parent = parents[node]  # each read of an array is a generic call in the compiled build
            if parent >= 0:
                blocks_in[parent] += blocks_in[node]

    def cards(self) -> array[int]:
        """Per element, the innermost card at or above it (-1: none), parents first."""
        parents, tags, blocks_in = self.parents, self.tags, self.blocks_in
        members = self.members
        cards = array(self.typecode, bytes(array(self.typecode).itemsize * len(parents)))
        for node in range(len(parents)):
            card = -1
            parent = parents[node]
            if parent >= 0:  # below a locator's first segment
                group = ((parent + 1) << _SEGMENT_SHIFT) + tags[node]
                if members[group] >= _MIN_CARDS and blocks_in[node] >= _MIN_CARD_BLOCKS:
                    card = node
                else:
                    card = cards[parent]
            cards[node] = card
        return cards


def with_card_slots(
    blocks: Sequence[Block], labels: list[Label], options: Options, tree: CardTree | None = None
) -> list[Label]:
    """``labels`` with the dropped blocks of mostly kept card slots kept (see the module);
    ``tree`` is the blocks' :func:`card_tree` when the caller has it."""
    share = options.card_slot_keep_share
    if not share:
        return labels
    numbers, count = slot_numbers([b.locator for b in blocks], tree)
    total = [0] * count
    kept = [0] * count
    for number, kind in zip(numbers, labels):
        if number >= 0:
            total[number] += 1
            kept[number] += kind is _CONTENT
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
