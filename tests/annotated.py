"""Shared pieces of the annotated view's tests: the fixtures read, and the view parsed."""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from boilerstrip import annotate

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "news_seed.html"
PROSE = "A paragraph of ordinary prose about the harbour, its ferries and its fishing boats. " * 3


def view_of(html: str | bytes, **kwargs: object) -> LexborHTMLParser:
    return LexborHTMLParser(annotate(html, **kwargs))  # type: ignore[arg-type]


def marked_indices(view: LexborHTMLParser) -> dict[int, dict[str, str | None]]:
    """Block index -> the attributes of the element marked with it."""
    return {
        int(i): node.attributes
        for node in view.css("[data-bs-blocks]")
        for i in (node.attributes["data-bs-blocks"] or "").split()
    }
