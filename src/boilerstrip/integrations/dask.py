"""Dask: extract the pages of a Bag, on any Dask scheduler.

>>> import json
>>> from dask.distributed import Client
>>> from boilerstrip.integrations.dask import extract_page, read_warc_bag
>>> client = Client()                                   # or any cluster
>>> pages = read_warc_bag(["crawl-00000.warc.gz", "crawl-00001.warc.gz"])
>>> records = pages.map(extract_page)
>>> records.map(json.dumps).to_textfiles("out/*.jsonl")

Every record is the one :func:`boilerstrip.batch.page_record` gives for the page, or its
error record when the page raised, so one bad page never fails its partition. Needs
``pip install 'boilerstrip[dask]'``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from .._extras import require
from .._options import Options
from .._sources import SourcePage, read_warc
from ._common import row_record, warc_paths

if TYPE_CHECKING:
    import dask.bag

__all__ = ["extract_page", "read_warc_bag"]


def extract_page(
    page: SourcePage | Mapping[str, Any], options: Options | None = None, blocks: bool = False
) -> dict[str, Any]:
    """The record of one page, for ``bag.map(extract_page)``.

    ``page`` is a :class:`~boilerstrip.batch.SourcePage` (as :func:`read_warc_bag` gives
    them) or a mapping with an ``html`` field (str, or bytes in any encoding) and optionally
    ``url``, ``record_id``, ``content_type`` (the HTTP header, for the charset) and
    ``origin``. Pass options as ``bag.map(extract_page, options=Options.precision())``.
    """
    return row_record(page, Options() if options is None else options, blocks=blocks)


def read_warc_bag(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> dask.bag.Bag:
    """A Bag of the HTML pages (:class:`~boilerstrip.batch.SourcePage`) of WARC files, one
    partition per file, read lazily by the workers.

    ``paths`` are .warc or .warc.gz files, or folders of them.
    """
    bag: Any = require("dask.bag", "dask", "boilerstrip.integrations.dask.read_warc_bag")
    files = warc_paths(paths)
    if not files:
        raise FileNotFoundError(f"no WARC file in {paths!r}")
    pages: dask.bag.Bag = bag.from_sequence(files, npartitions=len(files)).map_partitions(_pages_of_files)
    return pages


def _pages_of_files(files: Iterable[str]) -> Iterator[SourcePage]:
    for path in files:
        yield from read_warc(path)
