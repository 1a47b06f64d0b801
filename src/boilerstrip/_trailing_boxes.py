"""Trailing boxes: kept blocks of a comments or legal box after the last kept block of the
body.

The decision keeps some blocks whose enclosing box is named as comments or legal text
(``Features.container``): the model scores a long reader comment or a disclaimer's prose
like the body's own. Where such blocks come after every other kept block, they are the
comment thread or the fine print under the page's content, which boilerstrip leaves out by
design (``Options.include_comments`` keeps comments): they are dropped with the label their
own evidence names. Inside the body, such a box is left to the model (an article's quoted
comment, a product's warranty terms between its specifications).

A page whose trailing run holds more than ``Options.trailing_box_max_ratio`` times the
words kept before it is left alone: there the box is the page's body under a misleading
name (a live match report in a "commentaires" box after a few lines of line-ups).
Threads are left alone too: their comments are their posts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label, page_tuple
from ._options import Options
from ._page_type import THREAD as _THREAD_TYPE

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_COMMENTS: Final = Label.COMMENTS.value
_THREAD: Final = _THREAD_TYPE  # a constant of this module's (the compiled build looked the import up)

# The container kinds (``Features.container``) whose kept blocks after the body are dropped.
TRAILING_KINDS: Final = frozenset({Label.COMMENTS.value, Label.LEGAL.value})


def without_trailing_boxes(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    dropped: Callable[[Block], Label],
    declared: str,
) -> list[Label]:
    """``labels`` with the kept blocks of a :data:`TRAILING_KINDS` box that come after
    the last kept block of no such box given ``dropped(block)``, unless they hold more
    than ``Options.trailing_box_max_ratio`` times the words kept outside such boxes
    (0 turns the rule off) or the page is a thread."""
    page = page_tuple(blocks)
    ratio = options.trailing_box_max_ratio
    if not ratio or declared == _THREAD:
        return labels
    kinds = TRAILING_KINDS - {_COMMENTS} if options.include_comments else TRAILING_KINDS
    run: list[int] = []  # the kept blocks of such boxes after the last kept block of none
    run_words = 0
    body_words = 0  # the words kept outside such boxes
    for i, b in enumerate(page):
        if labels[i] is not _CONTENT:
            continue
        f = b.features
        if f.container in kinds:
            run.append(i)
            run_words += f.words
        elif f.words:
            run.clear()
            run_words = 0
            body_words += f.words
    if not run or not body_words or run_words > ratio * body_words:
        return labels
    out = list(labels)
    for i in run:
        out[i] = dropped(page[i])
    return out
