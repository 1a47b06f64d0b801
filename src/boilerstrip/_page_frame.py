"""The page's frame: a ``<footer>`` or ``<nav>`` element outside ``<article>`` and ``<main>``.

HTML5 gives ``<footer>`` two meanings: inside an article or the main element it is that
article's footer (its byline, its tags), elsewhere it is the page's footer. The page's
footer and its navigation never hold the main text, but what they hold can look like it:
a shop's shipping, returns and privacy policies written out in full, in boxes whose class
names ("modal", "promo") are nearer the text than the footer tag, so the block's container
names those and not the footer, and long plain prose scores high; a mega-menu's teasers,
kept by the decision on a multi-section page. A kept block there is dropped and takes
the label its own evidence names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label
from ._options import Options

_SCOPES = frozenset({"article", "main"})  # a footer or nav inside these is the article's own
_FRAME = frozenset({"footer", "nav"})
_CONTENT: Final = Label.CONTENT  # read once per block: an enum attribute is a slow look-up


def in_page_frame(locator: str) -> bool:
    """Whether the element at ``locator`` (a CSS path of ``tag:nth-of-type(n)`` steps)
    sits inside a ``<footer>`` or ``<nav>`` that no ``<article>`` or ``<main>`` encloses."""
    if "footer" not in locator and "nav" not in locator:
        return False
    for step in locator.split(">"):
        tag = step.split(":", 1)[0]
        if tag in _SCOPES:
            return False
        if tag in _FRAME:
            return True
    return False


def without_page_frame(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the CONTENT blocks inside the page's footer or navigation given
    ``dropped(block)``, the label their own evidence names (with ``Options.page_frame_drop``)."""
    if not options.page_frame_drop:
        return labels
    return [
        dropped(b) if kind is _CONTENT and in_page_frame(b.locator) else kind
        for b, kind in zip(blocks, labels)
    ]
