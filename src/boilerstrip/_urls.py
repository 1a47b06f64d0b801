"""URLs the output formats may show: resolved against the page's URL, and safe to follow."""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

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


def cell_spans(cells: Sequence[str], links: Sequence[Link]) -> list[list[Link]]:
    """The links of each cell of a table row, with offsets in the cell's text: the row's
    text is its cells joined by " | ", its links' offsets are the row's. A link that spans
    two cells is in neither. Each link is put in the one cell that may hold it (the last
    to start at or before it), so that a row of many linked cells costs the cells plus
    the links, not the one times the other."""
    from ._model import Link  # imported here, as it is for type checking above

    starts, at = [], 0
    for cell in cells:
        starts.append(at)
        at += len(cell) + 3
    spans: list[list[Link]] = [[] for _ in cells]
    for k in links:
        i = bisect_right(starts, k.start) - 1
        if i >= 0 and k.end <= starts[i] + len(cells[i]):
            spans[i].append(Link(k.start - starts[i], k.end - starts[i], k.href))
    return spans


def host_and_path(url: str, base: str | None = None) -> tuple[str, str] | None:
    """The lowercased host and the path ("/" when empty) of ``url``, resolved against
    ``base`` when given; None when it cannot be read (an invalid IPv6 host, say).

    The same answer as ``urlsplit(urljoin(base, url))`` (:func:`_joined_host_and_path`,
    which tests/test_urls.py compares it with), without the join where it changes
    nothing that is read: a URL with a scheme of its own keeps its host and path (the join
    only puts it back together), a path from the root ("/jewelry/hoops") takes the base's
    host as it is (the join's work is the dot segments, which it then has none of), a
    protocol-relative one ("//cdn.example/x") keeps its own, and a query or fragment alone
    ("#top") the base's host and path. A join cost about 20,000 instructions (two splits
    of new strings and a put-together), a split of a new string (past urllib's cache)
    about 5,000: a plainly written http(s) or protocol-relative URL is read here
    (:func:`_authority`)."""
    parse = _parse()
    url = url.strip()
    if not base:
        try:
            parts = parse.urlsplit(url)
        except ValueError:
            return None
        return parts.netloc.lower(), parts.path or "/"
    try:
        based = parse.urlsplit(base)  # urllib's cache: the page's one base, split once
    except ValueError:  # the join splits it too, whatever the URL
        return None
    scheme = based.scheme
    # The join keeps the URL's host (or the base's) and puts the parts back as they were.
    plain = bool(based.netloc) and scheme in parse.uses_relative and scheme in parse.uses_netloc
    if url[:1] == "/" and url[1:2] != "/" and "\t" not in url and "\n" not in url and "\r" not in url:
        # A path from the root (without the tab, newline or carriage return urlsplit
        # removes): its path is up to its query or fragment; without a parameter (";") or
        # a dot segment ("/." covers them all) the join keeps it.
        path = url.split("#", 1)[0].split("?", 1)[0]
        if plain and ";" not in path and "/." not in path:
            return based.netloc.lower(), path
    elif url[:2] == "//":
        # Protocol-relative: the base's scheme, the URL's own host (when it has one) and path.
        found = _authority(url) if plain else None
        if found is not None and found[0]:
            return found[0].lower(), found[1] or "/"
    elif url[:1] == "#" or url[:1] == "?":
        # A fragment or query alone: the base's host and path.
        if plain:
            return based.netloc.lower(), based.path or "/"
    elif url[:1].isascii() and url[:1].isalpha() and ":" in url:
        # A scheme of its own, perhaps: the join gives the URL back, or the same parts (the
        # split below reads it as the join's own split does).
        at = url.find(":")
        if url[:at].lower() in _WEB_SCHEMES and url[at + 1 : at + 3] == "//":
            found = _authority(url[at + 1 :])
            if found is not None and found[0] and ";" not in found[1]:
                return found[0].lower(), found[1] or "/"
        try:
            parts = parse.urlsplit(url)
        except ValueError:
            return None
        own = parts.scheme
        if own and (
            own != scheme
            or own not in parse.uses_relative
            or (own in parse.uses_netloc and parts.netloc and ";" not in parts.path)
        ):
            return parts.netloc.lower(), parts.path or "/"
    return _joined_host_and_path(url, base)


# http and https: in urllib's uses_relative and uses_netloc, on every Python version.
_WEB_SCHEMES: Final = frozenset({"http", "https"})


def _authority(rest: str) -> tuple[str, str] | None:
    """urlsplit's netloc and path of ``rest``, a URL after its scheme that starts with "//",
    where it is plainly written: printable ASCII (nothing urlsplit strips, removes or
    checks: no tab, newline or non-ASCII host) without brackets (an IPv6 host, which
    urlsplit checks); None otherwise. The netloc runs up to the first "/", "?" or "#";
    the path from there up to the fragment ("#") or query ("?"), as urlsplit reads them."""
    if not (rest.isascii() and rest.isprintable()) or "[" in rest or "]" in rest:
        return None
    end = len(rest)
    for mark in ("/", "?", "#"):
        found = rest.find(mark, 2)
        if 0 <= found < end:
            end = found
    return rest[2:end], rest[end:].split("#", 1)[0].split("?", 1)[0]


def _joined_host_and_path(url: str, base: str) -> tuple[str, str] | None:
    """:func:`host_and_path` of a ``url`` (stripped) against ``base`` by way of ``urljoin``."""
    parse = _parse()
    try:
        parts = parse.urlsplit(parse.urljoin(base, url))
    except ValueError:
        return None
    return parts.netloc.lower(), parts.path or "/"


@functools.cache
def _parse() -> Any:
    """``urllib.parse``, imported on first use (it adds to the import time of boilerstrip);
    the cache holds one value that depends on nothing (a function-level import statement
    cost about 5,000 instructions a call in the compiled build)."""
    import urllib.parse

    return urllib.parse
