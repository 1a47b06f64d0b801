"""Odd and broken input: each gets a well-defined result, never an exception or junk."""

from __future__ import annotations

import pytest

from boilerstrip import Extraction, extract

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
