"""The kept text's tail: the lines after an article's last paragraph of prose (a "Read
more" heading, a newsletter appeal, share prompts) that end no section of it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label, Role
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_PARAGRAPH: Final = Role.PARAGRAPH
_HEADING: Final = Role.HEADING


def is_prose(block: Block, min_words: int, max_link_density: float) -> bool:
    """A paragraph of plain prose: at least ``min_words`` words, link density under
    ``max_link_density`` (the article text the tail and teaser rules look around)."""
    f = block.features
    return block.role is _PARAGRAPH and f.words >= min_words and f.link_density < max_link_density


# Boxes named as this chrome hold the tail's appeals, bylines and share prompts; a name
# saying "sidebar" also sits on many article columns, so it is left out.
_TAIL_BOX_KINDS = frozenset(k.value for k in (Label.PROMO, Label.SHARE, Label.COMMENTS, Label.METADATA))


def last_kept(labels: list[Label], end: int) -> int:
    """The index of the last CONTENT label before ``end``, or -1 where none is."""
    i = end - 1
    while i >= 0 and labels[i] is not _CONTENT:
        i -= 1
    return i


def _is_tail_line(block: Block, options: Options) -> bool:
    f = block.features
    linked = f.link_density >= options.tail_link_density and f.words <= options.tail_link_max_words
    boxed = f.container in _TAIL_BOX_KINDS and not (
        options.include_comments and f.container == Label.COMMENTS.value
    )
    return block.role is _HEADING or f.words <= options.tail_short_words or linked or boxed


def without_tail(
    blocks: Sequence[Block], labels: list[Label], options: Options, chrome: Callable[[Block], Label]
) -> list[Label]:
    """The last CONTENT blocks of a page, at most ``Options.tail_max_blocks`` of them, that
    are headings, short lines, links or text in a box named as promo, share, comments or
    metadata, right after a CONTENT paragraph of plain prose, take the label their own
    evidence names: they head or fill the boxes that follow an article
    ("Originalpublikation", "Mehr zum Thema", "Read more", a newsletter appeal), and end no
    section of it."""
    # The kept blocks read from the end, as far as the tail goes (no list of every kept
    # block's index: an int object each on a page of more than 256 blocks).
    last = last_kept(labels, len(labels))
    tail: list[int] = []
    max_blocks = options.tail_max_blocks
    while last >= 0 and len(tail) < max_blocks and _is_tail_line(blocks[last], options):
        tail.append(last)
        last = last_kept(labels, last)
    if not tail or last < 0:
        return labels
    if not is_prose(blocks[last], options.tail_prose_words, options.tail_prose_link_density):
        return labels
    out = list(labels)
    for i in tail:
        out[i] = chrome(blocks[i])
    return out
