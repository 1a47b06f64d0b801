"""The batch inputs: WARC (written here with warcio), JSONL, HTML files and folders."""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

import pytest

from boilerstrip import Options, extract
from boilerstrip.batch import (
    SourcePage,
    error_record,
    iter_sources,
    page_record,
    read_html_file,
    read_jsonl,
    read_warc,
)
from optional import needs
from warc_pages import FIXTURES, Response, cp1251_page, fixture, write_warc

# warcio writes the fixtures, fastwarc reads them.
needs_warc = needs("warcio", "fastwarc")

RESPONSES = [
    Response("https://example.org/seed", fixture("news_seed")),
    Response("https://example.org/ru", cp1251_page(), "text/html; charset=windows-1251"),
    Response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
    Response("https://example.org/bare", fixture("german_news"), None),
]
HTML_RESPONSES = [r for r in RESPONSES if r.content_type is None or "html" in r.content_type]


@needs_warc
@pytest.mark.parametrize("compressed", [True, False], ids=["warc.gz", "warc"])
def test_warc_yields_html_responses_only(tmp_path: Path, compressed: bool) -> None:
    path = tmp_path / ("pages.warc.gz" if compressed else "pages.warc")
    ids = write_warc(path, RESPONSES, gzip=compressed)
    pages = list(read_warc(path))
    assert [p.url for p in pages] == [r.url for r in HTML_RESPONSES]
    assert [p.html for p in pages] == [r.body for r in HTML_RESPONSES]
    assert [p.content_type for p in pages] == [r.content_type for r in HTML_RESPONSES]
    assert [p.record_id for p in pages] == [ids[0], ids[1], ids[3]]
    assert all(p.origin.startswith(f"{path}#") for p in pages)
    assert len({p.origin for p in pages}) == len(pages)


@needs_warc
def test_warc_charset_from_the_http_header(tmp_path: Path) -> None:
    path = tmp_path / "ru.warc.gz"
    write_warc(path, RESPONSES[1:2], gzip=True)
    (page,) = read_warc(path)
    record = page_record(page, Options())
    expected = extract(fixture("russian_news"))
    assert record["status"] == "ok"
    assert record["text"] == expected.text
    assert record["text"].startswith("Речной трамвай вернётся в Заречинск")
    assert record["title"] == expected.title


def chunked(data: bytes, size: int) -> bytes:
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x;ext=1\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


def deflated(data: bytes, wbits: int) -> bytes:
    packer = zlib.compressobj(wbits=wbits)
    return packer.compress(data) + packer.flush()


SEED = fixture("news_seed")
CODED = {
    "chunked": (chunked(SEED, 1000), [("Transfer-Encoding", "chunked")]),
    "gzip": (gzip.compress(SEED), [("Content-Encoding", "gzip")]),
    "gzip+chunked": (
        chunked(gzip.compress(SEED), 700),
        [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
    ),
    "deflate (zlib)": (deflated(SEED, 15), [("Content-Encoding", "deflate")]),
    "deflate (raw)": (deflated(SEED, -15), [("Content-Encoding", "deflate")]),
    "decoded, headers left": (SEED, [("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")]),
}


@needs_warc
@pytest.mark.parametrize("coding", list(CODED))
def test_warc_bodies_archived_raw_are_decoded(tmp_path: Path, coding: str) -> None:
    body, headers = CODED[coding]
    path = tmp_path / "raw.warc"
    write_warc(path, [Response("https://example.org/", body, "text/html", tuple(headers))], gzip=False)
    (page,) = read_warc(path)
    assert page.html == SEED


def test_jsonl_pages_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    lines = [
        json.dumps({"id": 7, "url": "https://example.org/a", "html": fixture("news_seed").decode()}),
        "",
        "{not json",
        json.dumps({"url": "https://example.org/b", "body": "<p>x</p>"}),
        json.dumps(["a list"]),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    pages = list(read_jsonl(path))
    assert [p.origin for p in pages] == [f"{path}:{n}" for n in (1, 3, 4, 5)]
    assert (pages[0].record_id, pages[0].url, pages[0].error) == ("7", "https://example.org/a", "")
    assert pages[0].html == fixture("news_seed")
    assert all(p.error for p in pages[1:])
    assert pages[2].url == "https://example.org/b" and "'html'" in pages[2].error


def test_jsonl_fields_are_configurable_and_gzip_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as stream:
        stream.write(json.dumps({"body": "<p>Bonjour</p>", "link": "https://example.org/fr"}) + "\n")
    (page,) = read_jsonl(path, html_field="body", url_field="link")
    assert (page.html, page.url, page.record_id) == (b"<p>Bonjour</p>", "https://example.org/fr", None)


def test_jsonl_page_is_decoded_as_utf8_whatever_its_meta_says(tmp_path: Path) -> None:
    path = tmp_path / "latin.jsonl"
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Déjà vu à Zürich, naïve.</p></body></html>'
    path.write_text(json.dumps({"html": html}) + "\n", "utf-8")
    (page,) = read_jsonl(path)
    assert "Déjà vu à Zürich" in page_record(page, Options())["text"]


def test_html_file_and_gzip_html_file(tmp_path: Path) -> None:
    packed = tmp_path / "seed.html.gz"
    packed.write_bytes(gzip.compress(fixture("news_seed")))
    assert read_html_file(packed).html == fixture("news_seed")
    page = read_html_file(FIXTURES / "recipe.html")
    assert (page.url, page.record_id, page.origin) == (None, None, str(FIXTURES / "recipe.html"))


@needs_warc
def test_folder_dispatches_on_names_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "one.html").write_bytes(fixture("recipe"))
    (tmp_path / "a.jsonl").write_text(json.dumps({"html": "<p>j</p>"}) + "\n", "utf-8")
    (tmp_path / "notes.txt").write_text("not a page", "utf-8")
    write_warc(tmp_path / "c.warc.gz", RESPONSES[:1], gzip=True)
    origins = [p.origin for p in iter_sources([tmp_path])]
    assert origins[0] == f"{tmp_path / 'a.jsonl'}:1"
    assert origins[1] == str(tmp_path / "b" / "one.html")
    assert origins[2].startswith(f"{tmp_path / 'c.warc.gz'}#")
    assert len(origins) == 3


def test_explicit_file_of_any_name_is_html(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"<p>Plain.</p>")
    assert [p.html for p in iter_sources([path])] == [b"<p>Plain.</p>"]


PAGE = SourcePage(b"", "https://example.org/x", "<urn:uuid:1>", None, "x.warc#0")


def test_page_record_fields() -> None:
    page = SourcePage(fixture("news_seed"), "https://example.org/s", "<urn:uuid:2>", None, "s.html")
    record = page_record(page, Options(), blocks=True)
    result = extract(fixture("news_seed"), url="https://example.org/s")
    assert record == {
        "url": "https://example.org/s",
        "record_id": "<urn:uuid:2>",
        "origin": "s.html",
        "status": "ok",
        "title": result.title,
        "language": result.language,
        "confidence": result.confidence,
        "truncated": False,
        "text": result.text,
        "blocks": [{"text": b.text, "label": b.label.value, "score": b.score} for b in result.blocks],
    }
    assert json.loads(json.dumps(record)) == record
    assert "blocks" not in page_record(page, Options())


def test_page_record_turns_a_time_budget_into_a_timeout_record() -> None:
    page = SourcePage(fixture("news_seed"), None, None, None, "s.html")
    record = page_record(page, Options(time_budget=1e-9))
    assert (record["status"], "text" in record) == ("timeout", False)
    assert "time_budget" in record["error"]


def test_page_record_of_an_unreadable_line_is_an_error_record() -> None:
    page = SourcePage(b"", None, None, None, "p.jsonl:3", error="line is not JSON")
    assert page_record(page, Options()) == error_record(page, "error", "line is not JSON")


@pytest.mark.parametrize("kind", ["timeout", "crash", "error"])
def test_error_record(kind: str) -> None:
    assert error_record(PAGE, kind, "why") == {
        "url": "https://example.org/x",
        "record_id": "<urn:uuid:1>",
        "origin": "x.warc#0",
        "status": kind,
        "error": "why",
    }


def test_error_record_rejects_unknown_kinds() -> None:
    with pytest.raises(ValueError, match="error kind"):
        error_record(PAGE, "oops", "why")


def test_warc_without_fastwarc_names_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from boilerstrip.batch import MissingExtraError

    monkeypatch.setitem(sys.modules, "fastwarc.warc", None)  # import fails as if not installed
    with pytest.raises(MissingExtraError, match=r"pip install 'boilerstrip\[warc\]'") as caught:
        next(read_warc(tmp_path / "absent.warc.gz"))
    assert isinstance(caught.value, ImportError)
