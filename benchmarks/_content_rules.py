"""The rules of ``benchmarks/content_names.py replay``: a block's chain of content-naming
elements, and which links of it still count under a rule spec (see that script's docstring)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class Link(NamedTuple):
    """One element of a block's chain: it names main content itself."""

    source: str  # "tag article", "role main", "name post content", ...
    element: int  # its index among the page's elements
    depth: int
    share: float  # its characters / the page's


class BlockFacts(NamedTuple):
    words: int
    chain: tuple[Link, ...]  # innermost first; empty: no content hint
    chrome_depth: int  # depth of the innermost chrome-named element above it, -1: none
    container: str  # Features.container
    depth: int
    kept: bool
    truth: float  # share of its words the truth holds; -1: no text truth


class PageFacts(NamedTuple):
    key: str
    site: str
    page_type: str
    blocks: tuple[BlockFacts, ...]


Rule = Callable[[PageFacts, str], list[bool]]


def _links(spec: str) -> Callable[[PageFacts, BlockFacts, Link], bool]:
    """One rule term: whether a link of a block's chain still counts."""
    head, _, arg = spec.partition(":")
    arg = arg.replace("_", " ")
    if head == "off":  # a source (or every source it begins) switched off
        return lambda p, b, k: not k.source.startswith(arg)
    if head == "wrap":  # an element holding at least this share of the page's text says nothing
        return lambda p, b, k: k.share < float(arg)
    if head == "min":  # an element holding less than this share of the page's text says nothing
        return lambda p, b, k: k.share >= float(arg)
    if head == "near":  # only elements at most this many levels above the block
        return lambda p, b, k: b.depth - k.depth <= int(arg)
    if head == "chromein":  # a chrome-named element between it and the block cuts it off
        return lambda p, b, k: k.depth > b.chrome_depth
    if head == "chromeout":  # a content name inside a chrome-named element says nothing
        return lambda p, b, k: (
            b.chrome_depth < 0 or k.depth <= b.chrome_depth or not k.source.startswith("name")
        )
    if head in ("beside", "after"):  # an element whose text is mostly one content element's
        return _beside(float(arg), head == "after")
    if head in ("aftertag", "aftername"):  # "after", for the links named by a tag or role / a name
        after = _beside(float(arg), True)
        return lambda p, b, k: k.source.startswith("name") is (head == "aftertag") or after(p, b, k)
    raise ValueError(f"unknown rule term: {spec}")


class Inside(NamedTuple):
    """What a page's content-naming elements hold, read from its blocks' chains."""

    largest: dict[int, tuple[float, int]]  # element -> (share, element) of the largest inside it
    spans: dict[int, tuple[int, int]]  # element -> first and last index of the blocks it holds


def inside_of(page: PageFacts) -> Inside:
    largest: dict[int, tuple[float, int]] = {}
    spans: dict[int, tuple[int, int]] = {}
    for index, b in enumerate(page.blocks):
        for i, link in enumerate(b.chain):
            first, _ = spans.get(link.element, (index, index))
            spans[link.element] = (first, index)
            for outer in b.chain[i + 1 :]:
                largest[outer.element] = max(
                    largest.get(outer.element, (0.0, -1)), (link.share, link.element)
                )
    return Inside(largest, spans)


def _beside(fraction: float, after: bool) -> Callable[[PageFacts, BlockFacts, Link], bool]:
    """A link does not count for a block outside the content-naming element inside it that
    holds at least ``fraction`` of its text (a <main> around one article: the blocks beside
    the article, its related links and teasers, are not named by <main>); with ``after``,
    only for the blocks after that element's last (the headline and deck before it keep it)."""
    last: list[Any] = [None, None]

    def accept(p: PageFacts, b: BlockFacts, k: Link) -> bool:
        if last[0] != p.key:
            last[0], last[1] = p.key, (inside_of(p), {id(x): i for i, x in enumerate(p.blocks)})
        inside, where = last[1]
        big = fraction * k.share
        share, element = inside.largest.get(k.element, (0.0, -1))
        if share < big:
            return True
        own = max((link.share for link in b.chain[: b.chain.index(k)]), default=0.0)
        if own >= big:
            return True
        return after and where[id(b)] < inside.spans[element][1]

    return accept


def _term(spec: str) -> tuple[str | None, Callable[[PageFacts, BlockFacts, Link], bool]]:
    """A term and the declared page type it applies on ("article/near:3"; "none/...": pages
    that declare no type; no prefix: every page)."""
    head, slash, rest = spec.partition("/")
    if not slash:
        return None, _links(spec)
    return ("" if head == "none" else head), _links(rest)


def rule_of(spec: str) -> Rule:
    """``spec``: terms joined by "+", each keeping the links it accepts ("today": all)."""
    terms = [_term(t) for t in spec.split("+") if t and t != "today"]

    def apply(page: PageFacts, declared: str = "") -> list[bool]:
        on = [t for kind, t in terms if kind is None or kind == declared]
        return [any(all(t(page, b, k) for t in on) for k in b.chain) for b in page.blocks]

    return apply
