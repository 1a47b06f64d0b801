"""The binary sniff on short inputs: one stray control character or U+FFFD in a short text
is no image, while binary data (PNG, gzip, PDF, random bytes) stays an empty result."""

from __future__ import annotations

import gzip
import random
import struct
import zlib

import pytest

from boilerstrip import Options, extract
from boilerstrip._parse import _BINARY_BYTES, _BINARY_SHARE, looks_binary


def _png() -> bytes:
    """A real 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = chunk(b"IDAT", zlib.compress(b"\0\0\0\0"))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + pixels + chunk(b"IEND", b"")


_PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 44 /Filter /FlateDecode >>\nstream\n"
    + zlib.compress(b"BT /F1 12 Tf 72 712 Td (A page of a PDF) Tj ET")
    + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
BINARY: dict[str, bytes] = {
    "png": _png(),
    "gzip of nothing": gzip.compress(b"", mtime=0),
    "gzip of a page": gzip.compress(b"<p>ab cd</p>", mtime=0),
    "pdf": _PDF,
}


@pytest.mark.parametrize(
    "html",
    [
        "<p>a\0b cd</p>",
        "<p>caf\ufffd ok</p>",  # one byte of another encoding, decoded with U+FFFD
        "<p>a\x07b cd</p>",
        b"<p>a\0b cd</p>",
        b"<p>caf\xe9 \x00ok</p>",  # bytes of another encoding than UTF-8
        "<p>" + "b" * 13 + "\x01</p>",  # 20 characters: 5% of them is one
    ],
)
def test_one_odd_character_in_a_short_text_is_not_binary(html: str | bytes) -> None:
    """One NUL in '<p>a\\0b cd</p>' (14 characters, 7%) made the page binary: an empty text
    where '<p>ab cd</p>' keeps its words."""
    assert extract(html).text != ""
    clean = html.replace("\0", "").replace("\x07", "").replace("\x01", "") if isinstance(html, str) else html
    assert extract(html).text.split() == extract(clean).text.split()


@pytest.mark.parametrize("html", ["<p>a\0b\0</p>", "\0\0", "<p>" + "b" * 13 + "\x01\x01</p>"])
def test_two_odd_characters_in_a_short_text_are_binary(html: str) -> None:
    assert looks_binary(html, Options().binary_min_odd_chars)
    assert extract(html).text == ""


@pytest.mark.parametrize("name", sorted(BINARY))
@pytest.mark.parametrize("given", ["bytes", "latin-1 text"])
def test_binary_data_stays_empty(name: str, given: str) -> None:
    data = BINARY[name]
    result = extract(data if given == "bytes" else data.decode("latin-1"))
    assert (result.text, result.blocks) == ("", ())


def _old_sniff(data: bytes) -> bool:
    """The rule before binary_min_odd_chars: 5% of the head, however few that is."""
    head = data[:8192]
    odd = len(head) - len(head.translate(None, _BINARY_BYTES))
    return bool(head) and odd >= _BINARY_SHARE * len(head)


@pytest.mark.parametrize("length", [1, 2, 8, 20, 21, 40, 100, 512, 8192, 20000])
def test_random_bytes_are_sniffed_as_before_but_for_one_odd_byte_in_20(length: int) -> None:
    """Random bytes (a /dev/urandom slice): from 21 bytes, the sniff's answer is the old one
    (5% is then more than one byte); at most 20, only a slice with one odd byte alone
    changes. From 512 bytes every slice is binary: an empty text."""
    rng = random.Random(length)
    for _ in range(40):
        data = rng.randbytes(length)
        odd = len(data) - len(data.translate(None, _BINARY_BYTES))
        # latin-1 keeps each byte a character: the sniff counts the bytes' controls alone
        now = looks_binary(data.decode("latin-1"), Options().binary_min_odd_chars)
        assert now is (_old_sniff(data) and not (length <= 20 and odd == 1))
        if length >= 512:
            assert now and extract(data).text == ""


def test_the_minimum_is_an_option() -> None:
    assert extract("<p>a\0b cd</p>", options=Options(binary_min_odd_chars=1)).text == ""
    assert extract("<p>a\0\0b cd</p>", options=Options(binary_min_odd_chars=3)).text != ""
