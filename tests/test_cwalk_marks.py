"""_page_type's whole-tree selectors read in C (``_cwalk.c``'s page_marks, and the same marks
in ``_cwalk_reads.c``'s document_reads, the compiled build): the microdata thread and the price
elements found as Lexbor's selectors find them, on hand-made and generated pages, and the quirks
mode's class matches left to the selectors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax import lexbor
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import _head_marks, _lexbor_walk, _page_type
from boilerstrip._head_marks import HeadMarks
from boilerstrip._lexbor_walk import PRICE_SELECTOR, THREAD_SELECTOR, page_marks_of, readers_of
from cscan_build import checked_cwalk, installed_or_built

THREAD = "https://schema.org/DiscussionForumPosting"
PAGES = {
    "none": "<p>text</p>",
    "thread": f"<div itemtype='{THREAD}'><p>post</p></div>",
    "thread in the head": f"<head><meta itemtype='{THREAD}'></head><p>x</p>",
    "thread on html": f"<html itemtype='{THREAD}'><p>x</p>",
    "thread in svg": f"<svg><g itemtype='{THREAD}'/></svg>",
    "thread's case": "<div itemtype='https://schema.org/discussionforumposting'>x</div>",
    "thread's name in capitals": f"<div ITEMTYPE='{THREAD}'>x</div>",
    "thread in another attribute": f"<div itemscope itemprop='{THREAD}' data-itemtype='{THREAD}'>x</div>",
    "thread in a template": f"<template><div itemtype='{THREAD}'></div></template>",
    "thread by an entity": "<div itemtype='schema.org/Discussion&#70;orumPosting'>x</div>",
    "thread cut short": "<div itemtype='schema.org/DiscussionForumPostin'>x</div>",
    "thread twice in a value": f"<div itemtype='schema.org/Discussion {THREAD}'>x</div>",
    "prices": "".join(f"<p class='card price'>{i}</p>" for i in range(9)),
    "prices by itemprop": "".join(f"<span itemprop=price>{i}</span>" for i in range(9)),
    "both on one element": "".join(f"<b itemprop=price class=price>{i}</b>" for i in range(4)),
    "near misses": "<p class='prices'>1</p><p class='price-tag'>2</p><p itemprop=' price'>3</p>"
    "<p itemprop=Price>4</p><p class='a\vprice'>5</p><p class='a\xa0price'>6</p><p class>7</p>"
    "<p itemprop>8</p><p class=price class=x>9</p><p class=x class=price>10</p>",
    "white space": "<p class=' price '>1</p><p class='\tprice\n'>2</p><p class='a\fprice\rb'>3</p>",
    "capitals, quirks": "".join(f"<p class=PRICE>{i}</p>" for i in range(9)),
    "capitals, standards": "<!DOCTYPE html>" + "".join(f"<p class=Price>{i}</p>" for i in range(9)),
    "capitals beside prices": "<!DOCTYPE html><p class=price>1</p>" + "<p class='x PRICE'>2</p>" * 8,
    "entities": "<p class='pr&#105;ce'>1</p><p itemprop='&#112;rice'>2</p>",
    "prefixed names": "<svg><a xlink:href=/x class=price itemprop=price>1</a></svg>"
    "<p xlink:class=price x:itemprop=price data-itemprop=price>2</p>"
    + "".join(f"<b data-n{i}=1 class=price>{i}</b>" for i in range(70)),
    "non-ASCII": "<p class='pr\u0130ce price\u00e9'>1</p><p class='\u017fprice price'>2</p>",
}


@pytest.fixture(scope="module")
def marks(tmp_path_factory: pytest.TempPathFactory) -> Any:
    module = checked_cwalk(tmp_path_factory)
    assert module.bind(lexbor.__file__)
    found = page_marks_of(module)
    assert found is not None  # the probe pages read as the selectors read them
    return found


@pytest.fixture(scope="module")
def readers(marks: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    found = readers_of(installed_or_built("_cwalk", tmp_path_factory))
    assert found is not None  # the probe pages read as selectolax's API reads them
    return found


def _assert_same(marks: Any, html: str) -> None:
    root = LexborHTMLParser(html).root
    assert root is not None
    assert marks(root, root.mem_id, 0, 1) == (root.css_first(THREAD_SELECTOR) is not None)
    found = len(root.css(PRICE_SELECTOR))
    for enough in range(1, found + 3):
        shown = marks(root, root.mem_id, 1, enough)
        assert shown in (-1, int(found >= enough))


@pytest.mark.parametrize("name", PAGES)
def test_same_as_the_selectors(marks: Any, name: str) -> None:
    _assert_same(marks, PAGES[name])


def _assert_reads_same(readers: Any, html: str) -> None:
    root = LexborHTMLParser(html).root
    assert root is not None and root.parent is not None
    _, _, thread, sure, loose = readers.document_reads(root.parent.mem_id, 1)
    assert thread == (root.css_first(THREAD_SELECTOR) is not None)
    assert sure <= len(root.css(PRICE_SELECTOR)) <= sure + loose
    for enough in range(1, sure + loose + 3):  # as page_marks answers
        shown = 1 if sure >= enough else 0 if sure + loose < enough else -1
        assert shown == readers.page_marks(root, root.mem_id, 1, enough)


@pytest.mark.parametrize("name", PAGES)
def test_document_reads_same_as_the_selectors(readers: Any, name: str) -> None:
    _assert_reads_same(readers, PAGES[name])


@pytest.mark.parametrize(
    ("html", "enough", "expected"),
    [
        ("".join("<p class=price>x</p>" for _ in range(7)), 7, 1),
        ("".join("<p class=price>x</p>" for _ in range(6)), 7, 0),
        ("<p itemprop=price class=price>x</p>" * 3 + "<p class=price>y</p>", 7, 1),  # counted twice
        ("<p class=PRICE>x</p>" * 7, 7, -1),  # quirks mode: the selector's to say
        ("<!DOCTYPE html><p class=price>x</p>" + "<p class=Price>y</p>" * 9, 7, -1),
        ("<p class=price>x</p>" * 7 + "<p class=PRICE>y</p>", 7, 1),  # enough whatever the mode
        ("<p class=PRICE>y</p>" * 5, 7, 0),  # too few whatever the mode
    ],
)
def test_counts(marks: Any, html: str, enough: int, expected: int) -> None:
    root = LexborHTMLParser(html).root
    assert root is not None
    assert marks(root, root.mem_id, 1, enough) == expected


@pytest.mark.parametrize("fragment", [False, True])
def test_the_readers_answer_alike(marks: Any, fragment: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """_page_type's readers give what the selectors give, reading in C: on a fragment too,
    whose selectors start above its first node (left to them)."""
    if (_page_type.__file__ or "").endswith(".py"):  # the pure sources: given the C reader here
        monkeypatch.setattr(_page_type, "PAGE_MARKS", marks)
    assert _page_type.PAGE_MARKS is not None
    for html in PAGES.values():
        tree = LexborHTMLParser("<i>first</i>" + html if fragment else html, is_fragment=fragment)
        assert _page_type._thread_microdata(tree) == (tree.css_first(THREAD_SELECTOR) is not None)
        for enough in (0, 1, 3, 7, 9):
            expected = bool(enough) and len(tree.css(PRICE_SELECTOR)) >= enough
            assert _page_type._shows_prices(tree, enough) == expected


@pytest.mark.parametrize("fragment", [False, True])
def test_the_readers_answer_alike_with_marks(
    readers: Any, fragment: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same, given the page's HeadMarks: in the compiled build, from its one C pass over the
    document (HeadMarks.document_reads; a fragment left to the selectors)."""
    if (_head_marks.__file__ or "").endswith(".py"):  # the pure sources: given the C readers here
        monkeypatch.setattr(_lexbor_walk, "READERS", readers)
        monkeypatch.setattr(_head_marks, "_READ_HEAD", readers.head_marks)
        monkeypatch.setattr(_head_marks, "_READ_DOCUMENT", readers.document_reads)
    for html in PAGES.values():
        tree = LexborHTMLParser("<i>first</i>" + html if fragment else html, is_fragment=fragment)
        marks = HeadMarks(tree)
        assert (marks.document_reads(tree) is None) == fragment
        assert _page_type._thread_microdata(tree, marks) == (tree.css_first(THREAD_SELECTOR) is not None)
        for enough in (0, 1, 3, 7, 9):
            expected = bool(enough) and len(tree.css(PRICE_SELECTOR)) >= enough
            assert _page_type._shows_prices(tree, enough, marks) == expected


_PIECES = [
    "<p>",
    "</p>",
    "<div class='price'>",
    "<span class=PRICE>",
    "<b itemprop=price>",
    "<i itemprop=price class='a price b'>",
    f"<div itemtype='{THREAD}'>",
    "<div itemtype='schema.org/DiscussionForumPostinG'>",
    "<template>",
    "</template>",
    "<svg>",
    "</svg>",
    "<table><tr><td class=price>",
    "</table>",
    "<!DOCTYPE html>",
    "<html class=price>",
    "<body itemprop=price>",
    "x",
    "<!-- <p class=price> -->",
    "<script>'<p class=price>'</script>",
]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_PIECES), max_size=30))
def test_generated(marks: Any, readers: Any, pieces: list[str]) -> None:
    _assert_same(marks, "".join(pieces))
    _assert_reads_same(readers, "".join(pieces))
