"""boilerstrip.integrations.ray end to end: WARC files -> Dataset -> actor pool -> records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine_pages import OPTIONS, PAGES, check_records, import_or_skip, write_warcs

ray = import_or_skip("ray", "ray")
import_or_skip("ray.data", "ray")

from boilerstrip.batch import RECORD_FIELDS  # noqa: E402
from boilerstrip.integrations.ray import Extractor, read_warc_dataset  # noqa: E402

# Ray Data warns about its own deprecated settings when it copies its context to workers.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context")
# Just above Ray's minimum object store (75 MiB); the pages of the test take well under 1 MB.
OBJECT_STORE_BYTES = 80 * 1024 * 1024


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(
        num_cpus=2,
        object_store_memory=OBJECT_STORE_BYTES,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
    )
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        yield
    finally:
        ray.shutdown()


def _row(row: dict[str, Any]) -> dict[str, Any]:
    # Ray hands list columns back as numpy arrays of dicts.
    return {**row, "blocks": list(row["blocks"]) if row.get("blocks") is not None else None}


def test_warc_pages_through_an_actor_pool(local_ray: None, tmp_path: Path) -> None:
    warcs = write_warcs(tmp_path)
    pages = read_warc_dataset(tmp_path)
    records = pages.map_batches(
        Extractor,
        fn_constructor_kwargs={"options": OPTIONS, "blocks": True},
        # One actor less than the CPUs: the reading tasks need the other one.
        compute=ray.data.ActorPoolStrategy(size=1),
        batch_size=4,
    )
    check_records([_row(row) for row in records.take_all()], warcs)


def test_dataset_columns(local_ray: None, tmp_path: Path) -> None:
    write_warcs(tmp_path, files=1)
    pages = read_warc_dataset(tmp_path / "pages-0.warc.gz")
    assert sorted(pages.columns()) == ["content_type", "error", "html", "origin", "record_id", "url"]
    assert pages.count() == len(PAGES) + 1  # and the raising page; not the PNG


# -- the callable alone, as map_batches calls it -------------------------------------------


def test_extractor_keeps_every_row_of_a_batch() -> None:
    extractor = Extractor(html_column="body", url_column="link")
    batch = {
        "body": ["<html><body><p>Café au lait.</p></body></html>", b"\xef\xbb\xbf<p>BOM</p>", None],
        "link": ["https://example.org/a", None, "https://example.org/c"],
    }
    out = extractor(batch)
    assert list(out) == [name for name in RECORD_FIELDS if name != "blocks"]
    assert out["status"] == ["ok", "ok", "error"]
    assert out["text"][:2] == ["Café au lait.", "BOM"]
    assert out["url"] == batch["link"]
    assert out["error"][2] == "body must be str or bytes, not NoneType"


CP1251_ROW = {
    "html": "<html><body><p>Привет, мир.</p></body></html>".encode("cp1251"),
    "url": "u",
    "content_type": "text/html; charset=windows-1251",
}


def _numpy_batch() -> Any:
    import numpy

    return {name: numpy.array([value], dtype=object) for name, value in CP1251_ROW.items()}


def _pyarrow_batch() -> Any:
    import pyarrow

    return pyarrow.table({name: [value] for name, value in CP1251_ROW.items()})


def _pandas_batch() -> Any:
    import pandas

    return pandas.DataFrame({name: [value] for name, value in CP1251_ROW.items()})


@pytest.mark.parametrize("make_batch", [_numpy_batch, _pyarrow_batch, _pandas_batch])
def test_extractor_reads_each_batch_format(make_batch: Any) -> None:
    # The charset is only in the content_type column: it must reach extract().
    out = Extractor(blocks=True)(make_batch())
    assert out["text"] == ["Привет, мир."]
    assert out["url"] == ["u"]
    assert [block["label"] for block in out["blocks"][0]] == ["content"]


def test_extractor_names_a_missing_html_column() -> None:
    with pytest.raises(KeyError, match="html_column"):
        Extractor(html_column="body")({"html": [b"<p>x</p>"]})
