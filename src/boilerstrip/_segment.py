"""Segment stage: one traversal of the parsed page into text blocks and element statistics.

The traversal is iterative (no recursion, so any nesting depth is safe) and sees each
element twice, on entry and on exit, so that a block ends exactly where its element
ends and every element learns the totals of its subtree (characters, link characters,
tags, links) from counters read at entry and exit. It never modifies the tree. On the
way it records the structure each block has for the output formats (lists, quotes,
tables, code language, links, images: _markup.py). This module walks the tree and opens and
closes elements; what the walk holds and how a block is finished are in _segment_blocks.py.
"""

from __future__ import annotations

import struct
from typing import Any, Final

from ._errors import check_deadline
from ._lexbor_walk import WALKER
from ._markup import ENTERED, EXITED, READS_ATTRIBUTES
from ._model import NO_MARKUP, Role
from ._rules import BLOCK_TAGS, HEADING_LEVELS, REVEALED_SKIPPED_TAGS, SKIPPED_TAGS
from ._screen_reader import CONTROL_TAGS, is_screen_reader_only, left_out
from ._segment_blocks import (
    _AT_CHARS,
    _AT_LINK_CHARS,
    _AT_LINK_TAGS,
    _AT_TAGS,
    _BLOCK_DEPTH,
    _ELEMENT,
    _FRAME,
    _HEADING,
    _LEVEL,
    _PARAGRAPH,
    _PARENT_ELEMENT,
    _ROLE,
    _ROW,
    _TABLE_CELL,
    _TAG,
    _block_text,
    _drop_pieces,
    _end_block,
    _line_break,
    _merge_row,
    _record_steps,
    _State,
    _traversal,
)
from ._segmented import _NAMES, _NUMBERS, _STRINGS, Segmented, Traversal, finish, packed
from ._streamed import shown_later

# Final, as every table read per element: a C static in the compiled build.
# A tag's role and heading level in one look-up (most block-level tags have neither).
_ROLE_OF_TAG: Final[dict[str, tuple[Role, int]]] = {
    "li": (Role.LIST_ITEM, 0),
    "dt": (Role.LIST_ITEM, 0),
    "dd": (Role.LIST_ITEM, 0),
    "td": (Role.TABLE_CELL, 0),
    "th": (Role.TABLE_CELL, 0),
    "pre": (Role.CODE, 0),
    "blockquote": (Role.QUOTE, 0),
    "figcaption": (Role.CAPTION, 0),
    "caption": (Role.CAPTION, 0),
    **{h: (Role.HEADING, level) for h, level in HEADING_LEVELS.items()},
}
_NO_ROLE: Final[tuple[Role | None, int]] = (None, 0)
# Roles a nested block inherits from an enclosing element (a <p> inside <li> is a list item).
_INHERITED_ROLES: Final = frozenset({Role.LIST_ITEM, Role.CODE, Role.QUOTE, Role.CAPTION, Role.HEADING})
_CHECK_EVERY: Final = 4096  # nodes between two looks at the clock
_NO_TAG: Final = "\x00"  # not a tag name: marks a tag id not yet looked up
_HIDDEN_STYLE: Final = ("display:none", "display: none", "visibility:hidden", "visibility: hidden")
# Elements whose exit does more than pop the stack, besides block-level ones: _walk pops
# the others' (a third of the elements entered) itself, without calling _exit.
_EXIT_WORK: Final = EXITED | {"a"}


def _is_hidden(attrs: dict[str, str | None], panels: bool = False, tag: str = "") -> bool:
    """Whether the element is hidden; with ``panels``, the hidden panels of tab sets and
    accordions are not (a click shows them: _rules.DISCLOSURE_NAME_RULE). A ``popover``
    element and a ``dialog`` (``tag``) without ``open`` are hidden until a script or a
    click shows them (the browser's own stylesheet): app-install and notification prompts,
    sign-in and menu boxes, never in the sets' truths."""
    # aria-hidden is not hiding: sites set it on icons and on visible decorative text.
    hidden = "hidden" in attrs or "popover" in attrs or (tag == "dialog" and "open" not in attrs)
    style = attrs.get("style")
    if not hidden and style:
        low = style.lower()  # once, not once a pattern
        for pattern in _HIDDEN_STYLE:
            if pattern in low:
                hidden = True
                break
    return hidden and not (panels and shown_later(attrs))


def _enter(st: _State, tag: str, attrs: dict[str, str | None], node: Any) -> bool:  # noqa: PLR0915 - see the docstring
    """Open an element; False (and nothing recorded) when it is hidden, or screen-reader-only
    text left out (``node``, the element, is given only when such text may be). A block-level one
    is recorded, with the running totals its subtree's totals are measured from (written
    out here, not in a function of its own: half the elements entered are block-level)."""
    # Most elements have neither attribute: _is_hidden is called only for those that do.
    if (
        not st.reveal
        and ("hidden" in attrs or "style" in attrs or "popover" in attrs or tag == "dialog")
        and _is_hidden(attrs, st.panels, tag)
    ):
        st.withheld = True  # (a walk with reveal would enter it)
        return False
    stack = st.stack
    if stack:
        top = stack[-1]
        seen: dict[str, int] | None = top[3]  # typed: native dict and int operations when compiled
        if seen is None:
            seen = top[3] = {}
        nth = seen[tag] = seen.get(tag, 0) + 1
    else:
        nth = 0  # the root: its step is the bare tag
    # Screen-reader-only text (_screen_reader); counted for :nth-of-type above, so that no
    # other element's locator moves.
    classes = attrs.get("class") if node is not None else None
    if classes:
        # A page repeats its class attributes: each is tested once (six substring
        # searches, where a look-up by the string is one hash of it).
        clips = st.clipping.get(classes)
        if clips is None:
            clips = st.clipping[classes] = is_screen_reader_only(classes)
        if clips and left_out(node, tag, [entry[0] for entry in stack]):
            return False
    st.tags += 1
    if tag == "a":
        st.link_tags += 1
        st.in_link += 1
        st.markup.open_link(len(st.pieces), attrs.get("href"))
    elif tag == "pre":
        st.in_pre += 1
    frame = None
    if tag in BLOCK_TAGS:
        if st.has_text:
            _end_block(st)
        elif st.pieces or st.breaks:  # whitespace only (two ends in three): no block, dropped
            _drop_pieces(st)
        role, level = _ROLE_OF_TAG.get(tag, _NO_ROLE)
        open_blocks = st.open_blocks
        if open_blocks:
            outer = open_blocks[-1]
            parent = outer[_ELEMENT]
            if role is None and outer[_ROLE] in _INHERITED_ROLES:
                role, level = outer[_ROLE], outer[_LEVEL]
            row = parent if tag in ("td", "th") and outer[_TAG] == "tr" else outer[_ROW]
        else:
            parent = row = -1
        names = role_attr = ""
        if attrs:  # a fifth of the block-level elements of 20 dev pages have no attribute
            strings = st.strings  # (the tag is one string a page already: traverse's tag ids)
            names = attrs.get("class") or ""
            ident, prop = attrs.get("id"), attrs.get("itemprop")
            if ident or prop:  # most elements name a class at most
                names = " ".join([v for v in (names, ident, prop) if v])
            names = strings.setdefault(names, names)
            role_attr = (attrs.get("role") or "").lower()
            if role_attr:
                role_attr = strings.setdefault(role_attr, role_attr)
        index = len(st.elements) // _STRINGS
        st.elements.extend((tag, names, role_attr, ""))
        st.add_element(st.zero_row)  # its numbers are written on exit (_exit)
        blocks, depth, up = len(st.texts), len(stack), len(open_blocks)
        chars, link_chars, tags, links = st.chars, st.link_chars, st.tags, st.link_tags
        frame = (index, tag, chars, link_chars, tags, links, role, level, row, blocks, depth, parent, up)
        open_blocks.append(frame)
    stack.append([tag, nth, frame, None])
    if tag in ENTERED:
        st.markup.enter(tag, attrs, st.in_pre, _wrapper_names(st) if tag == "pre" else "")
    return True


def _wrapper_names(st: _State) -> str:
    """The class and id names of the three block-level elements around the innermost one."""
    return " ".join(st.elements[frame[_ELEMENT] * _STRINGS + _NAMES] for frame in st.open_blocks[-4:-1])


def _exit(st: _State) -> None:
    """Close the innermost open element; a block-level one ends its block and learns
    the totals of its subtree (popped from the stack last: its path may be read)."""
    entry = st.stack[-1]
    # Typed locals: the compiled build compares and subtracts them natively (read from the
    # entry's list and the frame's tuple as objects, each was a generic operation).
    tag: str = entry[0]
    frame: tuple[Any, ...] | None = entry[_FRAME]
    if frame is not None:
        if st.has_text:
            _end_block(st)
        elif st.pieces or st.breaks:  # whitespace only: no block, dropped
            _drop_pieces(st)
        numbers = st.numbers
        element: int = frame[_ELEMENT]
        chars: int = frame[_AT_CHARS]
        link_chars: int = frame[_AT_LINK_CHARS]
        tags: int = frame[_AT_TAGS]
        link_tags: int = frame[_AT_LINK_TAGS]
        parent: int = frame[_PARENT_ELEMENT]
        level: int = frame[_BLOCK_DEPTH]
        st.pack_element(
            numbers,
            element * _NUMBERS * st.itemsize,
            parent,
            level,
            st.chars - chars,
            st.link_chars - link_chars,
            st.tags - tags + 1,
            st.link_tags - link_tags,
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


def segment(
    root: Any,
    *,
    reveal: bool = False,
    panels: bool = False,
    deadline: float | None = None,
    unseen: bool = True,
) -> Segmented:
    """Blocks and element statistics of the subtree at ``root`` (a selectolax node); see
    :func:`traverse`."""
    return finish(traverse(root, reveal=reveal, panels=panels, deadline=deadline, unseen=unseen))


def traverse(
    root: Any,
    *,
    reveal: bool = False,
    panels: bool = False,
    deadline: float | None = None,
    narrow: bool = False,
    pack_texts_at: int | None = None,
    unseen: bool = True,
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
    With ``unseen``, screen-reader-only text is left out where _screen_reader says.

    This loop runs once per node of the page, so what it costs is the calls and objects
    per node: text nodes, the most frequent, are handled inline.
    """
    st = _State(reveal, panels, "i" if narrow else "q", pack_texts_at)
    skipped = REVEALED_SKIPPED_TAGS if reveal else SKIPPED_TAGS
    try:
        if WALKER is not None:  # the compiled build's walk over Lexbor's nodes (_lexbor_walk)
            _walk_c(st, root, skipped, deadline, unseen, walker=WALKER)
        else:
            _walk(st, root, skipped, deadline, unseen)
    except struct.error as error:  # a count past the typecode's range (see _ROWS)
        raise OverflowError(str(error)) from None
    return _traversal(st)


def _walked_name(tag: str | None, skipped: frozenset[str]) -> str:
    """A node's tag name as the walk reads it: "" for a node it neither enters nor reads
    (a comment, the document, a skipped element: its subtree is left out)."""
    if not tag or (tag[0] in "-_!" and tag != "-text") or tag in skipped:
        return ""
    return tag


def _walk(st: _State, root: Any, skipped: frozenset[str], deadline: float | None, unseen: bool) -> None:  # noqa: PLR0915 - one loop, its common cases inlined for speed
    """The loop of :func:`traverse`."""
    pieces, stack = st.pieces, st.stack
    tags: dict[int, str] = {}
    parents: list[Any] = []
    node = root
    left = _CHECK_EVERY  # nodes to the next look at the clock: one test a node, not three
    while node is not None:
        left -= 1
        if not left:
            left = _CHECK_EVERY
            if deadline is not None:
                check_deadline(deadline)
        # A text node's text, None for any other node (and an empty text node): read
        # first, a text node (nearly six nodes in ten on 20 dev pages) needs no tag.
        raw: str | None = node.text_content  # typed: native str operations when compiled
        if raw is None:
            # Lexbor decodes an element's name into a new str at each .tag; its tag id is
            # an int, and one name per id is looked up once a page (ids of custom elements
            # are the document's own; an id's name differs only in SVG and MathML, never
            # entered), with whether it is entered at all ("" if not).
            tag_id = node.tag_id
            tag = tags.get(tag_id, _NO_TAG)
            if tag is _NO_TAG:
                name = node.tag  # (a tag a walk with reveal enters, <noscript>: withheld here)
                tag = tags[tag_id] = _walked_name(name, skipped)
                st.withheld |= not tag and name in skipped and name not in REVEALED_SKIPPED_TAGS
        else:
            tag = "-text"
        if tag == "-text":  # (an empty text node: nothing to read)
            if raw:
                pieces.append(raw)
                visible = len(raw.strip())
                # Whitespace only (seven text nodes in ten) counts outside <pre> as nothing.
                if visible:
                    st.has_text = True
                    n = len(raw) if st.in_pre else visible
                elif st.in_pre:
                    n = len(raw)
                else:
                    n = 0
                if n:
                    st.chars += n
                    if st.in_link:
                        st.link_chars += n
                        st.block_link_chars += n
        elif tag == "br":
            _line_break(st)
        elif tag and _enter(st, tag, node.attributes, node if unseen else None):
            child = node.first_child  # (.child is its alias, a property call more)
            if child is not None:
                parents.append(node)
                node = child
                continue
            # An entered element without children.
            entry = stack[-1]
            if entry[_FRAME] is None and entry[0] not in _EXIT_WORK:
                stack.pop()
            else:
                _exit(st)
        # Leave the node's subtree: every parent it ends is closed.
        following = None
        while parents:
            following = node.next
            if following is not None:
                break
            node = parents.pop()
            entry = stack[-1]
            if entry[_FRAME] is None and entry[0] not in _EXIT_WORK:
                stack.pop()  # all _exit would do
            else:
                _exit(st)
        node = following


# What the C walk's segment mode (_cwalk_segment.c) reads and calls, in its order: the tag sets
# of _enter and _exit, the roles, what _end_block calls and reads (_cwalk_block.c: the block's
# text and steps, in C in this build, packed, NO_MARKUP and three roles), and the Python it
# leaves the rows and markup to.
_C_HOOKS: Final[tuple[object, ...]] = (
    BLOCK_TAGS,
    ENTERED,
    EXITED,
    READS_ATTRIBUTES,
    CONTROL_TAGS,
    frozenset(HEADING_LEVELS),
    _ROLE_OF_TAG,
    _INHERITED_ROLES,
    _block_text,
    _record_steps,
    packed,
    NO_MARKUP,
    _PARAGRAPH,
    _TABLE_CELL,
    _HEADING,
    _merge_row,
    _wrapper_names,
    shown_later,
    is_screen_reader_only,
    REVEALED_SKIPPED_TAGS,  # a skipped tag not in it is one a walk with reveal enters (st.withheld)
    2**31 - 1,  # the largest count a 4-byte row holds (struct's "i"), as _segment_blocks._ROWS
)


def _walk_c(
    st: _State, root: Any, skipped: frozenset[str], deadline: float | None, unseen: bool, *, walker: Any
) -> None:
    """:func:`_walk` by ``walker`` (``_cwalk.Walker``) in its segment mode: the traversal, the
    reads, the text counting and what :func:`_enter` and :func:`_exit` do, in C over ``st``
    (see _cwalk_segment.c), which calls back the Python of :data:`_C_HOOKS`; its only events
    are its looks at the clock, every _CHECK_EVERY nodes when there is a deadline."""
    events = walker(
        root, root.mem_id, skipped, SKIPPED_TAGS, _CHECK_EVERY if deadline is not None else 0, st.pieces
    )
    events.segment(st, unseen, _C_HOOKS)
    for _ in events:
        if deadline is not None:
            check_deadline(deadline)
