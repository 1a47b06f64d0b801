"""Slots of repeated cards: a dropped block at the same place as the kept blocks of other cards."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options
from boilerstrip._card_slots import card_slots
from boilerstrip._combine import label
from boilerstrip._page_type import ARTICLE, SECTIONED
from boilerstrip._probability import score

_GRID = "body>main>div"
_TEASER = "A short account of what the story says, long enough to be read as a teaser of it."


def _at(block: Block, locator: str) -> Block:
    return dataclasses.replace(block, locator=locator)


def _cards(
    count: int, *, dropped_title: int, container: str = "", per_card: int = 2
) -> tuple[list[Block], list[float]]:
    """``count`` cards (a linked title and a teaser each); the title of card
    ``dropped_title`` scores low and is all link (a menu line to its own evidence)."""
    blocks: list[Block] = []
    probabilities: list[float] = []
    for i in range(1, count + 1):
        card = f"{_GRID}>article:nth-of-type({i})"
        low = i == dropped_title
        title = make_block(
            len(blocks), f"Story number {i}", link_density=1.0 if low else 0.0, container=container
        )
        blocks.append(_at(title, f"{card}>h3:nth-of-type(1)>a:nth-of-type(1)"))
        probabilities.append(0.1 if low else 0.9)
        if per_card > 1:
            blocks.append(
                _at(make_block(len(blocks), _TEASER, container=container), f"{card}>p:nth-of-type(1)")
            )
            probabilities.append(0.9)
    return blocks, probabilities


def _labels(
    blocks: list[Block], probabilities: list[float], declared: str = "", **changes: object
) -> list[Label]:
    options = Options(weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, **changes)  # type: ignore[arg-type]
    labelled = label(blocks, tuple(probabilities), score(blocks, options), options, declared=declared)
    return [b.label for b in labelled]


@pytest.mark.parametrize("declared", ["", SECTIONED])
def test_a_dropped_title_of_a_kept_slot_is_kept(declared: str) -> None:
    blocks, probabilities = _cards(5, dropped_title=3)
    assert all(kind is Label.CONTENT for kind in _labels(blocks, probabilities, declared))


def test_not_on_declared_articles() -> None:
    # An article's repeated boxes are related-story rails: their dropped lines stay dropped.
    blocks, probabilities = _cards(5, dropped_title=3)
    assert _labels(blocks, probabilities, ARTICLE)[4] is not Label.CONTENT


@pytest.mark.parametrize(
    ("cards", "container", "per_card", "changes"),
    [
        (5, "navigation", 2, {}),  # cards inside a box named as a menu
        (3, "", 2, {"card_slot_min_blocks": 4}),  # too few cards hold the slot
        (5, "", 1, {}),  # one block per member: list items, not cards
        (5, "", 2, {"card_slot_keep_share": 0.0}),  # the rule off
        (5, "", 2, {"card_slot_keep_share": 0.9}),  # 4 of 5 titles kept: under the share
    ],
    ids=["chrome-box", "few-cards", "list-items", "off", "share"],
)
def test_the_title_stays_dropped(
    cards: int, container: str, per_card: int, changes: dict[str, object]
) -> None:
    blocks, probabilities = _cards(cards, dropped_title=2, container=container, per_card=per_card)
    labels = _labels(blocks, probabilities, **changes)
    assert labels[2 if per_card == 2 else 1] is not Label.CONTENT


def test_slots_are_paths_inside_the_innermost_card() -> None:
    blocks, _ = _cards(3, dropped_title=0)
    slots = card_slots([b.locator for b in blocks])
    assert all(slot is not None for slot in slots)
    assert len({slot[0] for slot in slots if slot is not None}) == 1  # one group: the articles
    assert [slot[1] for slot in slots if slot is not None] == [
        ">h3:nth-of-type(1)>a:nth-of-type(1)",
        ">p:nth-of-type(1)",
    ] * 3


def test_deep_pages_are_linear() -> None:
    # 2,000 levels: a prefix string per level would hold about 4 * 10^9 characters.
    deep = ">".join(["body", *(["div"] * 2000)])
    assert card_slots([deep + f">p:nth-of-type({i})" for i in range(1, 4)]) == [None] * 3


def test_an_element_whose_blocks_recur_apart_is_one_card() -> None:
    # Capped deep locators can name one element again after another's blocks: it is still
    # one element, so two divs are not a group of three cards.
    first, second = "body>div:nth-of-type(1)", "body>div:nth-of-type(2)"
    locators = [f"{first}>p", f"{first}>h2", f"{second}>p", f"{second}>h2", f"{first}>span", f"{first}>em"]
    assert card_slots(locators) == [None] * 6


def _partition(locators: list[str]) -> dict[str, tuple[frozenset[str], str] | None]:
    """Per locator, the locators in its card group and its path inside the card: what a
    slot means, whatever numbers the groups get."""
    slots = dict(zip(locators, card_slots(locators)))
    members: dict[object, set[str]] = {}
    for loc, slot in slots.items():
        if slot is not None:
            members.setdefault(slot[0], set()).add(loc)
    return {
        loc: None if slot is None else (frozenset(members[slot[0]]), slot[1]) for loc, slot in slots.items()
    }


_ORDERS = {
    "cards": [
        f"body>main>div>article:nth-of-type({i})>{leaf}"
        for i in range(1, 5)
        for leaf in ("h3:nth-of-type(1)>a:nth-of-type(1)", "p:nth-of-type(1)", "p:nth-of-type(2)")
    ],
    # an ancestor's block after its descendants', cousins, and a locator that is a prefix of another
    "nested": [
        "body>div>ul>li:nth-of-type(1)>a",
        "body>div>ul>li:nth-of-type(1)>span",
        "body>div>ul>li:nth-of-type(2)>a",
        "body>div>ul>li:nth-of-type(2)>span",
        "body>div>ul>li:nth-of-type(3)>a",
        "body>div>ul>li:nth-of-type(3)>span",
        "body>div>ul",
        "body>div",
        "body>div>ul>li:nth-of-type(3)>a>b",
        "body",
    ],
}


@pytest.mark.parametrize("name", sorted(_ORDERS))
def test_slots_do_not_depend_on_the_order_of_the_blocks(name: str) -> None:
    # Each locator reuses the elements it shares with the previous one: read in another
    # order (other prefixes shared), every block has the same card group and path.
    locators = _ORDERS[name]
    expected = _partition(locators)
    assert any(slot is not None for slot in expected.values())
    for order in (locators[::-1], locators[::2] + locators[1::2], sorted(locators)):
        assert _partition(order) == expected
