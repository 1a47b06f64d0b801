"""Markdown output: one structure per case, rendered from the segment stage's blocks."""

from __future__ import annotations

import dataclasses

import pytest

from boilerstrip import Label, extract
from structured_pages import content_of

CASES = {
    "heading levels": ("<h1>Title</h1><h3>Part</h3><p>Text.</p>", "# Title\n\n### Part\n\nText."),
    "paragraphs": ("<p>One.</p><p>Two.</p>", "One.\n\nTwo."),
    "line break": ("<p>First line<br>second line</p>", "First line\\\nsecond line"),
    "unordered list": ("<ul><li>a</li><li>b</li></ul>", "- a\n- b"),
    "ordered list with start": ("<ol start=4><li>a</li><li>b</li></ol>", "4. a\n5. b"),
    # "-2. a" is a line of text in CommonMark, no list item
    "ordered list with a negative start": (
        "<ol start=-2><li>a</li><li>b</li><li>c</li></ol>",
        "0. a\n0. b\n0. c",
    ),
    "nested lists": (
        "<ol><li>one<ul><li>x</li><li>y<ol><li>deep</li></ol></li></ul></li><li>two</li></ol>",
        "1. one\n   - x\n   - y\n     1. deep\n2. two",
    ),
    "two paragraphs in one item": (
        "<ul><li><p>first</p><p>more</p></li><li>next</li></ul>",
        "- first\n\n  more\n- next",
    ),
    "two lists": ("<ul><li>a</li></ul><ul><li>b</li></ul>", "- a\n\n- b"),
    "table with header row": (
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tr><td>1</td><td>2 | 3</td></tr></table>",
        "| A | B |\n|---|---|\n| 1 | 2 \\| 3 |",
    ),
    "table without header row": (
        "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td></tr></table>",
        "| 1 | 2 |\n|---|---|\n| 3 |  |",
    ),
    "code with language": (
        '<pre><code class="language-python">if x:\n    y()</code></pre>',
        "```python\nif x:\n    y()\n```",
    ),
    "code language on wrapper": (
        '<div class="highlight-rust notranslate"><div class="highlight"><pre>fn f() {}</pre></div></div>',
        "```rust\nfn f() {}\n```",
    ),
    "code language from data-lang": ('<pre data-lang="Go">x := 1</pre>', "```go\nx := 1\n```"),
    # The line after the fence was the code's first: "x" came before it.
    "data-lang that is no name": ('<pre data-lang="py&#10;x">y = 1</pre>', "```\ny = 1\n```"),
    "data-lang with a space": ('<pre data-lang="objective c">y = 1</pre>', "```\ny = 1\n```"),
    "code without language": ("<pre>plain</pre>", "```\nplain\n```"),
    "code holding a fence": ("<pre>```\nx\n```</pre>", "````\n```\nx\n```\n````"),
    "blockquote": ("<blockquote><p>Said.</p><p>Again.</p></blockquote>", "> Said.\n>\n> Again."),
    "nested blockquote": (
        "<blockquote><p>Out.</p><blockquote><p>In.</p></blockquote></blockquote>",
        "> Out.\n>\n> > In.",
    ),
    "markup characters escaped": (
        "<p>*not* [a](b) _x_ snake_case</p>",
        "\\*not\\* \\[a\\](b) \\_x\\_ snake_case",
    ),
    "line starts escaped": (
        "<p># not a heading</p><p>1. not a list</p>",
        "\\# not a heading\n\n1\\. not a list",
    ),
    # The page's text holds "&nbsp;" and "&#38;" as characters: written as they are, a Markdown
    # reader would show a space and "&".
    "entity references escaped": (
        "<p>Write &amp;nbsp; or &amp;#160; or &amp;#xA0; for a space.</p>",
        "Write \\&nbsp; or \\&#160; or \\&#xA0; for a space.",
    ),
    "ampersands that start no reference kept": (
        "<p>AT&amp;T &amp; co; a &amp;b c &amp;#; &amp;#x; &amp;nbsp</p>",
        "AT&T & co; a &b c &#; &#x; &nbsp",
    ),
}


@pytest.mark.parametrize(("html", "expected"), list(CASES.values()), ids=list(CASES))
def test_markdown_structure(html: str, expected: str) -> None:
    assert content_of(html).to_markdown() == expected


LINKS = {
    "relative link resolved": (
        '<p>See <a href="/doc">the doc</a>.</p>',
        "See [the doc](https://ex.org/doc).",
    ),
    "absolute link": ('<p><a href="http://a.org/x">a</a></p>', "[a](http://a.org/x)"),
    "mailto link": ('<p><a href="mailto:me@ex.org">me</a></p>', "[me](mailto:me@ex.org)"),
    "javascript link dropped": ('<p><a href="JavaScript:alert(1)">x</a> y</p>', "x y"),
    "link holding a block": ('<a href="/c"><h3>Card</h3></a>', "### [Card](https://ex.org/c)"),
    "link in a table cell": (
        '<table><tr><th>A</th><th><a href="/b">B</a></th></tr></table>',
        "| A | [B](https://ex.org/b) |\n|---|---|",
    ),
    "parentheses in the URL": ('<p><a href="/a_(b)">w</a></p>', "[w](<https://ex.org/a_(b)>)"),
    "entity reference in the URL": (
        '<p><a href="/q?a=1&amp;amp;b=2">q</a></p>',
        "[q](https://ex.org/q?a=1\\&amp;b=2)",
    ),
}


@pytest.mark.parametrize(("html", "expected"), list(LINKS.values()), ids=list(LINKS))
def test_markdown_links(html: str, expected: str) -> None:
    assert content_of(html, url="https://ex.org/page").to_markdown(links=True) == expected


def test_items_whose_outer_items_are_not_content_are_not_indented() -> None:
    result = content_of(
        "<ul><li>outer<ul><li>inner a</li><li>inner b<ul><li>deep</li></ul></li></ul></li></ul>"
    )
    blocks = tuple(
        dataclasses.replace(b, label=Label.NAVIGATION) if b.text == "outer" else b for b in result.blocks
    )
    shown = dataclasses.replace(result, blocks=blocks).to_markdown()
    assert shown == "- inner a\n- inner b\n  - deep"


def test_links_are_off_by_default() -> None:
    assert content_of('<p>See <a href="/doc">the doc</a>.</p>').to_markdown() == "See the doc."


IMAGES = {
    "figure image before its caption": (
        '<figure><img src="/i.png" alt="A [cat]"><figcaption>Cap.</figcaption></figure>',
        "![A \\[cat\\]](https://ex.org/i.png)\n\nCap.",
    ),
    "inline image": (
        '<p>Text <img src="http://a.org/x.jpg" alt="x"></p>',
        "![x](http://a.org/x.jpg)\n\nText",
    ),
    "data URL dropped": ('<p><img src="data:image/png;base64,AAAA" alt="d">Text</p>', "Text"),
    "lazy image": ('<p><img data-src="/lazy.png" alt="">Text</p>', "![](https://ex.org/lazy.png)\n\nText"),
    "entity reference in the alt text": (
        '<p><img src="/i.png" alt="a &amp;amp; b">Text</p>',
        "![a \\&amp; b](https://ex.org/i.png)\n\nText",
    ),
}


@pytest.mark.parametrize(("html", "expected"), list(IMAGES.values()), ids=list(IMAGES))
def test_markdown_images(html: str, expected: str) -> None:
    assert content_of(html, url="https://ex.org/page").to_markdown(images=True) == expected


def test_only_content_blocks_are_rendered() -> None:
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><article><h1>A title</h1>"
        "<p>The body of the article has enough words to be read as its main content here.</p>"
        "</article><footer>Copyright 2024 Example. All rights reserved.</footer></body></html>"
    )
    markdown = extract(page).to_markdown()
    assert markdown.startswith("# A title\n\nThe body")
    assert "Home" not in markdown and "Copyright" not in markdown
