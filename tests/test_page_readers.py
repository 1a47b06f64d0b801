"""The page readers' shortcuts give what their plain forms gave: the root's ``lang`` read once
(HeadMarks.lang), a printable title not translated, the declared type tested type by type,
each metadata field chosen from its most trusted source, and complete() telling Metadata's
defaults by identity first."""

from __future__ import annotations

from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import Metadata, Sourced
from boilerstrip._head_marks import HeadMarks
from boilerstrip._metadata import _Found, complete, json_ld_objects, read_page
from boilerstrip._page_type import (
    ARTICLE_TYPES,
    PRODUCT_TYPES,
    SECTIONED_LD_TYPES,
    THREAD_LD_TYPES,
    declared_type,
    json_ld_texts,
)
from boilerstrip._parse import _NOT_TEXT, page_info

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
