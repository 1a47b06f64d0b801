"""The page's own footer: a ``<footer>`` element outside ``<article>`` and ``<main>``.

HTML5 gives ``<footer>`` two meanings: inside an article or the main element it is that
article's footer (its byline, its tags), elsewhere it is the page's footer. The page's
footer never holds the main text, but what it holds can look like it: a shop's shipping,
returns and privacy policies written out in full, in boxes whose class names ("modal",
"promo") are nearer the text than the footer tag, so the block's container names those
and not the footer, and long plain prose scores high. A kept block there is dropped and
takes the label its own evidence names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ._model import Block, Label
from ._options import Options

_SCOPES = frozenset({"article", "main"})  # a footer inside these is the article's own


def in_page_footer(locator: str) -> bool:
    """Whether the element at ``locator`` (a CSS path of ``tag:nth-of-type(n)`` steps)
    sits inside a ``<footer>`` that no ``<article>`` or ``<main>`` encloses."""
    if "footer" not in locator:
        return False
    for step in locator.split(">"):
        tag = step.split(":", 1)[0]
        if tag in _SCOPES:
            return False
        if tag == "footer":
            return True
    return False


def without_page_footer(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the CONTENT blocks inside the page's footer given ``dropped(block)``,
    the label their own evidence names (with ``Options.page_footer_drop``)."""
    if not options.page_footer_drop:
        return labels
    return [
        dropped(b) if kind is Label.CONTENT and in_page_footer(b.locator) else kind
        for b, kind in zip(blocks, labels)
    ]
