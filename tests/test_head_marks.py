"""_head_marks gives what the selectors it replaces gave: page_info's og:title and title,
declared_type's og:type metas, page_type's own addresses and the metadata's head nodes, on
hand-made pages with the marks in the head, after it, in both, in odd cases, without a
value, in SVG and MathML, a template and a noscript, and on fragments (no head)."""

from __future__ import annotations

from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from boilerstrip._head_marks import HeadMarks
from boilerstrip._metadata import read_page
from boilerstrip._parse import _NOT_TEXT, page_info, parse

_PAGES = {
    "nothing": ("", "<p>x</p>"),
    "all in head": (
        '<title>T</title><meta property="og:title" content="O"><meta property="og:type" content="article">'
        '<meta property="og:url" content="https://a/x"><link rel="canonical" href="https://a/c">',
        "<p>x</p>",
    ),
    "og title empty": ('<meta property="og:title" content=" "><title>T</title>', ""),
    "og title without content": ('<meta property="og:title"><meta property="og:title" content="B">', ""),
    "og title upper": ('<meta property="OG:TITLE" content="U"><title>T</title>', ""),
    "og title as name": ('<meta name="og:title" content="N"><title>T</title>', ""),
    "og title in body": ("<title>T</title>", '<meta property="og:title" content="B"><p>x</p>'),
    "og title in both": ('<meta property="og:title" content="H">', '<meta property="og:title" content="B">'),
    "og title in body only, empty": ("", '<meta property="og:title" content=""><title>late</title>'),
    "title in svg": ("", "<svg><title>icon</title></svg><p>x</p>"),
    "title in math": ("", "<math><title>m</title></math>"),
    "title in body": ("", "<title>B</title><p>x</p>"),
    "two titles": ("<title> </title><title>second</title>", ""),
    "title spaced": ("<title>\n  A\tB\x01 </title>", ""),
    "og type name first": (
        '<meta name="og:type" content="shop">',
        '<meta property="og:type" content="article">',
    ),
    "og type both on one": ('<meta property="og:type" name="og:type" content="video.other">', ""),
    "og type no content": ('<meta property="og:type"><meta name="og:type" content="product">', ""),
    "og type upper": ('<meta property="OG:TYPE" content="product"><meta NAME="og:type" content="x">', ""),
    "og type in body": ("", '<meta property="og:type" content="article"><p>x</p>'),
    "og type in svg": ("", '<svg><meta property="og:type" content="a"/></svg>'),
    "og type in noscript": ('<noscript><meta property="og:type" content="n"></noscript>', ""),
    "og type in template": ('<template><meta property="og:type" content="t"></template>', ""),
    "og type in body template": ("", '<template><meta name="og:type" content="t"></template>'),
    "metas then body metas": (
        '<meta charset="utf-8"><meta name="x" content="1"><meta property="og:title">',
        '<meta name="og:type" content="b"><meta property="og:title" content="late">',
    ),
    "canonical cases": (
        '<link rel="Canonical" href="https://a/1"><link rel="canonical foo" href="https://a/2">'
        '<link rel=" canonical" href="https://a/3"><link rel="CANONICAL" href="">'
        '<meta property="og:url" href="https://a/4"><meta property="OG:URL" content="https://a/5">',
        '<link rel="canonical" href="https://a/body">',
    ),
    "metadata": (
        '<meta name="description" content="D"><meta name="author" content="A B">'
        '<meta property="article:published_time" content="2024-01-02"><meta content="orphan">'
        '<meta name="twitter:title"><meta http-equiv="content-language" content="de">'
        '<meta property="og:site_name" content="">',
        "",
    ),
}


def _trees(head: str, body: str) -> list[Any]:
    return [
        parse(f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"),
        parse(f"<html><head>{head}</head><body>{body}</body></html>"),  # quirks mode
        parse(head + body),
        LexborHTMLParser(head + body, is_fragment=True),
    ]


def _title_as_written(tree: Any) -> str:
    """page_info's title as first written: a selector each."""
    for selector, attr in (('meta[property="og:title"]', "content"), ("title", "")):
        node = tree.css_first(selector)
        if node is not None:
            value = node.attributes.get(attr) if attr else node.text()
            if value and value.strip():
                return " ".join(value.translate(_NOT_TEXT).split())
    return ""


def _attributes(node: Any) -> dict[str, str | None] | None:
    return None if node is None else node.attributes


def _own_addresses_as_written(tree: Any) -> tuple[str, ...]:
    head = tree.head
    if head is None:
        return ()
    found = []
    for node in head.css('meta[property="og:url"], link[rel="canonical"]'):
        value = node.attributes.get("content") or node.attributes.get("href")
        if value:
            found.append(value)
    return tuple(found)


def _head_nodes_as_written(tree: Any) -> list[tuple[str, dict[str, str | None], str]]:
    """The metadata's head nodes as first read: ``meta[content]``, the canonical links, the titles."""
    head = tree.head
    if head is None:
        return []
    return [
        (node.tag, node.attributes, node.text() if node.tag == "title" else "")
        for node in head.css('meta[content], link[rel*="canonical" i], title')
    ]


@pytest.mark.parametrize(("head", "body"), list(_PAGES.values()), ids=list(_PAGES))
def test_marks_are_the_selectors(head: str, body: str) -> None:
    for tree in _trees(head, body):
        marks = HeadMarks(tree)
        assert page_info(tree, marks).title == page_info(tree).title == _title_as_written(tree)
        for key, value in (("property", "og:title"), ("property", "og:type"), ("name", "og:type")):
            selected = _attributes(tree.css_first(f'meta[{key}="{value}"]'))
            assert marks.first_meta(tree, key, value) == selected
        title = tree.css_first("title")
        assert marks.first_title(tree) == (title.text() if title is not None else None)
        assert marks.own_addresses() == _own_addresses_as_written(tree)
        with_content = [
            (tag, attrs, text) for tag, attrs, text in marks.entries if tag != "meta" or "content" in attrs
        ]
        assert with_content == _head_nodes_as_written(tree)
        assert read_page(tree, [], marks) == read_page(tree, [])
