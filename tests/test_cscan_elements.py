"""The compiled build's Elements and block columns made in C (_cscan_elements.c's ``elements``,
_cscan_blocks.c's ``block_columns``) are what their Python references make
(``_segmented._elements_python``, ``_segmented._block_columns_python``): the same values, the
same shared int objects, the same errors, on traversals of hand-made pages (both typecodes,
texts as a list and as a Texts buffer) and on hand-made columns. Where the compiled build is
not installed the extension is built here with the C compiler (the tests skip without one)."""

from __future__ import annotations

import gc
from array import array
from itertools import combinations
from types import ModuleType
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

import cscan_build
from boilerstrip import _segmented
from boilerstrip._model import NO_MARKUP, Link, Markup, Role
from boilerstrip._segment import traverse
from boilerstrip._segmented import (
    _BLOCK_LAYOUT,
    _LAYOUT,
    _MAX_SHARED_INTS,
    BlockColumns,
    Element,
    RawBlock,
    Texts,
    Traversal,
    _block_columns_python,
    _elements_python,
    finish,
)

_PAGES = [
    "",
    "<p>one</p>",
    "<div><p>a</p><p>b <a href='/x'>link</a> c</p></div><p>tail</p>",
    "<ul><li>x<ul><li>y</li></ul></li><li>z <a href='/1'>1</a><a href='/2'>2</a></li></ul>",
    "<table><tr><td>a</td><td><a href='/c'>b</a></td></tr><tr><td><p>p</p></td></tr></table>",
    "<article><h1>T</h1><section><div><div><p>deep é \u0100 \U0001f600</p></div></div></section></article>",
    "<main><blockquote><p>q</p></blockquote><pre class='language-py'>code</pre><p>x<br>y</p></main>",
    "<nav><a href='/a'>A</a> <a href='/b'>B</a></nav><footer><p>f <a href='/f'>f</a></p></footer>",
    "<div>" * 40 + "<p>nested</p>" + "</div>" * 40 + "<p>after</p>",
    "".join(f"<div class='c{i % 7}'><p>{'w ' * i}</p></div>" for i in range(300)),  # counts past 256
]


def _traversals() -> list[tuple[str, Traversal]]:
    cases = []
    for n, html in enumerate(_PAGES):
        root = LexborHTMLParser(html).body
        for narrow in (False, True):
            for pack in (None, 1):
                cases.append(
                    (
                        f"page{n}-{'i' if narrow else 'q'}-{pack}",
                        traverse(root, narrow=narrow, pack_texts_at=pack),
                    )
                )
    return cases


_TRAVERSALS = _traversals()


def _c_elements(cscan: ModuleType, t: Traversal, max_shared: int = _MAX_SHARED_INTS) -> Any:
    return cscan.elements(Element, t.strings, t.numbers, t.block_numbers, _LAYOUT, max_shared)


def _c_blocks(cscan: ModuleType, t: Traversal) -> Any:
    texts, roles, numbers, markups, spans, hrefs = t[2:8]
    return cscan.block_columns(
        BlockColumns, Markup, Link, texts, roles, numbers, markups, spans, hrefs, _BLOCK_LAYOUT
    )


def _shared(items: list[object]) -> list[tuple[int, int]]:
    """The pairs of items that are one object (ints past 256: the smaller ones are cached)."""
    pairs = combinations(enumerate(items), 2)
    return [(i, j) for (i, a), (j, b) in pairs if a is b and isinstance(a, int) and a > 256]


@pytest.mark.parametrize(("name", "t"), _TRAVERSALS, ids=[name for name, _ in _TRAVERSALS])
def test_elements_are_the_reference_s(cscan: ModuleType, name: str, t: Traversal) -> None:
    for max_shared in (_MAX_SHARED_INTS, 0, 1, 3):
        made = _c_elements(cscan, t, max_shared)
        reference = _elements_python(t.strings, t.numbers, t.block_numbers, max_shared)
        assert type(made) is tuple
        assert made == reference
        assert all(type(e) is Element and not gc.is_tracked(e) for e in made)
        for field in ("parent", "chars", "link_chars", "tags"):
            column = [getattr(e, field) for e in made]
            assert _shared(column) == _shared([getattr(e, field) for e in reference]), field


@pytest.mark.parametrize(("name", "t"), _TRAVERSALS, ids=[name for name, _ in _TRAVERSALS])
def test_block_columns_are_the_reference_s(cscan: ModuleType, name: str, t: Traversal) -> None:
    made, reference = _c_blocks(cscan, t), _block_columns_python(t)
    assert type(made) is BlockColumns
    assert made == reference
    assert [type(column) for column in made] == [list] * len(made)
    assert {len(column) for column in made} <= {len(t.texts)}
    # the traversal's lists of texts (when a list) and roles taken as they are, never changed
    assert (made.texts is t.texts) == (reference.texts is t.texts) == isinstance(t.texts, list)
    assert made.roles is t.roles and reference.roles is t.roles
    assert [type(m) for m in made.markups] == [Markup] * len(made.markups)
    assert all(type(k) is Link and not gc.is_tracked(k) for m in made.markups for k in m.links)
    assert [m is r for m, r in zip(made.markups, reference.markups)] == [
        not r.links for r in reference.markups
    ]
    assert [m is k for m, k in zip(made.markups, t.markups)] == [not r.links for r in reference.markups]


@pytest.mark.parametrize(("name", "t"), _TRAVERSALS, ids=[name for name, _ in _TRAVERSALS])
def test_segmented_blocks_are_its_columns_rows(name: str, t: Traversal) -> None:
    segmented = finish(t)
    blocks = segmented.blocks
    assert [type(b) for b in blocks] == [RawBlock] * len(t.texts)
    assert [tuple(b) for b in blocks] == list(zip(*segmented.columns))
    assert [b.element for b in blocks] == list(t.block_numbers[0::5])


def _columns(
    rows: list[tuple[str, int, int, int, int, int, int]], owners: list[int], code: str = "q"
) -> Traversal:
    """A traversal of hand-made element rows (tag, parent, depth, chars, link chars, tags, links),
    each element's CSS step "<tag>:<index>>", and a block owned by each of ``owners``."""
    strings: list[str] = []
    numbers = array(code)
    for i, (tag, *counts) in enumerate(rows):
        strings += [tag, f"names{i}", "", f"{tag}:{i}>"]
        numbers.extend(counts)
    block_numbers = array(code)
    for owner in owners:
        block_numbers.extend((owner, 0, 0, -1, 0))
    count = len(owners)
    texts = [f"text {k}" for k in range(count)]
    return Traversal(
        strings, numbers, texts, [Role.PARAGRAPH] * count, block_numbers, [NO_MARKUP] * count, array(code), []
    )


_ROWS = [
    ("div", -1, 0, 900, 300, 5, 1),
    ("p", 0, 1, 500, 300, 2, 1),
    ("p", 0, 1, 400, 0, 1, 0),
    ("ul", 0, 1, 900, 300, 5, 1),  # a depth whose last element made is not its parent (document order broken)
    ("li", 3, 2, 500, 300, 2, 1),
    ("li", 0, 3, 1000, 0, 1, 0),  # a level past the last one made plus one
    ("p", -1, 0, 1000, 900, 1000, 0),
]


# CSS steps of one, two and four bytes a character (ASCII, Latin-1, BMP, astral): paths of each kind.
_WIDE = [
    ("div", -1, 0, 9, 0, 5, 0),
    ("caf\u00e9", 0, 1, 5, 0, 2, 0),
    ("p", 1, 2, 5, 0, 1, 0),
    ("\u0100", 0, 1, 4, 0, 2, 0),
    ("\U0001f600", 3, 2, 4, 0, 1, 0),
]

# Past 256 elements: a parent's index object shared by its children (smaller ints are cached).
_BIG = [("span", -1, 0, 1, 0, 1, 0)] * 300 + [("div", -1, 0, 3, 0, 4, 0)] + [("p", 300, 1, 1, 0, 1, 0)] * 3


@pytest.mark.parametrize(
    ("rows", "owners"),
    [
        (_ROWS, []),
        (_ROWS, [1]),
        (_ROWS, [1, 1, 2]),
        (_ROWS, [6, 4, 1, 0]),
        (_ROWS, [-1, 5]),
        (_ROWS, [2, 2, 2, 2]),
        (_ROWS, list(range(len(_ROWS)))),
        (_BIG, [301, 303, 5]),
        (_WIDE, [2, 4, 1, 3, 0]),
    ],
    ids=[
        "none",
        "one",
        "repeated",
        "out-of-order",
        "minus-one",
        "one-owner",
        "all",
        "big-indices",
        "wide-steps",
    ],
)
@pytest.mark.parametrize("code", ["q", "i"])
@pytest.mark.parametrize("max_shared", [_MAX_SHARED_INTS, 0, 2])
def test_elements_of_hand_made_columns(
    cscan: ModuleType, rows: list[Any], owners: list[int], code: str, max_shared: int
) -> None:
    t = _columns(rows, owners, code)
    made = _c_elements(cscan, t, max_shared)
    reference = _elements_python(t.strings, t.numbers, t.block_numbers, max_shared)
    assert made == reference
    assert [e.locator for e in made] == [e.locator for e in reference]
    for field in ("parent", "chars", "link_chars", "tags"):
        assert _shared([getattr(e, field) for e in made]) == _shared([getattr(e, field) for e in reference])


@pytest.mark.parametrize(
    ("rows", "owners"),
    [(_ROWS, [len(_ROWS)]), ([("p", 5, 1, 1, 0, 1, 0)], [0])],
    ids=["owner-past-the-end", "parent-past-the-end"],
)
def test_elements_raise_as_the_reference(cscan: ModuleType, rows: list[Any], owners: list[int]) -> None:
    t = _columns(rows, owners)
    with pytest.raises(IndexError):
        _elements_python(t.strings, t.numbers, t.block_numbers)
    with pytest.raises(IndexError):
        _c_elements(cscan, t)


def _linked(
    texts: list[str], first_links: list[int], spans: list[int], hrefs: list[str], packed: bool
) -> Traversal:
    block_numbers = array("q")
    markups = []
    for k, first_link in enumerate(first_links):
        block_numbers.extend((k, k % 7, 3 * k, -1 if k % 2 else k, first_link))
        markups.append(NO_MARKUP if k % 3 else Markup(lists=((1, "ul", k),), cells=("a", "b"), quote_depth=k))
    roles = [Role.PARAGRAPH, Role.TABLE_ROW, Role.HEADING] * len(texts)
    block_texts = Texts(texts) if packed else list(texts)
    return Traversal(
        [], array("q"), block_texts, roles[: len(texts)], block_numbers, markups, array("q", spans), hrefs
    )


@pytest.mark.parametrize("packed", [False, True])
@pytest.mark.parametrize(
    ("texts", "first_links", "hrefs"),
    [
        (["a"], [0], []),
        (["a"], [0], ["/only"]),  # the last block's links run to the end of hrefs
        (["a", "bé", "c\U0001f600"], [0, 2, 2], ["/1", "/2", "/3"]),
        (["x\ud800", "", "z"], [0, 0, 0], ["/z"]),
        (["a", "b", "c", "d"], [0, 1, 1, 3], ["/a", "/b", "/c", "/d", "/e"]),
    ],
)
def test_block_columns_of_hand_made_columns(
    cscan: ModuleType, packed: bool, texts: list[str], first_links: list[int], hrefs: list[str]
) -> None:
    spans = [n for k in range(len(hrefs)) for n in (10 * k, 10 * k + 4)]
    t = _linked(texts, first_links, spans, hrefs, packed)
    made = _c_blocks(cscan, t)
    assert made == _block_columns_python(t)
    assert made.texts == texts and made.owners == list(range(len(texts)))


@pytest.mark.parametrize(
    ("layout", "error"),
    [((4, 3, 6, 4), ValueError), ((4, 3, 6), ValueError), ([4, 3, 6, 5], TypeError)],
)
def test_elements_check_the_layout(cscan: ModuleType, layout: Any, error: type[Exception]) -> None:
    t = _columns(_ROWS, [1])
    with pytest.raises(error):
        cscan.elements(Element, t.strings, t.numbers, t.block_numbers, layout, 8)


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"layout": (5, 4, 5, 8)}, ValueError),
        ({"numbers": array("h", [0] * 5)}, TypeError),
        ({"numbers": array("q", [0] * 4)}, IndexError),  # shorter than the texts
        ({"spans": array("q")}, IndexError),  # a link past the spans
        ({"markups": [("not", "a", "markup")]}, TypeError),
        ({"texts": "text"}, AttributeError),
    ],
)
def test_block_columns_reject_what_their_callers_never_give(
    cscan: ModuleType, change: dict[str, Any], error: type[Exception]
) -> None:
    args: dict[str, Any] = {
        "texts": ["a"],
        "roles": [Role.PARAGRAPH],
        "numbers": array("q", [0, 0, 0, -1, 0]),
        "markups": [NO_MARKUP],
        "spans": array("q", [0, 1]),
        "hrefs": ["/a"],
        "layout": _BLOCK_LAYOUT,
    } | change
    with pytest.raises(error):
        cscan.block_columns(
            BlockColumns, Markup, Link, args["texts"], args["roles"], args["numbers"], args["markups"],
            args["spans"], args["hrefs"], args["layout"],
        )  # fmt: skip


def test_finish_uses_the_c_loops_when_the_build_has_them() -> None:
    module = cscan_build.installed("_cscan")
    if module is None:  # a pure install (or an extension a test built elsewhere): the Python path
        assert _segmented._ELEMENTS_C is None and _segmented._BLOCK_COLUMNS_C is None
    else:
        assert _segmented._ELEMENTS_C is module.elements
        assert _segmented._BLOCK_COLUMNS_C is module.block_columns
