"""A WARC file cut at any byte says so (an error page), but where it cannot be told: at a
record's end, or (plain) in the CRLFs that close a record. fastwarc ends a file cut inside
a WARC header, or inside a record that is no response, without a word."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from optional import needs

PAGE = "<html><body><p>A paragraph of ordinary prose, about the harbour and its boats {}.</p></body></html>"

pytestmark = needs("fastwarc", "warcio")


def _warc(folder: Path, gzipped: bool) -> tuple[Path, list[int]]:
    """A warcinfo record and two request and response pairs; the file and its records' ends."""
    from fastwarc import warc

    from warc_pages import Response, write_warc

    path = folder / ("crawl.warc.gz" if gzipped else "crawl.warc")
    write_warc(
        path, [Response(f"https://example.org/{n}", PAGE.format(n).encode()) for n in "ab"], gzip=gzipped
    )
    with path.open("rb") as stream:
        starts = [record.stream_pos for record in warc.ArchiveIterator(stream)]
    return path, [*starts[1:], path.stat().st_size]


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_a_warc_cut_at_any_byte_says_so_where_it_can_be_told(tmp_path: Path, gzipped: bool) -> None:
    """Before: of this file's 2,141 plain cut points 172 were silent, of its 1,659 gzip ones
    444 (in a record's WARC header, in a request's or a warcinfo's block)."""
    from boilerstrip._sources import read_warc

    path, ends = _warc(tmp_path, gzipped)
    assert not [page.error for page in read_warc(path) if page.error]
    data = path.read_bytes()
    cut = tmp_path / path.name.replace("crawl", "cut")
    silent = []
    for at in range(1, len(data)):
        cut.write_bytes(data[:at])
        try:
            pages = list(read_warc(cut))
        except OSError:  # fastwarc's own "Invalid WARC header": the batch reports the file
            continue
        if not any(page.error for page in pages):
            silent.append(at)
    # Untold: a record's end (the file may end there); plain, the CRLF CRLF closing a record.
    untold = {end for end in ends[:-1]} | (
        {e - k for e in ends for k in range(1, 5)} if not gzipped else set()
    )
    assert set(silent) <= untold
    assert len(silent) == (4 if gzipped else 24)


@pytest.mark.parametrize(
    ("name", "data"),
    [("empty.warc", b""), ("blank.warc", b"\r\n\r\n"), ("empty.warc.gz", gzip.compress(b""))],
)
def test_a_warc_of_no_record_is_no_cut(tmp_path: Path, name: str, data: bytes) -> None:
    from boilerstrip._sources import read_warc

    path = tmp_path / name
    path.write_bytes(data)
    assert list(read_warc(path)) == []


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
def test_a_cut_is_keyed_apart_from_the_pages_read(tmp_path: Path, gzipped: bool) -> None:
    """The error page of a cut after the last page read has its own key: --resume keeps the
    page's ok record and tries the cut again."""
    from boilerstrip._sources import read_warc

    path, ends = _warc(tmp_path, gzipped)
    data = path.read_bytes()
    # in the last record's header; in its gzip member's last bytes (its page read whole)
    for at in (ends[-2] + 20, len(data) - 2) if gzipped else (ends[-2] + 20,):
        path.write_bytes(data[:at])
        pages = list(read_warc(path))
        keys = [page.key for page in pages]
        assert len(keys) == len(set(keys)) and pages[-1].error, (at, [p.error for p in pages])
