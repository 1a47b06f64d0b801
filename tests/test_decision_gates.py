"""The decision's page-level gates change no label: the card rules are not asked on a page
where no block is in a card (none on a page of fewer than ``MIN_CARD_PAGE_BLOCKS`` blocks, and
the bound is reached), and asked they would change nothing there; the copied boxes' rule on a
page of fewer than two boxes' blocks; the teaser rails with fewer titles than a rail's cards;
the rules that now return their input list where they drop nothing give the labels they gave."""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from blocks import make_block
from boilerstrip import Options
from boilerstrip._block_labels import hard_rules_of, page_rules
from boilerstrip._card_groups import with_card_groups
from boilerstrip._card_slots import (
    MIN_CARD_PAGE_BLOCKS,
    _Elements,
    card_members,
    card_tree,
    holds_cards,
    with_card_slots,
)
from boilerstrip._child_cards import with_child_cards
from boilerstrip._copied_boxes import without_copied_boxes
from boilerstrip._hard_rules import HARD_RULES
from boilerstrip._model import Block, Label, Link, Markup, Role
from boilerstrip._teaser_cards import teaser_rails

_TAGS = ("div", "li", "p", "h3", "div:nth-of-type(2)", "li:nth-of-type(2)", "li:nth-of-type(3)")


def _random_locators(rng: random.Random, n: int) -> list[str]:
    out: list[str] = []
    for _ in range(n):
        steps = ["html", "body", *(rng.choice(_TAGS) for _ in range(rng.randrange(0, 4)))]
        out.append(">".join(steps))
    return out


def _python_cards(locators: list[str]) -> list[int]:
    elements = _Elements(locators)
    cards = elements.cards()
    return [cards[leaf] for leaf in elements.leaves]


def test_no_card_below_the_bound() -> None:
    rng = random.Random(5)
    for _ in range(3000):
        locators = _random_locators(rng, rng.randrange(0, MIN_CARD_PAGE_BLOCKS))
        assert all(card < 0 for card in _python_cards(locators))
        assert not holds_cards(card_tree(locators))


def test_the_bound_is_reached() -> None:
    card = "html>body>ul>li:nth-of-type(1)"
    locators = [f"{card}>h3", f"{card}>p", "html>body>ul>li:nth-of-type(2)", "html>body>ul>li:nth-of-type(3)"]
    assert len(locators) == MIN_CARD_PAGE_BLOCKS
    assert holds_cards(card_tree(locators))
    assert not holds_cards(card_tree(locators[1:]))


def _block(
    i: int,
    locator: str,
    words: int,
    *,
    link_density: float = 0.0,
    role: Role = Role.PARAGRAPH,
    word: str = "",
) -> Block:
    block = make_block(i, " ".join([word or f"w{i}"] * words), role=role, link_density=link_density)
    return dataclasses.replace(block, locator=locator)


_LABELS = (Label.CONTENT, Label.SIDEBAR, Label.NAVIGATION, Label.OTHER)


@pytest.mark.parametrize("seed", range(40))
def test_card_rules_change_nothing_without_cards(seed: int) -> None:
    rng = random.Random(seed)
    locators = _random_locators(rng, rng.randrange(1, 16))
    tree = card_tree(locators)
    if holds_cards(tree):
        pytest.skip("a page with a card")
    blocks = [_block(i, loc, rng.randrange(0, 30)) for i, loc in enumerate(locators)]
    labels = [rng.choice(_LABELS) for _ in blocks]
    probabilities = [rng.random() for _ in blocks]
    options = Options(card_slot_keep_share=0.01, card_group_min_cards=1, child_card_min_cards=1)
    assert with_card_slots(blocks, labels, options, tree, locators) == labels
    members = card_members(locators, tree)
    hashes = [0] * len(blocks)
    assert with_card_groups(blocks, members, labels, probabilities, options, hashes=hashes) == labels
    address = "https://a.example/x/"
    assert with_child_cards(blocks, members, labels, probabilities, options, address=address) == labels


def test_some_random_pages_hold_cards() -> None:
    # The test above is not all skips and passes: its generator makes pages of both kinds.
    held = [holds_cards(card_tree(_random_locators(random.Random(seed), 30))) for seed in range(40)]
    assert any(held) and not all(held)


@pytest.mark.parametrize("count", range(0, 6))
def test_copied_boxes_of_small_pages(count: int) -> None:
    # Pages of up to five blocks, every parent and label: the gate's answer (no change under
    # four blocks with two a box) is the rule's.
    parents = ("html>body>div", "html>body>section")
    for layout in itertools.product(range(2), repeat=count):
        # A block's text is its rank in its box: two boxes of as many blocks repeat each other.
        blocks = [
            _block(i, f"{parents[p]}>p:nth-of-type({i + 1})", 20, word=f"w{layout[:i].count(p)}")
            for i, p in enumerate(layout)
        ]
        labels = [Label.CONTENT] * count
        out = without_copied_boxes(blocks, labels, Options(), lambda b: Label.OTHER, [0] * count)
        if count < 2 * Options().copy_box_min_blocks:
            assert out == labels
        elif layout == (0, 0, 1, 1):
            assert out == [Label.CONTENT, Label.CONTENT, Label.OTHER, Label.OTHER]


@pytest.mark.parametrize("titles", range(0, 5))
def test_teaser_rails_need_a_title_a_card(titles: int) -> None:
    # Cards of a title linking away and a teaser; fewer titles than the rail's cards: no rail.
    blocks: list[Block] = []
    for k in range(titles):
        locator = f"html>body>div>h3:nth-of-type({k + 1})"
        title = _block(2 * k, locator, 5, link_density=1.0, role=Role.HEADING)
        link = Link(0, len(title.text), "https://example.org/other-story.html")
        blocks.append(dataclasses.replace(title, heading_level=3, markup=Markup(links=(link,))))
        blocks.append(_block(2 * k + 1, f"html>body>div>p:nth-of-type({k + 1})", 15))
    options = Options()
    rails = teaser_rails(blocks, list(range(len(blocks))), options)
    if titles < options.teaser_card_min_cards:
        assert rails == []
    else:
        assert rails == [list(range(len(blocks)))]


_PAGES = list(itertools.product(("", "article", "thread"), (False, True)))


@pytest.mark.parametrize(("declared", "undeclared"), _PAGES)
def test_page_rules_are_the_named_rules_in_table_order(declared: str, undeclared: bool) -> None:
    for size in range(len(HARD_RULES) + 1):
        for names in itertools.combinations(HARD_RULES, size):
            options = Options(hard_rules=frozenset(names), metadata_line_undeclared=undeclared)
            named = hard_rules_of(declared, options)
            assert page_rules(declared, options) == tuple(r for n, r in HARD_RULES.items() if n in named)
