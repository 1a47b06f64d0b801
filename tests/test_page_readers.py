"""The page readers' shortcuts give what their plain forms gave: the root's ``lang`` read once
(HeadMarks.lang), a printable title not translated, a text already spaced not split, the
declared type tested type by type, each metadata field chosen from its most trusted source,
complete() telling Metadata's defaults by identity first, and a thread's address searched
only where it holds a row's start text, each address once."""

from __future__ import annotations

from typing import Any

import pytest
import regex
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import Metadata, Sourced
from boilerstrip._head_marks import HeadMarks
from boilerstrip._metadata import _clean, _Found, complete, json_ld_objects, read_page
from boilerstrip._options import Options
from boilerstrip._page_type import (
    _THREAD_URLS,
    ARTICLE_TYPES,
    PRODUCT_TYPES,
    SECTIONED_LD_TYPES,
    THREAD_LD_TYPES,
    _thread_url,
    _thread_url_pattern,
    _url_path,
    declared_type,
    json_ld_texts,
    page_type,
)
from boilerstrip._parse import _NOT_TEXT, is_spaced, page_info

# <html ...> -> (HeadMarks.lang, page_info's language, the metadata's language)
LANGS = {
    "none": ("", None, "", ""),
    "region": (" lang='en-GB'", "en-GB", "en", "en-GB"),
    "underscore": (" lang=' pt_BR '", " pt_BR ", "pt", "pt_BR"),
    "empty": (" lang=''", "", "", ""),
    "no value": (" lang", None, "", ""),
    "long": (" lang='Abcdefghijk-x'", "Abcdefghijk-x", "abcdefgh", "Abcdefghijk-x"),
}


@pytest.mark.parametrize(("attrs", "lang", "language", "metadata"), list(LANGS.values()), ids=list(LANGS))
def test_lang_read_once(attrs: str, lang: str | None, language: str, metadata: str) -> None:
    tree = LexborHTMLParser(f"<html{attrs}><head><title>t</title></head><body><p>x</p></body></html>")
    marks = HeadMarks(tree)
    root = tree.root
    assert root is not None
    assert marks.lang == lang == root.attributes.get("lang")
    assert page_info(tree, marks).language == language
    assert read_page(tree, [], marks).language.value == metadata
    assert read_page(tree, [], marks).language.source == ("html" if metadata else "")


# the title as written -> as read (controls and surrogates out, white space folded)
TITLES = {
    "plain": ("A plain title", "A plain title"),
    "spaces around": ("  padded   title ", "padded title"),
    "tab and newline": ("\n\tTab\tand\nnewline\n", "Tab and newline"),
    "C1 control": ("before\x85after", "before after"),
    "delete": ("del\x7fete", "del ete"),
    "no-break space": ("no\xa0break", "no break"),
    "accents": ("Été à Zürich", "Été à Zürich"),
    "double space": ("two  spaces", "two spaces"),
    "line separator": ("line\u2028separator", "line separator"),
}


@pytest.mark.parametrize(("written", "expected"), list(TITLES.values()), ids=list(TITLES))
def test_title_printable_or_translated(written: str, expected: str) -> None:
    tree = LexborHTMLParser("<html><head><title></title></head><body><p>x</p></body></html>")
    title = tree.css_first("title")
    assert title is not None
    title.insert_child(written)
    assert page_info(tree).title == expected == " ".join(written.translate(_NOT_TEXT).split())


def _reference_type(ld: set[str], og_type: str) -> str:
    """declared_type's answer as the set operations gave it (no microdata thread)."""
    if ld & ARTICLE_TYPES:
        return "article"
    if ld & THREAD_LD_TYPES:
        return "thread"
    declared = ld | {og_type}
    if declared & ARTICLE_TYPES:
        return "article"
    if declared & PRODUCT_TYPES:
        return "product"
    return "sectioned" if og_type or declared & SECTIONED_LD_TYPES else ""


# (JSON-LD @types, og:type, expected)
DECLARED = {
    "nothing": ((), "", ""),
    "og article": ((), "article", "article"),
    "og website": ((), "website", "sectioned"),
    "og product": ((), "product", "product"),
    "ld article": (("NewsArticle",), "", "article"),
    "ld article over og product": (("BlogPosting",), "product", "article"),
    "ld forum": (("DiscussionForumPosting",), "article", "thread"),
    "ld product": (("Product",), "", "product"),
    "ld product, og website": (("Product",), "website", "product"),
    "ld item list": (("ItemList",), "", "sectioned"),
    "ld organisation": (("Organization",), "", ""),
    "ld organisation, og article": (("Organization",), "article", "article"),
    "ld collection and person": (("Person", "CollectionPage"), "", "sectioned"),
}


@pytest.mark.parametrize(("types", "og", "expected"), list(DECLARED.values()), ids=list(DECLARED))
def test_declared_type_as_the_sets_gave_it(types: tuple[str, ...], og: str, expected: str) -> None:
    scripts = "".join(f'<script type="application/ld+json">{{"@type": "{kind}"}}</script>' for kind in types)
    meta = f'<meta property="og:type" content="{og}">' if og else ""
    tree = LexborHTMLParser(f"<html><head>{meta}{scripts}</head><body><p>x</p></body></html>")
    marks = HeadMarks(tree)
    found = declared_type(tree, json_ld_texts(tree, marks), marks)
    assert found == expected == _reference_type({kind.lower() for kind in types}, og)


# (field, [(source, value) in the order found], expected Sourced)
CHOSEN: dict[str, tuple[str, list[tuple[str, Any]], Sourced[Any]]] = {
    "one source": ("title", [("html", "Title")], Sourced("Title", "html")),
    "trusted found last": (
        "title",
        [("html", "Page"), ("twitter", "Tw"), ("json-ld", "LD")],
        Sourced("LD", "json-ld"),
    ),
    "trusted found first": (
        "site_name",
        [("open-graph", "OG"), ("meta", "App")],
        Sourced("OG", "open-graph"),
    ),
    "authors of one source": (
        "authors",
        [("meta", "B Two"), ("open-graph", "A One"), ("meta", "C Three")],
        Sourced(("A One",), "open-graph"),
    ),
    "published normalised": (
        "published",
        [("page", "5 Jan 2021"), ("meta", "January 6, 2021")],
        Sourced("2021-01-06", "meta"),
    ),
}


@pytest.mark.parametrize(("field", "adds", "expected"), list(CHOSEN.values()), ids=list(CHOSEN))
def test_field_chosen_from_its_most_trusted_source(
    field: str, adds: list[tuple[str, Any]], expected: Sourced[Any]
) -> None:
    found = _Found()
    for source, value in adds:
        found.add(field, source, value)
    missing: Sourced[Any] = Sourced("none", "")
    assert found.chosen(field, missing) == expected
    assert found.chosen("description", missing) is missing


def test_read_page_fills_every_field_positionally() -> None:
    tree = LexborHTMLParser(
        "<html lang=de><head><title>T</title><meta name=author content='Ann Author'>"
        "<meta property='og:site_name' content=Site><link rel=canonical href=/c>"
        "<meta name=description content=Desc><meta property='og:image' content=/i.png>"
        "<meta name=date content=2021-05-06></head><body><p>x</p></body></html>"
    )
    assert read_page(tree, json_ld_objects(())) == Metadata(
        title=Sourced("T", "html"),
        authors=Sourced(("Ann Author",), "meta"),
        published=Sourced("2021-05-06", "meta"),
        site_name=Sourced("Site", "open-graph"),
        language=Sourced("de", "html"),
        canonical_url=Sourced("/c", "link"),
        description=Sourced("Desc", "meta"),
        image=Sourced("/i.png", "open-graph"),
    )


# Metadata's defaults, or empty values equal to them but made apart (a caller's own)
EMPTIES = {
    "defaults": Metadata(canonical_url=Sourced("/a", "link")),
    "equal empties": Metadata(
        Sourced(""),
        Sourced(()),
        Sourced(""),
        Sourced(""),
        Sourced(""),
        Sourced("/a", "link"),
        Sourced(""),
        Sourced(""),
    ),
}


@pytest.mark.parametrize("metadata", list(EMPTIES.values()), ids=list(EMPTIES))
def test_complete_reads_empty_values_alike(metadata: Metadata) -> None:
    done = complete(metadata, (), "https://example.org/x/")
    assert done.canonical_url == Sourced("https://example.org/a", "link")
    assert done.title == Sourced("") and done.authors == Sourced(()) and done.image == Sourced("")


def test_only_the_space_is_printable_white_space() -> None:
    """What _parse.is_spaced (page_info's and the metadata's) reads a printable text by: str.split() splits on
    no printable character but the space."""
    assert [c for c in range(0x110000) if chr(c).isspace() and chr(c).isprintable()] == [0x20]


# a metadata value as written -> as read (white space folded, every word kept)
CLEANED = {
    "spaced": ("One two three", "One two three"),
    "empty": ("", ""),
    "double space": ("One  two", "One two"),
    "around": (" One two ", "One two"),
    "tab": ("One\ttwo", "One two"),
    "newline at the end": ("One two\n", "One two"),
    "no-break space": ("One\xa0two", "One two"),
    "line separator": ("One\u2028two", "One two"),
    "ideographic space": ("一\u3000二", "一 二"),
    "information separator": ("One\x1ftwo", "One two"),
    "a number": (12, "12"),
    "cut": ("word " * 500, ("word " * 400)[:2000]),
}


@pytest.mark.parametrize(("value", "expected"), list(CLEANED.values()), ids=list(CLEANED))
def test_clean_folds_white_space_as_split(value: str | int, expected: str) -> None:
    assert _clean(value) == expected == " ".join(str(value).split())[:2000]
    assert is_spaced(str(value)) == (" ".join(str(value).split()) == str(value))


_LITERAL_PREFIX = regex.compile(r"(?:\\\W|[^\\\[\](){}.*+?^$|])+")


@pytest.mark.parametrize(("software", "pattern", "start"), _THREAD_URLS, ids=[row[0] for row in _THREAD_URLS])
def test_each_thread_url_starts_with_its_text(software: str, pattern: str, start: str) -> None:
    """Every match of a row's pattern starts with its text (the literal the pattern opens
    with), so that a path without any row's text is told no thread's without the search."""
    prefix = _LITERAL_PREFIX.match(pattern)
    assert prefix is not None
    assert regex.sub(r"\\(.)", r"\1", prefix.group()).startswith(start)


# an address -> whether it is a thread's (declared "", thread URLs on)
THREAD_ADDRESSES = {
    "phpBB": ("https://forum.example/viewtopic.php?t=5", True),
    "XenForo": ("https://example.com/threads/a-topic.1234/", True),
    "Discourse": ("https://meta.example/t/some-topic/77", True),
    "Tapatalk": ("https://example.com/forum/a-topic-t123.html", True),
    "Tapatalk in capitals": ("HTTPS://EXAMPLE.COM/FORUM/A-TOPIC-T123-4.HTML", True),
    "news section /t/": ("https://news.example/t/sports", False),
    "topic without id": ("https://example.com/topic/politics/", False),
    "no start text": ("https://example.com/blog/2024/05/a-story", False),
    "a start text only": ("https://example.com/shop/d/list", False),
}


@pytest.mark.parametrize(("address", "thread"), list(THREAD_ADDRESSES.values()), ids=list(THREAD_ADDRESSES))
def test_thread_url_with_the_start_texts_as_without(address: str, thread: bool) -> None:
    options = Options()
    path = _url_path().match(address.strip().lower())
    probe = "/" + (path.group(1) if path is not None else "").lstrip("/")
    assert _thread_url("", address, options) == thread == (_thread_url_pattern().search(probe) is not None)


# (og:url, canonical link) -> the page type of a page that declares nothing
OWN_ADDRESSES = {
    "the same thread twice": ("https://f.example/t/x/1", "https://f.example/t/x/1", "thread"),
    "the same page twice": ("https://n.example/a", "https://n.example/a", ""),
    "a thread second": ("https://n.example/a", "https://f.example/t/x/1", "thread"),
}


@pytest.mark.parametrize(
    ("og", "canonical", "expected"), list(OWN_ADDRESSES.values()), ids=list(OWN_ADDRESSES)
)
def test_each_own_address_read(og: str, canonical: str, expected: str) -> None:
    tree = LexborHTMLParser(
        f"<html><head><meta property='og:url' content='{og}'><link rel=canonical href='{canonical}'>"
        "</head><body><p>x</p></body></html>"
    )
    assert page_type("", "", Options(), tree, HeadMarks(tree)) == expected
