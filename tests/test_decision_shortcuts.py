"""The decision stage's card and link shortcuts give the answers of the plain computations they
replace."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options
from boilerstrip._card_slots import card_members, card_slots, card_tree, slot_numbers
from boilerstrip._child_cards import _is_below, with_child_cards
from boilerstrip._model import Link, Markup, ancestor
from made_pages import canonical, made_locators, odd_locators


def _plain_cards(locators: Sequence[str]) -> list[tuple[str, str, str] | None]:
    """Per block, (parent path, card path, tag) of its innermost card, from path strings:
    a card is an element below the first segment with at least 3 siblings of its tag (one
    parent) and at least 2 blocks inside it."""
    blocks_in: dict[str, int] = {}
    children: dict[tuple[str, str], set[str]] = {}
    for loc in locators:
        steps = loc.split(">")
        for k in range(len(steps)):
            path = ">".join(steps[: k + 1])
            blocks_in[path] = blocks_in.get(path, 0) + 1
            if k:
                children.setdefault((">".join(steps[:k]), steps[k].split(":", 1)[0]), set()).add(path)
    out: list[tuple[str, str, str] | None] = []
    for loc in locators:
        steps = loc.split(">")
        found = None
        for k in range(len(steps) - 1, 0, -1):
            parent, path, tag = ">".join(steps[:k]), ">".join(steps[: k + 1]), steps[k].split(":", 1)[0]
            if len(children[(parent, tag)]) >= 3 and blocks_in[path] >= 2:
                found = (parent, path, tag)
                break
        out.append(found)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_card_tree_finds_the_plain_cards(seed: int) -> None:
    locators = made_locators(seed)
    plain = _plain_cards(locators)
    members = card_members(locators)
    assert [m == (-1, -1) for m in members] == [p is None for p in plain]
    assert canonical([m for m in members]) == canonical(plain)
    assert canonical([g for g, _ in members]) == canonical([p and p[0] for p in plain])
    slots = card_slots(locators)
    expected = [None if p is None else (p[0], p[2], loc[len(p[1]) :]) for p, loc in zip(plain, locators)]
    assert [s is None for s in slots] == [e is None for e in expected]
    assert [s and s[1] for s in slots] == [e and e[2] for e in expected]  # the path inside the card
    assert canonical(slots) == canonical(expected)


@pytest.mark.parametrize("seed", range(40))
def test_one_card_tree_serves_both_rules(seed: int) -> None:
    locators = made_locators(seed)
    tree = card_tree(locators)
    assert len(tree.cards) == len(locators)
    assert card_members(locators, tree) == card_members(locators)
    numbers, count = slot_numbers(locators, tree)
    assert (list(numbers), count) == (list(slot_numbers(locators)[0]), slot_numbers(locators)[1])


_PAGE = "https://shop.example/jewelry/earrings"


_BELOW = ("/jewelry/earrings/hoop-{i}", "hoop-{i}", "https://SHOP.example/jewelry/earrings/x-{i}?a=1")


_ELSEWHERE = ("/about", "https://other.example/jewelry/earrings/y-{i}", "#top", "/jewelry/earrings", "")


def _linked_grid(seed: int) -> tuple[list[Block], list[Label], list[float]]:
    """Groups of cards of 1-3 blocks with 0-3 links each, a random share of them below
    the page's address; their lines dropped with a weak label."""
    rng = random.Random(seed)
    blocks: list[Block] = []
    for g in range(rng.randint(1, 4)):
        below_share = rng.choice((0.0, 0.5, 0.75, 0.8, 0.85, 1.0))
        for c in range(rng.randint(2, 7)):
            for n in range(rng.randint(1, 3)):
                hrefs = [
                    rng.choice(_BELOW if rng.random() < below_share else _ELSEWHERE).format(i=c)
                    for _ in range(rng.randint(0, 3))
                ]
                text = "Silver hoop earrings " + "x" * len(hrefs)
                markup = Markup(links=tuple(Link(k, k + 1, h) for k, h in enumerate(hrefs)))
                locator = (
                    f"body>main>div:nth-of-type({g + 1})>article:nth-of-type({c + 1})>p:nth-of-type({n + 1})"
                )
                blocks.append(
                    dataclasses.replace(make_block(len(blocks), text), locator=locator, markup=markup)
                )
    return blocks, [Label.NAVIGATION] * len(blocks), [0.5] * len(blocks)


def _plain_child_groups(
    blocks: list[Block], members: list[tuple[int, int]], share: float, min_cards: int
) -> set[int]:
    """The groups with cards enough, at least ``share`` of whose links lead below the
    page: every link of every group resolved and counted."""
    host, path = _PAGE.split("/", 3)[2], "/" + _PAGE.split("/", 3)[3]
    cards: dict[int, set[int]] = {}
    links: dict[int, int] = {}
    below: dict[int, int] = {}
    for (group, card), block in zip(members, blocks):
        if group < 0:
            continue
        cards.setdefault(group, set()).add(card)
        for link in block.markup.links:
            links[group] = links.get(group, 0) + 1
            below[group] = below.get(group, 0) + _is_below(link.href, _PAGE, host, path)
    return {
        g for g, c in cards.items() if len(c) >= min_cards and links.get(g) and below[g] >= share * links[g]
    }


@pytest.mark.parametrize("seed", range(60))
def test_child_cards_resolve_links_until_the_answer_is_known(seed: int) -> None:
    blocks, labels, probabilities = _linked_grid(seed)
    members = card_members([b.locator for b in blocks])
    for share, min_cards in ((0.8, 3), (0.5, 2), (1.0, 3), (0.75, 5)):
        options = Options(child_card_link_share=share, child_card_min_cards=min_cards)
        kept = with_child_cards(blocks, members, labels, probabilities, options, address=_PAGE)
        chosen = _plain_child_groups(blocks, members, share, min_cards)
        assert kept == [Label.CONTENT if g in chosen else kind for (g, _), kind in zip(members, labels)]


@pytest.mark.parametrize(
    "locator", ["", ">", "p", "body>p", "body>div>p:nth-of-type(2)", ">>", "a>b>", "html>body>main>div"]
)
@pytest.mark.parametrize("levels", [0, 1, 2, 3])
def test_ancestor_gives_the_split_answer(locator: str, levels: int) -> None:
    assert ancestor(locator, levels) == locator.rsplit(">", levels)[0]


# Pages whose locators go back up to a one-step path, repeat, or end in ">".
_FIXED_LOCATORS = (
    ["a>b>c", "a", "a>b", "a>b>c>d", "a", "a>x>y", "a>x>z", "a>x>w", "a>x>w>q", "a"],
    ["body>ul>li>a", "body>ul>li>b", "body", "body>ul>li>a", "body>ul>li>b", "body>ul>li>c", "body>"],
    ["x>y>", "x>y>", "x>y", "x", "x>y>z>", "x>y>z>w", "x>y>q>w", "x>y>r>w", "x>y>r>v", "x>y>q>v"],
)


@pytest.mark.parametrize("locators", _FIXED_LOCATORS)
def test_card_tree_of_paths_going_up_finds_the_plain_cards(locators: list[str]) -> None:
    plain = _plain_cards(locators)
    members = card_members(locators)
    assert [m == (-1, -1) for m in members] == [p is None for p in plain]
    assert canonical(members) == canonical(plain)


@pytest.mark.parametrize("seed", range(20))
def test_card_tree_of_odd_locators_finds_the_plain_cards(seed: int) -> None:
    """As test_card_tree_finds_the_plain_cards, on locators with empty steps and repeats
    next to each other (the tree then finds the shared segments by their ends)."""
    rng = random.Random(seed)
    locators = made_locators(seed)
    odd = odd_locators(seed)
    for k in range(0, len(odd), 3):
        at = rng.randrange(len(locators) + 1)
        locators[at:at] = [odd[k], odd[k], locators[at - 1] + ">" if at else ">"]
    plain = _plain_cards(locators)
    members = card_members(locators)
    assert [m == (-1, -1) for m in members] == [p is None for p in plain]
    assert canonical(members) == canonical(plain)
    assert canonical([g for g, _ in members]) == canonical([p and p[0] for p in plain])
