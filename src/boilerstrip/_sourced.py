"""``Sourced``: a metadata value and where it was found.

Kept apart from _model.py because it is generic: the optional compiled build compiles
_model.py, and mypyc cannot compile a generic dataclass (this module stays Python).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Sourced(Generic[T]):
    """A metadata value and where it was found: "json-ld", "open-graph", "twitter",
    "meta" (other meta tags), "link" (link rel=canonical), "html" (the html element, the
    title element) or "page" (the visible page: its h1, a <time>, a byline); "" when not found."""

    value: T
    source: str = ""
