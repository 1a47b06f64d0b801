"""Groups of many cards, mostly kept: their doubtful dropped blocks are kept with them."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError
from boilerstrip._card_slots import card_members
from boilerstrip._combine import label
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED, THREAD
from boilerstrip._probability import score

_GRID = "body>main>div"
_TEASER = "A short account of what the story says, long enough to be read as a teaser of it."


def _at(block: Block, locator: str) -> Block:
    return dataclasses.replace(block, locator=locator)


def _cards(
    count: int, *, dropped: int, low: float = 0.3, teaser: float = 0.9, container: str = ""
) -> tuple[list[Block], list[float]]:
    """``count`` cards, each a teaser and then a linked title; the titles of the first
    ``dropped`` cards score ``low`` and are all link (menu lines to their own evidence),
    the others are kept. Slots are off in :func:`_labels`: only the group decides."""
    blocks: list[Block] = []
    probabilities: list[float] = []
    for i in range(1, count + 1):
        card = f"{_GRID}>article:nth-of-type({i})"
        blocks.append(_at(make_block(len(blocks), _TEASER), f"{card}>p:nth-of-type(1)"))
        probabilities.append(teaser)
        weak = i <= dropped
        title = make_block(
            len(blocks), f"Story number {i}", link_density=1.0 if weak else 0.0, container=container
        )
        blocks.append(_at(title, f"{card}>h3:nth-of-type(1)>a:nth-of-type(1)"))
        probabilities.append(low if weak else 0.9)
    return blocks, probabilities


def _labels(
    blocks: list[Block], probabilities: list[float], declared: str = "", **changes: object
) -> list[Label]:
    options = Options(
        weights=(),
        smoothing=(),
        decision="threshold",
        tail_max_blocks=0,
        card_slot_keep_share=0.0,
        **changes,  # type: ignore[arg-type]
    )
    labelled = label(blocks, tuple(probabilities), score(blocks, options), options, declared=declared)
    return [b.label for b in labelled]


def _titles(labels: list[Label], dropped: int) -> list[Label]:
    return labels[1 : 2 * dropped : 2]


@pytest.mark.parametrize("declared", ["", SECTIONED])
def test_dropped_titles_of_a_mostly_kept_group_are_kept(declared: str) -> None:
    blocks, probabilities = _cards(8, dropped=5)
    assert Label.CONTENT not in _titles(_labels(blocks, probabilities, declared, card_group_min_cards=0), 5)
    assert all(kind is Label.CONTENT for kind in _labels(blocks, probabilities, declared))


@pytest.mark.parametrize(
    ("page", "declared", "changes"),
    [
        ({}, ARTICLE, {}),  # an article's cards are related-story rails
        ({}, PRODUCT, {}),  # a product page's cards are other products
        ({}, THREAD, {}),  # a thread's posts have their own rule
        ({"count": 7}, "", {}),  # too few cards
        ({"low": 0.1}, "", {}),  # the titles under the floor
        ({"teaser": 0.1}, "", {}),  # the teasers dropped too: the group is not mostly kept
        ({"container": "footer"}, "", {}),  # the titles in a box named as the footer
        ({}, "", {"card_group_min_cards": 0}),  # the rule off
    ],
    ids=["article", "product", "thread", "few-cards", "floor", "not-kept", "footer", "off"],
)
def test_the_titles_stay_dropped(page: dict[str, Any], declared: str, changes: dict[str, object]) -> None:
    blocks, probabilities = _cards(**{"count": 8, **page}, dropped=2)
    labels = _labels(blocks, probabilities, declared, **changes)
    assert all(kind is not Label.CONTENT for kind in _titles(labels, 2))


def test_the_share_is_of_the_group_words() -> None:
    # 8 cards of 18 teaser words each and 3-word titles; the 8 teasers (144 of 168 words)
    # kept: over a share of 0.8, under one of 0.9.
    # (The share of cards kept is off here: every card keeps its teaser.)
    blocks, probabilities = _cards(8, dropped=8)
    by_words = {"card_group_card_share": 0.0}
    assert Label.CONTENT in _titles(_labels(blocks, probabilities, card_group_keep_share=0.8, **by_words), 8)
    assert Label.CONTENT not in _titles(
        _labels(blocks, probabilities, card_group_keep_share=0.9, **by_words), 8
    )


def _feed(
    count: int, *, kept: int, teaser: float = 0.3, badge: bool = False
) -> tuple[list[Block], list[float]]:
    """``count`` cards of a feed, each a short linked title over a long teaser of its own
    (most of the group's words); the titles of the first ``kept`` cards are kept, the rest
    and every teaser score low (at ``teaser``). With ``badge`` each card also carries the
    same "NEW" line, dropped."""
    blocks: list[Block] = []
    probabilities: list[float] = []
    for i in range(1, count + 1):
        card = f"{_GRID}>article:nth-of-type({i})"
        title = make_block(len(blocks), f"Story {i}", link_density=1.0)
        blocks.append(_at(title, f"{card}>h3:nth-of-type(1)>a:nth-of-type(1)"))
        probabilities.append(0.9 if i <= kept else 0.05)
        text = f"What story {i} says, in a teaser long enough to hold most of the words of its card."
        blocks.append(_at(make_block(len(blocks), text), f"{card}>p:nth-of-type(1)"))
        probabilities.append(teaser)
        if badge:
            blocks.append(_at(make_block(len(blocks), "NEW"), f"{card}>span:nth-of-type(1)"))
            probabilities.append(teaser)
    return blocks, probabilities


@pytest.mark.parametrize("declared", ["", SECTIONED])
def test_a_feed_kept_by_its_titles_keeps_its_teasers(declared: str) -> None:
    blocks, probabilities = _feed(8, kept=8)
    teasers = slice(1, None, 2)
    cut = {"sectioned_decision": "threshold"}  # the same cut on both: only the group decides
    off = _labels(blocks, probabilities, declared, card_group_card_share=0.0, **cut)
    assert Label.CONTENT not in off[teasers]  # a fifth of the words kept: under the word share
    assert all(kind is Label.CONTENT for kind in _labels(blocks, probabilities, declared, **cut)[teasers])


def test_lines_repeated_in_the_group_stay_dropped() -> None:
    blocks, probabilities = _feed(8, kept=8, badge=True)
    labels = _labels(blocks, probabilities)
    assert all(kind is Label.CONTENT for kind in labels[1::3])  # the teasers
    assert all(kind is not Label.CONTENT for kind in labels[2::3])  # "NEW" on every card


@pytest.mark.parametrize(
    ("feed", "changes"),
    [
        ({"count": 7, "kept": 7}, {}),  # too few cards
        ({"count": 8, "kept": 6}, {}),  # 6 of 8 cards kept: under the share of 0.8
        ({"count": 8, "kept": 8, "teaser": 0.05}, {}),  # the teasers under the floor
        ({"count": 8, "kept": 8}, {"card_group_card_share": 0.0}),  # the rule off
    ],
    ids=["few-cards", "few-kept", "floor", "off"],
)
def test_the_teasers_stay_dropped(feed: dict[str, Any], changes: dict[str, object]) -> None:
    blocks, probabilities = _feed(**feed)
    labels = _labels(blocks, probabilities, **changes)
    assert all(kind is not Label.CONTENT for kind in labels[1::2])


def test_card_members_name_the_group_and_the_card() -> None:
    blocks, _ = _cards(3, dropped=0)
    members = card_members([b.locator for b in blocks] + ["body>footer>p"])
    assert len({group for group, _ in members[:6]}) == 1  # one group: the articles
    first, second, third = members[0][1], members[2][1], members[4][1]
    assert [card for _, card in members[:6]] == [first, first, second, second, third, third]
    assert len({card for _, card in members[:6]}) == 3
    assert members[6] == (-1, -1)


@pytest.mark.parametrize(
    "changes",
    [
        {"card_group_min_cards": -1},
        {"card_group_keep_share": 1.5},
        {"card_group_floor": -0.1},
        {"card_group_card_share": 1.5},
        {"card_group_card_floor": -0.1},
    ],
)
def test_invalid_values_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options(**changes)  # type: ignore[arg-type]
