"""``extract()``: the public front of the pipeline, whose stages :mod:`._pipeline` chains
(compiled in the compiled build; this function stays a plain Python function: its signature,
its docstring and its pickling by name are the same in both builds)."""

from __future__ import annotations

from typing import Any

from ._errors import InputError
from ._input import prepare_input as prepare_input  # noqa: PLC0414 (read by _annotate and the tests)
from ._model import Extraction
from ._options import Options
from ._pipeline import Measured as Measured  # noqa: PLC0414 (read by the tests and benchmarks)
from ._pipeline import measure as measure  # noqa: PLC0414 (read by the tests and benchmarks)
from ._pipeline import run as run  # noqa: PLC0414 (swapped by _chain_source for the tests and benchmarks)
from ._surrogates import writable


def extract(
    html: str | bytes | Any,
    *,
    url: str | None = None,
    options: Options | None = None,
    content_type: str | None = None,
) -> Extraction:
    """The main content of an HTML page, with every block labelled.

    ``html`` is the page as text; or as bytes in any encoding, decoded from a byte-order
    mark, else UTF-8 if the bytes are valid UTF-8 and not all ASCII, else the charset of
    ``content_type``, else a meta charset, else windows-1252 (bad bytes never raise; bytes
    read as UTF-8 go to the parser as they are, never made a str of the whole page); or a
    page already parsed, as a selectolax ``LexborHTMLParser`` or an lxml element or tree
    (never modified).
    ``content_type`` is the HTTP Content-Type header value, e.g. ``"text/html;
    charset=iso-8859-1"``: a type that is not text (an image, a PDF) gives an empty result.
    ``url`` is recorded in the result (its lone surrogates as U+FFFD); where the markup names
    no canonical URL it also tells a forum thread by its address. ``options`` defaults to
    ``Options()``.

    Text beyond a limit of ``options`` (characters, elements, nesting depth, attributes of
    a tag) is cut before the first tag past it and the result has ``truncated=True``, or,
    with ``on_limit="raise"``, :class:`LimitError` is raised. An extraction that runs past
    ``options.time_budget`` seconds raises :class:`ExtractionTimeoutError`. Every error derives
    from :class:`BoilerstripError`. Nothing in the page is fetched or run.
    """
    # One call into the chain (_pipeline.run), which checks options and content_type.
    return run(html, checked_url(url), options, content_type)


def checked_url(url: object) -> str | None:
    """``url`` as extract() records it: InputError if not a str or None, and U+FFFD for each
    lone surrogate, which the result's JSON could not be written with as UTF-8."""
    if url is None:
        return None
    if not isinstance(url, str):
        raise InputError(f"url must be str or None, not {type(url).__name__}")
    return writable(url)
