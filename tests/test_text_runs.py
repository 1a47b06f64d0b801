"""Text that Lexbor appends to the text node before it (_text_runs): the limits scan counts the
node's length at each piece, never less than Lexbor copies, and cuts the page at max_depth_sum,
so that the parse of what is kept stays linear in time and memory."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from selectolax.lexbor import LexborHTMLParser

import hostile_inputs as large
from boilerstrip import _limits, extract
from boilerstrip._text_runs import TEXT_RUN_SHIFT

# Pieces of text one node gathers, each after something that takes Lexbor's memory: tags the
# parser ignores (in the body, in a frameset, tags the scan counts as elements), and text put
# before a table whatever goes into the table.
HOSTILE: dict[str, Callable[[int], str]] = {
    "before a table, comments in it": lambda n: "<table>" + "x<!---->" * n,
    "before a table, hidden inputs in it": lambda n: "<table>" + "x<input type=hidden>" * n,
    "before a table, from a row between cells": lambda n: "<table><tr>" + "x<td a=1></td>" * n,
    "white space in a table": lambda n: "<table>" + " </foo a=1>" * n,
    "in a template's row": lambda n: "<template><tr>" + "x<!---->" * n,
    "ignored end tags": lambda n: "<body>" + "x</i a=1>" * n,
    "ignored body tags": lambda n: "<body>" + "x<body a=1>" * n,
    "ignored cells": lambda n: "<body>" + "x<td a=1>" * n,
    "ignored cols": lambda n: "<body>" + "x<col a=1>" * n,
    "ignored frames": lambda n: "<body>" + "x<frame a=1>" * n,
    "ignored framesets": lambda n: "<p>x</p>" + "x<frameset a=1></frameset>" * n,
    "in a frameset": lambda n: "<frameset>" + " <x a=1></x>" * n,
}
DEFAULTS = {"max_nodes": 250_000, "max_depth": 1_000, "max_attributes": 256, "max_depth_sum": 2_000_000}
SCANS: dict[str, Callable[..., _limits.Scan]] = {"python": _limits.scan_python, "installed": _limits.scan}


@pytest.mark.parametrize("scan", SCANS)
@pytest.mark.parametrize("name", HOSTILE)
def test_gathered_text_is_cut_at_the_depth_sum(name: str, scan: str) -> None:
    """80,000 pieces (0.6-1.8 MB, 0.3-1.3 s and 0.4-1.7 GB of Lexbor's parse before the count)
    are cut at max_depth_sum, in the first half (the discriminating check)."""
    html = HOSTILE[name](80_000)
    found = SCANS[scan](html, **DEFAULTS)
    assert found.limit == "max_depth_sum" and found.cut is not None and found.cut < len(html) // 2
    began = time.process_time()
    LexborHTMLParser(html[: found.cut])
    # A loose bound against hangs, as the other hang checks': the cut above is what discriminates.
    assert time.process_time() - began < 5


@pytest.mark.parametrize("name", HOSTILE)
def test_the_loops_agree_on_gathered_text(name: str) -> None:
    """The C loop counts what the Python loop counts, as text and as bytes, cut or not."""
    html = HOSTILE[name](3_000)
    for limit in (None, 1_000, 20_000):
        for text in (html, html.encode()):
            setting = {**DEFAULTS, "max_depth_sum": limit}
            assert _limits.scan(text, **setting) == _limits.scan_python(text, **setting), limit


@pytest.mark.parametrize(
    ("html", "work"),
    [
        ("<body>" + "x" * 300 + "</i a=1>" + "y" * 10 + "</i a=1>z<!---->", 300 + 310),
        ("<body>" + "x" * 300 + "<b></b>" + "y" * 300 + "</i a=1>z<!---->", 300),
        ("<body>" + "x" * 300 + "<!---->" + "y" * 300 + "</i a=1>z<!---->", 300),
        # Nothing between the pieces took memory: the node grows in place, nothing counted.
        ("<body>" + "x" * 300 + "</i>" + "y" * 300 + "</i a b>z<!---->", 0),
        ("<body>" + "x" * 300 + "<html a><col>" + "y" * 300 + "</zz>z<!---->", 0),
        # An "=", a doctype or a "<?" between them counts the node (a value's "=" in quotes too).
        ("<body>" + "x" * 300 + "</i a='>'>" + "y" * 300 + "</i>z<!---->", 300),
        ("<body>" + "x" * 300 + "<!doctype a>" + "y" * 300 + "</i>z<!---->", 300),
        ("<body>" + "x" * 300 + "</i><?x>" + "y" * 300 + "</i>z<!---->", 0),
        # White space in a table: text put before the table between two pieces takes memory.
        ("<table>" + " " * 300 + "</i>x</i>" + " " * 300 + "<!---->", 300),
        ("<table>" + " " * 300 + "</i>" + " " * 300 + "<!---->", 0),
        ("<table>" + "x" * 300 + "<tr><td>y</td></tr>" + "z" * 300 + "<!---->", 300),
        ("<table>" + "x" * 300 + "<tr><td>" + "y" * 300 + "</td></tr>", 0),
        ("<table>" + " " * 300 + "<!---->" + " " * 300 + "<!---->", 0),
        ("<frameset>" + " " * 300 + "<x a=1></x>" + " " * 300 + "<!---->", 300),
        ("<body>" + "x" * 300 + "<col a=1>" + "y" * 300 + "<!---->", 300),
        ("<template><tr>" + "x" * 300 + "<!---->" + "y" * 300 + "<!---->", 300),
    ],
)
@pytest.mark.parametrize("scan", SCANS)
def test_the_count_is_the_node_joined(html: str, work: int, scan: str) -> None:
    """A piece counts the node it may join: not across an element or a comment in the flow,
    across anything for text put before a table and tags the parser may ignore; white space
    in a table stays in it. The last piece is counted at the token after it."""
    found = SCANS[scan](html, max_nodes=None, max_depth=None, max_attributes=None)
    assert found.depth_sum - _depth_sum_without_runs(html) == work >> TEXT_RUN_SHIFT


def _depth_sum_without_runs(html: str) -> int:
    """The page's depth sum with the text runs' units left out."""
    from boilerstrip import _text_runs

    units = _text_runs.TextRuns.units
    try:
        _text_runs.TextRuns.units = lambda self, *_: 0  # type: ignore[method-assign]
        return _limits.scan_python(html, max_nodes=None, max_depth=None, max_attributes=None).depth_sum
    finally:
        _text_runs.TextRuns.units = units  # type: ignore[method-assign]


# Pieces kept apart by tags that take no memory: Lexbor grows the node in place, linear in
# time and memory (160,000 pieces of "x</i a>": 0.04 s and 20 MB; with "a=1", 1.1 s and 1.8 GB).
LINEAR: dict[str, Callable[[int], str]] = {
    "ignored end tags": lambda n: "<body>" + "x</i>" * n,
    "ignored end tags with valueless attributes": lambda n: "<body>" + "x</i a b>" * n,
    "unknown ignored end tags": lambda n: "<body>" + "x</zz>" * n,
    "ignored html tags": lambda n: "<body>" + "x<html a>" * n,
    "ignored cols": lambda n: "<body>" + "x<col>" * n,
}


@pytest.mark.parametrize("scan", SCANS)
@pytest.mark.parametrize("name", LINEAR)
def test_text_grown_in_place_is_not_cut(name: str, scan: str) -> None:
    html = LINEAR[name](80_000)
    assert SCANS[scan](html, **DEFAULTS).cut is None


@pytest.mark.parametrize("name", LINEAR)
def test_the_loops_agree_on_text_grown_in_place(name: str) -> None:
    html = LINEAR[name](3_000) + "x</i a=1>" * 3_000
    for text in (html, html.encode()):
        assert _limits.scan(text, **DEFAULTS) == _limits.scan_python(text, **DEFAULTS)


@pytest.mark.parametrize("make", [large.foster_text, large.ignored_tags_text])
def test_gathered_text_gives_a_truncated_result(make: Callable[[int], str]) -> None:
    result = extract(make(160_000))
    assert result.truncated
