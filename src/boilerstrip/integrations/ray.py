"""Ray Data: extract the pages of a Dataset in a pool of actors.

>>> import ray
>>> from ray.data import ActorPoolStrategy
>>> from boilerstrip.integrations.ray import Extractor, read_warc_dataset
>>> pages = read_warc_dataset(["crawl-00000.warc.gz", "crawl-00001.warc.gz"])
>>> records = pages.map_batches(Extractor, fn_constructor_kwargs={"blocks": True},
...                             compute=ActorPoolStrategy(size=3), batch_size=64)  # 4 CPUs
>>> records.write_parquet("out/")

Each actor builds one :class:`Extractor`, which holds only the :class:`~boilerstrip.Options`
(and warms the pipeline once); every output row is the record
:func:`boilerstrip.batch.page_record` gives for the page, or its error record when the
page raised, so one bad page never fails its batch. Needs ``pip install 'boilerstrip[ray]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .._extract import extract
from .._extras import require
from .._options import Options
from .._sources import read_warc
from ._common import page_row, record_columns, row_record, warc_paths

if TYPE_CHECKING:
    import ray.data

__all__ = ["Extractor", "read_warc_dataset"]

_WARM_UP_PAGE = (
    "<html><head><title>Warm-up</title></head><body><nav><a href='/'>Home</a></nav><p>Text.</p></body></html>"
)


class Extractor:
    """A callable for ``Dataset.map_batches``: a batch of pages in, a batch of records out.

    ``html_column`` holds the page (bytes in any encoding, or str) and ``url_column`` its URL;
    the columns ``record_id``, ``content_type`` (the HTTP header, for the charset),
    ``origin`` and ``error`` are read when present. The output columns are
    :data:`boilerstrip.batch.RECORD_FIELDS` (a field one kind of record lacks is None), with
    ``blocks`` only when ``blocks=True``. Only the options are shipped to the actors.
    """

    def __init__(
        self,
        options: Options | None = None,
        html_column: str = "html",
        url_column: str = "url",
        blocks: bool = False,
    ) -> None:
        self.options = Options() if options is None else options
        self.html_column = html_column
        self.url_column = url_column
        self.blocks = blocks
        self.columns = record_columns(blocks=blocks)
        # Once per actor: the first extract() builds the pipeline's phrase and stopword
        # tables (about 0.25 s), here rather than inside the first batch.
        extract(_WARM_UP_PAGE, options=self.options)

    def __call__(self, batch: Mapping[str, Sequence[Any]] | Any) -> dict[str, list[Any]]:
        """Records for a batch given as columns (``batch_format="numpy"`` or ``"default"``,
        a dict of lists, or a pyarrow Table or pandas DataFrame)."""
        columns = _as_columns(batch)
        if self.html_column not in columns:
            raise KeyError(
                f"no column {self.html_column!r} in the batch (it has {sorted(columns)}): "
                "name the page's column with Extractor(html_column=...)"
            )
        size = len(columns[self.html_column])
        out: dict[str, list[Any]] = {name: [] for name in self.columns}
        for index in range(size):
            row = {name: values[index] for name, values in columns.items()}
            record = row_record(
                row, self.options, blocks=self.blocks, html_field=self.html_column, url_field=self.url_column
            )
            for name in self.columns:
                out[name].append(record.get(name))
        return out


def _as_columns(batch: Any) -> Mapping[str, Sequence[Any]]:
    if hasattr(batch, "to_pydict"):  # pyarrow.Table
        return batch.to_pydict()  # type: ignore[no-any-return]
    if hasattr(batch, "to_dict") and hasattr(batch, "columns"):  # pandas.DataFrame
        return {name: batch[name].tolist() for name in batch.columns}
    return batch  # type: ignore[no-any-return]


def read_warc_dataset(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> ray.data.Dataset:
    """A Dataset of the HTML pages of WARC files, read in parallel, one task per file.

    ``paths`` are .warc or .warc.gz files, or folders of them. Its columns are ``html``
    (bytes), ``url``, ``record_id``, ``content_type`` (the HTTP header), ``origin`` (the
    file and offset of the record) and ``error`` (""), as :func:`boilerstrip.batch.read_warc`
    reads them.
    """
    data: Any = require("ray.data", "ray", "boilerstrip.integrations.ray.read_warc_dataset")
    files = warc_paths(paths)
    if not files:
        raise FileNotFoundError(f"no WARC file in {paths!r}")
    listing = data.from_items([{"path": path} for path in files], override_num_blocks=len(files))
    pages: ray.data.Dataset = listing.flat_map(_pages_of_file)
    return pages


def _pages_of_file(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for page in read_warc(row["path"]):
        yield page_row(page)
