"""Segment stage: one traversal of the parsed page into text blocks and element statistics.

The traversal is iterative (no recursion, so any nesting depth is safe) and sees each
element twice, on entry and on exit, so that a block ends exactly where its element
ends and every element learns the totals of its subtree (characters, link characters,
tags, links) from counters read at entry and exit. It never modifies the tree.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from ._errors import ExtractionTimeoutError
from ._model import Role
from ._rules import BLOCK_TAGS, HEADING_LEVELS, REVEALED_SKIPPED_TAGS, SKIPPED_TAGS

_ROLE_OF_TAG: dict[str, Role] = {
    "li": Role.LIST_ITEM,
    "dt": Role.LIST_ITEM,
    "dd": Role.LIST_ITEM,
    "td": Role.TABLE_CELL,
    "th": Role.TABLE_CELL,
    "pre": Role.CODE,
    "blockquote": Role.QUOTE,
    "figcaption": Role.CAPTION,
    "caption": Role.CAPTION,
    **{h: Role.HEADING for h in HEADING_LEVELS},
}
# Roles a nested block inherits from an enclosing element (a <p> inside <li> is a list item).
_INHERITED_ROLES = frozenset({Role.LIST_ITEM, Role.CODE, Role.QUOTE, Role.CAPTION, Role.HEADING})
# Control characters never reach the text (terminal escapes, bells, NULs); tab and
# newline are whitespace and handled as such.
_CONTROL = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
_CHECK_EVERY = 4096  # nodes between two looks at the clock
_HIDDEN_STYLE = ("display:none", "display: none", "visibility:hidden", "visibility: hidden")


@dataclass(frozen=True, slots=True)
class Element:
    """A block-level element of the page, with the totals of its subtree."""

    tag: str
    parent: int  # index of the nearest block-level ancestor, -1 for the root
    depth: int  # block-level ancestors above it
    names: str  # raw class, id and itemprop values, space separated
    aria_role: str
    locator: str  # CSS path; built only for elements that own a block ("" otherwise)
    chars: int  # characters of text in the subtree
    link_chars: int
    tags: int  # elements in the subtree, itself included
    link_tags: int


@dataclass(frozen=True, slots=True)
class RawBlock:
    """A run of text that belongs to one block-level element."""

    text: str
    element: int  # index of the owning Element
    role: Role
    heading_level: int
    link_chars: int
    row: int  # element index of the enclosing <tr> for table cells and rows, else -1


@dataclass(frozen=True, slots=True)
class Segmented:
    elements: tuple[Element, ...]
    blocks: tuple[RawBlock, ...]

    @property
    def chars(self) -> int:
        return self.elements[0].chars if self.elements else 0


Path = tuple[Any, str]  # (parent's Path or None, "tag:nth-of-type(k)")


def _css_path(path: Path) -> str:
    steps = []
    node: Path | None = path
    while node is not None:
        node, step = node
        steps.append(step)
    return ">".join(reversed(steps))


class _Open:
    """Bookkeeping for one open element during the traversal."""

    __slots__ = ("block", "element", "first_block", "level", "path", "role", "row", "seen", "start", "tag")

    def __init__(
        self,
        *,
        element: int,
        tag: str,
        block: bool,
        start: tuple[int, int, int, int],
        role: Role | None,
        level: int,
        row: int,
        path: Path,
    ) -> None:
        self.element = element
        self.tag = tag
        self.block = block
        self.start = start
        self.role = role
        self.level = level
        self.row = row
        self.path = path
        self.seen: dict[str, int] | None = None  # child tag -> count, for :nth-of-type
        self.first_block = 0  # blocks before this element (table rows merge what follows)

    def nth(self, tag: str) -> int:
        if self.seen is None:
            self.seen = {}
        n = self.seen.get(tag, 0) + 1
        self.seen[tag] = n
        return n


def _is_hidden(attrs: dict[str, str | None]) -> bool:
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    # aria-hidden is not hiding: sites set it on icons and on visible decorative text.
    return bool(style) and any(s in style.lower() for s in _HIDDEN_STYLE)  # type: ignore[union-attr]


class _Segmenter:
    """Accumulates blocks while the traversal feeds it entry, exit and text events."""

    def __init__(self) -> None:
        self.elements: list[list[Any]] = []  # mutable rows, frozen into Element at the end
        self.blocks: list[RawBlock] = []
        self.lines: list[list[str]] = [[]]  # current block: lines of raw text pieces
        self.block_link_chars = 0
        self.chars = 0
        self.link_chars = 0
        self.tags = 0
        self.link_tags = 0
        self.in_link = 0
        self.in_pre = 0
        self.stack: list[_Open] = []  # every open element
        self.open_blocks: list[_Open] = []  # the open block-level elements

    # -- text ---------------------------------------------------------------
    def text(self, raw: str) -> None:
        if not raw:
            return
        self.lines[-1].append(raw)
        n = len(raw) if self.in_pre else len(raw.strip())
        self.chars += n
        if self.in_link:
            self.link_chars += n
            self.block_link_chars += n

    def line_break(self) -> None:
        line_is_empty = not "".join(self.lines[-1]).strip()
        if line_is_empty and len(self.lines) > 1:  # <br><br>: a paragraph break
            self.flush()
            return
        self.lines.append([])

    def flush(self) -> None:
        if self.in_pre:
            text = "\n".join("".join(line) for line in self.lines).translate(_CONTROL).strip("\n")
            text = text if text.strip() else ""
        else:
            parts = (" ".join("".join(line).translate(_CONTROL).split()) for line in self.lines)
            text = "\n".join(p for p in parts if p)
        self.lines = [[]]
        link_chars, self.block_link_chars = self.block_link_chars, 0
        if not text:
            return
        owner = self.open_blocks[-1]
        role = owner.role or Role.PARAGRAPH
        self.blocks.append(
            RawBlock(
                text,
                owner.element,
                role,
                owner.level if role is Role.HEADING else 0,
                min(link_chars, len(text)),
                owner.row if role is Role.TABLE_CELL else -1,
            )
        )

    # -- elements -------------------------------------------------------------
    def enter(self, tag: str, attrs: dict[str, str | None]) -> None:
        self.tags += 1
        if tag == "a":
            self.link_tags += 1
            self.in_link += 1
        elif tag == "pre":
            self.in_pre += 1
        parent = self.stack[-1] if self.stack else None
        # The CSS path as a linked chain of steps, joined into a string only for the
        # elements that own blocks: strings per element would cost depth squared.
        path: Path = (parent.path, f"{tag}:nth-of-type({parent.nth(tag)})") if parent else (None, tag)
        if tag not in BLOCK_TAGS:
            frame = _Open(
                element=-1,
                tag=tag,
                block=False,
                start=(0, 0, 0, 0),
                role=None,
                level=0,
                row=-1,
                path=path,
            )
            self.stack.append(frame)
            return
        self.flush()
        own_role = _ROLE_OF_TAG.get(tag)
        outer = self.open_blocks[-1] if self.open_blocks else None
        role, level, row = own_role, HEADING_LEVELS.get(tag, 0), -1
        if outer is not None:
            if role is None and outer.role in _INHERITED_ROLES:
                role, level = outer.role, outer.level
            row = outer.element if tag in ("td", "th") and outer.tag == "tr" else outer.row
        names = " ".join(v for k in ("class", "id", "itemprop") if (v := attrs.get(k)))
        index = len(self.elements)
        self.elements.append(
            [
                tag,
                outer.element if outer else -1,
                len(self.open_blocks),
                names,
                (attrs.get("role") or "").lower(),
                path,
                0,
                0,
                0,
                0,
            ]
        )
        start = (self.chars, self.link_chars, self.tags, self.link_tags)
        frame = _Open(
            element=index, tag=tag, block=True, start=start, role=role, level=level, row=row, path=path
        )
        frame.first_block = len(self.blocks)
        self.stack.append(frame)
        self.open_blocks.append(frame)

    def exit(self) -> None:
        frame = self.stack[-1]
        if frame.block:
            self.flush()
            totals = self.elements[frame.element]
            c, lc, t, lt = frame.start
            totals[6:10] = [self.chars - c, self.link_chars - lc, self.tags - t + 1, self.link_tags - lt]
            self.open_blocks.pop()
            if frame.tag == "tr":
                self.merge_row(frame)
        self.stack.pop()
        if frame.tag == "a":
            self.in_link -= 1
        elif frame.tag == "pre":
            self.in_pre -= 1

    def merge_row(self, frame: _Open) -> None:
        """Turn the blocks of a data-table row (one block per cell, cells of this row
        only) into one row block; rows of layout tables, whose cells hold paragraphs,
        stay as they are."""
        row_blocks = self.blocks[frame.first_block :]
        if not row_blocks:
            return
        owners = [b.element for b in row_blocks]
        if len(set(owners)) != len(owners) or any(
            self.elements[o][1] != frame.element or b.role is not Role.TABLE_CELL or b.row != frame.element
            for o, b in zip(owners, row_blocks)
        ):
            return
        del self.blocks[frame.first_block :]
        self.blocks.append(
            RawBlock(
                " | ".join(b.text.replace("\n", " ") for b in row_blocks),
                frame.element,
                Role.TABLE_ROW,
                0,
                sum(b.link_chars for b in row_blocks),
                frame.element,
            )
        )

    def result(self) -> Segmented:
        owners = {b.element for b in self.blocks}
        for index in owners:  # CSS paths as strings, for the block owners only
            self.elements[index][5] = _css_path(self.elements[index][5])
        for index, row in enumerate(self.elements):
            if index not in owners:
                row[5] = ""
        return Segmented(tuple(Element(*row) for row in self.elements), tuple(self.blocks))


def segment(root: Any, *, reveal: bool = False, deadline: float | None = None) -> Segmented:
    """Blocks and element statistics of the subtree at ``root`` (a selectolax node).

    With ``reveal``, the text a browser hides until scripts run (``hidden`` and
    ``display:none`` elements, where server-rendered React pages stream their content)
    and ``<noscript>`` content (what a client without scripts is shown) are read too.
    Past ``deadline`` (a time.monotonic() value) it raises ExtractionTimeoutError.
    """
    skipped = REVEALED_SKIPPED_TAGS if reveal else SKIPPED_TAGS
    seg = _Segmenter()
    if root is None:
        return seg.result()
    parents: list[Any] = []
    node = root
    visited = 0
    while node is not None:
        visited += 1
        if deadline is not None and not visited % _CHECK_EVERY and time.monotonic() > deadline:
            raise ExtractionTimeoutError("extraction ran past Options.time_budget")
        tag = node.tag
        descend = False
        if tag == "-text":
            seg.text(node.text_content or "")
        elif tag == "br":
            seg.line_break()
        elif tag and tag[0] not in "-_!" and tag not in skipped:
            attrs = node.attributes
            if reveal or not _is_hidden(attrs):
                seg.enter(tag, attrs)
                descend = True
        child = node.child if descend else None
        if child is not None:
            parents.append(node)
            node = child
            continue
        if descend:
            seg.exit()
        node = _next_node(node, root, parents, seg)
    return seg.result()


def _next_node(node: Any, root: Any, parents: list[Any], seg: _Segmenter) -> Any:
    """The next node in document order after ``node``'s subtree, closing finished parents."""
    while True:
        if not parents:  # node is root: nothing after it
            return None
        nxt = node.next
        if nxt is not None:
            return nxt
        node = parents.pop()
        seg.exit()
