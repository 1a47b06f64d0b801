"""Scorers: small named functions, one signature, each one piece of evidence.

A scorer reads the block at ``i`` (and, for context scorers, its neighbours) and returns
a number, usually in [0, 1]. The combiner weighs them (``_combine``); the weights are
fitted on the development sets, so a scorer only has to be informative, not calibrated.
``SCORERS`` is the one place they are collected.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from ._model import Block, Features, Label, Role

Scorer = Callable[[Sequence[Block], int], float]

_TEXT_DENSITY_CAP = 20.0  # words per wrapped line above which density says nothing more
_LENGTH_SCALE = math.log1p(400.0)  # block length at which the length scorer saturates
_SHORT_WORDS = 5


# -- density-based -----------------------------------------------------------------
def link_density(blocks: Sequence[Block], i: int) -> float:
    return blocks[i].features.link_density


def text_density(blocks: Sequence[Block], i: int) -> float:
    return min(blocks[i].features.text_density, _TEXT_DENSITY_CAP) / _TEXT_DENSITY_CAP


def neighbour_text_density(blocks: Sequence[Block], i: int) -> float:
    """Kohlschütter et al.: the neighbours' densities matter as much as the block's own."""
    near = [text_density(blocks, j) for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
    return sum(near) / len(near) if near else 0.0


def neighbour_link_density(blocks: Sequence[Block], i: int) -> float:
    near = [blocks[j].features.link_density for j in (i - 1, i + 1) if 0 <= j < len(blocks)]
    return sum(near) / len(near) if near else 0.0


def stopword_density(blocks: Sequence[Block], i: int) -> float:
    return blocks[i].features.stopword_density


def block_length(blocks: Sequence[Block], i: int) -> float:
    return min(math.log1p(blocks[i].features.words) / _LENGTH_SCALE, 1.0)


def short_block(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].features.words < _SHORT_WORDS else 0.0


def composite_density(blocks: Sequence[Block], i: int) -> float:
    return min(blocks[i].features.composite_density, 3.0) / 3.0


def main_region(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].features.in_main_region else 0.0


def main_region_long(blocks: Sequence[Block], i: int) -> float:
    """Region membership weighs more for long blocks (an interaction the logistic needs)."""
    return main_region(blocks, i) * block_length(blocks, i)


def page_edge(blocks: Sequence[Block], i: int) -> float:
    """1 at the first and last block of the page, 0 in the middle."""
    position = blocks[i].features.position
    return 1.0 - 2.0 * min(position, 1.0 - position)


def ends_sentence(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].features.ends_sentence else 0.0


# -- structure -----------------------------------------------------------------------
def heading(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].role is Role.HEADING else 0.0


def list_item(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].role is Role.LIST_ITEM else 0.0


def title_match(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].features.title_match else 0.0


def caption(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].role is Role.CAPTION else 0.0


# -- rule-based ------------------------------------------------------------------------
def content_name(blocks: Sequence[Block], i: int) -> float:
    return 1.0 if blocks[i].features.content_hint else 0.0


def boilerplate_phrase(blocks: Sequence[Block], i: int) -> float:
    """A boilerplate phrase in the block; worth more in short blocks than long ones."""
    f = blocks[i].features
    return 1.0 / (1.0 + f.words / 40.0) if f.phrase else 0.0


def phrase_box(blocks: Sequence[Block], i: int) -> float:
    """The block sits in a box full of boilerplate phrases (donation and newsletter boxes)."""
    return 1.0 if blocks[i].features.phrase_container else 0.0


def chrome_agreement(blocks: Sequence[Block], i: int) -> float:
    """The block's own phrase names the same chrome as its container (an ad box saying
    "Advertisement"): two independent signs agreeing."""
    f = blocks[i].features
    return 1.0 if f.phrase and f.phrase in (f.container, f.phrase_container) else 0.0


def _phrase(kind: Label) -> Scorer:
    def scorer(blocks: Sequence[Block], i: int) -> float:
        return 1.0 if blocks[i].features.phrase == kind.value else 0.0

    scorer.__name__ = f"phrase_{kind.value}"
    scorer.__doc__ = f"A {kind.value} boilerplate phrase occurs in the block."
    return scorer


def _container(kind: Label) -> Scorer:
    def scorer(blocks: Sequence[Block], i: int) -> float:
        f = blocks[i].features
        return f.container_strength if f.container == kind.value else 0.0

    scorer.__name__ = f"container_{kind.value}"
    scorer.__doc__ = f"An enclosing tag, ARIA role or class/id names the block {kind.value}."
    return scorer


CHROME_KINDS = tuple(label for label in Label if label is not Label.CONTENT)

SCORERS: dict[str, Scorer] = {
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

# Evidence that decides on its own, whatever the combined score: each rule names the
# chrome kind it found, or "". A box dense with boilerplate phrases is a newsletter or
# donation box even when its prose is long and plain (the seed page's appeal).
# A short line that is a byline, date or credit ("By Jane Doe", "14.03.2025, 18:42 Uhr")
# is metadata, however close it sits to the headline.
_METADATA_LINE_WORDS = 12

HARD_RULES: dict[str, Callable[[Features], str]] = {
    "phrase_box": lambda f: f.phrase_container,
    "metadata_line": lambda f: f.phrase if f.phrase == "metadata" and f.words <= _METADATA_LINE_WORDS else "",
}
