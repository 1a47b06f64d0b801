"""Cards of other products on a declared product page, and the box of a page's one title."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role
from boilerstrip._combine import label
from boilerstrip._page_type import PRODUCT, SECTIONED, THREAD
from boilerstrip._probability import score
from boilerstrip._product_cards import _is_price, product_cards, title_heading

_DESCRIPTION = (
    "A light trail shoe with a rock plate and a grippy outsole, made for long runs on rough "
    "ground; the upper dries fast and the heel holds the foot on steep descents."
)
_PRODUCT = "body>main>div.product"
_CARDS = "body>main>section>ul"


def _at(block: Block, locator: str) -> Block:
    return dataclasses.replace(block, locator=locator)


def _page(cards: int, description: str = _DESCRIPTION) -> list[Block]:
    blocks = [
        _at(make_block(0, "Trail Runner 2", role=Role.HEADING), f"{_PRODUCT}>h1"),
        _at(make_block(1, description), f"{_PRODUCT}>p"),
        _at(make_block(2, "Customers also bought", role=Role.HEADING), "body>main>section>h2"),
    ]
    for i in range(1, cards + 1):
        card = f"{_CARDS}>li:nth-of-type({i})"
        blocks.append(_at(make_block(len(blocks), f"Road Racer {i} running shoe for men"), f"{card}>h3"))
        blocks.append(_at(make_block(len(blocks), f"${80 + i}.99"), f"{card}>div>span"))
    return blocks


def _kept_text(blocks: list[Block], *, declared: str = PRODUCT, **changes: object) -> list[str]:
    options = Options(weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, **changes)  # type: ignore[arg-type]
    labelled = label(blocks, (0.9,) * len(blocks), score(blocks, options), options, declared=declared)
    return [b.text for b in labelled if b.label is Label.CONTENT]


def test_cards_of_other_products_are_dropped() -> None:
    assert _kept_text(_page(4)) == ["Trail Runner 2", _DESCRIPTION, "Customers also bought"]


@pytest.mark.parametrize(
    ("blocks", "declared", "changes"),
    [
        (_page(2), PRODUCT, {}),  # two priced boxes: a choice of sizes, not a carousel
        (_page(4), SECTIONED, {}),  # not a product page: a collection keeps its cards
        (_page(20, description="Trail Runner 2, light and fast."), PRODUCT, {}),  # a listing's grid
        (_page(4, description="Trail Runner 2, light and fast."), PRODUCT, {"product_carousel_max_cards": 0}),
        (_page(4), PRODUCT, {"product_card_min_cards": 0}),  # the rule off
    ],
    ids=["two-cards", "not-a-product-page", "mostly-cards", "mostly-cards-carousels-off", "off"],
)
def test_cards_are_kept(blocks: list[Block], declared: str, changes: dict[str, object]) -> None:
    assert len(_kept_text(blocks, declared=declared, **changes)) == len(blocks)


@pytest.mark.parametrize(
    ("cards", "max_cards", "dropped"),
    [
        (4, 16, True),  # a carousel outweighing a short description still goes
        (16, 16, True),
        (17, 16, False),  # more cards in a row than a carousel's: the page lists products
        (4, 3, False),
    ],
)
def test_carousels_holding_most_text(cards: int, max_cards: int, dropped: bool) -> None:
    blocks = _page(cards, description="Trail Runner 2, light and fast.")
    kept = _kept_text(blocks, product_carousel_max_cards=max_cards)
    assert kept[:2] == ["Trail Runner 2", "Trail Runner 2, light and fast."]
    assert len(kept) == (3 if dropped else len(blocks))


def test_cards_are_the_priced_siblings() -> None:
    cards = product_cards(_page(3), Options())
    assert cards == frozenset(f"{_CARDS}>li:nth-of-type({i})" for i in (1, 2, 3))


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("$168.54", True),
        ("EUR 163.12", True),
        ("12,90 €", True),
        ("previous price$185.39 9% off", True),
        ("+ $72.02 delivery", True),
        ("In stock, ships in 2 days", False),
        ("Model 2024 with 3 year warranty", False),
        ("The best price we have ever offered on any of our shoes: $49", False),  # too long a line
    ],
)
def test_price_lines(text: str, price: bool) -> None:
    assert _is_price(make_block(0, text), Options().product_card_price_words) is price


_FRAME = "Free delivery on every order over fifty pounds"


def _framed_page(*, titles: int, frame: str) -> list[Block]:
    """A title's box (h1, description) and a line of the shop's frame outside it."""
    title = _at(make_block(0, "Trail Runner 2", role=Role.HEADING), f"{_PRODUCT}>h1")
    blocks = [dataclasses.replace(title, index=i, heading_level=1) for i in range(titles)]
    blocks.append(_at(make_block(len(blocks), _DESCRIPTION), f"{_PRODUCT}>div>p"))
    # A box of the frame, not the page's <footer> (whose kept blocks _page_frame drops).
    blocks.append(_at(make_block(len(blocks), frame), "body>div>div>p"))
    return blocks


@pytest.mark.parametrize(
    ("titles", "frame", "declared", "changes", "kept"),
    [
        (1, _FRAME, PRODUCT, {}, False),  # the frame's line goes
        (2, _FRAME, PRODUCT, {}, True),  # two h1: no product box
        (1, _FRAME, SECTIONED, {}, False),  # any page but a thread
        (1, _FRAME, THREAD, {}, True),  # a thread: posts sit beside the title's box
        (1, _FRAME, PRODUCT, {"title_box_share": 0.0}, True),  # the rule off
        (1, " ".join([_DESCRIPTION] * 3), PRODUCT, {}, True),  # most kept words outside: no box below body
    ],
    ids=["frame", "two-titles", "sectioned", "thread", "off", "most-text-outside"],
)
def test_text_outside_the_title_box(
    titles: int, frame: str, declared: str, changes: dict[str, object], kept: bool
) -> None:
    text = _kept_text(_framed_page(titles=titles, frame=frame), declared=declared, **changes)
    assert _DESCRIPTION in text
    assert (frame in text) is kept


def _titled_page(*, matches: tuple[bool, bool]) -> list[Block]:
    """Two <h1>: the product's, in its box, and the shop's, in the page's frame beside a
    line of the frame; ``matches`` says which of the two matches the page's <title>."""
    blocks = [
        _at(make_block(0, "Trail Runner 2", role=Role.HEADING, title_match=matches[0]), f"{_PRODUCT}>h1"),
        _at(make_block(1, _DESCRIPTION), f"{_PRODUCT}>div>p"),
        _at(make_block(2, "Trail Shop", role=Role.HEADING, title_match=matches[1]), "body>div>div>h1"),
        _at(make_block(3, _FRAME), "body>div>div>p"),
    ]
    return [dataclasses.replace(b, heading_level=1) if b.role is Role.HEADING else b for b in blocks]


@pytest.mark.parametrize(
    ("matches", "changes", "frame_kept"),
    [
        ((True, False), {}, False),  # of two kept h1, the one matching the <title> has the box
        ((False, False), {}, True),  # neither matches: no title, no box
        ((True, True), {}, True),  # both match: no one title
        ((True, False), {"title_box_several_h1": False}, True),  # one h1 only, as before
    ],
    ids=["one-matches", "none-matches", "both-match", "off"],
)
def test_the_title_among_several_h1(
    matches: tuple[bool, bool], changes: dict[str, object], frame_kept: bool
) -> None:
    text = _kept_text(_titled_page(matches=matches), **changes)
    assert _DESCRIPTION in text
    assert (_FRAME in text) is frame_kept
    assert ("Trail Shop" in text) is frame_kept


@pytest.mark.parametrize(
    ("kept", "matches", "several", "title"),
    [
        ((True, False), (False, False), True, 0),  # the one kept h1 (the other is a dropped logo)
        ((False, True), (False, False), True, 2),
        ((False, False), (True, False), True, -1),  # none kept
        ((True, True), (False, True), True, 2),  # both kept: the one matching the <title>
        ((True, False), (False, False), False, -1),  # several h1 not looked at
    ],
)
def test_title_heading(
    kept: tuple[bool, bool], matches: tuple[bool, bool], several: bool, title: int
) -> None:
    blocks = _titled_page(matches=matches)
    labels = [Label.CONTENT if k else Label.NAVIGATION for k in (kept[0], True, kept[1], True)]
    assert title_heading(blocks, labels, Options(title_box_several_h1=several)) == title
