"""A page the batch's readers cut (an .html.gz or a WARC body inflated past
MAX_INFLATED_BYTES, a file past ``max_bytes``, a record its crawler marked WARC-Truncated)
has a record that says truncated, even where extract() reads all it is given."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from boilerstrip import Options
from boilerstrip.batch import page_record, read_html_file, run_batch
from optional import needs

PAGE = "<html><body><p>A paragraph of ordinary prose, about the harbour and its boats.</p></body></html>"
CAP = 1000  # MAX_INFLATED_BYTES, made small
LONG = (PAGE * 30).encode()  # 3 KB: past the cap
EXACT = LONG[: CAP - len(b"</p>")] + b"</p>"  # the cap exactly: nothing dropped
SHORT = PAGE.encode()


def _raw_deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush()


def _warc(path: Path, body: bytes, coding: str | None, warc_headers: dict[str, str]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    headers = [("Content-Type", "text/html; charset=utf-8")]
    if coding is not None:
        headers.append(("Content-Encoding", coding))
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=False)
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://example.org/", "response", payload=io.BytesIO(body), http_headers=http,
            warc_headers_dict=warc_headers,
        )  # fmt: skip
        writer.write_record(record)


def _html_gz(data: bytes) -> Callable[[Path], Path]:
    def write(folder: Path) -> Path:
        path = folder / "page.html.gz"
        path.write_bytes(gzip.compress(data))
        return path

    return write


def _warc_of(
    data: bytes, coding: str | None = None, warc_headers: dict[str, str] | None = None
) -> Callable[[Path], Path]:
    encode = {None: bytes, "gzip": gzip.compress, "deflate": zlib.compress, "raw deflate": _raw_deflate}

    def write(folder: Path) -> Path:
        path = folder / "crawl.warc"
        header = "deflate" if coding == "raw deflate" else coding
        _warc(path, encode[coding](data), header, warc_headers or {})
        return path

    return write


CASES = {
    "html.gz past the cap": (_html_gz(LONG), True),
    "html.gz of the cap exactly": (_html_gz(EXACT), False),
    "html.gz under the cap": (_html_gz(SHORT), False),
    "warc gzip body past the cap": (_warc_of(LONG, "gzip"), True),
    "warc gzip body of the cap exactly": (_warc_of(EXACT, "gzip"), False),
    "warc deflate body past the cap": (_warc_of(LONG, "deflate"), True),
    "warc raw deflate body past the cap": (_warc_of(LONG, "raw deflate"), True),
    "warc body past the cap, not coded": (_warc_of(LONG), False),  # read whole: nothing dropped
    "warc record marked WARC-Truncated": (_warc_of(SHORT, warc_headers={"WARC-Truncated": "length"}), True),
}


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=needs("fastwarc", "warcio")) if "warc" in n else n for n in sorted(CASES)]
)
def test_a_page_the_reader_cut_says_truncated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A .html.gz cut at 40 MB that decodes to at most 10 M characters said truncated: false:
    extract() reads all of the 40 MB it is given."""
    from boilerstrip import _sources

    write, truncated = CASES[name]
    monkeypatch.setattr(_sources, "MAX_INFLATED_BYTES", CAP)  # the parent reads the inputs
    path = write(tmp_path)
    out = tmp_path / "out.jsonl"
    summary = run_batch([path], out, jobs=1, timeout=0, stderr=io.StringIO())
    assert (summary.pages, summary.ok) == (1, 1)
    (record,) = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert record["truncated"] is truncated
    assert "harbour" in record["text"]


@pytest.mark.parametrize(("size", "cut"), [(len(SHORT) - 1, True), (len(SHORT), False), (None, False)])
def test_an_html_file_read_up_to_max_bytes_says_whether_it_was_cut(
    tmp_path: Path, size: int | None, cut: bool
) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(SHORT)
    page = read_html_file(path, max_bytes=size)
    assert (page.html, page.truncated) == (SHORT[:size], cut)
    record: dict[str, Any] = page_record(page, Options())
    assert record["truncated"] is cut


@needs("fastwarc", "warcio")
def test_a_body_damaged_past_the_cap_is_still_cut_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from boilerstrip import _sources

    monkeypatch.setattr(_sources, "MAX_INFLATED_BYTES", CAP)
    body = bytearray(gzip.compress(LONG * 20, compresslevel=0))  # stored blocks: past the cap, intact
    body[-30:-10] = b"\xff" * 20  # the end damaged
    path = tmp_path / "crawl.warc"
    _warc(path, bytes(body), "gzip", {})
    (page,) = _sources.read_warc(path)
    assert (page.html, page.truncated) == ((LONG * 20)[:CAP], True)
