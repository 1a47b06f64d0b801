"""Links set inside an article's body: short kept lines that are all link.

On a page that declares an article or a multi-section page, the body is the run of kept
blocks that holds the most words (runs are split by dropped blocks with words, see
``_detached.kept_runs``). A kept
paragraph of at most ``Options.body_link_max_words`` words whose link density is at least
``Options.body_link_density``, lying between the body's first and last paragraphs of plain
prose, points elsewhere ("Get the Recipe", "Learn more about Git in Visual Studio", "Go
to website", "Jetzt Petition unterzeichnen!"): a button or a link to another page, not this
page's text. It is dropped and takes the label its own evidence names.
The inline-teaser rule of ``_combine`` drops such a line only when kept prose stands right
before and after it; in a body these lines also come in rows, or beside a heading or a list.
Longer linked paragraphs (an offer link of ten words that a truth keeps), list items and
headings are left alone (related-reading lists and tables of contents, which the truths
keep as often as not).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._detached import kept_runs
from ._model import Block, Label, Role, page_tuple
from ._options import Options
from ._tail import is_prose

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_PARAGRAPH: Final = Role.PARAGRAPH


def _is_body_link(block: Block, max_words: int, density: float) -> bool:
    """``max_words`` and ``density``: the options ``body_link_max_words`` and
    ``body_link_density``, read once a page (Options is not compiled: each read is generic)."""
    f = block.features
    return block.role is _PARAGRAPH and 0 < f.words <= max_words and f.link_density >= density


def without_body_links(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the linked lines inside the body (see the module docstring) given
    ``dropped(block)``; ``Options.body_link_max_words`` 0 turns it off."""
    if not options.body_link_max_words:
        return labels
    # A tuple, as extract() gives it: the compiled build reads its items in place.
    page = page_tuple(blocks)
    runs = kept_runs(page, labels)
    if not runs:
        return labels
    words = [sum(page[i].features.words for i in run) for run in runs]
    body = runs[words.index(max(words))]  # the first of equals
    prose_words, prose_density = options.tail_prose_words, options.tail_prose_link_density
    prose = [i for i in body if is_prose(page[i], prose_words, prose_density)]
    if len(prose) < 2:
        return labels
    max_words, density = options.body_link_max_words, options.body_link_density
    out = list(labels)
    for i in body:
        if prose[0] < i < prose[-1] and _is_body_link(page[i], max_words, density):
            out[i] = dropped(page[i])
    return out
