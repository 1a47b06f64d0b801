"""The compiled build's C helpers of the page's text before the parse (_cscan_text.c's
``utf8_spans``, ``holds_frameset`` and ``odd_characters``) give exactly what their Python
references give (_bodies._utf8_python, _bodies._has_frameset_python, _parse._looks_binary_python),
in each kind of str, at every place of their vector steps. Where the compiled build is not
installed the extension is built here with the C compiler (the tests skip without one)."""

from __future__ import annotations

from types import ModuleType

import pytest

from boilerstrip import _bodies, _parse
from boilerstrip._parse import Utf8Page

_KINDS = ("", "\u00e9", "\u0100", "\U0001f600")  # ASCII, Latin-1, two- and four-byte strings
_CHARS = ("a", "<", "\u00e9", "\u00ff", "\u0100", "\u07ff", "\u0800", "\u2019", "\ufffd", "\U00010000")


def _texts(kind: str) -> list[str]:
    """Hand-made texts of one kind: runs of ASCII of every length around the vector steps
    (8 and 16 characters), with a wider character before, inside and after them."""
    texts = [kind, kind + "<p>x</p>", "<p>" + kind * 3 + "</p>"]
    for length in (0, 1, 7, 8, 9, 15, 16, 17, 31, 33):
        run = "".join(chr(0x61 + i % 26) for i in range(length))
        for char in _CHARS:
            texts += [kind + run + char, char + run + kind, kind + run + char + run]
    return texts


@pytest.mark.parametrize("kind", _KINDS)
def test_utf8_spans_is_the_text_encoded(cscan: ModuleType, kind: str) -> None:
    for text in _texts(kind):
        assert cscan.utf8_spans(text, [0, len(text)]) == text.encode("utf-8")
        for spans in ([], [0, 0], [1, len(text) - 1], [0, 2, 3, len(text)], [0, 1, 5, 9, 20, len(text)]):
            keep = sorted(min(max(at, 0), len(text)) for at in spans)
            expected = _bodies._utf8_python(text, keep)
            assert cscan.utf8_spans(text, keep) == (None if expected is None else expected.data)


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize("surrogate", ["\ud800", "\udbff", "\udc00", "\udfff"])
def test_a_lone_surrogate_gives_none_in_a_kept_span(cscan: ModuleType, kind: str, surrogate: str) -> None:
    text = kind + "<p>" + "x" * 20 + surrogate + "y" * 20
    at = text.index(surrogate)
    assert cscan.utf8_spans(text, [0, len(text)]) is None
    assert _bodies._utf8_python(text, [0, len(text)]) is None
    assert cscan.utf8_spans(text, [0, at, at + 1, len(text)]) == (text[:at] + text[at + 1 :]).encode("utf-8")


@pytest.mark.parametrize("keep", [[0], [0, 5], [-1, 2], [3, 2], [0, 1, 0]])
def test_utf8_spans_refuses_spans_outside_the_text(cscan: ModuleType, keep: list[int]) -> None:
    with pytest.raises((ValueError, TypeError)):
        cscan.utf8_spans("abcd", keep)


def test_utf8_spans_takes_a_str_and_a_list(cscan: ModuleType) -> None:
    with pytest.raises(TypeError):
        cscan.utf8_spans(b"abc", [0, 3])
    with pytest.raises(TypeError):
        cscan.utf8_spans("abc", (0, 3))


def test_holds_frameset_folds_as_the_regex_on_every_code_point(cscan: ModuleType) -> None:
    """In each of the name's places, every code point in a str (where re.I reads "\\u017f" as
    "s"), and every byte in bytes."""
    for place in range(1, 9):
        for code in range(0x110000 if place == 6 else 0x800):
            text = "<frameset"[:place] + chr(code) + "<frameset"[place + 1 :]
            assert cscan.holds_frameset(text) is _bodies._has_frameset_python(text), (place, code)
        for byte in range(256):
            data = b"<frameset"[:place] + bytes([byte]) + b"<frameset"[place + 1 :]
            assert cscan.holds_frameset(data) is _bodies._has_frameset_python(data), (place, byte)


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize("name", ["<frameset", "<FrameSet", "<frame\u017fet", "<frame", "frameset"])
def test_holds_frameset_anywhere_in_each_kind(cscan: ModuleType, kind: str, name: str) -> None:
    for text in _texts(kind)[::7]:
        for made in (name + text, text + name, text[:9] + name + text[9:], text + name[:-1]):
            assert cscan.holds_frameset(made) is _bodies._has_frameset_python(made)
            if made.isascii() or "\u017f" not in made:
                data = made.encode("utf-8")
                assert cscan.holds_frameset(data) is _bodies._has_frameset_python(data)


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize("name", ["<frameset", "<FRAMESET", "<frameseT"])
def test_holds_frameset_at_every_place_among_decoys(cscan: ModuleType, kind: str, name: str) -> None:
    """The name at each place of two vector steps, after runs of "<" and "<f" that are not it
    (each a candidate the vector loop stops at), and cut short at the end of the text."""
    decoys = "<f<F<fr<frame><framesex<" + kind
    for place in range(40):
        filler = "".join(decoys[i % len(decoys)] for i in range(place))
        for made in (filler + name + decoys, filler + name, filler + name[:-1], filler + decoys):
            expected = _bodies._has_frameset_python(made)
            assert expected is ("<frameset" in made.lower())
            assert cscan.holds_frameset(made) is expected, (place, made)
            data = made.encode("utf-8")
            assert cscan.holds_frameset(data) is _bodies._has_frameset_python(data), (place, made)


def _odd_python(text: str, chars: int) -> tuple[int, int]:
    """_parse.looks_binary's count of odd characters in the first ``chars`` of ``text``."""
    head = text[:chars]
    data = head.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _parse._BINARY_BYTES)) + head.count("\ufffd"), len(head)


@pytest.mark.parametrize("kind", _KINDS)
def test_odd_characters_counts_as_looks_binary_does(cscan: ModuleType, kind: str) -> None:
    odd_ones = [*map(chr, range(0x00, 0x21)), "\x7f", "\x85", "\ufffd", "\ufffe"]
    for text in _texts(kind)[::5]:
        for char in odd_ones:
            for made in (char + text, text + char, text[:8] + char + text[8:] + char, char * 20 + text):
                for chars in (0, 1, 9, 17, 8192):
                    assert cscan.odd_characters(made, chars) == _odd_python(made, chars)
                    if "\ud800" not in made:
                        assert cscan.odd_characters(made.encode("utf-8"), chars) == _odd_python(made, chars)


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize("share", [0, 1, 4, 5, 6, 50])
def test_looks_binary_at_its_threshold(cscan: ModuleType, kind: str, share: int) -> None:
    """The compiled build's decision (``odd >= 5%`` of the head's characters, and at least
    ``min_odd``) is the reference's, from a str and from UTF-8 bytes, around the threshold
    and past 8 KB."""
    for length in (5, 20, 100, 9000):
        text = (kind + "\x01" * share + "a" * length)[: length + len(kind)]
        for min_odd in (1, 2, 6):
            odd, head = cscan.odd_characters(text, _parse._BINARY_SNIFF)
            binary = head > 0 and odd >= _parse._BINARY_SHARE * head and odd >= min_odd
            assert binary is _parse._looks_binary_python(text, min_odd)
            odd, head = cscan.odd_characters(text.encode("utf-8"), _parse._BINARY_SNIFF)
            page = Utf8Page(text.encode("utf-8"))
            binary = head > 0 and odd >= _parse._BINARY_SHARE * head and odd >= min_odd
            assert binary is _parse._looks_binary_python(page, min_odd)
