"""An input file named twice to a batch run is read once: its pages gave two records each,
of one key when named alike, and --resume then kept one of them."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from boilerstrip.batch import run_batch

PAGE = "<html><body><p>A paragraph of ordinary prose, about the harbour and its boats {}.</p></body></html>"


def _layout(folder: Path) -> None:
    (folder / "pages" / "sub").mkdir(parents=True)
    for name in ("a", "b", "sub/c"):
        (folder / "pages" / f"{name}.html").write_text(PAGE.format(name), "utf-8")
    lines = [json.dumps({"html": PAGE.format(n), "id": n}) for n in ("j1", "j2")]
    (folder / "lines.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    os.symlink(folder / "pages" / "a.html", folder / "link.html")


# Each: the inputs (relative to the test's folder, its cwd), the pages read, the repeats.
CASES: dict[str, tuple[Callable[[Path], list[str]], int, int]] = {
    "a file twice": (lambda _: ["pages/a.html", "pages/a.html"], 1, 1),
    "a folder and a file in it": (lambda _: ["pages", "pages/sub/c.html"], 3, 1),
    "a file, then its folder": (lambda _: ["pages/b.html", "pages"], 3, 1),
    "a folder and its subfolder": (lambda _: ["pages", "pages/sub"], 3, 1),
    "a folder twice": (lambda _: ["pages", "./pages/"], 3, 3),
    "relative and absolute": (lambda tmp: ["pages/a.html", str(tmp / "pages" / "a.html")], 1, 1),
    "a link to a file named too": (lambda _: ["pages/a.html", "link.html"], 1, 1),
    "a jsonl twice": (lambda _: ["lines.jsonl", "lines.jsonl"], 2, 1),
    "distinct files": (lambda _: ["pages/a.html", "pages/b.html", "lines.jsonl"], 4, 0),
}


def _records(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.mark.parametrize("name", list(CASES))
def test_a_file_named_twice_is_read_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    make_inputs, pages, repeats = CASES[name]
    _layout(tmp_path)
    monkeypatch.chdir(tmp_path)
    inputs = make_inputs(tmp_path)
    out = tmp_path / "out.jsonl"
    stderr = io.StringIO()
    summary = run_batch(inputs, out, jobs=1, timeout=0, stderr=stderr)
    records = _records(out)
    keys = [r["record_id"] or r["origin"] for r in records]
    assert len(keys) == len(set(keys)) == pages == summary.pages == summary.ok
    assert summary.repeated_inputs == repeats and not summary.failed
    assert stderr.getvalue().count("named before, read once") == repeats
    assert ("named twice, read once" in summary.describe()) is bool(repeats)
    # --resume keeps every record and reads no page again
    summary = run_batch(inputs, out, jobs=1, timeout=0, resume=True, stderr=io.StringIO())
    assert (summary.pages, summary.skipped) == (0, pages)
    assert sorted(map(json.dumps, _records(out))) == sorted(map(json.dumps, records))
