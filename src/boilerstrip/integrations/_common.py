"""What the engine integrations share: pages from table rows, their records, WARC file lists."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .._options import Options
from .._records import RECORD_FIELDS, page_record
from .._sources import WARC_SUFFIXES, SourcePage, folder_files

# The columns of a page, as the WARC readers of the integrations give them.
PAGE_FIELDS = ("html", "url", "record_id", "content_type", "origin", "error")
# A str page is encoded to UTF-8 here, so its header charset must say so: a meta charset
# of the page would otherwise decode the UTF-8 bytes wrongly.
_UTF8_HTML = "text/html; charset=utf-8"


def _text_or_none(value: Any) -> str | None:
    # Table engines hand a missing string over as None or NaN, and strings as numpy.str_.
    return str(value) if isinstance(value, str) else None


def page_of(
    item: SourcePage | Mapping[str, Any], *, html_field: str = "html", url_field: str = "url"
) -> SourcePage:
    """``item`` as a SourcePage: a SourcePage as it is, or a row with the page's fields.

    A row's ``html_field`` is bytes in any encoding or str (handed to extract() as UTF-8);
    ``url_field``, ``record_id``, ``content_type``, ``origin`` and ``error`` may be missing
    or None. A row whose html is neither, or an item that is no mapping, gives a page with
    ``error`` set, which ``page_record`` turns into an error record.
    """
    if isinstance(item, SourcePage):
        return item
    if not hasattr(item, "get"):  # a Bag of str or lists: an error record each, not AttributeError
        why = f"a page must be a SourcePage or a mapping, not {type(item).__name__}"
        return SourcePage(html=b"", url=None, record_id=None, content_type=None, origin="", error=why)
    html = item.get(html_field)
    content_type = _text_or_none(item.get("content_type"))
    error = _text_or_none(item.get("error")) or ""
    if isinstance(html, str):
        html, content_type = html.encode("utf-8", "surrogatepass"), _UTF8_HTML
    elif isinstance(html, (bytearray, memoryview)):
        html = bytes(html)
    elif not isinstance(html, bytes):  # numpy.bytes_ is bytes
        html, error = b"", error or f"{html_field} must be str or bytes, not {type(html).__name__}"
    url = _text_or_none(item.get(url_field))
    record_id = _text_or_none(item.get("record_id"))
    origin = _text_or_none(item.get("origin")) or record_id or url or ""
    return SourcePage(
        html=html, url=url, record_id=record_id, content_type=content_type, origin=origin, error=error
    )


def row_record(
    item: SourcePage | Mapping[str, Any],
    options: Options,
    *,
    blocks: bool = False,
    html_field: str = "html",
    url_field: str = "url",
) -> dict[str, Any]:
    """The record of a page given as a SourcePage or a row (see :func:`page_of`): never
    raises for a page, whose failure gives its error record."""
    return page_record(page_of(item, html_field=html_field, url_field=url_field), options, blocks=blocks)


def record_columns(*, blocks: bool) -> tuple[str, ...]:
    """Every field a record may have, in a fixed order, so all batches share one schema."""
    return tuple(name for name in RECORD_FIELDS if blocks or name != "blocks")


def page_row(page: SourcePage) -> dict[str, Any]:
    """The fields of ``page`` as a row (:data:`PAGE_FIELDS`)."""
    return {name: getattr(page, name) for name in PAGE_FIELDS}


def warc_paths(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """The WARC files of ``paths`` as strings: files as given, folders by their .warc and
    .warc.gz files (recursively, sorted)."""
    items: Iterable[str | os.PathLike[str]] = [paths] if isinstance(paths, (str, os.PathLike)) else paths
    found: list[str] = []
    for item in items:
        path = Path(item)
        if path.is_dir():
            found.extend(str(p) for p in folder_files(path, WARC_SUFFIXES))
        else:
            found.append(str(path))
    return found
