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

from collections.abc import Callable, Sequence
from typing import Final, NamedTuple, cast

from ._compiled import c_module
from ._model import Block, Label, new_tuple, page_tuple
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT

_MIN_CARDS: Final = 3  # siblings that make a group of cards (as _repeats' default)
_MIN_CARD_BLOCKS: Final = 2  # a card holds a title and something more; one block is a list item
# The fewest blocks a page with a card holds: the card's, and one in each other sibling of
# its group (every element lies on a block's locator).
MIN_CARD_PAGE_BLOCKS: Final = _MIN_CARD_BLOCKS + _MIN_CARDS - 1
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

    parents: list[int]  # per element
    tags: list[int]  # per element, its tag's number (-1: a locator's first segment)
    ends: list[int]  # per element, where its segment ends in any locator through it
    cards: list[int]  # per block, its innermost card (an element), or -1


_Fields = tuple[list[int], list[int], list[int], list[int]]


_TreeFields = Callable[[list[str]], _Fields | None]
_SlotNumbers = Callable[[list[str], CardTree], tuple[list[int], int] | None]


def _c_loops() -> tuple[_TreeFields | None, _SlotNumbers | None]:
    """The compiled build's ``_ctokens.card_tree`` and ``slot_numbers`` (the module looked up
    once): the CardTree's fields for ASCII locators (None for others), read in C with tables
    of structs (_Elements is the reference: tests/test_card_tree_c.py), and
    :func:`slot_numbers` of them (its loop in :func:`python_slot_numbers` is the reference);
    None in a pure install."""
    module = c_module("_ctokens")
    if module is None:
        return None, None
    return cast(_TreeFields, module.card_tree), cast(_SlotNumbers, module.slot_numbers)


_C_LOOPS: Final = _c_loops()
_card_tree_c: Final = _C_LOOPS[0]
_slot_numbers_c: Final = _C_LOOPS[1]


def card_tree(locators: Sequence[str]) -> CardTree:
    """The :class:`CardTree` of the blocks at ``locators``."""
    if _card_tree_c is not None:
        fields = _card_tree_c(locators if isinstance(locators, list) else list(locators))
        if fields is not None:
            return new_tuple(CardTree, fields)
    elements = _Elements(locators)
    cards = elements.cards()
    block_cards = [cards[leaf] for leaf in elements.leaves]
    return CardTree(elements.parents, elements.tags, elements.ends, block_cards)


def holds_cards(tree: CardTree) -> bool:
    """Whether any block of ``tree`` is inside a card: on a page where none is, the card
    rules (slots, groups, child cards) change no label."""
    return any(card >= 0 for card in tree.cards)


def card_slots(locators: Sequence[str]) -> list[Slot | None]:
    """Per block: (group key, path inside its card) for the innermost card holding it, or
    None (see :func:`_slots`)."""
    return _slots(locators, card_tree(locators))


def card_members(locators: Sequence[str], tree: CardTree | None = None) -> list[tuple[int, int]]:
    """Per block, (its card group, its card) as element numbers, or (-1, -1) outside any
    card: the group is the parent of the innermost card holding it (cards of one group
    share their parent and tag). ``tree`` is the locators' :func:`card_tree` when the
    caller has it."""
    tree = card_tree(locators) if tree is None else tree
    parents = tree.parents
    return [(-1, -1) if card < 0 else (parents[card], card) for card in tree.cards]


def slot_numbers(locators: Sequence[str], tree: CardTree | None = None) -> tuple[list[int], int]:
    """Per block, the number of its slot (-1 for none), and how many slots there are: one
    int a block instead of a slot's tuples and path string for each (0.5 times a big page).
    ``tree`` as for :func:`card_members`."""
    tree = card_tree(locators) if tree is None else tree
    if _slot_numbers_c is not None:
        found = _slot_numbers_c(locators if isinstance(locators, list) else list(locators), tree)
        if found is not None:
            return found
    return python_slot_numbers(locators, tree)


def python_slot_numbers(locators: Sequence[str], tree: CardTree) -> tuple[list[int], int]:
    """:func:`slot_numbers` in Python (the reference of the compiled build's C)."""
    parents, tags, ends = tree.parents, tree.tags, tree.ends
    # A slot is (its card's group, the path below the card): per group (the card's parent
    # and tag), its paths' numbers; a loop, not a generator of tuple keys (the compiled
    # build resumes a generator and hashes a new tuple per block).
    paths: dict[int, dict[str, int]] = {}
    out: list[int] = []
    count = 0
    for loc, card in zip(locators, tree.cards):
        if card < 0:
            out.append(-1)
            continue
        key = ((parents[card] + 1) << _SEGMENT_SHIFT) + tags[card]
        group = paths.get(key)
        if group is None:
            group = paths[key] = {}
        path = loc[ends[card] :]  # "" or a path from its ">"
        number = group.get(path, count)
        if number == count:
            group[path] = count
            count += 1
        out.append(number)
    return out, count


def _slots(locators: Sequence[str], tree: CardTree) -> list[Slot | None]:
    """Per block, its slot or None (its innermost card, and the rest of its locator)."""
    parents, tags, ends, cards = tree
    # A slot is the locator's path below the card: "" or a path from its ">".
    return [
        None if card < 0 else ((parents[card], tags[card]), loc[ends[card] :])
        for loc, card in zip(locators, cards)
    ]


def _shared_segments(loc: str, last: str, chain: list[int], ends: list[int]) -> int:
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


def _parent_depth(chain: list[int], ends: list[int], cut: int) -> int:
    """How many leading segments a locator shares with the previous one, whose elements are
    ``chain``, when the previous one starts with its parent path (its last ">" at ``cut``):
    the parent is the chain's element whose segment ends at ``cut``, and the elements before
    it end before it. Found from the chain's end (most steps are one), not by counting the
    locator's ">" (the same number)."""
    shared = len(chain)
    while shared and ends[chain[shared - 1]] > cut:
        shared -= 1
    return shared


def _cut_to(chain: list[int], size: int) -> None:
    """``del chain[size:]``, by pops: the compiled build deletes a slice by a generic call."""
    while len(chain) > size:
        chain.pop()


class _Elements:
    """The elements on the blocks' locators. Elements are keyed by their parent and their
    locator segment (deep locators are capped, so one segment path can recur apart), as
    one int; each element is a row of flat lists (parent, tag, group, blocks inside, where
    its segment ends), so the memory is one dict entry and a few list items per element, not a
    tuple per block and level (which took 5 times a big page's size). Lists of ints, not
    ``array``: the compiled build reads and appends a list natively, an array by a
    generic call each time."""

    parents: list[int]
    tags: list[int]
    groups: list[int]  # per element, its group's number (-1: no parent)
    group_sizes: list[int]  # per group (a parent and a tag), its elements
    blocks_in: list[int]
    ends: list[int]
    leaves: list[int]  # per block, its element

    def __init__(self, locators: Sequence[str]) -> None:
        self.parents, self.tags, self.groups, self.group_sizes = [], [], [], []
        self.blocks_in, self.ends, self.leaves = [], [], []
        # Locals, and a new element made inline rather than by a method: this loop runs
        # for every block and element of the page.
        parents, tags, blocks_in, ends = self.parents, self.tags, self.blocks_in, self.ends
        groups, group_sizes, leaves = self.groups, self.group_sizes, self.leaves
        segment_ids: dict[str, int] = {}  # few distinct segments: keys are ints
        segment_tags: list[int] = []  # per segment, its tag's number (read once a segment)
        ids: dict[int, int] = {}  # (parent, segment) as one int -> element
        tag_ids: dict[str, int] = {}
        group_ids: dict[int, int] = {}  # (parent, tag) as one int -> its group's number
        # Blocks come in document order, so a locator mostly repeats the previous one's
        # first segments: their elements are taken from it, only the rest are looked up.
        last = ""
        chain: list[int] = []  # the elements of the previous locator's segments
        for loc in locators:
            cut = loc.rfind(">")
            if cut >= 0 and last.startswith(loc[: cut + 1]):  # a sibling's or an ancestor's
                shared, rest = _parent_depth(chain, ends, cut), [loc[cut + 1 :]]
            else:  # only the segments not shared with the previous locator are split
                shared = _shared_segments(loc, last, chain, ends)
                start = ends[chain[shared - 1]] + 1 if shared else 0
                rest = loc[start:].split(">") if start <= len(loc) else []
            _cut_to(chain, shared)
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
                    parents.append(node)
                    tags.append(tag)
                    blocks_in.append(0)
                    ends.append(end)  # where its segment ends in any locator through it
                    group = -1
                    if node >= 0:
                        key = ((node + 1) << _SEGMENT_SHIFT) + tag  # an int, not a tuple a group
                        group = group_ids.setdefault(key, len(group_sizes))
                        if group == len(group_sizes):
                            group_sizes.append(0)
                        group_sizes[group] = group_sizes[group] + 1
                    groups.append(group)
                node = child
                chain.append(node)
            last = loc
            # Not `+=`: mypyc adds to a list's item in place by a generic call.
            blocks_in[node] = blocks_in[node] + 1
            leaves.append(node)
        # A block is inside every element on its path: the leaves' counts, added up from
        # the children (made after their parent) to the parents.
        for node in range(len(parents) - 1, -1, -1):
            parent = parents[node]
            if parent >= 0:
                blocks_in[parent] = blocks_in[parent] + blocks_in[node]

    def cards(self) -> list[int]:
        """Per element, the innermost card at or above it (-1: none), parents first."""
        parents, groups, group_sizes, blocks_in = self.parents, self.groups, self.group_sizes, self.blocks_in
        cards = [-1] * len(parents)
        for node in range(len(parents)):
            card = -1
            parent = parents[node]
            if parent >= 0:  # below a locator's first segment
                if group_sizes[groups[node]] >= _MIN_CARDS and blocks_in[node] >= _MIN_CARD_BLOCKS:
                    card = node
                else:
                    card = cards[parent]
            cards[node] = card
        return cards


def with_card_slots(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    tree: CardTree | None = None,
    locators: list[str] | None = None,
) -> list[Label]:
    """``labels`` with the dropped blocks of mostly kept card slots kept (see the module);
    ``tree`` is the blocks' :func:`card_tree` and ``locators`` their locators when the
    caller has them."""
    share = options.card_slot_keep_share
    if not share:
        return labels
    page = page_tuple(blocks)  # read in place by the compiled build (a Sequence generically)
    numbers, count = slot_numbers([b.locator for b in page] if locators is None else locators, tree)
    total = [0] * count
    kept = [0] * count
    for number, kind in zip(numbers, labels):
        if number >= 0:
            total[number] = total[number] + 1  # not `+=` (see _Elements)
            if kind is _CONTENT:
                kept[number] = kept[number] + 1
    min_blocks = options.card_slot_min_blocks  # once, not per carded block (a generic read)
    out = list(labels)
    for i, number in enumerate(numbers):
        if (
            number >= 0
            and labels[i] in _COMPLETED
            and page[i].features.container in _COMPLETED_CONTAINERS
            and total[number] >= min_blocks
            and kept[number] >= share * total[number]
        ):
            out[i] = _CONTENT
    return out
