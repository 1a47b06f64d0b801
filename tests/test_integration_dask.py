"""boilerstrip.integrations.dask end to end: WARC files -> Bag -> LocalCluster -> records."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine_pages import OPTIONS, check_records, import_or_skip, write_warcs

import_or_skip("dask.bag", "dask")
distributed = import_or_skip("distributed", "dask")

from boilerstrip.integrations.dask import extract_page, read_warc_bag  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


def test_warc_pages_on_a_local_cluster(client: Any, tmp_path: Path) -> None:
    warcs = write_warcs(tmp_path)
    bag = read_warc_bag(warcs)
    assert bag.npartitions == len(warcs)
    records = bag.map(extract_page, options=OPTIONS, blocks=True).compute()
    check_records(records, warcs)


def test_dict_pages(client: Any, tmp_path: Path) -> None:
    import dask.bag

    rows = [
        {"html": "<html><body><p>Café au lait.</p></body></html>", "url": "https://example.org/a"},
        {"html": None, "url": "https://example.org/b"},
    ]
    records = dask.bag.from_sequence(rows, npartitions=2).map(extract_page).compute()
    assert records[0]["text"] == "Café au lait." and records[0]["url"] == "https://example.org/a"
    assert (
        records[1]["status"] == "error" and records[1]["error"] == "html must be str or bytes, not NoneType"
    )
