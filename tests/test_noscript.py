"""Raw text opened in a <noscript> and running past it is cut before the parse (_noscript,
_limits.scan's runaways): which is, and that the page then comes out as a browser shows it.
The C loop records the same runaways (tests/test_cscan.py)."""

from __future__ import annotations

import pytest

from boilerstrip import extract
from boilerstrip._limits import scan_python
from boilerstrip._noscript import without_runaways

_TAG_MANAGER = '<noscript><iframe src="https://tags.example/ns.html?id=1" height="0" width="0" /></noscript>'
_IFRAME = _TAG_MANAGER[len("<noscript>") : -len("</noscript>")]

_CASES = [
    (_TAG_MANAGER + "<p>a</p>", [_IFRAME]),  # "/>" does not close an iframe
    ("<NOSCRIPT><IFRAME SRC=x></NoScript><p>a</p>", ["<IFRAME SRC=x>"]),  # end tag in any case
    ("<noscript class=a><img src=x><textarea>y</noscript>", ["<textarea>y"]),
    ("<noscript><title>x</noscript></title>", ["<title>x"]),
    ("<noscript><div><plaintext>x</noscript>y", ["<plaintext>x"]),
    (_TAG_MANAGER + "<p>a</p>" + _TAG_MANAGER, [_IFRAME, _IFRAME]),  # read on past the first
    ("<noscript><iframe src=x></iframe></noscript>", []),  # closed in it
    ("<noscript><img src=a.png></noscript>", []),  # no raw text
    ("<noscript><script>w('x')</noscript>", []),  # a script's text ends at </script> only
    ("<noscript><style>p{}</noscript>", []),
    ("<iframe src=x></noscript>", []),  # no noscript open
    ("<noscript></noscript><iframe></noscript>", []),  # closed before
    ("<script>w('<noscript><iframe>')</script><p>a</p></noscript>", []),  # a script's text
    ("<noscript><iframe>", []),  # no end tag to read on from
]


@pytest.mark.parametrize(("page", "cut"), _CASES)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["text", "bytes"])
def test_runaways_recorded(page: str, cut: list[str], as_bytes: bool) -> None:
    runaways: list[int] = []
    text: str | bytes = page.encode() if as_bytes else page
    scan_python(text, max_nodes=None, max_depth=None, max_attributes=None, runaways=runaways)
    found = [text[runaways[at] : runaways[at + 1]] for at in range(0, len(runaways), 2)]
    assert found == [piece.encode() if as_bytes else piece for piece in cut]


@pytest.mark.parametrize(
    ("page", "spans", "kept"),
    [
        ("abcdef", [1, 3], "adef"),
        ("abcdef", [0, 1, 4, 6], "bcd"),
        ("abcdef", [], "abcdef"),
    ],
)
def test_without_runaways(page: str, spans: list[int], kept: str) -> None:
    assert without_runaways(page, spans) == kept
    assert without_runaways(page.encode(), spans) == kept.encode()


_ARTICLE = " ".join(
    f"Sentence {i} of the article tells the reader about the river and the old mill by the bridge."
    for i in range(12)
)
_PAGE = (
    "<html><head><title>Mill</title></head><body>"
    f"{_TAG_MANAGER}<nav><a href=/>Home</a> <a href=/a>About</a></nav>"
    f"<article><h1>The old mill</h1><p>{_ARTICLE}</p></article></body></html>"
)


@pytest.mark.parametrize(
    "page", [_PAGE, _PAGE.encode(), _PAGE.encode("utf-16")], ids=["text", "utf-8", "utf-16"]
)
def test_page_after_tag_manager_noscript_comes_out(page: str | bytes) -> None:
    text = extract(page).text
    assert "The old mill" in text
    assert _ARTICLE in text
