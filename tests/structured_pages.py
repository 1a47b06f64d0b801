"""Blocks of a small page, all labelled content, straight from the segment stage: the
renderers' tests do not depend on what the classifier keeps."""

from __future__ import annotations

from boilerstrip import Block, Extraction, Features, Label
from boilerstrip._parse import body_of, parse
from boilerstrip._segment import segment

_FEATURES = Features(
    words=1, chars=1, link_density=0.0, text_density=1.0, stopword_density=0.0, composite_density=1.0,
    position=0.0, depth=1, in_main_region=True, container="", container_strength=0.0, content_hint=False,
    phrase="", phrase_container="", ends_sentence=True, title_match=False, repeat_chars=0,
    repeat_link_density=0.0,
)  # fmt: skip


def content_of(html: str, url: str | None = None) -> Extraction:
    """An Extraction of ``html`` in which every block is content."""
    seg = segment(body_of(parse(html)))
    blocks = tuple(
        Block(
            index=i,
            text=raw.text,
            role=raw.role,
            heading_level=raw.heading_level,
            locator="",
            features=_FEATURES,
            label=Label.CONTENT,
            score=1.0,
            row=raw.row,
            markup=raw.markup,
        )
        for i, raw in enumerate(seg.blocks)
    )
    return Extraction(text="", title="", blocks=blocks, confidence=1.0, url=url)
