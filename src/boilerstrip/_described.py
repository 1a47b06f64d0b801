"""The page's own description as its text, for a thread whose body shows no post.

Some forum software (Discourse, for one) sends a page whose body is an empty shell that
scripts fill: no post is in the HTML, only the first post's opening in the head's
og:description (or twitter:description, the description meta tag, the JSON-LD). When
such a page is a thread and the decision kept nothing, that description is the best
text the page holds: it is returned as one CONTENT block, with a locator naming the tag
it came from and a probability of 0.5 (no scorer saw it), so that the page's confidence
stays at its floor.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._model import Block, Features, Label, Metadata, Role
from ._options import Options
from ._page_type import THREAD

# Where each metadata source keeps a description (a CSS selector for the block's locator).
_LOCATORS = {
    "json-ld": 'head>script[type="application/ld+json"]',
    "open-graph": 'head>meta[property="og:description"]',
    "twitter": 'head>meta[name="twitter:description"]',
    "meta": 'head>meta[name="description"]',
}


def with_description(
    blocks: Sequence[Block], declared: str, metadata: Metadata, options: Options
) -> tuple[Block, ...]:
    """``blocks``, plus the page's description as a last CONTENT block when the page is
    a thread (``declared``), nothing is CONTENT, and the description holds at least
    ``Options.thread_description_min_words`` words (0: never)."""
    found = metadata.description
    minimum = options.thread_description_min_words
    if (
        not minimum
        or declared != THREAD
        or found.source not in _LOCATORS
        or any(b.label is Label.CONTENT for b in blocks)
    ):
        return tuple(blocks)
    text = found.value
    words = len(text.split())
    if words < minimum:
        return tuple(blocks)
    features = Features(
        words=words,
        chars=len(text),
        link_density=0.0,
        text_density=0.0,
        stopword_density=0.0,
        composite_density=0.0,
        position=1.0,
        depth=0,
        in_main_region=False,
        container="",
        container_strength=0.0,
        content_hint=False,
        phrase="",
        phrase_container="",
        ends_sentence=False,
        title_match=False,
        repeat_chars=0,
        repeat_link_density=0.0,
    )
    block = Block(
        index=len(blocks),
        text=text,
        role=Role.PARAGRAPH,
        heading_level=0,
        locator=_LOCATORS[found.source],
        features=features,
        label=Label.CONTENT,
        score=0.5,
    )
    return (*blocks, block)
