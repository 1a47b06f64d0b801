"""Text a reader does not read as the page: tooltip layers and strings of identifiers.

Two kinds of kept text are never a page's main content, whatever their scores:

- the text of a tooltip or popover written as a custom element (``<tool-tip>``,
  ``<cms-popover>``): help shown on hover ("Headphone sensitivity measures how loud...",
  "The Shipping Weight includes..."), which product pages put beside their specifications,
  so it sits among kept blocks at high probability;
- a block made of opaque identifiers (UUIDs run together, as ad code writes to hide
  sponsored links from crawlers): dense, link-free, and scored as prose.

Both are given the label their own evidence names. Code blocks are left alone (an API's
documentation may show identifiers).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label, Role, page_tuple
from ._options import Options
from ._page_frame import TOOLTIP

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_CODE: Final = Role.CODE

# A step of a CSS path whose tag names a tooltip or a popover ("tool-tip:nth-of-type(1)",
# "cms-popover:nth-of-type(2)"); only custom elements carry such tag names.
_TOOLTIP_STEP = re.compile(r"(?:^|>)[a-z0-9-]*(?:tool-?tip|popover)[a-z0-9-]*(?::|>|$)")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.IGNORECASE)


def in_tooltip(block: Block) -> bool:
    """Whether the block sits in a tooltip or popover element (by tag name)."""
    locator = block.locator
    # Every match holds "tool" or "popover": two substring scans spare most locators the
    # regex, which tries each of their positions (the same answer).
    return ("tool" in locator or "popover" in locator) and _TOOLTIP_STEP.search(locator) is not None


def is_id_string(block: Block, min_ids: int) -> bool:
    """Whether the block holds at least ``min_ids`` UUIDs and they make most of its text."""
    text = block.text
    # Each UUID holds four hyphens of its own: a text with fewer than 4 * min_ids holds
    # too few, and one with fewer than a hyphen in 18 characters cannot be most UUIDs
    # (n <= hyphens / 4, and 72 n >= its length is asked); the case-insensitive scan of
    # every kept text is spared (the same answer). Most kept texts hold no hyphen, told by
    # one search for it (a memchr) before they are counted (about 880 instructions a text).
    if min_ids > 0 and "-" not in text:
        return False
    hyphens = text.count("-")
    if hyphens < 4 * min_ids or 18 * hyphens < len(text):
        return False
    found = _UUID.findall(text)
    return len(found) >= min_ids and 36 * len(found) * 2 >= len(text)


def without_stray_text(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    dropped: Callable[[Block], Label],
    marks: bytes | None = None,
) -> list[Label]:
    """``labels`` with CONTENT blocks in tooltips (``Options.tooltips_dropped``) or made of
    identifiers (``Options.id_string_min_ids``, 0: off) given ``dropped(block)``; ``marks``:
    the blocks' :func:`~._page_frame.locator_marks`, when the caller has them."""
    page = page_tuple(blocks)
    tooltips, min_ids = options.tooltips_dropped, options.id_string_min_ids
    if not (tooltips or min_ids):
        return labels
    out: list[Label] | None = None  # made when a block is dropped: ``labels`` itself on most pages
    for i, b in enumerate(page):
        if labels[i] is not _CONTENT or b.role is _CODE:
            continue
        if (tooltips and (marks[i] & TOOLTIP if marks is not None else in_tooltip(b))) or (
            min_ids and is_id_string(b, min_ids)
        ):
            if out is None:
                out = list(labels)
            out[i] = dropped(b)
    return labels if out is None else out
