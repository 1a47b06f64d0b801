"""The decision stage's shortcuts give the answers of the plain computations they replace."""

from __future__ import annotations

import dataclasses
import random
import re
from collections import Counter
from collections.abc import Callable, Hashable, Sequence

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role
from boilerstrip._card_groups import _with_unique_lines_kept, with_card_groups, with_groups_kept
from boilerstrip._card_slots import card_members, card_slots, card_tree, slot_numbers
from boilerstrip._child_cards import _is_below, with_child_cards
from boilerstrip._combine import _without_copies
from boilerstrip._copied_boxes import NEVER_COPIES, copy_hash, copy_hashes, copy_key, without_copied_boxes
from boilerstrip._form_labels import form_of
from boilerstrip._model import Link, Markup, ancestor
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
from boilerstrip._sections import with_section_prose
from boilerstrip._stray_text import _TOOLTIP_STEP, _UUID, in_tooltip, is_id_string
from boilerstrip._table_rows import with_table_rows

_UUID_TEXT = "9b83e247-2e76-4905-9b83-15a5a5664cfa"


def _locators(seed: int) -> list[str]:
    """A made-up page's block locators in document order: a random tree of boxes, with
    runs of alike siblings (cards) and, now and then, a path that recurs apart (as capped
    deep locators do)."""
    rng = random.Random(seed)
    out: list[str] = []

    def walk(path: str, depth: int) -> None:
        for n in range(rng.randint(1, 5)):
            tag = rng.choice(("div", "div", "li", "article", "p", "section", "a"))
            step = f"{path}>{tag}:nth-of-type({n + 1 if rng.random() < 0.8 else 1})"
            if depth >= 5 or rng.random() < 0.35:
                out.append(step)
            else:
                walk(step, depth + 1)
            if out and rng.random() < 0.05:
                out.append(out[rng.randrange(len(out))])

    walk("body", 0)
    if rng.random() < 0.5:
        out.insert(rng.randrange(len(out)), "html>body")
    return out


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


def _canonical(keys: Sequence[Hashable]) -> list[int]:
    """Each key as the order of its first occurrence (names that differ, same partition)."""
    first: dict[Hashable, int] = {}
    return [first.setdefault(k, len(first)) for k in keys]


@pytest.mark.parametrize("seed", range(40))
def test_card_tree_finds_the_plain_cards(seed: int) -> None:
    locators = _locators(seed)
    plain = _plain_cards(locators)
    members = card_members(locators)
    assert [m == (-1, -1) for m in members] == [p is None for p in plain]
    assert _canonical([m for m in members]) == _canonical(plain)
    assert _canonical([g for g, _ in members]) == _canonical([p and p[0] for p in plain])
    slots = card_slots(locators)
    expected = [None if p is None else (p[0], p[2], loc[len(p[1]) :]) for p, loc in zip(plain, locators)]
    assert [s is None for s in slots] == [e is None for e in expected]
    assert [s and s[1] for s in slots] == [e and e[2] for e in expected]  # the path inside the card
    assert _canonical(slots) == _canonical(expected)


@pytest.mark.parametrize("seed", range(40))
def test_one_card_tree_serves_both_rules(seed: int) -> None:
    locators = _locators(seed)
    tree = card_tree(locators)
    assert len(tree.cards) == len(locators)
    assert card_members(locators, tree) == card_members(locators)
    numbers, count = slot_numbers(locators, tree)
    assert (list(numbers), count) == (list(slot_numbers(locators)[0]), slot_numbers(locators)[1])


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


def _copy_page(seed: int) -> tuple[list[Block], list[Label], list[float], list[str]]:
    """A made-up page whose blocks repeat a few texts (case and spacing changed, some with no
    words) or say their own, in random roles, labels, tables and boxes (``_locators``)."""
    rng = random.Random(seed)
    locators = _locators(seed)
    blocks: list[Block] = []
    for i, loc in enumerate(locators):
        text = rng.choice(_COPY_TEXTS) if rng.random() < 0.6 else f"Line {i} of the page, in words of its own"
        role = rng.choice(_COPY_ROLES)
        b = make_block(i, text, role=role, stopword_density=0.4)
        markup = Markup(table=rng.randrange(3)) if role is Role.TABLE_ROW else Markup()
        heading_level = 2 if role is Role.HEADING else 0
        blocks.append(dataclasses.replace(b, locator=loc, markup=markup, heading_level=heading_level))
    labels = [rng.choice(_COPY_LABELS) for _ in blocks]
    probabilities = [rng.random() for _ in blocks]
    return blocks, labels, probabilities, locators


def _chrome(b: Block) -> Label:
    return Label.OTHER if b.index % 2 else Label.NAVIGATION


def _kept(b: Block) -> Label:
    return Label.CONTENT if b.index % 3 else Label.METADATA


@pytest.mark.parametrize("seed", range(60))
def test_copy_hashes_are_each_kept_blocks_keys_hash(seed: int) -> None:
    blocks, labels, _, _ = _copy_page(seed)
    hashes = copy_hashes(blocks, labels)
    for b, kind, h in zip(blocks, labels, hashes, strict=True):
        kept = kind is Label.CONTENT and b.features.words > 0
        assert h == (hash(copy_key(b.text)) if kept else 0)
        assert copy_hash(b.text) == hash(copy_key(b.text))


def _plain_without_copies(
    blocks: Sequence[Block], labels: list[Label], options: Options, chrome: Callable[[Block], Label]
) -> list[Label]:
    """_combine._without_copies as it read every kept block's key (main before the hashes)."""
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


@pytest.mark.parametrize("seed", range(60))
@pytest.mark.parametrize("given", list(_HASHES))
def test_the_copy_rules_read_the_same_with_any_hashes_given(seed: int, given: str) -> None:
    """Each rule labels the same given any of ``_HASHES`` as given none. A rule that took a
    missing hash for the block's, or two texts of one hash for one text, fails here."""
    blocks, labels, probabilities, locators = _copy_page(seed)
    options = Options(card_group_min_cards=3, card_group_card_share=0.3, card_group_keep_share=0.3)
    sections = Options(section_prose_floor=0.1, section_prose_min_words=3)
    boxes, rows = Options(copy_box_min_words=4), Options(table_rows_floor=0.1)
    members = card_members(locators)
    runs = {
        name: (
            _without_copies(blocks, labels, options, _chrome, hashes),
            without_copied_boxes(blocks, labels, boxes, _chrome, hashes),
            with_table_rows(blocks, labels, probabilities, rows, _kept, hashes=hashes),
            with_section_prose(blocks, labels, probabilities, sections, _kept, hashes=hashes),
            with_card_groups(blocks, members, labels, probabilities, options, hashes=hashes),
        )
        for name, hashes in ((name, _HASHES[name](blocks, labels)) for name in (given, "none"))
    }
    assert runs[given] == runs["none"]
    assert runs[given][0] == _plain_without_copies(blocks, labels, options, _chrome)
    assert runs[given][1] == _plain_without_copied_boxes(blocks, labels, boxes, _chrome)


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


_STEPS = ("div", "form", "x-form", "li", "p", "section", "", "form:nth-of-type(x)", "form:nth-of-type()")


def _odd_locators(seed: int) -> list[str]:
    """Locators of random steps, numbered or not, with odd ones among them: empty steps
    (a leading, trailing or doubled ">"), steps that look like a form's and are not."""
    rng = random.Random(seed)
    out = []
    for _ in range(30):
        steps = []
        for _ in range(rng.randint(1, 9)):
            tag = rng.choice(_STEPS)
            steps.append(f"{tag}:nth-of-type({rng.randint(1, 12)})" if tag and rng.random() < 0.7 else tag)
        out.append(">".join(steps))
    return out


def _plain_form(locator: str) -> str:
    ends = [m.end() for m in re.finditer(r"(?:^|>)form:nth-of-type\(\d+\)", locator)]
    return locator[: ends[-1]] if ends else ""


@pytest.mark.parametrize("seed", range(20))
def test_form_of_is_the_last_form_step_the_pattern_finds(seed: int) -> None:
    for locator in [*_odd_locators(seed), *_locators(seed)]:
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
    locators = [*_odd_locators(seed), *_locators(seed)]
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
                _chrome(b) if k is Label.CONTENT and shared[b.index] < depth else k
                for b, k in zip(blocks, labels)
            ]
    return labels


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("share", [0.2, 0.5, 0.9])
def test_title_box_is_the_plain_scan(seed: int, share: float) -> None:
    rng = random.Random(seed)
    locators = _locators(seed)
    blocks = [
        dataclasses.replace(make_block(i, "word " * rng.randint(1, 40)), locator=loc)
        for i, loc in enumerate(locators)
    ]
    h1 = rng.randrange(len(blocks))
    blocks[h1] = dataclasses.replace(blocks[h1], role=Role.HEADING, heading_level=1)
    labels = [Label.CONTENT if rng.random() < 0.6 or i == h1 else Label.OTHER for i in range(len(blocks))]
    options = Options(title_box_share=share)
    assert within_title_box(blocks, labels, options, _chrome) == _plain_title_box(blocks, labels, options)


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
    locators = [*_odd_locators(seed), *_locators(seed)]
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
    assert _canonical(members) == _canonical(plain)


@pytest.mark.parametrize("seed", range(20))
def test_card_tree_of_odd_locators_finds_the_plain_cards(seed: int) -> None:
    """As test_card_tree_finds_the_plain_cards, on locators with empty steps and repeats
    next to each other (the tree then finds the shared segments by their ends)."""
    rng = random.Random(seed)
    locators = _locators(seed)
    odd = _odd_locators(seed)
    for k in range(0, len(odd), 3):
        at = rng.randrange(len(locators) + 1)
        locators[at:at] = [odd[k], odd[k], locators[at - 1] + ">" if at else ">"]
    plain = _plain_cards(locators)
    members = card_members(locators)
    assert [m == (-1, -1) for m in members] == [p is None for p in plain]
    assert _canonical(members) == _canonical(plain)
    assert _canonical([g for g, _ in members]) == _canonical([p and p[0] for p in plain])
