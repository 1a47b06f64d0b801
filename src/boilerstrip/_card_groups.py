"""Groups of many cards, mostly kept: the rest of the group is the same content.

A listing's or a shop grid's cards are one unit: a feed of a dozen stories, a grid of
products. Each block is still scored on its own, and where most of such a group is kept
some of its cards' titles, bylines or teasers fall just under the cut and are dropped as
menu lines or related links (labels given by link density or a weak name), which splits
the group. Slots (_card_slots) mend this where the same path is mostly kept; this rule
works on the whole group: on a page declaring nothing or a multi-section type, in a group
of at least ``Options.card_group_min_cards`` cards holding at least
``Options.card_group_keep_share`` of its words in kept blocks, a dropped block labelled
sidebar, navigation, other, metadata or promo whose probability reaches
``Options.card_group_floor`` is kept. Articles are left alone: their groups of cards are
related-story rails, which their truths leave out; a product page's groups are other
products; a thread's are posts (their own rule).

A listing's cards are often kept by their titles alone: the titles are a few words each and
the teasers, bylines and dates under them, dropped, hold most of the group's words, so the
share of words kept says "mostly dropped" of a feed whose every card is kept. So a group of
at least ``Options.card_group_min_cards`` cards where at least
``Options.card_group_card_share`` of the cards keep a block is completed the same way, at
probability ``Options.card_group_card_floor`` or more, but not with lines whose text
recurs in the group: a badge ("NEW"), a button ("Follow") or a colour name repeated from
card to card, which the copy rule dropped on purpose and the truths leave out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Final

from ._copied_boxes import copy_hash, copy_key
from ._model import Block, Label
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT

# Labels a block of a mostly kept group loses: those given by link density or a weak
# name; not a footer, legal text, a share bar, comments or a header, nor a hard rule's.
_COMPLETED = frozenset({Label.SIDEBAR, Label.NAVIGATION, Label.OTHER, Label.METADATA, Label.PROMO})


def _add(sets: dict[int, set[int]], key: int, item: int) -> None:
    """``item`` added to ``sets[key]``, made where missing (not setdefault(key, set()): a set
    made and freed for every block of a group)."""
    found = sets.get(key)
    if found is None:
        sets[key] = {item}
    else:
        found.add(item)


def with_card_groups(
    blocks: Sequence[Block],
    members: Sequence[tuple[int, int]],
    labels: list[Label],
    probabilities: Sequence[float],
    options: Options,
    *,
    hashes: list[int],
) -> list[Label]:
    """``labels`` with the doubtful dropped blocks of mostly kept card groups kept (see
    the module); ``members`` is each block's (card group, card), from
    :func:`~._card_slots.card_members`, ``hashes`` the blocks'
    :func:`~._copied_boxes.copy_hashes`."""
    min_cards = options.card_group_min_cards
    if not min_cards:
        return labels
    cards: dict[int, set[int]] = {}
    kept_cards: dict[int, set[int]] = {}
    words: dict[int, int] = {}
    kept: dict[int, int] = {}
    for (group, card), block, kind in zip(members, blocks, labels):
        n = block.features.words
        if group < 0 or not n:
            continue
        _add(cards, group, card)
        words[group] = words.get(group, 0) + n
        kept[group] = kept.get(group, 0) + (n if kind is _CONTENT else 0)
        if kind is _CONTENT:
            _add(kept_cards, group, card)
    share = options.card_group_keep_share
    chosen = {g for g, c in cards.items() if len(c) >= min_cards and kept[g] > share * words[g]}
    out = with_groups_kept(members, labels, probabilities, chosen, options.card_group_floor)
    card_share = options.card_group_card_share
    by_cards = {
        g
        for g, c in cards.items()
        if card_share
        and g not in chosen
        and len(c) >= min_cards
        and len(kept_cards.get(g, ())) >= card_share * len(c)
    }
    floor = options.card_group_card_floor
    return _with_unique_lines_kept(blocks, members, out, probabilities, hashes, chosen=by_cards, floor=floor)


def _with_unique_lines_kept(
    blocks: Sequence[Block],
    members: Sequence[tuple[int, int]],
    labels: list[Label],
    probabilities: Sequence[float],
    hashes: list[int],
    *,
    chosen: set[int],
    floor: float,
) -> list[Label]:
    """As :func:`with_groups_kept`, but a line whose text recurs in its group stays dropped."""
    if not chosen:
        return labels
    # Each block's key's hash once (``hashes`` holds the kept ones): counted, then read again.
    sums = [h or copy_hash(b.text) if g in chosen else 0 for (g, _card), b, h in zip(members, blocks, hashes)]
    # Counted in loops, not from generator expressions: the compiled build makes a list of
    # a generator expression (a pair, or a key's copy, per member at once).
    counts: Counter[tuple[int, int]] = Counter()
    for (g, _card), h in zip(members, sums):
        if g in chosen:
            counts[(g, h)] += 1
    completed = with_groups_kept(members, labels, probabilities, chosen, floor)
    # Where a hash recurs in its group, the keys themselves are counted (a hash shared by
    # two texts must not keep a line whose text recurs, nor drop one whose text does not).
    texts: Counter[tuple[int, str]] | None = None
    out = list(labels)
    for i, new in enumerate(completed):
        old = labels[i]
        if new is old:
            continue
        g = members[i][0]
        if counts[(g, sums[i])] == 1:
            out[i] = new
            continue
        if texts is None:
            texts = Counter()
            for (group, _card), b, h in zip(members, blocks, sums):
                if group in chosen and counts[(group, h)] > 1:
                    texts[(group, copy_key(b.text))] += 1
        if texts[(g, copy_key(blocks[i].text))] == 1:
            out[i] = new
    return out


def with_groups_kept(
    members: Sequence[tuple[int, int]],
    labels: list[Label],
    probabilities: Sequence[float],
    chosen: set[int],
    floor: float,
) -> list[Label]:
    """``labels`` with the blocks of the ``chosen`` groups (``members``: each block's group
    and card) that were dropped with a weak label kept, at probability ``floor`` or more."""
    if not chosen:
        return labels
    out = list(labels)
    for i, (group, _card) in enumerate(members):
        if group in chosen and labels[i] in _COMPLETED and probabilities[i] >= floor:
            out[i] = Label.CONTENT
    return out
