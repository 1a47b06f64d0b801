"""A page's key (its record id, else its origin) is unique in a batch's output: a later page of
an id given before (a JSONL id repeated, a WARC record copied) gets an error record without a
record_id. It gave a second record of the same id, and --resume then kept only the later."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from boilerstrip.batch import run_batch
from optional import needs
from warc_pages import Response, write_warc

PAGE = "<html><body><p>A paragraph of ordinary prose, about the harbour and its boats {}.</p></body></html>"


def _jsonl(folder: Path, ids: list[str | int | None]) -> list[str]:
    lines = [
        json.dumps({"html": PAGE.format(n), "url": f"https://example.org/{n}", "id": i})
        for n, i in enumerate(ids)
    ]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return ["lines.jsonl"]


def _warc(folder: Path, urls: list[str]) -> Path:
    responses = [Response(url, PAGE.format(n).encode()) for n, url in enumerate(urls)]
    write_warc(folder / "a.warc.gz", responses, gzip=True, requests=False)
    return folder / "a.warc.gz"


def _warc_twice(folder: Path) -> list[str]:  # the same file under two names: the same record ids
    shutil.copy(_warc(folder, ["https://example.org/x", "https://example.org/y"]), folder / "b.warc.gz")
    return ["a.warc.gz", "b.warc.gz"]


def _warc_doubled(folder: Path) -> list[str]:  # a file written out twice, one after the other
    data = _warc(folder, ["https://example.org/x"]).read_bytes()
    (folder / "a.warc.gz").write_bytes(data + data)
    return ["a.warc.gz"]


def _same_url_twice(folder: Path) -> list[str]:  # captures at two times: two record ids
    _warc(folder, ["https://example.org/x", "https://example.org/x"])
    return ["a.warc.gz"]


# Each: the inputs, per record of the output (in input order) whether it is ok, and whether
# it reads WARC files.
CASES: dict[str, tuple[Callable[[Path], list[str]], list[bool], bool]] = {
    "jsonl id twice": (lambda f: _jsonl(f, ["a", "b", "a"]), [True, True, False], False),
    "jsonl id three times": (lambda f: _jsonl(f, ["a", "a", "a"]), [True, False, False], False),
    "jsonl int and str id": (lambda f: _jsonl(f, [7, "7"]), [True, False], False),
    "jsonl without ids": (lambda f: _jsonl(f, [None, None]), [True, True], False),
    "jsonl distinct ids": (lambda f: _jsonl(f, ["a", "b"]), [True, True], False),
    "warc copied": (_warc_twice, [True, True, False, False], True),
    "warc doubled": (_warc_doubled, [True, False], True),
    "warc same url twice": (_same_url_twice, [True, True], True),
}


def _records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _key(record: dict[str, Any]) -> str:
    return str(record["record_id"] if record["record_id"] is not None else record["origin"])


@pytest.mark.parametrize(
    "name", [pytest.param(n, marks=[needs("fastwarc", "warcio")] if CASES[n][2] else []) for n in CASES]
)
def test_an_id_given_twice_gives_one_record_of_that_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    make_inputs, oks, _ = CASES[name]
    monkeypatch.chdir(tmp_path)
    inputs = make_inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    summary = run_batch(inputs, out, jobs=1, timeout=0, stderr=io.StringIO())
    records = _records(out)
    assert [r["status"] == "ok" for r in records] == oks
    keys = [_key(r) for r in records]
    assert len(keys) == len(set(keys))  # one record per key
    repeats = oks.count(False)
    assert summary.repeated_ids == repeats and summary.failed is bool(repeats)
    assert ("repeated ids" in summary.describe()) is bool(repeats)
    for record in records:
        if record["status"] != "ok":
            assert record["record_id"] is None and "given before" in record["error"]
            assert record["url"] is not None  # the page is still named
    # --resume keeps the ok records, does the repeats again and gives them the same record
    summary = run_batch(inputs, out, jobs=1, timeout=0, resume=True, stderr=io.StringIO())
    assert (summary.pages, summary.skipped, summary.repeated_ids) == (repeats, len(oks) - repeats, repeats)
    assert sorted(map(json.dumps, _records(out))) == sorted(map(json.dumps, records))
