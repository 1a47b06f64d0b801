"""Odd and broken input: each gets a well-defined result, never an exception or junk."""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from boilerstrip import Extraction, InputError, annotate, extract

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"

PROSE = "A paragraph of ordinary prose, long enough to be kept, about the harbour and its boats. " * 3

CASES: dict[str, str | bytes] = {
    "empty str": "",
    "empty bytes": b"",
    "whitespace only": " \n\t\r\n  ",
    "plain text without tags": PROSE,
    "NUL bytes": f"<p>{PROSE}\x00{PROSE}</p>",
    "lone surrogates": f"<p>{PROSE}\ud800{PROSE}\udfff</p>",
    "invalid numeric entities": f"<p>{PROSE} &#0; &#xD800; &#x110000; &#99999999999;</p>",
    "xml declaration": '<?xml version="1.0" encoding="utf-8"?><note><to>A</to><body>B</body></note>',
    "rss": "<rss><channel><title>T</title><item><description>D</description></item></channel></rss>",
    "svg": '<svg xmlns="http://www.w3.org/2000/svg"><text x="0" y="0">label</text></svg>',
    "frameset": '<html><frameset cols="50%,50%"><frame src="a.html"><frame src="b.html"></frameset></html>',
    "truncated": f"<html><body><article><h1>Title</h1><p>{PROSE}</p><p>{PROSE[:40]}",
    "unclosed tags": f"<div><div><p>{PROSE}<p>{PROSE}<ul><li>one<li>two",
    "only a comment": "<!-- nothing here -->",
    "utf-16 without a byte-order mark": f'<meta charset="utf-8"><p>{PROSE}</p>'.encode("utf-16-le"),
    "utf-16-be without a byte-order mark": f"<p>{PROSE}</p>".encode("utf-16-be"),
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
    "pdf": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 /Filter /FlateDecode >>\nstream\n"
    + bytes(range(256)) * 4,
    "gzip stream": gzip.compress(f"<p>{PROSE}</p>".encode() * 20, mtime=0),
    # Found by benchmarks/fuzz.py (seed 111739): one content block at probability 0.5 had
    # confidence 0, the confidence of an empty result.
    "fuzz 111739": (
        "<table data-x='>'/><dt><plaintext \">مرحبا بالعالم هذا نص عربي</plaintext><code>the harbour "
        'boats were quiet that morning and nobody came<button a= lang="ar"></button></code>'
        '<!-- \ud800 \udfff -->Ünïcödé ñ ß ø<header><nobr src="http://127.0.0.1:9/x.js" '
        'class="nav menu">\ud800 \udfff</iframe></nobr><mtext role="navigation" "><!-- &amp; '
        "&lt; &#0; &#xD800; &#x110000; &#99999999999; &nbsp &copy --><!-- &amp; &lt; &#0; &#xD800; "
        "&#x110000; &#99999999999; &nbsp &copy --></mtext></header></dt></table>"
    ),
    # A paragraph a table may have closed stays counted by the limits scan, and must leave
    # its bookkeeping when closed (this raised IndexError once).
    "paragraph closed by a table, then a list item": "<ul><li><div><p>x<table></table></div><li>b",
    "control characters": f"<title>T\x07i\x1bt\ud800le</title><p>{PROSE}\x01\x08\x0b\x0c\x7f\x85</p>",
}


@pytest.mark.parametrize("html", list(CASES.values()), ids=list(CASES))
def test_well_defined_result(html: str | bytes) -> None:
    result = extract(html)
    assert isinstance(result, Extraction)
    assert 0.0 <= result.confidence <= 1.0
    assert (result.confidence == 0.0) == (not result.content_blocks)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in result.text)
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in result.text)


@pytest.mark.parametrize(
    "name",
    [
        "truncated",
        "unclosed tags",
        "NUL bytes",
        "invalid numeric entities",
        "utf-16 without a byte-order mark",
        "utf-16-be without a byte-order mark",
    ],
)
def test_broken_markup_keeps_its_prose(name: str) -> None:
    assert "ordinary prose, long enough to be kept" in extract(CASES[name]).text


@pytest.mark.parametrize(
    "name", ["empty str", "empty bytes", "whitespace only", "frameset", "only a comment"]
)
def test_nothing_to_extract_gives_an_empty_result(name: str) -> None:
    result = extract(CASES[name])
    assert (result.text, result.confidence) == ("", 0.0)


def test_binary_input_gives_an_empty_result() -> None:
    for name in ("png", "pdf", "gzip stream"):
        result = extract(CASES[name])
        assert (result.text, result.confidence, result.blocks) == ("", 0.0, ()), name


def test_no_control_characters_in_any_output_text() -> None:
    result = extract(CASES["control characters"])
    for text in (result.title, *(b.text for b in result.blocks)):
        assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0 for c in text)
        assert not any(0xD800 <= ord(c) <= 0xDFFF for c in text)
    assert result.title == "T i tle"  # controls become spaces, the lone surrogate goes


# -- the HTTP Content-Type header ------------------------------------------------------
LATIN1 = f"<p>{PROSE} Café, naïve, Øresund.</p>".encode("latin-1")


def test_header_charset_decodes_the_bytes() -> None:
    assert "Café, naïve, Øresund" in extract(LATIN1, content_type="text/html; charset=iso-8859-1").text


def test_header_charset_wins_over_meta() -> None:
    page = b'<meta charset="utf-8">' + f"<p>{PROSE} Кириллица.</p>".encode("koi8-r")
    assert "Кириллица" in extract(page, content_type="text/html; charset=KOI8-R").text
    assert "Кириллица" not in extract(page).text


def test_byte_order_mark_wins_over_header() -> None:
    page = "\ufeff" + f"<p>{PROSE} Café.</p>"
    text = extract(page.encode("utf-16"), content_type="text/html; charset=iso-8859-1").text
    assert "Café" in text


def test_header_declaring_latin1_for_utf8_bytes_is_read_as_utf8() -> None:
    page = f"<p>{PROSE} Café.</p>".encode()
    assert "Café" in extract(page, content_type="text/html; charset=latin-1").text


@pytest.mark.parametrize("header", ["text/html; charset=no-such-charset", "text/html; charset=", "text/html"])
def test_unknown_header_charset_falls_back_to_detection(header: str) -> None:
    assert "Café" in extract(f"<p>{PROSE} Café.</p>".encode(), content_type=header).text


@pytest.mark.parametrize("header", ["image/png", "application/pdf", "application/octet-stream", "video/mp4"])
def test_non_text_content_type_gives_an_empty_result(header: str) -> None:
    result = extract(f"<p>{PROSE}</p>", content_type=header)
    assert (result.text, result.confidence) == ("", 0.0)


@pytest.mark.parametrize("header", ["text/html", "application/xhtml+xml", "text/plain", ""])
def test_text_content_types_are_extracted(header: str) -> None:
    assert "ordinary prose" in extract(f"<p>{PROSE}</p>", content_type=header).text


# -- pages already parsed ------------------------------------------------------------
PAGE = f"<html><head><title>T</title></head><body><nav><a href='/'>Home</a></nav><p>{PROSE}</p></body></html>"


def test_lexbor_tree_gives_the_same_result_and_is_not_modified() -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(PAGE)
    before = tree.html
    assert extract(tree) == extract(PAGE)
    assert tree.html == before


@pytest.mark.parametrize("kind", ["element", "tree"])
def test_lxml_tree_gives_the_same_text_and_is_not_modified(kind: str) -> None:
    import lxml.html
    from lxml import etree

    element = lxml.html.fromstring(PAGE)
    page = element if kind == "element" else element.getroottree()
    before = etree.tostring(page)
    assert extract(page).text == extract(PAGE).text
    assert etree.tostring(page) == before


def test_lxml_is_imported_only_when_needed() -> None:
    import subprocess
    import sys

    code = "import sys, boilerstrip; boilerstrip.extract('<p>x</p>'); print('lxml' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout == "False\n"


@pytest.mark.parametrize("value", [12, None, ["<p>x</p>"], object()], ids=repr)
def test_other_inputs_are_a_typed_error(value: object) -> None:
    with pytest.raises(InputError):
        extract(value)


@pytest.mark.parametrize("function", [extract, annotate], ids=["extract", "annotate"])
@pytest.mark.parametrize("url", [5, b"https://example.org/", ["https://example.org/"]], ids=repr)
def test_a_url_not_a_str_is_a_typed_error(function: Callable[..., object], url: object) -> None:
    """Both builds alike: the pure one read any url through, the compiled chain raised TypeError."""
    with pytest.raises(InputError, match="url must be str or None"):
        function("<p>Hello there, a page of a few words.</p>", url=url)


@pytest.mark.parametrize(
    ("url", "recorded"),
    [
        ("https://example.org/\udcff/p", "https://example.org/\ufffd/p"),
        ("\ud800caf\u00e9", "\ufffdcaf\u00e9"),
    ],
    ids=["escaped-byte", "lone-high"],
)
def test_a_url_with_lone_surrogates_is_recorded_writable(url: str, recorded: str) -> None:
    """A file name's undecodable bytes (the command line's default url) or a JSON string's
    escape: the result, its JSON and the canonical URL resolved against it stay UTF-8."""
    page = '<link rel="canonical" href="c.html"><p>Hello there, a page of a few words.</p>'
    result = extract(page, url=url)
    assert result.url == recorded
    result.to_json().encode("utf-8")
    result.metadata.canonical_url.value.encode("utf-8")


# -- security -------------------------------------------------------------------------
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body><p>&e;</p></body></html>'
LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
    + "]><html><body><p>&lol9;</p></body></html>"
)


def test_external_entities_are_not_resolved() -> None:
    result = extract(XXE)
    assert "root:" not in result.text and "root:" not in str(result.blocks)


def test_entity_expansion_does_not_blow_up() -> None:
    began = time.perf_counter()
    result = extract(LAUGHS)
    assert time.perf_counter() - began < 5 and len(result.text) < 1_000


def test_xxe_in_an_lxml_tree_parsed_safely_stays_unresolved() -> None:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    tree = etree.fromstring(XXE.encode(), parser)
    assert "root:" not in extract(tree).text


PAGE_WITH_RESOURCES = (
    '<html><head><link rel="stylesheet" href="http://127.0.0.1:9/a.css">'
    '<script src="http://127.0.0.1:9/a.js"></script><base href="http://127.0.0.1:9/"></head>'
    f'<body><img src="http://127.0.0.1:9/a.png"><iframe src="http://127.0.0.1:9/"></iframe>'
    f'<object data="http://127.0.0.1:9/a.swf"></object><p>{PROSE}</p>'
    '<script>fetch("http://127.0.0.1:9/")</script></body></html>'
)


def test_nothing_in_a_page_is_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("extract() opened a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    import lxml.html

    tree = lxml.html.fromstring(PAGE_WITH_RESOURCES)
    for page in (PAGE_WITH_RESOURCES, PAGE_WITH_RESOURCES.encode(), tree):
        assert "ordinary prose" in extract(page).text


# -- regression cases ----------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(HOSTILE.iterdir()), ids=lambda p: p.name)
def test_hostile_fixture(path: Path) -> None:
    began = time.perf_counter()
    result = extract(path.read_bytes())
    assert time.perf_counter() - began < 10
    assert isinstance(result, Extraction) and 0.0 <= result.confidence <= 1.0
    assert (result.confidence == 0.0) == (not result.content_blocks)
    assert not any(ord(c) < 32 and c not in "\n\t" for c in result.text)
