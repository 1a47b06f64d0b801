"""The datatrove step: WarcReader -> Boilerstrip -> JsonlWriter on the local executor.

Skipped when the extra is missing (pip install -e '.[datatrove]'), unless
BOILERSTRIP_REQUIRE_INTEGRATIONS=1 (CI), where a missing extra fails.
"""

from __future__ import annotations

import io
import json
import os
import pickle
import time
from collections import Counter
from pathlib import Path

import pytest

from boilerstrip import Options, extract

if os.environ.get("BOILERSTRIP_REQUIRE_INTEGRATIONS") != "1":
    for _module in ("datatrove", "warcio", "orjson", "cchardet", "magic"):
        pytest.importorskip(
            _module,
            reason=f"{_module} is missing: pip install -e '.[datatrove]' "
            "(with BOILERSTRIP_REQUIRE_INTEGRATIONS=1 this fails instead)",
        )

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from boilerstrip.integrations import datatrove as integration
from boilerstrip.integrations.datatrove import Boilerstrip

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("*.html"))
EMPTY_PAGE = FIXTURES / "empty_page.html"  # the one page without main text: the step drops it
SEED = (FIXTURES / "news_seed.html").read_text("utf-8")


def _url(page: Path) -> str:
    return f"http://fixtures.test/{page.name}"


def _write_warc(path: Path, pages: list[Path]) -> None:
    """One gzipped WARC with a response record per page, as a crawler writes them."""
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                _url(page),
                "response",
                payload=io.BytesIO(page.read_bytes()),
                http_headers=headers,
                warc_headers_dict={"WARC-Identified-Payload-Type": "text/html"},
            )
            writer.write_record(record)


@pytest.fixture(scope="module")
def pipeline_output(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, object]]:
    """The JSONL records of the whole pipeline over a WARC of every fixture page, by URL."""
    root = tmp_path_factory.mktemp("datatrove")
    (root / "warc").mkdir()
    _write_warc(root / "warc" / "pages.warc.gz", PAGES)
    executor = LocalPipelineExecutor(
        pipeline=[
            WarcReader(str(root / "warc")),
            Boilerstrip(timeout=60),  # generous: CI machines are shared; the default is 2 s
            JsonlWriter(str(root / "out"), compression=None),
        ],
        tasks=1,
        workers=1,
        logging_dir=str(root / "logs"),
    )
    executor.run()
    lines = (root / "out" / "00000.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    return {record["metadata"]["url"]: record for record in records}


def test_pages_with_text_come_out_and_the_empty_page_is_dropped(
    pipeline_output: dict[str, dict[str, object]],
) -> None:
    assert extract(EMPTY_PAGE.read_bytes()).text == ""
    assert set(pipeline_output) == {_url(page) for page in PAGES if page != EMPTY_PAGE}


@pytest.mark.parametrize("page", [p for p in PAGES if p != EMPTY_PAGE], ids=lambda page: page.stem)
def test_record_matches_extract(page: Path, pipeline_output: dict[str, dict[str, object]]) -> None:
    expected = extract(page.read_bytes())
    record = pipeline_output[_url(page)]
    assert record["text"] == expected.text
    metadata = record["metadata"]
    assert isinstance(metadata, dict)
    assert metadata["confidence"] == pytest.approx(expected.confidence)
    assert metadata["labels"] == dict(Counter(block.label.value for block in expected.blocks))
    assert metadata["title"] == expected.title
    assert metadata["language"] == expected.language
    assert metadata["truncated"] is False
    assert metadata["date"]  # WarcReader's own metadata is kept


def test_extract_of_empty_text_is_empty() -> None:
    assert Boilerstrip().extract("") == ""


def test_extract_returns_the_main_text_with_the_options_given() -> None:
    options = Options.precision()
    assert Boilerstrip(options).extract(SEED) == extract(SEED, options=options).text


def test_step_pickles_with_its_options() -> None:
    step = pickle.loads(pickle.dumps(Boilerstrip(Options.recall(), timeout=5)))
    assert step.options == Options.recall()
    assert step.timeout == 5


def test_options_must_be_options() -> None:
    with pytest.raises(TypeError, match="Options"):
        Boilerstrip({"threshold": 0.6})  # type: ignore[arg-type]


def _documents(*texts: str) -> list[Document]:
    return [Document(text=text, id=str(i)) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("options", "stat", "kept_ids"),
    [
        # The seed page is past the limit, the short page within it.
        (Options(max_input_chars=100, on_limit="raise"), "clean_error", ["1"]),
        # No page is quick enough for the budget.
        (Options(time_budget=1e-9), "timeout", []),
    ],
    ids=["limit-error", "time-budget"],
)
def test_failed_page_is_counted_and_skipped(options: Options, stat: str, kept_ids: list[str]) -> None:
    step = Boilerstrip(options, timeout=60)
    kept = list(step.run(iter(_documents(SEED, "<p>A short page of one sentence.</p>"))))
    assert step.stats[stat].total == 2 - len(kept_ids)
    assert step.stats["broken_process"].total == 0  # errors come back as values: no restart
    assert [doc.id for doc in kept] == kept_ids


class _Misbehaving(Boilerstrip):
    """Hangs on a page that says HANG and ends its process on one that says CRASH."""

    def _extract_document(self, text: str) -> object:
        if "HANG" in text:
            time.sleep(60)
        if "CRASH" in text:
            os._exit(1)
        return super()._extract_document(text)


@pytest.mark.parametrize(("marker", "stat"), [("HANG", "timeout"), ("CRASH", "broken_process")])
def test_sandbox_drops_a_hung_or_crashed_page_and_goes_on(marker: str, stat: str) -> None:
    step = _Misbehaving(timeout=3)
    kept = list(step.run(iter(_documents(f"<p>{marker}</p>", SEED))))
    assert step.stats[stat].total == 1
    assert [doc.text for doc in kept] == [extract(SEED).text]


def test_exported_names() -> None:
    assert sorted(integration.__all__) == sorted(["Boilerstrip", "document_metadata"])
    for name in integration.__all__:
        assert getattr(integration, name) is not None
