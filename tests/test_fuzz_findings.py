"""Inputs found by benchmarks/fuzz.py, kept as regression cases (replay: make_input(seed))."""

from __future__ import annotations

import pytest

from boilerstrip import Extraction, extract

FOUND: dict[str, str] = {
    # Seed 577625: a paragraph kept open by the limits scan at a <table> left its place in
    # the scan's bookkeeping when closed: IndexError (fixed in _open_elements.py).
    "577625": (
        "Ünïcödé ñ ß ø]]>\x00 \x07 \x1b[31m \x7f \x85مرحبا بالعالم هذ"
        "ا نص عربي\x00 \x07 \x1b[31m \x7f \x85北京 上海 新闻 报道 今天北京 上海 新闻 "
        "报道 今天\x00 \x07 \x1b[31m \x7f \x85Ünïcödé ñ ß ø\ud800 \udfff北"
        "京 上海 新闻 报道 今天\x00 \x07 \x1b[31m \x7f \x85<a data-x='>'><math"
        ">北京 上海 新闻 报道 今天مرحبا بالعالم هذا نص عربي<foreignObject href="
        '"http://127.0.0.1:9/x"><section style="display:none" hid'
        "den><!-- \ud800 \udfff --><template hidden data-x='>'><br hi"
        'dden><th><a><![CDATA[<template title="</div><p>x" id="mai'
        'n"><![CDATA[<table><![CDATA[</table></g>مرحبا بالعالم هذا ن'
        'ص عربي<table><style><main " href="http://127.0.0.1:9/x"><'
        '/main><title ">&amp; &lt; &#0; &#xD800; &#x110000; &#999999'
        "99999; &nbsp &copy</title>Cookie policy Subscribe to our new"
        'sletter Share on Twitter--><code class="nav menu">the harb'
        'our boats were quiet that morning and nobody came<svg "></s'
        'vg><aside role="navigation" ">Cookie policy Subscribe to '
        'our newsletter Share on Twitter<font href="http://127.0.0.1'
        ':9/x" class="content"></font>&amp; &lt; &#0; &#xD800; &#x'
        "110000; &#99999999999; &nbsp &copy<caption><font></font></ca"
        'ption><plaintext class="nav menu" hidden><pre class="cont'
        'ent"></pre>مرحبا بالعالم هذا نص عربي</plaintext></aside></c'
        "ode></style></table></template></a></th></br></template></se"
        "ction></foreignObject></math></a>"
    ),
}


@pytest.mark.parametrize("seed", list(FOUND))
def test_fuzz_finding_gives_a_well_defined_result(seed: str) -> None:
    result = extract(FOUND[seed])
    assert isinstance(result, Extraction) and 0.0 <= result.confidence <= 1.0
    assert (result.confidence == 0.0) == (not result.content_blocks)
