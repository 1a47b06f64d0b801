"""Segment stage: one traversal of the parsed page into text blocks and element statistics.

The traversal is iterative (no recursion, so any nesting depth is safe) and sees each
element twice, on entry and on exit, so that a block ends exactly where its element
ends and every element learns the totals of its subtree (characters, link characters,
tags, links) from counters read at entry and exit. It never modifies the tree. On the
way it records the structure each block has for the output formats (lists, quotes,
tables, code language, links, images: _markup.py).
"""

from __future__ import annotations

import itertools
import re
import struct
from array import array
from typing import Any

from ._errors import check_deadline
from ._markup import ENTERED, EXITED, Recorder, row_markup
from ._model import NO_MARKUP, Markup, Role, with_links
from ._rules import BLOCK_TAGS, HEADING_LEVELS, REVEALED_SKIPPED_TAGS, SKIPPED_TAGS, is_disclosure_panel
from ._segmented import (
    _BLOCK_NUMBERS,
    _CHARS,
    _FIRST_LINK,
    _NAMES,
    _NUMBERS,
    _PARENT,
    _STEP,
    _STRINGS,
    BlockTexts,
    Segmented,
    Traversal,
    finish,
    packed,
    raw_blocks,
    truncate,
)

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
# str.translate looks up every character of non-ASCII text in the dict: searching for one
# first is many times faster, and text almost never holds any.
_HAS_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_NO_TAG = "\x00"  # not a tag name: marks a tag id not yet looked up
# Rows written into the arrays of a traversal, by their typecode: an element's numbers on
# entry (_NUMBERS), its subtree's four counts on exit, a block's numbers (_BLOCK_NUMBERS).
# Packed as C ints in one call: array.extend and item assignment convert each int with
# PyArg_Parse, a tenth of the traversal's instructions. A count past the typecode's range
# raises struct.error, given to the caller as OverflowError (as the arrays raise it).
_ROWS = {code: tuple(struct.Struct(f"@{n}{code}") for n in (6, 4, 5)) for code in ("i", "q")}
_HIDDEN_STYLE = ("display:none", "display: none", "visibility:hidden", "visibility: hidden")


# Fields of an open block-level element, kept in a tuple (one allocation per element);
# _STACK is its position in the stack of open elements.
# _AT_*: the running totals when it opened.
_ELEMENT, _TAG, _AT_CHARS, _AT_LINK_CHARS, _AT_TAGS, _AT_LINK_TAGS = range(6)
_ROLE, _LEVEL, _ROW, _FIRST_BLOCK, _STACK = range(6, 11)
# Fields of an entry of the stack of open elements (a list: its child counts are filled in
# when first needed).
_NTH, _FRAME, _SEEN = 1, 2, 3


def _record_steps(st: _State, frames: list[tuple[Any, ...]]) -> None:
    """Record the CSS step of the open element ``frames[-1]`` and of its block-level
    ancestors (``frames``, outermost first) that have none yet: the part of its CSS path
    below its block-level parent, e.g. ">div:nth-of-type(2)>p:nth-of-type(1)".

    A block's owner is open when its block is made, and so are all its ancestors: the
    steps are read off the stack, and :func:`finish` joins them into paths once the tree
    is released. So steps are made only for owners of blocks and their ancestors, and the
    same step is one string for the page."""
    strings, stack, known = st.elements, st.stack, st.strings
    k = len(frames) - 1
    while k >= 0:
        frame = frames[k]
        at = frame[_ELEMENT] * _STRINGS + _STEP
        if strings[at]:
            return  # its ancestors have theirs too
        start = frames[k - 1][_STACK] + 1 if k else 0
        # The root's step is its bare tag.
        root = stack[0][0] if not start else ""
        entries = stack[max(start, 1) : frame[_STACK] + 1]
        step = root + "".join([f">{e[0]}:nth-of-type({e[_NTH]})" for e in entries])
        strings[at] = known.setdefault(step, step)
        k -= 1


def _block_text(pieces: list[str], breaks: list[int], pre: bool) -> str:
    """The text of a block from its raw pieces; ``breaks`` are the indices of the pieces
    that start a new line (``<br>``). Whitespace is collapsed outside ``<pre>``."""
    if not breaks:  # one line: the common case, without the lists of the general one
        line = "".join(pieces)
        if _HAS_CONTROL.search(line) is not None:
            line = line.translate(_CONTROL)
        if pre:
            text = line.strip("\n")
            return text if text.strip() else ""
        return " ".join(line.split())
    bounds = [0, *breaks, len(pieces)]
    lines = ["".join(pieces[a:b]) for a, b in itertools.pairwise(bounds)]
    if any(_HAS_CONTROL.search(line) for line in lines):
        lines = [line.translate(_CONTROL) for line in lines]
    if pre:
        text = "\n".join(lines).strip("\n")
        return text if text.strip() else ""
    parts = (" ".join(line.split()) for line in lines)
    return "\n".join(p for p in parts if p)


class _State:
    """What the traversal has built and its running counters."""

    __slots__ = (
        "block_link_chars",
        "block_numbers",
        "breaks",
        "chars",
        "elements",
        "has_text",
        "in_link",
        "in_pre",
        "link_chars",
        "link_tags",
        "markup",
        "markups",
        "numbers",
        "open_blocks",
        "pack_at",
        "panels",
        "pieces",
        "reveal",
        "roles",
        "rows",
        "stack",
        "strings",
        "tags",
        "texts",
    )

    def __init__(
        self, reveal: bool, panels: bool = False, typecode: str = "q", pack_at: int | None = None
    ) -> None:
        self.reveal = reveal
        self.panels = panels
        # The fields of every block-level element, a row of _STRINGS and one of _NUMBERS,
        # made into Elements by finish(): one list and one array for the page, not a list
        # per element (two small objects per element, which left holes in Python's memory
        # arenas when they were freed), nor an int object per count.
        self.elements: list[str] = []
        self.numbers: array[int] = array(typecode)
        self.rows = _ROWS[typecode]
        self.texts: BlockTexts = []  # the blocks' columns (see Traversal)
        self.pack_at = pack_at  # the texts go into a buffer once they number this many
        self.roles: list[Role] = []
        self.block_numbers: array[int] = array(typecode)
        self.markups: list[Markup] = []
        self.open_blocks: list[tuple[Any, ...]] = []  # the open block-level elements
        # Every open element: [tag, :nth-of-type index, block tuple or None, child tag ->
        # count or None].
        self.stack: list[list[Any]] = []
        self.pieces: list[str] = []  # raw text of the current block
        self.breaks: list[int] = []  # indices in pieces where a <br> started a new line
        self.has_text = False  # some piece holds more than whitespace (else the block is empty)
        self.chars = self.link_chars = self.tags = self.link_tags = 0  # running totals
        self.block_link_chars = self.in_link = self.in_pre = 0
        self.markup = Recorder(typecode)
        # One object per distinct tag, class/id string and ARIA role of the page: Lexbor
        # hands out a new string each time, and every element keeps its own otherwise
        # (about 0.4 times the page's size while the tree is alive, on a 5 MB page).
        self.strings: dict[str, str] = {}


def _end_block(st: _State) -> None:
    """End the current block: its text, if any, becomes a RawBlock of the innermost open
    block-level element. With no pieces and no breaks it has nothing to do (callers skip
    it then): text, link characters and the block's closed links all come with pieces, and
    open links' first pieces were set to 0 when the pieces were last dropped."""
    if st.has_text:
        text = _block_text(st.pieces, st.breaks, st.in_pre > 0)
        if text:
            owner = st.open_blocks[-1]
            if not st.elements[owner[_ELEMENT] * _STRINGS + _STEP]:
                _record_steps(st, st.open_blocks)
            role = owner[_ROLE] or Role.PARAGRAPH
            cell = role is Role.TABLE_CELL
            rec = st.markup  # most blocks have no structure: the recorder is asked only when one may
            structured = rec.lists or rec.quotes or rec.links or rec.anchors or rec.images or st.in_pre
            st.texts.append(text)
            if len(st.texts) == st.pack_at:
                st.texts = packed(st.texts, st.pack_at)
            st.roles.append(role)
            st.block_numbers.frombytes(
                st.rows[2].pack(
                    owner[_ELEMENT],
                    owner[_LEVEL] if role is Role.HEADING else 0,
                    min(st.block_link_chars, len(text)),
                    owner[_ROW] if cell else -1,
                    len(rec.hrefs),
                )
            )
            st.markups.append(
                rec.markup(text, st.pieces, owner[_TAG], st.in_pre > 0, cell)
                if structured or (cell and rec.tables)
                else NO_MARKUP
            )
    if st.markup.links or st.markup.anchors:
        st.markup.block_done()
    del st.pieces[:], st.breaks[:]
    st.block_link_chars, st.has_text = 0, False


def _line_break(st: _State) -> None:
    breaks, pieces = st.breaks, st.pieces
    if not breaks or "".join(pieces[breaks[-1] :]).strip():
        breaks.append(len(pieces))
    else:  # <br><br> (a line with nothing on it after a break): a paragraph break
        _end_block(st)


def _is_hidden(attrs: dict[str, str | None], panels: bool = False) -> bool:
    """Whether the element is hidden; with ``panels``, the hidden panels of tab sets and
    accordions are not (a click shows them: _rules.DISCLOSURE_NAME_RULE)."""
    style = attrs.get("style")
    # aria-hidden is not hiding: sites set it on icons and on visible decorative text.
    hidden = "hidden" in attrs or (bool(style) and any(s in style.lower() for s in _HIDDEN_STYLE))  # type: ignore[union-attr]
    return hidden and not (panels and is_disclosure_panel(attrs))


def _enter(st: _State, tag: str, attrs: dict[str, str | None]) -> bool:
    """Open an element; False (and nothing recorded) when it is hidden."""
    # Most elements have neither attribute: _is_hidden is called only for those that do.
    if not st.reveal and ("hidden" in attrs or "style" in attrs) and _is_hidden(attrs, st.panels):
        return False
    st.tags += 1
    if tag == "a":
        st.link_tags += 1
        st.in_link += 1
        st.markup.open_link(len(st.pieces), attrs.get("href"))
    elif tag == "pre":
        st.in_pre += 1
    stack = st.stack
    if stack:
        top = stack[-1]
        seen = top[3]
        if seen is None:
            seen = top[3] = {}
        nth = seen[tag] = seen.get(tag, 0) + 1
    else:
        nth = 0  # the root: its step is the bare tag
    stack.append([tag, nth, _open_block(st, tag, attrs) if tag in BLOCK_TAGS else None, None])
    if tag in ENTERED:
        st.markup.enter(tag, attrs, st.in_pre, _wrapper_names(st) if tag == "pre" else "")
    return True


def _open_block(st: _State, tag: str, attrs: dict[str, str | None]) -> tuple[Any, ...]:
    """Record a block-level element on entry, with the running totals its subtree's
    totals are measured from."""
    if st.pieces or st.breaks:  # else there is no block to end (see _end_block)
        _end_block(st)
    role, level, row = _ROLE_OF_TAG.get(tag), HEADING_LEVELS.get(tag, 0), -1
    open_blocks = st.open_blocks
    outer = open_blocks[-1] if open_blocks else None
    if outer is not None:
        if role is None and outer[_ROLE] in _INHERITED_ROLES:
            role, level = outer[_ROLE], outer[_LEVEL]
        row = outer[_ELEMENT] if tag in ("td", "th") and outer[_TAG] == "tr" else outer[_ROW]
    strings = st.strings  # (the tag is one string a page already: traverse's tag ids)
    names = attrs.get("class") or ""
    ident, prop = attrs.get("id"), attrs.get("itemprop")
    if ident or prop:  # most elements name a class at most
        names = " ".join([v for v in (names, ident, prop) if v])
    names = strings.setdefault(names, names)
    index = len(st.elements) // _STRINGS
    parent = outer[_ELEMENT] if outer is not None else -1
    role_attr = (attrs.get("role") or "").lower()
    if role_attr:
        role_attr = strings.setdefault(role_attr, role_attr)
    st.elements.extend((tag, names, role_attr, ""))
    st.numbers.frombytes(st.rows[0].pack(parent, len(open_blocks), 0, 0, 0, 0))
    blocks, depth = len(st.texts), len(st.stack)
    frame = (index, tag, st.chars, st.link_chars, st.tags, st.link_tags, role, level, row, blocks, depth)
    open_blocks.append(frame)
    return frame


def _wrapper_names(st: _State) -> str:
    """The class and id names of the three block-level elements around the innermost one."""
    return " ".join(st.elements[frame[_ELEMENT] * _STRINGS + _NAMES] for frame in st.open_blocks[-4:-1])


def _exit(st: _State) -> None:
    """Close the innermost open element; a block-level one ends its block and learns
    the totals of its subtree (popped from the stack last: its path may be read)."""
    entry = st.stack[-1]
    tag, frame = entry[0], entry[_FRAME]
    if frame is not None:
        if st.pieces or st.breaks:  # else there is no block to end (see _end_block)
            _end_block(st)
        numbers = st.numbers
        st.rows[1].pack_into(
            numbers,
            (frame[_ELEMENT] * _NUMBERS + _CHARS) * numbers.itemsize,
            st.chars - frame[_AT_CHARS],
            st.link_chars - frame[_AT_LINK_CHARS],
            st.tags - frame[_AT_TAGS] + 1,
            st.link_tags - frame[_AT_LINK_TAGS],
        )
        st.open_blocks.pop()
        if tag == "tr":
            _merge_row(st, frame)
    st.stack.pop()
    if tag == "a":
        st.in_link -= 1
        st.markup.close_link(len(st.pieces))
    elif tag in EXITED:
        st.markup.exit(tag, st.in_pre)
        if tag == "pre":
            st.in_pre -= 1


def _merge_row(st: _State, frame: tuple[Any, ...]) -> None:
    """Turn the blocks of a data-table row (one block per cell, cells of this row
    only) into one row block; rows of layout tables, whose cells hold paragraphs,
    stay as they are."""
    numbers, rec = st.numbers, st.markup
    first, element = frame[_FIRST_BLOCK], frame[_ELEMENT]
    row_blocks = raw_blocks(_traversal(st), first)
    if not row_blocks:
        return
    owners = [b.element for b in row_blocks]
    if len(set(owners)) != len(owners) or any(
        numbers[o * _NUMBERS + _PARENT] != element or b.role is not Role.TABLE_CELL or b.row != element
        for o, b in zip(owners, row_blocks)
    ):
        return
    first_link = st.block_numbers[first * _BLOCK_NUMBERS + _FIRST_LINK]
    truncate(st.texts, first)
    del st.roles[first:], st.markups[first:], st.block_numbers[first * _BLOCK_NUMBERS :]
    del rec.spans[2 * first_link :], rec.hrefs[first_link:]
    if not st.elements[element * _STRINGS + _STEP]:
        _record_steps(st, [*st.open_blocks, frame])  # the row is closed: no longer in open_blocks
    cells = [b.text.replace("\n", " ") for b in row_blocks]
    st.texts.append(" | ".join(cells))
    st.roles.append(Role.TABLE_ROW)
    st.block_numbers.extend((element, 0, sum(b.link_chars for b in row_blocks), element, first_link))
    markup = row_markup([(c, b.markup) for c, b in zip(cells, row_blocks)])
    for link in markup.links:  # set apart again, as the cells' were
        rec.spans.extend((link.start, link.end))
        rec.hrefs.append(link.href)
    st.markups.append(with_links(markup, ()))


def _traversal(st: _State) -> Traversal:
    rec = st.markup
    columns = (st.texts, st.roles, st.block_numbers, st.markups, rec.spans, rec.hrefs)
    return Traversal(st.elements, st.numbers, *columns)


def segment(
    root: Any, *, reveal: bool = False, panels: bool = False, deadline: float | None = None
) -> Segmented:
    """Blocks and element statistics of the subtree at ``root`` (a selectolax node); see
    :func:`traverse`."""
    return finish(traverse(root, reveal=reveal, panels=panels, deadline=deadline))


def traverse(
    root: Any,
    *,
    reveal: bool = False,
    panels: bool = False,
    deadline: float | None = None,
    narrow: bool = False,
    pack_texts_at: int | None = None,
) -> Traversal:
    """Blocks and element statistics of the subtree at ``root`` (a selectolax node), in
    the compact form :func:`finish` makes into a :class:`Segmented`.

    With ``reveal``, the text a browser hides until scripts run (``hidden`` and
    ``display:none`` elements, where server-rendered React pages stream their content)
    and ``<noscript>`` content (what a client without scripts is shown) are read too.
    With ``panels``, the hidden panels of tab sets and accordions are read (see
    :func:`_is_hidden`). Past ``deadline`` (a time.monotonic() value) it raises
    ExtractionTimeoutError. With ``narrow``, its counts (characters, elements, element and
    link indices, link offsets) are kept in 4 bytes each rather than 8 (about 0.3 times a
    big page less beside the tree), and a count of 2**31 or more raises OverflowError.
    Once the blocks number ``pack_texts_at`` (None: never), their texts are kept in one
    UTF-8 buffer (:class:`._segmented.Texts`: less memory beside the tree, more time).

    This loop runs once per node of the page, so what it costs is the calls and objects
    per node: text nodes, the most frequent, are handled inline.
    """
    st = _State(reveal, panels, "i" if narrow else "q", pack_texts_at)
    try:
        _walk(st, root, REVEALED_SKIPPED_TAGS if reveal else SKIPPED_TAGS, deadline)
    except struct.error as error:  # a count past the typecode's range (see _ROWS)
        raise OverflowError(str(error)) from None
    return _traversal(st)


def _walk(st: _State, root: Any, skipped: frozenset[str], deadline: float | None) -> None:
    """The loop of :func:`traverse`."""
    pieces = st.pieces
    tags: dict[int, str | None] = {}
    parents: list[Any] = []
    node = root
    visited = 0
    while node is not None:
        visited += 1
        if deadline is not None and not visited % _CHECK_EVERY:
            check_deadline(deadline)
        # Lexbor decodes an element's name into a new str at each .tag; its tag id is
        # an int, and one name per id is looked up once a page (ids of custom elements are
        # the document's own; an id's name differs only in SVG and MathML, never entered).
        tag = tags.get(node.tag_id, _NO_TAG)
        if tag is _NO_TAG:
            tag = tags[node.tag_id] = node.tag
        descend = False
        if tag == "-text":
            raw = node.text_content
            if raw:
                pieces.append(raw)
                visible = len(raw.strip())
                n = len(raw) if st.in_pre else visible
                if visible:
                    st.has_text = True
                st.chars += n
                if st.in_link:
                    st.link_chars += n
                    st.block_link_chars += n
        elif tag == "br":
            _line_break(st)
        elif tag and tag[0] not in "-_!" and tag not in skipped:
            descend = _enter(st, tag, node.attributes)
        child = node.child if descend else None
        if child is not None:
            parents.append(node)
            node = child
            continue
        # Leave the node's subtree: close it (if entered) and every parent it ends.
        if descend:
            _exit(st)
        following = None
        while parents:
            following = node.next
            if following is not None:
                break
            node = parents.pop()
            _exit(st)
        node = following
