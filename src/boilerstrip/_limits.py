"""Limits: a cheap pass over the markup that bounds what the C parser will build.

A call into Lexbor cannot be interrupted, and some small inputs make it slow or huge:
each block start tag looks down the open elements for a ``<p>`` to close (8,000 nested
``<div>`` take 0.08 s, 32,000 take 4.6 s); formatting elements closed by a block end are
re-created at the next text, so n distinct unclosed ``<b id=i>`` and m ``</p><p>x`` build
n x m elements (90 KB make ten million); one tag's attributes are compared pairwise
(40,000 of them take 3.6 s).

:func:`scan` follows the HTML tree builder closely enough to bound all three: one regex
pass with a stack of open elements, the implied ends that real pages rely on (``<p>``,
``<li>``, table cells, ...), scopes, and the detached formatting elements. Where it is
unsure it keeps elements open, so that crafted input cannot make it count less than the
parser builds. It gives the offset of the first tag past a limit: the text is cut there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
# Attributes up to the ">" that ends the tag, as the tokenizer reads them: a quoted value may
# hold ">" and markup (an unclosed quote runs to the end of the input, where the tag is
# dropped); an unquoted value runs to a space or ">"; "=" with no name before it is a name.
_ATTRIBUTES = (
    r"""(?:[\t\n\f\r /]+|[^\t\n\f\r />][^\t\n\f\r /=>]*"""  # a name may start with "=" or a quote
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"?|'[^']*'?|[^\t\n\f\r >]*))?)*>?"""
)
_TOKEN = re.compile(
    r"<(?:!--(?:-?>|.*?(?:--!?>|\Z))"  # a comment; "<!-->" and "<!--->" are empty ones
    r"|[!?][^>]*>?"  # doctype, CDATA, processing instruction: bogus comments to the next ">"
    r"|/(?:>|[^A-Za-z>][^>]*>?)"  # "</>" and "</ junk>"
    rf"|/?(?P<name>[A-Za-z][^\t\n\f\r />]*){_ATTRIBUTES})",
    re.S,
)
_RAW_END = {name: re.compile(rf"</(?i:{name})[\t\n\f\r />]") for name in _RAW_TEXT}
_ATTRIBUTE = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")
_LONG_TAG = 512  # attributes are counted only in tags this long (in characters) or longer


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_VOID = _names(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr"
)
_FORMATTING = _names("a b big code em font i nobr s small strike strong tt u")
_SPECIAL = _names(
    "address applet article aside blockquote button caption center colgroup dd details dir "
    "div dl dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup "
    "li listing main marquee menu nav noscript object ol p pre search section select summary "
    "table tbody td template tfoot th thead tr ul"
)
# Elements that stop the search for an open element "in scope" (svg and math too: fewer
# elements in scope keep more open, which errs on the safe side).
_BOUNDARY = _names("applet caption table td th marquee object template svg math")
_MARKER = _names("applet caption td th marquee object template")
_HEADINGS = _names("h1 h2 h3 h4 h5 h6")
_CLOSES_P = _HEADINGS | _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer header hgroup main menu nav ol p search section summary ul pre listing form "
    "li dd dt xmp"
)
_TABLE_SECTIONS = ("tbody", "thead", "tfoot")
_TABLE_PARTS = _names("tbody thead tfoot tr td th caption colgroup")
_IGNORED = _names("html head body")  # merged into the ones that always exist
# Start tags before which the parser does not re-create detached formatting elements.
_NO_RECONSTRUCT = (_SPECIAL - _names("applet marquee object select")) | _names(
    "script style title textarea iframe noembed noframes meta link base basefont bgsound"
)
# In svg and math a tag ending in "/>" closes itself, but these HTML names leave foreign
# content; inside the integration points, elements are HTML again.
_BREAKOUT = _HEADINGS | _names(
    "b big blockquote body br center code dd div dl dt em embed font head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
)
_INTEGRATION = ("foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml")
# Start tags that do more than open an element.
_ACTIVE = _CLOSES_P | _TABLE_PARTS | _VOID | _FORMATTING | _names("option optgroup button select table")
_SEARCH_DEPTH = 64  # searches down the stack give up (keeping elements open) past this
_NOAHS_ARK = 3  # the parser keeps at most three identical detached formatting elements
_BASE_DEPTH = 2  # <html> and <body>
# The elements whose positions the implied ends and scopes look up (others are searched
# for near the top of the stack only).
_TRACKED = _names(
    "p button li ul ol dd dt a nobr select table td th caption tr template tbody thead tfoot svg math"
) | frozenset(_INTEGRATION)
_IS_BOUNDARY, _IS_SPECIAL, _IS_MARKER, _IS_FOREIGN, _IS_TRACKED = 1, 2, 4, 8, 16
_KIND = {
    name: (name in _BOUNDARY) * _IS_BOUNDARY
    + (name in _SPECIAL) * _IS_SPECIAL
    + (name in _MARKER) * _IS_MARKER
    + (name in ("svg", "math")) * _IS_FOREIGN
    + (name in _TRACKED) * _IS_TRACKED
    for name in _BOUNDARY | _SPECIAL | _TRACKED
}


@dataclass(frozen=True, slots=True)
class Scan:
    """What :func:`scan` found: the estimated element count and depth of the parsed tree,
    and where the text must be cut for the limits to hold (None: nowhere)."""

    elements: int
    depth: int
    cut: int | None = None
    limit: str = ""  # the limit that set the cut: "max_nodes", "max_depth" or "max_attributes"


class _Stack:
    """The open elements, with the positions of the kinds that scopes look for."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.keys: list[str] = []  # the raw start tag of formatting elements, "" for others
        self.where: dict[str, list[int]] = {}
        self.bounds: list[int] = []
        self.special: list[int] = []
        self.foreign = 0  # open svg and math elements
        self.markers: list[int] = []  # length of `detached` when each marker opened
        # (name, key) of the formatting elements closed by another element's end
        self.detached: list[tuple[str, str]] = []
        self.detached_count: dict[str, int] = {}

    def push(self, name: str, key: str = "") -> None:
        position = len(self.names)
        self.names.append(name)
        self.keys.append(key)
        kind = _KIND.get(name)
        if kind:
            if kind & _IS_TRACKED:
                self.where.setdefault(name, []).append(position)
            if kind & _IS_BOUNDARY:
                self.bounds.append(position)
            if kind & _IS_SPECIAL:
                self.special.append(position)
            if kind & _IS_MARKER:
                self.markers.append(len(self.detached))
            if kind & _IS_FOREIGN:
                self.foreign += 1

    def pop_to(self, position: int, own: str = "") -> None:
        """Close every element from ``position`` up; formatting elements other than
        ``own`` stay active, to be re-created at the next text."""
        names, keys = self.names, self.keys
        while len(names) > position:
            name = names.pop()
            key = keys.pop()
            kind = _KIND.get(name)
            if kind:
                if kind & _IS_TRACKED:
                    self.where[name].pop()
                if kind & _IS_BOUNDARY:
                    self.bounds.pop()
                if kind & _IS_SPECIAL:
                    self.special.pop()
                if kind & _IS_MARKER:
                    self.clear_to(self.markers.pop())
                if kind & _IS_FOREIGN:
                    self.foreign -= 1
            if key and not (name == own and len(names) == position):
                count = self.detached_count.get(key, 0)
                if count < _NOAHS_ARK:
                    self.detached.append((name, key))
                    self.detached_count[key] = count + 1

    def clear_to(self, length: int) -> None:
        for _, key in self.detached[length:]:
            self.detached_count[key] -= 1
        del self.detached[length:]

    def reconstruct(self) -> int:
        """Reopen the detached formatting elements after the last marker."""
        start = self.markers[-1] if self.markers else 0
        entries = self.detached[start:]
        self.clear_to(start)
        for name, key in entries:
            self.push(name, key)
        return len(entries)

    def forget(self, name: str) -> None:
        """The end tag of a detached formatting element drops it (searched near the end)."""
        start = max(self.markers[-1] if self.markers else 0, len(self.detached) - _SEARCH_DEPTH)
        for index in range(len(self.detached) - 1, start - 1, -1):
            detached, key = self.detached[index]
            if detached == name:
                self.detached_count[key] -= 1
                del self.detached[index]
                return

    def adopt(self, position: int) -> int:
        """The adoption agency for the formatting element at ``position`` with a block
        above it: the stack keeps its size, and the element and up to three formatting
        elements above it are cloned. The element counts as closed from now on."""
        name = self.names[position]
        self.names[position] = "#" + name
        if name in _TRACKED:
            self.where[name].pop()
        return 1 + self.formatting_above(position)

    def formatting_above(self, position: int) -> int:
        """Formatting elements above ``position`` that the adoption agency clones (at most
        three; three when too far down to count)."""
        keys, count = self.keys, 0
        for index in range(len(keys) - 1, max(position, len(keys) - _SEARCH_DEPTH - 1), -1):
            count += bool(keys[index])
            if count == 3:
                break
        return count if len(keys) - position <= _SEARCH_DEPTH else 3

    def last(self, name: str) -> int:
        if name in _TRACKED:
            positions = self.where.get(name)
            return positions[-1] if positions else -1
        names = self.names
        for position in range(len(names) - 1, max(len(names) - _SEARCH_DEPTH, 0) - 1, -1):
            if names[position] == name:
                return position
        return -1  # deeper than that it is taken as closed already: the end tag is ignored

    def in_scope(self, name: str, *extra: str) -> int:
        """Position of the last open ``name`` with no boundary above it, or -1."""
        position = self.last(name)
        if position < 0:
            return -1
        above = max([self.bounds[-1] if self.bounds else -1, *(self.last(e) for e in extra)])
        return position if above <= position else -1

    def in_table_scope(self, name: str) -> int:
        position = self.last(name)
        if position < 0 or name == "table":
            return position if self.last("template") <= position else -1
        return position if max(self.last("table"), self.last("template")) < position else -1

    def no_special_above(self, position: int, allowed: frozenset[str] = frozenset()) -> bool:
        if position < 0:
            return False
        for steps, above in enumerate(reversed(self.special)):
            if above <= position:
                return True
            if self.names[above] not in allowed or steps >= _SEARCH_DEPTH:
                return False
        return True

    def in_foreign(self) -> bool:
        """Inside svg or math, and not inside one of their HTML integration points."""
        return self.foreign > 0 and max(self.last("svg"), self.last("math")) > max(
            self.last(name) for name in _INTEGRATION
        )


def scan(  # noqa: PLR0915 - one loop, its common cases inlined for speed
    text: str, *, max_nodes: int | None, max_depth: int | None, max_attributes: int | None
) -> Scan:
    """Estimated elements and depth of the tree Lexbor builds from ``text``, and the offset
    of the first tag past a limit (None disables a limit)."""
    stack = _Stack()
    names, keys = stack.names, stack.keys
    elements = depth = 0
    unlimited = len(text) + 1
    node_limit = unlimited if max_nodes is None else max_nodes
    depth_limit = (unlimited if max_depth is None else max_depth) - _BASE_DEPTH
    attribute_limit = unlimited if max_attributes is None else max_attributes
    pos = previous_end = 0
    had_text = False
    while pos < len(text):
        resume = -1
        for match in _TOKEN.finditer(text, pos):
            start, end = match.span()
            had_text = had_text or start > previous_end
            previous_end = end
            name = match.group("name")
            if name is None:  # a comment, a doctype, a processing instruction or "</" junk
                continue
            if text[end - 1] != ">":
                return Scan(elements, depth + _BASE_DEPTH)  # a tag cut by the end: dropped
            if end - start >= _LONG_TAG and len(_ATTRIBUTE.findall(text, start + 2, end)) > attribute_limit:
                return Scan(elements, depth + _BASE_DEPTH, start, "max_attributes")
            if had_text and stack.detached:  # text re-creates the detached formatting elements
                elements += stack.reconstruct()
            had_text = False
            lower = name.lower()
            if text[start + 1] == "/":
                if names and names[-1] == lower and lower not in _KIND and not keys[-1]:
                    names.pop()  # the common case, inline: the end of the current element
                    keys.pop()
                else:
                    elements += _end_tag(stack, lower)
                continue
            if lower in _IGNORED:
                continue
            html = not (stack.foreign and stack.in_foreign())  # svg's <style> holds markup
            if stack.foreign or stack.detached or lower in _ACTIVE or lower in _KIND:
                elements += _start_tag(stack, lower, text, start, end)
            else:
                names.append(lower)  # the common case, inline: an element that only opens
                keys.append("")
                elements += 1
            if html and lower in _RAW_TEXT:
                close = _RAW_END[lower].search(text, end)
                resume = close.start() if close else len(text)
            elif html and lower == "plaintext":
                resume = len(text)
            if len(names) > depth:
                depth = len(names)
                if depth > depth_limit:
                    return Scan(elements, depth + _BASE_DEPTH, start, "max_depth")
            if elements > node_limit:
                return Scan(elements, depth + _BASE_DEPTH, start, "max_nodes")
            if resume >= 0:
                break
        if resume < 0:
            break
        pos = previous_end = resume
    return Scan(elements, depth + _BASE_DEPTH)


def _start_tag(stack: _Stack, name: str, text: str, start: int, end: int) -> int:
    """Open start tag ``name`` (``text[start:end]``) with its implied ends; the elements it
    adds (0 when the parser ignores it, more for re-created formatting elements and
    implied table sections and rows)."""
    names = stack.names
    if stack.foreign and name not in _BREAKOUT and stack.in_foreign():
        if not _self_closing(text, start, end):
            stack.push(name)
        return 1
    added = 1
    if stack.detached and name not in _NO_RECONSTRUCT and name not in ("a", "button"):
        added += stack.reconstruct()  # those two close their namesake first
    if name not in _ACTIVE:
        stack.push(name)
        return added
    if name in ("li", "dd", "dt"):
        kinds = ("li",) if name == "li" else ("dd", "dt")
        last = max(stack.last(k) for k in kinds)
        if stack.no_special_above(last, frozenset({"address", "div", "p", *kinds})):
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
    elif name == "select":
        last = stack.last("select")
        if last >= 0:  # a select in a select closes it
            stack.pop_to(last)
            return added - 1
    elif name == "table":
        table = stack.last("table")
        if table > max(stack.last("td"), stack.last("th"), stack.last("caption")):
            stack.pop_to(table)  # a table directly in a table closes it
    elif name in _TABLE_PARTS:
        table = stack.last("table")
        if table < 0:
            return added - 1  # outside a table the parser ignores it
        added += _table_part(stack, name, table)
    if name not in _VOID:
        stack.push(name, text[start:end] if name in _FORMATTING else "")
    return added


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


def _table_part(stack: _Stack, name: str, table: int) -> int:
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


def _end_tag(stack: _Stack, name: str) -> int:
    """Apply end tag ``name``; the elements it adds (a lone ``</p>`` makes an empty p,
    the adoption agency clones formatting elements)."""
    names = stack.names
    if names and names[-1] == name:
        stack.pop_to(len(names) - 1, own=name)
        return 0
    if name == "br":  # read as <br>
        return 1 + (stack.reconstruct() if stack.detached else 0)
    if name in _IGNORED:
        return 0
    if name == "p":
        last = stack.in_scope("p", "button")
    elif name == "li":
        last = stack.in_scope("li", "ul", "ol")
    elif name in _TABLE_PARTS or name == "table":
        last = stack.in_table_scope(name)
    elif name == "select":
        last = stack.last("select")
    elif name == "form":
        return 0  # removes the form alone, not what is open in it: kept open (errs on the safe side)
    elif name in _SPECIAL:
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
