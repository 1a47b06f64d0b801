"""Output records of batch runs: every engine (the batch command, Ray, Dask, datatrove,
Scrapy) writes its pages with these two functions, so all write the same records.

A record is a flat JSON object: ``url``, ``record_id``, ``origin`` (see SourcePage) and
``status``: ``"ok"`` with ``text``, ``title``, ``language``, ``confidence``, ``truncated``
(and ``blocks`` when asked), or an error kind (:data:`ERROR_KINDS`) with ``error``, the message.
"""

from __future__ import annotations

from typing import Any

from ._errors import ExtractionTimeoutError
from ._extract import extract
from ._options import Options
from ._sources import SourcePage
from ._surrogates import writable

# "timeout": past the deadline (the parent's, or Options.time_budget inside extract());
# "crash": the worker process died on the page; "error": an exception, or not a page.
ERROR_KINDS = ("timeout", "crash", "error")
# Every field a record may have, in the order they are written (the Parquet columns).
RECORD_FIELDS = (
    "url", "record_id", "origin", "status", "error",
    "title", "language", "confidence", "truncated", "text", "blocks",
)  # fmt: skip


def _head(page: SourcePage) -> dict[str, Any]:
    return {"url": page.url, "record_id": page.record_id, "origin": page.origin}


def error_record(page: SourcePage, kind: str, message: str) -> dict[str, Any]:
    """The record of a page that gave no extraction: ``kind`` is one of :data:`ERROR_KINDS`."""
    if kind not in ERROR_KINDS:
        raise ValueError(f"error kind must be one of {', '.join(ERROR_KINDS)}, not {kind!r}")
    return {**_head(page), "status": kind, "error": writable(message)}


def page_record(page: SourcePage, options: Options, *, blocks: bool = False) -> dict[str, Any]:
    """Extract ``page`` and return its record; with ``blocks``, also every block as
    {text, label, score}. Never raises for a page: an extraction past ``options.time_budget``
    gives an error record of kind "timeout", any other exception (or a page whose reader set
    ``error``) one of kind "error" with the message."""
    if page.error:
        return error_record(page, "error", page.error)
    try:
        result = extract(page.html, url=page.url, options=options, content_type=page.content_type)
    except ExtractionTimeoutError as error:
        return error_record(page, "timeout", str(error))
    except Exception as error:  # one record per page: the batch goes on
        return error_record(page, "error", f"{type(error).__name__}: {error}")
    record = {
        **_head(page),
        "status": "ok",
        "title": result.title,
        "language": result.language,
        "confidence": result.confidence,
        "truncated": result.truncated or page.truncated,  # cut by extract(), or by the reader
        "text": result.text,
    }
    if blocks:
        record["blocks"] = [{"text": b.text, "label": b.label.value, "score": b.score} for b in result.blocks]
    return record
