"""Closing appeals: a promo line among the last kept blocks, whatever its length; and on a
declared article or multi-section page, a promo paragraph wherever it stands.

A subscription offer, a newsletter or donation appeal or a "Like this story? Share it"
line set after an article is often a paragraph of plain prose (20 to 60 words), too long
for the short-line rules (``box_label``) and scored like the body by the model, so the
decision keeps it. When a kept block carries a promo phrase (``Features.phrase``) and the
kept blocks after it hold at most ``Options.closing_appeal_after_words`` words outside
phrase lines (the appeal closes the kept text, maybe with share or tag lines after it),
it is dropped with its phrase's label. Inside the body of a page that declares no type, a
promo phrase is left to the model: a column's "Dear reader" or an organisation's "donate
today" there is often the page's own text, which the truths keep. On a page that declares
an article or a multi-section page, a kept promo paragraph of a few sentences
(``Options.body_appeal_min_words`` to ``Options.body_appeal_max_words`` words) is an appeal
set into the body ("To view the full story, please subscribe...", a portal's "You are
reading a new kind of article... support us") and is dropped wherever it stands
(:func:`without_body_appeals`); shorter promo lines are the ``box_label`` rule's, and a
longer one ("Dear Reader: We're both parents ourselves...", 65 words) is the page's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label, page_tuple
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_PROMO: Final = Label.PROMO.value


def without_closing_appeals(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with each kept promo-phrase block after which the kept blocks hold at
    most ``Options.closing_appeal_after_words`` words outside phrase lines given
    ``dropped(block)``; ``Options.closing_appeals`` False turns the rule off."""
    if not options.closing_appeals:
        return labels
    limit = options.closing_appeal_after_words
    out = labels
    after = 0  # kept words after the block, in blocks that carry no phrase
    for i in range(len(blocks) - 1, -1, -1):
        if labels[i] is not _CONTENT:
            continue
        f = blocks[i].features
        if not f.phrase:
            after += f.words
            if after > limit:
                break  # every block before this one has more words after it
        elif f.phrase == _PROMO:
            if out is labels:
                out = list(labels)
            out[i] = dropped(blocks[i])
    return out


def without_body_appeals(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with each kept promo-phrase block of ``Options.body_appeal_min_words`` to
    ``Options.body_appeal_max_words`` words given ``dropped(block)``, wherever it stands; the
    caller runs it on pages that declare an article or a multi-section page.
    ``Options.body_appeal_max_words`` 0 turns it off."""
    most = options.body_appeal_max_words
    if not most:
        return labels
    least = options.body_appeal_min_words
    page = page_tuple(blocks)  # a tuple, as extract() gives it: read in place when compiled
    out = labels
    for i, b in enumerate(page):
        f = b.features
        if labels[i] is _CONTENT and f.phrase == _PROMO and least <= f.words <= most:
            if out is labels:
                out = list(labels)
            out[i] = dropped(b)
    return out
