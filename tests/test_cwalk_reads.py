"""_cwalk_reads.c's page readers (the compiled build) give what selectolax's API gives, or None
where they leave a page to it: ``document_reads`` the JSON-LD scripts' texts among
``tree.tags("script")`` (cut to a budget) and the first ``<time>``'s datetime, ``head_marks`` the head's
``meta, link[rel*="canonical" i], title`` as _head_marks reads them; on hand-made pages with the
marks in odd places (SVG, MathML, a template, a noscript), cases, values and texts."""

from __future__ import annotations

from typing import Any

import pytest
from selectolax import lexbor
from selectolax.lexbor import LexborHTMLParser

from boilerstrip._lexbor_walk import HEAD_SELECTOR, LD_TYPE, document_of, readers_of
from boilerstrip._page_type import _ld_texts
from cscan_build import checked_cwalk


@pytest.fixture(scope="module")
def readers(tmp_path_factory: pytest.TempPathFactory) -> Any:
    module = checked_cwalk(tmp_path_factory)
    assert module.bind(lexbor.__file__)
    found = readers_of(module)
    assert found is not None  # the probe page read as selectolax's API reads it
    return found


def _document(tree: Any) -> int:
    return int(tree.root.parent.mem_id)


_LD = '<script type="application/ld+json">{"@type": "NewsArticle"}</script>'

_PAGES = {
    "nothing": ("", "<p>x</p>"),
    "ld": (_LD, ""),
    "ld in body": ("", _LD),
    "ld many": (_LD * 20, '<script type="application/ld+json">[é, 中, 😀]</script>' * 5),
    "ld entities": ('<script type="application/ld+json">{"a": "&amp; &lt;"}</script>', ""),
    "ld empty": ('<script type="application/ld+json"></script>', ""),
    "ld upper type": ('<script type="Application/LD+JSON">{}</script>', ""),
    "ld type not ascii": ('<script type="applicatİon/ld+json">{}</script>', ""),
    "ld type kelvin": ('<script type="text/\u212a">{}</script>', ""),
    "ld spaced type": ('<script type=" application/ld+json">{}</script>', ""),
    "plain scripts": (
        "<script>var a = 1;</script><script type=module>b()</script>",
        "<script type>2</script>",
    ),
    "svg ld": ("", '<svg><script type="application/ld+json">{"s": 1}</script></svg>'),
    "svg ld children": ("", '<svg><script type="application/ld+json">{"s"<g>: 1</g>}</script></svg>'),
    "svg xlink type": ("", '<svg><script xlink:type="application/ld+json">{}</script></svg>'),
    "ld in template": ("", "<template>" + _LD + "</template>"),
    "ld in noscript": ("", "<noscript>" + _LD + "</noscript>"),
    "script upper": ("", '<SCRIPT TYPE="application/ld+json">{"u": 1}</SCRIPT>'),
    "time": ("", '<time datetime="2024-01-02">a</time><time datetime="2023-05-06">b</time>'),
    "time without": ("", '<time>a</time><time datetime="2023-05-06">b</time>'),
    "time empty": ("", "<time datetime>a</time><time datetime=2>b</time>"),
    "time upper": ("", '<TIME DATETIME="2023-05-06 é">x</TIME>'),
    "time in svg and math": ("", '<svg><time datetime="1"/></svg><math><time datetime="2">x</time></math>'),
    "time in template": ("", '<template><time datetime="3">x</time></template><time datetime=4>y</time>'),
    "head marks": (
        '<title>T &amp; é</title><meta property="og:title" content="O"><meta charset=utf-8>'
        '<link rel="canonical" href="https://a/c"><link rel="stylesheet" href="s.css">'
        '<link rel="x CANONICAL y" href="/u"><link rel=canonicals href=v><link href=w>',
        "<p>x</p>",
    ),
    "head title nested": ("<title>a<b>b</b>c</title><title></title><title> </title>", ""),
    "head noscript and template": (
        '<noscript><meta name="a" content="n"><link rel=canonical href=n></noscript>'
        '<template><meta name="b" content="t"><title>t</title></template><meta name=c>',
        "",
    ),
    "head link rel empty": ('<link rel href="x"><link rel="" href="y"><meta name=d>', ""),
    "head repeated attributes": (
        '<meta name="a" name="b" content="c" content=""><link rel=canonical rel>',
        "",
    ),
    "head upper": ('<META NAME="A" CONTENT="B"><LINK REL="Canonical" HREF="Z"><TITLE>U</TITLE>', ""),
}


def _tree(head: str, body: str) -> Any:
    return LexborHTMLParser(f"<html><head>{head}</head><body>{body}</body></html>")


def _ld_texts_api(tree: Any, budget: int) -> tuple[str, ...] | None:
    scripts = []
    for script in tree.tags("script"):
        kind = script.attributes.get("type")
        if kind == LD_TYPE:
            scripts.append(script)
        elif (kind is not None and kind.lower() == LD_TYPE) or "xlink:type" in script.attributes:
            return None
    return _ld_texts(scripts, budget)


@pytest.mark.parametrize("budget", [1, 5, 40, 200_000])
@pytest.mark.parametrize("name", sorted(_PAGES))
def test_ld_texts(readers: Any, name: str, budget: int) -> None:
    tree = _tree(*_PAGES[name])
    expected = _ld_texts_api(tree, budget)
    found = readers.document_reads(_document(tree), budget)[0]
    # None: left to the selector, only where the Python reads the type otherwise
    assert found == expected or (found is None and ("type" in name or "xlink" in name))


@pytest.mark.parametrize("name", sorted(_PAGES))
def test_first_datetime(readers: Any, name: str) -> None:
    tree = _tree(*_PAGES[name])
    expected = next(
        (time.attributes["datetime"] for time in tree.tags("time") if "datetime" in time.attributes), None
    )
    assert readers.document_reads(_document(tree), 10)[1] == expected


@pytest.mark.parametrize("name", sorted(_PAGES))
def test_head_marks(readers: Any, name: str) -> None:
    head = _tree(*_PAGES[name]).head
    entries = [(n.tag, n.attributes, n.text() if n.tag == "title" else "") for n in head.css(HEAD_SELECTOR)]
    found = readers.head_marks(head.mem_id)
    metas = sum(tag == "meta" for tag, _, _ in entries)
    assert found == (entries, metas) or (found is None and "rel" in name)  # None: a rel without a value


def test_fragment_is_left_to_the_api() -> None:
    assert document_of(LexborHTMLParser(_LD, is_fragment=True)) is None  # (None in a pure install too)


def test_the_document_is_the_tags_root(readers: Any) -> None:
    tree = _tree(_LD, "<time datetime=1>x</time>")
    assert readers.document_reads(_document(tree), 100)[:2] == (('{"@type": "NewsArticle"}',), "1")
