"""Scorers: small named functions, one signature, each one piece of evidence.

A scorer reads the blocks of a page and returns one number per block, usually in
[0, 1]; context scorers also read the neighbours. Whole-page signatures keep the loop
inside one list comprehension per scorer. The combiner weighs the outputs
(``_combine``) with weights fitted on the development sets, so a scorer only has to be
informative, not calibrated. ``SCORERS`` is the one place they are collected; the rules
that decide alone are ``_hard_rules.HARD_RULES``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final, cast

import regex

from ._model import Block, Features, Label, Role, page_tuple

Scorer = Callable[[Sequence[Block]], list[float]]

# Final: the compiled build inlines each or reads it from a C static.
_TEXT_DENSITY_CAP: Final = 20.0  # words per wrapped line above which density says nothing more
_LENGTH_SCALE: Final = math.log1p(400.0)  # block length at which the length scorer saturates
SHORT_WORDS: Final = 5  # blocks under this many words are "short" (scorer and smoothing)
_CETD_CAP: Final = 3.0  # log density ratio above which CETD says nothing more
_REPEAT_SCALE: Final = math.log1p(20000.0)  # group text at which the repeated-text scorer saturates


def _neighbour_mean(values: list[float]) -> list[float]:
    n = len(values)
    if n < 2:
        return [0.0] * n
    out = [values[1]] * n  # made at its length: the middle set in place, not joined after
    for i in range(1, n - 1):
        out[i] = (values[i - 1] + values[i + 1]) / 2.0
    out[n - 1] = values[n - 2]
    return out


# The flag scorers test each block inside their own comprehension, not through a test
# function: a call per block cost as much as the test (the score stage's largest part).
# Enum members are read once (a class attribute look-up per block otherwise).
_HEADING: Final = Role.HEADING
_LIST_ITEM: Final = Role.LIST_ITEM
_CAPTION: Final = Role.CAPTION

# The outputs 0.0 and 1.0 as shared objects, typed ``object``: the compiled build (mypyc)
# holds a float in a C double and boxes it when the list takes it, a new float a block and
# scorer (and a free when the column goes). Made by a call: mypyc inlines a Final's literal
# value, and would box it at every use. Python's own code shares a literal anyway. A
# column of them is typed back by _floats, one cast a column.
_ZERO: Final[object] = float(0)
_ONE: Final[object] = float(1)


def _floats(column: list[object]) -> list[float]:
    """A column made of :data:`_ZERO`, :data:`_ONE` and floats, as the list of floats it is."""
    return cast("list[float]", column)


# -- density-based -----------------------------------------------------------------
def link_density(blocks: Sequence[Block]) -> list[float]:
    return [b.features.link_density for b in page_tuple(blocks)]


def text_density(blocks: Sequence[Block]) -> list[float]:
    return [min(b.features.text_density, _TEXT_DENSITY_CAP) / _TEXT_DENSITY_CAP for b in page_tuple(blocks)]


def neighbour_text_density(blocks: Sequence[Block]) -> list[float]:
    """Kohlschütter et al.: the neighbours' densities matter as much as the block's own."""
    return _neighbour_mean(text_density(blocks))


def neighbour_link_density(blocks: Sequence[Block]) -> list[float]:
    return _neighbour_mean(link_density(blocks))


def stopword_density(blocks: Sequence[Block]) -> list[float]:
    return [b.features.stopword_density for b in page_tuple(blocks)]


# block_length's output per word count, up to the count where it saturates: log1p(400) /
# _LENGTH_SCALE is 1.0 exactly, and log1p grows, so every longer block gives 1.0 too (the
# compiled build called math.log1p through the module object, and boxed the result).
_LENGTH_WORDS: Final = 400
_LENGTHS: Final[tuple[object, ...]] = tuple(
    min(math.log1p(n) / _LENGTH_SCALE, 1.0) for n in range(_LENGTH_WORDS + 1)
)


def block_length(blocks: Sequence[Block]) -> list[float]:
    """``min(log1p(words) / _LENGTH_SCALE, 1.0)`` per block, read from :data:`_LENGTHS`."""
    return _floats([_LENGTHS[min(b.features.words, _LENGTH_WORDS)] for b in page_tuple(blocks)])


def short_block(blocks: Sequence[Block]) -> list[float]:
    return _floats([_ONE if b.features.words < SHORT_WORDS else _ZERO for b in page_tuple(blocks)])


def composite_density(blocks: Sequence[Block]) -> list[float]:
    return [min(b.features.composite_density, _CETD_CAP) / _CETD_CAP for b in page_tuple(blocks)]


def main_region(blocks: Sequence[Block]) -> list[float]:
    return _floats([_ONE if b.features.in_main_region else _ZERO for b in page_tuple(blocks)])


def main_region_long(blocks: Sequence[Block]) -> list[float]:
    """Region membership weighs more for long blocks (an interaction the logistic needs):
    ``main_region * block_length``, which is the length in the region (1.0 times it) and
    0.0 outside (0.0 times a length, which is finite and not negative)."""
    return _floats(
        [
            _LENGTHS[min(b.features.words, _LENGTH_WORDS)] if b.features.in_main_region else _ZERO
            for b in page_tuple(blocks)
        ]
    )


def page_edge(blocks: Sequence[Block]) -> list[float]:
    """1 at the first and last block of the page, 0 in the middle."""
    return [1.0 - 2.0 * min(b.features.position, 1.0 - b.features.position) for b in page_tuple(blocks)]


def ends_sentence(blocks: Sequence[Block]) -> list[float]:
    return _floats([_ONE if b.features.ends_sentence else _ZERO for b in page_tuple(blocks)])


_log1p: Final = math.log1p  # the compiled build reads math.log1p from the module per call otherwise


def repeated_text(blocks: Sequence[Block]) -> list[float]:
    """Text volume of the repeated sibling group the block sits in (cards, posts); 0.0 out
    of any (log1p(0) is 0.0), as most blocks are."""
    return _floats(
        [
            min(_log1p(b.features.repeat_chars) / _REPEAT_SCALE, 1.0) if b.features.repeat_chars else _ZERO
            for b in page_tuple(blocks)
        ]
    )


def repeated_links(blocks: Sequence[Block]) -> list[float]:
    """Link share of that group: menus are all links, listings partly, threads hardly."""
    return _floats(
        [b.features.repeat_link_density if b.features.repeat_chars else _ZERO for b in page_tuple(blocks)]
    )


# -- structure -----------------------------------------------------------------------
def heading(blocks: Sequence[Block]) -> list[float]:
    return _floats([_ONE if b.role is _HEADING else _ZERO for b in page_tuple(blocks)])


def title_match(blocks: Sequence[Block]) -> list[float]:
    return _floats([_ONE if b.features.title_match else _ZERO for b in page_tuple(blocks)])


def list_item(blocks: Sequence[Block]) -> list[float]:
    return _floats([_ONE if b.role is _LIST_ITEM else _ZERO for b in page_tuple(blocks)])


# A news-photo caption outside <figcaption>: a name placed in the picture ("Jane Doe,
# left, speaks with ...", the agencies' caption style) near the start of the block.
# The pattern's tail (", left, " and the like), which every match of it holds.
_CAPTION_PLACE: Final = (
    r", (?:left|right|center|centre|second (?:from )?(?:left|right)|top|bottom|front|rear)(?: row)?, "
)
_CAPTION_TEXT: Final = regex.compile(r"^.{0,100}?(?-i:\p{Lu})[\p{L}'’.-]+" + _CAPTION_PLACE, regex.IGNORECASE)
_CAPTION_SCAN_CHARS: Final = 160  # the placed name comes early; the search reads no further
# The tail searched first, from its literal ", " (the whole pattern tries each of up to 100
# starts).
_CAPTION_TAIL: Final = regex.compile(_CAPTION_PLACE, regex.IGNORECASE)


# The words the tail's ", " is followed by, lowered: a tail match is a ", " whose next six
# characters, lowered, start with one of them, or hold a character that is not ASCII (which
# IGNORECASE can fold to an ASCII letter: "ſ" to "s").
# (Typed of any length: mypyc keeps a tuple of fixed length as a C struct, boxed at each use.)
_TAIL_WORDS: Final[tuple[str, ...]] = tuple("left right center centre second top bottom front rear".split())
_TAIL_WINDOW: Final = max(map(len, _TAIL_WORDS))


def _may_hold_tail(text: str) -> bool:
    """Whether ``text``'s scanned head can hold a match of :data:`_CAPTION_TAIL` (a necessary
    test, in str methods: the search is a regex call, about 3,000 instructions)."""
    at = text.find(", ", 0, _CAPTION_SCAN_CHARS)
    while at >= 0:
        window = text[at + 2 : at + 2 + _TAIL_WINDOW]
        if not window.isascii() or window.lower().startswith(_TAIL_WORDS):
            return True
        at = text.find(", ", at + 2, _CAPTION_SCAN_CHARS)
    return False


def caption(blocks: Sequence[Block]) -> list[float]:
    """A <figcaption>, or text written as a photo caption (the name placed in the picture)."""
    # The pattern's ", " is looked for first (str.find, in C, by _may_hold_tail): most blocks
    # have none in the scanned head; then the words after it; then its tail, which few
    # blocks hold; then the whole pattern.
    return _floats(
        [
            _ONE
            if b.role is _CAPTION
            or (
                _may_hold_tail(b.text)
                and _CAPTION_TAIL.search(b.text, 0, _CAPTION_SCAN_CHARS) is not None
                and _CAPTION_TEXT.search(b.text[:_CAPTION_SCAN_CHARS]) is not None
            )
            else _ZERO
            for b in page_tuple(blocks)
        ]
    )


# -- rule-based ------------------------------------------------------------------------
def content_name(blocks: Sequence[Block]) -> list[float]:
    return _floats([_ONE if b.features.content_hint else _ZERO for b in page_tuple(blocks)])


def boilerplate_phrase(blocks: Sequence[Block]) -> list[float]:
    """A boilerplate phrase in the block; worth more in short blocks than long ones."""
    return _floats(
        [1.0 / (1.0 + b.features.words / 40.0) if b.features.phrase else _ZERO for b in page_tuple(blocks)]
    )


def phrase_box(blocks: Sequence[Block]) -> list[float]:
    """The block sits in a box full of boilerplate phrases (donation and newsletter boxes)."""
    return _floats([_ONE if b.features.phrase_container else _ZERO for b in page_tuple(blocks)])


def chrome_agreement(blocks: Sequence[Block]) -> list[float]:
    """The block's own phrase names the same chrome as its container (an ad box saying
    "Advertisement"): two independent signs agreeing."""
    return _floats([_ONE if _agree(b.features) else _ZERO for b in page_tuple(blocks)])


def _agree(f: Features) -> bool:
    return bool(f.phrase) and f.phrase in (f.container, f.phrase_container)


def _phrase(kind: Label) -> Scorer:
    value = kind.value  # read once: an enum property costs as much as the test itself

    def scorer(blocks: Sequence[Block]) -> list[float]:
        return _floats([_ONE if b.features.phrase == value else _ZERO for b in page_tuple(blocks)])

    scorer.__name__ = f"phrase_{kind.value}"
    scorer.__doc__ = f"A {kind.value} boilerplate phrase occurs in the block."
    return scorer


def _container(kind: Label) -> Scorer:
    value = kind.value  # read once: an enum property costs as much as the test itself

    def scorer(blocks: Sequence[Block]) -> list[float]:
        return _floats(
            [
                b.features.container_strength if b.features.container == value else _ZERO
                for b in page_tuple(blocks)
            ]
        )

    scorer.__name__ = f"container_{kind.value}"
    scorer.__doc__ = f"An enclosing tag, ARIA role or class/id names the block {kind.value}."
    return scorer


CHROME_KINDS = tuple(label for label in Label if label is not Label.CONTENT)

SCORERS: Final[dict[str, Scorer]] = {
    fn.__name__: fn
    for fn in (
        link_density,
        text_density,
        neighbour_text_density,
        neighbour_link_density,
        stopword_density,
        block_length,
        short_block,
        composite_density,
        repeated_text,
        repeated_links,
        main_region,
        main_region_long,
        page_edge,
        ends_sentence,
        heading,
        title_match,
        list_item,
        caption,
        content_name,
        boilerplate_phrase,
        phrase_box,
        chrome_agreement,
        *(_container(k) for k in CHROME_KINDS),
        *(_phrase(k) for k in CHROME_KINDS),
    )
}
