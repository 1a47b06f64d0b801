"""The blocks the Markdown and HTML outputs show: the content, and the figures inside it whose
captions were dropped.

The segment stage records a figure's ``<img>`` on its caption's block. A caption's text is
chrome (metadata, like a byline or a credit; ``_captions``), but the picture it describes is
part of the article: when images are asked for, a dropped caption labelled metadata or no
kind that carries an image and stands between two kept blocks gives its images, without its
text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ._model import Block, Label, Role

_CONTENT: Final = Label.CONTENT
# The labels of a dropped caption whose picture is still the page's: a caption told apart as
# metadata (a credit, a caption rule's) or as no kind. A caption labelled a promo, a sidebar
# or the navigation belongs to an ad or a rail, and its picture goes with it.
FIGURE_LABELS: Final = frozenset({Label.METADATA, Label.OTHER})


def shown_blocks(blocks: Sequence[Block], *, images: bool) -> list[Block]:
    """The content blocks, in page order, and with ``images`` the dropped captions with an
    image between the first and the last of them (see the module)."""
    kept = [i for i, b in enumerate(blocks) if b.label is _CONTENT]
    if not images or not kept:
        return [blocks[i] for i in kept]
    first, last = kept[0], kept[-1]
    return [
        b
        for b in blocks[first : last + 1]
        if b.label is _CONTENT or (b.role is Role.CAPTION and b.markup.images and b.label in FIGURE_LABELS)
    ]


def is_figure_only(block: Block) -> bool:
    """Whether ``block`` is shown for its images alone: a dropped caption."""
    return block.label is not _CONTENT
