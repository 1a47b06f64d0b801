"""Features stage: the measurements of every block, each computed once.

Element-level facts (which chrome an enclosing element names, which region it is in,
its composite text density) are computed in one forward pass over the elements and
read by the blocks they own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ._errors import check_deadline
from ._model import Block, Features, Label
from ._options import Options
from ._page_type import ARTICLE, PRODUCT, THREAD
from ._region import block_points, in_overlay, region_ancestry, region_roots, subtree_totals
from ._repeats import Group, repeated_groups
from ._rules import (
    CHROME_ROLES,
    CHROME_TAGS,
    CONTENT_ROLES,
    CONTENT_SCOPE_TAGS,
    SCOPED_CHROME_TAGS,
    NameVerdicts,
)
from ._segmented import Element, RawBlock, Segmented
from ._token_stats import CHUNK_BLOCKS, token_stats

_CJK_CHARS_PER_WORD = 3
_SENTENCE_END = frozenset(".!?:;\"'”’»)…。！？；")
_TAG_STRENGTH = 1.0  # chrome named by a tag or ARIA role
_NAME_STRENGTH = 0.7  # chrome named by a class, id or itemprop value


@dataclass(frozen=True, slots=True)
class _Container:
    kind: str
    strength: float
    content_hint: bool
    in_scope: bool  # inside <article>/<main>


def _own_container(element: Element, in_scope: bool, names: NameVerdicts) -> tuple[str, float, bool]:
    """(chrome kind, strength, names content) named by the element itself."""
    tag = element.tag
    hint = tag in CONTENT_SCOPE_TAGS or element.aria_role in CONTENT_ROLES
    if tag in CHROME_TAGS and not (in_scope and tag in SCOPED_CHROME_TAGS):
        return CHROME_TAGS[tag].value, _TAG_STRENGTH, hint
    if element.aria_role in CHROME_ROLES:
        return CHROME_ROLES[element.aria_role].value, _TAG_STRENGTH, hint
    if element.names and tag not in ("html", "body"):
        kind, content, _ = names(element.names)
        if kind:
            return kind, _NAME_STRENGTH, hint
        hint = hint or content
    return "", 0.0, hint


def _containers(
    elements: Sequence[Element], above_region: Sequence[bool], names: NameVerdicts
) -> list[_Container]:
    """Innermost chrome kind enclosing each element. An element that encloses a region
    root is not chrome, whatever its name (``<div class="page has-ads">`` around it all)."""
    out: list[_Container] = []
    none = _Container("", 0.0, False, False)
    for index, element in enumerate(elements):
        parent = out[element.parent] if element.parent >= 0 else none
        in_scope = parent.in_scope or element.tag in CONTENT_SCOPE_TAGS
        kind, strength, hint = _own_container(element, parent.in_scope, names)
        if not kind or above_region[index]:
            kind, strength = parent.kind, parent.strength
        hint = hint or parent.content_hint
        # Most elements only inherit their parent's container: they share its object (one
        # object per element would take 0.45 times the page's size on a big page).
        own = (kind, strength, hint, in_scope)
        same = own == (parent.kind, parent.strength, parent.content_hint, parent.in_scope)
        out.append(parent if same else _Container(*own))
    return out


def _is_thread(
    containers: Sequence[_Container], owners: Sequence[int], points: Sequence[float], options: Options
) -> bool:
    """A forum or Q&A page: most of its dense text sits in containers named as comments
    (posts in class="comment"), so those are its content, not a thread below an article."""
    total = sum(points)
    in_comments = sum(p for o, p in zip(owners, points) if containers[o].kind == _COMMENTS)
    return in_comments > 0.0 and in_comments >= options.thread_min_share * total


def _not_comments(c: _Container) -> _Container:
    return _Container("", 0.0, c.content_hint, c.in_scope) if c.kind == _COMMENTS else c


def _composite_density(elements: Sequence[Element], owners: Sequence[int]) -> dict[int, float]:
    """CETD (Sun et al. 2011) of each element that owns a block, as log of its ratio to
    the page root's.

    The logarithm's base is shifted by e - 1 so that it stays above 1 on pages without
    links, where the paper's base ln(e) = 1 would divide by zero.
    """

    def ctd(e: Element, root: Element) -> float:
        c, t = max(e.chars, 1), max(e.tags, 1)
        lc, lt = max(e.link_chars, 1), max(e.link_tags, 1)
        non_link = max(e.chars - e.link_chars, 1)
        base = math.log(c / non_link * e.link_chars + root.link_chars / max(root.chars, 1) * c + math.e)
        return (c / t) * math.log(c / lc * t / lt) / math.log(base + math.e - 1.0)

    if not elements:
        return {}
    root = elements[0]
    root_density = max(ctd(root, root), 1e-6)
    return {i: math.log1p(max(ctd(elements[i], root), 0.0) / root_density) for i in set(owners)}


# Phrase kinds whose box must also hold ``Options.phrase_box_min_word_share`` of its
# words in its phrase lines: the lines every post carries. Dev (all 2,731 pages, block
# dumps): comments and share added to metadata (outside comment-named containers): wcxb
# forum +0.010 (9 pages up, 1 down), dragnet +0.0075, trafilatura-eval +0.0024, no set
# down by 0.0003; navigation, sidebar, other, legal, footer or header added too: mean
# over sets -0.0001.
_POST_LINE_KINDS = frozenset(k.value for k in (Label.METADATA, Label.COMMENTS, Label.SHARE))
# Kinds read once: an enum member's .value is a Python descriptor call, in the compiled
# build too (150,000 calls on 150 pages when read inside the loops).
_COMMENTS, _METADATA = Label.COMMENTS.value, Label.METADATA.value


def _phrase_boxes(
    elements: Sequence[Element],
    owners: Sequence[int],
    phrases: Sequence[Label | None],
    words: Sequence[int],
    *,
    above_region: Sequence[bool],
    in_comments: Sequence[bool],
    options: Options,
) -> list[str]:
    """Per element, the kind of the innermost enclosing box dense with boilerplate phrases.
    ``in_comments``: per element, whether a container named as comments encloses it."""
    flags = [p is not None for p in phrases]
    hits = subtree_totals(elements, _count(len(elements), owners, flags))
    counts = subtree_totals(elements, _count(len(elements), owners, [True] * len(owners)))
    hit_words = subtree_totals(elements, _count(len(elements), owners, flags, words))
    all_words = subtree_totals(elements, _count(len(elements), owners, [True] * len(owners), words))
    kinds: dict[int, dict[str, int]] = {}
    for owner, phrase in zip(owners, phrases):
        if phrase is None:
            continue
        node, kind = owner, phrase.value
        while node >= 0:
            tally = kinds.setdefault(node, {})
            tally[kind] = tally.get(kind, 0) + 1
            node = elements[node].parent
    out: list[str] = []
    for index, element in enumerate(elements):
        box = (
            hits[index] >= options.phrase_box_min_hits
            and hits[index] >= options.phrase_box_min_share * counts[index]
            and not above_region[index]
        )
        kind = _majority(kinds[index]) if box else ""
        # Dates, bylines, post counts and "Reply", "Share", "Add a comment" lines are
        # short lines that every post has: a box of them that also holds much prose is a
        # post (a forum reply, an answer, a blog entry), not chrome (_POST_LINE_KINDS).
        # Other kinds keep the count rule: the seed page's donation appeal is long prose
        # with few phrase hits, and must stay a promo box.
        # Inside a comment section, a box of comment lines stays one: its prose is the
        # comments.
        if kind and (
            kind not in _POST_LINE_KINDS
            or (kind != _METADATA and in_comments[index])
            or hit_words[index] >= options.phrase_box_min_word_share * all_words[index]
        ):
            out.append(kind)
        else:
            out.append(out[element.parent] if element.parent >= 0 else "")
    return out


def _majority(tally: dict[str, int]) -> str:
    return max(sorted(tally), key=tally.__getitem__)


def _count(
    size: int, owners: Sequence[int], flags: Sequence[bool], amounts: Sequence[int] | None = None
) -> list[float]:
    """Per element, the number (with ``amounts``: the words + 1) of its own flagged blocks."""
    own = [0.0] * size
    for i, (owner, flag) in enumerate(zip(owners, flags)):
        if flag:
            own[owner] += 1.0 if amounts is None else amounts[i] + 1.0
    return own


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
    containers: list[_Container]
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
    blocks, elements = seg.blocks, seg.elements
    texts = [b.text for b in blocks]
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
    owners = [b.element for b in blocks]
    words = [_word_count(n, k) for n, k in zip(counted.counts, cjk)]
    chars = [len(text) for text in texts]
    link_density = [min(b.link_chars / c, 1.0) if c else 0.0 for b, c in zip(blocks, chars)]
    names = NameVerdicts()  # what the page's class/id strings name, matched once per page
    overlay = in_overlay(elements, reviews=declared_type == PRODUCT, names=names)
    points = [
        0.0 if overlay[b.element] else block_points(b.text, w, ld, options)
        for b, w, ld in zip(blocks, words, link_density)
    ]
    roots = region_roots(elements, owners, points, options)
    check_deadline(deadline)
    # Names and phrase boxes are trusted everywhere but above the best region's root;
    # further regions must not be named chrome (a dense donation appeal is no region).
    _, above = region_ancestry(elements, roots[:1])
    containers = _containers(elements, above, names)
    # A page that declares a discussion is a thread; one that declares itself an article or
    # a product is not, however long its comments or customer reviews.
    thread = declared_type == THREAD or (
        declared_type not in (ARTICLE, PRODUCT) and _is_thread(containers, owners, points, options)
    )
    if thread:
        containers = [_not_comments(c) for c in containers]
    in_comments = [c.kind == _COMMENTS for c in containers]
    boxes = _phrase_boxes(
        elements, owners, phrases, words, above_region=above, in_comments=in_comments, options=options
    )
    check_deadline(deadline)
    if thread:
        boxes = ["" if box == _COMMENTS else box for box in boxes]
    roots = roots[:1] + tuple(r for r in roots[1:] if not containers[r].kind and not boxes[r])
    inside, _ = region_ancestry(elements, roots)
    cetd = _composite_density(elements, owners)
    groups = repeated_groups(elements, options.repeat_min_siblings)
    check_deadline(deadline)
    columns = [c + k for c, k in zip(chars, cjk)]  # CJK characters are two columns wide
    del points, texts, in_comments, above, roots
    return (
        Columns(
            words=words,
            chars=chars,
            link_density=link_density,
            columns=columns,
            counts=counted.counts,
            stops=counted.stops,
            cetd=[cetd[o] for o in owners],
            depth=[elements[o].depth for o in owners],
            inside=[inside[o] for o in owners],
            containers=[containers[o] for o in owners],
            phrases=[phrase.value if phrase is not None else "" for phrase in phrases],
            boxes=[boxes[o] for o in owners],
            ends=[b.text[-1] in _SENTENCE_END for b in blocks],
            title_match=counted.title_match,
            groups=[groups[o] for o in owners],
        ),
        language,
    )


def _shared(known: dict[float, float], x: float) -> float:
    """``x``, or the float object of the same bits met before (zeros keep their sign: -0.0
    equals 0.0 as a key; a NaN matches no key and stays itself)."""
    if x == 0.0:
        return _NEGATIVE_ZERO if math.copysign(1.0, x) < 0 else _ZERO
    if len(known) < _MAX_SHARED:
        return known.setdefault(x, x)
    return known.get(x, x)


_ZERO, _NEGATIVE_ZERO = 0.0, -0.0
# Distinct values remembered per page: repeated values are met early; a page of all
# distinct densities (long prose) would otherwise fill a dict as big as its floats.
_MAX_SHARED = 4096


def features_of(c: Columns, options: Options) -> tuple[Features, ...]:
    """The second part of :func:`compute_features`: each block's Features."""
    last = max(len(c.words) - 1, 1)
    width = options.wrap_width
    features = []
    # Equal densities share one float object: most blocks' densities take a few values
    # (0 and 1, short lines' words per line, repeated boxes), and a float a field and
    # block took 0.6 times a big page's size.
    known: dict[float, float] = {}
    rows = enumerate(zip(*c, strict=True))  # the lists in Columns' order
    for i, (w, chars, ld, cols, n, stops, cetd, depth, inside, kind, phrase, box, end, title, group) in rows:
        features.append(
            Features(
                words=w,
                chars=chars,
                link_density=_shared(known, ld),
                text_density=_shared(known, float(w) if cols < width else w * width / cols),
                stopword_density=_shared(known, stops / n) if n else 0.0,
                composite_density=_shared(known, cetd),
                position=i / last,
                depth=depth,
                in_main_region=inside,
                container=kind.kind,
                container_strength=kind.strength,
                content_hint=kind.content_hint,
                phrase=phrase,
                phrase_container=box,
                ends_sentence=end,
                title_match=title,
                repeat_chars=group.chars,
                repeat_link_density=group.link_density,
            )
        )
    return tuple(features)


def locators(seg: Segmented) -> list[str]:
    """The CSS path of each block's element (what :func:`blocks_of` needs of the elements)."""
    elements = seg.elements
    return [elements[raw.element].locator for raw in seg.blocks]


def blocks_of(
    raw_blocks: Sequence[RawBlock], paths: Sequence[str], features: Sequence[Features]
) -> tuple[Block, ...]:
    """The unlabelled blocks: text and structure from the segment stage, the CSS paths
    from :func:`locators`, plus features. It takes the paths rather than the elements, so
    that a caller can release the elements first (about 0.8 times the page on a big page)."""
    return tuple(
        Block(
            index=i,
            text=raw.text,
            role=raw.role,
            heading_level=raw.heading_level,
            locator=path,
            features=f,
            row=raw.row,
            markup=raw.markup,
        )
        for i, (raw, path, f) in enumerate(zip(raw_blocks, paths, features))
    )
