"""The segment stage's state and its blocks: what the traversal holds while it walks the
tree (:class:`_State`), and how a block is finished when its element ends or a block-level
element opens: its text collapsed, its CSS steps recorded, a data-table row's cells merged.
:mod:`._segment` walks the tree and calls these.
"""

from __future__ import annotations

import itertools
import re
import struct
from array import array
from collections.abc import Callable
from typing import Any, Final, cast

from ._compiled import c_module
from ._markup import Recorder
from ._model import NO_MARKUP, Image, Markup, Role, new_tuple
from ._segmented import (
    _BLOCK_ELEMENT,
    _BLOCK_LINK_CHARS,
    _BLOCK_NUMBERS,
    _BLOCK_ROW,
    _FIRST_LINK,
    _NUMBERS,
    _PARENT,
    _STEP,
    _STRINGS,
    BlockTexts,
    Traversal,
    packed,
    truncate,
)

# Control characters never reach the text (terminal escapes, bells, NULs); tab and
# newline are whitespace and handled as such.
_CONTROL: Final = dict.fromkeys([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0)])
# str.translate looks up every character of non-ASCII text in the dict: searching for one
# first is many times faster, and text almost never holds any.
_HAS_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _collapse_python(line: str) -> str:
    """A line of a block outside ``<pre>``: its control characters dropped, its whitespace
    runs made one space, none at either end."""
    if _HAS_CONTROL.search(line):
        line = line.translate(_CONTROL)
    return " ".join(line.split())


_StepsMaker = Callable[
    [list[str], list[list[Any]], dict[str, str], dict[str, dict[int, str]], list[tuple[Any, ...]]], None
]


def _c_helpers() -> tuple[
    Callable[[str], object], Callable[[str], str], Callable[[list[str], list[int], bool], str], _StepsMaker
]:
    """``_HAS_CONTROL.search``, :func:`_collapse_python`, :func:`_block_text_python` and
    :func:`_record_steps_python`, or in the compiled build the same in C, looked up once:
    ``_cscan.has_control`` (a compare or two a character where the regex's charset took about
    40 instructions; true exactly when the regex finds one), ``_cscan.collapse`` (one pass,
    where the search, split and join took about 2,900 instructions a block), ``_cscan.block_text``
    (the pieces collapsed in one pass, without the joined line) and ``_cscan.record_steps``
    (_cscan_record.c)."""
    module = c_module("_cscan")
    if module is None:
        return _HAS_CONTROL.search, _collapse_python, _block_text_python, _record_steps_python
    return (
        cast(Callable[[str], object], module.has_control),
        cast(Callable[[str], str], module.collapse),
        cast(Callable[[list[str], list[int], bool], str], module.block_text),
        cast(_StepsMaker, module.record_steps),
    )


# Rows written into the arrays of a traversal, by their typecode: an element's numbers
# (_NUMBERS: a row of zeros on entry, written on exit, when its subtree's counts are known),
# a block's numbers (_BLOCK_NUMBERS). Packed as C ints in one call: array.extend and item
# assignment convert each int with PyArg_Parse, a tenth of the traversal's instructions. A
# count past the typecode's range raises struct.error, given to the caller as OverflowError
# (as the arrays raise it).
# The roles read once per block, as module constants: an enum's class attribute is looked
# up through EnumType's __getattr__ hook (Python 3.11), about 900 instructions each.
_PARAGRAPH: Final = Role.PARAGRAPH
_TABLE_CELL: Final = Role.TABLE_CELL
_HEADING: Final = Role.HEADING
_ROWS: Final = {
    code: (struct.Struct(f"@{_NUMBERS}{code}"), struct.Struct(f"@{_BLOCK_NUMBERS}{code}")) for code in "iq"
}

# Fields of an open block-level element, kept in a tuple (one allocation per element);
# _STACK is its position in the stack of open elements.
# _AT_*: the running totals when it opened. Only _segment._exit reads them, _PARENT_ELEMENT and
# _BLOCK_DEPTH: the compiled build's C walk keeps those in C and leaves None here
# (_cwalk_segment.c). Final: the compiled build inlines each index (a plain module global is a
# dict lookup there at every use; Python sees no difference).
_ELEMENT: Final = 0
_TAG: Final = 1
_AT_CHARS: Final = 2
_AT_LINK_CHARS: Final = 3
_AT_TAGS: Final = 4
_AT_LINK_TAGS: Final = 5
_ROLE: Final = 6
_LEVEL: Final = 7
_ROW: Final = 8
_FIRST_BLOCK: Final = 9
_STACK: Final = 10
_PARENT_ELEMENT: Final = 11  # its block-level parent's index (-1: none), and how many are open
_BLOCK_DEPTH: Final = 12
# Fields of an entry of the stack of open elements (a list: child counts filled in when first needed).
_NTH: Final = 1
_FRAME: Final = 2
_SEEN: Final = 3


def _record_steps_python(
    strings: list[str],
    stack: list[list[Any]],
    known: dict[str, str],
    steps: dict[str, dict[int, str]],
    frames: list[tuple[Any, ...]],
) -> None:
    """Record the CSS step of the open element ``frames[-1]`` and of its block-level
    ancestors (``frames``, outermost first) that have none yet: the part of its CSS path
    below its block-level parent, e.g. ">div:nth-of-type(2)>p:nth-of-type(1)".

    A block's owner is open when its block is made, and so are all its ancestors: the
    steps are read off the stack, and :func:`finish` joins them into paths once the tree
    is released. So steps are made only for owners of blocks and their ancestors, and the
    same step is one string for the page. ``strings``, ``stack``, ``known`` and ``steps``: the
    traversal's elements, stack, strings and steps (:class:`_State`)."""
    k = len(frames) - 1
    while k >= 0:
        frame = frames[k]
        # Typed locals: native arithmetic when compiled (a tuple's items are objects there).
        element: int = frame[_ELEMENT]
        at = element * _STRINGS + _STEP
        if strings[at]:
            return  # its ancestors have theirs too
        end: int = frame[_STACK]
        if not k:  # the outermost: the root's step is its bare tag
            step = stack[0][0] + "".join([f">{e[0]}:nth-of-type({e[_NTH]})" for e in stack[1 : end + 1]])
        elif frames[k - 1][_STACK] + 1 == end:
            # Its parent is its block-level parent (97% of the steps of 100 dev pages):
            # one element, without the slice, list and join of the general case; a page
            # repeats these steps, each made once (by tag, then :nth-of-type index).
            entry = stack[end]
            tag: str = entry[0]
            nth: int = entry[_NTH]
            by_nth = steps.get(tag)
            if by_nth is None:
                by_nth = steps[tag] = {}
            found = by_nth.get(nth)
            if found is None:
                step = f">{tag}:nth-of-type({nth})"
                found = by_nth[nth] = known.setdefault(step, step)
            strings[at] = found
            k -= 1
            continue
        else:
            entries = stack[frames[k - 1][_STACK] + 1 : end + 1]
            step = "".join([f">{e[0]}:nth-of-type({e[_NTH]})" for e in entries])
        strings[at] = known.setdefault(step, step)
        k -= 1


def _block_text_python(pieces: list[str], breaks: list[int], pre: bool) -> str:
    """The text of a block from its raw pieces; ``breaks`` are the indices of the pieces
    that start a new line (``<br>``). Whitespace is collapsed outside ``<pre>``."""
    if not breaks:  # one line: the common case, without the lists of the general one
        line = "".join(pieces)
        if not pre:
            return _collapse(line)
        if _has_control(line):
            line = line.translate(_CONTROL)
        text = line.strip("\n")
        return text if text.strip() else ""
    bounds = [0, *breaks, len(pieces)]
    lines = ["".join(pieces[a:b]) for a, b in itertools.pairwise(bounds)]
    if not pre:  # (a line's control characters go with it: each line is collapsed alone)
        parts = [_collapse(line) for line in lines]
        return "\n".join([p for p in parts if p])
    if any(_has_control(line) for line in lines):
        lines = [line.translate(_CONTROL) for line in lines]
    text = "\n".join(lines).strip("\n")
    return text if text.strip() else ""


_C_HELPERS: Final = _c_helpers()
_has_control: Final = _C_HELPERS[0]  # truthy when the text holds a control character
_collapse: Final = _C_HELPERS[1]
_block_text: Final = _C_HELPERS[2]
_record_steps: Final = _C_HELPERS[3]


class _State:
    """What the traversal has built and its running counters."""

    __slots__ = (
        "add_block",
        "add_element",
        "block_link_chars",
        "block_numbers",
        "breaks",
        "chars",
        "clipping",
        "elements",
        "has_text",
        "in_link",
        "in_pre",
        "itemsize",
        "link_chars",
        "link_tags",
        "markup",
        "markups",
        "numbers",
        "open_blocks",
        "pack_at",
        "pack_block",
        "pack_element",
        "panels",
        "pieces",
        "reveal",
        "roles",
        "rows",
        "stack",
        "steps",
        "strings",
        "tags",
        "texts",
        "withheld",
        "zero_row",
    )

    def __init__(
        self, reveal: bool, panels: bool = False, typecode: str = "q", pack_at: int | None = None
    ) -> None:
        self.reveal = reveal
        self.panels = panels
        self.withheld = False  # a hidden element or a <noscript> left out (Traversal.withheld)
        # The fields of every block-level element, a row of _STRINGS and one of _NUMBERS,
        # made into Elements by finish(): one list and one array for the page, not a list
        # per element (two small objects per element, which left holes in Python's memory
        # arenas when they were freed), nor an int object per count.
        self.elements: list[str] = []
        self.numbers: array[int] = array(typecode)
        self.itemsize: int = self.numbers.itemsize  # (an attribute of the array: a generic read, compiled)
        element_row, block_row = _ROWS[typecode]
        # The rows' writers as bound methods: one generic call each, not a method look-up too.
        self.pack_element: Callable[..., None] = element_row.pack_into
        self.pack_block: Callable[..., bytes] = block_row.pack
        self.zero_row = bytes(element_row.size)
        self.texts: BlockTexts = []  # the blocks' columns (see Traversal)
        self.pack_at = pack_at  # the texts go into a buffer once they number this many
        self.roles: list[Role] = []
        self.block_numbers: array[int] = array(typecode)
        self.add_element: Callable[[bytes], None] = self.numbers.frombytes
        self.add_block: Callable[[bytes], None] = self.block_numbers.frombytes
        self.markups: list[Markup] = []
        self.open_blocks: list[tuple[Any, ...]] = []  # the open block-level elements
        # Every open element: [tag, :nth-of-type index, block tuple or None, child tag -> count or None].
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
        # Per page, not kept: whether a class attribute names a screen-reader-only class
        # (_segment._enter), and the CSS steps made so far, by tag and :nth-of-type index.
        self.clipping: dict[str, bool] = {}
        self.steps: dict[str, dict[int, str]] = {}


def _end_block(st: _State) -> None:
    """End the current block: its text, if any, becomes a RawBlock of the innermost open
    block-level element. With no pieces and no breaks it has nothing to do (callers skip
    it then): text, link characters and the block's closed links all come with pieces, and
    open links' first pieces were set to 0 when the pieces were last dropped. Without
    text (``has_text`` False) it only drops the pieces: callers call :func:`_drop_pieces`."""
    if st.has_text:
        text = _block_text(st.pieces, st.breaks, st.in_pre > 0)
        if text:
            owner = st.open_blocks[-1]
            element: int = owner[_ELEMENT]  # typed: native arithmetic when compiled
            if not st.elements[element * _STRINGS + _STEP]:
                _record_steps(st.elements, st.stack, st.strings, st.steps, st.open_blocks)
            role = owner[_ROLE] or _PARAGRAPH
            cell = role is _TABLE_CELL
            rec = st.markup  # most blocks have no structure: the recorder is asked only when one may
            structured = rec.lists or rec.quotes or rec.links or rec.anchors or rec.images or st.in_pre
            st.texts.append(text)
            pack_at = st.pack_at  # (None never equals a length: compared as ints when compiled)
            if pack_at is not None and len(st.texts) == pack_at:
                st.texts = packed(st.texts, pack_at)
            st.roles.append(role)
            st.add_block(
                st.pack_block(
                    element,
                    owner[_LEVEL] if role is _HEADING else 0,
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
    _drop_pieces(st)


def _drop_pieces(st: _State) -> None:
    """Drop the current block's pieces (made into a block or whitespace only): what the
    block held is used, its open links go on into the next one."""
    rec = st.markup
    if rec.links or rec.anchors:
        rec.block_done()
    st.pieces.clear()  # (not del [:]: a slice object and a generic call each, compiled)
    st.breaks.clear()
    st.block_link_chars, st.has_text = 0, False


def _line_break(st: _State) -> None:
    breaks, pieces = st.breaks, st.pieces
    if not breaks or "".join(pieces[breaks[-1] :]).strip():
        breaks.append(len(pieces))
    else:  # <br><br> (a line with nothing on it after a break): a paragraph break
        _end_block(st)


def _merge_row(st: _State, frame: tuple[Any, ...]) -> None:
    """Turn the blocks of a data-table row (one block per cell, cells of this row
    only) into one row block; rows of layout tables, whose cells hold paragraphs,
    stay as they are.

    Read off the columns, without RawBlocks, Links or a keyword-built Markup: the cells' links
    are the row's, in order, each moved by the length of the text before its cell."""
    numbers, rec, roles = st.numbers, st.markup, st.roles
    first: int = frame[_FIRST_BLOCK]
    element: int = frame[_ELEMENT]
    count = len(roles) - first
    if count <= 0:
        return
    rows = st.block_numbers[first * _BLOCK_NUMBERS :].tolist()  # one call: the rows as ints
    owners: list[int] = []
    increasing = True  # (the usual case: distinct without a set)
    for i in range(count):
        at = i * _BLOCK_NUMBERS
        owner: int = rows[at + _BLOCK_ELEMENT]
        row: int = rows[at + _BLOCK_ROW]
        if row != element or roles[first + i] is not _TABLE_CELL:
            return
        if numbers[owner * _NUMBERS + _PARENT] != element:
            return
        if owners and owner <= owners[-1]:
            increasing = False
        owners.append(owner)
    if not increasing and len(set(owners)) != len(owners):
        return
    first_link: int = rows[_FIRST_LINK]
    texts, markups = st.texts, st.markups
    cells = [texts[first + i].replace("\n", " ") for i in range(count)]
    cell_markups = markups[first:]
    spans, hrefs = rec.spans, rec.hrefs
    link_chars = 0
    header = True
    images: list[Image] = []
    offset = 0
    for i in range(count):
        at = i * _BLOCK_NUMBERS
        link_chars += rows[at + _BLOCK_LINK_CHARS]
        markup = cell_markups[i]
        header = header and markup.header
        images.extend(markup.images)
        if offset:  # its links: from its first one to the next cell's first, or the last
            end: int = rows[at + _BLOCK_NUMBERS + _FIRST_LINK] if i + 1 < count else len(hrefs)
            for k in range(rows[at + _FIRST_LINK], end):
                spans[2 * k] += offset
                spans[2 * k + 1] += offset
        offset += len(cells[i]) + 3
    truncate(texts, first)
    del roles[first:], markups[first:], st.block_numbers[first * _BLOCK_NUMBERS :]
    if not st.elements[element * _STRINGS + _STEP]:
        # The row is closed: no longer in open_blocks.
        _record_steps(st.elements, st.stack, st.strings, st.steps, [*st.open_blocks, frame])
    texts.append(" | ".join(cells))
    roles.append(Role.TABLE_ROW)
    st.block_numbers.extend((element, 0, link_chars, element, first_link))
    head = cell_markups[0]
    fields = (head.lists, head.quote_depth, "", head.table, tuple(cells), header, (), tuple(images))
    st.markups.append(new_tuple(Markup, fields))


def _traversal(st: _State) -> Traversal:
    rec = st.markup  # (new_tuple: the named tuple's class call is Python code, compiled too)
    columns = (st.texts, st.roles, st.block_numbers, st.markups, rec.spans, rec.hrefs)
    return new_tuple(Traversal, (st.elements, st.numbers, *columns, st.withheld))
