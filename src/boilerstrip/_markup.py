"""The structure the output formats need, recorded during the segment stage's traversal.

The segment stage calls :class:`Recorder` on entering and leaving the few elements that
carry structure (lists, blockquotes, tables, code, links, images) and asks it for a
:class:`Markup` only when it creates a block, so a block's structure costs a few stack
operations and nothing is read twice. Blocks with no structure share ``NO_MARKUP``.
"""

from __future__ import annotations

import functools
import itertools
import re
from array import array
from collections.abc import Callable
from typing import Any, Final, cast

from ._compiled import c_module
from ._model import NO_MARKUP, Image, Link, Markup, new_tuple

# Elements whose entry and exit the recorder sees (every other element costs one set
# lookup); the segment stage records <a> itself, the most frequent of them. Final: a C
# static in the compiled build (a dict lookup at each use otherwise).
ENTERED: Final = frozenset({"ul", "ol", "li", "blockquote", "table", "thead", "pre", "code", "img"})
EXITED: Final = frozenset({"ul", "ol", "blockquote", "table", "thead", "pre"})
# The ones whose attributes Recorder.enter reads (the C walk gives the others an empty dict),
# and the attributes it reads of them (the C walk gives it those alone: _cwalk_enter.c's table).
READS_ATTRIBUTES: Final = frozenset({"ol", "img", "pre", "code"})
ENTER_READS: Final = ("start", "src", "data-src", "alt", "class", "data-lang")
_NO_LANGUAGE: Final = frozenset({"default", "none", "text", "plain", "plaintext", "nohighlight", "auto"})
_MAX_MISSES: Final = 32  # links of a block whose text is not found before the rest are given up
_MAX_PENDING_IMAGES: Final = 8  # images waiting for a block (a text-less gallery keeps its last few)
_HEADER_ONLY: Final = Markup(header=True)  # a header cell's structure when its links are set apart


def code_language(attrs: dict[str, str | None]) -> str:
    """The code language an element names in its class or data-lang attribute, or ""."""
    named = (attrs.get("data-lang") or "").strip().lower()
    if named:
        # A name as a class gives it: data-lang="py&#10;x" made Markdown's fence "```py", its
        # code "x" and the rest.
        return "" if named in _NO_LANGUAGE or _language_name().fullmatch(named) is None else named
    return named_language(attrs.get("class") or "")


# class="language-python", "lang-js", "highlight-python" (Sphinx), "highlight-source-go"
# (GitHub), "sourceCode haskell" (pandoc).
# Compiled on first use, not at import (as _metadata's byline pattern): only <pre> and
# <code> elements with a class read it. The cache holds one value that depends on nothing.
@functools.cache
def _language() -> re.Pattern[str]:
    return re.compile(
        r"(?:^|\s)(?:(?:language|lang|highlight-source|highlight)-([\w+#.-]{1,30})|sourceCode\s+([\w+#.-]{1,30}))"
    )


@functools.cache
def _language_name() -> re.Pattern[str]:
    return re.compile(r"[\w+#.-]{1,30}")


def named_language(names: str) -> str:
    """The code language class names name ("language-python", "highlight-rust"), or ""."""
    found = _language().search(names)
    if found is None:
        return ""
    named = (found.group(1) or found.group(2)).lower()
    return "" if named in _NO_LANGUAGE else named


def _collapse_python(text: str) -> str:
    return " ".join(text.split())


class Recorder:
    """Open lists, quotes, tables, anchors and pending images of the traversal."""

    __slots__ = (
        "_ids",
        "_last",
        "_last_header",
        "_last_language",
        "_last_lists",
        "_last_quotes",
        "_last_table",
        "_lists_now",
        "_urls",
        "anchors",
        "hrefs",
        "images",
        "language",
        "links",
        "lists",
        "quotes",
        "spans",
        "tables",
        "thead",
    )

    def __init__(self, typecode: str = "q") -> None:
        self.lists: list[tuple[int, str, int]] = []  # (list id, tag, items so far)
        # tuple(self.lists), kept until the lists change: the blocks of one list item share it
        self._lists_now: tuple[tuple[int, str, int], ...] | None = ()
        self.quotes = self.thead = 0
        self.tables: list[int] = []
        self.language = ""  # of the open <pre>
        self.anchors: list[list[Any]] = []  # open <a>: [first piece, href or None]
        self.links: list[tuple[int, int, str]] = []  # closed links of the current block (pieces)
        self.images: list[Image] = []  # seen since the last block was made
        self._ids = 0
        # The links of the blocks made so far, in order: (start, end) in spans, the URL in
        # hrefs; made into Links once the tree is released (links_of()), as a Link, its
        # tuple and its ints took about 0.4 times the page while the tree was alive.
        self.spans: array[int] = array(typecode)  # "i" on pages too short to need 8 bytes
        self.hrefs: list[str] = []
        # One string per distinct URL of the page (Lexbor returns a new string each time):
        # menus, share bars and repeated cards link to the same few URLs.
        self._urls: dict[str, str] = {}
        # The last Markup made and its fields: the next block of the same structure (the
        # blocks of one list item, a table's cells, a quote's paragraphs) shares it, as a
        # tuple that is never changed (6,396 Markups made on 20 pages, one per such block).
        self._last: Markup | None = None
        self._last_quotes = self._last_table = 0
        self._last_language = ""
        self._last_header = False
        self._last_lists: tuple[tuple[int, str, int], ...] = ()

    def enter(self, tag: str, attrs: dict[str, str | None], in_pre: int, wrappers: str) -> None:
        """An element opens; ``wrappers``: for <pre>, the class names of the block-level
        elements around it (highlighters name the language on a wrapper)."""
        if tag == "li":
            if self.lists:
                list_id, kind, items = self.lists[-1]
                self.lists[-1] = (list_id, kind, items + 1)
                self._lists_now = None
        elif tag in ("ul", "ol"):
            self._ids += 1
            start = _start(attrs.get("start")) if tag == "ol" else 1
            self.lists.append((self._ids, tag, start - 1))
            self._lists_now = None
        elif tag == "img":  # (the C walk's in C: _cwalk_image.c)
            src = attrs.get("src") or attrs.get("data-src")
            if src and src.strip() and not src.lstrip().lower().startswith("data:"):
                self.images.append(new_tuple(Image, (src.strip(), _collapse(attrs.get("alt") or ""))))
                del self.images[:-_MAX_PENDING_IMAGES]
        elif tag == "blockquote":
            self.quotes += 1
        elif tag == "table":
            self._ids += 1
            self.tables.append(self._ids)
        elif tag == "thead":
            self.thead += 1
        elif tag == "pre":
            self.language = code_language(attrs) or named_language(wrappers)
        elif in_pre and not self.language:  # <code> inside <pre>
            self.language = code_language(attrs)

    def open_link(self, pieces: int, href: str | None) -> None:
        href = href.strip() if href else href  # stripped once; "" and None both mean no link
        self.anchors.append([pieces, href or None])

    def close_link(self, pieces: int) -> None:
        start, href = self.anchors.pop()
        if href is not None and pieces > start:
            self.links.append((start, pieces, self._urls.setdefault(href, href)))

    def exit(self, tag: str, in_pre: int) -> None:
        if tag in ("ul", "ol"):
            self.lists.pop()
            self._lists_now = None
        elif tag == "blockquote":
            self.quotes -= 1
        elif tag == "table":
            self.tables.pop()
        elif tag == "thead":
            self.thead -= 1
        elif tag == "pre" and in_pre <= 1:
            self.language = ""

    def markup(self, text: str, pieces: list[str], owner_tag: str, pre: bool, cell: bool) -> Markup:
        """The structure of the block being made from ``pieces`` (whose text is ``text``),
        but for its links, which go to ``spans`` and ``hrefs`` (see :func:`links_of`)."""
        links = (
            _record_links(text, pieces, self.links, self.anchors, pre, self.spans, self.hrefs)
            if self.links or self.anchors
            else 0
        )
        return self.structure(owner_tag, pre, cell, links > 0)

    def structure(self, owner_tag: str, pre: bool, cell: bool, linked: bool) -> Markup:
        """:meth:`markup` once the block's links are kept (``linked``: it has some): the C walk
        keeps them itself (_cwalk_links.c) and calls this."""
        images: tuple[Image, ...] = ()
        if self.images:  # most blocks have none: no copy, no clear
            images = tuple(self.images)
            self.images.clear()
        table = self.tables[-1] if cell and self.tables else -1  # only rows and cells need it
        if not (self.lists or self.quotes or table >= 0 or linked or images or (pre and self.language)):
            return NO_MARKUP
        header = cell and (owner_tag == "th" or self.thead > 0)
        if not (self.lists or self.quotes or table >= 0 or images or (pre and self.language)):
            return _HEADER_ONLY if header else NO_MARKUP  # links only: shared
        language = self.language if pre else ""
        # The C walk counts an <li> in place (_cwalk_enter.c), without setting _lists_now to
        # None: the innermost list's count of items is then another (each <li> adds one;
        # compared as ints: the compiled build unboxes the tuples, so `is` would never hold).
        lists = self._lists_now
        if lists is None or (lists and lists[-1][2] != self.lists[-1][2]):
            lists = self._lists_now = tuple(self.lists)
        last = self._last
        if (
            last is not None
            and not images
            and self._last_lists is lists
            and self._last_quotes == self.quotes
            and self._last_table == table
            and self._last_header == header
            and self._last_language == language
        ):
            return last
        # The fields in order: a named tuple's keyword call costs far more.
        made: Markup = new_tuple(Markup, (lists, self.quotes, language, table, (), header, (), images))
        if not images:  # (one statement each: a tuple assignment makes a tuple when compiled)
            self._last = made
            self._last_lists = lists
            self._last_quotes = self.quotes
            self._last_table = table
            self._last_language = language
            self._last_header = header
        return made

    def block_done(self) -> None:
        """A block was made (or its pieces were dropped): what belonged to it is used."""
        self.links.clear()
        for anchor in self.anchors:  # an open link goes on into the next block
            anchor[0] = 0


def _links(
    text: str, pieces: list[str], closed: list[tuple[int, int, str]], anchors: list[list[Any]], pre: bool
) -> list[tuple[int, int, str]]:
    """A block's links (``closed``, and the ``anchors`` still open) as (start, end, href) in its
    text: each anchor's text is looked for after the previous one, no further than the raw text
    between them reaches (so a block of many links costs the length of its text, whether each is
    found or not)."""
    spans = closed
    if anchors:  # links still open go on to the end of the block
        spans = sorted([*spans, *((a[0], len(pieces), a[1]) for a in anchors if a[1] is not None)])
    if len(spans) == 1:  # the common case: one link, often the whole block
        start, end, href = spans[0]
        anchor = pieces[start] if end - start == 1 else "".join(pieces[start:end])  # mostly one piece
        anchor = anchor.strip("\n") if pre else " ".join(anchor.split())
        at = text.find(anchor) if anchor else -1
        return [(at, at + len(anchor), href)] if at >= 0 else []
    ends = [0, *itertools.accumulate(map(len, pieces))]  # raw characters before each piece
    found: list[tuple[int, int, str]] = []
    cursor = after = misses = 0  # end of the last link found: in the text, in pieces
    for start, end, href in spans:
        anchor = "".join(pieces[start:end])
        anchor = anchor.strip("\n") if pre else _collapse(anchor)
        if not anchor or start < after:
            continue
        limit = cursor + (ends[start] - ends[after]) + len(anchor) + 1
        at = text.find(anchor, cursor, limit)
        if at >= 0:
            found.append((at, at + len(anchor), href))
            cursor, after = at + len(anchor), end
        else:  # its text differs (a <br> in it): the window to the next link grows
            misses += 1
            if misses > _MAX_MISSES:
                break
    return found


def record_links_python(  # noqa: PLR0917 - the C function's positional arguments
    text: str,
    pieces: list[str],
    closed: list[tuple[int, int, str]],
    anchors: list[list[Any]],
    pre: bool,
    spans: array[int],
    hrefs: list[str],
) -> int:
    """How many links of the block made from ``pieces`` (whose text is ``text``) were found in
    its text (:func:`_links`), each kept as its (start, end) in ``spans`` and its URL in
    ``hrefs`` (see :func:`links_of`); in the compiled build ``_cscan.record_links``
    (_cscan_links.c)."""
    found = _links(text, pieces, closed, anchors, pre)
    for start, end, href in found:
        spans.extend((start, end))
        hrefs.append(href)
    return len(found)


_LinksRecorder = Callable[
    [str, list[str], list[tuple[int, int, str]], list[list[Any]], bool, "array[int]", list[str]], int
]


def _c_helpers() -> tuple[_LinksRecorder, Callable[[str], str]]:
    """:func:`record_links_python` and :func:`_collapse_python`, or in the compiled build the same
    in C: ``_cscan.record_links`` and ``_cscan.join_words`` (_cscan_links.c)."""
    module = c_module("_cscan")
    if module is None:
        return record_links_python, _collapse_python
    return cast(_LinksRecorder, module.record_links), cast(Callable[[str], str], module.join_words)


_C_HELPERS: Final = _c_helpers()
_record_links: Final = _C_HELPERS[0]
_collapse: Final = _C_HELPERS[1]  # " ".join(text.split())


def _start(value: str | None) -> int:
    """The first number of an ordered list (its start attribute, default 1)."""
    try:
        return max(min(int((value or "1").strip()), 1_000_000), -1_000_000)
    except ValueError:
        return 1


def links_of(spans: array[int], hrefs: list[str], first: int, end: int) -> tuple[Link, ...]:
    """The links ``first`` to ``end`` (excluded) that :class:`Recorder` set apart."""
    return tuple(new_tuple(Link, (spans[2 * k], spans[2 * k + 1], hrefs[k])) for k in range(first, end))
