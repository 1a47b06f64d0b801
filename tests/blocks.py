"""Hand-made blocks for the stage tests: plain prose features unless a test says otherwise."""

from __future__ import annotations

from boilerstrip import Block, Features, Role
from boilerstrip._parse import body_of, parse
from boilerstrip._segment import segment


def make_block(index: int, text: str, *, role: Role = Role.PARAGRAPH, **changes: object) -> Block:
    """A block of ``text`` whose features are those of a short prose paragraph in the main
    region, with ``changes`` (feature name -> value) applied."""
    values: dict[str, object] = dict(
        words=len(text.split()),
        chars=len(text),
        link_density=0.0,
        text_density=10.0,
        stopword_density=0.3,
        composite_density=1.0,
        position=0.5,
        depth=3,
        in_main_region=True,
        container="",
        container_strength=0.0,
        content_hint=False,
        phrase="",
        phrase_container="",
        ends_sentence=True,
        title_match=False,
        repeat_chars=0,
        repeat_link_density=0.0,
    )
    values.update(changes)
    return Block(index=index, text=text, role=role, heading_level=0, locator="p", features=Features(**values))  # type: ignore[arg-type]


def segment_texts(html: str) -> list[str]:
    """The texts of the blocks the segment stage makes of ``html``."""
    return [b.text for b in segment(body_of(parse(html))).blocks]
