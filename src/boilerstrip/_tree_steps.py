"""The tree builder's steps for a start tag and an end tag, on the stack of open elements
(:class:`_open_elements.OpenElements`, whose tables they read): the implied ends, scopes,
tables, foreign content and formatting elements that decide how many elements a tag adds.

The compiled build runs their port in C (``_ctags.c``); these are the reference and the path
of a pure install: a change here is made there too (tests/test_cstack.py compares them).
"""

from __future__ import annotations

import re
from typing import Final

from ._open_elements import (
    _ABOVE_DD,
    _ABOVE_LI,
    _ANNOTATION,
    _BREAKOUT,
    _CLOSES_P,
    _FORMATTING,
    _HEADINGS,
    _HTML_POINT,
    _MATH_POINTS,
    _NO_RECONSTRUCT,
    _SCOPED_END,
    _SVG_POINTS,
    _TABLE_PARTS,
    _TABLE_SECTIONS,
    _TEXT_POINT,
    _VOID,
    ACTIVE,
    IGNORED,
    IN_MATH,
    IN_SVG,
    OpenElements,
)

# An attribute as the tokenizer reads it after the tag's name: its name, and its value quoted
# one way or the other or bare (the tag is a whole one, its quotes closed); "/" is read as a space.
_ATTRIBUTE_VALUE: Final = re.compile(
    r"""[\t\n\f\r /]*([^\t\n\f\r />][^\t\n\f\r /=>]*)"""
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"([^"]*)"|'([^']*)'|([^\t\n\f\r >]*)))?"""
)
# The character references that can spell an encoding: numeric ones and the two ASCII signs
# it may hold (no named reference gives a letter); others are left as they are, and no
# encoding holds "&".
_REFERENCE: Final = re.compile("&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|(sol|plus);)")
_HTML_ENCODINGS: Final = ("text/html", "application/xhtml+xml")


def start_tag(stack: OpenElements, name: str, text: str, start: int, end: int) -> int:
    """Open start tag ``name`` (``text[start:end]``) with its implied ends; the elements it
    adds (0 when the parser ignores it, more for re-created formatting elements and
    implied table sections and rows)."""
    names = stack.names
    if stack.foreign and stack.in_foreign(name):
        if name not in _BREAKOUT:
            if not _self_closing(text, start, end):
                stack.push(name, foreign=_foreign_kind(stack.spaces[-1], name, text, start, end))
            return 1
        stack.leave_foreign()
    added = 1
    if stack.detached and name not in _NO_RECONSTRUCT and name not in ("a", "button"):
        added += stack.reconstruct()  # those two close their namesake first
    if name not in ACTIVE or stack.where.get("frameset"):
        stack.push(name)  # a frameset ignores the rest, which must not close anything either
        return added
    if name in ("li", "dd", "dt"):
        if name == "li":
            last, allowed = stack.last("li"), _ABOVE_LI
        else:
            last, allowed = max(stack.last("dd"), stack.last("dt")), _ABOVE_DD
        if stack.no_special_above(last, allowed):
            stack.pop_to(last)
    if name in _CLOSES_P:
        p = stack.in_scope("p", "button")
        if p >= 0:
            stack.pop_to(p)
        if name in _HEADINGS and names and names[-1] in _HEADINGS:
            stack.pop_to(len(names) - 1)
    elif name in ("option", "optgroup"):
        if names and names[-1] == "option":
            stack.pop_to(len(names) - 1)
    elif name in ("a", "nobr", "button"):
        last = stack.in_scope(name)
        if last >= 0 and (name == "button" or stack.no_special_above(last)):
            stack.pop_to(last, own=name)
        elif last >= 0:
            added += stack.adopt(last)
        if stack.detached:
            added += stack.reconstruct()
    elif name == "table":
        table = stack.last("table")
        if table > max(stack.last("td"), stack.last("th"), stack.last("caption")):
            stack.pop_to(table)  # a table directly in a table closes it
        p = stack.in_scope("p", "button")
        if p >= 0:  # closed unless the page is in quirks mode: open, but never closed later
            stack.retire(p)
    elif name in _TABLE_PARTS:
        table = stack.last("table")
        if table < 0:
            return added - 1  # outside a table the parser ignores it
        added += _table_part(stack, name, table)
    if name not in _VOID:
        stack.push(name, text[start:end] if name in _FORMATTING else "")
    return added


def _foreign_kind(current: int, name: str, text: str, start: int, end: int) -> int:
    """What the foreign element ``name`` (its start tag ``text[start:end]``) opened in the
    foreign element ``current`` is (OpenElements.spaces): in its namespace, and an integration
    point as the parser sees one (by name and namespace, annotation-xml by its encoding)."""
    if current & IN_SVG:
        return IN_SVG | _HTML_POINT if name in _SVG_POINTS else IN_SVG
    if name in _MATH_POINTS:
        return IN_MATH | _TEXT_POINT
    if name == "annotation-xml":
        html = _encoding_is_html(text, start + len("<annotation-xml"), end)
        return IN_MATH | (_HTML_POINT if html else _ANNOTATION)
    return IN_MATH


def _encoding_is_html(text: str, pos: int, end: int) -> bool:
    """Whether the first ``encoding`` attribute of the tag whose attributes are ``text[pos:end]``
    is text/html or application/xhtml+xml (ASCII case-insensitively), as the parser reads it."""
    while (found := _ATTRIBUTE_VALUE.match(text, pos, end - 1)) and found.end() > pos:
        pos = found.end()
        if found[1].lower() == "encoding":  # (no other character lowers into "encoding")
            value = _REFERENCE.sub(_referred, found[2] or found[3] or found[4] or "")
            return value.isascii() and value.lower() in _HTML_ENCODINGS
    return False


def _referred(reference: re.Match[str]) -> str:
    """The character a reference of _REFERENCE gives, U+FFFD for one past ASCII (or none)."""
    if reference[3]:
        return "/" if reference[3] == "sol" else "+"
    # (leading zeros dropped, and more than three digits past ASCII: a decimal int() of more
    # than 4,300 digits raises)
    digits = (reference[1] or reference[2]).lstrip("0")
    if len(digits) > 3:
        return "\ufffd"
    code = int(digits or "0", 16 if reference[1] else 10)
    return chr(code) if 0 < code < 128 else "\ufffd"


def _self_closing(text: str, start: int, end: int) -> bool:
    """Whether the tag ``text[start:end]`` ends in a "/>" that closes it, rather than in an
    unquoted attribute value ending with "/" (``fill=red/>``): unsure means no."""
    if text[end - 2] != "/":
        return False
    before = end - 3
    while before > start and text[before] in " \t\n\f\r":
        before -= 1
    mark = text[before]
    if mark in "\"'":  # the end of a quoted value, if its opening quote follows an "="
        opening = text.rfind(mark, start, before)
        return opening > start and text[start:opening].rstrip().endswith("=")
    while before > start and text[before] not in " \t\n\f\r=":
        before -= 1
    return text[before] != "="


def _table_part(stack: OpenElements, name: str, table: int) -> int:
    if name not in ("td", "th", "tr"):
        stack.pop_to(table + 1)  # sections, captions and column groups sit in the table
        return 0
    added = 0
    if name != "tr":
        cell = max(stack.in_table_scope("td"), stack.in_table_scope("th"))
        if cell >= 0:
            stack.pop_to(cell)
    row = stack.in_table_scope("tr")
    if name == "tr" and row >= 0:
        stack.pop_to(row)
    elif row < 0:
        if max(stack.last(s) for s in _TABLE_SECTIONS) < table:
            stack.pop_to(table + 1)
            stack.push("tbody")
            added += 1
        if name != "tr":
            stack.push("tr")
            added += 1
    return added


def end_tag(stack: OpenElements, name: str) -> int:
    """Apply end tag ``name``; the elements it adds (a lone ``</p>`` makes an empty p,
    the adoption agency clones formatting elements)."""
    names = stack.names
    if names and names[-1] == name:
        stack.pop_to(len(names) - 1, own=name)
        return 0
    if name == "br":  # read as <br>
        return 1 + (stack.reconstruct() if stack.detached else 0)
    if name in IGNORED or stack.where.get("frameset"):
        return 0  # a frameset ignores the end tags but its own
    if name in _HEADINGS:  # any open heading, whatever its level
        last = max(stack.in_scope(h) for h in _HEADINGS)
    elif name == "p":
        last = stack.in_scope("p", "button")
    elif name == "li":
        last = stack.in_scope("li", "ul", "ol")
    elif name in _TABLE_PARTS or name == "table":
        last = stack.in_table_scope(name)
    elif name == "select":
        last = stack.in_scope("select")
    elif name == "template":
        last = stack.last("template")  # closes it from anywhere
    elif name in ("form", "frameset"):
        # </form> removes the form alone, not what is open in it; a <frameset> in a page
        # with text was ignored: either way what is above stays open.
        return 0
    elif name in _SCOPED_END:
        last = stack.in_scope(name)
    else:
        last = stack.last(name)
        if not stack.no_special_above(last):
            if name in _FORMATTING:
                if last >= 0:
                    return stack.adopt(last)
                stack.forget(name)
            return 0
    if last >= 0:
        stack.pop_to(last, own=name)
        return 0
    return 1 if name == "p" else 0
