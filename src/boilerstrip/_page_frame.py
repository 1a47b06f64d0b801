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
from typing import Final, cast

from ._compiled import c_module
from ._model import Block, Label, page_tuple
from ._options import Options

_SCOPES = frozenset({"article", "main"})  # a footer or nav inside these is the article's own
_FRAME = frozenset({"footer", "nav"})
_CONTENT: Final = Label.CONTENT  # read once per block: an enum attribute is a slow look-up


# What the page frame's rule and the stray text's (_stray_text) read of each block's locator,
# per block in one byte of locator_marks: both read the tags of its CSS path.
FRAME: Final = 1  # in_page_frame
TOOLTIP: Final = 2  # _stray_text.in_tooltip


def _c_marks() -> Callable[[list[str], list[Label], Label], bytes | None] | None:
    """The compiled build's ``_ctokens.locator_marks`` (tests/test_locator_marks_c.py checks it
    against in_page_frame and _stray_text's pattern); None in a pure install."""
    module = c_module("_ctokens")
    if module is None:
        return None
    return cast(Callable[[list[str], list[Label], Label], bytes | None], module.locator_marks)


_marks_c: Final = _c_marks()


def locator_marks(locators: list[str], labels: list[Label]) -> bytes | None:
    """Per locator of a CONTENT block (of ``labels``), :data:`FRAME` when it is in the page's
    frame, plus :data:`TOOLTIP` when it is in a tooltip; 0 for the other blocks. Read in C in
    one pass of the kept blocks' locators, each from the first step it does not share with
    the one read before (a kept block's path is mostly the previous one's). None in a pure
    install, or when a locator is not ASCII: the rules then ask per kept block (two
    substring scans of its path each, about 1,400 instructions). A rule may read the marks
    of the blocks it finds CONTENT as long as no rule since they were made has kept a block
    (only dropped)."""
    return None if _marks_c is None else _marks_c(locators, labels, _CONTENT)


def tag_of(step: str) -> str:
    """The tag of one step of a locator, a CSS path of ``tag:nth-of-type(n)`` steps
    ("section:nth-of-type(2)" -> "section"; "svg:x:nth-of-type(1)" -> "svg")."""
    return step.split(":", 1)[0]


def in_page_frame(locator: str) -> bool:
    """Whether the element at ``locator`` sits inside a ``<footer>`` or ``<nav>`` that no
    ``<article>`` or ``<main>`` encloses."""
    if "footer" not in locator and "nav" not in locator:
        return False
    for step in locator.split(">"):
        tag = tag_of(step)
        if tag in _SCOPES:
            return False
        if tag in _FRAME:
            return True
    return False


def without_page_frame(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    dropped: Callable[[Block], Label],
    marks: bytes | None = None,
) -> list[Label]:
    """``labels`` with the CONTENT blocks inside the page's footer or navigation given
    ``dropped(block)``, the label their own evidence names (with ``Options.page_frame_drop``);
    ``marks``: the blocks' :func:`locator_marks`, when the caller has them."""
    page = page_tuple(blocks)
    if not options.page_frame_drop:
        return labels
    # ``labels`` itself where no block is dropped (most pages): no list made and freed.
    out: list[Label] | None = None
    for i, kind in enumerate(labels):
        if kind is _CONTENT and (marks[i] & FRAME if marks is not None else in_page_frame(page[i].locator)):
            if out is None:
                out = list(labels)
            out[i] = dropped(page[i])
    return labels if out is None else out
