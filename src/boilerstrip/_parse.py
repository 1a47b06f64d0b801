"""Parse stage: bytes to text (encoding detection) and text to a Lexbor tree."""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from typing import Any, Final, NamedTuple, cast

import regex
from selectolax.lexbor import LexborHTMLParser

from ._compiled import c_function
from ._head_marks import HeadMarks
from ._model import new_tuple
from ._resource_options import BYTES_PER_CHAR

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SNIFF_BYTES = 4096
# Characters a title never keeps: C0 and C1 controls (tab and newline become spaces) and
# lone surrogates, which cannot be encoded.
_NOT_TEXT = {
    **dict.fromkeys([*range(0x00, 0x20), *range(0x7F, 0xA0)], " "),
    **dict.fromkeys(range(0xD800, 0xE000)),
}
_FALLBACK_ENCODING = "windows-1252"  # what browsers assume for undeclared non-UTF-8 pages


# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">.
# Compiled on first use, not at import (as _metadata's byline pattern): only bytes without
# a BOM or a given charset are searched. The cache holds one value that depends on nothing.
@functools.cache
def _meta_charset() -> regex.Pattern[bytes]:
    return regex.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]{1,40})""", regex.I)


# A named tuple, not a frozen dataclass: defining one costs a fifth as much at import.
class PageInfo(NamedTuple):
    title: str
    language: str  # primary subtag of <html lang>, lowercased, or ""


# Labels Python's codecs do not know, as the WHATWG Encoding Standard reads them.
_LABELS = {"x-user-defined": "cp1252", "windows-874": "cp874", "x-sjis": "cp932", "x-mac-roman": "mac-roman"}
# Where the Encoding Standard reads a label with a wider decoder than Python's codec of that
# name (browsers read "iso-8859-1" as windows-1252: 0x80-0x9F are quotes and dashes, not C1
# controls; "gb2312" as GB18030; "shift_jis" with Windows' extensions; ...).
_DECODERS = {
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "iso8859-9": "cp1254",
    "iso8859-11": "cp874",
    "tis-620": "cp874",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc_kr": "cp949",
    "shift_jis": "cp932",
    "big5": "big5hkscs",
}


def _known(name: str) -> str | None:
    label = name.strip().strip("\"'").lower()
    try:
        encoding = codecs.lookup(_LABELS.get(label, label)).name
    except (LookupError, ValueError):  # unknown, or holding a NUL
        return None
    return _DECODERS.get(encoding, encoding)


# ASCII bytes as a text in every ASCII-based encoding; ISO-2022's escapes switch to another set.
_ASCII_PROBES = (bytes(range(0x80)), b"\x1b$B!!\x1b(B", b"\x1b$)C\x0e!!\x0f")


@functools.cache
def _reads_ascii(encoding: str) -> bool:
    """Whether ``encoding`` reads ASCII bytes as ASCII (not UTF-16, UTF-7, HZ, ISO-2022 or
    EBCDIC). The cache holds one value per codec name, which depends on nothing else."""
    return all(probe.decode(encoding, "replace") == probe.decode("ascii") for probe in _ASCII_PROBES)


_HTML_TYPES = ("text/", "application/xhtml", "application/xml", "application/rss", "application/atom")


def content_type(header: str) -> tuple[bool, str | None]:
    """Whether an HTTP Content-Type header value names a text type (HTML, XML, plain
    text) rather than an image, a PDF or an archive, and the charset it declares."""
    mime, _, params = header.partition(";")
    mime = mime.strip().lower()
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value
    textual = not mime or mime.startswith(_HTML_TYPES) or mime.endswith("+xml")
    return textual, charset


def decode(data: bytes, charset: str | None = None) -> str:
    """Text of an HTML document given as bytes; never raises on undecodable bytes.

    Order: byte-order mark; then UTF-8 if the bytes are valid UTF-8 and hold a byte
    outside ASCII; then ``charset`` (from the HTTP Content-Type header), else a meta charset
    in the first 4 KB (UTF-16 there read as UTF-8, as the HTML standard says), else
    windows-1252. Bad bytes become U+FFFD. Labels are read as the WHATWG Encoding Standard
    reads them ("iso-8859-1" as windows-1252, "gb2312" as GB18030).

    UTF-8 comes before a declaration, unlike in a browser: bytes outside ASCII that are all
    valid UTF-8 are next to never another encoding's text (a legacy letter is a lone byte
    at or above 0x80, which UTF-8 never allows), and crawled or archived pages are often
    re-encoded as UTF-8 with their old declaration kept. The peers read such pages as UTF-8
    too (trafilatura tries UTF-8 first; resiliparse ignores meta charsets by default).
    ASCII bytes are read as declared (the same text, but in UTF-16, UTF-7 or ISO-2022).
    """
    encoding, start, fallback = _reading(data, charset)
    if not fallback:
        return data[start:].decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode(fallback, errors="replace")


def _reading(data: bytes, charset: str | None) -> tuple[str, int, str]:
    """How :func:`decode` reads ``data``: an encoding, where the text starts (after a
    byte-order mark) and "" (bad bytes replaced); or "utf-8", 0 and the encoding that
    reads the bytes (bad bytes replaced) when they are not valid UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom), ""
    declared = _known(charset) if charset else None
    if declared is None:
        utf16 = _utf16_without_bom(data[:_SNIFF_BYTES])
        if utf16:
            return utf16, 0, ""
        match = _meta_charset().search(data[:_SNIFF_BYTES])
        declared = _known(match.group(1).decode("ascii", "replace")) if match else None
        if declared is not None and declared.startswith(("utf-16", "utf-32")):
            declared = "utf-8"  # a meta tag read as ASCII cannot be in UTF-16 (HTML's prescan)
    if declared is not None and not _reads_ascii(declared) and data.isascii():
        return declared, 0, ""
    return "utf-8", 0, declared or _FALLBACK_ENCODING


_CHECK_BYTES = 16_384  # UTF-8 checked at once: at most 64 KB as a str, under malloc's mmap threshold


def utf8_body(data: bytes, charset: str | None = None) -> bytes | None:
    """The bytes :func:`decode` reads as valid UTF-8 (``data``, or ``data`` after a UTF-8
    byte-order mark), so that ``decode(data, charset) == utf8_body(data, charset).decode()``;
    None where it reads them otherwise (another encoding, bad bytes replaced). Checked
    piece by piece: the page is never made one str (4 bytes a character where a single
    character lies outside the BMP, whose freeing raises glibc's mmap threshold)."""
    encoding, start, fallback = _reading(data, charset)
    if not fallback and encoding != "utf-8":
        return None
    body = data[start:] if start else data
    if body.isascii():
        return body
    check = codecs.getincrementaldecoder("utf-8")().decode
    view = memoryview(body)
    try:
        for at in range(0, len(body), _CHECK_BYTES):
            check(view[at : at + _CHECK_BYTES])
        check(b"", True)
    except UnicodeDecodeError:
        return None
    return body


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: markup is mostly ASCII, so every other byte
    is NUL, on the odd positions for little-endian, the even ones for big-endian."""
    if len(head) < 64:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    if odd >= 0.8 * half and even <= 0.05 * half:
        return "utf-16-le"
    if even >= 0.8 * half and odd <= 0.05 * half:
        return "utf-16-be"
    return None


class Utf8(NamedTuple):
    """A page's text already encoded as UTF-8, which the parser reads as it is (a str is
    encoded by selectolax first)."""

    data: bytes


class Utf8Page(NamedTuple):
    """A page given as valid UTF-8 bytes (:func:`utf8_body`). The limits scan reads them one
    character a byte (the markup it reads is ASCII, which reads the same), so its offsets
    are offsets in the bytes, which go to the parser as they are. Neither a str of the
    page's characters nor one of its bytes is made."""

    data: bytes


def utf8_head(page: Utf8Page, chars: int) -> str:
    """The first ``chars`` characters of ``page`` (a character takes at most 4 bytes)."""
    return page.data[: 4 * chars].decode("utf-8", "ignore")[:chars]


def parse(html: str | Utf8, *, apart: bool = False) -> LexborHTMLParser:
    """The Lexbor tree of ``html``.

    With ``apart``, the tree is built in a short-lived thread. glibc's malloc serves a new
    thread from an arena of its own, whose heaps go back to the system once everything in
    them is freed; the process's main heap keeps freed memory that lies below later
    allocations, and Python's objects (in their own arenas) never reuse it. So a big page's
    tree, about six times its size, is returned when it is released instead of staying in
    the process until its end. Other allocators lose nothing but the thread's start."""
    page = html.data if isinstance(html, Utf8) else html  # bytes are read as UTF-8
    if not apart:
        return LexborHTMLParser(page)
    import threading  # only big pages need it: not at import

    built: list[LexborHTMLParser | BaseException] = []

    def build() -> None:
        try:
            built.append(LexborHTMLParser(page))
        except BaseException as error:  # raised again in the caller's thread
            built.append(error)

    try:
        worker = threading.Thread(target=build, name="boilerstrip-parse", daemon=True)
        worker.start()
    except RuntimeError:  # no thread can be started here: parse in place
        return LexborHTMLParser(page)
    worker.join()
    tree = built[0]
    if isinstance(tree, BaseException):
        raise tree
    return tree


def body_of(tree: LexborHTMLParser) -> Any:
    """The node to segment: <body>, or the document root for body-less documents."""
    body = tree.body  # (each read makes a node)
    return body if body is not None else tree.root


def is_spaced(text: str) -> bool:
    """Whether ``" ".join(text.split()) == text``: its words apart by one space, none around.
    Every white space character but the space is unprintable (a control, a separator), so a
    printable text holds no other; one scan and a search, where the split made each word."""
    return text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "


def page_info(tree: LexborHTMLParser, marks: HeadMarks | None = None) -> PageInfo:
    """The page's title (the first og:title meta's content, else the first title's text)
    and language; ``marks``: the head's (made here when not given)."""
    if marks is None:
        marks = HeadMarks(tree)
    og = marks.first_meta(tree, "property", "og:title")
    value = og.get("content") if og is not None else None
    if not (value and value.strip()):
        value = marks.first_title(tree)
    title = ""
    if value and value.strip():
        if is_spaced(value):
            title = value  # (split and joined, and translated, it would be itself)
        else:
            # A printable title holds none of _NOT_TEXT's characters (each a control or a
            # surrogate): one scan, where translate looked each character up in the table.
            title = " ".join((value if value.isprintable() else value.translate(_NOT_TEXT)).split())
    lang = marks.lang  # the root's (read once for the readers)
    language = lang.strip().lower().split("-")[0].split("_")[0][:8] if lang else ""
    return new_tuple(PageInfo, (title, language))  # as PageInfo(...), without its Python __new__


# Bytes and characters that text never holds: C0 controls but tab, newline, form feed and
# carriage return (escape is left out: some pages carry terminal colours).
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1B), *range(0x1C, 0x20)])
_BINARY_SHARE = 0.05  # random bytes hold 9% of them; HTML, even broken, next to none
_BINARY_SNIFF = 8192


_OddCharacters = Callable[[str | bytes, int], tuple[int, int]]


# The compiled build's ``_cscan.odd_characters`` (see :func:`looks_binary`), or None.
_ODD_CHARACTERS: Final = cast("_OddCharacters | None", c_function("_cscan", "odd_characters"))


def looks_binary(html: str | bytes | Utf8Page, min_odd: int) -> bool:
    """Whether the input is binary data (an image, an archive, a PDF) rather than text:
    at least 5% of its first 8 KB are control bytes or U+FFFD, and at least ``min_odd``
    (``Options.binary_min_odd_chars``: one stray NUL in a text of 20 characters is no
    image). In the compiled build, a str's or a Utf8Page's are counted in C
    (_cscan_text.c's ``odd_characters``: a compare or two a character where the head's
    copy, encoding and translate took about 12)."""
    if _ODD_CHARACTERS is not None and isinstance(html, (str, Utf8Page)):
        odd, length = _ODD_CHARACTERS(html.data if isinstance(html, Utf8Page) else html, _BINARY_SNIFF)
        return length > 0 and odd >= _BINARY_SHARE * length and odd >= min_odd
    return _looks_binary_python(html, min_odd)


def is_tagless_scrap(html: str | Utf8Page, max_chars: int) -> bool:
    """Whether the input is at most ``max_chars`` characters (``Options.tagless_max_chars``)
    holding no tag: "<" before an ASCII letter, "/", "!" or "?", as the HTML tokenizer starts
    one. Such a scrap is no page: random bytes read as text give as many letters."""
    if isinstance(html, Utf8Page):
        if len(html.data) > BYTES_PER_CHAR * max_chars:
            return False
        html = html.data.decode("utf-8", "replace")
    if len(html) > max_chars:
        return False
    at = html.find("<")
    while at >= 0:
        after = html[at + 1 : at + 2]
        if after and after.isascii() and (after.isalpha() or after in "/!?"):
            return False
        at = html.find("<", at + 1)
    return True


def _looks_binary_python(html: str | bytes | Utf8Page, min_odd: int) -> bool:
    """:func:`looks_binary` in Python: the reference, and the path of a pure-Python install."""
    head = utf8_head(html, _BINARY_SNIFF) if isinstance(html, Utf8Page) else html[:_BINARY_SNIFF]
    if not head:
        return False
    if isinstance(head, str):
        # Counted in its UTF-8, where each of these controls is one byte and no other
        # character holds such a byte: two C passes, not a regex step per character.
        data = head.encode("utf-8", "surrogatepass")
        odd = len(data) - len(data.translate(None, _BINARY_BYTES)) + head.count("\ufffd")
    else:
        odd = len(head) - len(bytes(head).translate(None, _BINARY_BYTES))
    return odd >= _BINARY_SHARE * len(head) and odd >= min_odd
