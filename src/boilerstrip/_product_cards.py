"""Cards of other products on declared product pages, and the box of a page's one title.

A declared product page sells one product; a row of three or more sibling boxes that each
hold a price line ("$168.54", "EUR 163.12", "previous price $185.39", "12,90 €") is a
carousel of other products ("Similar items", "Customers also bought", a bundle grid), whose
titles, prices and delivery notes are chrome. A page whose cards hold most of its kept
text is a listing that declares a product, and keeps them, unless no row holds more cards
than a carousel shows (a listing's grid holds 20-60; a product page's carousels 5-12 each,
around a short description they outweigh). The ``<h1>`` of a page's title
names what the page is about (the product, the article, the service): its one ``<h1>``, or
of several the one kept (or kept and matching the ``<title>``); the smallest element around
it that holds half the kept text is its box: kept text outside it (a shop's service
promises, teasers, a newsletter appeal set in the page's frame) is not about it. Threads
are left alone: their posts often sit beside the box of the thread's title.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Final, cast

import regex

from ._compiled import c_functions
from ._model import Block, Label, Role, page_tuple
from ._options import Options
from ._pattern_store import Key
from ._pattern_store import compiled as stored_or_compiled
from ._phrase_rows import ascii_digit

# A price: a currency sign or code next to a number, either way round, in a short line. The
# signs and codes are read by the pattern and by _is_price's ASCII sieve, so they live here
# once; "Rs" may take a dot ("Rs. 500").
_SIGNS: Final = "$€£¥₹₩₽"
_CODES: Final = (
    *"USD EUR GBP CAD AUD NZD CHF SEK NOK DKK PLN CZK HUF JPY INR BRL MXN ZAR".split(),
    *"R$ Rs kr zł Kč Ft lei".split(),
)
_DOTTED_CODES: Final = frozenset({"Rs"})
_CURRENCY = (
    f"(?:[{_SIGNS}]|\\b(?:"
    + "|".join(regex.escape(code) + (r"\.?" if code in _DOTTED_CODES else "") for code in _CODES)
    + r")\b)"
)

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_HEADING: Final = Role.HEADING
_CONTENT: Final = Label.CONTENT
_NUMBER = r"\d[\d.,\s]*"


# Both compiled on first use, not at import (as _metadata's byline pattern): the price
# pattern took 2 ms of a 120 ms import, and only the pages whose short blocks are looked
# at for prices read it. The caches hold one value each that depends on nothing.
@functools.cache
def _price() -> regex.Pattern[str]:
    return stored_or_compiled(_PRICE, regex.IGNORECASE | regex.VERSION0)


@functools.cache
def _nth() -> regex.Pattern[str]:
    return stored_or_compiled(_NTH, regex.VERSION0)


@functools.cache
def _digit() -> regex.Pattern[str]:
    """The price pattern's digit class alone, with its flags (compiled here: one item)."""
    return regex.compile(r"\d", regex.IGNORECASE | regex.VERSION0)


# The two patterns, compiled (or loaded from ``_pattern_store``) on first use.
_PRICE = rf"{_CURRENCY}\s?{_NUMBER}|{_NUMBER}\s?{_CURRENCY}"
_NTH = r":nth-of-type\(\d+\)$"
STORED_KEYS: tuple[Key, ...] = ((_PRICE, regex.IGNORECASE | regex.VERSION0), (_NTH, regex.VERSION0))


# What every match of _CURRENCY in an ASCII text holds, lowercased: one of its ASCII signs or
# codes ("Rs" of "Rs."; "zł" and "Kč" hold other letters, and IGNORECASE folds no ASCII
# character to a non-ASCII one).
_ASCII_CURRENCY: Final = tuple(c.lower() for c in (*_SIGNS, *_CODES) if c.isascii())


_PriceSieve = Callable[[str, tuple[str, ...]], "bool | None"]
_SharedDepths = Callable[[list[str], str], list[int]]


# The compiled build's C loops (``_cscore``), or None in a pure install: :func:`price_sieve`
# in one pass (no lowered str made; a text past ASCII told without the digit class's search
# where it holds a digit 0-9, or no character from U+0660 up), None where the search is
# needed; :func:`shared_depths` in one pass (each locator's common start with the path, eight
# bytes a step: the halving's prefix tests cost about 400 instructions a kept block).
_C_LOOPS: Final = c_functions("_cscore", "price_sieve", "shared_depths")
_C_PRICE_SIEVE: Final = cast("_PriceSieve | None", _C_LOOPS[0])
_C_SHARED_DEPTHS: Final = cast("_SharedDepths | None", _C_LOOPS[1])


def price_sieve(text: str) -> bool:
    """Whether ``text`` may hold a price, to be searched for it: a digit (``\\d``), and in
    an ASCII text one of the currencies' ASCII strings too (see :func:`_is_price`)."""
    if _C_PRICE_SIEVE is not None:
        found = _C_PRICE_SIEVE(text, _ASCII_CURRENCY)
        if found is not None:
            return found
    return python_price_sieve(text)


def python_price_sieve(text: str) -> bool:
    """:func:`price_sieve` in Python (the pure path, and the C's reference in the tests)."""
    # Either way round a price holds a digit (``\d``) and a currency: an ASCII text with no
    # digit, or none of the currencies' ASCII strings, is no price, told without the search
    # (which tries the pattern at every character: two thirds of the searches on the
    # profile's pages, about 39,000 instructions each).
    if text.isascii():
        if not ascii_digit(text, 1):  # _phrase_rows' test of 0-9 (in C where compiled)
            return False
        lowered = text.lower()
        return any(currency in lowered for currency in _ASCII_CURRENCY)
    return _digit().search(text) is not None  # any other text: its digit class searched alone


def _is_price(block: Block, max_words: int) -> bool:
    if not 0 < block.features.words <= max_words:
        return False
    text = block.text
    return price_sieve(text) and _price().search(text) is not None


def _unnumbered(path: str, nth: regex.Pattern[str]) -> str:
    """``nth.sub("", path)`` for ``nth`` = :func:`_nth`: the path without its last step's
    index. A match ends the path, so it starts at the last ":nth-of-type(", where it is
    tried alone (the search tried every character); an ASCII rest is read here, as the
    pattern reads it (ASCII digits, ")", and the end or a last newline, where "$" matches),
    without the call (about 1,000 instructions in the compiled build)."""
    at = path.rfind(":nth-of-type(")
    if at < 0:
        return path
    rest = path[at + 13 :]
    if not rest.isascii():
        found = nth.match(path, at)
        return path if found is None else path[:at] + path[found.end() :]
    end = rest.find(")")
    if end > 0 and rest[:end].isdigit() and (end + 1 == len(rest) or rest[end + 1 :] == "\n"):
        return path[:at] + rest[end + 1 :]
    return path


def card_rows(blocks: Sequence[Block], options: Options) -> list[frozenset[str]]:
    """The rows of cards, each the CSS paths of its cards: for a price line and each of its
    ancestors up to ``Options.product_card_levels`` levels, the sibling elements of one tag
    under one parent that each hold a price line, when there are at least
    ``Options.product_card_min_cards`` of them."""
    siblings: dict[tuple[int, str], set[str]] = {}
    nth = _nth()
    # The options read once, not per block (Options is not compiled: each read is generic).
    price_words, card_levels = options.product_card_price_words, options.product_card_levels
    for block in page_tuple(blocks):  # a tuple's items read in place by the compiled build
        if not _is_price(block, price_words):
            continue
        # The ancestors, one ">" further left each level (the path was split and joined
        # again for each); none past the root, nor an empty path.
        locator = block.locator
        end = len(locator)
        for levels in range(1, card_levels + 1):
            end = locator.rfind(">", 0, end)
            if end <= 0:
                break
            card = locator[:end]
            # A dict's own get and set (a defaultdict's item was a generic call).
            key = (levels, _unnumbered(card, nth))
            found = siblings.get(key)
            if found is None:
                siblings[key] = {card}
            else:
                found.add(card)
    return [frozenset(found) for found in siblings.values() if len(found) >= options.product_card_min_cards]


def _cards_of(rows: Sequence[frozenset[str]]) -> frozenset[str]:
    return frozenset(card for row in rows for card in row)


def product_cards(blocks: Sequence[Block], options: Options) -> frozenset[str]:
    """The CSS paths of the cards of every row (:func:`card_rows`)."""
    return _cards_of(card_rows(blocks, options))


def _carousels_only(rows: Sequence[frozenset[str]], options: Options) -> bool:
    """No row holds more than ``Options.product_carousel_max_cards`` cards (0: off)."""
    return max(map(len, rows), default=0) <= options.product_carousel_max_cards


def _in_cards(locator: str, cards: frozenset[str]) -> bool:
    start = locator.find(">")
    while start != -1:
        if locator[:start] in cards:
            return True
        start = locator.find(">", start + 1)
    return False


def without_product_cards(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    relabel: Callable[[Block], Label],
) -> list[Label]:
    """The CONTENT blocks inside product cards (:func:`product_cards`) take the label
    ``relabel`` gives them, unless they hold more than ``Options.product_card_max_share``
    of the kept words (the page lists products) in a row of more cards than a carousel's
    (``Options.product_carousel_max_cards``). For declared product pages."""
    if not options.product_card_min_cards:
        return labels
    rows = card_rows(blocks, options)
    if not rows:
        return labels
    cards = _cards_of(rows)
    kept = [i for i, kind in enumerate(labels) if kind is _CONTENT]
    inside = [i for i in kept if _in_cards(blocks[i].locator, cards)]
    kept_words = sum(blocks[i].features.words for i in kept)
    card_words = sum(blocks[i].features.words for i in inside)
    if not inside:
        return labels
    if card_words > options.product_card_max_share * kept_words and not _carousels_only(rows, options):
        return labels
    out = list(labels)
    for i in inside:
        out[i] = relabel(blocks[i])
    return out


def _shared_depths(locators: list[str], steps: list[str]) -> list[int]:
    """How many leading steps of its CSS path each of ``locators`` shares with ``steps``
    (tests/test_decision_shortcuts.py checks it against splitting): a locator shares the first ``d``
    steps when it starts with their path and ends or goes on with ">" there, which holds
    for every ``d`` up to the answer and none past it, so the answer is found by halving
    (a few prefix tests, where splitting made a string a step). Lists, read natively by the
    compiled build (a Sequence through its generic iterator)."""
    # The first d steps' path for each d: each the last one and a step (a slice and a join
    # of the steps each cost about twice that).
    paths = [""]
    for step in steps:
        paths.append(paths[-1] + ">" + step if len(paths) > 1 else step)
    out: list[int] = []
    for loc in locators:
        low, high = 0, len(steps)  # it shares at least low steps and at most high
        while low < high:
            middle = (low + high + 1) // 2
            path = paths[middle]
            if loc.startswith(path) and (len(loc) == len(path) or loc[len(path)] == ">"):
                low = middle
            else:
                high = middle - 1
        out.append(low)
    return out


def shared_depths(locators: list[str], path: str) -> list[int]:
    """How many leading steps of the CSS path ``path`` each of ``locators`` shares
    (:func:`_shared_depths` of its steps)."""
    if _C_SHARED_DEPTHS is not None:
        return _C_SHARED_DEPTHS(locators, path)
    return _shared_depths(locators, path.split(">"))


def title_heading(blocks: Sequence[Block], labels: Sequence[Label], options: Options) -> int:
    """The index of the ``<h1>`` of the page's title, or -1: the page's one ``<h1>`` when it
    is kept; on a page with several, with ``Options.title_box_several_h1``, the one kept
    (a logo's or a hidden menu's ``<h1>`` is dropped), or, among several kept, the one that
    matches the page's ``<title>``."""
    page = page_tuple(blocks)
    titles = [i for i, b in enumerate(page) if b.role is _HEADING and b.heading_level == 1]
    if len(titles) > 1 and not options.title_box_several_h1:
        return -1
    kept = [i for i in titles if labels[i] is Label.CONTENT]
    if len(kept) > 1:
        kept = [i for i in kept if page[i].features.title_match]
    return kept[0] if len(kept) == 1 else -1


def within_title_box(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    relabel: Callable[[Block], Label],
) -> list[Label]:
    """On a page whose title has an ``<h1>`` (:func:`title_heading`): the smallest element
    above it (below ``<body>``) that holds at least ``Options.title_box_share`` of the kept
    words is the title's box, and the CONTENT blocks outside it take the label ``relabel``
    gives them."""
    if not options.title_box_share:
        return labels
    title = title_heading(blocks, labels, options)
    if title < 0:
        return labels
    # The page's tuple, read natively by the compiled build (a Sequence's items generically).
    items = page_tuple(blocks)
    path = items[title].locator
    steps = path.count(">") + 1  # the h1 path's steps: the length of its split at ">"
    kept = [i for i, kind in enumerate(labels) if kind is _CONTENT]
    shared = shared_depths([items[i].locator for i in kept], path)
    # The kept words by the steps their block shares with the h1's path: the words inside
    # the element ``depth`` steps down are those of depth and deeper, added up once.
    words_at = [0] * (steps + 1)
    for i, depth in zip(kept, shared):
        # Not `+=`: the compiled build adds to a list's item in place by a generic call.
        words_at[depth] = words_at[depth] + items[i].features.words
    needed = options.title_box_share * sum(words_at)
    inside = words_at[steps]
    for depth in range(steps - 1, 1, -1):  # the h1's parent up to the child of <body>
        inside += words_at[depth]
        if inside >= needed:
            out = list(labels)
            for i, steps_shared in zip(kept, shared):
                if steps_shared < depth:
                    out[i] = relabel(items[i])
            return out
    return labels
