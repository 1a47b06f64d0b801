"""Limits: the pre-scan bounds what Lexbor builds, large and crafted inputs get a truncated
result or a typed error within the defaults, and the time budget holds."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import hostile_inputs as large
from boilerstrip import (
    BoilerstripError,
    Extraction,
    ExtractionTimeoutError,
    LimitError,
    Options,
    OptionsError,
    _scan_patterns,
    extract,
)
from boilerstrip._limits import OPTION_WORK_SHIFT, Scan, scan, scan_python
from boilerstrip._open_elements import BASE_DEPTH, IGNORED, OpenElements
from boilerstrip._tree_steps import end_tag, start_tag

FIXTURES = Path(__file__).parent / "fixtures"
SANITY_SECONDS = 60  # a loose bound against hangs; the timings are in benchmarks/RESULTS.md
DEFAULTS = Options()

# Crafted inputs that make Lexbor slow or huge, and those that would fool a naive scan
# into counting less than the parser builds (markup in quotes, foreign content, ...).
CRAFTED: dict[str, str] = {
    "nested div": "<div>" * 100_000,
    "nested div/": "<div/>" * 100_000,
    "deep spans then paragraphs": "<span>" * 20_000 + "<p>x</p>" * 20_000,
    "re-created formatting": large.formatting_bomb(1_000, 10_000),
    "re-created formatting, shallow": large.formatting_bomb(100, 20_000),
    "end tags inside quoted attributes": '<div title="</div>">' * 50_000,
    "formatting end across a block": "<b><div></b>" * 50_000,
    "li end out of scope": "<li><ul></li>" * 50_000,
    "span end across a block": "<span><div></span>" * 50_000,
    "svg style holds markup": "<svg><style>" + "<div>" * 50_000,
    "svg title holds markup": "<svg><title>" + "<div>" * 50_000,
    "self-closing in foreignObject": "<svg><foreignObject>" + "<section/>" * 50_000,
    "svg left by a div": "<svg><div></svg>" + "<div/>" * 50_000,
    "p, table, cell, div": "<p><table><td><div>" * 30_000,
    "empty comment": "<!-->" + "<div>" * 50_000,
    "nested tables": "<table><tr><td>" * 30_000,
    "nested lists": "<ul><li>" * 50_000,
    "select": "<select>" + "<div>" * 50_000,
    # Lexbor reads a select's options at each new one: quadratic (10,000 took 1.6 s).
    "options in a select": "<select>" + "<option>x" * 100_000,
    "selected options in a select": "<select>" + "<option selected>x" * 100_000,
    "options in selects": ("<select>" + "<option>x" * 1_000 + "</select>") * 40,
    # A stray </p> makes a <p> where it stands: each adds its depth to the depth sum.
    "stray end tags under deep nesting": "<div>" * 990 + ("</p>" + "word " * 7) * 60_000,
    "many attributes": large.attribute_bomb(40_000),
    # Repeated <body> and <html> tags merge their attributes onto one element (_merged_attributes).
    "attributes merged onto body": large.merged_attributes(40_000, "body"),
    "attributes merged onto html": large.merged_attributes(40_000, "html"),
    "attributes merged onto html, 255 a tag": large.merged_dense(320),
    "deep, then many blocks": "<div>" * 990 + "<p>x</p>" * 100_000,
}
# Foreign elements named as the integration points of the other namespace (or an annotation-xml
# whose encoding is not HTML) are plain ones: the <a> in them nest, foreign, and each </x> walks
# the whole stack (quadratic in Lexbor: 280 KB took 7 to 26 s).
FOREIGN_NESTS = (
    "<math><desc>",
    "<math><title>",
    "<math><foreignObject>",
    "<svg><mi>",
    "<svg><mo>",
    "<svg><mn>",
    "<svg><ms>",
    "<svg><mtext>",
    "<math><annotation-xml>",
    "<math><annotation-xml encoding=text/xml>",
    "<math><mi><mglyph>",
    "<math><mi><malignmark>",
    "<math><svg><desc>",
    "<svg><math><mi>",
)
CRAFTED.update({f"a nested in {head}": head + "<a>" * 40_000 + "</x>" * 40_000 for head in FOREIGN_NESTS})


def _tree_size(html: str) -> tuple[int, int]:
    """Elements and depth of the tree Lexbor builds (leaves included)."""
    tree = LexborHTMLParser(html)
    elements = depth = 0
    stack = [(tree.root, 1)]
    while stack:
        node, level = stack.pop()
        if node is None or not node.tag or node.tag[0] in "-_!":
            continue
        elements, depth = elements + 1, max(depth, level)
        child = node.child
        while child is not None:
            stack.append((child, level + 1))
            child = child.next
    return elements, depth


@pytest.mark.parametrize("name", list(CRAFTED))
def test_the_cut_input_stays_within_the_limits(name: str) -> None:
    html = CRAFTED[name]
    found = scan(
        html,
        max_nodes=DEFAULTS.max_nodes,
        max_depth=DEFAULTS.max_depth,
        max_attributes=DEFAULTS.max_attributes,
        max_depth_sum=DEFAULTS.max_depth_sum,
    )
    assert found.cut is not None, "each of these inputs is past a default limit"
    began = time.perf_counter()
    elements, depth = _tree_size(html[: found.cut])
    assert time.perf_counter() - began < 5
    # Within 1%: the text after the cut re-creates the last formatting elements once more.
    assert elements <= 1.01 * DEFAULTS.max_nodes and depth <= DEFAULTS.max_depth + 1


@pytest.mark.parametrize("name", list(CRAFTED))
def test_crafted_input_gives_a_truncated_result(name: str) -> None:
    began = time.perf_counter()
    result = extract(CRAFTED[name])
    assert time.perf_counter() - began < SANITY_SECONDS
    assert isinstance(result, Extraction) and result.truncated
    assert 0.0 <= result.confidence <= 1.0


@pytest.mark.parametrize("name", ["nested div", "re-created formatting", "many attributes"])
def test_crafted_input_raises_when_asked(name: str) -> None:
    with pytest.raises(LimitError):
        extract(CRAFTED[name], options=Options(on_limit="raise"))


# Misnested formatting: the adoption agency clones elements, and the scan must count them.
MISNESTED = {
    "b div /b": "<b><div></b>",
    "b i u s div /b": "<b><i><u><s><div>x</b>",
    "b i u s div p /b": "<b><i><u><s><div><p>x</b>y",
    "a b i div p /a": "<a><b><i><div><p>x</a>y",
    "b div b div /b /b": "<b><div><b><div>x</b></b>y",
    "five b, div, five /b": "<b>" * 5 + "<div>x" + "</b>" * 5 + "y",
    "i b div i b div /i /b": "<i><b><div><i><b><div>x</i></b>y",
    "eight distinct b": "".join(f"<b id={i}>" for i in range(8)) + "<div>x" + "</b>" * 8 + "y",
}


@pytest.mark.parametrize("name", list(MISNESTED))
def test_scan_counts_the_clones_of_misnested_formatting(name: str) -> None:
    html = MISNESTED[name] * 200
    found = scan(html, max_nodes=None, max_depth=None, max_attributes=None)
    elements, depth = _tree_size(html)
    assert found.elements >= elements - 3 and found.depth >= depth - 1


# Integration points by namespace: the scan's depth against Lexbor's tree, where <a> nest
# (foreign) and where they do not (HTML, each closing the one before).
FOREIGN_DEPTHS = (
    *FOREIGN_NESTS,
    "<svg><desc>",
    "<svg><title>",
    "<svg><foreignObject>",
    "<math><mi>",
    "<math><mtext>",
    "<svg><annotation-xml encoding=text/html>",
    "<math><annotation-xml encoding=text/html>",
    "<math><annotation-xml encoding='TEXT/HTML'>",
    "<math><annotation-xml encoding=application/xhtml+xml>",
    "<math><annotation-xml encoding='text&sol;html'>",
    "<math><annotation-xml encoding='text&#47;html'>",
    "<math><annotation-xml encoding='text&#x2F;html'>",
    "<math><annotation-xml encoding='text&#1;/html'>",
    "<math><annotation-xml encoding=' text/html'>",
    "<math><annotation-xml ENCODING=text/html>",
    "<math><annotation-xml encoding=x encoding=text/html>",
    "<math><annotation-xml encoding=text/html encoding=x>",
    "<math><annotation-xml/encoding=text/html>",
    '<math><annotation-xml encoding = "text/html">',
    "<math><annotation-xml encoding=text/html/>",
    '<math><annotation-xml x="encoding=text/html">',
    "<math><annotation-xml><svg><desc>",
    "<math><annotation-xml><svg>",
    # an HTML tag in foreign content closes the foreign elements down to an integration point
    "<svg><foreignObject><svg><g><p>",
    "<math><mi><mglyph><p>",
    "<svg><desc><svg><desc><svg><g><p>",
    "<math><annotation-xml encoding=text/html><math><mi><p>",
)


@pytest.mark.parametrize("head", FOREIGN_DEPTHS)
def test_scan_reads_integration_points_by_namespace(head: str) -> None:
    html = head + "<a>" * 10 + "</x>" * 10
    found = scan_python(html, max_nodes=None, max_depth=None, max_attributes=None)
    depth = _tree_size(html)[1]
    assert depth - 1 <= found.depth <= depth + 1


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_scan_counts_at_least_what_the_parser_builds(page: Path) -> None:
    html = page.read_text("utf-8")
    found = scan(html, max_nodes=None, max_depth=None, max_attributes=None)
    elements, depth = _tree_size(html)
    assert found.cut is None
    assert found.depth >= depth - 1  # the parser's depth counts leaves, the scan open elements
    assert found.elements >= 0.9 * elements - 3  # html, head, body and implied tbody aside


@pytest.mark.parametrize("page", sorted(FIXTURES.glob("*.html")), ids=lambda p: p.stem)
def test_default_limits_do_not_touch_real_pages(page: Path) -> None:
    assert not extract(page.read_bytes()).truncated


@pytest.mark.parametrize("count", [1, 8, 9, 17, 1_000])
@pytest.mark.parametrize("scanner", [scan, scan_python], ids=["installed", "python"])
def test_a_selects_options_count_as_the_parsers_work(count: int, scanner: Callable[..., Scan]) -> None:
    """The k-th option of a select adds k >> OPTION_WORK_SHIFT to the depth sum, options
    outside one nothing."""
    unlimited: dict[str, None] = dict.fromkeys(("max_nodes", "max_depth", "max_attributes"))
    in_select = scanner("<select>" + "<option>x" * count, **unlimited)
    in_div = scanner("<div>" + "<option>x" * count, **unlimited)
    assert (in_select.elements, in_select.depth) == (in_div.elements, in_div.depth)
    added = sum(k >> OPTION_WORK_SHIFT for k in range(1, count + 1))
    assert in_select.depth_sum - in_div.depth_sum == added


def test_a_limit_can_be_lifted() -> None:
    html = "<div>" * 1_500 + "<p>" + large.PARAGRAPH * 3 + "</p>"
    assert extract(html).truncated
    lifted = extract(html, options=Options(max_depth=None))
    assert not lifted.truncated and "harbour was quiet" in lifted.text


def test_deep_nesting() -> None:
    began = time.perf_counter()
    result = extract(large.deep_nesting(100_000))
    assert time.perf_counter() - began < SANITY_SECONDS
    assert result.truncated and (result.text, result.confidence) == ("", 0.0)


def test_a_million_siblings() -> None:
    began = time.perf_counter()
    result = extract(large.siblings(1_000_000), options=Options(max_input_chars=None))
    assert time.perf_counter() - began < SANITY_SECONDS
    assert result.truncated and result.text.startswith("xxxx")


def test_one_megabyte_text_node() -> None:
    result = extract(large.one_text_node(1))
    assert not result.truncated and len(result.text) > 1_000_000


@pytest.fixture(scope="module")
def fifty_megabytes() -> str:
    return large.big_page(50)


def test_fifty_megabyte_page_is_cut_at_max_input_chars(fifty_megabytes: str) -> None:
    began = time.perf_counter()
    try:
        result = extract(fifty_megabytes)
    except ExtractionTimeoutError:  # a loaded machine: still a typed, documented outcome
        return
    assert time.perf_counter() - began < SANITY_SECONDS
    assert result.truncated and result.content_blocks


def test_fifty_megabyte_page_raises_when_asked(fifty_megabytes: str) -> None:
    with pytest.raises(LimitError):
        extract(fifty_megabytes, options=Options(on_limit="raise"))


def test_fifty_megabytes_as_bytes(fifty_megabytes: str) -> None:
    with pytest.raises(LimitError):
        extract(fifty_megabytes.encode(), options=Options(on_limit="raise"))


def test_time_budget_raises_a_typed_error() -> None:
    html = (FIXTURES / "news_seed.html").read_text("utf-8") * 20
    with pytest.raises(ExtractionTimeoutError) as caught:
        extract(html, options=Options(time_budget=1e-6))
    assert isinstance(caught.value, BoilerstripError) and isinstance(caught.value, TimeoutError)


def test_time_budget_works_off_the_main_thread() -> None:
    html = (FIXTURES / "news_seed.html").read_text("utf-8") * 20
    errors: list[BaseException] = []

    def run() -> None:
        try:
            extract(html, options=Options(time_budget=1e-6))
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert len(errors) == 1 and isinstance(errors[0], ExtractionTimeoutError)


def test_no_time_budget() -> None:
    assert extract(large.PARAGRAPH * 3, options=Options(time_budget=None)).text


@pytest.mark.parametrize(
    "changes",
    [
        {"max_input_chars": 0},
        {"max_nodes": -1},
        {"max_depth": 1.5},
        {"max_depth_sum": 0},
        {"max_attributes": "many"},
        {"on_limit": "ignore"},
        {"time_budget": 0},
        {"time_budget": "soon"},
    ],
    ids=str,
)
def test_limit_options_are_validated(changes: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options(**changes)  # type: ignore[arg-type]


def test_the_features_stage_checks_the_time_budget() -> None:
    import time

    from boilerstrip._features import compute_features
    from boilerstrip._parse import body_of, parse
    from boilerstrip._segment import segment

    segmented = segment(body_of(parse((FIXTURES / "news_seed.html").read_text("utf-8"))))
    with pytest.raises(ExtractionTimeoutError):
        compute_features(segmented, "", "", Options(), deadline=time.monotonic() - 1.0)


# The scan's token regex uses possessive repeats (Python 3.11+) where no backtracking can
# change its match; the greedy form (3.10) must read the same tokens, spans and names.
_GREEDY = _scan_patterns.TOKEN.pattern.replace("*+", "*").replace("++", "+").replace("?+", "?")
_GREEDY_TOKEN = re.compile(_GREEDY, re.S)
_TAG_SHAPES = {
    "quoted >": "<a title=\"x > y\" href='a>b'>t</a>",
    "unclosed quote": '<div class="x>y<p>z',
    "quote in an unquoted value": '<a b=x"y>z">w',
    "name starting with = or a quote": "<a =\"x>y\" 'c>d'>e",
    "== before a quote": '<a b=="x>y">z',
    "spaces around =": "<img src = \"a>b\"  alt\t=\n'c' / >",
    "self-closing and slashes": "<br/><svg><path d=M0/></svg><a/b/c>",
    "bogus comments": "<!doctype html><?xml x?><!x><! y",
    "end-tag junk": "</><// x></ y>",
    "comments": "<!--><!---><!-- a -- b --!><!-- unclosed",
    "cut tag": '<div class="a" id=b',
    "upper case and non-ASCII": '<DIV Class="A"><spän x=1>é</spän></DIV>',
}


@pytest.mark.parametrize(
    "text",
    [*_TAG_SHAPES.values(), *(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.html")))],
    ids=[*_TAG_SHAPES, *(p.stem for p in sorted(FIXTURES.glob("*.html")))],
)
def test_token_regex_reads_as_its_greedy_form(text: str) -> None:
    def tokens(pattern: re.Pattern[str]) -> list[tuple[tuple[int, int], str | None]]:
        return [(m.span(), m["name"]) for m in pattern.finditer(text)]

    assert tokens(_scan_patterns.TOKEN) == tokens(_GREEDY_TOKEN)


def _scan_by_steps(text: str) -> tuple[int, int, int]:
    """The scan's counts with every tag given to start_tag or end_tag (none of its inline
    paths), for inputs without raw text or long tags: the reference of its inline paths."""
    stack = OpenElements()
    elements = depth = volume = previous_end = 0
    had_text = False
    for match in _scan_patterns.TOKEN.finditer(text):
        start, end = match.span()
        had_text = had_text or start > previous_end
        previous_end = end
        name = match["name"]
        if name is None:
            continue
        if had_text and stack.detached:
            added = stack.reconstruct()
            elements += added
            volume += added * len(stack.names)
        had_text = False
        lower = name.lower()
        if text[start + 1] == "/":
            added = end_tag(stack, lower)
            elements += added
            volume += added * (len(stack.names) + BASE_DEPTH)
            continue
        if lower in IGNORED:
            continue
        added = start_tag(stack, lower, text, start, end)
        elements += added
        volume += added * (len(stack.names) + BASE_DEPTH)
        depth = max(depth, len(stack.names))
    return elements, depth + BASE_DEPTH, volume


_INLINE_PATHS = {
    "blocks and inline elements": "<div><section><p>a<span>b</span></p><ul><li>c</li></ul></section></div>",
    "links, none open": '<p><a href="/x">x</a> and <a href="/y">y</a></p><div><a href=/z>z</a></div>',
    "a link inside an open one": '<a href="/x">x<div><a href="/y">y</a></div></a><a href=/z>z',
    "links in a table and in svg": "<table><tr><td><a href=/t>t</a></td></tr></table><svg><a>s</a></svg><a>",
    "formatting ended by a block": "<b id=1><i>x<div>y</b>z</i><a href=/q>q</a><div>w</div>",
    "a frameset": "<frameset><a href=/f>f</a><frame></frameset><div>v</div>",
    "list items and definitions": "<ul><li>a<li>b<div>c<li>d</ul><dl><dt>e<dd>f<div>g<dt>h</dl>",
    "list items closed or not": "<ul><li>a</li><li>b</li></ul><p>c<li>d</li><ol><li>e<li>f</ol><li>g",
    # a special element closed before the next item or link: no longer above the open one
    "closed blocks in items and links": "<ul><li>a<section>b</section><li>c</ul><a>d<nav>e</nav><a>f",
    "a paragraph left open": "<p>a<div>b</div><p>c<section>d</section><a href=/e>e</a>",
    "svg and math": "<svg><g><path/></g><div>x</div></svg><math><mi>y</mi></math><div>z</div>",
    "upper case": "<DIV><A HREF=/u>U</A><UL><LI>v</UL></DIV>",
}


@pytest.mark.parametrize("text", list(_INLINE_PATHS.values()), ids=list(_INLINE_PATHS))
def test_the_inline_paths_count_as_start_tag_and_end_tag(text: str) -> None:
    found = scan_python(text, max_nodes=None, max_depth=None, max_attributes=None)
    assert (found.elements, found.depth, found.depth_sum) == _scan_by_steps(text)
