"""The stack of open elements, as the HTML tree builder keeps it, for the limits scan.

Only what the depth and the element count depend on is followed: implied ends, scopes,
foreign content, and formatting elements (detached, re-created, adopted). Where it is
unsure the stack keeps elements open, so that it never counts much less than the parser
builds (tests/test_properties.py checks that on random repeated constructs).

The tree builder's steps for each tag, which push and pop it, are in ``_tree_steps.py``.
The compiled build runs a port of this module in C (``_cstack.c``, ``_ctags.c``, given the
tables of :data:`C_TABLES`); this one is the reference and the path of a pure install: a
change here is made there too (tests/test_cstack.py compares them).
"""

from __future__ import annotations

from typing import Final


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Every table and bit below is Final: the compiled build reads it from a C static or inlines
# it (a plain module global is a dict look-up there at each use, a tag or more per tag).
_VOID: Final = _names(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr"
)
_FORMATTING: Final = _names("a b big code em font i nobr s small strike strong tt u")
_SPECIAL: Final = _names(
    "address applet article aside blockquote button caption center colgroup dd details dir "
    "div dl dt fieldset figcaption figure footer form frameset h1 h2 h3 h4 h5 h6 header hgroup "
    "li listing main marquee menu nav noscript object ol p pre search section select summary "
    "table tbody td template tfoot th thead tr ul"
)
# Elements that stop the search for an open element "in scope" (svg, math and frameset too: fewer
# elements in scope keep more open, which errs on the safe side).
_BOUNDARY: Final = _names("applet caption table td th marquee object template svg math frameset")
_MARKER: Final = _names("applet caption td th marquee object template")
_HEADINGS: Final = _names("h1 h2 h3 h4 h5 h6")
_CLOSES_P: Final = _HEADINGS | _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer header hgroup main menu nav ol p search section summary ul pre listing form "
    "li dd dt xmp hr plaintext"
)
# End tags that close their element when it is in scope, whatever is open above it.
_SCOPED_END: Final = _HEADINGS | _names(
    "address article aside blockquote button center details dialog dir div dl fieldset figcaption "
    "figure footer header hgroup listing main menu nav ol pre search section summary ul dd dt "
    "applet marquee object template"
)
# The special elements a <li> (a <dd> or <dt>) may have above an open one that it closes.
_ABOVE_LI: Final = _names("address div p li")
_ABOVE_DD: Final = _names("address div p dd dt")
_TABLE_SECTIONS: Final = ("tbody", "thead", "tfoot")
_TABLE_PARTS: Final = _names("tbody thead tfoot tr td th caption colgroup")
IGNORED: Final = _names("html head body")  # merged into the ones that always exist
# Start tags before which the parser surely does not re-create detached formatting elements
# (re-creating too often only counts more).
_NO_RECONSTRUCT: Final = (
    (_CLOSES_P - {"xmp"})
    | _TABLE_PARTS
    | _names(
        "table template textarea iframe noembed noframes script style title meta link base basefont "
        "bgsound frameset frame col"
    )
)
# In svg and math a tag ending in "/>" closes itself, but these HTML names leave foreign
# content; inside the integration points, elements are HTML again.
_BREAKOUT: Final = _HEADINGS | _names(
    "b big blockquote body br center code dd div dl dt em embed head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
)
# The integration points, by namespace: in svg, these are HTML integration points (every
# start tag in them is HTML); in math, the text integration points (every start tag but
# _GLYPHS), and annotation-xml when its encoding says HTML. The same names in the other
# namespace are plain foreign elements, whose content stays foreign.
_SVG_POINTS: Final = _names("foreignobject desc title")
_MATH_POINTS: Final = _names("mi mo mn ms mtext")
_GLYPHS: Final = _names("mglyph malignmark")
# What a foreign element is, kept in OpenElements.spaces: its namespace, and for an
# integration point which start tags in it are HTML.
IN_SVG: Final = 1
IN_MATH: Final = 2
_HTML_POINT: Final = 4  # all of them
_TEXT_POINT: Final = 8  # all but mglyph and malignmark
_ANNOTATION: Final = 16  # math's annotation-xml that is no point: only an <svg> (an svg element)
_POINTS: Final = _HTML_POINT | _TEXT_POINT
# Start tags that do more than open an element.
ACTIVE: Final = _CLOSES_P | _TABLE_PARTS | _VOID | _FORMATTING | _names("option optgroup button select table")
# Start tags that, with nothing foreign, detached, in a frameset or a <p> open, only add
# themselves (pushed unless void): the scan takes them without calling start_tag.
PLAIN_START: Final = _VOID | (_CLOSES_P - _HEADINGS - {"li", "dd", "dt"})
VOID: Final = _VOID
_SEARCH_DEPTH: Final = 64  # searches down the stack give up (keeping elements open) past this
_NOAHS_ARK: Final = 3  # the parser keeps at most three identical detached formatting elements
BASE_DEPTH: Final = 2  # <html> and <body>
# The elements whose positions the implied ends and scopes look up (others are searched
# for near the top of the stack only).
_TRACKED: Final = (
    _names(
        "p button li ul ol dd dt a nobr select table td th caption tr template tbody thead tfoot svg "
        "math frameset h1 h2 h3 h4 h5 h6 annotation-xml"
    )
    | _SVG_POINTS
    | _MATH_POINTS
)
_IS_BOUNDARY: Final = 1
_IS_SPECIAL: Final = 2
_IS_MARKER: Final = 4
_IS_FOREIGN: Final = 8
_IS_TRACKED: Final = 16
KIND: Final = {
    name: (name in _BOUNDARY) * _IS_BOUNDARY
    + (name in _SPECIAL) * _IS_SPECIAL
    + (name in _MARKER) * _IS_MARKER
    + (name in ("svg", "math")) * _IS_FOREIGN
    + (name in _TRACKED) * _IS_TRACKED
    for name in _BOUNDARY | _SPECIAL | _TRACKED
}
# What pop_to and push do for a name whose kind has none of these bits is done inline by
# the scan's Python loop (no boundary, marker or foreign positions to keep): TRACKED, SPECIAL.
COMPLEX: Final = _IS_BOUNDARY | _IS_MARKER | _IS_FOREIGN
TRACKED: Final = _IS_TRACKED
SPECIAL: Final = _IS_SPECIAL
# What the compiled build's port of this module (_cstack.c) is given: KIND, its bits in the
# order it reads them, the sets it gives each name as bits (in the order of _cscan.h's flags
# from F_IGNORED up), and the search depth and the ark's size (the codes of `spaces` are
# _cstack.h's too).
# Typed as a tuple of objects: the compiled build keeps it one object (a tuple of known
# types would be made anew at each use).
C_TABLES: Final[tuple[object, ...]] = (
    KIND,
    (_IS_TRACKED, _IS_BOUNDARY, _IS_SPECIAL, _IS_MARKER, _IS_FOREIGN),
    (
        IGNORED,
        _VOID,
        ACTIVE,
        _FORMATTING,
        _CLOSES_P,
        _HEADINGS,
        _NO_RECONSTRUCT,
        _BREAKOUT,
        _SVG_POINTS,
        _TABLE_PARTS,
        _SCOPED_END,
        _ABOVE_LI,
        _ABOVE_DD,
        _MATH_POINTS,
        _GLYPHS,
    ),
    _SEARCH_DEPTH,
    _NOAHS_ARK,
)


class OpenElements:
    """The open elements, with the positions of the kinds that scopes look for."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.keys: list[str] = []  # the raw start tag of formatting elements, "" for others
        self.where: dict[str, list[int]] = {}
        self.bounds: list[int] = []
        self.special: list[int] = []
        self.foreign: list[int] = []  # positions of the svg and math elements (and those in them)
        self.spaces: list[int] = []  # what each of them is: IN_SVG or IN_MATH, and its point bits
        self.markers: list[int] = []  # length of `detached` when each marker opened
        # (name, key) of the formatting elements closed by another element's end
        self.detached: list[tuple[str, str]] = []
        self.detached_count: dict[str, int] = {}

    def push(self, name: str, key: str = "", *, foreign: int = 0) -> None:
        """Open ``name``; ``foreign``: what a foreign element is (its namespace and point bits)."""
        position = len(self.names)
        if foreign:
            self.foreign.append(position)
            self.spaces.append(foreign)
        self.names.append(name)
        self.keys.append(key)
        kind = KIND.get(name)
        if kind:
            if kind & _IS_TRACKED:
                self.where.setdefault(name, []).append(position)
            if kind & _IS_BOUNDARY:
                self.bounds.append(position)
            if kind & _IS_SPECIAL:
                self.special.append(position)
            if kind & _IS_MARKER:
                self.markers.append(len(self.detached))
            if kind & _IS_FOREIGN and not foreign:  # an <svg> or <math> in HTML
                self.foreign.append(position)
                self.spaces.append(IN_SVG if name == "svg" else IN_MATH)

    def pop_to(self, position: int, own: str = "") -> None:
        """Close every element from ``position`` up; formatting elements other than
        ``own`` stay active, to be re-created at the next text."""
        names, keys = self.names, self.keys
        while len(names) > position:
            name = names.pop()
            key = keys.pop()
            kind = KIND.get(name)
            if kind is None and name[:1] == "#":  # retired: its position is no longer tracked
                kind = KIND.get(name[1:], 0) & ~_IS_TRACKED
            if kind:
                if kind & _IS_TRACKED:
                    self.where[name].pop()
                if kind & _IS_BOUNDARY:
                    self.bounds.pop()
                if kind & _IS_SPECIAL:
                    self.special.pop()
                if kind & _IS_MARKER:
                    self.clear_to(self.markers.pop())
            if self.foreign and self.foreign[-1] == len(names):
                self.foreign.pop()
                self.spaces.pop()
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

    def retire(self, position: int) -> None:
        """Leave the element at ``position`` open (counted) but no longer findable: for an
        element the parser may have closed, or moved, while others stay open above it."""
        name = self.names[position]
        self.names[position] = "#" + name
        if name in _TRACKED:
            self.where[name].pop()

    def adopt(self, position: int) -> int:
        """The adoption agency for the formatting element at ``position`` with a block
        above it: the stack keeps its size, and the element and up to three formatting
        elements above it are cloned. The element counts as closed from now on."""
        name = self.names[position]
        self.retire(position)
        clones = self.formatting_above(position)
        self.push("#" + name)  # counted one level deeper, to err on the safe side
        return 1 + clones

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

    def in_foreign(self, name: str) -> bool:
        """Whether start tag ``name`` is read as foreign content: the current element is an
        svg or math one, and not an integration point for it."""
        if not self.foreign or self.foreign[-1] != len(self.names) - 1:
            return False
        space = self.spaces[-1]
        if space & _HTML_POINT:
            return False
        if space & _TEXT_POINT:
            return name in _GLYPHS
        return not (space & _ANNOTATION and name == "svg")

    def leave_foreign(self) -> None:
        """Close the svg and math elements above the last HTML element or integration point
        (an HTML tag in svg)."""
        foreign, spaces = self.foreign, self.spaces
        run = len(foreign) - 1
        while run > 0 and foreign[run - 1] == foreign[run] - 1 and not spaces[run - 1] & _POINTS:
            run -= 1
        self.pop_to(foreign[run])
