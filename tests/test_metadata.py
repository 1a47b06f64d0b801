"""Metadata: each field from each source, the order of the sources, and bad input."""

from __future__ import annotations

from typing import Any

import pytest

from boilerstrip import Sourced, extract
from boilerstrip._dates import normalise_date

BODY = (
    "<body><article><h1>Visible heading</h1>"
    "<p>Body text of the page, long enough to be content.</p></article></body>"
)


def _page(head: str, body: str = BODY, lang: str = "") -> str:
    return f"<html{lang}><head>{head}</head>{body}</html>"


def _ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


# (head, field, expected Sourced)
SOURCES = {
    "json-ld headline": (
        _ld('{"@type":"NewsArticle","headline":"LD title"}'),
        "title",
        Sourced("LD title", "json-ld"),
    ),
    "json-ld authors": (
        _ld('{"@type":"Article","author":[{"@type":"Person","name":"A One"},"B Two"]}'),
        "authors",
        Sourced(("A One", "B Two"), "json-ld"),
    ),
    "json-ld in @graph": (
        _ld(
            '{"@graph":[{"@type":"WebSite","name":"Site LD"},'
            '{"@type":"BlogPosting","datePublished":"2024-01-02"}]}'
        ),
        "published",
        Sourced("2024-01-02", "json-ld"),
    ),
    "json-ld site": (
        _ld('[{"@type":"WebSite","name":"Site LD"}]'),
        "site_name",
        Sourced("Site LD", "json-ld"),
    ),
    "json-ld publisher": (
        _ld('{"@type":"Article","publisher":{"@type":"Organization","name":"Pub"}}'),
        "site_name",
        Sourced("Pub", "json-ld"),
    ),
    "json-ld image object": (
        _ld('{"@type":"Article","image":{"@type":"ImageObject","url":"https://ex.org/i.jpg"}}'),
        "image",
        Sourced("https://ex.org/i.jpg", "json-ld"),
    ),
    "open graph title": (
        '<meta property="og:title" content="OG title">',
        "title",
        Sourced("OG title", "open-graph"),
    ),
    "open graph site": (
        '<meta property="og:site_name" content="OG site">',
        "site_name",
        Sourced("OG site", "open-graph"),
    ),
    "open graph date": (
        '<meta property="article:published_time" content="2024-05-06T07:08:09Z">',
        "published",
        Sourced("2024-05-06T07:08:09Z", "open-graph"),
    ),
    "open graph locale": (
        '<meta property="og:locale" content="de_DE">',
        "language",
        Sourced("de_DE", "open-graph"),
    ),
    "twitter description": (
        '<meta name="twitter:description" content="TW desc">',
        "description",
        Sourced("TW desc", "twitter"),
    ),
    "meta description": (
        '<meta name="description" content="  A   desc ">',
        "description",
        Sourced("A desc", "meta"),
    ),
    "meta authors": (
        '<meta name="citation_author" content="C One"><meta name="citation_author" content="C Two">',
        "authors",
        Sourced(("C One", "C Two"), "meta"),
    ),
    "meta date": ('<meta name="pubdate" content="2023/7/9">', "published", Sourced("2023-07-09", "meta")),
    "canonical link": (
        '<link rel="canonical" href="https://ex.org/canon">',
        "canonical_url",
        Sourced("https://ex.org/canon", "link"),
    ),
    "title element": ("<title>Doc title</title>", "title", Sourced("Doc title", "html")),
}


@pytest.mark.parametrize(("head", "field", "expected"), list(SOURCES.values()), ids=list(SOURCES))
def test_each_source(head: str, field: str, expected: Sourced[object]) -> None:
    assert getattr(extract(_page(head)).metadata, field) == expected


def test_structured_data_wins_over_meta_tags() -> None:
    head = (
        "<title>Doc title</title>"
        '<meta name="description" content="meta"><meta property="og:description" content="og">'
        + _ld('{"@type":"Article","description":"ld"}')
    )
    metadata = extract(_page(head)).metadata
    assert metadata.description == Sourced("ld", "json-ld")


VISIBLE = {
    "h1 when nothing else names the title": (BODY, "title", Sourced("Visible heading", "page")),
    "time element": (
        "<body><article><h1>H</h1><p>Text. <time datetime='2022-03-04'>4 March</time></p></article></body>",
        "published",
        Sourced("2022-03-04", "page"),
    ),
    "byline": (
        "<body><article><h1>H</h1><p class='byline'>By Jane Doe and John Roe</p>"
        "<p>Body text of the page, long enough to be content of it all.</p></article></body>",
        "authors",
        Sourced(("Jane Doe", "John Roe"), "page"),
    ),
}


@pytest.mark.parametrize(("body", "field", "expected"), list(VISIBLE.values()), ids=list(VISIBLE))
def test_visible_page(body: str, field: str, expected: Sourced[object]) -> None:
    assert getattr(extract(_page("", body)).metadata, field) == expected


def test_html_lang() -> None:
    assert extract(_page("", lang=' lang="pt-BR"')).metadata.language == Sourced("pt-BR", "html")


def test_relative_urls_resolved_against_the_page_url() -> None:
    head = '<link rel="canonical" href="/a/b"><meta property="og:image" content="img/c.png">'
    metadata = extract(_page(head), url="https://ex.org/x/y").metadata
    assert metadata.canonical_url == Sourced("https://ex.org/a/b", "link")
    assert metadata.image == Sourced("https://ex.org/x/img/c.png", "open-graph")


def test_unsafe_urls_dropped() -> None:
    metadata = extract(_page('<meta property="og:image" content="javascript:alert(1)">')).metadata
    assert metadata.image == Sourced("")


BAD_LD = {
    "malformed": _ld("{not json"),
    "deeply nested": _ld("[" * 100_000 + "]" * 100_000),
    "wrong types": _ld('{"@type":["Article"],"author":42,"headline":{"x":1},"image":[]}'),
    "scalar": _ld("17"),
    "nan": _ld('{"@type":"Article","headline":NaN}'),
}


@pytest.mark.parametrize("head", list(BAD_LD.values()), ids=list(BAD_LD))
def test_bad_json_ld_never_raises(head: str) -> None:
    metadata = extract(_page(head)).metadata
    assert metadata.title.source in ("page", "json-ld")


def test_page_without_metadata() -> None:
    metadata = extract("<p>x</p>").metadata
    assert metadata.authors == Sourced(()) and metadata.published == Sourced("")


DATES = {
    "2024-03-05": "2024-03-05",
    "20240305": "2024-03-05",
    "2024-03-05T10:00:00+0100": "2024-03-05T10:00:00+01:00",
    "2024-03-05 10:00": "2024-03-05T10:00:00",
    "2024-03-05T10:00:00.123Z": "2024-03-05T10:00:00Z",
    "2024/3/5": "2024-03-05",
    "Tue, 05 Mar 2024 10:00:00 GMT": "2024-03-05T10:00:00+00:00",
    "March 5, 2024": "2024-03-05",
    "5th Mar 2024": "2024-03-05",
    "05/03/2024": "05/03/2024",  # day or month first: ambiguous, kept
    "2024-02-30": "2024-02-30",  # no such day: kept
    "gestern": "gestern",
}


@pytest.mark.parametrize(("given", "expected"), list(DATES.items()), ids=list(DATES))
def test_dates_normalised_when_unambiguous(given: str, expected: str) -> None:
    assert normalise_date(given) == expected


def test_fixture_metadata() -> None:
    from pathlib import Path

    page = (Path(__file__).parent / "fixtures" / "tutorial.html").read_bytes()
    metadata = extract(page, url="https://quietloops.example.org/posts/x/").metadata
    assert metadata.title == Sourced("Parsing log files with generators", "json-ld")
    assert metadata.authors == Sourced(("Ines Albrecht",), "json-ld")
    assert metadata.published == Sourced("2025-02-11T08:30:00+01:00", "json-ld")
    assert metadata.site_name == Sourced("Quiet Loops", "json-ld")
    assert metadata.image == Sourced(
        "https://quietloops.example.org/media/generators-cover.png", "open-graph"
    )
    assert metadata.description.source == "meta"


# The words a byline may start with, as _metadata's byline pattern writes them.
_BYLINE_LEADS = (
    "written",
    "posted",
    "words",
    "text",
    "photos",
    "by",
    "von",
    "par",
    "por",
    "door",
    "di",
    "av",
    "af",
    "автор",
)


@pytest.mark.parametrize(("letters", "allowed"), [(0, "_BYLINE_FIRST"), (1, "_BYLINE_SECOND")])
def test_byline_sieve_keeps_every_character_the_pattern_folds(letters: int, allowed: str) -> None:
    """No code point outside the sieve's sets matches a leading word's first (second)
    letter under the byline pattern's flags; so the sieve drops no byline."""
    import regex

    from boilerstrip import _metadata

    assert all(word in _metadata._BYLINE_PATTERN for word in _BYLINE_LEADS)
    letter = regex.compile("(?i:[" + "".join({w[letters] for w in _BYLINE_LEADS}) + "])", regex.VERSION0)
    matched = {chr(c) for c in range(0x110000) if letter.fullmatch(chr(c))}
    assert matched == getattr(_metadata, allowed)


@pytest.mark.parametrize(
    "text",
    [
        "By Jane Doe",
        "by Jane Doe",
        "BY Jane Doe",
        "Von Hans Meier",
        "Photos by Ann Lee",
        "Автор: Иван Петров",
        "автор Иван",
        "Di Marco Rossi",
        "Door Jan de Vries",
        "Written by Jane Doe and John Roe",
    ],
)
def test_byline_sieve_passes_bylines(text: str) -> None:
    from boilerstrip import _metadata

    assert _metadata._byline_pattern().match(text) is not None
    assert text[:1] in _metadata._BYLINE_FIRST and text[1:2] in _metadata._BYLINE_SECOND


def _head_as_written(tree: Any) -> dict[str, dict[str, Any]]:
    """_metadata._read_head as first written: every meta, link and title of the head."""
    from boilerstrip import _metadata

    found = _metadata._Found()
    head = tree.head
    for node in head.css("meta, link, title") if head is not None else ():
        attrs = node.attributes
        if node.tag == "title":
            found.add("title", "html", node.text())
        elif node.tag == "link":
            if "canonical" in (attrs.get("rel") or "").lower().split():
                found.add("canonical_url", "link", attrs.get("href"))
        else:
            key = attrs.get("property") or attrs.get("name") or attrs.get("http-equiv") or ""
            target = _metadata._META.get(key.strip().lower())
            if target is not None:
                found.add(*target, attrs.get("content"))
    return found.values


@pytest.mark.parametrize(
    "head",
    [
        "",
        "<title>T</title><title>Second</title>",
        '<link rel="canonical" href="/a"><link rel="canonical" href="/b">',
        '<link rel="Canonical" href="/a">',
        '<link rel="CANONICAL alternate" href="/a">',
        '<link rel="alternate\tcanonical" href="/a">',
        '<link rel="x\xa0canonical" href="/a">',  # a no-break space: a separator to str.split
        '<link rel="x\u2003canonical" href="/a">',
        '<link rel="noncanonical" href="/a"><link rel="canonicalx" href="/b">',
        '<link rel="canonİcal" href="/a">',
        '<link rel="canonical"><link rel="canonical" href="/b">',
        '<link rel href="/a"><link href="/b"><link rel="stylesheet" href="/c.css">',
        '<meta name="author"><meta name="author" content="Ann Lee"><meta name="author" content>',
        '<meta property="og:title"><meta property="og:title" content="OG">',
        '<meta name=" Description " content="d"><meta http-equiv="content-language" content="de">',
        '<meta charset="utf-8"><meta name="viewport" content="width=device-width">',
        '<meta property="" name="author" content="B"><meta name="DC.Creator" content="C">',
        '<meta content="no key">',
        '<meta name="citation_author" content="A"><meta name="citation_author" content="B">',
    ],
)
def test_read_head_reads_what_every_node_gives(head: str) -> None:
    from boilerstrip import _metadata
    from boilerstrip._head_marks import HeadMarks
    from boilerstrip._parse import parse

    tree = parse(f"<html><head>{head}</head><body><p>x</p></body></html>")
    found = _metadata._Found()
    _metadata._read_head(HeadMarks(tree), found)
    assert found.values == _head_as_written(tree)
