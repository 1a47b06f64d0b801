"""``annotate()``: the page as one self-contained HTML file, every block outlined in the
colour of its label, with a legend and a side panel listing the blocks.

The view is the page's own markup, parsed again from the same decoded and limit-cut text
that :func:`extract` read, so that each block's locator (the CSS path built by the segment
stage) finds its element. Nothing of the page runs in the view: scripts, frames, plugins,
event handlers, script URLs, meta refreshes and <base> are removed, and a
Content-Security-Policy forbids any script that could survive a second parse.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from ._annotate_view import STYLE, Placement, panel, tooltip
from ._errors import InputError
from ._extract import extract, prepare_input
from ._model import Block, Extraction
from ._options import DEFAULT_OPTIONS, Options
from ._parse import body_of, is_tagless_scrap, looks_binary, parse
from ._parse import content_type as parse_content_type
from ._rules import REVEALED_SKIPPED_TAGS, SKIPPED_TAGS
from ._segment import _is_hidden, segment

# What the view never keeps, with its subtree. noscript: a browser that runs scripts never
# shows it and the extraction ignores it (it holds tracking pixels and "enable JavaScript"
# notices); on pages read with it (the nearly empty pages the segment stage reveals), its
# content is kept and only the element goes. base: it would send the side panel's in-page
# links to another document.
_REMOVED_TAGS = frozenset(
    "script noscript iframe frame object embed applet base portal fencedframe param".split()
)
# <plaintext> has no end tag: parsed again, it would turn the rest of the view, side panel
# included, into text. It is unwrapped (its text stays), as <noscript> is on the pages
# read with its content.
# Raw-text elements inside SVG or MathML: serialised and parsed again, their text can turn
# into markup (the known mutation of <math><mtext><mglyph><style>), so they go.
_RAW_TEXT_TAGS = frozenset({"style", "xmp", "noembed", "noframes"})
_FOREIGN_TAGS = frozenset({"svg", "math"})
# SVG animations can set an href to a script URL.
_ANIMATION_TAGS = frozenset({"animate", "set", "animatemotion", "animatetransform"})
# URL schemes that run code or documents when followed; tabs and newlines inside a scheme
# are ignored by URL parsers, so they are removed before comparing.
_SCRIPT_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html", "data:application/xhtml")
_URL_NOISE = re.compile(r"[\x00-\x20]+")
_STEP = re.compile(r"(.+):nth-of-type\((\d+)\)\Z", re.S)
# Our own head: first, before anything of the page. No script may run (event handlers and
# script URLs included), nothing may be framed or embedded, no <base> may move the links.
_HEAD = (
    '<meta charset="utf-8">'
    "<meta http-equiv=\"Content-Security-Policy\" content=\"script-src 'none'; object-src 'none'; "
    "frame-src 'none'; child-src 'none'; worker-src 'none'; base-uri 'none'; form-action 'none'\">"
    f'<style id="bs-style">{STYLE}</style>'
)


def annotate(
    html: str | bytes | Any,
    *,
    url: str | None = None,
    options: Options | None = None,
    content_type: str | None = None,
) -> str:
    """The annotated view of a page: one self-contained HTML document.

    It shows the page with every block outlined and tinted in the colour of its label,
    the label and score of each block on hover (a ``title``), a legend, and a side panel
    listing every block (index, label, score, first words) with a link to its element.
    Arguments are those of :func:`extract`, which it calls. An element holding several
    blocks takes the label holding most of their words (the first such block's label on
    a tie); its hover text lists them all. Blocks whose element is not in the view are
    listed, marked. The page's scripts, noscript, frames, plugins, event handlers, script
    URLs, meta refreshes and <base> are removed; its style sheets and markup are kept.
    The caller's input is never modified; the same input gives the same view.
    """
    options = DEFAULT_OPTIONS if options is None else options
    if not isinstance(options, Options):
        raise InputError(f"options must be an Options, not {type(options).__name__}")
    charset, note = None, ""
    if content_type is not None:
        if not isinstance(content_type, str):
            raise InputError(f"content_type must be str, not {type(content_type).__name__}")
        textual, charset = parse_content_type(content_type)
        if not textual:
            html, note = "", f"not shown: the content type is {content_type.split(';')[0].strip()}"
    if isinstance(html, LexborHTMLParser):
        html = html.html or ""  # serialised: the caller's tree is never touched
    text, truncated = prepare_input(html, charset, options)
    assert isinstance(text, str)  # only a Lexbor tree stays parsed, and it was serialised
    if looks_binary(text, options.binary_min_odd_chars):
        text, note = "", "not shown: binary data"
    elif text and is_tagless_scrap(text, options.tagless_max_chars):
        text, note = "", f"not shown: {len(text)} characters without a tag"
    deadline = None if options.time_budget is None else time.monotonic() + options.time_budget
    # One parse serves both: extract() reads a Lexbor tree without touching it, and only
    # then is the tree marked and cleaned.
    tree = parse(text)
    result = extract(tree, url=url, options=options)
    reveal = _revealed(tree, options, deadline)
    places = _mark(tree, result, reveal=reveal, panels=options.reveal_panels)
    _sanitise(tree, read_noscript=reveal)
    kept = {i for node in tree.css("[data-bs-blocks]") for i in _indices(node)}
    for index in set(places) - kept:  # inside an element that could run code
        places[index] = Placement(missing="removed with unsafe markup")
    return _serialise(tree, panel(result, places, truncated=truncated, note=note))


def _revealed(tree: LexborHTMLParser, options: Options, deadline: float | None) -> bool:
    """Whether extract() read the page with its hidden elements and noscript content
    shown, as ``_extract.measure`` decides it: the visible text is nearly empty."""
    if options.reveal_below_chars <= 0:
        return False
    seg = segment(
        body_of(tree), panels=options.reveal_panels, deadline=deadline, unseen=options.skip_screen_reader_text
    )
    return seg.chars < options.reveal_below_chars


def _numbered_children(
    node: Any, skipped: frozenset[str], reveal: bool, panels: bool
) -> dict[tuple[str, int], Any]:
    """The children of ``node`` by (tag, n) as the segment stage numbers them for
    :nth-of-type: elements it enters only (not skipped, not hidden unless revealed)."""
    found: dict[tuple[str, int], Any] = {}
    seen: Counter[str] = Counter()
    child = node.child
    while child is not None:
        tag = child.tag
        entered = tag and tag[0] not in "-_!" and tag != "br" and tag not in skipped
        if entered and (reveal or not _is_hidden(child.attributes, panels, tag)):
            seen[tag] += 1
            found[(tag, seen[tag])] = child
        child = child.next
    return found


def locate(root: Any, locators: set[str], *, reveal: bool, panels: bool) -> dict[str, Any]:
    """The element of each locator (a CSS path from the segment stage) under ``root``;
    locators that find none are left out."""
    skipped = REVEALED_SKIPPED_TAGS if reveal else SKIPPED_TAGS
    tables: dict[int, dict[tuple[str, int], Any]] = {}  # by the parent's mem_id
    found: dict[str, Any] = {}
    for locator in locators:
        steps = locator.split(">")
        node = root if root is not None and steps[0] == root.tag else None
        for step in steps[1:]:
            match = _STEP.match(step)
            if node is None or match is None:
                node = None
                break
            table = tables.get(node.mem_id)
            if table is None:
                table = tables[node.mem_id] = _numbered_children(node, skipped, reveal, panels)
            node = table.get((match[1], int(match[2])))
        if node is not None:
            found[locator] = node
    return found


def _mark(tree: LexborHTMLParser, result: Extraction, *, reveal: bool, panels: bool) -> dict[int, Placement]:
    """Mark the element of every block with its blocks, label and score (data-bs-*
    attributes, the class bs-block and a title); the placement of each located block."""
    by_locator: dict[str, list[Block]] = {}
    for block in result.blocks:
        if block.locator:
            by_locator.setdefault(block.locator, []).append(block)
    if not by_locator:
        return {}
    elements = locate(body_of(tree), set(by_locator), reveal=reveal, panels=panels)
    # Elements holding other marked elements (their inline text beside block children)
    # are outlined only: a tint would cover the blocks inside them.
    outer: set[int] = set()  # mem_id of every ancestor of a marked element
    for node in elements.values():
        up = node.parent
        while up is not None and up.mem_id not in outer:
            outer.add(up.mem_id)
            up = up.parent
    places: dict[int, Placement] = {}
    for locator, node in elements.items():
        blocks = by_locator[locator]
        words: Counter[str] = Counter()
        for b in blocks:
            words[b.label.value] += b.features.words
        top = max(words.values())
        main = next(b for b in blocks if words[b.label.value] == top)  # the first on a tie
        anchor = node.attributes.get("id") or ""
        if not anchor.strip():  # the page's own id when it has one: its CSS may use it
            anchor = node.attrs["id"] = f"bs-block-{blocks[0].index}"
        node.attrs["class"] = " ".join([*(node.attributes.get("class") or "").split(), "bs-block"])
        node.attrs["data-bs-blocks"] = " ".join(str(b.index) for b in blocks)
        node.attrs["data-bs-label"] = main.label.value
        node.attrs["data-bs-score"] = f"{main.score:.2f}"
        node.attrs["title"] = tooltip(blocks)
        if node.mem_id in outer:
            node.attrs["data-bs-outer"] = ""
        for b in blocks:
            places[b.index] = Placement(anchor=anchor)
    return places


def _is_script_url(value: str) -> bool:
    return _URL_NOISE.sub("", value).lower().startswith(_SCRIPT_SCHEMES)


def _unsafe(node: Any) -> bool:
    """Whether an element goes from the view with its subtree."""
    tag = node.tag.lower()
    if tag in _REMOVED_TAGS:
        return True
    attrs = {k.lower(): (v or "") for k, v in node.attributes.items()}
    if tag == "meta":  # refresh, a CSP that would block our style, a charset we replace
        return "http-equiv" in attrs or "charset" in attrs
    if tag == "link":  # style sheets stay; preloads, imports, manifests go
        return "stylesheet" not in attrs.get("rel", "").lower().split()
    if tag in _ANIMATION_TAGS:
        return attrs.get("attributename", "").lower().endswith("href")
    return False


def _mutates(node: Any, parents: list[Any]) -> bool:
    """Whether a raw-text element sits in SVG or MathML (see _RAW_TEXT_TAGS)."""
    return node.tag.lower() in _RAW_TEXT_TAGS and any(p.tag.lower() in _FOREIGN_TAGS for p in parents)


def _clean_attributes(node: Any) -> None:
    """Remove the event handlers and the script URLs of an element."""
    for name, value in node.attributes.items():
        if name.lower().startswith("on") or name.lower() == "srcdoc" or (value and _is_script_url(value)):
            del node.attrs[name]


def _sanitise(tree: LexborHTMLParser, *, read_noscript: bool) -> None:
    """Remove from ``tree`` everything that could run code (see _REMOVED_TAGS and _unsafe),
    and every event handler and script URL."""
    doomed: list[Any] = []
    unwrapped: list[Any] = []
    parents: list[Any] = []  # the open ancestors of node
    node: Any = tree.root
    while node is not None:  # iterative: any depth is safe
        descend = False
        if node.is_element_node:
            if node.tag == "plaintext" or (read_noscript and node.tag == "noscript"):
                unwrapped.append(node)
                descend = True
            elif _unsafe(node) or _mutates(node, parents):
                doomed.append(node)
            else:
                _clean_attributes(node)
                descend = True
        child = node.child if descend else None
        if child is not None:
            parents.append(node)
            node = child
            continue
        following = node.next
        while following is None and parents:
            following = parents.pop().next
        node = following
    for node in doomed:
        node.decompose()
    for node in unwrapped:
        node.unwrap(delete_empty=True)


def _indices(node: Any) -> list[int]:
    return [int(i) for i in str(node.attributes.get("data-bs-blocks") or "").split()]


def _serialise(tree: LexborHTMLParser, appended: str) -> str:
    """The document with our head first in <head> and ``appended`` at the end of <body>."""
    head = parse(f"<html><head>{_HEAD}</head><body>{appended}</body></html>")
    target_head = tree.head
    if target_head is not None and head.head is not None:
        ours = list(_children(head.head))
        first = target_head.child
        for node in ours:
            if first is not None:
                first.insert_before(node)
            else:
                target_head.insert_child(node)
    body = tree.body if tree.body is not None else tree.root
    if body is not None and head.body is not None:
        for node in list(_children(head.body)):
            body.insert_child(node)
    return tree.html or ""


def _children(node: Any) -> list[Any]:
    found = []
    child = node.child
    while child is not None:
        found.append(child)
        child = child.next
    return found
