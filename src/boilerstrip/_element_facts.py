"""Element-level facts of the features stage: which chrome an enclosing element names,
whether the page is a thread, each element's composite text density, and the boxes dense
with boilerplate phrases. Each is computed in one forward pass over the elements and read by
the blocks the elements own (_features)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, cast

from ._cfacts_loops import C_FACTS
from ._float_sum import float_sum
from ._model import Label
from ._name_verdicts import NameVerdicts
from ._options import Options
from ._rules import (
    CHROME_ROLES,
    CHROME_TAGS,
    CONTENT_ROLES,
    CONTENT_SCOPE_TAGS,
    SCOPED_CHROME_TAGS,
)
from ._segmented import Element

# Final: the compiled build reads each from a C static or inlines it.
_TAG_STRENGTH: Final = 1.0  # chrome named by a tag or ARIA role
_NAME_STRENGTH: Final = 0.7  # chrome named by a class, id or itemprop value
# Kinds read once: an enum member's .value is a Python descriptor call, in the compiled
# build too (150,000 calls on 150 pages when read inside the loops).
COMMENTS: Final = Label.COMMENTS.value
_METADATA: Final = Label.METADATA.value


# What each tag is to these passes, as bits of one look-up (a look-up in each set took three to
# five per element): a content scope (<article>, <main>), chrome named by the tag, chrome
# only outside a content scope (<header>, <footer>), the page's own bars outside a scope
# (read by _region.in_overlay) and <html>/<body>, whose names say what the page has.
SCOPE_TAG: Final = 1
_CHROME_TAG: Final = 2
_SCOPED_CHROME_TAG: Final = 4
PAGE_BAR_TAG: Final = 8
PAGE_TAG: Final = 16


def _tag_flags() -> dict[str, int]:
    flags: dict[str, int] = {}
    for tags, bit in (
        (CONTENT_SCOPE_TAGS, SCOPE_TAG),
        (frozenset(CHROME_TAGS), _CHROME_TAG),
        (SCOPED_CHROME_TAGS, _SCOPED_CHROME_TAG),
        (frozenset({"footer", "nav"}), PAGE_BAR_TAG),
        (frozenset({"html", "body"}), PAGE_TAG),
    ):
        for tag in tags:
            flags[tag] = flags.get(tag, 0) | bit
    return flags


TAG_FLAGS: Final = _tag_flags()
_CHROME_TAG_KINDS: Final = {tag: label.value for tag, label in CHROME_TAGS.items()}
_CHROME_ROLE_KINDS: Final = {role: label.value for role, label in CHROME_ROLES.items()}
# An element without an ARIA role (most) is looked up in neither roles' table.
assert "" not in CHROME_ROLES and "" not in CONTENT_ROLES


@dataclass(frozen=True, slots=True)
class Container:
    kind: str
    strength: float
    content_hint: bool
    in_scope: bool  # inside <article>/<main>


# What ``_cfacts.containers`` reads besides the elements, above_region, memo and c_reader().
_CONTAINER_TABLES: Final = (
    TAG_FLAGS,
    (SCOPE_TAG, _CHROME_TAG, _SCOPED_CHROME_TAG, PAGE_TAG),
    (_CHROME_TAG_KINDS, _CHROME_ROLE_KINDS, CONTENT_ROLES),
    Container,
    Container("", 0.0, False, False),
    (_TAG_STRENGTH, _NAME_STRENGTH),
)


def enclosing_containers(
    elements: Sequence[Element], above_region: Sequence[bool], names: NameVerdicts
) -> list[Container]:
    """Innermost chrome kind enclosing each element. An element that encloses a region
    root is not chrome, whatever its name (``<div class="page has-ads">`` around it all).

    An element's own container (:func:`_own_container`, the reference) is read inline: the
    loop runs for every element, and a call returning a tuple made one each time. The compiled
    build runs ``_cfacts``' loop (the names' memo read and filled in C), given its tables by position."""
    loops = C_FACTS  # a local: mypyc's narrowing of an optional Final reads it unboxed
    if loops is not None:
        tags, bits, kinds, make, none, strengths = _CONTAINER_TABLES
        made = loops.containers(
            elements, above_region, tags, bits, kinds, names.memo(), names.c_reader(), make, none, strengths
        )
        return cast(list[Container], made)
    return enclosing_containers_python(elements, above_region, names)


def enclosing_containers_python(
    elements: Sequence[Element], above_region: Sequence[bool], names: NameVerdicts
) -> list[Container]:
    """:func:`enclosing_containers` in Python (the reference of ``_cfacts.containers``)."""
    out: list[Container] = []
    none = Container("", 0.0, False, False)
    # Equal containers are one object too: a page has a few distinct ones, and making a
    # frozen dataclass is a generic call in the compiled build (3,000 instructions).
    made: dict[tuple[str, float, bool, bool], Container] = {}
    flags_of, tag_kinds, role_kinds = TAG_FLAGS, _CHROME_TAG_KINDS, _CHROME_ROLE_KINDS
    content_roles = CONTENT_ROLES
    last_tag, flags = "", flags_of.get("", 0)
    # A tuple: read natively in the compiled build (a Sequence is read by generic calls).
    for index, element in enumerate(tuple(elements)):
        parent = out[element.parent] if element.parent >= 0 else none
        tag, role = element.tag, element.aria_role
        if tag != last_tag:  # most elements repeat the previous one's tag: no look-up
            last_tag = tag
            flags = flags_of.get(tag, 0)
        in_scope = parent.in_scope or flags & SCOPE_TAG != 0
        hint = flags & SCOPE_TAG != 0 or (role != "" and role in content_roles)
        kind = ""
        strength = 0.0
        if flags & _CHROME_TAG != 0 and not (parent.in_scope and flags & _SCOPED_CHROME_TAG != 0):
            kind, strength = tag_kinds[tag], _TAG_STRENGTH
        elif role != "" and role in role_kinds:
            kind, strength = role_kinds[role], _TAG_STRENGTH
        elif element.names and flags & PAGE_TAG == 0:
            named, content, _ = names.of(element.names)
            if named:
                kind, strength = named, _NAME_STRENGTH
            else:
                hint = hint or content
        if not kind or above_region[index]:
            kind, strength = parent.kind, parent.strength
        hint = hint or parent.content_hint
        # Most elements only inherit their parent's container: they share its object (one
        # object per element would take 0.45 times the page's size on a big page).
        if (
            kind == parent.kind
            and strength == parent.strength
            and hint == parent.content_hint
            and in_scope == parent.in_scope
        ):
            out.append(parent)
            continue
        key = (kind, strength, hint, in_scope)
        container = made.get(key)
        if container is None:
            container = made[key] = Container(kind, strength, hint, in_scope)
        out.append(container)
    return out


def _own_container(element: Element, in_scope: bool, names: NameVerdicts) -> tuple[str, float, bool]:
    """(chrome kind, strength, names content) named by the element itself: what
    :func:`enclosing_containers` reads inline (the reference, tests/test_feature_shortcuts.py;
    benchmarks/content_names.py calls it)."""
    tag = element.tag
    hint = tag in CONTENT_SCOPE_TAGS or element.aria_role in CONTENT_ROLES
    if tag in CHROME_TAGS and not (in_scope and tag in SCOPED_CHROME_TAGS):
        return CHROME_TAGS[tag].value, _TAG_STRENGTH, hint
    if element.aria_role in CHROME_ROLES:
        return CHROME_ROLES[element.aria_role].value, _TAG_STRENGTH, hint
    if element.names and tag not in ("html", "body"):
        kind, content, _ = names.of(element.names)
        if kind:
            return kind, _NAME_STRENGTH, hint
        hint = hint or content
    return "", 0.0, hint


def is_thread(
    containers: Sequence[Container], owners: Sequence[int], points: Sequence[float], options: Options
) -> bool:
    """A forum or Q&A page: most of its dense text sits in containers named as comments
    (posts in class="comment"), so those are its content, not a thread below an article."""
    total = float_sum(points)
    in_comments = float_sum(p for o, p in zip(owners, points) if containers[o].kind == COMMENTS)
    return in_comments > 0.0 and in_comments >= options.thread_min_share * total


def not_comments(c: Container) -> Container:
    return Container("", 0.0, c.content_hint, c.in_scope) if c.kind == COMMENTS else c


def composite_density(elements: Sequence[Element], owners: Sequence[int]) -> list[float]:
    """Per block (of the elements ``owners``), the CETD (Sun et al. 2011) of its element, as
    log of its ratio to the page root's.

    The logarithm's base is shifted by e - 1 so that it stays above 1 on pages without
    links, where the paper's base ln(e) = 1 would divide by zero.

    A block that follows another of its element takes its value (the blocks of an element
    mostly come together); any other computes it (the same float either way), with no set of
    the owners and no dict of their values. The compiled build runs ``_cfacts``' loop."""
    loops = C_FACTS  # a local: mypyc's narrowing of an optional Final reads it unboxed
    if loops is not None:
        return loops.composite_density(elements, owners)
    return composite_density_python(elements, owners)


def composite_density_python(elements: Sequence[Element], owners: Sequence[int]) -> list[float]:
    """:func:`composite_density` in Python (the reference of ``_cfacts.composite_density``)."""
    if not elements:
        return []
    elems = tuple(elements)  # read natively in the compiled build (a Sequence generically)
    root = elems[0]
    root_density = max(_ctd(root, root), 1e-6)
    log1p = math.log1p  # read once: the compiled build has no native form of it
    out: list[float] = []
    last, value = -1, 0.0
    for owner in owners:
        if owner != last:
            value = log1p(max(_ctd(elems[owner], root), 0.0) / root_density)
            last = owner
        out.append(value)
    return out


def _ctd(e: Element, root: Element) -> float:
    """A module function, not a closure: the compiled build calls it natively."""
    c, t = max(e.chars, 1), max(e.tags, 1)
    lc, lt = max(e.link_chars, 1), max(e.link_tags, 1)
    non_link = max(e.chars - e.link_chars, 1)
    base = math.log(c / non_link * e.link_chars + root.link_chars / max(root.chars, 1) * c + math.e)
    return (c / t) * math.log(c / lc * t / lt) / math.log(base + math.e - 1.0)


# Phrase kinds whose box must also hold ``Options.phrase_box_min_word_share`` of its
# words in its phrase lines: the lines every post carries. Dev (all 2,731 pages, block
# dumps): comments and share added to metadata (outside comment-named containers): wcxb
# forum +0.010 (9 pages up, 1 down), dragnet +0.0075, trafilatura-eval +0.0024, no set
# down by 0.0003; navigation, sidebar, other, legal, footer or header added too: mean
# over sets -0.0001.
_POST_LINE_KINDS: Final = frozenset(k.value for k in (Label.METADATA, Label.COMMENTS, Label.SHARE))


def phrase_boxes(
    elements: Sequence[Element],
    owners: list[int],
    phrases: list[Label | None],
    words: list[int],
    *,
    titles: list[bool],
    above_region: Sequence[bool],
    in_comments: Sequence[bool],
    options: Options,
) -> list[str]:
    """Per element, the kind of the innermost enclosing box dense with boilerplate phrases.
    ``in_comments``: per element, whether a container named as comments encloses it;
    ``titles``: per block, whether it is a heading that is no phrase (a card's title); empty
    when the page has no metadata phrase (no metadata box to test)."""
    # Options are read once: a field read is a generic attribute look-up in the compiled
    # build (_options is not compiled).
    min_hits, min_share = options.phrase_box_min_hits, options.phrase_box_min_share
    min_word_share, feed_titles = options.phrase_box_min_word_share, options.phrase_box_feed_titles
    elems = tuple(elements)  # read natively in the compiled build (a Sequence generically)
    # Only the phrase blocks' ancestors can be boxes (at least one hit).
    nodes, kinds, hit_words = _phrase_tallies(elems, owners, phrases, words)
    if not nodes:
        return [""] * len(elems)
    counts, all_words, title_counts = _tallies_at(elems, owners, words, titles, nodes)
    # The boxes: decided at the phrase blocks' ancestors only, every other element taking
    # its parent's below (no look-up per element). The tallies are read by each node's place
    # in ``nodes`` (``at``).
    boxed: dict[int, str] = {}
    for at in range(len(nodes)):
        index, box = nodes[at], kinds[at]
        kind = ""
        if not above_region[index]:
            found = 0  # (a loop: sum() is a generic call in the compiled build)
            for hits in box.values():
                found += hits
            if found >= min_hits and found >= min_share * counts[at]:
                kind = _majority(box)
        # Dates, bylines, post counts and "Reply", "Share", "Add a comment" lines are
        # short lines that every post has: a box of them that also holds much prose is a
        # post (a forum reply, an answer, a blog entry), not chrome (_POST_LINE_KINDS).
        # Other kinds keep the count rule: the seed page's donation appeal is long prose
        # with few phrase hits, and must stay a promo box.
        # Inside a comment section, a box of comment lines stays one: its prose is the
        # comments.
        # A box of dated, signed cards each under its own title is a feed of posts (a
        # blog's or a publication's listing), not a metadata box.
        if kind == _METADATA and title_counts and title_counts[at] >= feed_titles:
            kind = ""
        if kind and (
            kind not in _POST_LINE_KINDS
            or (kind != _METADATA and in_comments[index])
            or hit_words[at] >= min_word_share * all_words[at]
        ):
            boxed[index] = kind
    return _spread(elems, boxed)


def _phrase_tallies(
    elements: tuple[Element, ...], owners: list[int], phrases: list[Label | None], words: list[int]
) -> tuple[list[int], list[dict[str, int]], list[int]]:
    """Per element that is or holds a phrase block, first met first: (its index, its
    {phrase kind: blocks}, the words + 1 of those blocks), made walking up from each phrase
    block (a few thousand steps on 20 pages): the compiled build's ``_cfacts.phrase_tallies``
    (C counts a node, no boxed index or dict look-up a step), or the loop here."""
    loops = C_FACTS  # a local, as in composite_density
    if loops is not None:
        # _value_, what .value returns: .value is an enum property, a Python call per block
        # in the compiled build too; _value_ is the member's own attribute.
        kinds_of = [None if phrase is None else phrase._value_ for phrase in phrases]
        found = loops.phrase_tallies(elements, owners, kinds_of, words)
        if found is not None:
            return found
    kinds: dict[int, dict[str, int]] = {}
    hit_words: dict[int, int] = {}  # words + 1 of the phrase blocks
    for i in range(len(phrases)):  # (index loops over lists: a zip is iterated generically)
        phrase = phrases[i]
        if phrase is None:
            continue
        node, kind, n = owners[i], phrase.value, words[i]
        while node >= 0:
            tally = kinds.get(node)
            if tally is None:
                kinds[node] = {kind: 1}
                hit_words[node] = n + 1
            else:
                tally[kind] = tally.get(kind, 0) + 1
                hit_words[node] = hit_words[node] + n + 1
            node = elements[node].parent
    return list(kinds), list(kinds.values()), [hit_words[node] for node in kinds]


def _spread(elements: tuple[Element, ...], boxed: dict[int, str]) -> list[str]:
    """Per element, the box of ``boxed`` (element -> kind) that is it or holds it nearest, or
    "": the compiled build's ``_cfacts.inherit``, or the loop here (the reference)."""
    marks = sorted(boxed)
    loops = C_FACTS  # a local, as in composite_density
    if loops is not None:
        return cast(list[str], loops.inherit(elements, marks, [boxed[m] for m in marks], ""))
    marks.append(len(elements))  # past the last element: the loop below meets no more marks
    at, mark = 0, marks[0]
    out: list[str] = []
    for index, element in enumerate(elements):
        if index == mark:
            out.append(boxed[index])
            at += 1
            mark = marks[at]
        else:
            parent = element.parent
            out.append(out[parent] if parent >= 0 else "")
    return out


def _majority(tally: dict[str, int]) -> str:
    return max(sorted(tally), key=tally.__getitem__)


def _tallies_at(
    elements: tuple[Element, ...], owners: list[int], words: list[int], titles: list[bool], nodes: list[int]
) -> tuple[list[int], list[int], list[int]]:
    """:func:`_box_tallies` read at the elements ``nodes`` (the candidate boxes, in the order
    the caller reads them): the compiled build's ``_cfacts.box_tallies``, or the lists here."""
    loops = C_FACTS  # a local, as in composite_density
    if loops is not None:
        return loops.box_tallies(elements, owners, words, titles, nodes)
    counts, all_words, titled = _box_tallies(elements, owners, words, titles)
    titled_at = [titled[i] for i in nodes] if titled else []
    return [counts[i] for i in nodes], [all_words[i] for i in nodes], titled_at


def _box_tallies(
    elements: tuple[Element, ...], owners: list[int], words: list[int], titles: list[bool]
) -> tuple[list[int], list[int], list[int]]:
    """Per element, over the blocks of its subtree: (blocks, words + 1 of all blocks,
    titles; the last empty when ``titles`` is). One pass over the blocks and one over the
    elements for all three; whole numbers (the floats they were summed as before are these
    numbers exactly), and an element without blocks below adds nothing."""
    size = len(elements)
    counts, all_words = [0] * size, [0] * size
    # (x[i] = x[i] + n, not x[i] += n: the compiled build adds list items in place generically;
    # index loops over lists, not zips: a zip of Sequences is iterated generically.)
    for i in range(len(owners)):
        owner = owners[i]
        counts[owner] = counts[owner] + 1
        all_words[owner] = all_words[owner] + words[i] + 1
    title_counts = [0] * size if titles else []
    for i in range(len(titles)):
        if titles[i]:
            owner = owners[i]
            title_counts[owner] = title_counts[owner] + 1
    with_titles = len(title_counts) > 0
    for index in range(size - 1, 0, -1):
        if counts[index]:
            parent = elements[index].parent
            if parent >= 0:
                counts[parent] = counts[parent] + counts[index]
                all_words[parent] = all_words[parent] + all_words[index]
                if with_titles:
                    title_counts[parent] = title_counts[parent] + title_counts[index]
    return counts, all_words, title_counts
