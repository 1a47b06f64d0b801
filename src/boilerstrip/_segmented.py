"""What the segment stage returns: the page's block-level elements and text blocks.

:func:`._segment.traverse` records them in the compact form of :class:`Traversal` while the
parsed tree is alive; :func:`finish` makes them into a :class:`Segmented` once the tree is
released, the form every later stage reads.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from ._compiled import c_module
from ._markup import links_of
from ._model import NO_MARKUP, Link, Markup, Role, new_tuple, with_links


# Element and RawBlock are immutable named tuples rather than frozen dataclasses: a page
# makes hundreds of each, and a frozen dataclass's __init__ costs four times as much.
class Element(NamedTuple):
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


class RawBlock(NamedTuple):
    """A run of text that belongs to one block-level element."""

    text: str
    element: int  # index of the owning Element
    role: Role
    heading_level: int
    link_chars: int
    row: int  # element index of the enclosing <tr> for table cells and rows, else -1
    markup: Markup = NO_MARKUP  # the structure the output formats need (_markup.py)


class BlockColumns(NamedTuple):
    """The page's blocks as columns, an item a block, in the order of RawBlock's fields: what
    the later stages read of the blocks (a RawBlock a block, made and read field by field, took
    2.5% of extract()'s time at the median page, its dealloc and reads more)."""

    texts: list[str]
    owners: list[int]  # each block's Element index (RawBlock.element)
    roles: list[Role]
    levels: list[int]  # heading levels
    link_chars: list[int]
    rows: list[int]
    markups: list[Markup]


# A named tuple, not a frozen dataclass: defining one costs a fifth as much at import.
class Segmented(NamedTuple):
    elements: tuple[Element, ...]
    columns: BlockColumns

    @property
    def chars(self) -> int:
        return self.elements[0].chars if self.elements else 0

    @property
    def blocks(self) -> tuple[RawBlock, ...]:
        """The blocks as RawBlocks, made on each call from :attr:`columns` (for tests and
        tools: the pipeline reads the columns)."""
        return tuple(RawBlock(*fields) for fields in zip(*self.columns))


class Texts:
    """The blocks' texts of a page of many blocks while the tree is alive: one UTF-8 buffer
    for the page and each text's end in it, made into str objects by :func:`block_columns`
    once the tree is released (a str a block, alive beside the tree, took 49 bytes more
    than its characters and a list slot: about 0.3 times a big page). ``surrogatepass``
    gives back any str exactly. Pages of fewer blocks keep a list of strs (see
    :func:`packed`): encoding and decoding cost more than a list."""

    __slots__ = ("data", "ends")

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.data = bytearray()
        self.ends: array[int] = array("q")
        for text in texts:
            self.append(text)

    def append(self, text: str) -> None:
        self.data += text.encode("utf-8", "surrogatepass")
        self.ends.append(len(self.data))

    def truncate(self, count: int) -> None:
        """Keep the first ``count`` texts."""
        del self.data[self.ends[count - 1] if count else 0 :], self.ends[count:]

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, index: int) -> str:
        ends = self.ends
        end = ends[index]  # raises IndexError past the end
        index %= len(ends)
        return self.data[ends[index - 1] if index else 0 : end].decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        return map(self.__getitem__, range(len(self.ends)))


# The blocks' texts during the traversal: a list of strs, or on a page of many blocks a
# Texts buffer (the same texts in the same order; see packed()).
BlockTexts = list[str] | Texts


def packed(texts: BlockTexts, at: int | None) -> BlockTexts:
    """``texts`` in a Texts buffer once they number ``at`` (None: never), else as they are."""
    if at is not None and len(texts) >= at and isinstance(texts, list):
        return Texts(texts)
    return texts


def truncate(texts: BlockTexts, count: int) -> None:
    """Keep the first ``count`` texts."""
    if isinstance(texts, list):
        del texts[count:]
    else:
        texts.truncate(count)


class Traversal(NamedTuple):
    """What the traversal records, before it is made into a :class:`Segmented` (by
    :func:`finish`): compact, as it is alive beside the tree (about six times the page).

    Per block-level element, ``strings`` holds a row of _STRINGS (tag, class/id names,
    ARIA role, CSS step) and ``numbers`` a row of _NUMBERS (parent, depth, characters,
    link characters, tags, links): an element's Element tuple, its locator and its ints
    took about 1.7 times the page while the tree was alive, where these take 0.5. Per
    block, ``texts``, ``roles`` and ``markups`` hold an item and ``block_numbers`` a row
    of _BLOCK_NUMBERS (element, heading level, link characters, table row, first link):
    a RawBlock and the int of its element's index took 0.7 times the page, these 0.3.
    The markups lack their links, which are in ``spans`` and ``hrefs`` (_markup.Recorder).
    ``withheld``: whether the walk left out something a walk with ``reveal`` reads (a hidden
    element, a ``<noscript>``); when not, that walk would record the same columns."""

    strings: list[str]
    numbers: array[int]
    texts: BlockTexts
    roles: list[Role]
    block_numbers: array[int]
    markups: list[Markup]
    spans: array[int]
    hrefs: list[str]
    withheld: bool = True

    @property
    def chars(self) -> int:
        return self.numbers[_CHARS] if self.numbers else 0


# A block-level element's row in Traversal.strings and in Traversal.numbers.
# Final: the compiled build inlines each (a plain module global is a dict lookup there).
_STRINGS: Final = 4
_NAMES: Final = 1
_ARIA: Final = 2
_STEP: Final = 3
_NUMBERS: Final = 6
_PARENT: Final = 0
_DEPTH: Final = 1
_CHARS: Final = 2
_BLOCK_NUMBERS: Final = 5
_BLOCK_ELEMENT: Final = 0  # columns of a block's numbers: element, heading level, link chars, row
_BLOCK_LEVEL: Final = 1
_BLOCK_LINK_CHARS: Final = 2
_BLOCK_ROW: Final = 3
_FIRST_LINK: Final = 4


# The compiled build's loops of _block_columns_python and _elements_python in C, straight from
# the columns (_cscan_blocks.c, _cscan_elements.c; None in a pure install), and the layouts of
# the columns and of Markup they read (each checks that it was built for them).
if TYPE_CHECKING:  # (array[int] is not subscriptable at run time before Python 3.12)
    _BlocksMaker = Callable[
        [
            type[BlockColumns],
            type[Markup],
            type[Link],
            BlockTexts,
            list[Role],
            array[int],
            list[Markup],
            array[int],
            list[str],
            tuple[int, ...],
        ],
        BlockColumns,
    ]
    _ElementsMaker = Callable[
        [type[Element], list[str], array[int], array[int], tuple[int, ...], int], tuple[Element, ...]
    ]


def _c_makers() -> tuple[_BlocksMaker | None, _ElementsMaker | None]:
    module = c_module("_cscan")
    if module is None:
        return None, None
    return cast("_BlocksMaker", module.block_columns), cast("_ElementsMaker", module.elements)


_C_MAKERS: Final = _c_makers()
_BLOCK_COLUMNS_C: Final = _C_MAKERS[0]
_ELEMENTS_C: Final = _C_MAKERS[1]
_BLOCK_LAYOUT: Final = (_BLOCK_NUMBERS, _FIRST_LINK, Markup._fields.index("links"), len(Markup._fields))
_LAYOUT: Final = (_STRINGS, _STEP, _NUMBERS, _BLOCK_NUMBERS)


def block_columns(traversal: Traversal) -> BlockColumns:
    """The blocks' columns, the Markups with their links."""
    if _BLOCK_COLUMNS_C is None:
        return _block_columns_python(traversal)
    texts, roles, numbers, markups, spans, hrefs = traversal[2:8]
    return _BLOCK_COLUMNS_C(
        BlockColumns, Markup, Link, texts, roles, numbers, markups, spans, hrefs, _BLOCK_LAYOUT
    )


def _block_columns_python(traversal: Traversal) -> BlockColumns:
    """:func:`block_columns`' Python path, and the reference of the compiled build's
    ``_cscan.block_columns``. The traversal's lists of texts and roles are taken as they are
    when they hold just the blocks' (read, never changed, by the later stages)."""
    texts, roles, numbers, markups, spans, hrefs = traversal[2:8]
    count = len(texts)
    # Each block's links end where the next block's begin: the first-link column read through
    # a strided view (an item a block, not two generic reads of the array, nor a copy), the
    # Markups of the blocks without links (most) taken as they are.
    linked = markups[:count]
    view = memoryview(numbers)
    if count:
        start = numbers[_FIRST_LINK]
        i = 0
        for end in view[_BLOCK_NUMBERS + _FIRST_LINK : count * _BLOCK_NUMBERS : _BLOCK_NUMBERS]:
            if end > start:
                linked[i] = with_links(linked[i], links_of(spans, hrefs, start, end))
            start, i = end, i + 1
        if len(hrefs) > start:
            linked[i] = with_links(linked[i], links_of(spans, hrefs, start, len(hrefs)))
    # (the columns of the numbers as strided slices of a view of them, made into lists in C)
    rows = view[: count * _BLOCK_NUMBERS]
    columns = (
        texts if isinstance(texts, list) and len(texts) == count else list(texts),
        rows[_BLOCK_ELEMENT::_BLOCK_NUMBERS].tolist(),
        roles if len(roles) == count else roles[:count],
        rows[_BLOCK_LEVEL::_BLOCK_NUMBERS].tolist(),
        rows[_BLOCK_LINK_CHARS::_BLOCK_NUMBERS].tolist(),
        rows[_BLOCK_ROW::_BLOCK_NUMBERS].tolist(),
        linked,
    )
    # (by new_tuple: a named tuple's class call runs its __new__ in the interpreter)
    return new_tuple(BlockColumns, columns)


_MAX_SHARED_INTS: Final = 4096  # see _elements_python


def finish(traversal: Traversal) -> Segmented:
    """The Elements, with the CSS paths of the elements that own blocks, of a traversal
    (made once the tree is released: see :class:`Traversal`)."""
    columns = block_columns(traversal)
    strings, numbers, block_numbers = traversal.strings, traversal.numbers, traversal.block_numbers
    if _ELEMENTS_C is None:
        elements: tuple[Element, ...] = _elements_python(strings, numbers, block_numbers)
    else:
        elements = _ELEMENTS_C(Element, strings, numbers, block_numbers, _LAYOUT, _MAX_SHARED_INTS)
    # (by new_tuple: a named tuple's class call runs its __new__ in the interpreter)
    return new_tuple(Segmented, (elements, columns))


def _elements_python(
    strings: list[str], numbers: array[int], block_numbers: array[int], max_shared: int = _MAX_SHARED_INTS
) -> tuple[Element, ...]:
    """The Elements of the columns, with the CSS paths of the elements that own a block (the
    Python path, and the reference of the compiled build's ``_cscan.elements``); the first
    ``max_shared`` distinct counts get one int object each."""
    paths: dict[int, str] = {}  # element -> its CSS path, for owners and their ancestors
    owners: dict[int, str] = {}  # a cell merged into a row owns none
    # The blocks' elements read as one strided slice of their column, set in C (not a
    # RawBlock's field read, unboxed and boxed again a block).
    for owner in set(block_numbers[_BLOCK_ELEMENT::_BLOCK_NUMBERS]):
        chain = []
        node = owner
        while node >= 0 and node not in paths:
            chain.append(node)
            node = numbers[node * _NUMBERS + _PARENT]
        prefix = paths[node] if node >= 0 else ""
        for node in reversed(chain):
            prefix = paths[node] = prefix + strings[node * _STRINGS + _STEP]
        owners[owner] = prefix  # (the owner's own path: the chain ends with it)
    del paths
    elements = []
    # An int object an element and count took about 0.6 times a big page while the features
    # are measured: a parent's index is one object for all its children (the last element
    # made one level up is the parent, the elements being in document order), and equal
    # counts share one object (the first max_shared distinct values are remembered).
    # Typed as objects, not ints: the compiled build would make a new int object of each
    # value it took from them (a native int is boxed anew), and nothing would be shared.
    above: list[object] = []  # per depth, the index object of the last element made at it
    known: dict[object, object] = {}
    # The columns read in C: strided slices of the strings, the rows unpacked by one iterator.
    rows = struct.Struct(f"@{_NUMBERS}{numbers.typecode}").iter_unpack(numbers)
    tag_of, names_of, aria_of = strings[0::_STRINGS], strings[_NAMES::_STRINGS], strings[_ARIA::_STRINGS]
    element_class = Element  # a local: the compiled build reads a class global from the module's dict
    for index, (tag, names, aria, row) in enumerate(zip(tag_of, names_of, aria_of, rows)):
        parent, depth, chars, link_chars, tags, link_tags = row
        level: int = depth
        if 0 < level <= len(above) and above[level - 1] == parent:
            parent = above[level - 1]
        if level <= len(above):
            while len(above) > level:  # (a child's level is len(above): nothing to drop)
                above.pop()  # (not del above[level:]: a slice object and a generic call, compiled)
            above.append(index)
        # Written out for each method (a bound method in a variable is a generic call there).
        if len(known) < max_shared:
            chars, link_chars = known.setdefault(chars, chars), known.setdefault(link_chars, link_chars)
            tags = known.setdefault(tags, tags)
        else:
            chars, link_chars = known.get(chars, chars), known.get(link_chars, link_chars)
            tags = known.get(tags, tags)
        locator = owners.get(index, "")
        fields = (tag, parent, depth, names, aria, locator, chars, link_chars, tags, link_tags)
        elements.append(new_tuple(element_class, fields))
    return tuple(elements)
