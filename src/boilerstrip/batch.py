"""Batch runs over many pages: the input readers, the output records and the supervisor.

>>> from boilerstrip.batch import iter_sources, page_record
>>> from boilerstrip import Options
>>> records = [page_record(page, Options()) for page in iter_sources(["pages/"])]  # doctest: +SKIP
>>> from boilerstrip.batch import run_batch
>>> summary = run_batch(["crawl.warc.gz"], "pages.jsonl", jobs=4, timeout=30)  # doctest: +SKIP

Every engine (the ``boilerstrip batch`` command, :func:`run_batch`, the integrations in
``boilerstrip.integrations``) reads pages as :class:`SourcePage` and writes the records of
:func:`page_record` and :func:`error_record`, so all write the same records.

Standard library only at import; WARC reading needs ``pip install 'boilerstrip[warc]'``.
"""

from ._batch import BatchSummary, run_batch
from ._errors import MissingExtraError
from ._records import ERROR_KINDS, RECORD_FIELDS, error_record, page_record
from ._sources import SourcePage, input_files, iter_sources, read_html_file, read_jsonl, read_path, read_warc

__all__ = [
    "ERROR_KINDS",
    "RECORD_FIELDS",
    "BatchSummary",
    "MissingExtraError",
    "SourcePage",
    "error_record",
    "input_files",
    "iter_sources",
    "page_record",
    "read_html_file",
    "read_jsonl",
    "read_path",
    "read_warc",
    "run_batch",
]
