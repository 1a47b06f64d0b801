"""The annotated view: what it removes, what it marks, its side panel, its command line, and
(in headless Chromium) where the label colours land on the screen."""

from __future__ import annotations

import dataclasses
import io
import os
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import InputError, Label, Options, annotate, extract
from boilerstrip._annotate import _HEAD, _mark, locate
from boilerstrip._annotate_view import LABEL_COLOURS, Placement, panel, tint
from boilerstrip._cli import main
from chromium import find_chromium, read_png, screenshot
from test_hostile import CASES as HOSTILE_CASES
from test_properties import HTML, SETTINGS

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "news_seed.html"
LAYOUT = FIXTURES / "annotate" / "layout.html"
PAGES = sorted(FIXTURES.glob("*.html"))
HOSTILE = sorted((FIXTURES / "hostile").glob("*.html"))
PROSE = "A paragraph of ordinary prose about the harbour, its ferries and its fishing boats. " * 3


def view_of(html: str | bytes, **kwargs: object) -> LexborHTMLParser:
    return LexborHTMLParser(annotate(html, **kwargs))  # type: ignore[arg-type]


def marked_indices(view: LexborHTMLParser) -> dict[int, dict[str, str | None]]:
    """Block index -> the attributes of the element marked with it."""
    return {
        int(i): node.attributes
        for node in view.css("[data-bs-blocks]")
        for i in (node.attributes["data-bs-blocks"] or "").split()
    }


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


# -- inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [*(p.read_bytes() for p in HOSTILE), *HOSTILE_CASES.values()],
    ids=[*(p.stem for p in HOSTILE), *HOSTILE_CASES],
)
def test_hostile_inputs_give_a_view(data: str | bytes) -> None:
    view = view_of(data)
    result = extract(data)
    assert len(view.css("#bs-panel .bs-row")) == len(result.blocks)
    assert set(marked_indices(view)) == {b.index for b in result.blocks}
    assert view.css("script") == []


def test_caller_trees_are_untouched() -> None:
    from lxml import html as lxml_html

    data = SEED.read_text("utf-8")
    lexbor = LexborHTMLParser(data)
    before = lexbor.html
    assert "data-bs-blocks" in annotate(lexbor)
    assert lexbor.html == before
    tree = lxml_html.fromstring(data)
    serialised = lxml_html.tostring(tree)
    assert "data-bs-blocks" in annotate(tree)
    assert lxml_html.tostring(tree) == serialised


@pytest.mark.parametrize(
    "kwargs",
    [{"html": 42}, {"html": "<p>x</p>", "options": {}}, {"html": "<p>x</p>", "content_type": b"text/html"}],
    ids=["html", "options", "content_type"],
)
def test_wrong_arguments_raise_input_error(kwargs: dict[str, object]) -> None:
    with pytest.raises(InputError):
        annotate(**kwargs)  # type: ignore[arg-type]


def test_a_page_id_is_kept_as_the_anchor() -> None:
    view = view_of(f'<p id="intro" class="lead">{PROSE}</p><p id=" ">{PROSE}</p>')
    assert [n.attributes["id"] for n in view.css("[data-bs-blocks]")] == ["intro", "bs-block-1"]
    assert [n.attributes["class"] for n in view.css("[data-bs-blocks]")] == ["lead bs-block", "bs-block"]
    assert [r.attributes["href"] for r in view.css("#bs-panel a.bs-row")] == ["#intro", "#bs-block-1"]


def test_same_input_same_view_in_any_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    data = SEED.read_bytes()
    with ThreadPoolExecutor(4) as pool:
        views = list(pool.map(annotate, [data] * 8))
    assert len(set(views)) == 1 and views[0] == annotate(data)


def test_bytes_are_decoded_by_their_declared_charset() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>Café. {PROSE}</p></body></html>'
    view = annotate(page.encode("iso-8859-1"))
    assert "Café." in view and '<meta charset="utf-8">' in view
    assert "Café." in annotate(page.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1")


@pytest.mark.parametrize(
    ("data", "content_type", "note"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, None, "binary data"),
        (f"<p>{PROSE}</p>".encode(), "image/png", "the content type is image/png"),
    ],
)
def test_what_is_not_html_gives_an_empty_view(data: bytes, content_type: str | None, note: str) -> None:
    view = view_of(data, content_type=content_type)
    assert view.css("#bs-panel .bs-row") == []
    assert note in view.css_first("#bs-panel bs-p").text()


def test_truncated_input_is_said() -> None:
    view = view_of(f"<p>{PROSE}</p>" * 50, options=Options(max_input_chars=1000))
    assert "input cut at a limit" in view.css_first("#bs-panel bs-p").text()


# -- command line ---------------------------------------------------------------------------


def test_cli_writes_the_view(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    assert main(["annotate", str(SEED), "-o", str(out)]) == 0
    assert out.read_text("utf-8") == annotate(SEED.read_bytes(), url=str(SEED))


def test_cli_reads_stdin_and_writes_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin, stdout = io.TextIOWrapper(io.BytesIO(SEED.read_bytes())), io.TextIOWrapper(io.BytesIO())
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["annotate", "-"]) == 0
    assert stdout.buffer.getvalue().decode("utf-8") == annotate(SEED.read_bytes())  # type: ignore[attr-defined]


def test_cli_options_reach_the_extraction(tmp_path: Path) -> None:
    page = FIXTURES / "blog_comments.html"
    default, comments = tmp_path / "default.html", tmp_path / "comments.html"
    assert main(["annotate", str(page), "-o", str(default)]) == 0
    assert main(["annotate", "--comments", str(page), "-o", str(comments)]) == 0
    options = Options(include_comments=True)
    assert comments.read_text("utf-8") == annotate(page.read_bytes(), url=str(page), options=options)
    assert comments.read_bytes() != default.read_bytes()


def test_cli_reports_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["annotate", str(tmp_path / "missing.html")]) == 1
    assert "missing.html" in capsys.readouterr().err


# -- in a browser -----------------------------------------------------------------------------

CHROMIUM = find_chromium()
_REQUIRED = os.environ.get("BOILERSTRIP_REQUIRE_CHROMIUM") == "1"
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not _REQUIRED,
    reason="no chromium binary on PATH (apt-get install chromium); "
    "with BOILERSTRIP_REQUIRE_CHROMIUM=1 this fails instead",
)
WINDOW = (1000, 700)
# The boxes of tests/fixtures/annotate/layout.html (left, top, right, bottom, in CSS pixels),
# each with the start of its block's text.
REGIONS = {
    "navigation bar": ((0, 0, 640, 40), "Home News"),
    "headline": ((0, 60, 440, 110), "Harbour town opens"),
    "first paragraph": ((0, 130, 440, 260), "The new ferry terminal"),
    "second paragraph": ((0, 280, 440, 410), "Fishermen who have"),
    "third paragraph": ((0, 430, 440, 560), "The council has promised"),
    "related links": ((460, 60, 640, 280), "Storm closes"),
    "footer": ((0, 580, 640, 640), "© 2026"),
}
_TOLERANCE = 6  # per channel: colour rounding in the compositor


@pytest.fixture(scope="module")
def layout_screenshot(tmp_path_factory: pytest.TempPathFactory) -> object:
    if CHROMIUM is None:
        pytest.fail("BOILERSTRIP_REQUIRE_CHROMIUM=1 but no chromium binary on PATH")
    folder = tmp_path_factory.mktemp("annotate-chromium")
    page, png = folder / "view.html", folder / "view.png"
    page.write_text(annotate(LAYOUT.read_bytes()), "utf-8")
    screenshot(page, png, width=WINDOW[0], height=WINDOW[1], binary=CHROMIUM)
    return read_png(png)


def _label_of(start: str) -> Label:
    return next(b.label for b in extract(LAYOUT.read_bytes()).blocks if b.text.startswith(start))


def _dominant(image: object, box: tuple[int, int, int, int]) -> tuple[int, int, int]:
    left, top, right, bottom = box
    inside = image.region(left + 4, top + 4, right - 4, bottom - 4)  # type: ignore[attr-defined]
    return Counter(inside).most_common(1)[0][0]  # type: ignore[no-any-return]


def test_layout_fixture_has_content_and_chrome() -> None:
    labels = {name: _label_of(start) for name, (_, start) in REGIONS.items()}
    assert labels["first paragraph"] is Label.CONTENT
    assert labels["navigation bar"] is Label.NAVIGATION
    assert not labels["footer"].is_content and not labels["related links"].is_content


@needs_chromium
@pytest.mark.parametrize("region", REGIONS)
def test_screenshot_shows_each_block_in_its_label_colour(layout_screenshot: object, region: str) -> None:
    box, start = REGIONS[region]
    image = layout_screenshot
    assert (image.width, image.height) == WINDOW  # type: ignore[attr-defined]
    expected = tint(_label_of(start))
    seen = _dominant(image, box)
    assert max(abs(a - b) for a, b in zip(seen, expected)) <= _TOLERANCE, (region, seen, expected)
    # Its outline: the label colour itself, on the box's edge.
    left, top, _, _ = box
    colour = LABEL_COLOURS[_label_of(start)]
    edge = image.pixels[(top + box[3]) // 2][left]  # type: ignore[attr-defined]
    assert max(abs(a - int(colour[i : i + 2], 16)) for a, i in zip(edge, (1, 3, 5))) <= _TOLERANCE


@needs_chromium
def test_screenshot_tells_content_from_chrome(layout_screenshot: object) -> None:
    def colours(*regions: str) -> set[tuple[int, int, int]]:
        return {_dominant(layout_screenshot, REGIONS[r][0]) for r in regions}

    content = colours("first paragraph", "third paragraph")
    chrome = colours("navigation bar", "related links", "footer")
    assert len(content) == 1 and not content & chrome
    assert len(chrome) == 3  # three kinds of chrome, three colours
    blank = _dominant(layout_screenshot, (0, 660, 640, 700))  # below the footer: no block
    assert blank == (255, 255, 255)


_PAINT_RED = "document.documentElement.style.setProperty('background', 'red', 'important')"
LIVE_PAYLOADS = (
    f'<img src="missing.png" onerror="{_PAINT_RED}">'
    f"<script>{_PAINT_RED}</script>"
    # parsed again, this <style>'s text becomes an <img> with a handler
    f'<svg><style><img src="missing.png" onerror="{_PAINT_RED}"></style></svg>'
)


def _blank_colour(html: str, folder: Path, name: str) -> tuple[int, int, int]:
    page, png = folder / f"{name}.html", folder / f"{name}.png"
    page.write_text(html, "utf-8")
    screenshot(page, png, width=800, height=400, binary=CHROMIUM)
    return _dominant(read_png(png), (0, 300, 400, 400))  # below the text, left of the panel


@needs_chromium
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(f"<p>{PROSE}</p>{LIVE_PAYLOADS}", (255, 0, 0), id="the page: the payloads run"),
        pytest.param(annotate(f"<p>{PROSE}</p>{LIVE_PAYLOADS}"), (255, 255, 255), id="its view"),
        # The view's own head alone stops handlers and scripts that would get past the cleaning.
        pytest.param(
            f"<html><head>{_HEAD}</head><body>{LIVE_PAYLOADS}</body></html>",
            (255, 255, 255),
            id="policy only",
        ),
    ],
)
def test_no_page_script_runs_in_the_view(tmp_path: Path, page: str, expected: tuple[int, int, int]) -> None:
    if CHROMIUM is None:
        pytest.fail("BOILERSTRIP_REQUIRE_CHROMIUM=1 but no chromium binary on PATH")
    assert _blank_colour(page, tmp_path, "page") == expected


@needs_chromium
def test_a_page_hidden_until_its_scripts_run_is_shown(tmp_path: Path) -> None:
    """An anti-flicker snippet: the page stays transparent until a script removes a class."""
    if CHROMIUM is None:
        pytest.fail("BOILERSTRIP_REQUIRE_CHROMIUM=1 but no chromium binary on PATH")
    page = (
        '<html class="async-hide"><head><style>.async-hide{opacity:0!important}</style></head>'
        f'<body style="margin:0"><p style="margin:0;height:400px">{PROSE}</p></body></html>'
    )
    label = extract(page).blocks[0].label
    seen = _blank_colour(annotate(page), tmp_path, "view")
    assert max(abs(a - b) for a, b in zip(seen, tint(label))) <= _TOLERANCE, seen


# -- generated pages ----------------------------------------------------------------------------


@settings(SETTINGS, max_examples=400)
@given(HTML)
def test_generated_pages_give_a_clean_view_with_every_block_marked(page: str) -> None:
    result = extract(page)
    view = annotate(page)
    view.encode("utf-8")  # what the command line writes
    tree = LexborHTMLParser(view)
    assert tree.css("script, noscript, iframe, object, embed, base") == []
    assert not any(
        name.lower().startswith("on")
        for node in tree.root.traverse()
        for name in node.attributes  # type: ignore[union-attr]
    )
    assert len(tree.css("#bs-panel .bs-row")) == len(result.blocks)
    marks = marked_indices(tree)
    assert set(marks) == {b.index for b in result.blocks}
