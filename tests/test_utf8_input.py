"""Bytes that are valid UTF-8 go to the parser as they are (_parse.utf8_body, _parse.Utf8Page,
_input.utf8_page): the limits scan reads the bytes, no str of the page's characters
is made, and extract() gives what it gives for the text decode() makes of them."""

from __future__ import annotations

import codecs
import sys
import tracemalloc
from pathlib import Path

import pytest

from boilerstrip import Options, _bodies, _limits, extract
from boilerstrip._parse import Utf8, Utf8Page, decode, looks_binary, utf8_body, utf8_head
from chain import at_each_clock_read, chain_in_use

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))[:6]
CHUNK = 16_384  # _parse._CHECK_BYTES
WIDE = "\U0001f600"  # outside the BMP: a str holding it takes 4 bytes a character

# (bytes, charset given, whether decode() reads them as valid UTF-8)
BODIES = {
    "ascii": (b"<p>plain</p>", None, True),
    "accents": ("<p>caf\u00e9 \u4e2d</p>".encode(), None, True),
    "emoji": (f"<p>{WIDE}</p>".encode(), None, True),
    "emoji across a piece": (b"x" * (CHUNK - 2) + WIDE.encode() + b"<p>y</p>", None, True),
    "bad byte past a piece": (b"x" * (CHUNK + 5) + b"\xff<p>y</p>", None, False),
    "cut character at the end": ("<p>\u00e9".encode()[:-1], None, False),
    "utf-8 bom": (codecs.BOM_UTF8 + "<p>\u00e9</p>".encode(), None, True),
    "utf-16 bom": (codecs.BOM_UTF16_LE + "<p>x</p>".encode("utf-16-le"), None, False),
    "utf-16 without bom": (("<p>text</p>" * 20).encode("utf-16-le"), None, False),
    "charset header, valid utf-8": ("<p>\u00e9</p>".encode(), "iso-8859-2", True),
    "charset header": ("<p>\u00e9</p>".encode("iso-8859-2"), "iso-8859-2", False),
    "charset header, ascii": (b"<p>e</p>", "iso-8859-2", True),
    "utf-7 header, ascii": (b"<p>a+AOk-</p>", "utf-7", False),
    "utf-8 header": ("<p>\u00e9</p>".encode(), "utf-8", True),
    "latin-1 meta, valid utf-8": ('<meta charset="latin-1"><p>\u00e9'.encode(), None, True),
    "shift_jis meta, valid utf-8": ('<meta charset="shift_jis"><p>\u00e9'.encode(), None, True),
    "shift_jis meta": ('<meta charset="shift_jis"><p>\u65e5'.encode("shift_jis"), None, False),
    "windows-1252": ("<p>caf\u00e9</p>".encode("cp1252"), None, False),
    "surrogate": (b"<p>\xed\xa0\x80</p>", None, False),
}


@pytest.mark.parametrize("name", sorted(BODIES))
def test_utf8_body_is_what_decode_reads_as_utf8(name: str) -> None:
    data, charset, valid = BODIES[name]
    body = utf8_body(data, charset)
    assert (body is not None) is valid
    if body is not None:
        assert body.decode("utf-8") == decode(data, charset)


@pytest.mark.parametrize("name", sorted(name for name, (_, _, valid) in BODIES.items() if valid))
def test_the_head_is_the_texts(name: str) -> None:
    data, charset, _ = BODIES[name]
    body = utf8_body(data, charset)
    assert body is not None
    page = Utf8Page(body)
    text = decode(data, charset)
    for chars in (1, 3, 8, CHUNK):
        assert utf8_head(page, chars) == text[:chars]
    for min_odd in (1, 2):
        assert looks_binary(page, min_odd) is looks_binary(text, min_odd)


def _without(page: str | Utf8Page, min_chars: int | None) -> str:
    text = page.data if isinstance(page, Utf8Page) else page
    bodies: list[int] = []
    _limits.scan(text, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    result = _bodies.without_bodies(page, bodies, min_chars)
    return result.data.decode("utf-8") if isinstance(result, Utf8) else result


MINIMUM = Options().drop_raw_text_min_chars or 0


# Scripts of characters of 1, 2 and 4 bytes, under and over the minimum in characters: the
# minimum counts characters, not bytes.
@pytest.mark.parametrize("char", ["a", "\u00e9", WIDE])
@pytest.mark.parametrize("size", [10, MINIMUM // 2 + 1, MINIMUM - 1, MINIMUM])
@pytest.mark.parametrize("min_chars", [0, MINIMUM, None])
def test_bodies_go_as_from_the_text(char: str, size: int, min_chars: int | None) -> None:
    text = f"<p>{WIDE}</p><script>{char * size}</script><style>\u00e9</style><p>x"
    data = text.encode()
    page = Utf8Page(data)
    assert _without(page, min_chars) == _without(text, min_chars)


def _scripted(name: str) -> str:
    """A fixture page with an emoji and a script of wide characters past the minimum."""
    html = (FIXTURES / name).read_text(encoding="utf-8")
    script = "<script>var s = '" + "\u00e9\u4e2d" * (MINIMUM // 2 + 10) + "';</script>"
    return html.replace("<body", f"<!-- {WIDE} -->{script}<body", 1)


OPTIONS = {
    "default": Options(time_budget=None),
    "cut by the node limit": Options(time_budget=None, max_nodes=40),
    "cut by max_input_chars": Options(time_budget=None, max_input_chars=5_000),
    "bodies always kept": Options(time_budget=None, drop_raw_text_min_chars=None),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("options", sorted(OPTIONS))
@pytest.mark.parametrize("scripted", [False, True])
def test_extract_of_bytes_is_extract_of_their_text(page: str, options: str, scripted: bool) -> None:
    html = _scripted(page) if scripted else (FIXTURES / page).read_text(encoding="utf-8")
    data = html.encode()
    assert utf8_body(data) is data
    given = OPTIONS[options]
    assert extract(data, options=given).to_dict() == extract(decode(data), options=given).to_dict()


@pytest.mark.parametrize(
    "data",
    [
        ("<p>caf\u00e9 " * 50).encode("cp1252"),  # not UTF-8: the text path
        codecs.BOM_UTF8 + ("<p>caf\u00e9 " * 50).encode(),
        bytes(range(256)) * 40,  # binary
    ],
)
def test_other_bytes_as_their_text(data: bytes) -> None:
    assert extract(data).to_dict() == extract(decode(data)).to_dict()


def test_no_str_of_the_page_is_made() -> None:
    """A page of scripts with one emoji: its text would be a str of 4 bytes a character (4.6 MB
    here), then encoded again; its bytes are scanned as they are, and the script's text is
    dropped before the parse."""
    page = "<html><head><title>t</title><script>" + "var a = 'x';\n" * 80_000 + "</script></head><body>"
    page += f"<p>Some words {WIDE} of a paragraph, long enough to keep.</p>" * 2_000 + "</body></html>"
    data = page.encode()
    options = Options(time_budget=None)
    extract(b"<p>warm</p>", options=options)
    tracemalloc.start()
    try:
        extract(data, options=options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * len(data)  # 2.8x; the text path: 5.0x


# Text the parser gets whole (nothing dropped): not ASCII, as UTF-8 made piece by piece (the
# parser's own encoder asked for 4 bytes a character at once); ASCII, or holding a lone
# surrogate (which UTF-8 cannot hold), as the text itself.
@pytest.mark.parametrize(
    ("text", "as_utf8"),
    [
        ("<p>plain</p><script>x</script>", False),
        ("<p>caf\u00e9</p><script>x</script>", True),
        (f"<p>{WIDE}</p>" * 20_000 + "<script>x</script>", True),  # several pieces
        ("<p>\u00e9\ud800</p><script>x</script>", False),
    ],
)
@pytest.mark.parametrize("min_chars", [MINIMUM, None])
def test_whole_text_for_the_parser(text: str, as_utf8: bool, min_chars: int | None) -> None:
    bodies: list[int] = []
    _limits.scan(text, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    result = _bodies.without_bodies(text, bodies, min_chars)
    if as_utf8:
        assert isinstance(result, Utf8)
        assert result.data == text.encode("utf-8")
    else:
        assert result is text


@pytest.mark.parametrize(
    "given",
    [f"<p>caf\u00e9 {WIDE}</p>" * 500, f"<p>caf\u00e9 {WIDE}</p>".encode() * 500, b"<p>plain</p>" * 500],
)
def test_the_parse_holds_the_only_reference(monkeypatch: pytest.MonkeyPatch, given: str | bytes) -> None:
    """extract() hands what it made for the parser (the UTF-8 of a text not ASCII, a
    crawler's bytes) to measure() and keeps no reference of its own, so that it is released
    once parsed, not held to the end of the extraction."""
    chain = chain_in_use(monkeypatch)
    parse, counts = chain.parse, []

    def counting(text: str | Utf8, *, apart: bool = False) -> object:
        counts.append(sys.getrefcount(text))
        return parse(text, apart=apart)

    monkeypatch.setattr(chain, "parse", counting)
    extract(given)
    # getrefcount's argument, counting()'s parameter, measure_held()'s local; and on 3.10 the
    # caller's stack's (its calls copy their arguments into the callee's frame; 3.11's move them).
    assert counts == [3 if sys.version_info >= (3, 11) else 4]


@pytest.mark.parametrize(
    "given", [f"<p>caf\u00e9 {WIDE}</p>" * 500, "<p>caf\u00e9</p>".encode("latin-1") * 500]
)
def test_what_was_made_for_the_parse_is_gone(monkeypatch: pytest.MonkeyPatch, given: str | bytes) -> None:
    """The same, seen from outside the chain, compiled or not (a compiled call's arguments stay
    its caller's until it returns): at every look at the clock after the time budget's start,
    no object of the size of the page's text or UTF-8 is alive (the UTF-8 of a text not ASCII;
    the text of bytes not UTF-8 and its UTF-8), told apart by their sizes from the chunks of
    Lexbor's tree, which selectolax takes from Python's allocator too."""
    text = given if isinstance(given, str) else given.decode("cp1252")
    sizes = {sys.getsizeof(text), sys.getsizeof(text.encode())}  # as tracemalloc counts them

    def copies() -> int:
        return sum(1 for t in tracemalloc.take_snapshot().traces if t.size in sizes)

    seen = at_each_clock_read(monkeypatch, copies)
    tracemalloc.start()
    try:
        extract(given, options=Options(time_budget=3600.0))
    finally:
        tracemalloc.stop()
    assert len(seen) >= 4 and seen[1:] == [0] * (len(seen) - 1)  # the first: before it was made
