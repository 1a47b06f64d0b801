"""Input readers for batch runs: HTML files, folders, JSONL and WARC files, one SourcePage per page.

Standard library only at import: fastwarc is imported by :func:`read_warc` when it is
called (``pip install 'boilerstrip[warc]'``). Every reader is a generator, so a batch
holds only the pages in flight, whatever the size of its inputs.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, cast

from ._extras import require
from ._surrogates import writable
from ._warc_tail import Inflated, gzipped_whole, tail_cut

# What an HTTP Content-Type must start with for a WARC response to count as a page.
HTML_TYPES = ("text/html", "application/xhtml+xml")
# The file names a folder is searched for (outside folders, any other name is read as HTML).
WARC_SUFFIXES = (".warc", ".warc.gz")
JSONL_SUFFIXES = (".jsonl", ".jsonl.gz")
HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")
ALL_SUFFIXES = WARC_SUFFIXES + JSONL_SUFFIXES + HTML_SUFFIXES
# Design: a compressed body is inflated up to this many bytes, 4x Options.max_input_chars'
# default (what extract() reads of bytes at most), so a small zip bomb costs no more.
MAX_INFLATED_BYTES = 40_000_000
# A JSONL line longer than this is no page, but an error (what is left of it is skipped): its
# page, escaped as JSON, may take twice MAX_INFLATED_BYTES, which is all extract() reads. Design:
# the parent holds a line whole (a .jsonl.gz line of 300 MB from a 300 KB file took 1 GB).
MAX_LINE_BYTES = 2 * MAX_INFLATED_BYTES
# A file gzipped whole is read to its end this much at a time, past its last record (if any).
_DRAIN = 1 << 20
# JSON strings are Unicode: their pages are handed to extract() as UTF-8 whatever their meta says.
_JSONL_CONTENT_TYPE = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class SourcePage:
    """One page to extract, as read from its input.

    ``content_type`` is the HTTP Content-Type header value (WARC), to be passed to
    ``extract(content_type=...)`` so that the header's charset decodes the page.
    ``origin`` names where the page was read, unique per page: the file path, with
    ``#offset`` (a WARC record's byte offset) or ``:line`` (a JSONL line number, from 1).
    It is the resume key when ``record_id`` is None. ``error`` is set when the input
    held something that is not a page (a JSONL line without an html string):
    :func:`boilerstrip.batch.page_record` turns such a page into an error record.
    ``truncated`` is set when the reader dropped bytes of the page (an HTML file or a WARC
    body inflated past MAX_INFLATED_BYTES, a file past ``max_bytes``, a WARC record its
    crawler marked WARC-Truncated): the page's record then says truncated.
    """

    html: bytes
    url: str | None
    record_id: str | None
    content_type: str | None
    origin: str
    error: str = ""
    truncated: bool = False

    def __post_init__(self) -> None:
        # What goes into the page's record is written as UTF-8: a file name's undecodable
        # bytes or a JSON string's lone surrogate as U+FFFD (set here, so the page's key and
        # its record's key, read back by --resume, are the same).
        for name in ("url", "record_id", "origin", "error"):
            value = getattr(self, name)
            if isinstance(value, str) and (written := writable(value)) is not value:
                object.__setattr__(self, name, written)

    @property
    def key(self) -> str:
        """The page's identity in an output: its WARC record id, else its origin."""
        return self.record_id if self.record_id is not None else self.origin


def _has_suffix(path: Path, suffixes: tuple[str, ...]) -> bool:
    return path.name.lower().endswith(suffixes)


def _open_maybe_gzip(path: Path) -> IO[bytes]:
    return cast(IO[bytes], gzip.open(path, "rb")) if path.name.lower().endswith(".gz") else path.open("rb")


def read_html_file(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> SourcePage:
    """One HTML file (gzip-compressed when its name ends in .gz, inflated up to
    MAX_INFLATED_BYTES, as a WARC body is) as a page with no URL; at most ``max_bytes``
    of it (None: all). A page cut at either is ``truncated``."""
    path = Path(path)
    with _open_maybe_gzip(path) as stream:
        # (a 300 KB .html.gz of 300 MB took 650 MB of the parent's memory)
        if isinstance(stream, gzip.GzipFile):
            max_bytes = MAX_INFLATED_BYTES if max_bytes is None else min(max_bytes, MAX_INFLATED_BYTES)
        html = stream.read(-1 if max_bytes is None else max_bytes)
        # One byte more tells a file cut here from one that ends here (a .html.gz cut at 40 MB
        # that decodes to at most max_input_chars said truncated: false).
        cut = max_bytes is not None and len(html) == max_bytes and bool(stream.read(1))
    return SourcePage(html=html, url=None, record_id=None, content_type=None, origin=str(path), truncated=cut)


def _jsonl_page(line: bytes, origin: str, html_field: str, url_field: str, id_field: str) -> SourcePage:
    def not_a_page(why: str) -> SourcePage:
        return SourcePage(html=b"", url=None, record_id=None, content_type=None, origin=origin, error=why)

    try:
        record = json.loads(line)
    except ValueError as error:  # also UnicodeDecodeError
        return not_a_page(f"line is not JSON: {error}")
    except RecursionError:  # (it ended the file's reading: its next lines were lost)
        return not_a_page("line nests too deep to be read as JSON")
    if not isinstance(record, dict):
        return not_a_page(f"line is a JSON {type(record).__name__}, not an object")
    html, url, record_id = record.get(html_field), record.get(url_field), record.get(id_field)
    url = url if isinstance(url, str) else None
    record_id = None if record_id is None else str(record_id)
    if not isinstance(html, str):
        why = f"no {html_field!r} string field" if html is None else f"{html_field!r} is not a string"
        return SourcePage(b"", url, record_id, None, origin, error=why)
    html_bytes = html.encode("utf-8", "surrogatepass")
    return SourcePage(html_bytes, url, record_id, _JSONL_CONTENT_TYPE, origin)


def read_jsonl(
    path: str | os.PathLike[str], *, html_field: str = "html", url_field: str = "url", id_field: str = "id"
) -> Iterator[SourcePage]:
    """The pages of a JSONL file (gzip-compressed when its name ends in .gz): one JSON object
    per line, the page's HTML in ``html_field``, its URL in ``url_field`` and its identifier,
    if any, in ``id_field`` (the page's record_id). Blank lines are skipped; a line that is
    not an object with an HTML string, or longer than MAX_LINE_BYTES, gives a page whose
    ``error`` says why."""
    path = Path(path)
    with _open_maybe_gzip(path) as stream:
        for number, line in enumerate(_lines(stream), 1):
            if line is None:
                why = f"line is longer than {MAX_LINE_BYTES:,} bytes"
                yield SourcePage(b"", None, None, None, f"{path}:{number}", error=why)
            elif line.strip():
                yield _jsonl_page(line, f"{path}:{number}", html_field, url_field, id_field)


def _lines(stream: IO[bytes]) -> Iterator[bytes | None]:
    """The lines of ``stream``, None for one longer than MAX_LINE_BYTES (never held whole)."""
    while line := stream.readline(MAX_LINE_BYTES):
        if len(line) < MAX_LINE_BYTES or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
            pass
        yield None


def _is_html(content_type: str | None) -> bool:
    return content_type is None or content_type.strip().lower().startswith(HTML_TYPES)


def read_warc(path: str | os.PathLike[str]) -> Iterator[SourcePage]:
    """The HTML pages of a WARC file (plain or gzip-compressed, per record or whole): its
    response records whose HTTP Content-Type is HTML or missing, with the target URI, the
    WARC-Record-ID and the HTTP Content-Type header (whose charset extract() uses before the
    page's meta). Requests, metadata, images and other records are skipped. A record the file
    ends inside (or its header) gives a page whose ``error`` says so. A file gzipped whole
    (one gzip stream, not a member a record) is read through Python's gzip: its offsets
    (``origin``) are in its inflated stream.

    Needs fastwarc: ``pip install 'boilerstrip[warc]'`` (:class:`MissingExtraError` otherwise).
    """
    warc: Any = require("fastwarc.warc", "warc", "reading WARC files")
    path = Path(path)
    last: tuple[int, str | None] | None = None  # the last record's offset and Content-Length
    last_id, said = None, False
    with path.open("rb") as raw:
        # fastwarc reads a file gzipped whole, but gives its records no offsets of their own
        # and ends it quietly where it is cut: Python's gzip gives them, and raises EOFError.
        inflated = Inflated(raw) if gzipped_whole(raw) else None
        stream = raw if inflated is None else inflated
        try:
            # Every record, so that one the file ends inside is seen whatever its type.
            for record in warc.ArchiveIterator(stream, parse_http=True):
                last, last_id = (record.stream_pos, record.headers.get("Content-Length")), record.record_id
                said = False
                if inflated is not None:
                    inflated.mark(record.stream_pos)
                if record.record_type != warc.WarcRecordType.response:
                    if _no_length(record):
                        said = True
                        yield _cut_page(path, record, _cut_short(record, 0))
                    continue
                content_type = _http_header(record, "Content-Type")
                if not _is_html(content_type):
                    continue
                body = record.reader.read()
                html, inflated_whole = _decoded_body(body, record.http_headers)
                cut = _cut_short(record, len(body))
                said, last_id = bool(cut), None  # (a cut said after its page is keyed by its offset)
                yield SourcePage(
                    html=html,
                    url=record.headers.get("WARC-Target-URI"),
                    record_id=record.record_id,
                    content_type=content_type,
                    origin=f"{path}#{record.stream_pos}",
                    error=cut,
                    # cut here, or by its crawler (WARC-Truncated: length, time, disconnect)
                    truncated=not inflated_whole or record.headers.get("WARC-Truncated") is not None,
                )
            while inflated is not None and inflated.read(_DRAIN):  # to the stream's end
                pass
        except EOFError:  # (the record it is cut in, if a page, was said above)
            if not said:
                why = "the WARC file ends inside its gzip stream (it is gzipped whole)"
                yield SourcePage(b"", None, None, None, f"{path}#{stream.tell()}", error=why)
            return
    if not said:  # fastwarc ends a file cut in a header, or in a record that is no page, quietly
        why, at = tail_cut(path, last, inflated)
        if why:
            record_id = last_id if last is not None and at == last[0] else None
            yield SourcePage(b"", None, record_id, None, f"{path}#{at}", error=why)


def _cut_page(path: Path, record: Any, error: str) -> SourcePage:
    return SourcePage(b"", None, record.record_id, None, f"{path}#{record.stream_pos}", error=error)


def _no_length(record: Any) -> bool:
    """Whether a WARC record has no Content-Length, or one cut short to nothing ("")."""
    length = record.headers.get("Content-Length")
    return length is None or not str(length).strip().isdigit()


def _cut_short(record: Any, read: int) -> str:
    """Why a WARC record is cut short (the file ends inside it: fastwarc then ends the file
    without an error), or "": every record declares its length, and its block holds it."""
    if _no_length(record):
        return "the WARC file ends inside this record (no Content-Length: its headers are cut short)"
    if read < record.content_length:
        return f"the WARC file ends inside this record ({read} of its {record.content_length} bytes)"
    return ""


def _dechunked(body: bytes) -> bytes:
    """An HTTP/1.1 chunked body's data (what it holds up to a malformed chunk, if any)."""
    parts, at = [], 0
    while True:
        end = body.find(b"\r\n", at)
        try:
            size = int(body[at:end].split(b";", 1)[0], 16) if end >= 0 else -1
        except ValueError:
            size = -1
        if size <= 0:
            break
        parts.append(body[end + 2 : end + 2 + size])
        at = end + 2 + size + 2
    return b"".join(parts) if parts else body


def _decoded_body(body: bytes, headers: Any) -> tuple[bytes, bool]:
    """The page as the server meant it, and False if inflating it stopped at
    MAX_INFLATED_BYTES with more to come: crawlers that archive the raw HTTP stream (wget,
    Heritrix) keep chunked transfer coding and gzip or deflate content coding; Common
    Crawl's WARCs hold decoded bodies and rename those headers. Other codings (br, zstd)
    are left as they are."""
    if headers is None:
        return body, True
    if "chunked" in str(headers.get("Transfer-Encoding") or "").lower():
        body = _dechunked(body)
    coding = str(headers.get("Content-Encoding") or "").strip().lower()
    if coding in ("gzip", "x-gzip", "deflate"):
        # wbits: 16 + 15 reads gzip; 32 + 15 detects zlib or gzip (deflate is often either).
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS if "gzip" in coding else 32 + zlib.MAX_WBITS)
        try:
            return _inflated(inflater, body)
        except zlib.error:
            if coding != "deflate":
                return body, True
            try:  # raw deflate, without the zlib header
                return _inflated(zlib.decompressobj(-zlib.MAX_WBITS), body)
            except zlib.error:
                return body, True
    return body, True


def _inflated(inflater: Any, body: bytes) -> tuple[bytes, bool]:
    """``body`` inflated up to MAX_INFLATED_BYTES, and whether that is all of it: the
    stream ended, or one more byte would not come (a stream its body cuts short gives what
    it holds)."""
    data = inflater.decompress(body, MAX_INFLATED_BYTES)
    if len(data) < MAX_INFLATED_BYTES or inflater.eof:
        return data, True
    try:
        return data, not inflater.decompress(inflater.unconsumed_tail, 1)
    except zlib.error:  # damaged past the cut: still cut there
        return data, False


def _http_header(record: Any, name: str) -> str | None:
    headers = record.http_headers
    if headers is None:
        return None
    value = headers.get(name)
    return None if value is None else str(value)


def _kind(path: Path) -> str:
    if _has_suffix(path, WARC_SUFFIXES):
        return "warc"
    if _has_suffix(path, JSONL_SUFFIXES):
        return "jsonl"
    return "html"


def folder_files(folder: Path, suffixes: tuple[str, ...] = ALL_SUFFIXES) -> Iterator[Path]:
    """The files under ``folder`` whose names end in one of ``suffixes`` (by default every
    input kind), sorted by their path (the same order on every run)."""
    found = [p for p in folder.rglob("*") if _has_suffix(p, suffixes) and p.is_file()]
    yield from sorted(found, key=lambda p: p.relative_to(folder).parts)


def read_path(
    path: str | os.PathLike[str],
    *,
    html_field: str = "html",
    url_field: str = "url",
    id_field: str = "id",
    max_bytes: int | None = None,
) -> Iterator[SourcePage]:
    """The pages of one file, read by its name: .warc and .warc.gz as WARC, .jsonl and
    .jsonl.gz as JSONL, anything else as one HTML page (at most ``max_bytes`` of it)."""
    path = Path(path)
    kind = _kind(path)
    if kind == "warc":
        yield from read_warc(path)
    elif kind == "jsonl":
        yield from read_jsonl(path, html_field=html_field, url_field=url_field, id_field=id_field)
    else:
        yield read_html_file(path, max_bytes=max_bytes)


def input_files(inputs: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """The files named by ``inputs``: a folder stands for its WARC, JSONL and HTML files
    (recursively, sorted); a file stands for itself whatever its name."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from folder_files(path)
        else:
            yield path


def iter_sources(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    html_field: str = "html",
    url_field: str = "url",
    id_field: str = "id",
) -> Iterator[SourcePage]:
    """The pages of ``inputs`` (files and folders), in order: see :func:`input_files` and
    :func:`read_path`. A file that cannot be read raises OSError when its turn comes."""
    for path in input_files(inputs):
        yield from read_path(path, html_field=html_field, url_field=url_field, id_field=id_field)
