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

A page that declares no type gets the same rule, stricter (``Options.after_body_bare_*``):
more sure words, a smaller ratio, a body mostly inside the main region (or an element named
like content), and two kinds of block left alone after it: list items (the reader comments
some news truths keep, printed as a list) and a ``<section>`` that is the body's sibling
(the next part of a document split into sections, each the body of its own).

A page that declares several sections (``sectioned``) or a product gets it too, with its
own limits (``Options.after_body_sectioned_*``, ``Options.after_body_product_*``: more sure
words on a multi-section page, a larger ratio on a product's), and one more: the page is left
alone when the words kept before the body's element are more than
``Options.after_body_sectioned_before_ratio`` (``..._product_before_ratio``) times the words kept
inside it. There the sure prose is one part of the page among others (a service page's FAQ
section after its other sections, a category page's buying guide under its grid of products),
and what follows it is as much the page as what precedes it. After a product's body, a data
table's rows stay (its specifications), and so do the body's element's siblings (its other
details panels: features, specifications).

The rules before this one (the tail, the closing box, detached boxes, teaser rails, titled
boxes, trailing boxes) each name one kind of box after the body by its shape; this one
needs no shape, only the body's own element.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, NamedTuple

from ._model import TABLE_ROLES, Block, Label, Role, page_tuple
from ._options import Options
from ._page_frame import tag_of
from ._page_type import ARTICLE, PRODUCT, SECTIONED

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_PARAGRAPH: Final = Role.PARAGRAPH
_HEADING: Final = Role.HEADING

# On a page that declares no type, what after the body's element is left alone (rules as
# data): these roles, and blocks inside a sibling of the body's element of these tags.
BARE_KEPT_ROLES: Final = frozenset({Role.LIST_ITEM})
# On a declared product, what after the body's element is left alone: a data table's rows
# and cells (its specifications: the sets' truths split on them, 2 pages up and 2 down on 4
# sites, product +0.0004), and any sibling of the body's element (the product's details
# panels, "Features" and "Specifications" beside its "Description": tests/fixtures/
# product_page; the sets' truths leave such siblings out on 3 sites and keep them on 1,
# product -0.0013).
PRODUCT_KEPT_ROLES: Final = TABLE_ROLES
BARE_SIBLING_TAGS: Final = frozenset({"section"})


class Guards(NamedTuple):
    """What the rule leaves alone on a page of one declared type."""

    kept_roles: frozenset[Role]  # blocks after the body of these roles
    sibling_tags: frozenset[str] | None  # blocks in a sibling of the body of these tags (None: any)
    main_share: bool  # the page, unless Options.after_body_bare_main_share of the body is main


# The guards by declared type (rules as data); a type not named here has none.
GUARDS: Final[dict[str, Guards]] = {
    "": Guards(BARE_KEPT_ROLES, BARE_SIBLING_TAGS, main_share=True),
    PRODUCT: Guards(PRODUCT_KEPT_ROLES, None, main_share=False),
}
_NO_GUARDS: Final = Guards(frozenset(), frozenset(), main_share=False)


def sibling_prefix(box: str) -> tuple[str, str]:
    """The path of the parent of the element at ``box`` (with its ">") and the element's tag,
    or ("", "") for an element at the top."""
    cut = box.rfind(">")
    if cut < 0:
        return "", ""
    return box[: cut + 1], tag_of(box[cut + 1 :])


def in_sibling(locator: str, parent: str, tag: str) -> bool:
    """Whether ``locator`` is inside a child of ``parent`` whose tag is ``tag``."""
    if not parent or not locator.startswith(parent):
        return False
    step = locator[len(parent) :]
    cut = step.find(">")
    return tag_of(step if cut < 0 else step[:cut]) == tag


def inside(locator: str, box: str) -> bool:
    """Whether the element at ``locator`` is the element at ``box`` or inside it."""
    return locator.startswith(box) and (len(locator) == len(box) or locator[len(box)] == ">")


def body_box(
    blocks: Sequence[Block],
    labels: Sequence[Label],
    probabilities: Sequence[float],
    options: Options,
    min_words: int | None = None,
) -> str:
    """The CSS path of the innermost element holding ``Options.after_body_share`` of the
    words of the kept prose paragraphs the model is sure of, or "" (fewer such words than
    ``min_words``, by default ``Options.after_body_min_words``)."""
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
    if min_words is None:
        min_words = options.after_body_min_words
    if not total or total < min_words:
        return ""
    need = options.after_body_share * total
    best = ""
    depth = -1
    for path, words in held.items():
        if words >= need:
            steps = path.count(">")
            if steps > depth:
                best, depth = path, steps
    return best


class Limits(NamedTuple):
    """What the rule asks of a page of one declared type."""

    min_words: int  # the sure prose words a body's element needs
    max_ratio: float  # the largest ratio of the words to drop to the body's (0: off)
    before_ratio: float | None  # the largest ratio of the kept words before it (None: any)


def limits(declared: str, options: Options) -> Limits:
    """The rule's limits on a page that declares ``declared`` ("" for none); other declared
    types (threads): off."""
    if declared == ARTICLE:
        return Limits(options.after_body_min_words, options.after_body_max_ratio, None)
    if not declared:
        return Limits(options.after_body_bare_min_words, options.after_body_bare_max_ratio, None)
    if declared == SECTIONED:
        return Limits(
            options.after_body_sectioned_min_words,
            options.after_body_sectioned_max_ratio,
            options.after_body_sectioned_before_ratio,
        )
    if declared == PRODUCT:
        return Limits(
            options.after_body_min_words,
            options.after_body_product_max_ratio,
            options.after_body_product_before_ratio,
        )
    return Limits(0, 0.0, None)


def without_after_body(
    blocks: Sequence[Block],
    labels: list[Label],
    probabilities: Sequence[float],
    options: Options,
    dropped: Callable[[Block], Label],
    *,
    declared: str = ARTICLE,
) -> list[Label]:
    """``labels`` with the kept blocks after the body's element (:func:`body_box`) given
    ``dropped(block)``, an ``<h1>`` and the main region's sure blocks aside, unless they
    hold more than ``Options.after_body_max_ratio`` times the words kept inside it (0 turns
    the rule off); on a page that declares no type (``declared`` ""), with the
    ``Options.after_body_bare_*`` limits and guards; on a multi-section page or a product,
    with their own limits (:func:`limits`). Threads: unchanged."""
    min_words, ratio, before_ratio = limits(declared, options)
    if not ratio:
        return labels
    page = page_tuple(blocks)
    box = body_box(page, labels, probabilities, options, min_words)
    if not box:
        return labels
    last = -1  # the body's last block
    body_words = 0  # the words kept inside it
    main_words = 0  # ... of which in the main region or an element named like content
    before_words = 0  # the words kept before its first block
    for i, b in enumerate(page):
        if inside(b.locator, box):
            last = i
            if labels[i] is _CONTENT:
                f = b.features
                body_words += f.words
                if f.in_main_region or f.content_hint:
                    main_words += f.words
        elif last < 0 and labels[i] is _CONTENT:
            before_words += b.features.words
    if before_ratio is not None and before_words > before_ratio * body_words:
        return labels
    guards = GUARDS.get(declared, _NO_GUARDS)
    if guards.main_share and main_words < options.after_body_bare_main_share * body_words:
        return labels
    # Blocks in a sibling of the body's element of this tag stay (parent "": none).
    parent, tag = sibling_prefix(box)
    if guards.sibling_tags is not None and tag not in guards.sibling_tags:
        parent = ""
    after: list[int] = []
    after_words = 0
    keep = options.after_body_keep_probability
    for i in range(last + 1, len(page)):
        b = page[i]
        if labels[i] is not _CONTENT or (b.role is _HEADING and b.heading_level == 1):
            continue
        if b.features.in_main_region and probabilities[i] >= keep:
            continue
        if b.role in guards.kept_roles or in_sibling(b.locator, parent, tag):
            continue
        after.append(i)
        after_words += b.features.words
    if not after or after_words > ratio * body_words:
        return labels
    out = list(labels)
    for i in after:
        out[i] = dropped(page[i])
    return out
