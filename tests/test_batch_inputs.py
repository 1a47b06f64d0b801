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
