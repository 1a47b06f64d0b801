"""How bytes are read (_parse.decode, _parse.utf8_body, _extract.prepare_input): byte-order
mark, then UTF-8 where the bytes are valid UTF-8 outside ASCII, then the header's charset,
then a meta charset, then windows-1252; labels as the WHATWG Encoding Standard reads them."""

from __future__ import annotations

import codecs

import pytest

from boilerstrip import Options, extract
from boilerstrip._parse import decode, utf8_body

PROSE = "Ру́сский текст, 中文 und café: a paragraph long enough to be kept as the page's content. " * 3


def _page(meta: str = "", body: str = PROSE) -> str:
    head = f'<meta charset="{meta}">' if meta else ""
    return f"<html><head>{head}<title>t</title></head><body><article><p>{body}</p></article></body></html>"


def _as(
    encoding: str, meta: str = "", body: str = PROSE, charset: str | None = None
) -> tuple[bytes, str | None, str]:
    """A page in ``encoding``, declaring ``meta``, sent with ``charset``; and its text."""
    return _page(meta, body).encode(encoding), charset, _page(meta, body)


# (bytes, Content-Type charset, the text decode() gives)
CASES = {
    # 1. A byte-order mark wins over everything.
    "bom utf-8 over a header": (codecs.BOM_UTF8 + _page().encode(), "windows-1251", _page()),
    "bom utf-16 over a meta": (
        codecs.BOM_UTF16_LE + _page("gb2312").encode("utf-16-le"),
        None,
        _page("gb2312"),
    ),
    # 2. Valid UTF-8 outside ASCII wins over a declaration, in a header or a meta tag.
    "utf-8 under a windows-1251 header": _as("utf-8", charset="windows-1251"),
    "utf-8 under a gb2312 meta": _as("utf-8", "gb2312"),
    "utf-8 under a windows-1251 meta": _as("utf-8", "windows-1251"),
    "utf-8 under an iso-8859-2 meta": _as("utf-8", "iso-8859-2"),
    "utf-8 under an iso-2022-jp meta": _as("utf-8", "iso-2022-jp"),
    # 3. A header's charset, when the bytes are not valid UTF-8; over a meta tag.
    "windows-1251 header": _as("cp1251", body="Русский", charset="windows-1251"),
    "header over meta": _as("cp1251", "iso-8859-2", "Русский", "windows-1251"),
    # ASCII bytes are read as declared: the same text, but in UTF-7 or ISO-2022.
    "ascii under a utf-7 header": (b"<p>a+AOk-b</p>", "utf-7", "<p>a\u00e9b</p>"),
    "ascii under an iso-2022-jp header": _as("iso-2022-jp", body="日本", charset="iso-2022-jp"),
    # 4. A meta charset, when the bytes are not valid UTF-8.
    "gb2312 meta": _as("gb2312", "gb2312", "中文"),
    "windows-1251 meta": _as("cp1251", "windows-1251", "Русский"),
    "iso-2022-jp meta, ascii": _as("iso-2022-jp", "iso-2022-jp", "日本"),
    # Labels as browsers read them: iso-8859-1 is windows-1252, gb2312 is GB18030, a meta's
    # UTF-16 is UTF-8, x-user-defined is windows-1252.
    "iso-8859-1 is windows-1252": _as("cp1252", "iso-8859-1", "\u201cq\u201d café"),
    "iso-8859-1 header is windows-1252": _as("cp1252", body="\u2013 café", charset="ISO-8859-1"),
    "gb2312 is gb18030": _as("gb18030", "gb2312", "中文 €"),
    "utf-16 meta is utf-8": _as("utf-8", "utf-16"),
    "utf-16 meta, bad utf-8": (
        b'<meta charset="utf-16"><p>\xff ok',
        None,
        '<meta charset="utf-16"><p>\ufffd ok',
    ),
    "x-user-defined": _as("cp1252", "x-user-defined", "\u20ac café"),
    # 5. Neither: valid UTF-8, else windows-1252.
    "undeclared utf-8": _as("utf-8"),
    "undeclared windows-1252": _as("cp1252", body="caf\u00e9 \u2019"),
    "unknown label": _as("cp1252", "no-such-codec", "caf\u00e9"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_decode_order(name: str) -> None:
    data, charset, text = CASES[name]
    assert decode(data, charset) == text


@pytest.mark.parametrize("name", sorted(CASES))
def test_utf8_body_agrees_with_decode(name: str) -> None:
    data, charset, text = CASES[name]
    body = utf8_body(data, charset)
    if body is not None:
        assert body.decode("utf-8") == text


@pytest.mark.parametrize("name", sorted(CASES))
def test_extract_of_bytes_is_extract_of_their_text(name: str) -> None:
    data, charset, _ = CASES[name]
    content_type = None if charset is None else f"text/html; charset={charset}"
    given = extract(data, content_type=content_type, options=Options(time_budget=None))
    assert given == extract(decode(data, charset), options=Options(time_budget=None))


@pytest.mark.parametrize("meta", ["gb2312", "windows-1251", "iso-8859-15", "windows-1256"])
def test_a_utf8_page_under_a_wrong_meta_keeps_its_text(meta: str) -> None:
    result = extract(_page(meta).encode(), options=Options(time_budget=None))
    assert "中文 und café" in result.text


@pytest.mark.parametrize("char", ["é", "中", "\U0001f600"])
@pytest.mark.parametrize("shift", [0, 1, 2, 3])
def test_bytes_cut_inside_a_character_stay_utf8(char: str, shift: int) -> None:
    # The page is cut at 4 x max_input_chars bytes, which may fall inside a character:
    # the cut moves to the character's start, and the page is still read as UTF-8.
    limit = 200
    data = ("<p>" + "x" * shift + char * limit + "</p>").encode()
    result = extract(data, options=Options(time_budget=None, max_input_chars=limit))
    assert result.truncated
    assert "\ufffd" not in result.text
    assert char in result.text
    assert set(result.text) <= {"x", char}
