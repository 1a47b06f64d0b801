"""Prose under a kept section heading, on pages declared multi-section.

A service or company page (declared "website" or another multi-section type) is made
of sections: a heading, then a few paragraphs (what the service does, who it is for, how
to reach the office). Each block is scored on its own, and outside the main region a
section's paragraphs score low on region and position while its heading is kept: the
section is then kept without its text. Here, on such pages, a dropped paragraph or list
item of plain prose under a kept heading of level 2 or lower (a section's heading, not the
page's headline) is kept too, unless a chrome name, phrase or phrase box claims it, a hard
rule drops it, or it repeats text already kept (a second rendering).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._copied_boxes import first_kept, is_kept_text
from ._model import Block, Label, Role, page_tuple
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_HEADING: Final = Role.HEADING

_PROSE_ROLES = frozenset({Role.PARAGRAPH, Role.LIST_ITEM})
_MIN_LEVEL = 2  # an <h1> heads the page, not a section: its deck and byline stay dropped


def with_section_prose(
    blocks: Sequence[Block],
    labels: list[Label],
    probabilities: Sequence[float],
    options: Options,
    kept_label: Callable[[Block], Label],
    *,
    hashes: list[int],
) -> list[Label]:
    """``labels`` with the dropped prose under kept section headings kept: blocks of
    at least ``Options.section_prose_min_words`` words (0: never), link density under
    ``Options.section_prose_max_link_density``, stopword density at least
    ``Options.section_prose_min_stopwords`` (prose, not a font probe's filler) and probability at least
    ``Options.section_prose_floor``, that ``kept_label`` (the hard rules) keeps as CONTENT.
    For pages declared multi-section. ``hashes`` are the blocks'
    :func:`~._copied_boxes.copy_hashes`."""
    page = page_tuple(blocks)
    min_words = options.section_prose_min_words
    if not min_words:
        return labels
    seen: dict[int, list[int]] | None = None  # the kept texts, made once a block gets that far
    out = list(labels)
    in_section = False
    for i, b in enumerate(page):
        if b.role is _HEADING:
            in_section = labels[i] is _CONTENT and b.heading_level >= _MIN_LEVEL
            continue
        f = b.features
        if (
            in_section
            and labels[i] is not _CONTENT
            and b.role in _PROSE_ROLES
            and f.words >= min_words
            and f.link_density < options.section_prose_max_link_density
            and f.stopword_density >= options.section_prose_min_stopwords
            and probabilities[i] >= options.section_prose_floor
            and not (f.container or f.phrase or f.phrase_container)
            and kept_label(b) is _CONTENT
        ):
            if seen is None:
                seen = first_kept(blocks, labels, hashes)
            if not is_kept_text(blocks, labels, hashes, seen, i):
                out[i] = _CONTENT
    return out
