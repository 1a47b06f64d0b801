"""The traversal's shortcuts change no output: tag names read once per tag id, block texts
packed into a buffer only from ``Options.packed_texts_min_blocks`` blocks, and rows of
numbers packed as C ints (a count past their range still retries in 8 bytes)."""

from __future__ import annotations

import struct
import time
from pathlib import Path
from typing import Any

import pytest

from boilerstrip import Options, OptionsError, _segment, _segment_blocks, extract
from boilerstrip._errors import ExtractionTimeoutError
from boilerstrip._parse import body_of, parse
from boilerstrip._segment import segment, traverse
from boilerstrip._segmented import Texts, finish

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = ["news_seed.html", "forum_thread.html", "listing_page.html", "data_table.html"]


@pytest.mark.parametrize(
    ("html", "locator"),
    [
        # A custom element's tag id is the document's own: each keeps its name.
        (
            "<body><my-card><p>a</p></my-card><x-y><p>b</p></x-y></body>",
            ["body>my-card:nth-of-type(1)>p", "x-y"],
        ),
        # An HTML foreignobject has the id of SVG's foreignObject, which is never entered.
        (
            "<body><svg><foreignObject><p>c</p></foreignObject></svg><foreignobject><p>d</p></foreignobject></body>",
            ["foreignobject:nth-of-type(1)>p"],
        ),
        (
            "<body><DIV><P>e</P></DIV><div><p>f</p></div></body>",
            ["div:nth-of-type(1)>p", "div:nth-of-type(2)>p"],
        ),
    ],
)
def test_tag_names_come_from_their_tag_ids(html: str, locator: list[str]) -> None:
    seg = segment(body_of(parse(html)))
    paths = [seg.elements[b.element].locator for b in seg.blocks]
    assert len(paths) == len(locator)
    assert all(part in path for part, path in zip(locator, paths))


@pytest.mark.parametrize(
    ("html", "locators"),
    [
        # Each block's owner directly under its block-level parent: one element a step.
        (
            "<body><div><p>a</p><p>b</p></div><div><p>c</p></div></body>",
            [
                "body>div:nth-of-type(1)>p:nth-of-type(1)",
                "body>div:nth-of-type(1)>p:nth-of-type(2)",
                "body>div:nth-of-type(2)>p:nth-of-type(1)",
            ],
        ),
        # Inline elements between an owner and its block-level parent: steps of several
        # elements, below the root and below another block.
        (
            "<body><span><b><div>e</div></b></span><section><span><p>f</p></span><span><p>g</p></span>"
            "<p>h</p></section></body>",
            [
                "body>span:nth-of-type(1)>b:nth-of-type(1)>div:nth-of-type(1)",
                "body>section:nth-of-type(1)>span:nth-of-type(1)>p:nth-of-type(1)",
                "body>section:nth-of-type(1)>span:nth-of-type(2)>p:nth-of-type(1)",
                "body>section:nth-of-type(1)>p:nth-of-type(1)",
            ],
        ),
        # A data-table row merged from its cells is owned by the row, closed when merged.
        (
            "<body><table><tr><td>i</td><td>j</td></tr></table></body>",
            ["body>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type(1)"],
        ),
    ],
)
def test_steps_make_the_css_paths(html: str, locators: list[str]) -> None:
    seg = segment(body_of(parse(html)))
    assert [seg.elements[b.element].locator for b in seg.blocks] == locators


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("at", [1, 2, 7])
def test_packed_texts_give_the_same_segment(page: str, at: int) -> None:
    root = body_of(parse((FIXTURES / page).read_text(encoding="utf-8", errors="replace")))
    packed = traverse(root, narrow=True, pack_texts_at=at)
    plain = traverse(root, narrow=True)
    assert isinstance(packed.texts, Texts) and isinstance(plain.texts, list)
    assert finish(packed) == finish(plain)


@pytest.mark.parametrize("at", [1, 2, 3, 4])
def test_a_row_merged_after_packing_keeps_its_cells(at: int) -> None:
    # The row's cells are made into one block after the texts may have been packed.
    html = "<body><p>x</p><table><tr><td>a</td><td>b</td><td>c</td></tr></table><p>y</p></body>"
    root = body_of(parse(html))
    texts = [b.text for b in finish(traverse(root, pack_texts_at=at)).blocks]
    assert texts == ["x", "a | b | c", "y"]


@pytest.mark.parametrize("value", [1, 3, None])
def test_extract_with_packed_texts_is_the_same(value: int | None) -> None:
    html = (FIXTURES / PAGES[0]).read_text(encoding="utf-8")
    assert extract(html, options=Options(packed_texts_min_blocks=value)) == extract(html)


@pytest.mark.parametrize("value", [0, -1, 2.5])
def test_the_pack_size_is_validated(value: object) -> None:
    with pytest.raises(OptionsError):
        Options(packed_texts_min_blocks=value)  # type: ignore[arg-type]


class _OneByteRange(struct.Struct):
    """Four-byte rows that refuse what one byte cannot hold, as a four-byte row refuses 2**31."""

    def pack(self, *values: int) -> bytes:
        return super().pack(*self._checked(values))

    def pack_into(self, buffer: Any, offset: int, *values: int) -> None:
        super().pack_into(buffer, offset, *self._checked(values))

    @staticmethod
    def _checked(values: tuple[int, ...]) -> tuple[int, ...]:
        if max(values) > 127:
            raise struct.error("'b' format requires -128 <= number <= 127")
        return values


def test_a_count_past_the_packed_range_is_an_overflow(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python walk's rows (the compiled build's C walk writes its element rows itself:
    test_cwalk's test_a_count_past_a_4_byte_row_is_an_overflow)."""
    html = (FIXTURES / PAGES[0]).read_text(encoding="utf-8")
    expected = extract(html)
    monkeypatch.setattr(_segment, "WALKER", None)
    monkeypatch.setitem(_segment_blocks._ROWS, "i", tuple(_OneByteRange(f"@{n}i") for n in (6, 5)))
    with pytest.raises(OverflowError):
        traverse(body_of(parse(html)), narrow=True)
    assert extract(html) == expected  # traversed again with 8-byte counts


_TR = "body>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type(1)"


@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        # Whitespace-only pieces between blocks are dropped: a link over whitespace only
        # makes no link, and the next block's links keep their offsets.
        (
            '<div> <a href="/x"> </a> <p>a <a href="/y">b</a></p>  <a href="/z">\n</a> </div>',
            [("a b", [(2, 3, "/y")])],
        ),
        # A link still open when its whitespace is dropped goes on into the next block.
        ('<a href="/u"> <p>t</p> </a><p>v</p>', [("t", [(0, 1, "/u")]), ("v", [])]),
        (
            '<div><a href="/u">\n<br> <p>t <a href="/w">w</a></p></a></div>',
            [("t w", [(0, 1, "/u"), (2, 3, "/w")])],
        ),
        ("<pre>   </pre><p>x</p>", [("x", [])]),
    ],
)
def test_whitespace_only_pieces_are_dropped_with_their_links(
    html: str, blocks: list[tuple[str, list[tuple[int, int, str]]]]
) -> None:
    seg = segment(body_of(parse(html)))
    assert [(b.text, [(k.start, k.end, k.href) for k in b.markup.links]) for b in seg.blocks] == blocks


@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        # Merged: every block is a cell of the row, one block a cell (links moved to the row's text).
        (
            '<table><tr><td><a href="/a">a</a></td><td>b <a href="/c">c</a></td></tr></table>',
            [("a | b c", "TABLE_ROW", _TR)],
        ),
        # Not merged: a cell of two blocks, a block that is no cell (a paragraph, a <div>).
        (
            "<table><tr><td>a<br><br>b</td><td>c</td></tr></table>",
            [
                ("a", "TABLE_CELL", f"{_TR}>td:nth-of-type(1)"),
                ("b", "TABLE_CELL", f"{_TR}>td:nth-of-type(1)"),
                ("c", "TABLE_CELL", f"{_TR}>td:nth-of-type(2)"),
            ],
        ),
        (
            "<table><tr><td>a</td><td><p>b</p></td></tr></table>",
            [
                ("a", "TABLE_CELL", f"{_TR}>td:nth-of-type(1)"),
                ("b", "PARAGRAPH", f"{_TR}>td:nth-of-type(2)>p:nth-of-type(1)"),
            ],
        ),
        (
            "<table><tr><td><div>x</div></td><td>y</td></tr></table>",
            [
                ("x", "PARAGRAPH", f"{_TR}>td:nth-of-type(1)>div:nth-of-type(1)"),
                ("y", "TABLE_CELL", f"{_TR}>td:nth-of-type(2)"),
            ],
        ),
        # The inner row is merged; the outer row holds a cell of another row: not merged.
        (
            "<table><tr><td><table><tr><td>i</td><td>j</td></tr></table></td><td>k</td></tr></table>",
            [
                (
                    "i | j",
                    "TABLE_ROW",
                    f"{_TR}>td:nth-of-type(1)>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type(1)",
                ),
                ("k", "TABLE_CELL", f"{_TR}>td:nth-of-type(2)"),
            ],
        ),
    ],
)
def test_rows_are_merged_only_when_each_block_is_one_of_their_cells(
    html: str, blocks: list[tuple[str, str, str]]
) -> None:
    seg = segment(body_of(parse(html)))
    assert [(b.text, b.role.name, seg.elements[b.element].locator) for b in seg.blocks] == blocks


@pytest.mark.parametrize(("elements", "times_out"), [(4094, False), (4095, True)])
def test_the_clock_is_read_every_check_every_nodes(elements: int, times_out: bool) -> None:
    # The root and its elements: the 4096th node visited is the first to look at the clock.
    root = body_of(parse("<body>" + "<i></i>" * elements + "</body>"))
    if times_out:
        with pytest.raises(ExtractionTimeoutError):
            traverse(root, deadline=time.monotonic() - 1.0)
    else:
        assert traverse(root, deadline=time.monotonic() - 1.0).texts == []


@pytest.mark.parametrize("page", PAGES)
def test_narrow_and_wide_counts_finish_alike(page: str) -> None:
    root = body_of(parse((FIXTURES / page).read_text(encoding="utf-8", errors="replace")))
    assert finish(traverse(root, narrow=True)) == finish(traverse(root))


@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        # Inline elements with and without children (their exits only pop the stack, done
        # in the walk itself), around a link and block-level elements: the steps, counts
        # and links after them are those of the elements still open.
        (
            '<body><div><span></span><i>x</i><img src=a.png><p>a <b>b</b> <a href="/l">c</a> d</p>'
            "<span><em>e</em></span><p>f</p></div></body>",
            [
                ("x", "body>div:nth-of-type(1)", []),
                ("a b c d", "body>div:nth-of-type(1)>p:nth-of-type(1)", [(4, 5, "/l")]),
                ("e", "body>div:nth-of-type(1)", []),
                ("f", "body>div:nth-of-type(1)>p:nth-of-type(2)", []),
            ],
        ),
        # A link inside an inline element, <code> (entered, its exit a pop) in <pre>, list
        # items with an inline child and without.
        (
            '<body><p><span><a href="/m">g</a></span></p><pre><code class="language-py">h</code></pre>'
            "<ul><li><span>i</span></li><li>j</li></ul><p>k</p></body>",
            [
                ("g", "body>p:nth-of-type(1)", [(0, 1, "/m")]),
                ("h", "body>pre:nth-of-type(1)", []),
                ("i", "body>ul:nth-of-type(1)>li:nth-of-type(1)", []),
                ("j", "body>ul:nth-of-type(1)>li:nth-of-type(2)", []),
                ("k", "body>p:nth-of-type(2)", []),
            ],
        ),
    ],
)
def test_inline_exits_keep_the_open_elements(html: str, blocks: list[tuple[str, str, list[Any]]]) -> None:
    seg = segment(body_of(parse(html)))
    found = [
        (b.text, seg.elements[b.element].locator, [(k.start, k.end, k.href) for k in b.markup.links])
        for b in seg.blocks
    ]
    assert found == blocks
    assert all(e.chars >= 0 and e.tags >= 1 for e in seg.elements)
