"""Captions of an article: a picture's or a video's caption is the page's chrome.

The model keeps many captions (a sentence under a photo reads like the body's prose), but
captions, as bylines and credits, are metadata: most truths leave them out. On a page that
declares an article, each kept block in the ``caption`` role is dropped; a numbered caption
("Figure 3: ...", "Table 6-1", "Listing 9-3") stays, since the body refers to it by its
number. The figure's image, which the segment stage records on its caption's block, stays
in the Markdown and HTML outputs (``_figures``). ``Options.article_captions`` False keeps
the captions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import regex

from ._model import Block, Label, Role, page_tuple
from ._options import Options

_CONTENT: Final = Label.CONTENT
_CAPTION: Final = Role.CAPTION

# The words a numbered caption starts with, in English and German, before its number.
NUMBERED_CAPTION_WORDS: Final = (
    "figure",
    "fig.",
    "fig",
    "table",
    "listing",
    "chart",
    "exhibit",
    "abbildung",
    "tabelle",
)
_NUMBERED: Final = regex.compile(
    r"^\W*(?:" + "|".join(regex.escape(w) for w in NUMBERED_CAPTION_WORDS) + r")\s*\d", regex.IGNORECASE
)


def is_numbered(text: str) -> bool:
    """Whether a caption names its figure, table or listing by number ("Figure 3: ...")."""
    return _NUMBERED.match(text) is not None


def without_captions(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with each kept, unnumbered caption given ``dropped(block)``; the caller
    runs it on pages that declare an article."""
    page = page_tuple(blocks)
    if not options.article_captions:
        return labels
    out = labels
    for i, b in enumerate(page):
        if labels[i] is _CONTENT and b.role is _CAPTION and not is_numbered(b.text):
            if out is labels:
                out = list(labels)
            out[i] = dropped(b)
    return out
