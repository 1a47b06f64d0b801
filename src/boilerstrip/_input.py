"""The page's input made ready for the parser: text or UTF-8 bytes cut at the limits of
``Options``, its scripts' and style sheets' spans found (:func:`_limits.scan`). Split from
_extract.py to be compiled in the compiled build: these helpers ran there as Python frames on
every call (benchmarks/RESULTS.md, the subsection "check_deadline compiled ...")."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from ._errors import InputError, LimitError
from ._limits import Scan, scan
from ._model import new_tuple
from ._noscript import Page, without_runaways
from ._options import Options
from ._parse import Utf8Page, decode, utf8_body
from ._resource_options import BYTES_PER_CHAR as _BYTES_PER_CHAR


def prepare_input(
    html: object, charset: str | None, options: Options, *, bodies: list[int] | None = None
) -> tuple[str | LexborHTMLParser, bool]:
    """The page as text cut at the limits, or as the caller's Lexbor tree; and whether it was
    cut. ``bodies`` gets the scripts and style sheets of the text (_limits.scan)."""
    if isinstance(html, LexborHTMLParser):
        return html, False  # already parsed: the parse cost is paid, the time budget still holds
    limit = options.max_input_chars
    cut = False
    if isinstance(html, (bytes, bytearray, memoryview)):
        data = bytes(html)
        if limit is not None and len(data) > limit * _BYTES_PER_CHAR:
            data, cut = data[: _character_start(data, limit * _BYTES_PER_CHAR)], True
        text = decode(data, charset)
    else:
        text = _tree_text(html) if not isinstance(html, str) else html
    if limit is not None and len(text) > limit:
        text, cut = text[:limit], True
    if cut and options.on_limit == "raise":
        raise LimitError(f"the input is longer than max_input_chars={limit}")
    text, found = _scan_as_shown(text, options, bodies)
    if found.cut is not None:
        if options.on_limit == "raise":
            value = getattr(options, found.limit)
            raise LimitError(f"the input exceeds {found.limit}={value} at character {found.cut}")
        text, cut = text[: found.cut], True
        if bodies:
            _bodies_before(bodies, found.cut)
    return text, cut


def _bodies_before(bodies: list[int], cut: int) -> None:
    """Keeps in ``bodies`` the spans that end at or before ``cut``: the scan records a body
    as it reads it, and a limit can fire at the tag that opened it (a script at the depth
    limit) or later, once it is read. Past the cut, the text they named is gone, and a body
    the cut runs through is now unclosed, which the parser may read on as text: kept."""
    spans = list(zip(bodies[::2], bodies[1::2]))
    bodies[:] = [at for start, end in spans if end <= cut for at in (start, end)]


def _scan_as_shown(text: Page, options: Options, bodies: list[int] | None) -> tuple[Page, Scan]:
    """``text`` without the raw text that runs past its noscript (_noscript), and its
    :func:`_limits.scan` at the limits of ``options``: scanned again where it was cut."""
    runaways: list[int] = []
    found = _scan(text, options, bodies, runaways)
    if not runaways:
        return text, found
    text = without_runaways(text, runaways)
    if bodies is not None:
        bodies.clear()
    return text, _scan(text, options, bodies)


def _scan(
    text: str | bytes, options: Options, bodies: list[int] | None, runaways: list[int] | None = None
) -> Scan:
    """:func:`_limits.scan` of ``text`` at the limits of ``options``."""
    return scan(
        text,
        max_nodes=options.max_nodes,
        max_depth=options.max_depth,
        max_attributes=options.max_attributes,
        max_depth_sum=options.max_depth_sum,
        max_name_work=options.max_name_work,
        max_total_attributes=options.max_total_attributes,
        bodies=bodies,
        runaways=runaways,
    )


def utf8_page(
    html: bytes | bytearray, charset: str | None, options: Options, bodies: list[int]
) -> Utf8Page | None:
    """Bytes that :func:`decode` reads as valid UTF-8, scanned as they are
    (:class:`Utf8Page`), where they need no cut; None for every other page (the text
    path). A crawler's page stays in its bytes to the parser: the text path made it a
    str (4 bytes a character on a page with one character outside the BMP, up to 12 MB
    on a dev page), then selectolax encoded it again."""
    limit = options.max_input_chars
    if limit is not None and len(html) > limit:  # may be cut in characters: the text path
        return None
    body = utf8_body(bytes(html), charset)
    if body is None:
        return None
    body, found = _scan_as_shown(body, options, bodies)
    page = new_tuple(Utf8Page, (body,))  # Utf8Page(body), without its Python __new__
    if found.cut is not None:  # cut, or raised, at a character offset: the text path
        bodies.clear()
        return None
    return page


def _character_start(data: bytes, at: int) -> int:
    """``at``, moved back to the start of the UTF-8 character it falls in (at most 3 bytes):
    bytes cut inside a character are not valid UTF-8, and decode() would read the whole
    page in another encoding. In any other encoding the page is cut at ``max_input_chars``
    characters before this point anyway."""
    start = at
    while start > max(0, at - 3) and data[start] & 0xC0 == 0x80:  # a continuation byte
        start -= 1
    return start


def _tree_text(html: object) -> str:
    """The markup of a page parsed by selectolax's other engine or by lxml (serialised, so
    the caller's tree is never touched)."""
    module = type(html).__module__
    if module.startswith("selectolax."):
        markup = getattr(html, "html", None)
        if isinstance(markup, str) or markup is None:
            return markup or ""
    elif module.startswith("lxml."):
        from lxml import etree

        if isinstance(html, (etree._Element, etree._ElementTree)):
            return str(etree.tostring(html, encoding="unicode", method="html"))
    raise InputError(
        f"html must be str, bytes, a selectolax parser or an lxml element or tree, not {type(html).__name__}"
    )


def as_text(html: str | bytes) -> str:
    """``html`` as text: a str as it is, bytes decoded (:func:`_parse.decode`)."""
    if isinstance(html, str):
        return html
    if isinstance(html, (bytes, bytearray, memoryview)):
        return decode(bytes(html))
    raise InputError(f"html must be str or bytes, not {type(html).__name__}")
