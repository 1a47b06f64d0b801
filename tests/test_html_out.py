"""Clean HTML output: the structure of each case, and nothing unsafe from hostile pages."""

from __future__ import annotations

import pytest
import regex
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import extract
from structured_pages import content_of

CASES = {
    "heading and paragraph": ("<h2>Part</h2><p>Text.</p>", "<h2>Part</h2>\n<p>Text.</p>"),
    "line break": ("<p>a<br>b</p>", "<p>a<br>\nb</p>"),
    "nested lists": (
        "<ol start=2><li>one<ul><li>x</li></ul></li><li>two</li></ol>",
        '<ol start="2">\n<li>one\n<ul>\n<li>x</li></ul></li>\n<li>two</li></ol>',
    ),
    "second paragraph of an item": (
        "<ul><li><p>a</p><p>b</p></li></ul>",
        "<ul>\n<li>a\n<p>b</p></li></ul>",
    ),
    "table with header": (
        "<table><thead><tr><th>A</th><th>B</th></tr></thead><tr><td>1</td><td>2</td></tr></table>",
        "<table>\n<thead>\n<tr><th>A</th><th>B</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td><td>2</td></tr>"
        "\n</tbody>\n</table>",
    ),
    "code with language": (
        '<pre><code class="language-python">x &lt; 1</code></pre>',
        '<pre><code class="language-python">x &lt; 1</code></pre>',
    ),
    "nested blockquotes": (
        "<blockquote><p>a</p><blockquote><p>b</p></blockquote></blockquote><p>c</p>",
        "<blockquote>\n<p>a</p>\n<blockquote>\n<p>b</p>\n</blockquote>\n</blockquote>\n<p>c</p>",
    ),
    "caption": (
        "<figure><figcaption>Cap.</figcaption></figure>",
        "<figure><figcaption>Cap.</figcaption></figure>",
    ),
    "text escaped": ('<p>a &lt;b&gt; &amp; "c"</p>', "<p>a &lt;b&gt; &amp; &quot;c&quot;</p>"),
}


@pytest.mark.parametrize(("html", "expected"), list(CASES.values()), ids=list(CASES))
def test_html_structure(html: str, expected: str) -> None:
    assert content_of(html).to_html() == f"<article>\n{expected}\n</article>"


def test_links_and_images_when_asked() -> None:
    page = (
        '<figure><img src="/i.png" alt="A &quot;cat&quot;">'
        '<figcaption>See <a href="/x">x</a></figcaption></figure>'
    )
    result = content_of(page, url="https://ex.org/p")
    assert result.to_html() == "<article>\n<figure><figcaption>See x</figcaption></figure>\n</article>"
    assert result.to_html(links=True, images=True) == (
        '<article>\n<figure><img src="https://ex.org/i.png" alt="A &quot;cat&quot;">'
        '<figcaption>See <a href="https://ex.org/x">x</a></figcaption></figure>\n</article>'
    )


# Pages that try to get script, event handlers, styles or script URLs into the output.
HOSTILE = {
    "script element": "<p>Hi</p><script>alert(1)</script><p>there</p>",
    "script as text": "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    "event handler": '<p onclick="alert(1)" onmouseover="alert(2)">Click</p><img src=x onerror="alert(3)">',
    "style attribute and element": '<p style="color:red">Red</p><style>p{}</style>',
    "javascript link": '<p><a href="javascript:alert(1)">go</a></p>',
    "obfuscated javascript link": (
        '<p><a href=" jAvA&#x09;ScRiPt:alert(1)">go</a><a href="&#106;avascript:x">j</a></p>'
    ),
    "vbscript and data links": (
        '<p><a href="vbscript:msgbox">v</a><a href="data:text/html,<script>">d</a></p>'
    ),
    "javascript image": '<p>x<img src="javascript:alert(1)" alt="i"></p>',
    "attribute breakout in href": "<p><a href='/x\" onclick=\"alert(1)'>x</a></p>",
    "attribute breakout in alt": '<p>t<img src="/i.png" alt=\'" onerror="alert(1)\'></p>',
    "language class breakout": "<pre><code class='language-py\" onclick=\"alert(1)'>x</code></pre>",
    "svg and iframe": (
        '<p>a</p><svg onload="alert(1)"><script>x</script></svg><iframe src="javascript:x"></iframe>'
    ),
    "markup in text": "<p>&lt;img src=x onerror=alert(1)&gt;</p>",
}


@pytest.mark.parametrize("page", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_page_gives_safe_html(page: str) -> None:
    out = content_of(page, url="https://ex.org/").to_html(links=True, images=True)
    tree = LexborHTMLParser(out)
    allowed = {"html", "head", "body", "article", "h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li",
               "table", "thead", "tbody", "tr", "th", "td", "pre", "code", "blockquote", "figure",
               "figcaption", "br", "a", "img"}  # fmt: skip
    for node in tree.root.traverse():
        if node.tag.startswith("-"):
            continue
        assert node.tag in allowed
        for name, value in node.attributes.items():
            assert name in {"href", "src", "alt", "start", "class"}
            if name in ("href", "src"):
                assert regex.match(r"(?i)(https?|mailto):", value or "")
            if name == "class":
                assert regex.fullmatch(r"language-[\w+#.\-]+", value or "")
    # Hostile text stays text: escaped, so it never opens an element or an attribute.
    assert not regex.search(r"(?i)<script|<style|<svg|<iframe", out)


def test_hostile_fixture_page_gives_safe_html() -> None:
    page = (
        "<html><body><article><h1 onclick='x()'>Heading of the page</h1>"
        "<p style='x'>A paragraph of the article with <a href='javascript:alert(1)'>a link</a> and "
        "enough words to be read as the main content of this hostile page.</p>"
        "<script>document.write('<p>injected</p>')</script></article></body></html>"
    )
    out = extract(page).to_html(links=True, images=True)
    assert "Heading of the page" in out and "a link" in out
    assert not regex.search(r"(?i)<script|javascript:|\son\w+=|style=|injected", out)
