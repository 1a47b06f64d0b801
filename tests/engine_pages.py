"""The WARC files of the engine integration tests (Ray, Dask) and the check that an engine's
records are those made in-process."""

from __future__ import annotations

import importlib
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from boilerstrip import Options
from boilerstrip.batch import page_record, read_warc
from optional import REQUIRED
from warc_pages import FIXTURES, Response, cp1251_page, write_warc

PAGES = sorted(FIXTURES.glob("*.html"))
# One page nested past this depth raises LimitError under OPTIONS; the fixture pages stay
# far below it (at most 56 open elements on the development pages).
RAISING_DEPTH = 300
OPTIONS = Options(max_depth=RAISING_DEPTH, on_limit="raise")
RAISING_URL = "https://example.org/deep"
RAISING_PAGE = b"<html><body>" + b"<div>" * (2 * RAISING_DEPTH) + b"<p>deep</p></body></html>"
# Served in windows-1251 with the charset in the HTTP header only: the engine must pass the
# header on for the text to come out right.
CP1251_URL = "https://example.org/russian_news"


def import_or_skip(name: str, extra: str) -> ModuleType:
    """The module ``name``, or a skip of the test module when the extra is not installed
    (a failure when BOILERSTRIP_REQUIRE_INTEGRATIONS=1, as in CI)."""
    try:
        return importlib.import_module(name)
    except ImportError:
        if REQUIRED:
            raise
        pytest.skip(
            f"{name} is not installed (pip install 'boilerstrip[{extra}]'); "
            "with BOILERSTRIP_REQUIRE_INTEGRATIONS=1 this fails instead",
            allow_module_level=True,
        )


def write_warcs(folder: Path, files: int = 2) -> list[Path]:
    """The fixture pages spread over ``files`` gzipped WARC files (russian_news in
    windows-1251), the first with a PNG response (not a page) and the raising page too."""
    responses = [
        Response(CP1251_URL, cp1251_page(), "text/html; charset=windows-1251")
        if page.stem == "russian_news"
        else Response(f"https://example.org/{page.stem}", page.read_bytes())
        for page in PAGES
    ]
    paths = [folder / f"pages-{number}.warc.gz" for number in range(files)]
    for number, path in enumerate(paths):
        extra = [Response("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png"),
                 Response(RAISING_URL, RAISING_PAGE, None)] if number == 0 else []  # fmt: skip
        write_warc(path, responses[number::files] + extra, gzip=True)
    return paths


def labels(blocks: Any) -> Counter[str]:
    return Counter(str(block["label"]) for block in blocks)


def check_records(engine_records: list[dict[str, Any]], warcs: list[Path]) -> None:
    """Each page of ``warcs`` has one engine record, equal to the one made here in-process."""
    local = {
        page.origin: page_record(page, OPTIONS, blocks=True) for path in warcs for page in read_warc(path)
    }
    by_origin = {record["origin"]: record for record in engine_records}
    assert len(by_origin) == len(engine_records) == len(local) == len(PAGES) + 1
    assert by_origin.keys() == local.keys()
    for origin, expected in local.items():
        got = by_origin[origin]
        assert (got["url"], got["record_id"], got["status"]) == (
            expected["url"], expected["record_id"], expected["status"]
        ), origin  # fmt: skip
        if got["url"] == RAISING_URL:
            assert got["status"] == "error" and got["error"].startswith("LimitError")
            continue
        assert got["status"] == "ok", (origin, got["error"])
        for field in ("text", "title", "language", "confidence", "truncated"):
            assert got[field] == expected[field], (origin, field)
        assert labels(got["blocks"]) == labels(expected["blocks"]), origin
    russian = next(r for r in engine_records if r["url"] == CP1251_URL)
    assert russian["text"] == (FIXTURES / "russian_news.txt").read_text("utf-8").strip()
