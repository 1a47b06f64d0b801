"""The page type's and the metadata's searches of the tree give what the selectors give:
_page_type.json_ld_texts and _metadata._first_datetime (from the lists of the page's
scripts and <time> elements), _page_type.declared_type (the JSON-LD read first); and
description_hidden's one search of the joined texts counts the words each text gives."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import regex
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import Options
from boilerstrip._head_marks import HeadMarks
from boilerstrip._metadata import _first_datetime
from boilerstrip._page_type import (
    ARTICLE,
    ARTICLE_TYPES,
    PRODUCT,
    PRODUCT_TYPES,
    SECTIONED,
    SECTIONED_LD_TYPES,
    THREAD,
    THREAD_LD_TYPES,
    _ld_texts,
    _ld_type,
    declared_type,
    description_hidden,
    json_ld_texts,
)
from boilerstrip._parse import parse

_LD = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'
_FORUM = "schema.org/DiscussionForumPosting"
_THREAD = f'<div itemscope itemtype="https://{_FORUM}"><p>post</p></div>'

# Hand-made pages: each mark alone, several, repeated, in odd places (SVG, MathML, a
# template), written in odd cases, and nodes that carry two or more of them at once.
_PAGES = {
    "nothing": ("", "<p>x</p>"),
    "ld": (_LD, "<p>x</p>"),
    "two ld": (_LD + '<script type="application/ld+json">{"@type": "Product"}</script>', ""),
    "ld in body": ("", _LD + "<p>x</p>"),
    "ld upper type": ('<script type="Application/LD+JSON">{"@type": "Product"}</script>', ""),
    "ld spaced type": ('<script type=" application/ld+json">{"@type": "Product"}</script>', ""),
    "ld empty": ('<script type="application/ld+json"></script>', ""),
    "plain script": ('<script>var a = {"@type": "Product"};</script>', ""),
    "script type only": ("<script type>1</script>", ""),
    "og property": ('<meta property="og:type" content=" Website ">', ""),
    "og name": ('<meta name="og:type" content="product">', ""),
    "og name first": ('<meta name="og:type" content="shop"><meta property="og:type" content="article">', ""),
    "og both on one": ('<meta property="og:type" name="og:type" content="video.other">', ""),
    "og no content": ('<meta property="og:type"><meta name="og:type" content="product">', ""),
    "og empty content": ('<meta property="og:type" content=""><meta name="og:type" content="product">', ""),
    "og upper": ('<meta property="OG:TYPE" content="product">', ""),
    "og in body": ("", '<meta property="og:type" content="article"><p>x</p>'),
    "thread": ("", _THREAD),
    "threads": ("", _THREAD * 3),
    "thread upper": ("", '<div itemtype="https://SCHEMA.ORG/DiscussionForumPosting"></div>'),
    "thread on a script": ("", f'<script type="application/ld+json" itemtype="{_FORUM}">{{}}</script>'),
    "thread on a meta": (f'<meta property="og:type" name="og:type" itemtype="x {_FORUM}" content="a">', ""),
    "thread on a time": ("", f'<time datetime="2024-01-02" itemtype="{_FORUM}">x</time>'),
    "time": ("", '<time datetime="2024-01-02">Jan 2</time><time datetime="2023-05-06">x</time>'),
    "time empty": ("", '<time datetime>Jan 2</time><time datetime="2023-05-06">x</time>'),
    "time without": ("", '<time>Jan 2</time><time datetime="2023-05-06">x</time>'),
    "time upper": ("", '<TIME DATETIME="2023-05-06">x</TIME>'),
    "svg": (
        "",
        '<svg><script type="application/ld+json">{"@type": "Product"}</script>'
        '<meta property="og:type" content="a"/><time datetime="1"/></svg>',
    ),
    "svg upper type": ("", '<svg><script type="APPLICATION/ld+json">{"@type": "Product"}</script></svg>'),
    # Lexbor reads an SVG script's type in its case (an HTML script's in any case): a type
    # in other cases than lowercase is left to the selector.
    "svg upper type thread": (
        "",
        f'<svg><script type="APPLICATION/ld+json" itemtype="{_FORUM}">{{}}</script></svg>',
    ),
    "svg xlink type": (
        "",
        '<svg><script xlink:type="application/ld+json">{"@type": "Product"}</script></svg>',
    ),
    "svg both types": (
        "",
        '<svg><script type="text/x" xlink:type="application/ld+json">{"@type": "Product"}</script></svg>',
    ),
    "html xlink type": ('<script xlink:type="application/ld+json">{"@type": "Product"}</script>', ""),
    "foreign object": (
        "",
        '<svg><foreignObject><script type="application/ld+json">{}</script></foreignObject></svg>',
    ),
    "ld in noscript": (
        "",
        '<noscript><script type="application/ld+json">{"@type": "Product"}</script></noscript>',
    ),
    "ld in template": (
        "",
        '<template><script type="application/ld+json">{"@type": "Product"}</script></template>',
    ),
    "ld article og product": ('<meta property="og:type" content="product">' + _LD, ""),
    "ld thread og article": (
        '<meta property="og:type" content="article">'
        '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>',
        "",
    ),
    "ld article and thread": (
        '<script type="application/ld+json">[{"@type": "QAPage"}, {"@type": "BlogPosting"}]</script>',
        _THREAD,
    ),
    "ld product thread microdata": (
        '<script type="application/ld+json">{"@type": "Product"}</script>',
        _THREAD,
    ),
    "ld collection og": ('<script type="application/ld+json">{"@type": "CollectionPage"}</script>', ""),
    "og article microdata": ('<meta property="og:type" content="article">', _THREAD),
    "math": ("", '<math><time datetime="2">x</time></math>'),
    "template": ("", '<template><meta property="og:type" content="a"><time datetime="3">x</time></template>'),
    "noscript": ("", '<noscript><meta property="og:type" content="a"></noscript>'),
    "everything": (
        '<meta name="og:type" content="website">' + _LD + '<meta property="og:type" content="Article">',
        _THREAD + '<time datetime="2024-01-02">x</time>' + _LD,
    ),
}


def _trees(head: str, body: str) -> list[Any]:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return [parse(html), LexborHTMLParser(head + body, is_fragment=True)]


def _declared_as_written(tree: Any) -> str:
    """declared_type as first written: every search made, then the rules."""
    ld: set[str] = set()
    og = tree.css_first('meta[property="og:type"]') or tree.css_first('meta[name="og:type"]')
    og_type = (og.attributes.get("content") or "").strip().lower() if og is not None else ""
    for text in _ld_texts(tree.css('script[type="application/ld+json"]')):
        ld.update(t.lower() for t in _ld_type().findall(text))
    if tree.css_first('[itemtype*="schema.org/DiscussionForumPosting"]') is not None:
        ld.add("discussionforumposting")
    if ld & THREAD_LD_TYPES and not ld & ARTICLE_TYPES:
        return THREAD
    declared = ld | {og_type}
    if declared & ARTICLE_TYPES:
        return ARTICLE
    if declared & PRODUCT_TYPES:
        return PRODUCT
    return SECTIONED if og_type or declared & SECTIONED_LD_TYPES else ""


@pytest.mark.parametrize(("head", "body"), list(_PAGES.values()), ids=list(_PAGES))
def test_searches_are_the_selectors(head: str, body: str) -> None:
    for tree in _trees(head, body):
        ld = _ld_texts(tree.css('script[type="application/ld+json"]'))
        time = tree.css_first("time[datetime]")
        datetime = time.attributes.get("datetime") if time is not None else None
        marks = HeadMarks(tree)  # (with the marks, the compiled build's one C pass: _cwalk_reads.c)
        assert json_ld_texts(tree) == json_ld_texts(tree, marks) == ld
        assert _first_datetime(tree) == _first_datetime(tree, marks) == datetime
        assert declared_type(tree) == _declared_as_written(tree)


def test_searches_of_an_empty_tree() -> None:
    tree = parse("")
    assert json_ld_texts(tree) == json_ld_texts(tree, HeadMarks(tree)) == ()
    assert _first_datetime(tree) is None
    assert _first_datetime(tree, HeadMarks(tree)) is None
    assert declared_type(tree) == _declared_as_written(tree)


@pytest.mark.parametrize(
    "texts",
    [
        [],
        [""],
        ["", ""],
        ["A dark roast", "of arabica beans"],
        ["dark", "roast"],  # no word spans two texts
        ["ΟΔΟΣ", "ΣΑ"],  # a final sigma at a text's end and start
        ["ΟΔΟΣ.", "Σ", "ΑΣ Σ"],
        ["under_score", "_x", "x_"],
        ["İstanbul", "straße STRASSE"],
        ["line\nbreak", "tab\there"],
    ],
)
def test_visible_words_of_the_joined_texts_are_each_texts(texts: list[str]) -> None:
    word = regex.compile(r"\w+", regex.VERSION0)
    apart: Counter[str] = Counter()
    for text in texts:
        apart.update(word.findall(text.lower()))
    assert Counter(word.findall("\n".join(texts).lower())) == apart


def test_description_hidden_of_joined_texts() -> None:
    description = "A dark roast of arabica and robusta beans, ground for drip machines " * 2
    options = Options()
    assert description_hidden(description, ["A dark roast"], options)
    visible = ["A dark roast of arabica", "and robusta beans, ground for drip machines"]
    assert not description_hidden(description, visible, options)
