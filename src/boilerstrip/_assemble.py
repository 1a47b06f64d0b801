"""Assemble stage: the labelled blocks to the Extraction (text layout, title, confidence)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

from ._calibration import CONFIDENCE_POINTS
from ._model import NO_METADATA, Block, Extraction, Label, Metadata, Role, page_tuple

_MIN_CONFIDENCE = 0.0001  # the smallest confidence at 4 decimals
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")
# The members read once per block, as module constants: an enum's class attribute is looked
# up through EnumType's __getattr__ hook (Python 3.11), about 900 instructions each.
_CONTENT: Final = Label.CONTENT
_HEADING: Final = Role.HEADING
_LINED: Final = (Role.LIST_ITEM, Role.TABLE_CELL, Role.TABLE_ROW)  # one per line


def _separator(previous: Block, block: Block) -> str:
    if block.row >= 0 and block.row == previous.row:
        return " | "  # cells of one table row
    if previous.role is block.role and block.role in _LINED:
        return "\n"  # items of one list, rows of one table
    return "\n\n"


def layout(blocks: Sequence[Block]) -> str:
    """Headings and paragraphs separated by a blank line, list items and table rows one per line."""
    parts: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if block.label is not _CONTENT:
            continue
        if previous is not None:
            parts.append(_separator(previous, block))
        parts.append(block.text)
        previous = block
    return "".join(parts)


def title(blocks: Sequence[Block], page_title: str) -> str:
    """The first h1 among the content when the page title names it, else the page title
    without the site name after its last separator."""
    for block in blocks:
        if block.role is _HEADING and block.heading_level == 1 and block.label is _CONTENT:
            if not page_title or block.text.lower() in page_title.lower():
                return block.text
            break
    for separator in _TITLE_SEPARATORS:
        if separator in page_title:
            # The site's name usually comes last: "Headline | Site".
            return max(page_title.split(separator)[:-1], key=len).strip()
    return page_title


def raw_confidence(blocks: Sequence[Block]) -> float:
    """How decided the labels are: the word-weighted margin of the probabilities from
    0.5, rescaled to [0, 1]."""
    # margin(scores, words) in one loop over the blocks: its word total an int sum, its sum the
    # same terms added in order from 0.0 (sum() from the integer 0: 0 + x is 0.0 + x for the
    # terms, none negative), without the two lists, a float object a block, nor the compiled
    # build's generic additions (about 370 instructions a block).
    page = page_tuple(blocks)
    total = 0
    for b in page:
        total += b.features.words + 1
    if not total:
        return 0.0
    spread = 0.0
    for b in page:
        spread += (b.features.words + 1) * abs(b.score - 0.5) * 2.0
    return spread / total


def confidence(blocks: Sequence[Block]) -> float:
    """The expected word F1 of the page: the raw confidence mapped through the calibration
    fitted on the development sets (benchmarks/calibrate.py); 0 when nothing is content."""
    if not any(b.label is _CONTENT for b in blocks):
        return 0.0
    # Never 0 when something is content: a page whose probabilities all sit at 0.5 (found
    # by fuzzing) would otherwise round to the confidence of an empty result.
    return max(round(interpolate(CONFIDENCE_POINTS, raw_confidence(blocks)), 4), _MIN_CONFIDENCE)


def interpolate(points: Sequence[tuple[float, float]], x: float) -> float:
    """The piecewise-linear function through ``points`` (sorted by x), flat outside them."""
    if x <= points[0][0]:
        return points[0][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x <= x1:
            return y0 + (y1 - y0) * (x - x0) / (x1 - x0) if x1 > x0 else y1
    return points[-1][1]


def assemble(
    blocks: tuple[Block, ...],
    page_title: str,
    url: str | None,
    language: str,
    *,
    truncated: bool = False,
    metadata: Metadata = NO_METADATA,
) -> Extraction:
    return Extraction(
        text=layout(blocks),
        title=title(blocks, page_title),
        blocks=blocks,
        confidence=confidence(blocks),
        url=url,
        language=language,
        truncated=truncated,
        metadata=metadata,
    )
