"""Closing appeals: a promo line among the last kept blocks, whatever its length.

A subscription offer, a newsletter or donation appeal or a "Like this story? Share it"
line set after an article is often a paragraph of plain prose (20 to 60 words), too long
for the short-line rules (``box_label``) and scored like the body by the model, so the
decision keeps it. When a kept block carries a promo phrase (``Features.phrase``) and the
kept blocks after it hold at most ``Options.closing_appeal_after_words`` words outside
phrase lines (the appeal closes the kept text, maybe with share or tag lines after it),
it is dropped with its phrase's label. Inside the body a promo phrase is left to the
model: a column's "Dear reader" or an organisation's "donate today" there is often the
page's own text, which the truths keep.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label
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
