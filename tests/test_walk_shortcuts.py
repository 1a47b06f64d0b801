"""Shortcuts of the walk and of the input checks change no output: whitespace-only text
counted only where it counts (inside ``<pre>``), and the binary sniff's control characters
counted in the text's UTF-8 rather than by a regex; enum members read per block as
module constants."""

from __future__ import annotations

import importlib
import re

import pytest

from boilerstrip import _assemble
from boilerstrip._model import Label, Role
from boilerstrip._options import DEFAULT_OPTIONS
from boilerstrip._parse import _BINARY_SHARE, _BINARY_SNIFF, body_of, looks_binary, parse
from boilerstrip._segment import segment

# The sniff's characters as a plain regex: the reference for the byte count.
_ODD = re.compile("[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\ufffd]")


def _plain_looks_binary(text: str) -> bool:
    head = text[:_BINARY_SNIFF]
    odd = len(_ODD.findall(head))
    return bool(head) and odd >= _BINARY_SHARE * len(head) and odd >= DEFAULT_OPTIONS.binary_min_odd_chars


@pytest.mark.parametrize(
    "text",
    [
        "",
        "<p>plain ASCII</p>" * 10,
        "\x00" * 5 + "a" * 95,  # exactly 5%: binary
        "\x00" * 4 + "a" * 96,  # under 5%
        "\ufffd" * 5 + "é" * 95,  # U+FFFD counts, two-byte characters do not
        "\ud800" * 50 + "\x01" * 4 + "a" * 46,  # lone surrogates are neither
        "\x1b[31m" * 30,  # escape is left out
        "\t\n\r\x0c" * 50,  # whitespace controls are text
        "\x0b\x1c\x1f\x0e\x1a" * 3 + "日本語" * 100,
        "\U0001f600\x07" * 10,  # a four-byte character beside a bell
        "a" * 8190 + "\x00" * 400,  # past the sniff's 8 KB: not read
        "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)[:20000],
    ],
)
def test_the_binary_sniff_counts_as_the_regex_does(text: str) -> None:
    assert looks_binary(text, DEFAULT_OPTIONS.binary_min_odd_chars) is _plain_looks_binary(text)


@pytest.mark.parametrize(
    ("html", "chars", "link_chars"),
    [
        # Outside <pre> a whitespace-only text node counts nothing, in a link or not.
        ("<body><div><p>ab</p> <a href='/x'> </a>\n<p>cd</p></div></body>", 4, 0),
        ("<body><div><a href='/x'>ab <b> </b>c</a></div></body>", 3, 3),
        # Inside <pre> every character counts, whitespace-only nodes too.
        ("<body><div><pre>ab<b>  </b>\n<a href='/x'> \t</a>c</pre></div></body>", 8, 2),
        ("<body><div><pre><a href='/x'>   </a></pre></div></body>", 3, 3),
    ],
)
def test_whitespace_text_counts_only_inside_pre(html: str, chars: int, link_chars: int) -> None:
    seg = segment(body_of(parse(html)))
    div = next(e for e in seg.elements if e.tag == "div")
    assert (div.chars, div.link_chars) == (chars, link_chars)


@pytest.mark.parametrize(
    ("alias", "member"),
    [
        ("_segment_blocks._PARAGRAPH", Role.PARAGRAPH),
        ("_segment_blocks._TABLE_CELL", Role.TABLE_CELL),
        ("_segment_blocks._HEADING", Role.HEADING),
        ("_assemble._CONTENT", Label.CONTENT),
        ("_assemble._HEADING", Role.HEADING),
        ("_page_frame._CONTENT", Label.CONTENT),
    ],
)
def test_enum_members_read_as_constants_are_the_members(alias: str, member: object) -> None:
    module, name = alias.split(".")
    assert getattr(importlib.import_module(f"boilerstrip.{module}"), name) is member


def test_layout_keeps_list_items_and_table_rows_one_per_line() -> None:
    assert _assemble._LINED == (Role.LIST_ITEM, Role.TABLE_CELL, Role.TABLE_ROW)
