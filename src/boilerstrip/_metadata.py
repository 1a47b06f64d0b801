"""Metadata of a page: title, authors, date, site, language, canonical URL, description, image.

Read in one pass over the ``<meta>`` and ``<link>`` tags of the head, from the JSON-LD
scripts that :mod:`._page_type` already selects, and from the visible page (its h1, a
``<time datetime>``, a byline block). Each value keeps the source that gave it; when
several give one, the first source of ``SOURCES`` wins. Bad JSON-LD is skipped, never raised.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Final, TypeVar, cast

import regex

from ._dates import normalise_date
from ._head_marks import HeadMarks
from ._model import _NO_NAMES, _NO_TEXT, Block, Label, Metadata, Role
from ._page_type import ARTICLE_TYPES, PRODUCT_TYPES
from ._parse import is_spaced
from ._pattern_store import compiled as stored_or_compiled
from ._sourced import Sourced
from ._urls import safe_url

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_BYLINE_LABELS: Final = (Label.METADATA, Label.CONTENT)
_HEADING: Final = Role.HEADING

# Sources in order of trust: structured data first, the visible page last.
SOURCES = ("json-ld", "open-graph", "twitter", "meta", "link", "html", "page")
_RANK: Final = {source: rank for rank, source in enumerate(SOURCES)}

# meta property/name (lowercased) -> (field, source)
_META: Final[dict[str, tuple[str, str]]] = {
    "og:title": ("title", "open-graph"),
    "og:site_name": ("site_name", "open-graph"),
    "og:url": ("canonical_url", "open-graph"),
    "og:description": ("description", "open-graph"),
    "og:image": ("image", "open-graph"),
    "og:image:url": ("image", "open-graph"),
    "og:image:secure_url": ("image", "open-graph"),
    "og:locale": ("language", "open-graph"),
    "article:published_time": ("published", "open-graph"),
    "article:author": ("authors", "open-graph"),
    "twitter:title": ("title", "twitter"),
    "twitter:description": ("description", "twitter"),
    "twitter:image": ("image", "twitter"),
    "twitter:image:src": ("image", "twitter"),
    "description": ("description", "meta"),
    "author": ("authors", "meta"),
    "citation_title": ("title", "meta"),
    "citation_author": ("authors", "meta"),
    "citation_publication_date": ("published", "meta"),
    "citation_date": ("published", "meta"),
    "dc.title": ("title", "meta"),
    "dc.creator": ("authors", "meta"),
    "dc.date": ("published", "meta"),
    "dc.date.issued": ("published", "meta"),
    "dcterms.created": ("published", "meta"),
    "dcterms.issued": ("published", "meta"),
    "dc.language": ("language", "meta"),
    "content-language": ("language", "meta"),
    "date": ("published", "meta"),
    "pubdate": ("published", "meta"),
    "publishdate": ("published", "meta"),
    "publish-date": ("published", "meta"),
    "publish_date": ("published", "meta"),
    "parsely-author": ("authors", "meta"),
    "parsely-pub-date": ("published", "meta"),
    "sailthru.author": ("authors", "meta"),
    "sailthru.date": ("published", "meta"),
    "application-name": ("site_name", "meta"),
}
# JSON-LD types whose object is the page's main entity, in order of preference.
_MAIN_TYPES = ARTICLE_TYPES | {
    "recipe",
    "product",
    "videoobject",
    "event",
    "howto",
    "creativework",
    "book",
    "movie",
    "review",
}
_PAGE_TYPES = frozenset(
    {"webpage", "itempage", "aboutpage", "profilepage", "qapage", "faqpage", "collectionpage"}
)
FIELDS = ("title", "authors", "published", "site_name", "language", "canonical_url", "description", "image")
_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})
_MAX_OBJECTS: Final = 200  # JSON-LD objects looked at per page
_MAX_CHARS: Final = 2000  # longer values are cut (a description that holds a whole article)
_BYLINE_PATTERN = (
    r"^(?i:(?:written|posted|words|text|photos?)\s+)?(?i:by|von|par|por|door|di|av|af|автор:?)\s+"
    r"(\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|van|von|de|der|da|di|del|la|le)){0,4}"
    r"(?:\s*(?:,|&|and|und|et|y|e)\s+\p{Lu}[\p{L}.'’\-]*(?:\s+\p{Lu}[\p{L}.'’\-]*){0,3})*)"
)
_BYLINE_WORDS: Final = 14  # a byline block is short
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b)\s*")
_URL_LIKE = re.compile(r"^(?:https?:)?//|^www\.")


def _clean(value: object) -> str:
    if not isinstance(value, (str, int, float)):
        return ""
    text = str(value)
    if is_spaced(text):
        return text[:_MAX_CHARS]  # (split and joined, it would be itself: no word made of it)
    return " ".join(text.split())[:_MAX_CHARS]


class _Found:
    """Values found so far: field -> source -> value (authors accumulate within a source)."""

    def __init__(self) -> None:
        self.values: dict[str, dict[str, Any]] = {}

    def add(self, field: str, source: str, value: object) -> None:
        if field == "authors":
            names = tuple(n for n in _names(value) if n)
            if names:
                by_source = self.values.setdefault(field, {})
                old = by_source.get(source, ())
                by_source[source] = old + tuple(n for n in names if n not in old)
            return
        text = _clean(value)
        if text:  # (the first value of a source is kept; no empty dict made to set a default)
            given = self.values.get(field)
            if given is None:
                self.values[field] = {source: text}
            elif source not in given:
                given[source] = text

    def chosen(self, field: str, missing: Sourced[Any]) -> Sourced[Any]:
        """The field's value from its most trusted source (the first of SOURCES; a published
        date normalised), or ``missing`` where no source gave one."""
        by_source = self.values.get(field)
        if by_source is None:  # (never an empty dict: add makes one with its first value)
            return missing
        best, rank = "", len(SOURCES)
        for source in by_source:  # min(by_source, key=_RANK.__getitem__), no generic call
            at = _RANK[source]
            if at < rank:
                best, rank = source, at
        value = by_source[best]
        return _sourced(normalise_date(value) if field == "published" else value, best)


def _names(value: object) -> list[str]:
    """Author names from a JSON-LD author (text, Person, list of them) or a meta value."""
    if isinstance(value, list):
        return [n for item in value[:20] for n in _names(item)]
    if isinstance(value, dict):
        value = value.get("name", "")
    name = _clean(value)
    return [] if not name or _URL_LIKE.match(name) else [name]


def _no_constant(_: str) -> None:  # JSON-LD's NaN, Infinity and -Infinity: no field here reads them
    return None


def json_ld_objects(texts: Iterable[str]) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page (top level, in lists and in @graph), bad JSON skipped."""
    objects: list[dict[str, Any]] = []
    # One decoder a page that has a text: json.loads(text, parse_constant=...) made one per text.
    decode: Callable[[str], Any] | None = None
    for text in texts:
        if decode is None:
            decode = _decoder()
        try:
            data = decode(text.strip().removesuffix(";"))
        except (ValueError, RecursionError):  # malformed, or nested beyond the parser's reach
            continue
        pending = [data]
        while pending and len(objects) < _MAX_OBJECTS:
            item = pending.pop(0)
            if isinstance(item, list):
                pending.extend(item[:_MAX_OBJECTS])
            elif isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    pending.extend(graph[:_MAX_OBJECTS])
                main = item.get("mainEntity")
                if isinstance(main, dict):
                    pending.append(main)
    return objects


def _decoder() -> Callable[[str], Any]:
    """What json.loads(text, parse_constant=_no_constant) decodes a str with (a text opened by
    a byte-order mark raises ValueError either way)."""
    import json  # imported on first use: it adds to the import time of boilerstrip

    return json.JSONDecoder(parse_constant=_no_constant).decode


def product_description(objects: Sequence[dict[str, Any]]) -> str:
    """The longest description the page's JSON-LD objects (json_ld_objects) give a product
    (or "")."""
    found = [
        o["description"]
        for o in objects
        if _types(o) & PRODUCT_TYPES and isinstance(o.get("description"), str)
    ]
    return max(found, key=len, default="")


def _types(obj: dict[str, Any]) -> set[str]:
    declared = obj.get("@type")
    values = declared if isinstance(declared, list) else [declared]
    return {v.rsplit("/", 1)[-1].lower() for v in values if isinstance(v, str)}


def _url_of(value: object) -> str:
    """A URL from a JSON-LD value: text, an ImageObject, or a list (the first)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("url") or value.get("contentUrl") or value.get("@id") or ""
    return _clean(value)


def _read_json_ld(objects: Sequence[dict[str, Any]], found: _Found) -> None:
    if not objects:
        return  # (most small pages have none: no search made of nothing)
    main = next((o for o in objects if _types(o) & _MAIN_TYPES), None)
    page = next((o for o in objects if _types(o) & _PAGE_TYPES), None)
    site = next((o for o in objects if _types(o) & _SITE_TYPES), None)
    for entity in (main, page):
        if entity is None:
            continue
        found.add("title", "json-ld", entity.get("headline") or entity.get("name"))
        found.add("authors", "json-ld", entity.get("author") or entity.get("creator"))
        found.add("published", "json-ld", entity.get("datePublished") or entity.get("dateCreated"))
        found.add("description", "json-ld", entity.get("description"))
        found.add("image", "json-ld", _url_of(entity.get("image") or entity.get("thumbnailUrl")))
        found.add("canonical_url", "json-ld", _url_of(entity.get("url") or entity.get("mainEntityOfPage")))
        found.add("language", "json-ld", entity.get("inLanguage"))
        publisher = entity.get("publisher")
        if isinstance(publisher, dict):
            found.add("site_name", "json-ld", publisher.get("name"))
    if site is not None:
        found.add("site_name", "json-ld", site.get("name"))


def _read_head(marks: HeadMarks, found: _Found) -> None:
    """The head's title, its metas with a content (``meta[content]``: a meta without one
    gives nothing) and its links whose rel holds "canonical" in any ASCII case (a link whose
    rel has the word, lowercased, does; the others give nothing)."""
    for tag, attrs, text in marks.entries:
        if tag == "title":
            found.add("title", "html", text)
        elif tag == "link":
            rel = attrs.get("rel")
            if rel and "canonical" in rel.lower().split():
                found.add("canonical_url", "link", attrs.get("href"))
        elif "content" in attrs:
            key = attrs.get("property") or attrs.get("name") or attrs.get("http-equiv") or ""
            target = _META.get(key.strip().lower())
            if target is not None:
                found.add(target[0], target[1], attrs.get("content"))


def read_page(tree: Any, ld_objects: Sequence[dict[str, Any]], marks: HeadMarks | None = None) -> Metadata:
    """The metadata the page's markup gives (head tags, the JSON-LD objects of
    json_ld_objects, html lang, a <time>); ``marks``: the head's (made here when not given)."""
    found = _Found()
    _read_json_ld(ld_objects, found)
    marks = HeadMarks(tree) if marks is None else marks
    _read_head(marks, found)
    lang = marks.lang  # the root's (read once for the readers)
    if lang:
        found.add("language", "html", lang)
    if "published" not in found.values:
        found.add("published", "page", _first_datetime(tree, marks))
    # Each field chosen once, positionally in FIELDS' order (no dict of keywords made and
    # unpacked through a generic call); a field no source gave is Metadata's default.
    return Metadata(
        found.chosen("title", _NO_TEXT),
        found.chosen("authors", _NO_NAMES),
        found.chosen("published", _NO_TEXT),
        found.chosen("site_name", _NO_TEXT),
        found.chosen("language", _NO_TEXT),
        found.chosen("canonical_url", _NO_TEXT),
        found.chosen("description", _NO_TEXT),
        found.chosen("image", _NO_TEXT),
    )


_V = TypeVar("_V")
# object.__new__, read once (the compiled build looked ``object`` up in builtins and its
# ``__new__`` by name at each call).
_new_object: Final = object.__new__


def _sourced(value: _V, source: str) -> Sourced[_V]:
    """``Sourced(value, source)``, set as its generated __init__ sets it: called from the
    compiled build, that __init__ (Sourced stays Python) took a Python frame a value."""
    made = cast("Sourced[_V]", _new_object(Sourced))
    object.__setattr__(made, "value", value)
    object.__setattr__(made, "source", source)
    return made


def _first_datetime(tree: Any, marks: HeadMarks | None = None) -> str | None:
    """The ``datetime`` of the first ``<time datetime>`` (``tree.css_first("time[datetime]")``),
    None when there is none (or its attribute is empty): read from the list of the page's
    ``<time>`` elements (``tree.tags``: about 60 instructions a node, where the selector
    engine took about 140; no other attribute is ``datetime`` to the selector, so its
    presence is read as the selector reads it; tests/test_page_marks.py compares them). Given
    the page's ``marks``, the compiled build reads it in C with the JSON-LD
    (HeadMarks.document_reads)."""
    read = marks.document_reads(tree) if marks is not None else None
    if read is not None:
        return read[1]
    for time in tree.tags("time"):
        attrs: dict[str, str | None] = time.attributes
        if "datetime" in attrs:
            return attrs["datetime"]
    return None


def complete(metadata: Metadata, blocks: Sequence[Block], base: str | None) -> Metadata:
    """``metadata`` with what the visible page adds (the h1, a byline) and its URLs resolved."""
    title, authors = metadata.title, metadata.authors
    canonical_url, image = metadata.canonical_url, metadata.image
    changed = False
    # Metadata's defaults are told by identity first (no attribute read of a value left empty).
    if title is _NO_TEXT or not title.value:
        h1 = next((b for b in blocks if b.role is _HEADING and b.heading_level == 1), None)
        if h1 is not None:
            title, changed = _sourced(h1.text, "page"), True
    if authors is _NO_NAMES or not authors.value:
        names = _byline(blocks)
        if names:
            authors, changed = _sourced(names, "page"), True
    if canonical_url is not _NO_TEXT and canonical_url.value:
        canonical_url, changed = _resolved(canonical_url, base), True
    if image is not _NO_TEXT and image.value:
        image, changed = _resolved(image, base), True
    if not changed:
        return metadata
    # In field order, as dataclasses.replace made it (in Python frames, the compiled build too).
    site, language = metadata.site_name, metadata.language
    return Metadata(
        title, authors, metadata.published, site, language, canonical_url, metadata.description, image
    )


def _resolved(found: Sourced[str], base: str | None) -> Sourced[str]:
    """A URL of the metadata resolved against ``base`` (_urls.safe_url), or "" from no source."""
    url = safe_url(found.value, base)
    return _sourced(url, found.source) if url else _sourced("", "")


# Compiled on first use, not at import (as the phrase tables are): it is only needed for
# pages whose markup names no author. The cache holds one value that depends on nothing.
@functools.cache
def _byline_pattern() -> regex.Pattern[str]:
    return stored_or_compiled(_BYLINE_PATTERN, regex.VERSION0)


STORED_KEYS: Final = ((_BYLINE_PATTERN, regex.VERSION0),)  # what _pattern_store holds of this module


# What a byline's first two characters can be: the first letters of the pattern's leading
# words and their second letters, either case ("written", "posted", "words", "text",
# "photos", "by", "von", "par", "por", "door", "di", "av", "af", "автор"), with the two the
# pattern's case folding adds ("İ" for "i", "ᲀ" for "в"). No other character matches them
# (tests/test_metadata.py checks every code point), so a block starting otherwise is no
# byline, told without the match (about 2,000 instructions a block in the compiled build).
_BYLINE_FIRST: Final = frozenset("wWpPtTbBvVdDaAаА")
_BYLINE_SECOND: Final = frozenset("rRoOeEhHyYaAiIİvVfFвВᲀ")


def _byline(blocks: Sequence[Block]) -> tuple[str, ...]:
    """The names of the first byline ("By Jane Doe and John Roe") among short blocks."""
    for block in blocks:
        if block.features.words > _BYLINE_WORDS or block.label not in _BYLINE_LABELS:
            continue
        text = block.text
        if text[:1] not in _BYLINE_FIRST or text[1:2] not in _BYLINE_SECOND:
            continue
        match = _byline_pattern().match(text)
        if match is not None:
            return tuple(n for n in _NAME_SPLIT.split(match.group(1)) if n)
    return ()
