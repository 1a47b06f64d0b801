"""The Extraction as JSON-ready data, described by the JSON Schema shipped with the package
(``schema/extraction-1.json``, :func:`json_schema`)."""

from __future__ import annotations

import json
from dataclasses import fields
from functools import partial
from typing import Any

from ._model import Block, Extraction, Features, Markup, Metadata

# The major version of the schema: it changes when a field is removed or changes meaning.
SCHEMA_VERSION = 1
SCHEMA_FILE = f"extraction-{SCHEMA_VERSION}.json"
_DIGITS = 4  # scores are rounded to 4 decimals
_FEATURES = tuple(f.name for f in fields(Features))  # dataclasses.asdict deep-copies: far slower


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :meth:`Extraction.to_dict`'s output."""
    from importlib import resources  # imported here: it costs more than the rest of this module

    text = resources.files("boilerstrip").joinpath("schema").joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def to_dict(result: Extraction) -> dict[str, Any]:
    """The Extraction as plain JSON-ready data: enums as their values, blocks in full."""
    return {**_head(result), "blocks": [block_dict(b) for b in result.blocks]}


def to_json(result: Extraction, indent: int | None = None) -> str:
    """``json.dumps(to_dict(result))``, the same text, but built a block at a time: the
    whole dict takes several times its JSON's memory (a dict for each enclosing list of
    each block: 4.5 times the JSON on blocks each under 480 lists), and only one
    block's dict is held here at a time."""
    dumps = partial(json.dumps, ensure_ascii=False, indent=indent)
    if not result.blocks:
        return dumps(to_dict(result))
    # The page without its blocks, with one placeholder block where they go: its text
    # gives the indentation of a block and what separates two (JSON strings hold no
    # newline, so indenting a block's lines cannot touch its values).
    frame = dumps({**_head(result), "blocks": [None]})
    at = frame.rindex("null")
    pad = "" if indent is None else frame[frame.rindex("\n", 0, at) + 1 : at]
    between = ", " if indent is None else ",\n" + pad
    parts = [frame[:at]]
    for b in result.blocks:
        parts += (dumps(block_dict(b)).replace("\n", "\n" + pad), between)
    parts[-1] = frame[at + 4 :]
    return "".join(parts)  # one join: the parts and the text, twice the text at most


def _head(result: Extraction) -> dict[str, Any]:
    """Every field of the page but its blocks (the last field)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "url": result.url,
        "title": result.title,
        "text": result.text,
        "language": result.language,
        "confidence": result.confidence,
        "truncated": result.truncated,
        "metadata": metadata_dict(result.metadata),
    }


def metadata_dict(metadata: Metadata) -> dict[str, Any]:
    out = {}
    for f in fields(metadata):
        found = getattr(metadata, f.name)
        value = list(found.value) if isinstance(found.value, tuple) else found.value
        out[f.name] = {"value": value, "source": found.source}
    return out


def block_dict(b: Block) -> dict[str, Any]:
    return {
        "index": b.index,
        "text": b.text,
        "label": b.label.value,
        "score": round(b.score, _DIGITS),
        "role": b.role.value,
        "heading_level": b.heading_level,
        "locator": b.locator,
        "row": b.row,
        "features": {name: getattr(b.features, name) for name in _FEATURES},
        "scores": {name: round(value, _DIGITS) for name, value in b.scores},
        "markup": markup_dict(b.markup),
    }


def markup_dict(m: Markup) -> dict[str, Any]:
    return {
        "lists": [{"list": i, "kind": kind, "number": number} for i, kind, number in m.lists],
        "quote_depth": m.quote_depth,
        "language": m.language,
        "table": m.table,
        "cells": list(m.cells),
        "header": m.header,
        "links": [{"start": k.start, "end": k.end, "href": k.href} for k in m.links],
        "images": [{"src": i.src, "alt": i.alt} for i in m.images],
    }
