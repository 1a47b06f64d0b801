"""The walk's per-page tables and the block text's one-pass collapse change no output:

- ``_segment_blocks._block_text`` against its form before the collapse (the translate of
  control characters, ``str.split`` and ``" ".join``, kept here as the reference), with the
  Python collapse and, where the C compiler is there, with ``_cscan.collapse``;
- ``_cscan.collapse`` against the Python collapse on every code point, in each kind of str;
- the CSS steps read from the page's table of steps (``_State.steps``) against the CSS path
  of each element found without them, and screen-reader-only classes tested once a page
  (``_State.clipping``) leave out what they left out.
"""

from __future__ import annotations

import itertools
from types import ModuleType

import pytest
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import _segment_blocks
from boilerstrip._segment import segment, traverse

_KINDS = ("", "é", "\u0100", "\U0001f600")  # ASCII, Latin-1, two- and four-byte strings


def _old_block_text(pieces: list[str], breaks: list[int], pre: bool) -> str:
    """_segment_blocks._block_text as it was before the collapse (main dd4820c)."""
    control = _segment_blocks._CONTROL
    if not breaks:
        line = "".join(pieces)
        if _segment_blocks._HAS_CONTROL.search(line):
            line = line.translate(control)
        if pre:
            text = line.strip("\n")
            return text if text.strip() else ""
        return " ".join(line.split())
    bounds = [0, *breaks, len(pieces)]
    lines = ["".join(pieces[a:b]) for a, b in itertools.pairwise(bounds)]
    if any(_segment_blocks._HAS_CONTROL.search(line) for line in lines):
        lines = [line.translate(control) for line in lines]
    if pre:
        text = "\n".join(lines).strip("\n")
        return text if text.strip() else ""
    parts = (" ".join(line.split()) for line in lines)
    return "\n".join(p for p in parts if p)


# Pieces of text, with the <br> breaks between them.
_BLOCKS: list[tuple[list[str], list[int]]] = [
    ([], []),
    ([""], []),
    (["plain text"], []),
    ([" lead", " and ", "trail  "], []),
    (["\t\n  \u3000 "], []),
    (["a\x0bb", "c\x0cd"], []),  # vertical tab and form feed: dropped, not made spaces
    (["a\x1c b\x1f"], []),  # str.split's separators U+001C-U+001F are dropped first
    (["x\x85y", "\xa0z\xa0"], []),  # NEL dropped, no-break space a separator
    (["\x01\x02\x03"], []),
    (["日本語の", "テキスト\u3000です"], []),
    (["emoji \U0001f600  here", "\u2028line\u2029"], []),
    (["Ā", "\x85"], []),  # a two-byte str whose result is one byte
    (["\U0001f600\x00 é"], []),
    (["one", "two", "three"], [1, 2]),
    (["one", " ", "\x07", "four"], [1, 3]),
    (["", "", ""], [1, 2]),
    (["a  b", "\tc\x0b", " "], [2]),
    (["  code\n  indented\n", "\x01tail\n"], [1]),
]


@pytest.mark.parametrize(("pieces", "breaks"), _BLOCKS)
@pytest.mark.parametrize("pre", [False, True])
def test_block_text_is_as_before_with_the_python_collapse(
    monkeypatch: pytest.MonkeyPatch, pieces: list[str], breaks: list[int], pre: bool
) -> None:
    monkeypatch.setattr(_segment_blocks, "_collapse", _segment_blocks._collapse_python)
    assert _segment_blocks._block_text(pieces, breaks, pre) == _old_block_text(pieces, breaks, pre)


@pytest.mark.parametrize(("pieces", "breaks"), _BLOCKS)
@pytest.mark.parametrize("pre", [False, True])
def test_block_text_is_as_before_with_the_c_collapse(
    monkeypatch: pytest.MonkeyPatch, cscan: ModuleType, pieces: list[str], breaks: list[int], pre: bool
) -> None:
    monkeypatch.setattr(_segment_blocks, "_collapse", cscan.collapse)
    assert _segment_blocks._block_text(pieces, breaks, pre) == _old_block_text(pieces, breaks, pre)


def _same_str(made: str, reference: str) -> None:
    assert made == reference
    assert type(made) is str
    # The same kind (canonical form): a str compares equal only if its kind is the least.
    assert made.encode("utf-32-le", "surrogatepass") == reference.encode("utf-32-le", "surrogatepass")


def test_collapse_agrees_with_python_on_every_code_point(cscan: ModuleType) -> None:
    python = _segment_blocks._collapse_python
    differ = [c for c in range(0x110000) if cscan.collapse(f"a{chr(c)}b") != python(f"a{chr(c)}b")]
    assert differ == []
    differ = [
        c for c in range(0x110000) if cscan.collapse(f" {chr(c)}{chr(c)} ") != python(f" {chr(c)}{chr(c)} ")
    ]
    assert differ == []


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "word",
        "two words",
        "  lead",
        "trail  ",
        "a\tb\nc\rd",
        "a \x00 b",
        "\x01",
        "x\x85\x85y",
        "\u3000 full-width space \u3000",
        "\u2003em\u2003",
        "line\u2028separator",
        "\x1c\x1d\x1e\x1f",
        "many   spaces    between     words " * 20,
    ],
)
def test_collapse_agrees_with_python_in_each_kind_of_str(cscan: ModuleType, kind: str, text: str) -> None:
    for probe in (kind + text, text + kind, text + " " + kind, kind + "\x85"):
        made = cscan.collapse(probe)
        _same_str(made, _segment_blocks._collapse_python(probe))


def test_collapse_takes_only_a_str(cscan: ModuleType) -> None:
    with pytest.raises(TypeError):
        cscan.collapse(b"a b")


def test_collapse_gives_a_plain_str_of_a_str_subclass(cscan: ModuleType) -> None:
    class Sub(str):
        pass

    made = cscan.collapse(Sub("kept as is"))
    assert type(made) is str
    assert made == "kept as is"


# Pages whose steps repeat (the same tag at the same index under many parents), with no
# hidden or skipped element: each locator is then a CSS path of the page.
_PAGES = [
    "<div><p>a</p><p>b</p></div><div><p>c</p><p>d</p></div><section><p>e</p></section>",
    "<ul>" + "".join(f"<li><p>item {i}</p><p>more {i}</p></li>" for i in range(12)) + "</ul>",
    "<table><tr><td><p>x</p></td><td><p>y</p></td></tr><tr><td><div><p>z</p></div></td></tr></table>",
    "<div><span><p>inside an inline</p></span><p>after</p><em><b><p>deeper</p></b></em></div>",
    "<article><h2>t</h2><p>1</p><h2>u</h2><p>2</p><div><h2>v</h2><p>3</p></div></article>",
]


@pytest.mark.parametrize("html", _PAGES)
def test_the_steps_read_from_the_table_are_the_css_paths_of_their_elements(html: str) -> None:
    tree = LexborHTMLParser(html)
    seg = segment(tree.body)
    assert seg.blocks
    for block in seg.blocks:
        locator = seg.elements[block.element].locator
        # A locator starts at the walk's root (<body>): selected from the document.
        found = tree.css(locator.replace("body", "html>body", 1))
        assert len(found) == 1, locator
        assert block.text in " ".join(found[0].text(deep=True).split())


def test_a_repeated_step_is_one_string_for_the_page() -> None:
    html = "".join(f"<div><p>para {i}</p></div>" for i in range(5))
    seg = segment(LexborHTMLParser(html).body)
    assert len({e.locator for e in seg.elements if e.tag == "p"}) == 5  # five paths
    # Their last step, ">p:nth-of-type(1)", is one object of the walk's table.
    traversal = traverse(LexborHTMLParser(html).body)
    strings = traversal.strings
    p_steps = [strings[k + 3] for k in range(0, len(strings), 4) if strings[k] == "p"]
    assert p_steps == [">p:nth-of-type(1)"] * 5
    assert len({id(s) for s in p_steps}) == 1


@pytest.mark.parametrize(
    ("html", "texts"),
    [
        # The same class on a copy beside visible text (left out) and alone in a cell (read).
        (
            "<p>EUR 5 <span class='sr-only'>EUR 5</span></p><p><span class='sr-only'>Yes</span></p>"
            "<p>EUR 6 <span class='sr-only'>EUR 6</span></p>",
            ["EUR 5", "Yes", "EUR 6"],
        ),
        # A class tested once a page, met first where it clips nothing.
        (
            "<div class='card'><p>one</p></div><div class='card'><p>two</p></div>"
            "<p>x <span class='visually-hidden card'>copy</span></p>"
            "<p>y <span class='visually-hidden card'>c</span></p>",
            ["one", "two", "x", "y"],
        ),
        # A heading's screen-reader text is read, the same class elsewhere is not.
        (
            "<h2 class='screen-reader-text'>Section</h2><p>text <i class='screen-reader-text'>dup</i></p>",
            ["Section", "text"],
        ),
    ],
)
def test_screen_reader_classes_tested_once_a_page_leave_as_before(html: str, texts: list[str]) -> None:
    seg = segment(LexborHTMLParser(html).body)
    assert [b.text for b in seg.blocks] == texts
    seg_all = segment(LexborHTMLParser(html).body, unseen=False)
    assert len(seg_all.blocks) >= len(seg.blocks)
