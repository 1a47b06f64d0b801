"""The annotated view: what it removes, what it marks, and its side panel and legend."""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from annotated import FIXTURES, PROSE, SEED, marked_indices, view_of
from boilerstrip import Label, Options, annotate, extract
from boilerstrip._annotate import _mark, locate
from boilerstrip._annotate_view import LABEL_COLOURS, Placement, panel, tint

LAYOUT = FIXTURES / "annotate" / "layout.html"
PAGES = sorted(FIXTURES.glob("*.html"))
HOSTILE = sorted((FIXTURES / "hostile").glob("*.html"))


# -- what the view removes --------------------------------------------------------------

HOSTILE_PAGE = f"""<!DOCTYPE html><html onload="steal()"><head>
<meta charset="iso-8859-1"><meta http-equiv="refresh" content="0; url=https://example.com/">
<meta http-equiv="Content-Security-Policy" content="style-src 'none'">
<base href="https://example.com/"><link rel="preload" href="x.js" as="script">
<link rel="stylesheet" href="site.css"><script>steal()</script></head>
<body onclick="steal()"><script src="https://example.com/x.js"></script>
<noscript><img src="https://example.com/pixel.gif"></noscript>
<article><h1 onmouseover="steal()">Harbour news</h1><p>{PROSE}</p>
<p><a href="javascript:steal()">one</a> <a href=" java&#9;script:steal()">two</a>
<a href="vbscript:steal()">three</a> <a href="data:text/html,&lt;script&gt;steal()&lt;/script&gt;">four</a>
<a href="/ok">kept</a> {PROSE}</p>
<form action="javascript:steal()"><button formaction="javascript:steal()">go</button></form></article>
<iframe src="https://example.com/" srcdoc="&lt;script&gt;steal()&lt;/script&gt;"></iframe>
<object data="x.swf"></object><embed src="x.swf"><applet code="x.class"></applet>
<svg><animate attributeName="href" values="javascript:steal()"/>
<a xlink:href="javascript:steal()"><text>t</text></a></svg>
<img src="x.png" onerror="steal()"></body></html>"""


@pytest.fixture(scope="module")
def hostile_view() -> LexborHTMLParser:
    return view_of(HOSTILE_PAGE)


@pytest.mark.parametrize(
    "selector",
    [
        "script",
        "noscript",
        "iframe",
        "object",
        "embed",
        "applet",
        "base",
        "animate",
        'meta[http-equiv="refresh"]',
        'meta[charset="iso-8859-1"]',
        'meta[http-equiv="Content-Security-Policy"][content="style-src \'none\'"]',
        'link[rel="preload"]',
    ],
)
def test_unsafe_elements_are_removed(hostile_view: LexborHTMLParser, selector: str) -> None:
    assert hostile_view.css(selector) == []


def test_no_event_handler_or_script_url_is_left(hostile_view: LexborHTMLParser) -> None:
    for node in hostile_view.root.traverse():  # type: ignore[union-attr]
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (node.tag, name)
            assert name.lower() != "srcdoc"
            squeezed = "".join((value or "").split()).lower()
            assert not squeezed.startswith(("javascript:", "vbscript:", "data:text/html")), (node.tag, name)
    assert "steal()" not in annotate(HOSTILE_PAGE)


def test_page_markup_and_style_sheets_are_kept(hostile_view: LexborHTMLParser) -> None:
    assert hostile_view.css_first('link[rel="stylesheet"]').attributes["href"] == "site.css"
    assert hostile_view.css_first('a[href="/ok"]') is not None
    assert hostile_view.css_first("article h1").text() == "Harbour news"


def test_own_head_comes_first(hostile_view: LexborHTMLParser) -> None:
    head = [node for node in hostile_view.head.iter()]  # type: ignore[union-attr]
    assert head[0].tag == "meta" and head[0].attributes["charset"] == "utf-8"
    policy = head[1].attributes["content"] or ""
    assert head[1].attributes["http-equiv"] == "Content-Security-Policy"
    assert "script-src 'none'" in policy and "base-uri 'none'" in policy
    assert head[2].tag == "style" and head[2].attributes["id"] == "bs-style"


# -- what the view marks ------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem)
def test_every_block_is_marked_with_its_label(page: Path) -> None:
    data = page.read_bytes()
    result = extract(data)
    marks = marked_indices(view_of(data))
    for block in result.blocks:
        attrs = marks[block.index]  # every block of the fixtures is located
        shared = [result.blocks[int(i)] for i in (attrs["data-bs-blocks"] or "").split()]
        assert {b.locator for b in shared} == {block.locator}
        if len(shared) == 1:
            assert attrs["data-bs-label"] == block.label.value
            assert attrs["data-bs-score"] == f"{block.score:.2f}"
        assert f"block {block.index}: {block.label.value}, score {block.score:.2f}" in (attrs["title"] or "")
        assert "bs-block" in (attrs["class"] or "").split()


def test_a_shared_element_takes_the_label_with_most_words() -> None:
    page = f"<html><body><div>Two words<br><br>{PROSE}</div><p>{PROSE}</p></body></html>"
    result = extract(page)
    first, second = result.blocks[:2]
    assert first.locator == second.locator
    relabelled = dataclasses.replace(
        result,
        blocks=(
            dataclasses.replace(first, label=Label.CONTENT),
            dataclasses.replace(second, label=Label.PROMO),
            *result.blocks[2:],
        ),
    )
    tree = LexborHTMLParser(page)
    _mark(tree, relabelled, reveal=False, panels=Options().reveal_panels)
    div = tree.css_first("div")
    assert div.attributes["data-bs-blocks"] == "0 1"
    assert div.attributes["data-bs-label"] == "promo"  # its 40-odd words against 2


def test_an_element_around_marked_elements_is_outlined_only() -> None:
    page = f"<html><body><div>Loose words beside <p>{PROSE}</p> and after it</div></body></html>"
    marked = {node.tag: node.attributes for node in view_of(page).css("[data-bs-blocks]")}
    assert set(marked) == {"div", "p"}
    assert marked["div"]["data-bs-blocks"] == "0 2"  # the words before and after the <p>
    assert "data-bs-outer" in marked["div"] and "data-bs-outer" not in marked["p"]


def test_hidden_siblings_do_not_shift_the_locators() -> None:
    # Visible prose past Options.reveal_below_chars: the page is read without its hidden text.
    prose = PROSE * 2
    page = (
        '<html><body><p hidden>Hidden.</p><p style="display:none">Gone.</p><p popover>Tip.</p>'
        f"<dialog><p>Sign in.</p></dialog><p>{prose}</p></body></html>"
    )
    view = view_of(page)
    marked = view.css("[data-bs-blocks]")
    assert len(marked) == 1
    assert marked[0].text().startswith("A paragraph")


def test_a_nearly_empty_page_is_located_as_it_was_read() -> None:
    """Pages whose visible text is nearly empty are read with their hidden elements and
    noscript content: the locators count those, and the noscript content stays."""
    page = (
        f"<html><body><div hidden><p>{PROSE}</p></div>"
        f"<noscript><p>Enable scripts. {PROSE}</p></noscript></body></html>"
    )
    result = extract(page)
    view = view_of(page)
    marks = marked_indices(view)
    assert len(result.blocks) == 2 and set(marks) == {0, 1}
    assert view.css("noscript") == []
    assert marks[1]["data-bs-label"] == result.blocks[1].label.value


def test_a_block_inside_removed_markup_is_listed_as_such() -> None:
    page = f"<html><body><p>{PROSE}</p><applet><p>{PROSE}</p></applet></body></html>"
    result = extract(page)
    assert len(result.blocks) == 2
    view = view_of(page)
    rows = view.css("#bs-panel .bs-row")
    assert "bs-lost" not in (rows[0].attributes["class"] or "")
    assert "bs-lost" in (rows[1].attributes["class"] or "")
    assert "removed with unsafe markup" in rows[1].text()


@pytest.mark.parametrize(
    ("locator", "found"),
    [
        ("body", "body"),
        ("body>div:nth-of-type(2)", "second"),
        ("body>div:nth-of-type(2)>p:nth-of-type(1)", "inner"),
        ("body>div:nth-of-type(3)", None),
        ("body>div", None),
        ("html>body", None),
        ("", None),
    ],
)
def test_locate(locator: str, found: str | None) -> None:
    tree = LexborHTMLParser('<div id="first"></div><div id="second"><p id="inner">x</p></div>')
    located = locate(tree.body, {locator}, reveal=False, panels=Options().reveal_panels)
    node = located.get(locator)
    assert (None if node is None else node.attributes.get("id", node.tag)) == found


# -- the side panel and the legend ----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_view() -> LexborHTMLParser:
    return view_of(SEED.read_bytes())


def test_side_panel_lists_every_block(seed_view: LexborHTMLParser) -> None:
    result = extract(SEED.read_bytes())
    rows = seed_view.css("#bs-panel .bs-row")
    assert len(rows) == len(result.blocks)
    for row, block in zip(rows, result.blocks):
        assert row.attributes["title"] == f"block {block.index}: {block.label.value}, score {block.score:.2f}"
        assert row.css_first("bs-swatch").attributes["class"] == f"bs-l-{block.label.value}"
        anchor = (row.attributes["href"] or "")[1:]
        assert block.index in marked_indices_by_id(seed_view)[anchor]


def marked_indices_by_id(view: LexborHTMLParser) -> dict[str, list[int]]:
    return {
        node.attributes["id"] or "": [int(i) for i in (node.attributes["data-bs-blocks"] or "").split()]
        for node in view.css("[data-bs-blocks]")
    }


def test_legend_shows_every_label_with_its_count(seed_view: LexborHTMLParser) -> None:
    counts = Counter(b.label.value for b in extract(SEED.read_bytes()).blocks)
    keys = [key.text() for key in seed_view.css("#bs-panel bs-legend bs-key")]
    assert keys == [f"{label.value} ({counts[label.value]})" for label in Label]


def test_a_block_that_cannot_be_located_is_listed_marked() -> None:
    result = extract(f"<p>{PROSE}</p><p>{PROSE}</p>")
    html = panel(result, {0: Placement(anchor="bs-block-0")}, truncated=True, note="")
    rows = LexborHTMLParser(html).css(".bs-row")
    assert [r.tag for r in rows] == ["a", "bs-row"]
    assert rows[1].text().endswith("(not located)")
    assert "input cut at a limit" in html


def test_label_colours_are_distinct_in_tint() -> None:
    tints = [tint(label) for label in Label]
    for i, a in enumerate(tints):
        for b in tints[i + 1 :]:
            assert max(abs(x - y) for x, y in zip(a, b)) >= 20, (a, b)
    assert set(LABEL_COLOURS) == set(Label)
