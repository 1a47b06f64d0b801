"""The copy rules' shortcuts (hashes of kept blocks' keys) give the answers of the plain
comparisons they replace."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter
from collections.abc import Callable, Sequence

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role, extract
from boilerstrip._card_groups import _with_unique_lines_kept, with_card_groups, with_groups_kept
from boilerstrip._card_slots import card_members
from boilerstrip._copied_boxes import (
    MAX_SIG_BUCKETS,
    NEVER_COPIES,
    _c_copy_hash,
    copy_hash,
    copy_hashes,
    copy_key,
    copy_sig,
    without_copied_boxes,
    without_copies,
)
from boilerstrip._model import Markup, ancestor
from boilerstrip._sections import with_section_prose
from boilerstrip._table_rows import with_table_rows
from made_pages import chrome, kept, made_locators

_COPY_TEXTS = (
    "Free shipping on orders over $50",
    "FREE  shipping on orders\nover $50",
    "Add to cart",
    "add to CART ",
    "The museum reopens in May after two years of work on its roof.",
    "  ",
    "|",
    "print('hello')",
)


_COPY_ROLES = (Role.PARAGRAPH, Role.PARAGRAPH, Role.LIST_ITEM, Role.HEADING, Role.TABLE_ROW, Role.CODE)


_COPY_LABELS = (Label.CONTENT, Label.CONTENT, Label.CONTENT, Label.OTHER, Label.NAVIGATION, Label.SIDEBAR)


def _copy_page(seed: int, *, sigs: bool = False) -> tuple[list[Block], list[Label], list[float], list[str]]:
    """A made-up page whose blocks repeat a few texts (case and spacing changed, some with no
    words) or say their own, in random roles, labels, tables and boxes (``made_locators``).
    With ``sigs``, each block's share of stopwords is one of five, read from its key (as
    the features count it on the key's tokens), so that many blocks hold a sig
    (``copy_sig``) of their own; else every block has the same share."""
    rng = random.Random(seed)
    locators = made_locators(seed)
    blocks: list[Block] = []
    for i, loc in enumerate(locators):
        text = rng.choice(_COPY_TEXTS) if rng.random() < 0.6 else f"Line {i} of the page, in words of its own"
        role = rng.choice(_COPY_ROLES)
        density = sum(map(ord, copy_key(text))) % 5 / 5 if sigs else 0.4
        b = make_block(i, text, role=role, stopword_density=density)
        markup = Markup(table=rng.randrange(3)) if role is Role.TABLE_ROW else Markup()
        heading_level = 2 if role is Role.HEADING else 0
        blocks.append(dataclasses.replace(b, locator=loc, markup=markup, heading_level=heading_level))
    labels = [rng.choice(_COPY_LABELS) for _ in blocks]
    probabilities = [rng.random() for _ in blocks]
    return blocks, labels, probabilities, locators


@pytest.mark.parametrize("seed", range(60))
def test_copy_hashes_are_each_kept_blocks_keys_hash(seed: int) -> None:
    blocks, labels, _, _ = _copy_page(seed)
    hashes = copy_hashes(blocks, labels)
    size = min(2 * len(blocks), MAX_SIG_BUCKETS) + 1  # shared_sigs' buckets
    buckets = Counter(
        copy_sig(b.features) % size
        for b, kind in zip(blocks, labels)
        if kind is Label.CONTENT and b.features.words
    )
    for b, kind, h in zip(blocks, labels, hashes, strict=True):
        kept = kind is Label.CONTENT and b.features.words > 0
        # Made where another kept block holds a sig of the block's bucket, else left to the rule that asks.
        assert h == (copy_hash(b.text) if kept and buckets[copy_sig(b.features) % size] > 1 else 0)
    # The build's hash: the key's str hash in a pure install, one made in C where compiled
    # (other numbers); either way texts of one key share a hash.
    for b in blocks:
        if not _c_copy_hash:
            assert copy_hash(b.text) == hash(copy_key(b.text))
        spaced = " \t" + "  ".join(b.text.split(" "))
        cased = b.text.upper() if b.text.isascii() else b.text
        assert copy_key(spaced) == copy_key(cased) == copy_key(b.text)
        assert copy_hash(spaced) == copy_hash(cased) == copy_hash(b.text)


def _plain_without_copies(
    blocks: Sequence[Block], labels: list[Label], options: Options, chrome: Callable[[Block], Label]
) -> list[Label]:
    """_copied_boxes.without_copies as it read every kept block's key (main before the hashes)."""
    levels = options.copy_shared_ancestor_levels
    out = list(labels)
    first: dict[str, int] = {}
    for i, b in enumerate(blocks):
        if labels[i] is not Label.CONTENT or not b.features.words:
            continue
        j = first.setdefault(copy_key(b.text), i)
        same = ancestor(blocks[j].locator, levels) == ancestor(b.locator, levels)
        if j != i and b.role not in NEVER_COPIES and not same:
            out[i] = chrome(b)
    return out


def _plain_without_copied_boxes(
    blocks: Sequence[Block], labels: list[Label], options: Options, chrome: Callable[[Block], Label]
) -> list[Label]:
    """_copied_boxes.without_copied_boxes as it compared each box's keys (main before the hashes)."""
    boxes: dict[str, list[int]] = {}
    for i, b in enumerate(blocks):
        if labels[i] is Label.CONTENT and b.features.words and b.role not in NEVER_COPIES:
            boxes.setdefault(ancestor(b.locator), []).append(i)
    first: set[tuple[str, ...]] = set()
    out = list(labels)
    for members in boxes.values():
        if len(members) < options.copy_box_min_blocks:
            continue
        if sum(blocks[i].features.words for i in members) < options.copy_box_min_words:
            continue
        texts = tuple(copy_key(blocks[i].text) for i in members)
        if texts in first:
            for i in members:
                out[i] = chrome(blocks[i])
        else:
            first.add(texts)
    return out


# The hashes the rules are given: the decision's (the kept blocks' only), every block's, none
# (all 0: the rule makes each), and hashes that many texts share (each block's key's hash
# folded to 1 to 3, or one for all): the rules compare the keys where two hashes match, so
# every one of these gives the same labels.
_HASHES: dict[str, Callable[[list[Block], list[Label]], list[int]]] = {
    "the decision's": copy_hashes,
    "every block's": lambda blocks, _labels: [copy_hash(b.text) for b in blocks],
    "none": lambda blocks, _labels: [0] * len(blocks),
    "folded to 1-3": lambda blocks, _labels: [copy_hash(b.text) % 3 + 1 for b in blocks],
    "one for all": lambda blocks, _labels: [7] * len(blocks),
}


@pytest.mark.parametrize("sigs", [False, True])
@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("given", list(_HASHES))
def test_the_copy_rules_read_the_same_with_any_hashes_given(seed: int, given: str, sigs: bool) -> None:
    """Each rule labels the same given any of ``_HASHES`` as given none. A rule that took a
    missing hash for the block's, or two texts of one hash for one text, fails here; with
    ``sigs``, one that passed over a block or a box whose sig is shared, too."""
    blocks, labels, probabilities, locators = _copy_page(seed, sigs=sigs)
    options = Options(card_group_min_cards=3, card_group_card_share=0.3, card_group_keep_share=0.3)
    sections = Options(section_prose_floor=0.1, section_prose_min_words=3)
    boxes, rows = Options(copy_box_min_words=4), Options(table_rows_floor=0.1)
    members = card_members(locators)
    runs = {
        name: (
            without_copies(blocks, labels, options, chrome, hashes),
            without_copied_boxes(blocks, labels, boxes, chrome, hashes),
            with_table_rows(blocks, labels, probabilities, rows, kept, hashes=hashes),
            with_section_prose(blocks, labels, probabilities, sections, kept, hashes=hashes),
            with_card_groups(blocks, members, labels, probabilities, options, hashes=hashes),
        )
        for name, hashes in ((name, _HASHES[name](blocks, labels)) for name in (given, "none"))
    }
    assert runs[given] == runs["none"]
    assert runs[given][0] == _plain_without_copies(blocks, labels, options, chrome)
    assert runs[given][1] == _plain_without_copied_boxes(blocks, labels, boxes, chrome)


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("given", list(_HASHES))
def test_unique_lines_kept_by_hash_are_those_by_key(seed: int, given: str) -> None:
    """The card groups' completion keeps the lines whose key (not hash) is once in the group."""
    blocks, labels, probabilities, locators = _copy_page(seed)
    members = card_members(locators)
    chosen = {g for g, _card in members if g >= 0}
    hashes = _HASHES[given](blocks, labels)
    got = _with_unique_lines_kept(blocks, members, labels, probabilities, hashes, chosen=chosen, floor=0.2)
    completed = with_groups_kept(members, labels, probabilities, chosen, 0.2)
    texts = [copy_key(b.text) for b in blocks]
    counts = Counter((g, t) for (g, _card), t in zip(members, texts) if g in chosen)
    plain = [
        new if new is old or counts[(g, t)] == 1 else old
        for new, old, t, (g, _card) in zip(completed, labels, texts, members)
    ]
    assert got == plain


# Pairs of texts of one key (case and spacing aside), written as a page writes them: the
# features count both texts' words and stopwords alike, so their sigs are equal.
_SAME_KEYS = (
    ("The museum reopens in May", "THE  museum\nreopens in   may"),
    ("Free shipping on all orders over $50", "free shipping on all\u00a0orders over $50"),
    ("ΟΔΟΣ ΠΡΟΣ ΤΟ ΜΟΥΣΕΙΟ ΑΝΟΙΓΕΙ", "οδος  προς το μουσειο ανοιγει"),
    ("İstanbul müzesi yeniden açıldı", "i̇stanbul   MÜZESI yeniden açıldı"),
    ("東京の美術館が再開した", "東京の美術館が再開した"),
)


@pytest.mark.parametrize(("one", "other"), _SAME_KEYS)
def test_texts_of_one_key_have_one_sig(one: str, other: str) -> None:
    """Two blocks of one copy key have one copy_sig as the extraction's features give them
    (the rules pass over a block whose sig no other kept block holds)."""
    html = f"<html><body><article><p>{one}</p><div><p>{other}</p></div></article></body></html>"
    blocks = {b.text: b for b in extract(html).blocks}
    first, second = blocks[one], blocks.get(other) or blocks[" ".join(other.split())]
    assert copy_key(first.text) == copy_key(second.text)
    assert first.features.words > 0
    assert copy_sig(first.features) == copy_sig(second.features)


_BOX_TEXTS = ("Oak desk", "oak\ndesk", "OAK  Desk", "$40", "Ships in two weeks")


def _boxes_page(seed: int) -> tuple[list[Block], list[Label]]:
    """A made-up page of boxes of two to four blocks, each box under a parent of its own and
    written from a few texts (case and spacing changed), so that boxes repeat others whole,
    in part or in another order, and hold words of other counts."""
    rng = random.Random(seed)
    blocks: list[Block] = []
    for box in range(rng.randint(2, 12)):
        for n in range(rng.randint(2, 3)):
            text = rng.choice(_BOX_TEXTS)
            b = make_block(len(blocks), text, stopword_density=0.0 if "$" in text else 0.25)
            blocks.append(
                dataclasses.replace(b, locator=f"body>div:nth-of-type({box + 1})>p:nth-of-type({n + 1})")
            )
    labels = [Label.CONTENT if rng.random() < 0.9 else Label.OTHER for _ in blocks]
    return blocks, labels


@pytest.mark.parametrize("seed", range(80))
def test_copied_boxes_as_every_boxs_keys_compared(seed: int) -> None:
    """The boxes whose words (block by block) no other box repeats are passed over: the same
    labels as comparing every box's keys."""
    blocks, labels = _boxes_page(seed)
    options = Options(copy_box_min_words=2)
    got = without_copied_boxes(blocks, labels, options, chrome, copy_hashes(blocks, labels))
    assert got == _plain_without_copied_boxes(blocks, labels, options, chrome)
