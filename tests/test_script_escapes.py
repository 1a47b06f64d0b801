"""A script whose "<!--" is followed by "<script" may not end at its first end tag: the parser
reads it in its double-escaped state and ends it at a later one. The scan before the parse
reads on from the first end tag, so what it reads after such a script is not sure: it
records no script or style body after it for without_bodies to drop (_bodies.hides_its_end),
and extract() reads such a page as the parser does, given as text or as its own tree."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import Options, extract
from boilerstrip._bodies import hides_its_end
from boilerstrip._limits import scan_python

_LONG = (
    "Prose of the page that the parser reads as a paragraph, long enough to be its content. "
    "The scan before the parse must not take it for the text of a style sheet."
)
# A raw text of 64 characters or more may be dropped before the parse (32,768 by default).
_OPTIONS = Options(drop_raw_text_min_chars=64)
# The parser ends the first script at its second "</script>": the "<style>" inside it is
# script text, and the paragraph and its <time> are the page's own.
_PAGE = (
    "<html><head><script><!--<script></script><style>--></script></head><body>"
    f'<p>Posted <time datetime="2020-01-02">2 January</time></p><p>{_LONG}</p></style></body></html>'
)


@pytest.mark.parametrize("given", ["text", "bytes"])
def test_text_after_a_script_hiding_its_end_is_read(given: str) -> None:
    page: str | bytes = _PAGE if given == "text" else _PAGE.encode()
    result = extract(page, options=_OPTIONS)
    parsed = extract(LexborHTMLParser(_PAGE), options=_OPTIONS)
    assert "Prose of the page" in result.text
    assert result.text == parsed.text
    assert result.metadata.published.value == parsed.metadata.published.value == "2020-01-02"


@pytest.mark.parametrize(
    ("raw", "hides"),
    [
        ("<!--<script></script><style>", True),
        ("x <!-- y <SCRIPT type=a>", True),
        ("<!--<ScRiPt", True),
        ("<!-- a --> b", False),
        ("<script> <!--", False),  # the "<script" before the "<!--"
        ("<!-- <scrip", False),
        ("<!-<script>", False),
        ("", False),
    ],
)
def test_hides_its_end(raw: str, hides: bool) -> None:
    text = f"<script>{raw}</script>"
    assert hides_its_end(text, 8, 8 + len(raw)) is hides
    assert hides_its_end(text.encode(), 8, 8 + len(raw)) is hides


def test_no_body_is_recorded_after_such_a_script() -> None:
    text = "<style>a</style><script><!--<script></script><style>--></script><style>b</style>"
    bodies: list[int] = []
    scan_python(text, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    assert bodies == [7, 8]  # the first style's body only
