"""After the body's box: kept blocks that follow the element holding an article's prose.

On a page that declares an article, the body is the element that holds its paragraphs: the
innermost element (a CSS path, ``Block.locator``) holding at least
``Options.after_body_share`` of the words of the kept prose paragraphs, each of at least
``Options.after_body_prose_words`` words and probability ``Options.after_body_prose_probability``
(the paragraphs the model is sure of; together at least ``Options.after_body_min_words``
words). What the decision still keeps after that element ends is the page below the
article: its references and footnotes, an "about the company" blurb, a call to action,
a guide's "Meet your guide", a list of other programmes. Such blocks are dropped and take
the label their own evidence names, except an ``<h1>`` and a block inside the main region
whose probability reaches ``Options.after_body_keep_probability`` (a second part of the
article set in a box of its own, which the model is sure of). A page where the blocks to
drop hold more than ``Options.after_body_max_ratio`` times the words kept inside the body
is left alone: there the text after the box is as much the page as the box is (a gallery's
slides, a listing declaring an article).

The rules before this one (the tail, the closing box, detached boxes, teaser rails, titled
boxes, trailing boxes) each name one kind of box after the body by its shape; this one
needs no shape, only the body's own element.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._model import Block, Label, Role, page_tuple
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_PARAGRAPH: Final = Role.PARAGRAPH
_HEADING: Final = Role.HEADING


def inside(locator: str, box: str) -> bool:
    """Whether the element at ``locator`` is the element at ``box`` or inside it."""
    return locator.startswith(box) and (len(locator) == len(box) or locator[len(box)] == ">")


def body_box(
    blocks: Sequence[Block], labels: Sequence[Label], probabilities: Sequence[float], options: Options
) -> str:
    """The CSS path of the innermost element holding ``Options.after_body_share`` of the
    words of the kept prose paragraphs the model is sure of, or "" (too few such words)."""
    held: dict[str, int] = {}  # an ancestor's path -> the sure paragraphs' words inside it
    total = 0
    for b, label, p in zip(blocks, labels, probabilities):
        words = b.features.words
        if (
            label is not _CONTENT
            or b.role is not _PARAGRAPH
            or words < options.after_body_prose_words
            or p < options.after_body_prose_probability
        ):
            continue
        total += words
        locator = b.locator
        cut = locator.find(">")
        while cut >= 0:  # every ancestor, outermost first (the paragraph's own element aside)
            path = locator[:cut]
            held[path] = held.get(path, 0) + words
            cut = locator.find(">", cut + 1)
    if not total or total < options.after_body_min_words:
        return ""
    need = options.after_body_share * total
    best = ""
    depth = -1
    for path, words in held.items():
        if words >= need and path.count(">") > depth:
            best, depth = path, path.count(">")
    return best


def without_after_body(
    blocks: Sequence[Block],
    labels: list[Label],
    probabilities: Sequence[float],
    options: Options,
    dropped: Callable[[Block], Label],
) -> list[Label]:
    """``labels`` with the kept blocks after the body's element (:func:`body_box`) given
    ``dropped(block)``, an ``<h1>`` and the main region's sure blocks aside, unless they
    hold more than ``Options.after_body_max_ratio`` times the words kept inside it (0 turns
    the rule off)."""
    ratio = options.after_body_max_ratio
    if not ratio:
        return labels
    page = page_tuple(blocks)
    box = body_box(page, labels, probabilities, options)
    if not box:
        return labels
    last = -1  # the body's last block
    body_words = 0  # the words kept inside it
    for i, b in enumerate(page):
        if inside(b.locator, box):
            last = i
            if labels[i] is _CONTENT:
                body_words += b.features.words
    after: list[int] = []
    after_words = 0
    keep = options.after_body_keep_probability
    for i in range(last + 1, len(page)):
        b = page[i]
        if labels[i] is not _CONTENT or (b.role is _HEADING and b.heading_level == 1):
            continue
        if b.features.in_main_region and probabilities[i] >= keep:
            continue
        after.append(i)
        after_words += b.features.words
    if not after or after_words > ratio * body_words:
        return labels
    out = list(labels)
    for i in after:
        out[i] = dropped(page[i])
    return out
