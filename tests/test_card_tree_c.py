"""The compiled build's ``_ctokens.card_tree`` gives the card tree ``_card_slots._Elements``
gives (the reference), and its ``slot_numbers`` the slots ``_card_slots.python_slot_numbers``
gives: the same elements, tags, segment ends, innermost cards and slot numbers, on
hand-made locators (siblings, cousins, repeats, a locator that returns to an earlier path,
empty segments, an empty locator) and on random ones from random trees; None for a locator
not ASCII. Where the compiled build is not installed the extension is built here with the C
compiler (the comparisons skip without one)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from types import ModuleType

import pytest

from boilerstrip._card_slots import CardTree, _Elements, python_slot_numbers

_Fields = tuple[list[int], list[int], list[int], list[int]]


def _python(locators: Sequence[str]) -> _Fields:
    elements = _Elements(locators)
    cards = elements.cards()
    return elements.parents, elements.tags, elements.ends, [cards[leaf] for leaf in elements.leaves]


def _cards(n: int, body: str = "html>body>div:nth-of-type(2)>ul") -> list[str]:
    out = []
    for k in range(1, n + 1):
        card = f"{body}>li:nth-of-type({k})"
        out += [f"{card}>h3", f"{card}>p", card]
    return out


CASES = [
    [],
    [""],
    ["", "", "html"],
    ["html"],
    ["html>body", "html>body>p", "html>body", "html"],
    ["html>body>p", "html>body>p", "html>body>p:nth-of-type(2)"],
    ["a>b>c", "a>b>d", "a>e>c", "x>b>c", "a>b>c"],
    [">", ">>", "a>", "a>>b", ">a"],
    ["div>p", "section>div>p", "div>p"],  # a capped locator's path met again apart
    _cards(2),
    _cards(3),
    [*_cards(5), "html>body>footer>p", *_cards(4, "html>body>aside")],
    ["html>body>main>article>p:nth-of-type(1)", "html>body>main>article>p:nth-of-type(2)"] * 3,
    ["a:x>b:y", "a:x>b:z", "a:y>b:y", "a>b", "a:>b:", ":>:"],
    # locators that part at and around eight-byte boundaries (read eight bytes at a time)
    ["abcdefg>x", "abcdefgh>x", "abcdefgh>y", "abcdefghi>x", "abcdefgh", "abcdefgh>x>abcdefg>z"],
    ["abcdefghijklmno>p", "abcdefghijklmno>q", "abcdefghijklmnop>q", "abcdefghijklmnop"],
]


@pytest.mark.parametrize("locators", CASES)
def test_same_as_python(ctokens: ModuleType, locators: list[str]) -> None:
    assert ctokens.card_tree(list(locators)) == _python(locators)


@pytest.mark.parametrize("locators", CASES)
def test_slot_numbers_as_python(ctokens: ModuleType, locators: list[str]) -> None:
    tree = CardTree(*_python(locators))
    assert ctokens.slot_numbers(list(locators), tree) == python_slot_numbers(locators, tree)


def _random_locators(rng: random.Random) -> list[str]:
    tags = ["div", "li", "p", "h3", "a", "span", "ul", "x:y"]
    paths: list[list[str]] = [["html", "body"]]
    out: list[str] = []
    for _ in range(rng.randrange(1, 300)):
        base = list(rng.choice(paths))
        for _ in range(rng.randrange(0, 4)):
            tag = rng.choice(tags)
            base.append(tag if rng.random() < 0.4 else f"{tag}:nth-of-type({rng.randrange(1, 6)})")
        if rng.random() < 0.1:
            base = base[rng.randrange(len(base)) :]  # capped: the path from a later segment
        if rng.random() < 0.5:
            paths.append(base)
        out.append(">".join(base))
        if rng.random() < 0.3:  # the next block in the same element or its parent
            out.append(">".join(base[: rng.randrange(1, len(base) + 1)]))
    return out


def test_random_trees(ctokens: ModuleType) -> None:
    rng = random.Random(23)
    differing = []
    carded = 0
    for _ in range(400):
        locators = _random_locators(rng)
        expected = _python(locators)
        carded += sum(card >= 0 for card in expected[3])
        if ctokens.card_tree(locators) != expected:
            differing.append(locators)
        tree = CardTree(*expected)
        if ctokens.slot_numbers(locators, tree) != python_slot_numbers(locators, tree):
            differing.append(locators)
    assert differing[:1] == []
    assert carded > 1000  # the trees hold cards


def test_slots_numbered_as_first_met(ctokens: ModuleType) -> None:
    # Three cards of (h3, p, the card's own text), then a second group: slots 0-2, then 3-5.
    locators = [*_cards(3), *_cards(3, "html>body>aside")]
    tree = CardTree(*_python(locators))
    numbers, count = ctokens.slot_numbers(locators, tree)
    assert (numbers[:9], count) == ([0, 1, 2] * 3, 6)
    assert numbers[9:] == [3, 4, 5] * 3


def test_left_to_python(ctokens: ModuleType) -> None:
    assert ctokens.card_tree(["html>body>p", "html>body>café"]) is None
    locators = [*_cards(3), "html>body>café"]
    assert ctokens.slot_numbers(locators, CardTree(*_python(locators))) is None


def test_takes_a_list_of_str(ctokens: ModuleType) -> None:
    with pytest.raises(TypeError):
        ctokens.card_tree(("html",))
    with pytest.raises(TypeError):
        ctokens.card_tree(["html", b"body"])
    tree = _python(["html>body"])
    with pytest.raises(TypeError):
        ctokens.slot_numbers(("html>body",), tree)
    with pytest.raises(TypeError):
        ctokens.slot_numbers(["html>body"], tree[:3])
    with pytest.raises(ValueError, match="not the locators'"):
        ctokens.slot_numbers(["html>body", "html"], tree)
