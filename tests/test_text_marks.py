"""_text_marks: a page whose text the test finds no ``<time`` in has no ``<time datetime>`` for
_metadata._first_datetime, and one whose script tags hold neither "json" nor "&#" has no
script for _page_type.json_ld_texts, in hand-made pages written to catch it out (odd case,
character references, scripts in comments, a script whose "<!--" hides its end tag, a
``<time>`` in a template, a noscript or an svg); the skip changes neither reader's result;
and the C test (_cscan_tokens.c's ``page_marks``) gives what the Python reference gives."""

from __future__ import annotations

import html.entities
from types import ModuleType

import pytest
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import _extract
from boilerstrip._metadata import _first_datetime, json_ld_objects, read_page
from boilerstrip._page_type import _LD_TYPE_VALUE as _LD_TYPE
from boilerstrip._page_type import json_ld_texts
from boilerstrip._parse import Utf8
from boilerstrip._text_marks import ALL, LD_SCRIPT, TIME, text_marks_python

_LD = '{"@type": "NewsArticle", "datePublished": "2021-02-03"}'
# (page, what its tree holds: "ld" a JSON-LD script json_ld_texts reads, "time" a <time datetime>)
PAGES: tuple[tuple[str, frozenset[str]], ...] = (
    (f'<script type="application/ld+json">{_LD}</script>', frozenset({"ld"})),
    (f'<SCRIPT TYPE="APPLICATION/LD+JSON">{_LD}</SCRIPT>', frozenset({"ld"})),
    (f'<ScRiPt\ttype="application/ld+JsOn">{_LD}</script>', frozenset({"ld"})),
    (f'<script type="application/ld+&#106;son">{_LD}</script>', frozenset({"ld"})),
    (f'<script type="application/ld&#x2B;&#x6A;&#x73;&#x6F;&#x6E;">{_LD}</script>', frozenset({"ld"})),
    (f'<script type="&#97;pplication/ld+js&#111;n">{_LD}</script>', frozenset({"ld"})),
    (f'<script type="application&sol;ld&plus;json">{_LD}</script>', frozenset({"ld"})),
    (f'<script data-x=">" type="application/ld+json">{_LD}</script>', frozenset({"ld"})),
    (f"<script data-x='a>b' type=application/ld+json>{_LD}</script>", frozenset({"ld"})),
    (f'<script/type="application/ld+json">{_LD}</script>', frozenset({"ld"})),
    (f'<svg><script type="application/ld+json">{_LD}</script></svg>', frozenset({"ld"})),
    (f'<!-- <script type="application/ld+json">{_LD}</script> -->', frozenset()),
    (f'<textarea><script type="application/ld+json">{_LD}</script></textarea>', frozenset()),
    (f'<div title="<script type=application/ld+json>">{_LD}</div>', frozenset()),
    (f'<script type="application/ld+jsonp">{_LD}</script>', frozenset()),
    (f'<scripts type="application/ld+json">{_LD}</scripts>', frozenset()),
    (f'<script src="a.js?x=1&amp;y=2&z=3">{_LD}</script>', frozenset()),
    (f"<script>{_LD}</script><p>json</p>", frozenset()),
    ('<p>Posted <time datetime="2020-01-02">2 Jan</time></p>', frozenset({"time"})),
    ('<p><TIME DATETIME="2020-01-02">2 Jan</TIME></p>', frozenset({"time"})),
    ('<p><tImE\ndatetime="2020-01-02">2 Jan</tImE></p>', frozenset({"time"})),
    ("<p><time/datetime=2020-01-02>2 Jan</time></p>", frozenset({"time"})),
    ('<template><time datetime="2020-01-02">x</time></template><p>x</p>', frozenset()),
    ('<noscript><time datetime="2020-01-02">x</time></noscript><p>x</p>', frozenset({"time"})),
    ('<svg><time datetime="2020-01-02">x</time></svg><p>x</p>', frozenset({"time"})),
    ('<math><time datetime="2020-01-02">x</time></math><p>x</p>', frozenset({"time"})),
    ('<!-- <time datetime="2020-01-02"> --><p>x</p>', frozenset()),
    ('<p title="<time datetime=2020-01-02>">x</p>', frozenset()),
    ('<timeline datetime="2020-01-02">x</timeline><p>< time datetime=1>x</p>', frozenset()),
    ('<p>x</p><time datetime="2020-01-02"', frozenset()),  # cut by the end: dropped
    # A script whose "<!--" hides its first end tag: the <time> and the JSON-LD script after
    # its real end are elements, where a scan that ends it at its first end tag reads them
    # as a style sheet's text.
    (
        f'<script><!--<script></script><style>--></script><time datetime="2020-01-02">x</time>'
        f'<script type="application/ld+json">{_LD}</script></style>',
        frozenset({"ld", "time"}),
    ),
    (
        f'<html><head><script type="application/ld+json">{_LD}</script></head>'
        '<body><article><time datetime="2020-01-02">x</time></article></body></html>',
        frozenset({"ld", "time"}),
    ),
)


@pytest.mark.parametrize(("page", "holds"), PAGES)
def test_a_page_the_test_passes_over_has_nothing_to_read(page: str, holds: frozenset[str]) -> None:
    tree = LexborHTMLParser(page)
    texts, first = json_ld_texts(tree), _first_datetime(tree)
    assert bool(texts) == ("ld" in holds)  # the page holds what it was written to hold
    assert (first is not None) == ("time" in holds)
    for marks in (text_marks_python(page), text_marks_python(page.encode("utf-8")), _extract._marks(page)):
        if not marks & LD_SCRIPT:
            assert texts == ()
        if not marks & TIME:
            assert first is None
    assert text_marks_python(page) == text_marks_python(page.encode("utf-8"))


@pytest.mark.parametrize(("page", "holds"), PAGES)
def test_the_skip_changes_neither_reader(page: str, holds: frozenset[str]) -> None:
    tree = LexborHTMLParser(page)
    marks = _extract._marks(Utf8(page.encode("utf-8")))
    texts = json_ld_texts(tree) if marks & LD_SCRIPT else ()
    assert texts == json_ld_texts(tree)
    objects = json_ld_objects(texts)
    assert read_page(tree, objects, times=bool(marks & TIME)) == read_page(tree, objects)
    if "time" in holds and "ld" not in holds:  # the published date is the <time>'s
        assert read_page(tree, objects, times=bool(marks & TIME)).published.value == "2020-01-02"


@pytest.mark.parametrize(
    ("page", "marks"),
    [
        ("<p>x</p>", 0),
        ('<time datetime="1">', TIME),
        ('<script type="application/ld+json">', LD_SCRIPT),
        ('<time datetime="1"><script type="application/ld+json">', ALL),
        ("<script>var json = 1</script>", 0),  # the script's text, not its tag
        ("<script src='x.json'>", LD_SCRIPT),  # a tag that may be, tested on
        ("<script", 0),
        ("<time", 0),
    ],
)
def test_marks(page: str, marks: int) -> None:
    assert text_marks_python(page) == marks


def test_a_str_not_ascii_is_walked() -> None:
    # A lone surrogate, which the parser's encoder drops, joins "<" and "time".
    assert _extract._marks("<\ud800time datetime=1>x") == ALL
    assert _extract._marks("<p>caf\u00e9</p>") == ALL
    assert _extract._marks("<p>cafe</p>") == 0


def test_no_named_reference_gives_a_letter_of_json() -> None:
    # A type written without "json" and "&#" would need one (Lexbor's table is the HTML one).
    gives = {value for value in html.entities.html5.values() if set(value) & set("jsonJSON")}
    assert gives == {"fj"}  # &fjlig;
    assert not any(value in _LD_TYPE for value in gives)


_KINDS = ("", "\u00e9", "\u0100", "\U0001f600")  # ASCII, Latin-1, two- and four-byte strings
_PIECES = (
    "<time>",
    "<TIME ",
    "<timex>",
    "<time",
    "<script>",
    "<SCRIPT type=json>",
    "<script a='>' b=JsOn>",
    '<script a=">json">',
    "<script a=&#1>",
    "<script a=&>#",
    "<script json",
    "<scri",
    "json",
    "&#",
    "<",
    "x",
    "\u212a",
    "\u017f",
)


@pytest.mark.parametrize("kind", _KINDS)
def test_the_c_test_is_the_reference(cscan: ModuleType, kind: str) -> None:
    texts = [kind + a + b + kind for a in _PIECES for b in _PIECES]
    texts += [a + kind + b for a in _PIECES for b in _PIECES] + [p for p, _ in PAGES]
    for text in texts:
        assert cscan.page_marks(text) == text_marks_python(text), text
        data = text.encode("utf-8")
        assert cscan.page_marks(data) == text_marks_python(data), text
