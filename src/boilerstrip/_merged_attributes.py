"""The attributes that repeated ``<body>`` and ``<html>`` start tags merge onto one element.

The tree builder keeps one body and one html element: a later ``<body>`` or ``<html>`` start
tag adds each of its attributes whose name the element lacks, and Lexbor compares each name
with all those already there, so n distinct names cost n x n (40,000 one-attribute ``<body>``
tags: 3.8 s of parse; the same name repeated costs nothing). :func:`merge` gives the limits
scan each element's distinct names, as the tokenizer reads them, for ``max_attributes``.

The scan counts every such tag, also where the parser ignores it (in a template, a body in a
frameset, an html in svg or math): it may count more than the parser merges, never less.
"""

from __future__ import annotations

import re
import string

# An attribute's name and value as the tokenizer reads them after the tag's name, within a
# tag that _scan_patterns.TOKEN matched (a quoted value closes before its ">"): "/" and spaces
# between attributes, a name that may start with "=" and holds quotes, and its value.
_ATTRIBUTE = re.compile(
    r"""[\t\n\f\r /]*([^\t\n\f\r />][^\t\n\f\r /=>]*)"""
    r"""(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:"[^"]*"|'[^']*'|[^\t\n\f\r >]*))?"""
)
# The tokenizer lowers ASCII capitals only (str.lower() would fold names it keeps apart).
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
# A tag's attributes as the parser counts them (count_attributes: max_attributes on one tag).
_COUNTED = re.compile(r"""[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?""")


def merge(
    merged: dict[str, set[str]], element: str, text: str | bytes, name_end: int, end: int, *, limit: int
) -> bool:
    """Adds the attribute names of the start tag named ``element`` ("html", "body", or "head":
    none merge) that ends at ``end`` (its name at ``name_end``) to the names of ``merged``'s
    element; whether that element then holds more than ``limit``. Bytes are read one character
    a byte (Latin-1), as the scan reads them."""
    if element == "head":
        return False
    names = merged.setdefault(element, set())
    tag = text[name_end : end - 1] if isinstance(text, str) else text[name_end : end - 1].decode("latin-1")
    for found in _ATTRIBUTE.finditer(tag):
        names.add(found[1].translate(_ASCII_LOWER))
    return len(names) > limit


def count_attributes(text: str | bytes, start: int, end: int) -> int:
    """The attributes of the tag ``text[start:end]``, as the parser reads them (bytes read one
    character a byte, Latin-1: \\s reads 0x85 and 0xA0 as spaces, as the C loop does)."""
    if isinstance(text, str):
        return len(_COUNTED.findall(text, start + 2, end))
    return len(_COUNTED.findall(text[start:end].decode("latin-1"), 2))
