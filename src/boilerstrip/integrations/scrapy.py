"""Scrapy: an item pipeline that extracts the main content of an item's HTML, and a helper
for a spider's parse callback.

>>> ITEM_PIPELINES = {"boilerstrip.integrations.scrapy.BoilerstripPipeline": 300}

Needs ``pip install 'boilerstrip[scrapy]'``. Importing this module imports Scrapy; nothing
else in boilerstrip does. Extraction runs where Scrapy calls it (the reactor's thread).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.http import Response

from .._errors import BoilerstripError, OptionsError, json_nesting_checked
from .._extract import extract
from .._model import Extraction
from .._options import Options

__all__ = ["FIELDS", "BoilerstripPipeline", "extract_response"]


def _blocks(result: Extraction) -> list[dict[str, Any]]:
    # The shape of the blocks of the batch records.
    return [{"text": b.text, "label": b.label.value, "score": b.score} for b in result.blocks]


# What the pipeline can write into an item: name -> how it is read from the extraction.
FIELDS: Mapping[str, Callable[[Extraction], Any]] = {
    "text": lambda result: result.text,
    "title": lambda result: result.title,
    "language": lambda result: result.language,
    "confidence": lambda result: result.confidence,
    "truncated": lambda result: result.truncated,
    "markdown": lambda result: result.to_markdown(),
    "blocks": _blocks,
}
DEFAULT_FIELDS = ("text", "title", "language", "confidence")


def extract_response(response: Response, options: Options | None = None) -> Extraction:
    """:func:`boilerstrip.extract` of a downloaded page: its body bytes, decoded with the
    charset of its Content-Type header (else the page's meta charset), and its URL."""
    header = response.headers.get("Content-Type")
    content_type = header.decode("latin-1") if header is not None else None
    return extract(response.body, url=response.url, options=options, content_type=content_type)


class BoilerstripPipeline:
    """Writes the main content of ``item[html_field]`` into the item.

    Settings (read by :meth:`from_crawler`):

    - ``BOILERSTRIP_HTML_FIELD`` (``"html"``): the field that holds the page, str or bytes.
      An item without it passes through unchanged.
    - ``BOILERSTRIP_URL_FIELD`` (``"url"``), ``BOILERSTRIP_CONTENT_TYPE_FIELD``
      (``"content_type"``): read when the item has them; the Content-Type header (str or
      bytes) gives the charset of an HTML field in bytes.
    - ``BOILERSTRIP_FIELDS``: which of text, title, language, confidence, truncated, markdown,
      blocks to write, as a list (item keys named the same) or a dict {name: item key};
      default text, title, language, confidence.
    - ``BOILERSTRIP_OPTIONS``: an :class:`~boilerstrip.Options`, or a dict of its fields;
      checked when the crawler starts.
    - ``BOILERSTRIP_DROP_HTML`` (False): remove the HTML field from the item.

    A page that fails (a limit with ``on_limit="raise"``, past ``Options.time_budget``) drops
    its item with :class:`~scrapy.exceptions.DropItem`. Item classes other than dict must
    declare the fields written.
    """

    def __init__(
        self,
        *,
        html_field: str = "html",
        url_field: str = "url",
        content_type_field: str = "content_type",
        fields: Mapping[str, str] | None = None,
        options: Options | None = None,
        drop_html: bool = False,
    ) -> None:
        self.html_field = html_field
        self.url_field = url_field
        self.content_type_field = content_type_field
        self.fields = dict(fields) if fields is not None else {name: name for name in DEFAULT_FIELDS}
        unknown = sorted(set(self.fields) - set(FIELDS))
        if unknown:
            raise OptionsError(f"unknown boilerstrip field {unknown}: choose from {', '.join(FIELDS)}")
        if options is not None and not isinstance(options, Options):
            raise OptionsError(f"options must be an Options, not {type(options).__name__}")
        self.options = options
        self.drop_html = drop_html

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BoilerstripPipeline:
        settings = crawler.settings
        return cls(
            html_field=settings.get("BOILERSTRIP_HTML_FIELD", "html"),
            url_field=settings.get("BOILERSTRIP_URL_FIELD", "url"),
            content_type_field=settings.get("BOILERSTRIP_CONTENT_TYPE_FIELD", "content_type"),
            fields=_fields_setting(_read(settings.getdictorlist, "BOILERSTRIP_FIELDS", list(DEFAULT_FIELDS))),
            options=_options_setting(settings.get("BOILERSTRIP_OPTIONS"), settings.getdict),
            drop_html=settings.getbool("BOILERSTRIP_DROP_HTML", False),
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        # ``spider`` is optional: older Scrapy passes it, newer Scrapy warns when it is required.
        adapter = ItemAdapter(item)
        html = adapter.get(self.html_field)
        if html is None:
            return item
        content_type = adapter.get(self.content_type_field)
        if isinstance(content_type, bytes):  # as response.headers gives it
            content_type = content_type.decode("latin-1")
        try:
            result = extract(
                html, url=adapter.get(self.url_field), options=self.options, content_type=content_type
            )
        except BoilerstripError as error:
            raise DropItem(f"boilerstrip: {type(error).__name__}: {error}") from error
        for name, key in self.fields.items():
            adapter[key] = FIELDS[name](result)
        if self.drop_html:
            del adapter[self.html_field]
        return item


def _read(read: Callable[[str, Any], Any], name: str, default: Any = None) -> Any:
    """``read(name, default)``: a setting Scrapy parses as JSON text; nested too deep, an
    OptionsError (json's RecursionError ended the crawler's start), as BOILERSTRIP_OPTIONS."""
    with json_nesting_checked(name):
        return read(name, default)


def _fields_setting(value: dict[Any, Any] | list[Any]) -> dict[str, str]:
    fields = {str(name): str(name) for name in value} if isinstance(value, list) else value
    if not all(isinstance(key, str) and key for key in fields.values()):
        raise OptionsError(f"BOILERSTRIP_FIELDS: item keys must be non-empty strings, not {fields!r}")
    return fields


def _options_setting(value: Any, getdict: Callable[[str], dict[Any, Any]]) -> Options | None:
    """``BOILERSTRIP_OPTIONS`` as Options: an Options as it is, a dict (or JSON text) of fields."""
    if value is None or isinstance(value, Options):
        return value
    with json_nesting_checked("BOILERSTRIP_OPTIONS"):  # JSON text nested too deep
        try:
            fields = getdict("BOILERSTRIP_OPTIONS")
        except (TypeError, ValueError) as error:
            raise OptionsError(
                f"BOILERSTRIP_OPTIONS must be an Options or a dict of its fields: {error}"
            ) from None
    known = {field.name for field in dataclasses.fields(Options)}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise OptionsError(
            f"BOILERSTRIP_OPTIONS: unknown option {unknown}; Options has {', '.join(sorted(known))}"
        )
    try:
        return Options(**fields)
    except OptionsError as error:
        raise OptionsError(f"BOILERSTRIP_OPTIONS: {error}") from None
