"""URLs the output formats may show: resolved against the page's URL, and safe to follow."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._model import Link

_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Browsers strip ASCII whitespace and controls around a URL and drop tabs and newlines
# inside it ("java\tscript:" runs): the same is done before the scheme is checked.
_EDGES = "".join(map(chr, range(0x21)))
_INSIDE = re.compile(r"[\x00-\x1f\x7f]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) URL that relative URLs can be resolved against."""
    return bool(url) and re.match(r"(?i)https?://[^/\s]", url or "") is not None


def safe_url(href: str, base: str | None) -> str | None:
    """``href`` resolved against ``base`` (when it is an http(s) URL), or None when it is
    not an http(s), mailto or relative URL (``javascript:``, ``data:``, ``vbscript:``)."""
    cleaned = _INSIDE.sub("", href.strip(_EDGES)).replace(" ", "%20")
    if not cleaned:
        return None
    scheme = _SCHEME.match(cleaned)
    if scheme is not None and scheme.group(1).lower() not in _SAFE_SCHEMES:
        return None
    if base is not None and is_web_url(base):
        from urllib.parse import urljoin  # imported on first use: it adds to the import time of boilerstrip

        try:
            cleaned = urljoin(base, cleaned)
        except ValueError:  # an invalid IPv6 host, say
            return None
        scheme = _SCHEME.match(cleaned)
        if scheme is None or scheme.group(1).lower() not in _SAFE_SCHEMES:
            return None
    return cleaned


def link_runs(text: str, spans: Sequence[Link], base: str | None) -> list[tuple[str, str | None]]:
    """``text`` cut at its links into (run, href) pairs, in order: href is the link's safe
    URL (:func:`safe_url`), or None for text outside links and for links whose URL is not
    safe (their text stays, unlinked). Markdown and HTML render the runs each their way."""
    runs: list[tuple[str, str | None]] = []
    at = 0
    for link in spans:
        runs.append((text[at : link.start], None))
        runs.append((text[link.start : link.end], safe_url(link.href, base)))
        at = link.end
    runs.append((text[at:], None))
    return runs


def host_and_path(url: str, base: str | None = None) -> tuple[str, str] | None:
    """The lowercased host and the path ("/" when empty) of ``url``, resolved against
    ``base`` when given; None when it cannot be read (an invalid IPv6 host, say)."""
    from urllib.parse import urljoin, urlsplit  # imported on first use, as in safe_url

    try:
        parts = urlsplit(urljoin(base, url.strip()) if base else url.strip())
    except ValueError:
        return None
    return parts.netloc.lower(), parts.path or "/"
