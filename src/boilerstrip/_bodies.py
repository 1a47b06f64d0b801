"""The raw text of scripts and style sheets, and inline svg bodies, dropped before the parse.

:func:`_limits.scan` records where each ``<script>`` and ``<style>`` starts and ends; no
stage reads their text, and Lexbor keeps each as a text node (with its own copy), the peak
of a big page's memory. It records the bodies of the inline svg elements that nothing reads
too (_svg_bodies): Lexbor builds a node of each path and group. :func:`without_bodies`
gives the parser the page without them, as the UTF-8 it reads, made piece by piece (never
a whole-page str and its encoder's buffer).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final, cast

from ._compiled import c_module
from ._parse import Utf8, Utf8Page

_FRAMESET = re.compile("<frameset", re.I)
_FRAMESET_BYTES = re.compile(b"<frameset", re.I)  # (?i) folds no Latin-1 letter to these


def without_bodies(page: str | Utf8Page, bodies: list[int], min_chars: int | None) -> str | Utf8:
    """The page without the raw text of the scripts and style sheets ``scan(bodies=...)``
    recorded, and the svg bodies it recorded (_svg_bodies), which no stage reads: Lexbor
    keeps each script as a text node (with its own copy of the page, about 2.4 times their
    size on the largest dev pages, where they make up to 95% of the page), the peak of a big
    page's memory. The scan records only what may go (:func:`droppable`: not JSON, as
    JSON-LD is read; no ``<!--``, where an end tag may not end a script); every body is kept on a
    frameset page (whose scripts the parser ignores: their text is read as markup). The page
    itself when fewer than ``min_chars`` characters would go (None: always).

    The rest is given as the UTF-8 that Lexbor reads, the kept spans encoded into one
    buffer (:func:`_utf8`): the whole text made again as a str, then encoded, took twice or
    three times as much at once (a str of the page's widest character, and the encoder's
    buffer for the worst case). A :class:`Utf8Page` was scanned in its bytes, one character
    a byte: its offsets are the bytes', and its pieces are sliced from them."""
    text = page.data if isinstance(page, Utf8Page) else page
    if min_chars is None:
        return _whole(page)
    keep = [0, *bodies]  # the page's spans kept: keep[0]:keep[1], keep[2]:keep[3], ...
    dropped = 0
    for at in range(1, len(keep), 2):
        dropped += keep[at + 1] - keep[at]
    # Bytes: their characters counted where it matters (a character takes 1 to 4 bytes), so
    # that a big script is not copied to be counted.
    if isinstance(page, Utf8Page) and min_chars <= dropped < 4 * min_chars:
        dropped -= sum(_continuations(page.data, keep[at], keep[at + 1]) for at in range(1, len(keep), 2))
    # The frameset search (a pass over the whole page) only where it decides: most pages
    # drop fewer characters than min_chars and are given whole anyway.
    if dropped < min_chars or _has_frameset(text):
        return _whole(page)
    keep.append(len(text))
    spans = range(0, len(keep), 2)
    if isinstance(page, Utf8Page):
        data = memoryview(page.data)  # the kept spans copied once, into the joined buffer
        return Utf8(b"".join(data[keep[at] : keep[at + 1]] for at in spans))
    encoded = _utf8(page, keep)  # one str if a span holds a lone surrogate
    return "".join(page[keep[at] : keep[at + 1]] for at in spans) if encoded is None else encoded


def droppable(text: str | bytes, start: int, end: int, close: int) -> bool:
    """Whether the raw text ``text[end:close]`` of the script or style sheet whose start tag
    is ``text[start:end]`` may be dropped before the parse (no stage reads it): not JSON
    (JSON-LD is read), and holding no ``<!--`` (where an end tag may not end a script). The
    limits scan records only those (_limits.scan_python; the C loop checks the same in
    _cscan_text.c's ``droppable``: "json" in any ASCII case, which is what ``str.lower()``
    makes "json" of)."""
    tag = text[start:end]
    if "json" in (tag if isinstance(tag, str) else tag.decode("latin-1")).lower():
        return False
    return (text.find("<!--", end, close) if isinstance(text, str) else text.find(b"<!--", end, close)) < 0


def hides_its_end(text: str | bytes, end: int, close: int) -> bool:
    """Whether a script's raw text ``text[end:close]``, up to the first end tag found, holds a
    ``<!--`` and after it a ``<script`` (ASCII letters in any case): then the parser may be in
    its double-escaped state at that end tag and read on to a later one, so the scan's reading
    of what follows is not sure (_limits.scan records no body after it). Without them the
    first end tag ends the script."""
    comment = text.find("<!--", end, close) if isinstance(text, str) else text.find(b"<!--", end, close)
    if comment < 0:
        return False
    pattern = _SCRIPT_OPEN if isinstance(text, str) else _SCRIPT_OPEN_BYTES
    return pattern.search(text, comment + 4, close) is not None  # type: ignore[arg-type]


_SCRIPT_OPEN: Final = re.compile("<script", re.I | re.A)  # ASCII letters only, as the parser folds
_SCRIPT_OPEN_BYTES: Final = re.compile(b"<script", re.I)


def _has_frameset_python(text: str | bytes) -> bool:
    """Whether ``text`` holds ``<frameset`` in any case (as ``re.I`` reads it: in a str,
    "\u017f" stands for "s")."""
    return (_FRAMESET.search(text) if isinstance(text, str) else _FRAMESET_BYTES.search(text)) is not None


def _utf8_python(text: str, keep: list[int]) -> Utf8 | None:
    """The spans ``keep[0]:keep[1]``, ``keep[2]:keep[3]``, ... of ``text`` as one UTF-8
    buffer; None when one holds a lone surrogate, which the parser's own encoding drops (the
    caller gives it the text). Encoded piece by piece: a span sliced whole, and the
    encoder's buffer for it, took up to 8 bytes a character at once (11 MB on a dev page)."""
    return _encoded(_pieces(text, keep))


def _c_text() -> tuple[Callable[[str, list[int]], Utf8 | None], Callable[[str | bytes], bool]]:
    """:func:`_utf8_python` and :func:`_has_frameset_python`, or in the compiled build the
    same in C (_cscan_text.c), looked up once: ``utf8_spans`` encodes the spans in one pass
    into a buffer of their exact size (the pieces' slices, encodings and join took about 8
    instructions a character of a two-byte str, and held the pieces and the joined buffer at
    once); ``holds_frameset`` compares at each "<" (the regex, which folds case, stepped
    through the page at about 4 instructions a character)."""
    module = c_module("_cscan")
    if module is None:
        return _utf8_python, _has_frameset_python
    encode = cast(Callable[[str, list[int]], "bytes | None"], module.utf8_spans)

    def utf8(text: str, keep: list[int]) -> Utf8 | None:
        data = encode(text, keep)
        return None if data is None else Utf8(data)

    return utf8, cast(Callable[[str | bytes], bool], module.holds_frameset)


_C_TEXT: Final = _c_text()
_utf8: Final = _C_TEXT[0]
_has_frameset: Final = _C_TEXT[1]


_PIECE_CHARS = 16_384  # a piece of text encoded at once: at most 64 KB of UTF-8


def _pieces(text: str, keep: list[int]) -> Iterator[str]:
    """The spans ``keep[0]:keep[1]``, ``keep[2]:keep[3]``, ... of ``text``, each sliced in
    pieces of at most :data:`_PIECE_CHARS` characters."""
    for at in range(0, len(keep), 2):
        for start in range(keep[at], keep[at + 1], _PIECE_CHARS):
            yield text[start : min(start + _PIECE_CHARS, keep[at + 1])]


def _whole(page: str | Utf8Page) -> str | Utf8:
    """The whole page for the parser: a Utf8Page's bytes; text not ASCII as UTF-8 (:func:`_utf8`:
    selectolax's encoder asks for the worst case at once, 4 bytes a character for a page
    with one character outside the BMP: 12 MB on a dev page); ASCII text as it is (encoded
    at its size)."""
    if isinstance(page, Utf8Page):
        return Utf8(page.data)
    if page.isascii():
        return page
    encoded = _utf8(page, [0, len(page)])
    return page if encoded is None else encoded


def _encoded(pieces: Iterable[str]) -> Utf8 | None:
    """The pieces of text as one UTF-8 buffer, each encoded on its own; None when one holds
    a lone surrogate, which the parser's own encoding drops (the caller gives it the text)."""
    try:
        return Utf8(b"".join(piece.encode("utf-8") for piece in pieces))
    except UnicodeEncodeError:
        return None


_CONTINUATION = bytes(range(0x80, 0xC0))  # the bytes of UTF-8 that do not start a character


def _continuations(data: bytes, start: int, end: int) -> int:
    """The bytes of ``data[start:end]`` (UTF-8) that do not start a character."""
    piece = data[start:end]
    return len(piece) - len(piece.translate(None, _CONTINUATION))
