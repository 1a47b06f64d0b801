"""Label stage: the smoothed probabilities to one label per block (the decision and its
rules); the probabilities come from _probability."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ._after_body import without_after_body
from ._block_labels import label_of, labels_of, page_rules
from ._body_links import without_body_links
from ._captions import without_captions
from ._card_groups import with_card_groups
from ._card_slots import MIN_CARD_PAGE_BLOCKS, card_members, card_tree, holds_cards, with_card_slots
from ._child_cards import with_child_cards
from ._closing_appeals import without_closing_appeals
from ._closing_box import without_closing_box
from ._controls import without_controls
from ._copied_boxes import copy_hashes, shared_sigs, without_copied_boxes, without_copies
from ._cut import predicted_threshold
from ._datelines import with_datelines
from ._detached import without_detached_boxes, without_detached_product_boxes
from ._dumps import without_dumps
from ._float_sum import float_sum
from ._form_labels import without_form_labels
from ._model import Block, Label, Role, label_list, page_tuple
from ._options import Options
from ._page_frame import locator_marks, without_page_frame
from ._page_type import ARTICLE as _ARTICLE_TYPE
from ._page_type import PRODUCT as _PRODUCT_TYPE
from ._page_type import SECTIONED as _SECTIONED_TYPE
from ._page_type import THREAD as _THREAD_TYPE
from ._probability import Scores
from ._product_cards import within_title_box, without_product_cards
from ._score_table import ScoreRow, ScoreTable
from ._sections import with_section_prose
from ._stray_text import without_stray_text
from ._table_rows import with_table_rows
from ._tail import is_prose, without_tail
from ._teaser_cards import without_teaser_cards
from ._thread_chrome import without_chrome_boxes, without_short_lines, without_thread_headings
from ._titled_boxes import without_titled_boxes
from ._trailing_boxes import without_trailing_boxes

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_PARAGRAPH: Final = Role.PARAGRAPH
_HEADING: Final = Role.HEADING
# The page types, read as this module's own constants (the compiled build looked each
# imported name up in the module's dict: 21 look-ups a page, about 3,000 instructions).
ARTICLE: Final = _ARTICLE_TYPE
PRODUCT: Final = _PRODUCT_TYPE
SECTIONED: Final = _SECTIONED_TYPE
THREAD: Final = _THREAD_TYPE


def label(
    blocks: Sequence[Block],
    probabilities: Sequence[float],
    scores: Scores,
    options: Options,
    *,
    declared: str = "",
    address: str = "",
) -> tuple[Block, ...]:
    """The final blocks: CONTENT when the decision keeps them unless a hard rule says
    otherwise; for chrome, the kind the evidence names. ``declared`` is the page type the
    page's markup declares (see _page_type); ``address`` the page's own URL (its canonical
    URL, else ``extract(url=...)``; "" when unknown)."""
    labels = decide(blocks, probabilities, options, declared=declared, address=address)
    return relabel(list(blocks), labels, probabilities, scores.table)


def decide(  # noqa: PLR0915 - the decision's steps in order, a statement or two each
    blocks: Sequence[Block],
    probabilities: Sequence[float],
    options: Options,
    *,
    declared: str = "",
    address: str = "",
) -> list[Label]:
    """Each block's label (see :func:`label`)."""
    sectioned = declared in (SECTIONED, THREAD) and options.sectioned_decision
    decision = options.sectioned_decision if sectioned else options.decision
    kept = _decide(blocks, probabilities, options, decision)
    rules = page_rules(declared, options)  # the page's hard rules, once a page
    chrome = lambda b: label_of(b, False, options, rules)  # noqa: E731 -- the label of a dropped block
    kept_label = lambda b: label_of(b, True, options, rules)  # noqa: E731 -- the hard rules' verdict
    if declared == THREAD:
        kept = _with_posts(blocks, kept, options)
    labels = labels_of(blocks, kept, options, rules)
    # The hashes of the kept blocks' texts as the copy rules compare them, made once for
    # every rule below (the texts themselves are made again where two hashes match).
    shared = shared_sigs(blocks, labels)  # which copy_sig buckets two kept blocks hold: for both
    hashes = copy_hashes(blocks, labels, shared)
    labels = without_copies(blocks, labels, options, chrome, hashes, shared=shared)
    del shared
    if declared != SECTIONED:
        # A thread's last post ends in prose too, and the lines after it ("Post reply",
        # "Insert quotes…", "Similar threads") are its tail (wcxb forum: 10 pages up, 1 down).
        labels = without_tail(blocks, labels, options, chrome)
    if declared == PRODUCT:
        labels = without_product_cards(blocks, labels, options, chrome)
    if declared != THREAD:
        labels = within_title_box(blocks, labels, options, chrome)
    # The card structure, found once for the slots and the groups (most of their cost). An
    # article's repeated boxes are related-story rails; the rules above drop their lines on
    # purpose (trafilatura-eval -0.0015 with the slots on articles, -0.0011 off). On a page
    # where no block is in a card (too few blocks for one, or none found), the card rules
    # change no label and are not asked.
    locators = [b.locator for b in page_tuple(blocks)]
    tree = card_tree(locators) if declared != ARTICLE and len(locators) >= MIN_CARD_PAGE_BLOCKS else None
    if tree is not None and not holds_cards(tree):
        tree = None
    if tree is not None:
        labels = with_card_slots(blocks, labels, options, tree, locators)
    if declared == SECTIONED:
        labels = with_section_prose(blocks, labels, probabilities, options, kept_label, hashes=hashes)
    if tree is not None and declared in ("", SECTIONED):
        members = card_members(locators, tree)  # one grouping for both rules
        # A listing's or a grid's many cards, mostly kept, are one unit (_card_groups).
        labels = with_card_groups(blocks, members, labels, probabilities, options, hashes=hashes)
        # ... and so are the cards that link below the page's own address (_child_cards).
        labels = with_child_cards(blocks, members, labels, probabilities, options, address=address)
        del members
    if declared:
        # A data table partly kept keeps its other rows (_table_rows).
        labels = with_table_rows(blocks, labels, probabilities, options, kept_label, hashes=hashes)
    # The card structure holds a tuple per block: freed before the rules below allocate (the
    # 50 MB page peaked 21 MB higher, 505 MB against 484, with it alive to the end).
    del tree
    # After the rules that keep cards' lines: a grid's buttons and switches are not its text.
    labels = without_controls(blocks, labels, options, chrome)
    # ... nor a long block repeating its own words: a log, a text pasted many times (_dumps).
    labels = without_dumps(blocks, labels, options, chrome)
    # Near last: no rule above keeps a block of the page's footer or navigation, nor a second
    # copy of a box; then the closing box looks at the last block still kept. Whether each
    # kept block is in the frame or a tooltip, read once for both rules (the rules between
    # them only drop blocks).
    marks = locator_marks(locators, labels)
    del locators
    labels = without_page_frame(blocks, labels, options, chrome, marks)
    labels = without_copied_boxes(blocks, labels, options, chrome, hashes)
    labels = without_stray_text(blocks, labels, options, chrome, marks)
    if declared not in (SECTIONED, THREAD):
        labels = without_closing_box(blocks, labels, options, chrome)
    if declared == ARTICLE:
        labels = without_detached_boxes(blocks, labels, options, chrome)
    elif declared == PRODUCT:
        labels = without_detached_product_boxes(blocks, labels, options, chrome)
    if declared in (ARTICLE, ""):
        # Rails of other stories' cards (a linked title over its teaser) after the body.
        labels = without_teaser_cards(blocks, labels, options, chrome)
    # A blog's own widgets after the body, named by their heading ("About Me", "Recent Posts").
    labels = without_titled_boxes(blocks, labels, options, chrome, declared)
    if declared in (ARTICLE, SECTIONED):
        # A short line that is all link, inside the body's prose: a button or a link away.
        labels = without_body_links(blocks, labels, options, chrome)
    if declared not in (THREAD, PRODUCT):
        # A small form's field labels ("Name", "Website", "Submit"). Some forum software
        # writes each post inside a form, and a product's cart form holds its options.
        labels = without_form_labels(blocks, labels, options, chrome)
    if declared == THREAD:
        # A post's header, signature and link previews, in boxes named as chrome (_thread_chrome).
        labels = without_chrome_boxes(blocks, labels, options, chrome)
        # ... and its headings: the thread's title and the posts' subject lines (_thread_chrome).
        labels = without_thread_headings(blocks, labels, options, chrome)
        # ... and the short lines it doubts: a post's "X said:", "Reply 16" (_thread_chrome).
        labels = without_short_lines(blocks, labels, probabilities, options, chrome)
    # An appeal (a promo phrase) that closes the kept text, however long (_closing_appeals).
    labels = without_closing_appeals(blocks, labels, options, chrome)
    if declared == ARTICLE:
        # An article's photo and video captions, numbered figures aside (_captions).
        labels = without_captions(blocks, labels, options, chrome)
    # On a page that declares no type, the dateline between the kept headline and the body.
    labels = with_datelines(blocks, labels, options, declared)
    # Comments and fine print after the body (_trailing_boxes).
    labels = without_trailing_boxes(blocks, labels, options, chrome, declared)
    # Last: on an article or an undeclared page, what is still kept after the element holding
    # its prose (_after_body, which tells the two apart and leaves other types alone).
    return without_after_body(blocks, labels, probabilities, options, chrome, declared=declared)


def relabel(
    blocks: list[Block], labels: Sequence[Label], probabilities: Sequence[float], table: ScoreTable
) -> tuple[Block, ...]:
    """The blocks with their labels, probabilities and rows of ``table``. Each block is
    replaced in ``blocks`` as its labelled copy is made: when the caller holds no other
    reference to it, it is freed at once and the next copy takes its memory (on a big
    page both sets of blocks alive took 0.65 times its size)."""
    # A list and a tuple, as extract() gives them: the compiled build reads their items in
    # place, where it read any Sequence's through generic calls.
    kinds = label_list(labels)
    scores: tuple[float, ...] = probabilities if isinstance(probabilities, tuple) else tuple(probabilities)
    for i in range(len(scores)):
        b, p = blocks[i], scores[i]
        blocks[i] = Block(
            index=b.index,
            text=b.text,
            role=b.role,
            heading_level=b.heading_level,
            locator=b.locator,
            features=b.features,
            label=kinds[i],
            score=p,
            # The block's own index object when it is the row (it is for extract()'s blocks):
            # one int object fewer per block.
            scoring=ScoreRow(table, b.index if b.index == i else i),
            row=b.row,
            markup=b.markup,
        )
    return tuple(blocks)


def _with_posts(blocks: Sequence[Block], kept: list[bool], options: Options) -> list[bool]:
    """On a thread, a block of plain prose (``Options.thread_post_min_words`` words or
    more, link density under ``Options.thread_post_max_link_density``) that no chrome
    name, phrase or phrase box claims, and that comes after the first kept block, is part
    of a post: replies outside the region of the first post score low on region and
    position, yet are the thread's content; prose above the first kept block is the
    forum's own blurb ("X is a forum for fans of...")."""
    page = page_tuple(blocks)
    min_words = options.thread_post_min_words
    if not min_words:
        return kept
    first = next((i for i, k in enumerate(kept) if k), len(kept))
    max_link_density = options.thread_post_max_link_density  # once, not per block
    out = list(kept)
    for i, b in enumerate(page):
        f = b.features
        if (
            i > first
            and not out[i]
            and f.words >= min_words
            and f.link_density < max_link_density
            and not (f.container or f.phrase or f.phrase_container)
        ):
            out[i] = True
    return out


def margin(probabilities: Sequence[float], words: Sequence[int]) -> float:
    """How decided a page is: the word-weighted mean of |p - 0.5| * 2, in [0, 1]."""
    total = sum(w + 1 for w in words)  # integers: exact in any order
    spread = float_sum((w + 1) * abs(p - 0.5) * 2.0 for p, w in zip(probabilities, words))
    return spread / total if total else 0.0


def _decide(
    blocks: Sequence[Block], probabilities: Sequence[float], options: Options, decision: str
) -> list[bool]:
    """Which blocks are kept as content, before the hard rules: the decision's choice,
    with the headings of the sections it keeps (see :func:`_with_headings`)."""
    kept = _with_headings(blocks, probabilities, _choose(blocks, probabilities, options, decision), options)
    return _without_inline_teasers(blocks, kept, options)


def _without_inline_teasers(blocks: Sequence[Block], kept: list[bool], options: Options) -> list[bool]:
    """A kept paragraph that is (nearly) all link, set between two kept paragraphs of
    plain prose, is a teaser for another story placed inside the article ("Also on
    example.com <headline>", "DON'T MISS <headline>"), not part of it."""
    page = page_tuple(blocks)
    out: list[bool] | None = None  # made at the first teaser: ``kept`` itself on most pages
    # The options read once, not per block (Options is not compiled: each read is generic).
    prose_words = options.inline_teaser_prose_words
    prose_link_density = options.inline_teaser_prose_link_density
    link_density, min_words = options.inline_teaser_link_density, options.inline_teaser_min_words
    max_words = options.inline_teaser_max_words
    # Each kept block between two kept ones: the last two kept blocks carried along as the
    # next one is found (no list of the kept blocks' indices, an int object each on a page
    # of more than 256 blocks; no zip of slices, which the compiled build iterated generically).
    before, i = -1, -1
    for after in range(len(kept)):
        if not kept[after]:
            continue
        if before >= 0 and page[i].role is _PARAGRAPH:
            f = page[i].features
            if (
                f.link_density >= link_density
                and min_words <= f.words <= max_words
                and is_prose(page[before], prose_words, prose_link_density)
                and is_prose(page[after], prose_words, prose_link_density)
            ):
                if out is None:
                    out = list(kept)
                out[i] = False
        before, i = i, after
    return kept if out is None else out


def _with_headings(
    blocks: Sequence[Block], probabilities: Sequence[float], kept: list[bool], options: Options
) -> list[bool]:
    """A heading belongs to the section below it: a heading that is not kept but reaches
    ``Options.heading_floor`` is kept when one of the next ``Options.heading_reach``
    blocks is (a headline above its dateline and photo credit). A heading that is itself
    a boilerplate phrase ("You might also like", "Weiterführende Links") heads a box of
    chrome, not a section, and is left to its own probability."""
    page = page_tuple(blocks)
    out: list[bool] | None = None  # made at the first heading kept: ``kept`` itself on most pages
    reach, floor = options.heading_reach, options.heading_floor  # once, not per heading
    for i, block in enumerate(page):
        if (
            not kept[i]
            and block.role is _HEADING
            and not block.features.phrase
            and probabilities[i] >= floor
            and any(kept[i + 1 : i + 1 + reach])
        ):
            if out is None:
                out = list(kept)
            out[i] = True
    return kept if out is None else out


def _choose(
    blocks: Sequence[Block], probabilities: Sequence[float], options: Options, decision: str
) -> list[bool]:
    """Which blocks the decision keeps.

    "threshold": every block whose probability reaches ``Options.threshold``.
    "expected_f1": the blocks, taken in order of probability, that maximise the page's
    expected word F1 under the probabilities (the plug-in rule of Ye et al. 2012,
    "Optimizing F-measures"): 2 E[kept true words] / (kept words + E[true words]), among
    those reaching ``Options.expected_f1_floor``. It keeps more of uncertain pages
    (multi-section ones), where a fixed cut loses whole sections.
    "adaptive": "expected_f1" on pages whose margin is below ``Options.adaptive_margin``
    (the model is unsure of them), "threshold" on the others.
    "predicted": a threshold chosen per page from the shape of its probabilities (_cut).
    With ``Options.never_empty``, a page where the threshold keeps nothing falls back to
    "expected_f1", which keeps its likeliest blocks.
    """
    threshold = options.threshold
    # Tuples, as extract() gives them: the compiled build reads their items in place.
    page = page_tuple(blocks)
    scores: tuple[float, ...] = probabilities if isinstance(probabilities, tuple) else tuple(probabilities)
    if decision == "predicted":
        decision = "threshold"
        threshold = predicted_threshold(scores, [b.features.words for b in page], options.cut_model)
    if decision == "adaptive":
        unsure = margin(scores, [b.features.words for b in page]) < options.adaptive_margin
        decision = "expected_f1" if unsure else "threshold"
    if decision == "threshold":
        kept = [p >= threshold for p in scores]
        if any(kept) or not options.never_empty:
            return kept
    return _expected_f1_choice(blocks, probabilities, options)


def _expected_f1_choice(
    blocks: Sequence[Block], probabilities: Sequence[float], options: Options
) -> list[bool]:
    weights = [b.features.words + 1.0 for b in blocks]
    expected_truth = float_sum(p * w for p, w in zip(probabilities, weights))
    order = sorted(range(len(blocks)), key=lambda i: (-probabilities[i], i))
    best, best_count, true_words, kept_words = -1.0, 0, 0.0, 0.0
    for count, i in enumerate(order, 1):
        true_words += probabilities[i] * weights[i]
        kept_words += weights[i]
        f1 = 2.0 * true_words / (kept_words + expected_truth)
        if f1 > best:
            best, best_count = f1, count
    chosen = set(order[:best_count])
    return [i in chosen and p >= options.expected_f1_floor for i, p in enumerate(probabilities)]
