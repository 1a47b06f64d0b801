"""Features stage: the measurements of every block, each computed once.

Element-level facts (which chrome an enclosing element names, which region it is in,
its composite text density: _element_facts, _region) are computed in one forward pass over
the elements and read by the blocks they own.
"""

from __future__ import annotations

import math
from typing import Final, NamedTuple

from . import _model
from ._compiled import is_extension
from ._element_facts import (
    COMMENTS,
    Container,
    composite_density,
    enclosing_containers,
    is_thread,
    not_comments,
    phrase_boxes,
)
from ._errors import check_deadline
from ._model import Block, Features, Label, Role, new_tuple
from ._name_verdicts import NameVerdicts
from ._options import Options
from ._page_type import ARTICLE, PRODUCT, THREAD
from ._region import above_roots, in_overlay, inside_roots, points_of, region_roots
from ._repeats import Group, repeated_groups
from ._segmented import BlockColumns, Segmented
from ._token_stats import CHUNK_BLOCKS, token_stats

# Final: the compiled build reads each from a C static or inlines it (a plain global is a
# look-up in the module's dict at each use).
_CJK_CHARS_PER_WORD: Final = 3
_SENTENCE_END: Final = frozenset(".!?:;\"'”’»)…。！？；")


def _word_count(n_tokens: int, n_cjk: int) -> int:
    """Words of a block, where CJK characters (one token each) count a third of a word,
    so that lengths and densities of CJK blocks compare with spaced scripts' (a line of
    80 columns holds ~13 English words or ~40 Chinese characters)."""
    return n_tokens - n_cjk + (n_cjk + _CJK_CHARS_PER_WORD - 1) // _CJK_CHARS_PER_WORD


class Columns(NamedTuple):
    """What :func:`features_of` needs to make each block's :class:`Features`, one entry a
    block: the page's elements are read no more once these are made."""

    words: list[int]
    chars: list[int]
    link_density: list[float]
    columns: list[int]  # of the block's text wrapped, CJK characters two wide
    counts: list[int]  # tokens
    stops: list[int]  # stopword tokens
    cetd: list[float]
    depth: list[int]
    inside: list[bool]
    containers: list[Container]
    phrases: list[str]
    boxes: list[str]
    ends: list[bool]
    title_match: list[bool]
    groups: list[Group]


def compute_features(
    seg: Segmented,
    page_title: str,
    declared_language: str,
    options: Options,
    *,
    declared_type: str = "",
    deadline: float | None = None,
    chunk: int = CHUNK_BLOCKS,
) -> tuple[tuple[Features, ...], str]:
    """Features of every block of ``seg``, and the language they were measured in.
    ``declared_type`` is the page type its markup declares (_page_type). Past ``deadline``
    (a time.monotonic() value) it raises ExtractionTimeoutError."""
    columns, language = feature_columns(
        seg,
        page_title,
        declared_language,
        options,
        declared_type=declared_type,
        deadline=deadline,
        chunk=chunk,
    )
    return features_of(columns, options), language


def feature_columns(
    seg: Segmented,
    page_title: str,
    declared_language: str,
    options: Options,
    *,
    declared_type: str = "",
    deadline: float | None = None,
    chunk: int = CHUNK_BLOCKS,
) -> tuple[Columns, str]:
    """The first part of :func:`compute_features`: what it measures of the elements, per
    block, so that a caller can release the elements (about 0.8 times a big page) before
    the Features are made."""
    elements, blocks = seg.elements, seg.columns
    texts, owners = blocks.texts, blocks.owners  # (read, never changed)
    counted = token_stats(
        texts,
        page_title,
        declared_language,
        language=options.language or "",
        scan_words=options.phrase_scan_words,
        scan_chars=options.phrase_scan_chars,
        whole_max_chars=options.whole_phrase_max_chars,
        chunk=chunk,
    )
    check_deadline(deadline)
    language, cjk, phrases = counted.language, counted.cjk, counted.phrases
    words = [_word_count(n, k) for n, k in zip(counted.counts, cjk)]
    chars = [len(text) for text in texts]
    link_density = [min(n / c, 1.0) if c else 0.0 for n, c in zip(blocks.link_chars, chars)]
    names = NameVerdicts()  # what the page's class/id strings name, matched once per page
    overlay = in_overlay(elements, reviews=declared_type == PRODUCT, names=names)
    points = points_of(texts, words, link_density, [overlay[o] for o in owners], options)
    roots = region_roots(elements, owners, points, options)
    check_deadline(deadline)
    # Names and phrase boxes are trusted everywhere but above the best region's root;
    # further regions must not be named chrome (a dense donation appeal is no region).
    above = above_roots(elements, roots[:1])
    containers = enclosing_containers(elements, above, names)
    # A page that declares a discussion is a thread; one that declares itself an article or
    # a product is not, however long its comments or customer reviews.
    thread = declared_type == THREAD or (
        declared_type not in (ARTICLE, PRODUCT) and is_thread(containers, owners, points, options)
    )
    if thread:
        containers = _without_comments(containers)
    in_comments = [c.kind == COMMENTS for c in containers]
    # Headings that are no phrase (cards' titles), for the metadata boxes' feed test: read
    # only on pages with a metadata phrase.
    heading = Role.HEADING
    titles = (
        [role is heading and p is None for role, p in zip(blocks.roles, phrases)]
        if options.phrase_box_feed_titles and Label.METADATA in phrases
        else []
    )
    boxes = phrase_boxes(
        elements,
        owners,
        phrases,
        words,
        titles=titles,
        above_region=above,
        in_comments=in_comments,
        options=options,
    )
    check_deadline(deadline)
    if thread:
        boxes = ["" if box == COMMENTS else box for box in boxes]
    roots = roots[:1] + tuple(r for r in roots[1:] if not containers[r].kind and not boxes[r])
    inside = inside_roots(elements, roots)
    cetd = composite_density(elements, owners)
    groups = repeated_groups(elements, options.repeat_min_siblings)
    check_deadline(deadline)
    columns = [c + k for c, k in zip(chars, cjk)]  # CJK characters are two columns wide
    del points, in_comments, above, roots
    return (
        new_tuple(  # Columns(...) without its Python __new__: every field, in order
            Columns,
            (
                words,
                chars,
                link_density,
                columns,
                counted.counts,
                counted.stops,
                cetd,
                [elements[o].depth for o in owners],
                [inside[o] for o in owners],
                [containers[o] for o in owners],
                # (_value_: what the enum property .value returns, without its Python call)
                [phrase._value_ if phrase is not None else "" for phrase in phrases],
                [boxes[o] for o in owners],
                [text[-1] in _SENTENCE_END for text in texts],
                counted.title_match,
                [groups[o] for o in owners],
            ),
        ),
        language,
    )


def _without_comments(containers: list[Container]) -> list[Container]:
    """:func:`not_comments` of each container, a copy made once per (content hint, in scope),
    all that a copy keeps: making a Container in the compiled build runs the dataclass's
    ``__init__`` in Python (about 3,000 instructions), and a thread page's comments are
    hundreds of elements."""
    copies: dict[tuple[bool, bool], Container] = {}
    out: list[Container] = []
    for c in containers:
        if c.kind != COMMENTS:
            out.append(c)
            continue
        key = (c.content_hint, c.in_scope)
        copy = copies.get(key)
        if copy is None:
            copy = copies[key] = not_comments(c)
        out.append(copy)
    return out


def _shared(known: dict[float, float], x: float) -> float:
    """``x``, or the float object of the same bits met before (zeros keep their sign: -0.0
    equals 0.0 as a key; a NaN matches no key and stays itself)."""
    if x == 0.0:
        return _NEGATIVE_ZERO if math.copysign(1.0, x) < 0 else _ZERO
    if len(known) < _MAX_SHARED:
        return known.setdefault(x, x)
    return known.get(x, x)


_ZERO, _NEGATIVE_ZERO = 0.0, -0.0  # not Final: the objects are shared, not only their values
# Distinct values remembered per page: repeated values are met early; a page of all
# distinct densities (long prose) would otherwise fill a dict as big as its floats.
_MAX_SHARED: Final = 4096
# Whether a Features holds its floats as objects, which equal values can share: in the
# Python source. The compiled build's Features (a native class) holds each as a C double,
# so there :func:`_shared` kept nothing and cost 8.7 M instructions on the profile's 20
# pages (a dict's setdefault with two floats boxed, a block and field); it is not called.
_SHARE_FLOATS: Final = not is_extension(_model)


def features_of(c: Columns, options: Options) -> tuple[Features, ...]:
    """The second part of :func:`compute_features`: each block's Features."""
    last = max(len(c.words) - 1, 1)
    width = options.wrap_width
    features = []
    # Equal densities share one float object (in the Python source: _SHARE_FLOATS): most
    # blocks' densities take a few values (0 and 1, short lines' words per line, repeated
    # boxes), and a float a field and block took 0.6 times a big page's size.
    known: dict[float, float] = {}
    count = len(c.words)
    if any(len(column) != count for column in c):  # (zip's strict=True did this)
        raise ValueError("features_of(): the columns differ in length")
    # Each column read as its own typed list (not a zip of them all: the compiled build read
    # a zip's items as objects, each field and division a generic call).
    words, chars, densities, columns, counts = c.words, c.chars, c.link_density, c.columns, c.counts
    stops, cetd, depth, inside, containers = c.stops, c.cetd, c.depth, c.inside, c.containers
    phrases, boxes, ends, titles, groups = c.phrases, c.boxes, c.ends, c.title_match, c.groups
    share = _SHARE_FLOATS
    for i in range(count):
        w, cols, n, kind, group = words[i], columns[i], counts[i], containers[i], groups[i]
        link, text, stop, composite = (
            densities[i],
            float(w) if cols < width else w * width / cols,
            stops[i] / n if n else 0.0,
            cetd[i],
        )
        if share:
            link, text, composite = _shared(known, link), _shared(known, text), _shared(known, composite)
            if n:
                stop = _shared(known, stop)
        features.append(
            Features(
                words=w,
                chars=chars[i],
                link_density=link,
                text_density=text,
                stopword_density=stop,
                composite_density=composite,
                position=i / last,
                depth=depth[i],
                in_main_region=inside[i],
                container=kind.kind,
                container_strength=kind.strength,
                content_hint=kind.content_hint,
                phrase=phrases[i],
                phrase_container=boxes[i],
                ends_sentence=ends[i],
                title_match=titles[i],
                repeat_chars=group.chars,
                repeat_link_density=group.link_density,
            )
        )
    return tuple(features)


def locators(seg: Segmented) -> list[str]:
    """The CSS path of each block's element (what :func:`blocks_of` needs of the elements)."""
    elements = seg.elements
    return [elements[o].locator for o in seg.columns.owners]


def blocks_of(blocks: BlockColumns, paths: list[str], features: tuple[Features, ...]) -> tuple[Block, ...]:
    """The unlabelled blocks: text and structure from the segment stage's columns, the CSS
    paths from :func:`locators`, plus features. It takes the paths rather than the elements,
    so that a caller can release the elements first (about 0.8 times the page on a big page)."""
    count = len(blocks.texts)
    if len(paths) != count or len(features) != count:
        raise ValueError("blocks_of(): the columns differ in length")
    # Each column read as its own typed list, the paths and Features as what locators and
    # features_of give (the compiled build reads their items in place, a Sequence's through a
    # generic call with the index boxed).
    texts, roles, levels, rows, markups = (
        blocks.texts,
        blocks.roles,
        blocks.levels,
        blocks.rows,
        blocks.markups,
    )
    return tuple(
        [
            Block(
                index=i,
                text=texts[i],
                role=roles[i],
                heading_level=levels[i],
                locator=paths[i],
                features=features[i],
                row=rows[i],
                markup=markups[i],
            )
            for i in range(count)
        ]
    )
