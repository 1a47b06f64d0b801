"""An article's dateline: the short dated line between its kept headline and its body.

On a page that declares no type, a line of at most ``Options.dateline_max_words`` words
that holds a date ("by John on July 21, 2012", "Thu Dec 27, 2007 7:00am EST"), dropped
between the kept headline (the first kept ``<h1>``; on a page without one, the first kept
heading: older blogs title a post with ``<h2>``) and the first kept paragraph of plain
prose after it, is the article's dateline, and kept. The truths of such pages keep the
dateline more often than not (dragnet, l3s-gn1; see ``_combine.hard_rules_of`` for
metadata lines); the model scores it as chrome. A line inside a ``<header>`` element is
left alone: the page marks it as header matter, and the truths that meet one leave it
out; so is a term's value or a table cell (a statistics release's "Release date: 14
February 2025"). Pages that declare a type (articles with JSON-LD or Open Graph) keep no
dateline: their truths drop it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ._dates import holds_date
from ._model import Block, Label, Role
from ._options import Options
from ._page_frame import tag_of
from ._tail import is_prose

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_HEADING: Final = Role.HEADING


# A value in a list of terms or a table ("Release date: | 14 February 2025") is a field of
# the page's record, not a line of the article.
_FIELDS = frozenset({"dd", "dt", "td", "th"})


def _in_header(locator: str) -> bool:
    """Whether the element at ``locator`` sits in a ``<header>``."""
    return "header" in locator and any(tag_of(step) == "header" for step in locator.split(">"))


def _is_field(locator: str) -> bool:
    """Whether the element at ``locator`` is a term, its value or a table cell."""
    return tag_of(locator.rsplit(">", 1)[-1]) in _FIELDS


def with_datelines(
    blocks: Sequence[Block], labels: list[Label], options: Options, declared: str
) -> list[Label]:
    """``labels`` with the dateline between the kept headline and the body kept (see the
    module docstring); unchanged on a page that declares a type (``declared``) and when
    ``Options.dateline_max_words`` is 0."""
    max_words = options.dateline_max_words
    if declared or not max_words:
        return labels
    # The headline: the first kept <h1>; on a page without one, the first kept heading.
    levels = 1 if any(b.role is _HEADING and b.heading_level == 1 for b in blocks) else 6
    headline = next(
        (
            i
            for i, (b, kind) in enumerate(zip(blocks, labels))
            if kind is _CONTENT and b.role is _HEADING and 1 <= b.heading_level <= levels
        ),
        -1,
    )
    if headline < 0:
        return labels
    prose_words, prose_density = options.tail_prose_words, options.tail_prose_link_density  # once a page
    body = next(
        (
            i
            for i in range(headline + 1, len(blocks))
            if labels[i] is _CONTENT and is_prose(blocks[i], prose_words, prose_density)
        ),
        -1,
    )
    if body < 0:
        return labels
    out = labels
    for i in range(headline + 1, body):
        b = blocks[i]
        if (
            labels[i] is not _CONTENT
            and 0 < b.features.words <= max_words
            and not _in_header(b.locator)
            and not _is_field(b.locator)
            and holds_date(b.text)
        ):
            if out is labels:
                out = list(labels)
            out[i] = _CONTENT
    return out
