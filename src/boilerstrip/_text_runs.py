"""Text that Lexbor appends to a text node it has made already, counted for the limits scan.

Lexbor (selectolax 1.0.2) appends a piece of text to the text node before it when nothing came
between them in the tree, and copies the whole node to do so whenever the document's memory
has given out anything since (an attribute's value, a comment's data): so the parse is quadratic
in time and in memory in the pieces. In the body, the pieces are kept apart by tags the parser
ignores (``"x</i a=1>" * n``: 0.88 MB, 0.3 s, 484 MB); in a table, text is put before the table
(foster parenting) whatever goes into the table meanwhile (``"<table>" + "x<!---->" * n``:
1.28 MB, 1.2 s, 1.7 GB). Where nothing took memory, the node grows in place: ``"x</i>" * n``
and ``"x</i a>" * n`` (valueless attributes) stay linear in time and memory (160,000 pieces:
5 and 20 MB, against 1.8 GB with ``a=1``).

:class:`TextRuns` counts, at each piece, the length of the node it may be appended to, on the
safe side: a piece in the flow joins the one before unless a tag pushed, popped or added an
element in between (the stack's size or the element count moved; not a tag the parser may
ignore, ``KEEPS``, nor any in a frameset), or a comment came; it counts the node only where
the tokens between the two pieces may take memory (``may_take_memory``: an "=" or a ``<!`` or
``<?`` token in them). Every piece of visible text put before a table (or in a template:
``FOSTERING``) joins all those put so far and counts them. The count is added to the depth
sum, ``TEXT_RUN_SHIFT`` bits down, so that ``max_depth_sum`` bounds it as it bounds the scope
checks. The C loop counts the same (``_cscan_runs.c``).
"""

from __future__ import annotations

from typing import Final

# 64 characters a unit of depth sum: the copies stay in Lexbor's memory (about 0.17 byte of peak
# a character copied), so memory sets it, not time (a character 0.1 ns, a unit about 28 ns): at
# the default max_depth_sum, 128 M characters, about 20 MB and 0.02 s (at 256, 90 MB and 0.07 s).
TEXT_RUN_SHIFT: Final = 6
_MASK: Final = (1 << TEXT_RUN_SHIFT) - 1
# The current nodes under which visible text is put before the table (foster parenting); in a
# colgroup it closes the colgroup first. In a template, the scan opens no table parts, where the
# parser puts such text at the end of the template's contents, whatever goes into the row.
FOSTERING: Final = frozenset({"table", "tbody", "thead", "tfoot", "tr", "colgroup", "template"})
# Start tags the scan counts as elements and the parser may ignore in the body (and every tag
# in a frameset): the text on either side may be one node.
KEEPS: Final = frozenset({"col", "frame", "frameset"})
_SPACES: Final = "\t\n\f\r "
_SPACE_BYTES: Final = b"\t\n\f\r "


class TextRuns:
    """The text nodes of one scan that later pieces may be appended to."""

    __slots__ = ("carry", "depth", "elements", "flow", "foster", "taken")

    def __init__(self) -> None:
        self.flow = 0  # the length of the text node in the flow that the next piece may join
        self.depth = self.elements = -1  # the stack's size and the element count at its last piece
        self.foster = 0  # the text put before tables so far
        self.carry = 0  # the count below a unit
        self.taken = 0  # where the last piece ended, or -1 once memory was taken since (a fostered piece)

    def units(self, text: str | bytes, start: int, end: int, names: list[str], elements: int) -> int:
        """The depth-sum units of the piece ``text[start:end]``, read with ``names`` open and
        ``elements`` made so far: the node it may join, ``TEXT_RUN_SHIFT`` bits down."""
        if names and names[-1] in FOSTERING and _visible(text, start, end):
            work = self.foster
            self.foster += end - start
            self.taken = -1  # (the fostered text's own node may be the memory's last)
        else:
            if self.depth != len(names) or self.elements != elements:
                self.flow, self.depth, self.elements = 0, len(names), elements
            # Grown in place unless the tokens since the last piece may have taken memory.
            taken = self.flow > 0 and (self.taken < 0 or may_take_memory(text, self.taken, start))
            work = self.flow if taken else 0
            self.flow += end - start
            self.taken = end
        self.carry += work
        units = self.carry >> TEXT_RUN_SHIFT
        self.carry &= _MASK
        return units

    def keep(self, depth: int, elements: int) -> None:
        """After a tag the parser may have ignored (``KEEPS``, or any tag in a frameset), with
        ``depth`` open and ``elements`` made: the next piece may join the node before it."""
        self.depth, self.elements = depth, elements

    def other(self, text: str | bytes, start: int) -> None:
        """A token not a tag at ``start``: a comment (``<!--``, or ``<?`` read as one) is put
        where the text goes, so the next piece in the flow starts a node; a doctype, ``<!...>``
        and ``</...>`` junk are taken as nothing (some are comments too: the safe side)."""
        head = text[start : start + 4]
        if head in ("<!--", b"<!--") or head[:2] in ("<?", b"<?"):
            self.depth = -1


def may_take_memory(text: str | bytes, start: int, end: int) -> bool:
    """Whether the tokens ``text[start:end]`` (tags, comments, doctypes: no text) may take
    document memory: an attribute's value (an "=" in a tag, on the safe side) or a token read
    as a comment or doctype (``<!``, ``<?``)."""
    if isinstance(text, str):
        return (
            text.find("=", start, end) >= 0
            or text.find("<!", start, end) >= 0
            or text.find("<?", start, end) >= 0
        )
    return (
        text.find(b"=", start, end) >= 0
        or text.find(b"<!", start, end) >= 0
        or text.find(b"<?", start, end) >= 0
    )


def _visible(text: str | bytes, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a character other than HTML's white space."""
    piece = text[start:end]
    return bool(piece.strip(_SPACES) if isinstance(piece, str) else piece.strip(_SPACE_BYTES))
