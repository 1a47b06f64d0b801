"""A thread's chrome boxes: blocks the decision keeps inside a box named as chrome.

A thread's page is made of several posts, so it is decided as a multi-section page
(``Options.sectioned_decision``), which keeps doubtful blocks: and the doubtful blocks
inside a post are its chrome, in boxes the markup names: the post's header ("user
September 26, 2025, 1:38pm 3" in a ``topic-meta-data`` box), the author's signature and
"My System" profile fields (``message-signature``, a ``nav``-named list), the link
previews and badges beside the text. On a thread, a kept block inside a box named as
chrome (CHROME_BOX_KINDS: the element's own class/id names or tag, ``Features.container``)
takes the label its own evidence names. Not comment boxes: on a thread they are the posts
(``Options.thread_min_share``). The posts rule (_combine._with_posts) already leaves such
blocks out; this step is its counterpart for the blocks the decision itself keeps.

A thread's headings are chrome too: the thread's title over the posts (the page's <h1>,
which the result's title already holds) and the posts' subject lines ("Re: <the title>").
On a thread, a kept heading of level 1 to ``Options.thread_heading_max_level`` takes the
label its own evidence names (``without_thread_headings``).

And so are the short lines the decision keeps between the posts, at a probability it doubts:
a post's header and footer lines in boxes the markup does not name ("piizog said:", "Click
to expand...", "Reply 16", a reaction count, the poster's name). On a thread, a kept block
of at most ``Options.thread_short_line_max_words`` words, not a heading, whose probability
is under ``Options.thread_short_line_max_probability`` takes the label its own evidence
names (``without_short_lines``); a short reply the model is sure of stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label, Role
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_HEADING: Final = Role.HEADING

# The container kinds that name a post's chrome. Dev (block-dump replay of every set, each
# kind alone on threads): metadata +0.0031 on wcxb forum (22 pages up, 9 down), navigation
# +0.0034 (13 / 2), sidebar +0.0009 (5 / 1), footer and header +0.0007 (11 / 0); promo,
# share and legal move no page.
CHROME_BOX_KINDS = frozenset(
    {
        Label.METADATA.value,
        Label.NAVIGATION.value,
        Label.SIDEBAR.value,
        Label.FOOTER.value,
        Label.HEADER.value,
        Label.PROMO.value,
        Label.SHARE.value,
        Label.LEGAL.value,
    }
)


def without_chrome_boxes(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """On a thread, ``labels`` with every kept block of at least
    ``Options.thread_chrome_box_min_words`` words inside a box named as chrome
    (CHROME_BOX_KINDS) given ``dropped(block)``."""
    min_words = options.thread_chrome_box_min_words
    if not min_words:
        return labels
    out = list(labels)
    for i, b in enumerate(blocks):
        f = b.features
        if labels[i] is _CONTENT and f.container in CHROME_BOX_KINDS and f.words >= min_words:
            out[i] = dropped(b)
    return out


def without_thread_headings(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """On a thread, ``labels`` with every kept heading of level 1 to
    ``Options.thread_heading_max_level`` given ``dropped(block)``."""
    deepest = options.thread_heading_max_level
    if not deepest:
        return labels
    out = list(labels)
    for i, b in enumerate(blocks):
        if labels[i] is _CONTENT and b.role is _HEADING and 1 <= b.heading_level <= deepest:
            out[i] = dropped(b)
    return out


def without_short_lines(
    blocks: Sequence[Block],
    labels: list[Label],
    probabilities: Sequence[float],
    options: Options,
    dropped: Callable[[Block], Label],
) -> list[Label]:
    """On a thread, ``labels`` with every kept block of 1 to
    ``Options.thread_short_line_max_words`` words, not a heading, whose probability is under
    ``Options.thread_short_line_max_probability``, given ``dropped(block)``."""
    most = options.thread_short_line_max_words
    if not most:
        return labels
    below = options.thread_short_line_max_probability
    out = list(labels)
    for i, b in enumerate(blocks):
        if (
            labels[i] is _CONTENT
            and b.role is not _HEADING
            and 0 < b.features.words <= most
            and probabilities[i] < below
        ):
            out[i] = dropped(b)
    return out
