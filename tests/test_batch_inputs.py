"""`boilerstrip batch` on odd inputs and outputs: each page keeps its record, the run goes on,
and what cannot be done is a usage error before any work."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from boilerstrip.batch import run_batch
from optional import needs

PAGE = "<html><body><p>A paragraph of ordinary prose, about the harbour and its boats.</p></body></html>"


def records(path: Path) -> list[dict[str, Any]]:
    if path.name.endswith(".parquet"):
        import pyarrow.parquet as pq

        rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
        return rows
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        import gzip

        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]  # strict UTF-8


@pytest.mark.parametrize(
    "suffix",
    [".jsonl", ".jsonl.gz", pytest.param(".parquet", marks=needs("pyarrow"))],
)
def test_lone_surrogates_in_a_record_do_not_stop_the_run(tmp_path: Path, suffix: str) -> None:
    """A JSONL string's "\\udcff" (url, id) and a file name's undecodable byte: the record holds
    U+FFFD and is written; the run went on (it stopped at the first such record, exit 2), and
    --resume knows the page again by the same key."""
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [
        json.dumps({"html": PAGE, "url": "https://example.org/\udcff", "id": "a\ud800"}),
        json.dumps({"html": PAGE, "url": "https://example.org/ok", "id": "b"}),
    ]
    (folder / "pages.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    odd = Path(os.fsdecode(bytes(folder) + b"/odd\xff.html"))
    odd.write_text(PAGE, "utf-8")
    out = tmp_path / f"out{suffix}"
    summary = run_batch([folder], out, jobs=1, stderr=io.StringIO())
    assert (summary.pages, summary.ok) == (3, 3)
    written = records(out)
    assert [r["record_id"] for r in written] == [None, "a\ufffd", "b"]
    assert written[0]["origin"].endswith("odd\ufffd.html")
    assert written[1]["url"] == "https://example.org/\ufffd"
    again = run_batch([folder], out, jobs=1, resume=True, stderr=io.StringIO())
    assert (again.pages, again.skipped) == (0, 3)


@pytest.mark.parametrize("resume", [False, True], ids=["fresh", "resume"])
def test_the_output_named_as_an_input_is_refused(tmp_path: Path, resume: bool) -> None:
    """It was read, then replaced by its own records: the input lost."""
    source = tmp_path / "pages.jsonl"
    source.write_text(json.dumps({"html": PAGE}) + "\n", "utf-8")
    before = source.read_bytes()
    with pytest.raises(ValueError, match="the output is also an input"):
        run_batch([source], tmp_path / "." / "pages.jsonl", jobs=1, resume=resume, stderr=io.StringIO())
    assert source.read_bytes() == before
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.parametrize("resume", [False, True], ids=["again", "resume"])
def test_an_earlier_output_in_an_input_folder_is_not_read_as_pages(tmp_path: Path, resume: bool) -> None:
    """``batch pages/ -o pages/out.jsonl`` twice: the second run read the first one's records
    as JSONL pages, an error record each (exit 3)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(PAGE, "utf-8")
    out = folder / "out.jsonl"
    assert not run_batch([folder], out, jobs=1, stderr=io.StringIO()).failed
    summary = run_batch([folder], out, jobs=1, resume=resume, stderr=io.StringIO())
    assert not summary.failed
    assert [r["origin"] for r in records(out)] == [str(folder / "a.html")]


def test_an_output_that_is_a_folder_is_refused_before_any_work(tmp_path: Path) -> None:
    """It was found only at the end, when the finished run's file could not be renamed over it."""
    source = tmp_path / "a.html"
    source.write_text(PAGE, "utf-8")
    (tmp_path / "out.jsonl").mkdir()
    with pytest.raises(ValueError, match="the output is a folder"):
        run_batch([source], tmp_path / "out.jsonl", jobs=1, stderr=io.StringIO())
    assert not list(tmp_path.glob("*.partial"))


def _flip_gzip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 8] = bytes(b ^ 0xFF for b in data[middle : middle + 8])
    path.write_bytes(bytes(data))


def _ff_after_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[20:30] = b"\xff" * 10
    path.write_bytes(bytes(data))


def _junk_line(path: Path) -> None:
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([lines[0], b"\xff\xfe\x00 not UTF-8\n", *lines[1:]]))


def _not_gzip(path: Path) -> None:
    path.write_bytes(b"plain text, not gzip\n")


@pytest.mark.parametrize(
    ("suffix", "damage"),
    [
        (".jsonl.gz", _flip_gzip_middle),
        (".jsonl.gz", _ff_after_header),
        (".jsonl", _junk_line),
        (".jsonl.gz", _not_gzip),
    ],
    ids=["failed crc", "corrupt deflate", "line not UTF-8", "not gzip"],
)
def test_resume_of_a_damaged_output_keeps_its_whole_records(tmp_path: Path, suffix: str, damage: Any) -> None:
    """The records before the damage are kept, the other pages done again, one record each
    (zlib.error was a traceback; a failed CRC, a line not UTF-8 or a file not gzip stopped the run)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in "abcdefgh":
        (folder / f"{name}.html").write_text(PAGE.replace("harbour", f"harbour {name}"), "utf-8")
    out = tmp_path / f"out{suffix}"
    assert not run_batch([folder], out, jobs=1, stderr=io.StringIO()).failed
    damage(out)
    summary = run_batch([folder], out, jobs=1, resume=True, stderr=io.StringIO())
    assert not summary.failed and summary.pages + summary.skipped == 8
    assert sorted(Path(r["origin"]).stem for r in records(out)) == list("abcdefgh")


def _cut_in_last_body(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"harbour") + 3])


def _cut_in_last_member(path: Path) -> None:
    from fastwarc import warc

    with path.open("rb") as stream:
        last = [r.stream_pos for r in warc.ArchiveIterator(stream)][-1]
    data = path.read_bytes()
    path.write_bytes(data[: (last + len(data)) // 2])


def _cut_in_last_header(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: data.rindex(b"WARC/1.") + 12])  # inside "WARC-Type: ..."


@needs("fastwarc", "warcio")
@pytest.mark.parametrize(
    ("gzipped", "cut"),
    [(False, _cut_in_last_body), (True, _cut_in_last_member), (False, _cut_in_last_header)],
    ids=["warc body", "warc.gz member", "warc header"],
)
def test_a_warc_file_cut_short_is_said(tmp_path: Path, gzipped: bool, cut: Any) -> None:
    """fastwarc ends a file cut inside a record without an error: the record was an "ok" page
    of its first bytes, or was lost with the rest, and the run exited 0."""
    from warc_pages import Response, write_warc

    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    pages = [
        Response(f"https://example.org/{n}", PAGE.replace("boats", f"boats {n}" * 400).encode())
        for n in "abc"
    ]
    write_warc(path, pages, gzip=gzipped)
    out = tmp_path / "out.jsonl"
    assert not run_batch([path], out, jobs=1, stderr=io.StringIO()).failed
    cut(path)
    summary = run_batch([path], out, jobs=1, stderr=io.StringIO())
    assert summary.failed
    last = records(out)[-1]
    assert last["status"] == "error" and "the WARC file ends inside this record" in last["error"]
    assert [r["status"] for r in records(out)[:2]] == ["ok", "ok"]


def _write(path: Path, data: bytes) -> None:
    import gzip

    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
@pytest.mark.parametrize("last_newline", [True, False], ids=["newline", "no newline"])
def test_a_jsonl_line_too_long_is_an_error_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, last_newline: bool
) -> None:
    """The parent held a line whole: a .jsonl.gz line of 300 MB (a 300 KB file) took 1 GB."""
    from boilerstrip import _sources

    monkeypatch.setattr(_sources, "MAX_LINE_BYTES", 1000)
    lines = [json.dumps({"html": PAGE, "id": i}) for i in ("a", "b", "c", "d")]
    lines[1] = json.dumps({"html": "x" * 2500, "id": "b"})  # past the limit, in three reads
    lines[3] = json.dumps({"html": "y" * 999, "id": "d"})
    path = tmp_path / f"pages{suffix}"
    _write(path, "\n".join(lines).encode() + (b"\n" if last_newline else b""))
    pages = list(_sources.iter_sources([path]))
    assert [(p.record_id, p.origin.rsplit(":", 1)[1]) for p in pages] == [
        ("a", "1"),
        (None, "2"),
        ("c", "3"),
        (None, "4"),
    ]
    assert pages[1].error == pages[3].error == "line is longer than 1,000 bytes"


def test_an_html_gz_is_inflated_up_to_the_warc_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a WARC body is: a 300 KB .html.gz of 300 MB took 650 MB of the parent's memory."""
    from boilerstrip import _sources

    monkeypatch.setattr(_sources, "MAX_INFLATED_BYTES", 1000)
    path = tmp_path / "page.html.gz"
    _write(path, PAGE.encode() * 100)
    (page,) = _sources.iter_sources([path])
    assert page.html == (PAGE.encode() * 100)[:1000]


@pytest.mark.parametrize("item", ["<p>a page as a str</p>", None, ["html"]], ids=["str", "None", "list"])
def test_an_engine_item_that_is_no_mapping_gives_an_error_record(item: object) -> None:
    """dask's ``bag.map(extract_page)`` over a Bag of str: AttributeError, the compute failed."""
    from boilerstrip import Options
    from boilerstrip.integrations._common import row_record

    record = row_record(item, Options())  # type: ignore[arg-type]
    assert record["status"] == "error"
    assert record["error"] == f"a page must be a SourcePage or a mapping, not {type(item).__name__}"


@pytest.mark.parametrize("timeout", [float("nan"), 1e308, -1.0], ids=repr)
def test_a_timeout_out_of_range_is_refused(tmp_path: Path, timeout: float) -> None:
    """NaN left pages without a deadline; 1e308 raised OverflowError from poll() mid-run."""
    source = tmp_path / "a.html"
    source.write_text(PAGE, "utf-8")
    with pytest.raises(ValueError, match="the timeout must be 0"):
        run_batch([source], tmp_path / "out.jsonl", jobs=1, timeout=timeout, stderr=io.StringIO())
    assert not list(tmp_path.glob("out.*"))


FOREIGN = [
    {"status": "ok", "origin": "ORIGIN", "confidence": "high"},  # a confidence of text
    {
        "status": "ok",
        "origin": "ORIGIN",
        "title": "",
        "language": "en",
        "confidence": 0.5,
        "truncated": False,
    },
]


@pytest.mark.parametrize("suffix", [".jsonl", pytest.param(".parquet", marks=needs("pyarrow"))])
@pytest.mark.parametrize("foreign", FOREIGN, ids=["confidence text", "no text"])
def test_resume_does_not_keep_foreign_records(tmp_path: Path, suffix: str, foreign: dict[str, Any]) -> None:
    """An object with "status": "ok" and the page's origin was kept as its record: its page
    skipped, the object copied into the output (Parquet: the run's records left in
    OUT.partial when the writer refused it at the end)."""
    source = tmp_path / "a.html"
    source.write_text(PAGE, "utf-8")
    out = tmp_path / f"out{suffix}"
    row = {name: str(source) if value == "ORIGIN" else value for name, value in foreign.items()}
    if suffix == ".parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist([row]), out)
    else:
        out.write_text(json.dumps(row) + "\n", "utf-8")
    summary = run_batch([source], out, jobs=1, resume=True, stderr=io.StringIO())
    assert (summary.pages, summary.ok, summary.skipped) == (1, 1, 0)
    (record,) = records(out)
    assert "ordinary prose" in record["text"]


DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("line", [DEEP, '{"html": ' + DEEP + "}"], ids=["array", "in a field"])
def test_a_jsonl_line_nested_too_deep_is_an_error_page(tmp_path: Path, line: str) -> None:
    """json.loads raised RecursionError: the file's reading ended there, its next pages lost."""
    source = tmp_path / "pages.jsonl"
    source.write_text(
        "\n".join([json.dumps({"html": PAGE}), line, json.dumps({"html": PAGE})]) + "\n", "utf-8"
    )
    summary = run_batch([source], tmp_path / "out.jsonl", jobs=1, stderr=io.StringIO())
    assert (summary.ok, summary.errors["error"], summary.unreadable_inputs) == (2, 1, 0)
    assert records(tmp_path / "out.jsonl")[1]["error"] == "line nests too deep to be read as JSON"


def test_resume_skips_an_output_line_nested_too_deep(tmp_path: Path) -> None:
    """RecursionError stopped the run, reported as a worker that cannot start (exit 1)."""
    source = tmp_path / "a.html"
    source.write_text(PAGE, "utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text(DEEP + "\n", "utf-8")
    summary = run_batch([source], out, jobs=1, resume=True, stderr=io.StringIO())
    assert (summary.pages, summary.ok) == (1, 1)


@pytest.mark.parametrize("limit", [40, None], ids=["cut", "no limit"])
@pytest.mark.parametrize("name", ["page.html", "page.html.gz"])
def test_an_html_file_is_read_as_far_as_extract_reads_it(
    tmp_path: Path, limit: int | None, name: str
) -> None:
    """The parent read a plain file whole (a huge one, or /dev/zero, took all its memory);
    the records are the same."""
    from boilerstrip import Options, _batch, _input, _sources
    from boilerstrip.batch import page_record

    assert _batch.BYTES_PER_CHAR == _input._BYTES_PER_CHAR
    data = (PAGE * 10).encode()
    path = tmp_path / name
    _write(path, data)
    options = Options(max_input_chars=limit)
    max_bytes = None if limit is None else limit * 4 + 1
    (page,) = _sources.read_path(path, max_bytes=max_bytes)
    assert page.html == data[:max_bytes]
    out = tmp_path / "out.jsonl"
    run_batch([path], out, options=options, jobs=1, timeout=0, stderr=io.StringIO())
    whole = _sources.SourcePage(data, None, None, None, str(path))
    assert records(out) == [page_record(whole, options)]
