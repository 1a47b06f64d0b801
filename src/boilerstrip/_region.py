"""The main-content region(s): the subtrees that hold most of the page's dense text.

As in Readability, each dense block (long enough, few links) gives points to the
element that holds its paragraph, half as many to that element's parent and a quarter
to the grandparent: 1 plus one per comma plus one per 100 characters (at most 3),
scaled by 1 - link density. The element with the most points is the main region;
elements elsewhere in the tree with a given share of its points are further regions
(multi-section pages). Points only flow a few levels up, so a large wrapper that holds
the article and a dense donation appeal beside it does not outscore the article body.
Blocks inside a layer drawn over the page (a modal, a cookie-consent panel) or in the
page's footer give no points (:func:`in_overlay`): a privacy policy in a modal, or the
legal footnotes in a footer, are often the densest text of a product page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ._cfacts_loops import C_FACTS
from ._element_facts import COMMENTS, PAGE_BAR_TAG, PAGE_TAG, SCOPE_TAG, TAG_FLAGS
from ._name_verdicts import NameVerdicts
from ._options import Options
from ._segmented import Element


def subtree_totals(elements: Sequence[Element], own: Sequence[float]) -> list[float]:
    """Sum of ``own`` over each element's subtree."""
    totals = list(own)
    for index in range(len(elements) - 1, 0, -1):
        parent = elements[index].parent
        if parent >= 0:
            totals[parent] += totals[index]
    return totals


def _is_ancestor(elements: Sequence[Element], ancestor: int, node: int) -> bool:
    while node >= 0:
        if node == ancestor:
            return True
        node = elements[node].parent
    return False


_PARAGRAPH_TAGS: Final = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd pre blockquote td th figcaption span".split()
)
_LEVEL_SHARES: Final = (1.0, 0.5, 0.25)


def _points(text: str, link_density: float) -> float:
    return (1.0 + text.count(",") + text.count("，") + min(len(text) / 100.0, 3.0)) * (1.0 - link_density)


def points_of(
    texts: list[str], words: list[int], link_density: list[float], no_points: list[bool], options: Options
) -> list[float]:
    """Each block's points toward its region: 0.0 where ``no_points``, under
    ``Options.region_min_words`` words or over ``Options.region_max_link_density``; else
    more with its commas and length, less with its links. The options are read once (a field
    of Options is a generic attribute look-up in the compiled build) and the columns by index
    (a zip of them is iterated generically). The compiled build runs ``_cfacts.points``."""
    min_words, max_link_density = options.region_min_words, options.region_max_link_density
    loops = C_FACTS  # a local: mypyc's narrowing of an optional Final reads it unboxed
    if loops is not None:
        return loops.points(texts, words, link_density, no_points, min_words, max_link_density)
    return points_of_python(
        texts, words, link_density, no_points, min_words=min_words, max_link_density=max_link_density
    )


def points_of_python(
    texts: list[str],
    words: list[int],
    link_density: list[float],
    no_points: list[bool],
    *,
    min_words: int,
    max_link_density: float,
) -> list[float]:
    """:func:`points_of` in Python (the reference of ``_cfacts.points``)."""
    out: list[float] = []
    for i in range(len(texts)):
        density = link_density[i]
        if no_points[i] or words[i] < min_words or density > max_link_density:
            out.append(0.0)
        else:
            out.append(_points(texts[i], density))
    return out


def region_roots(
    elements: Sequence[Element],
    owners: list[int],
    points: list[float],
    options: Options,
) -> tuple[int, ...]:
    """Element indices of the main-content region roots, best first."""
    if not elements:
        return ()
    elems = tuple(elements)  # read natively in the compiled build (a Sequence generically)
    score = [0.0] * len(elems)
    # (index loops: a zip of Sequences is iterated generically; x[i] = x[i] + y: the compiled
    # build adds to a list item in place generically)
    # The best score is taken as the scores grow: each only grows (positive points times
    # positive shares), so the largest value met is the largest final one (no pass over all).
    best = 0.0
    for i in range(len(points)):
        value = points[i]
        if value <= 0.0:
            continue
        owner = owners[i]
        node = elems[owner].parent if elems[owner].tag in _PARAGRAPH_TAGS else owner
        for share in _LEVEL_SHARES:
            if node < 0:
                break
            total = score[node] + share * value
            score[node] = total
            best = max(best, total)
            node = elems[node].parent
    if best <= 0.0:
        return (0,)  # no dense text anywhere: the whole page is the region
    # Only the elements with the share of the best score are ranked: the walk below stops
    # at the first without it (a sort of all elements by a key was 0.9 of this function).
    least = options.region_secondary_share * best
    ranked = sorted([(-value, index) for index, value in enumerate(score) if value >= least])
    roots: list[int] = []
    limit = options.region_max_count
    for _, index in ranked:
        if len(roots) >= limit:
            break
        if any(_is_ancestor(elements, r, index) or _is_ancestor(elements, index, r) for r in roots):
            continue
        roots.append(index)
    return tuple(roots)


def in_overlay(
    elements: Sequence[Element], *, reviews: bool = False, names: NameVerdicts | None = None
) -> list[bool]:
    """Per element: it is, or sits inside, a layer drawn over the page (a modal, a
    cookie-consent panel; see _rules.OVERLAY_NAME_RULE) or the page's footer or navigation
    bar (outside <article>/<main>: a footer of dense legal footnotes, financing or trade-in
    terms, is no main region either); with ``reviews``, also a box named as comments (a
    product page's customer reviews). The main region is not sought there. ``names`` is the
    page's memo of what its class/id strings name, shared with the features stage. The
    names of <html> and <body> are not read: they say what the page has ("modal-open").
    The compiled build runs ``_cfacts``' loop, which reads the names' memo and finds a
    string it lacks as ``of`` does (``NameVerdicts.c_reader``)."""
    verdict_of = NameVerdicts() if names is None else names
    loops = C_FACTS  # a local: mypyc's narrowing of an optional Final reads it unboxed
    if loops is not None:
        bits = (SCOPE_TAG, PAGE_BAR_TAG, PAGE_TAG)
        reader = verdict_of.c_reader()
        return loops.overlay(elements, TAG_FLAGS, bits, verdict_of.memo(), reader, reviews, COMMENTS)
    return in_overlay_python(elements, reviews, verdict_of)


def in_overlay_python(elements: Sequence[Element], reviews: bool, verdict_of: NameVerdicts) -> list[bool]:
    """:func:`in_overlay` in Python (the reference of ``_cfacts.overlay``)."""
    comments = COMMENTS
    flags_of = TAG_FLAGS
    out: list[bool] = []
    scoped: list[bool] = []  # inside <article>/<main>, where a <footer> is the article's
    last_tag, flags = "", flags_of.get("", 0)  # the previous element's (most tags repeat it)
    # A tuple read natively in the compiled build (a Sequence is read by generic calls).
    for element in tuple(elements):
        parent = element.parent
        if element.tag != last_tag:
            last_tag = element.tag
            flags = flags_of.get(last_tag, 0)
        if parent >= 0:
            inside = out[parent]
            in_scope = scoped[parent] or flags & SCOPE_TAG != 0
        else:
            inside = False
            in_scope = flags & SCOPE_TAG != 0
        scoped.append(in_scope)
        if not inside:
            if flags & PAGE_BAR_TAG != 0 and not in_scope:
                inside = True
            elif element.names and flags & PAGE_TAG == 0:
                kind, _, overlay = verdict_of.of(element.names)
                inside = overlay or (reviews and kind == comments)
        out.append(inside)
    return out


def above_roots(elements: Sequence[Element], roots: Sequence[int]) -> list[bool]:
    """Per element: an ancestor-or-self of a region root."""
    above = [False] * len(elements)
    for root in roots:
        node = root
        while node >= 0 and not above[node]:
            above[node] = True
            node = elements[node].parent
    return above


def inside_roots(elements: Sequence[Element], roots: Sequence[int]) -> list[bool]:
    """Per element: inside a region (a root or below one)."""
    inside = [False] * len(elements)
    for root in roots:
        inside[root] = True
    # Parents come before their children: each element's parent is final when it is read
    # (a native loop over a tuple, not a set look-up per element).
    for index, element in enumerate(tuple(elements)):
        parent = element.parent
        if parent >= 0 and inside[parent]:
            inside[index] = True
    return inside


def region_ancestry(elements: Sequence[Element], roots: Sequence[int]) -> tuple[list[bool], list[bool]]:
    """Per element: (inside a region, an ancestor-or-self of a region root)."""
    return inside_roots(elements, roots), above_roots(elements, roots)
