"""The Scrapy pipeline and parse helper: a real crawl of the fixture pages over a local
http.server, and the pipeline's settings.

Skipped when the extra is missing (pip install -e '.[scrapy]'), unless
BOILERSTRIP_REQUIRE_INTEGRATIONS=1 (CI), where a missing extra fails.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from boilerstrip import Options, OptionsError, extract

if os.environ.get("BOILERSTRIP_REQUIRE_INTEGRATIONS") != "1":
    pytest.importorskip(
        "scrapy",
        reason="scrapy is missing: pip install -e '.[scrapy]' "
        "(with BOILERSTRIP_REQUIRE_INTEGRATIONS=1 this fails instead)",
    )

from scrapy.exceptions import DropItem
from scrapy.settings import Settings

from boilerstrip.integrations import scrapy as integration
from boilerstrip.integrations.scrapy import BoilerstripPipeline

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("*.html"))
SEED = (FIXTURES / "news_seed.html").read_bytes()
CRAWL_SCRIPT = Path(__file__).parent / "scrapy_crawl.py"
CRAWL_TIMEOUT_S = 120  # the crawl takes a few seconds; this only stops a hung reactor


class _FixtureHandler(SimpleHTTPRequestHandler):
    """Serves tests/fixtures, and at / an index page that links every fixture page."""

    def do_GET(self) -> None:
        if self.path != "/":
            super().do_GET()
            return
        links = "".join(f'<li><a href="/{page.name}">{page.stem}</a></li>' for page in PAGES)
        body = f"<!doctype html><html><body><ul>{links}</ul></body></html>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_FixtureHandler, directory=str(FIXTURES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture(scope="module")
def crawled(server: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The items of a crawl of the fixture pages, by page name."""
    out = tmp_path_factory.mktemp("scrapy") / "items.jsonl"
    done = subprocess.run(
        [sys.executable, str(CRAWL_SCRIPT), f"{server}/", str(out)],
        capture_output=True,
        text=True,
        timeout=CRAWL_TIMEOUT_S,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "ERROR" not in done.stderr, done.stderr[-3000:]  # no failed request or item
    items = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    return {item["url"].rsplit("/", 1)[1]: item for item in items}


def test_every_page_is_crawled_once(crawled: dict[str, dict[str, Any]]) -> None:
    assert sorted(crawled) == [page.name for page in PAGES]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.stem)
def test_crawled_item_holds_the_extraction(page: Path, crawled: dict[str, dict[str, Any]]) -> None:
    expected = extract(page.read_bytes())
    item = crawled[page.name]
    assert item["text"] == expected.text
    assert item["helper_text"] == expected.text
    assert item["title"] == expected.title
    assert item["language"] == expected.language
    assert item["confidence"] == pytest.approx(expected.confidence)
    assert item["markdown"] == expected.to_markdown()
    assert [block["label"] for block in item["boilerstrip_blocks"]] == [
        block.label.value for block in expected.blocks
    ]
    assert "html" not in item  # BOILERSTRIP_DROP_HTML


# -- the pipeline in this process (no reactor) ---------------------------------------------


def _pipeline(**settings: Any) -> BoilerstripPipeline:
    # from_crawler reads only the crawler's settings; a real Crawler needs a reactor here.
    return BoilerstripPipeline.from_crawler(SimpleNamespace(settings=Settings(settings)))  # type: ignore[arg-type]


def test_default_fields_are_written_and_the_html_kept() -> None:
    item = _pipeline().process_item({"html": SEED, "url": "https://example.org/a"})
    expected = extract(SEED)
    assert item["text"] == expected.text
    assert item["title"] == expected.title
    assert item["language"] == expected.language
    assert item["confidence"] == pytest.approx(expected.confidence)
    assert set(item) == {"html", "url", "text", "title", "language", "confidence"}


def test_html_field_fields_and_options_come_from_the_settings() -> None:
    pipeline = _pipeline(
        BOILERSTRIP_HTML_FIELD="body",
        BOILERSTRIP_FIELDS="text,truncated",
        BOILERSTRIP_OPTIONS='{"decision": "threshold", "threshold": 0.65}',
    )
    item = pipeline.process_item({"body": SEED.decode("utf-8")})
    assert item["text"] == extract(SEED, options=Options.precision()).text
    assert set(item) == {"body", "text", "truncated"}


def test_an_options_object_is_taken() -> None:
    options = Options.recall(include_comments=True)
    assert _pipeline(BOILERSTRIP_OPTIONS=options).options == options  # Scrapy copies settings


def test_item_without_html_passes_through() -> None:
    item = {"name": "not a page"}
    assert _pipeline().process_item(item) == {"name": "not a page"}


@pytest.mark.parametrize(
    "header", ["text/html; charset=iso-8859-1", b"text/html; charset=iso-8859-1"], ids=["str", "bytes"]
)
def test_content_type_field_gives_the_charset(header: str | bytes) -> None:
    page = "<html><body><h1>Café</h1><p>Crème brûlée and more words in this paragraph.</p></body></html>"
    item = _pipeline().process_item({"html": page.encode("iso-8859-1"), "content_type": header})
    assert "Crème brûlée" in item["text"]


@dataclasses.dataclass
class _Page:
    html: str
    text: str = ""
    title: str = ""
    language: str = ""
    confidence: float = 0.0


def test_dataclass_item_through_itemadapter() -> None:
    item = _pipeline().process_item(_Page(html=SEED.decode("utf-8")))
    assert item.text == extract(SEED).text


def test_failed_page_drops_the_item() -> None:
    pipeline = _pipeline(BOILERSTRIP_OPTIONS={"max_input_chars": 100, "on_limit": "raise"})
    with pytest.raises(DropItem, match="LimitError"):
        pipeline.process_item({"html": SEED})


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"BOILERSTRIP_OPTIONS": {"threshold": 2}}, "BOILERSTRIP_OPTIONS: threshold must be in"),
        ({"BOILERSTRIP_OPTIONS": {"treshold": 0.6}}, r"unknown option \['treshold'\]"),
        ({"BOILERSTRIP_OPTIONS": "not json"}, "BOILERSTRIP_OPTIONS must be an Options or a dict"),
        ({"BOILERSTRIP_FIELDS": ["text", "summary"]}, r"unknown boilerstrip field \['summary'\]"),
        # JSON text nested too deep: json's RecursionError ended the crawler's start
        (
            {"BOILERSTRIP_OPTIONS": "[" * 100_000 + "]" * 100_000},
            "BOILERSTRIP_OPTIONS: its JSON nests too deep",
        ),
        ({"BOILERSTRIP_OPTIONS": '{"weights": ' + "[" * 100_000 + "]" * 100_000 + "}"}, "nests too deep"),
        (
            {"BOILERSTRIP_FIELDS": "[" * 100_000 + "]" * 100_000},
            "BOILERSTRIP_FIELDS: its JSON nests too deep",
        ),
    ],
    ids=[
        "out-of-range",
        "misspelt",
        "not-a-dict",
        "unknown-field",
        "deep-options",
        "deep-value",
        "deep-fields",
    ],
)
def test_bad_settings_fail_when_the_crawler_starts(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(OptionsError, match=message):
        _pipeline(**settings)


def test_exported_names() -> None:
    assert sorted(integration.__all__) == sorted(["FIELDS", "BoilerstripPipeline", "extract_response"])
    for name in integration.__all__:
        assert getattr(integration, name) is not None
