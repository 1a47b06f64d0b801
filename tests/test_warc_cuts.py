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


def _warc_gzipped_whole(folder: Path) -> tuple[Path, list[int]]:
    """The plain file gzipped whole: one gzip stream, not a member a record."""
    plain, ends = _warc(folder, False)
    path = folder / "crawl.warc.gz"
    path.write_bytes(gzip.compress(plain.read_bytes()))
    plain.unlink()
    return path, ends


@pytest.mark.parametrize("layout", ["plain", "gzip", "whole"], ids=["warc", "warc.gz", "warc.gz whole"])
def test_a_warc_cut_at_any_byte_says_so_where_it_can_be_told(tmp_path: Path, layout: str) -> None:
    """Before: of this file's 2,141 plain cut points 172 were silent, of its 1,659 gzip ones
    444 (in a record's WARC header, in a request's or a warcinfo's block); gzipped whole, 48 of
    its about 900 (fastwarc ended it quietly: not checked)."""
    from boilerstrip._sources import read_warc

    gzipped = layout == "gzip"
    path, ends = _warc_gzipped_whole(tmp_path) if layout == "whole" else _warc(tmp_path, gzipped)
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
    if layout == "whole":  # Python's gzip tells every cut of the stream
        assert silent == []
        return
    untold = {end for end in ends[:-1]} | (
        {e - k for e in ends for k in range(1, 5)} if not gzipped else set()
    )
    assert set(silent) <= untold
    assert len(silent) == (4 if gzipped else 24)


def test_a_warc_gzipped_whole_is_read_as_its_plain_file(tmp_path: Path) -> None:
    """Its pages, and their offsets in the inflated stream (fastwarc gave offsets in the gzip
    file, not the records' own: on a small file, every page's origin alike)."""
    from boilerstrip._sources import read_warc

    plain, _ = _warc(tmp_path, False)
    whole = tmp_path / "crawl.warc.gz"
    whole.write_bytes(gzip.compress(plain.read_bytes()))
    pages, expected = list(read_warc(whole)), list(read_warc(plain))
    assert len(pages) == 2 and not any(page.error for page in pages)
    assert [(p.html, p.record_id, p.origin.split("#")[1]) for p in pages] == [
        (p.html, p.record_id, p.origin.split("#")[1]) for p in expected
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [("empty.warc", b""), ("blank.warc", b"\r\n\r\n"), ("empty.warc.gz", gzip.compress(b""))],
)
def test_a_warc_of_no_record_is_no_cut(tmp_path: Path, name: str, data: bytes) -> None:
    from boilerstrip._sources import read_warc

    path = tmp_path / name
    path.write_bytes(data)
    assert list(read_warc(path)) == []


@pytest.mark.parametrize("layout", ["plain", "gzip", "whole"], ids=["warc", "warc.gz", "warc.gz whole"])
def test_a_cut_is_keyed_apart_from_the_pages_read(tmp_path: Path, layout: str) -> None:
    """The error page of a cut after the last page read has its own key: --resume keeps the
    page's ok record and tries the cut again."""
    from boilerstrip._sources import read_warc

    gzipped = layout == "gzip"
    path, ends = _warc_gzipped_whole(tmp_path) if layout == "whole" else _warc(tmp_path, gzipped)
    data = path.read_bytes()
    # in the last record's header; in its gzip member's last bytes (its page read whole)
    cuts = {"plain": (ends[-2] + 20,), "gzip": (ends[-2] + 20, len(data) - 2), "whole": (len(data) - 2,)}
    for at in cuts[layout]:
        path.write_bytes(data[:at])
        pages = list(read_warc(path))
        keys = [page.key for page in pages]
        assert len(keys) == len(set(keys)) and pages[-1].error, (at, [p.error for p in pages])


@pytest.mark.parametrize("size", [0, 1_000_000], ids=["small", "1 MB page"])
@pytest.mark.parametrize("back", [20, 30], ids=["in its block", "in its HTTP headers"])
def test_a_warc_cut_then_gzipped_whole_says_so(tmp_path: Path, back: int, size: int) -> None:
    """A plain file cut in the block of a request, its last record, then gzipped whole: the
    stream is whole, fastwarc ends the file quietly, and the last record is checked in the
    inflated bytes the reader held (after a large page's too). Before: silent."""
    from fastwarc import warc

    from boilerstrip._sources import read_warc
    from warc_pages import Response, write_warc

    plain = tmp_path / "crawl.warc"
    bodies = [PAGE.format(n).encode() for n in "ab"]
    bodies[0] += b"<!-- " + b"x" * size + b" -->"
    write_warc(plain, [Response(f"https://example.org/{n}", b) for n, b in zip("ab", bodies)], gzip=False)
    data = plain.read_bytes()
    with plain.open("rb") as stream:
        last = [record.stream_pos for record in warc.ArchiveIterator(stream)][-1]  # the last response
    whole = tmp_path / "crawl.warc.gz"
    whole.write_bytes(gzip.compress(data[: last - back]))
    pages = list(read_warc(whole))
    assert [p.error == "" for p in pages] == [True] * (len(pages) - 1) + [False]
    assert pages[-1].error.startswith("the WARC file ends inside")
    assert len([p for p in pages if p.html]) == 1
