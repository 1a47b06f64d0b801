"""Lone surrogates, the code points of a str that no UTF-8 output can hold: a file name's
undecodable bytes (``os.fsdecode``), a JSON string's ``"\\udcff"``. What the package records
of its callers' strings (a URL, a record id, a file name) holds U+FFFD in their place, as the
text of a page does. Standard library only: the batch parent imports it."""

from __future__ import annotations

import re
from typing import Final

_SURROGATES: Final = re.compile("[\ud800-\udfff]")


def writable(text: str) -> str:
    """``text`` with each lone surrogate replaced by U+FFFD (the same str when it has none)."""
    return text if text.isascii() or not _SURROGATES.search(text) else _SURROGATES.sub("\ufffd", text)
