"""An input of at most ``Options.tagless_max_chars`` (20) characters holding no tag is no page:
an empty result, as binary data gives. Random junk of that size gave its few characters
(random bytes read as windows-1252, or behind a UTF-16 byte-order mark, are letters as often
as not, and hold too few controls for the binary sniff's share), while a tiny HTML fragment,
a sentence in a tag, still gives its text."""

from __future__ import annotations

import random

import pytest

from boilerstrip import Options, OptionsError, extract

# Tiny pages whose text must stay: a tag makes it HTML, however short.
FRAGMENTS = [
    "<p>Hi</p>",
    "<h1>Hi</h1>",
    "<p>The bridge was rebuilt in 1902.</p>",
    "x<br>y",
    "<p>a\0b cd</p>",
    "<p>Café crème</p>",
    "<p>Привет, мир</p>",
]
SCRAPS = [
    "A",
    "Hello world",
    "\x8a3Gq\xb4",
    "x < y and y > z",  # "<" before a space starts no tag
    "a" * 20,
    b"\xb4\xaa\x98'\xa7",  # random bytes, read as windows-1252: "´ª˜'§"
    b"\xff\xfe" + "\u6f22\u5b57".encode("utf-16-le"),  # behind a UTF-16 byte-order mark
    "Привет, мир",
]


@pytest.mark.parametrize("html", SCRAPS)
@pytest.mark.parametrize("given", ["as given", "as UTF-8 bytes"])
def test_a_short_input_without_a_tag_is_empty(html: str | bytes, given: str) -> None:
    if given == "as UTF-8 bytes" and isinstance(html, str):
        html = html.encode("utf-8")
    result = extract(html)
    assert (result.text, result.blocks, result.confidence) == ("", (), 0.0)
    assert extract(html, options=Options(tagless_max_chars=0)).text != ""  # the rule's doing


@pytest.mark.parametrize("html", FRAGMENTS)
@pytest.mark.parametrize("given", ["str", "utf-8", "windows-1251"])
def test_a_tiny_fragment_with_a_tag_keeps_its_text(html: str, given: str) -> None:
    page = html if given == "str" else html.encode(given, "replace")
    assert extract(page).text == extract(page, options=Options(tagless_max_chars=0)).text != ""


@pytest.mark.parametrize("length", [21, 40, 200])
def test_a_longer_text_without_a_tag_keeps_its_text(length: int) -> None:
    text = ("the harbour and its boats " * 10)[:length].strip()
    assert extract(text).text == text


@pytest.mark.parametrize("length", [1, 2, 5, 8, 13, 20])
def test_random_junk_of_up_to_20_bytes_gives_text_only_through_a_tag(length: int) -> None:
    """Before: of 300 random slices a length, 153-288 gave text at 1-8 bytes, 70 at 20."""
    rng = random.Random(length)
    for _ in range(300):
        data = rng.randbytes(length)
        for html in (data, data.decode("latin-1")):
            if extract(html).text:
                assert b"<" in data, data


@pytest.mark.parametrize("value", [-1, 1.5, None])
def test_the_length_is_an_option(value: object) -> None:
    with pytest.raises(OptionsError):
        Options(tagless_max_chars=value)
