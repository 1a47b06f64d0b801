"""The JSON-LD texts are read by one decoder a page (``_metadata._decoder``), not by one made
per text: the same values as ``json.loads(text, parse_constant=...)``, and a ValueError where
it raises one."""

from __future__ import annotations

import json
from typing import Any

import pytest

from boilerstrip._metadata import _decoder, json_ld_objects


def _old(text: str) -> tuple[str, Any]:
    try:
        return "value", json.loads(text, parse_constant=lambda _: None)
    except (ValueError, RecursionError) as error:
        return "error", type(error).__name__


def _new(text: str) -> tuple[str, Any]:
    try:
        return "value", _decoder()(text)
    except (ValueError, RecursionError) as error:
        return "error", type(error).__name__


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ('{"a": NaN, "b": [1, 2.5, -Infinity, Infinity]}', True),
        ('{"@type": "Article", "headline": "A \\u00e9t\\u00e9"}', True),
        ('{"a": 1}\t\n\r ', True),  # json's own whitespace after the document
        ('"just a string"', True),
        ("1e400", True),
        ('{"k": 12345678901234567890}', True),
        ("", False),
        (" ", False),
        ('{"a": 1} trailing', False),
        ('{"a": 1}\xa0', False),  # whitespace json does not skip
        ('\ufeff{"a": 1}', False),  # json.loads refuses a BOM
        ("[1, 2", False),
        ('{"a": 1}{"b": 2}', False),
        ('{"x": "a\nb"}', False),  # a control character in a string (strict)
        ("nul", False),
        ("[" * 100_000, False),  # nested beyond the parser's reach
    ],
)
def test_decoder_reads_as_json_loads(text: str, valid: bool) -> None:
    expected = _old(text)
    got = _new(text)
    assert (expected[0] == "value") is valid
    assert got[0] == expected[0]
    if valid:
        assert got[1] == expected[1]
        assert json.dumps(got[1]) == json.dumps(expected[1])  # the same types (int, float)


@pytest.mark.parametrize(
    ("texts", "count"),
    [
        (['{"@type": "Article", "headline": "t"}', "not json", ' [{"a": 1}, {"b": NaN}] ;'], 3),
        (['{"@graph": [{"@type": "Person"}, {"@type": "WebPage"}]}'], 3),
        (["\ufeff{}", "{} x"], 0),
    ],
)
def test_json_ld_objects_skip_bad_texts(texts: list[str], count: int) -> None:
    assert len(json_ld_objects(texts)) == count
