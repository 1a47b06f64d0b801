"""The shortcuts of the stray-text, form, title-box and product-card rules give the answers of
the plain computations they replace."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Sequence

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role
from boilerstrip._form_labels import form_of
from boilerstrip._phrase_rows import ascii_digit
from boilerstrip._product_cards import (
    _is_price,
    _nth,
    _price,
    _shared_depths,
    _unnumbered,
    card_rows,
    title_heading,
    within_title_box,
)
from boilerstrip._stray_text import _TOOLTIP_STEP, _UUID, in_tooltip, is_id_string
from made_pages import chrome, made_locators, odd_locators

_UUID_TEXT = "9b83e247-2e76-4905-9b83-15a5a5664cfa"


_TOOLTIP_LOCATORS = [
    "body>div:nth-of-type(1)>tool-tip:nth-of-type(1)>div:nth-of-type(1)",
    "body>cms-popover:nth-of-type(2)",
    "tooltip>p:nth-of-type(1)",
    "body>x-tooltip-body:nth-of-type(1)",
    "body>div.tooltip:nth-of-type(1)",  # not a step of the pattern's shape: no match
    "body>div:nth-of-type(1)>tooltips:nth-of-type(1)",
    "body>div:nth-of-type(1)>p:nth-of-type(1)",
    "body>toolbar:nth-of-type(1)>p:nth-of-type(1)",
    "body>popover",
    "body>popovers-x>tool-",
    "",
]


@pytest.mark.parametrize("locator", _TOOLTIP_LOCATORS)
def test_tooltip_shortcut_gives_the_search_answer(locator: str) -> None:
    block = dataclasses.replace(make_block(0, "Some help text."), locator=locator)
    assert in_tooltip(block) == (_TOOLTIP_STEP.search(locator) is not None)


def _id_texts() -> list[str]:
    ids = [_UUID_TEXT, _UUID_TEXT.upper(), _UUID_TEXT.replace("-", "")]
    texts = ["", "-" * 12, "a-b-c-d-e-f-g-h-i-j-k-l", "Order " + _UUID_TEXT + " shipped."]
    for n in range(5):
        texts.append("".join(ids[0] for _ in range(n)))
        texts.append("x".join(ids[n % 2] for _ in range(n)))
        texts.append(" ".join(ids[n % 2] for _ in range(n)) + " and some words after them")
        texts.append(ids[2] * n)
        # n UUIDs padded to exactly half the text, and one character past it: the bound
        # where the hyphens (4 n in 72 n characters) no longer allow "most of the text"
        texts.append(ids[0] * n + " " * (36 * n))
        texts.append(ids[0] * n + " " * (36 * n + 1))
        texts.append(ids[0] * n + "-" * n + " " * (36 * n))  # stray hyphens: the same bound
    return texts


@pytest.mark.parametrize("min_ids", [0, 1, 2, 3, 4])
def test_id_string_shortcut_gives_the_plain_answer(min_ids: int) -> None:
    for text in _id_texts():
        found = _UUID.findall(text)
        expected = len(found) >= min_ids and 36 * len(found) * 2 >= len(text)
        assert is_id_string(make_block(0, text), min_ids) == expected, (text, min_ids)
    # The boundary: exactly min_ids UUIDs, nothing else, hold exactly 4 * min_ids hyphens.
    if min_ids:
        text = _UUID_TEXT * min_ids
        assert text.count("-") == 4 * min_ids and is_id_string(make_block(0, text), min_ids)
        assert re.fullmatch(_UUID.pattern, _UUID_TEXT)


def _plain_form(locator: str) -> str:
    ends = [m.end() for m in re.finditer(r"(?:^|>)form:nth-of-type\(\d+\)", locator)]
    return locator[: ends[-1]] if ends else ""


@pytest.mark.parametrize("seed", range(20))
def test_form_of_is_the_last_form_step_the_pattern_finds(seed: int) -> None:
    for locator in [*odd_locators(seed), *made_locators(seed)]:
        assert form_of(locator) == _plain_form(locator)


def _plain_shared_steps(locator: str, steps: Sequence[str]) -> int:
    count = 0
    for mine, theirs in zip(locator.split(">"), steps):
        if mine != theirs:
            break
        count += 1
    return count


@pytest.mark.parametrize("seed", range(20))
def test_shared_depths_count_the_shared_steps(seed: int) -> None:
    locators = [*odd_locators(seed), *made_locators(seed)]
    for title in locators[::7]:
        steps = title.split(">")
        assert _shared_depths(locators, steps) == [_plain_shared_steps(loc, steps) for loc in locators]


def _plain_title_box(blocks: Sequence[Block], labels: list[Label], options: Options) -> list[Label]:
    """within_title_box as first written: a scan of the kept blocks per depth."""
    title = title_heading(blocks, labels, options)
    if title < 0:
        return labels
    steps = blocks[title].locator.split(">")
    kept = [i for i, kind in enumerate(labels) if kind is Label.CONTENT]
    shared = {i: _plain_shared_steps(blocks[i].locator, steps) for i in kept}
    needed = options.title_box_share * sum(blocks[i].features.words for i in kept)
    for depth in range(len(steps) - 1, 1, -1):
        if sum(blocks[i].features.words for i in kept if shared[i] >= depth) >= needed:
            return [
                chrome(b) if k is Label.CONTENT and shared[b.index] < depth else k
                for b, k in zip(blocks, labels)
            ]
    return labels


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("share", [0.2, 0.5, 0.9])
def test_title_box_is_the_plain_scan(seed: int, share: float) -> None:
    rng = random.Random(seed)
    locators = made_locators(seed)
    blocks = [
        dataclasses.replace(make_block(i, "word " * rng.randint(1, 40)), locator=loc)
        for i, loc in enumerate(locators)
    ]
    h1 = rng.randrange(len(blocks))
    blocks[h1] = dataclasses.replace(blocks[h1], role=Role.HEADING, heading_level=1)
    labels = [Label.CONTENT if rng.random() < 0.6 or i == h1 else Label.OTHER for i in range(len(blocks))]
    options = Options(title_box_share=share)
    assert within_title_box(blocks, labels, options, chrome) == _plain_title_box(blocks, labels, options)


_PRICE_TEXTS = (
    "$168.54",
    "EUR 163.12",
    "previous price $185.39",
    "12,90 €",
    "Only 3 left",
    "Free shipping",
    "Add to cart",
    "USD",
    "٣٤٥ €",  # Arabic-Indic digits: \d
    "１２ €",  # full-width digits
    "€ ²",  # a superscript is no \d
    "Preis: 19,99 EUR inkl. MwSt.",
    "kr 99",
    "",
    # ASCII: each code and sign of _CURRENCY in both cases and orders, and near misses
    "R$ 10",
    "10 r$",
    "Rs. 500",
    "rs 5",
    "5 Rs",
    "Ft 100",
    "100 ft",
    "12 lei",
    "LEI 3",
    "12 usd",
    "Usd 3",
    "JPY 400",
    "12 chf",
    "99 zar",
    "3 KR",
    "first 3 hours",  # "rs" and "ft" inside words: searched, no price
    "Only 3 left in stock",
    "5 stars",
    "2024",
    "$",
    "12 zl",  # not "zł"
    "12 kc",  # not "Kč"
    "12 zł",
    "12 Kč",
    "12 \u212ar",  # the Kelvin sign folds to k
    "\u017f 12",
)


@pytest.mark.parametrize("seed", range(4))
def test_is_price_is_the_search_on_generated_ascii(seed: int) -> None:
    """Random short ASCII texts of digits, currency codes in any case, their letters and
    other words: the currency sieve answers as the search does."""
    rng = random.Random(seed)
    pieces = ["1", "23", "4.5", "6,7", " ", " ", "$", "R", "r", "s", ".", "k", "K", "f", "t", "F"]
    pieces += ["usd", "EUR", "Gbp", "lei", "Rs", "kr", "Ft", "first", "works", "left", "a", "zl"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        block = make_block(0, text, words=max(1, len(text.split())))
        assert _is_price(block, 100) == (_price().search(text) is not None), text


@pytest.mark.parametrize("seed", range(4))
def test_is_price_is_the_search_on_generated_wide_texts(seed: int) -> None:
    """Random short texts that are not ASCII (other scripts' digits, signs, a superscript):
    the digit sieve answers as the search does."""
    rng = random.Random(seed)
    pieces = [*"1٣１²½ €£₹$,é中\u212a", "zł", "Kč", "EUR", "kr"]
    found = []
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        block = make_block(0, text, words=max(1, len(text.split())))
        found.append(_price().search(text) is not None)
        assert _is_price(block, 100) == found[-1], text
    assert 100 < sum(found) < 1900  # prices and other texts both


@pytest.mark.parametrize("text", _PRICE_TEXTS)
def test_is_price_is_the_search(text: str) -> None:
    block = make_block(0, text, words=max(1, len(text.split())))
    assert _is_price(block, 8) == (_price().search(text) is not None)


def _plain_card_rows(blocks: Sequence[Block], options: Options) -> list[frozenset[str]]:
    """card_rows as first written: each ancestor split and joined, keyed by the pattern's sub."""
    siblings: dict[tuple[int, str], set[str]] = {}
    for block in blocks:
        if not 0 < block.features.words <= options.product_card_price_words or not _price().search(
            block.text
        ):
            continue
        for levels in range(1, options.product_card_levels + 1):
            parts = block.locator.split(">")
            card = ">".join(parts[:-levels]) if levels < len(parts) else ""
            if not card:
                break
            siblings.setdefault((levels, _nth().sub("", card)), set()).add(card)
    return [frozenset(found) for found in siblings.values() if len(found) >= options.product_card_min_cards]


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("min_cards", [1, 3])
def test_card_rows_are_the_split_paths(seed: int, min_cards: int) -> None:
    rng = random.Random(seed)
    locators = [*odd_locators(seed), *made_locators(seed)]
    blocks = [
        dataclasses.replace(make_block(i, rng.choice(_PRICE_TEXTS) or "x"), locator=loc)
        for i, loc in enumerate(locators)
    ]
    options = Options(product_card_min_cards=min_cards)
    assert card_rows(blocks, options) == _plain_card_rows(blocks, options)
    nth = _nth()
    for card in {c for loc in locators for c in (loc, loc.rsplit(">", 1)[0], loc + "\n")}:
        assert _unnumbered(card, nth) == nth.sub("", card)  # "$" matches before a last "\n" too


@pytest.mark.parametrize(
    "path",
    [
        "body>div:nth-of-type(12)",
        "body>div:nth-of-type(12)\n",
        "body>div:nth-of-type(12)\n\n",
        "body>div:nth-of-type(12)x",
        "body>div:nth-of-type()",
        "body>div:nth-of-type(1)2)",
        "body>div:nth-of-type(1",
        "body>div:nth-of-type(a)",
        "body>div:nth-of-type( 1)",
        "body>div:nth-of-type(-1)",
        "body>div:nth-of-type(٣)",  # an Arabic-Indic digit: \\d, not ASCII
        "body>div:nth-of-type(\U00011f50)",  # a Kawi digit (Unicode 15)
        "body>div:nth-of-type(²)",  # a superscript: str.isdigit, not \\d
        "body>é:nth-of-type(3)",
        "body>div:nth-of-type(3)>p:nth-of-type(4)",
        "body>div:nth-of-type(3)>p",
        ":nth-of-type(5)",
        "body>div:NTH-OF-TYPE(5)",
        "",
    ],
)
def test_unnumbered_is_the_sub(path: str) -> None:
    nth = _nth()
    assert _unnumbered(path, nth) == nth.sub("", path)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "0",
        "9",
        "$12.00",
        "EUR nine",
        "no digits here",
        "a" * 300 + "7",
        "٣ Arabic-Indic three",
        "x½y",
        "¹²³",
    ],
)
def test_has_ascii_digit_is_the_set_test(text: str) -> None:
    """Only 0-9 count (the pattern's sieve reads ASCII texts: other digits are no ASCII)."""
    assert ascii_digit(text, 1) == (not frozenset("0123456789").isdisjoint(text))
