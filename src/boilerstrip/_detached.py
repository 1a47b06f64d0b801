"""Detached boxes: short kept runs after an article's body, set apart from it by dropped text.

On a page that declares an article, the kept blocks fall into runs: blocks kept one after
the other, with no dropped block of text between them. The run holding the most words is
the body. A run after it that holds no paragraph of plain prose is a box of its own below
the article when it is short (at most ``Options.detached_max_words`` words) and lies wholly
outside the main region (a newsletter or download appeal, a site's disclaimer, a comment
form's fields), or when it is mostly links (link density at least
``Options.detached_link_density``, in the region or not: a list of related stories). When
the body has at most ``Options.detached_max_runs`` runs after it, those that are such boxes
are dropped and take the label their own evidence names. More runs than that are a
listing's cards or a multi-section page declaring an article (wcxb listing pages lost their
cards), and a longer run in the region, or one holding prose, is more often a closing
section the truths keep.

On a page that declares a product, the same boxes follow the product's box (delivery and
pickup choices, "Recently viewed", a brand's blurb), but a run that names the product's
facts is its own: a run holding an ``<h1>`` (the product's title, set apart by a dropped
price or picker) or a line of "label: value" ("Size:", "Material: cotton", a
specification list's terms) is never dropped here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

import regex

from ._float_sum import float_sum
from ._model import Block, Label, Role, label_list, page_tuple
from ._options import Options
from ._tail import is_prose

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT

# A line that starts with a short label and a colon: "Size:", "Fit: Regular", "One size:".
_FACT_LINE = regex.compile(r"[^:\n]{1,30}:(?:\s|$)")


def kept_runs(blocks: Sequence[Block], labels: Sequence[Label]) -> list[list[int]]:
    """The indices of the CONTENT blocks, in runs that no dropped block with words divides."""
    runs: list[list[int]] = []
    gap = True  # a dropped block with words since the last CONTENT block
    # A tuple and a list, as the decision gives them: read in place by the compiled build.
    page = page_tuple(blocks)
    kinds = label_list(labels)
    for i, (b, kind) in enumerate(zip(page, kinds)):
        if kind is _CONTENT:
            if gap or not runs:
                runs.append([])
            runs[-1].append(i)
            gap = False
        elif b.features.words:
            gap = True
    return runs


def _is_detached_box(blocks: Sequence[Block], run: list[int], options: Options) -> bool:
    if any(is_prose(blocks[i], options.tail_prose_words, options.tail_prose_link_density) for i in run):
        return False
    words = sum(blocks[i].features.words for i in run)
    if words <= options.detached_max_words and not any(blocks[i].features.in_main_region for i in run):
        return True
    linked = float_sum(blocks[i].features.link_density * blocks[i].features.words for i in run)
    return linked >= options.detached_link_density * words > 0


def _names_facts(blocks: Sequence[Block], run: list[int]) -> bool:
    """The run holds an ``<h1>`` or a "label: value" line (a product's own facts)."""
    for i in run:
        b = blocks[i]
        if (b.role is Role.HEADING and b.heading_level == 1) or _FACT_LINE.match(b.text.strip()):
            return True
    return False


def without_detached_product_boxes(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """:func:`without_detached_boxes` on a declared product page, sparing the runs that name
    the product's facts (see the module docstring); ``Options.detached_products`` False
    turns it off."""
    if not options.detached_products:
        return labels
    return without_detached_boxes(blocks, labels, options, dropped, spare=_names_facts)


def _never(blocks: Sequence[Block], run: list[int]) -> bool:
    return False


def without_detached_boxes(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    dropped: Callable[[Block], Label],
    spare: Callable[[Sequence[Block], list[int]], bool] = _never,
) -> list[Label]:
    """``labels`` with the detached boxes after the body (see the module docstring) given
    ``dropped(block)``, but for the runs ``spare`` accepts; ``Options.detached_max_words``
    0 turns it off."""
    if not options.detached_max_words:
        return labels
    runs = kept_runs(blocks, labels)
    if len(runs) < 2:
        return labels
    words = [sum(blocks[i].features.words for i in run) for run in runs]
    body = words.index(max(words))  # the first of equals
    after = runs[body + 1 :]
    if not after or len(after) > options.detached_max_runs:
        return labels
    out = list(labels)
    for run in after:
        if _is_detached_box(blocks, run, options) and not spare(blocks, run):
            for i in run:
                out[i] = dropped(blocks[i])
    return out
