"""An end tag that is not the current element's makes Lexbor look down its open elements for it
(_limits.END_WALK_SHIFT): ignored ones make nothing the other counts see, so the limits scan adds
the stack's size to the depth sum, and max_depth_sum bounds the walks as it bounds the scopes."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from selectolax.lexbor import LexborHTMLParser

import hostile_inputs as large
from boilerstrip import _limits, extract
from boilerstrip._limits import END_WALK_SHIFT
from boilerstrip._open_elements import BASE_DEPTH

HOSTILE: dict[str, Callable[[int], str]] = {
    **{f"</{name}> under 990 spans": (lambda n, name=name: "<span>" * 990 + f"</{name}>" * n)
       for name in ("div", "h1", "x", "td", "li", "b", "template", "form", "select", "caption")},
    "</a> under 900 <b>": lambda n: "<b>" * 900 + "</a>" * n,
}  # fmt: skip
DEFAULTS = {"max_nodes": 250_000, "max_depth": 1_000, "max_attributes": 256, "max_depth_sum": 2_000_000}
SCANS: dict[str, Callable[..., _limits.Scan]] = {"python": _limits.scan_python, "installed": _limits.scan}


@pytest.mark.parametrize("scan", SCANS)
@pytest.mark.parametrize("name", HOSTILE)
def test_ignored_end_tags_are_cut_at_the_depth_sum(name: str, scan: str) -> None:
    """200,000 end tags (0.8-2.2 MB, 0.1-0.9 s of Lexbor's parse before the count) are cut at
    max_depth_sum, in the first quarter (the discriminating check)."""
    html = HOSTILE[name](200_000)
    found = SCANS[scan](html, **DEFAULTS)
    assert found.limit == "max_depth_sum" and found.cut is not None and found.cut < len(html) // 4
    began = time.process_time()
    LexborHTMLParser(html[: found.cut])
    # A loose bound against hangs, as the other hang checks': the cut above is what discriminates.
    assert time.process_time() - began < 5


@pytest.mark.parametrize("name", HOSTILE)
def test_the_loops_agree_on_end_tags(name: str) -> None:
    """The C loop counts what the Python loop counts, as text and as bytes, cut or not."""
    html = HOSTILE[name](2_000)
    for limit in (None, 1_000, 50_000):
        for text in (html, html.encode()):
            setting = {**DEFAULTS, "max_depth_sum": limit}
            assert _limits.scan(text, **setting) == _limits.scan_python(text, **setting), limit


@pytest.mark.parametrize("scan", SCANS)
@pytest.mark.parametrize(("end", "walks"), [("</x>", True), ("</div>", False), ("</span>", True)])
def test_an_end_tag_adds_the_stack_it_looks_down(scan: str, end: str, walks: bool) -> None:
    """Each end tag not the current element's adds the stack's size >> END_WALK_SHIFT; the
    current element's own end tag adds nothing."""
    head = "<span>" * 39 + "<div>"
    before = SCANS[scan](head, max_nodes=None, max_depth=None, max_attributes=None)
    after = SCANS[scan](head + end * 5 + "<!---->", max_nodes=None, max_depth=None, max_attributes=None)
    size = before.depth - BASE_DEPTH
    if walks:
        assert after.depth_sum - before.depth_sum == 5 * (size >> END_WALK_SHIFT)
    else:  # the div closes, then four look down the spans
        assert after.depth_sum - before.depth_sum == 4 * ((size - 1) >> END_WALK_SHIFT)


def test_ignored_end_tags_give_a_truncated_result() -> None:
    assert extract(large.ignored_end_tags(200_000)).truncated
