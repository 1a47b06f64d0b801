"""WARC files for the batch tests, written with warcio (a writer independent of the reader)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
_META_CHARSET = re.compile(rb"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class Response:
    """One HTTP response to archive."""

    url: str
    body: bytes
    content_type: str | None = "text/html; charset=utf-8"
    extra_headers: tuple[tuple[str, str], ...] = ()


def fixture(name: str) -> bytes:
    return (FIXTURES / f"{name}.html").read_bytes()


def cp1251_page() -> bytes:
    """russian_news in windows-1251 without its meta charset: only the HTTP header names it."""
    html = _META_CHARSET.sub(b"", fixture("russian_news"))
    assert b"charset" not in html.lower()
    return html.decode("utf-8").encode("cp1251")


def write_warc(path: Path, responses: list[Response], *, gzip: bool, requests: bool = True) -> list[str]:
    """Write each response (preceded by its request record when ``requests``) and a warcinfo
    record; return the WARC-Record-IDs of the responses, in order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ids = []
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "boilerstrip tests"}))
        for response in responses:
            if requests:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
                writer.write_record(
                    writer.create_warc_record(
                        response.url, "request", payload=io.BytesIO(b""), http_headers=request
                    )
                )
            headers = [] if response.content_type is None else [("Content-Type", response.content_type)]
            headers.extend(response.extra_headers)
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(
                response.url, "response", payload=io.BytesIO(response.body), http_headers=http
            )
            writer.write_record(record)
            ids.append(record.rec_headers.get_header("WARC-Record-ID"))
    return ids
