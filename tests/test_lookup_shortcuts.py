"""Per-block work made cheaper: enum members read once as module constants, the title
match counted in C; a page's phrase look-ups shared by its blocks."""

from __future__ import annotations

import importlib

import pytest

from boilerstrip._language import tokens
from boilerstrip._model import Label, Role
from boilerstrip._phrases import phrase_kind, phrase_kinds
from boilerstrip._token_stats import matches_title


def test_phrase_kinds_of_a_page_are_each_blocks_alone() -> None:
    """One memo for the page gives each block the kind it has on a page of its own."""
    texts = [
        "Read more",
        "Share this article on Facebook",
        "A long paragraph of the article itself, with no boilerplate in it at all.",
        "Subscribe to our newsletter",
        "Comments\nPrint Email",
        "Newsletters",
        "© 2024 Example Inc. All rights reserved.",
        "Read more",
        "Posted by Jane on 3 May 2021",
        "Related articles",
        "東京の天気",
    ]
    kinds = phrase_kinds(texts, [tokens(t) for t in texts], 400, 60)
    assert kinds == [phrase_kind(t, tokens(t), 400, 60) for t in texts]
    assert kinds[0] is not None and kinds[1] is not None


@pytest.mark.parametrize(
    ("alias", "member"),
    [
        ("_combine._CONTENT", Label.CONTENT),
        ("_block_labels._OTHER", Label.OTHER),
        ("_block_labels._SIDEBAR", Label.SIDEBAR),
        ("_block_labels._NAVIGATION", Label.NAVIGATION),
        ("_block_labels._COMMENTS", Label.COMMENTS.value),
        ("_combine._PARAGRAPH", Role.PARAGRAPH),
        ("_combine._HEADING", Role.HEADING),
        ("_tail._CONTENT", Label.CONTENT),
        ("_tail._PARAGRAPH", Role.PARAGRAPH),
        ("_tail._HEADING", Role.HEADING),
        ("_scorers._HEADING", Role.HEADING),
        ("_detached._CONTENT", Label.CONTENT),
        ("_stray_text._CONTENT", Label.CONTENT),
        ("_stray_text._CODE", Role.CODE),
        ("_metadata._HEADING", Role.HEADING),
        ("_product_cards._CONTENT", Label.CONTENT),
        ("_product_cards._HEADING", Role.HEADING),
        ("_controls._CONTENT", Label.CONTENT),
        ("_copied_boxes._CONTENT", Label.CONTENT),
        ("_teaser_cards._CONTENT", Label.CONTENT),
        ("_card_slots._CONTENT", Label.CONTENT),
        ("_card_groups._CONTENT", Label.CONTENT),
    ],
)
def test_enum_members_read_as_constants_are_the_members(alias: str, member: object) -> None:
    module, name = alias.split(".")
    value = getattr(importlib.import_module(f"boilerstrip.{module}"), name)
    assert value is member if isinstance(member, Label | Role) else value == member


def test_byline_labels_and_labels_by_value() -> None:
    metadata = importlib.import_module("boilerstrip._metadata")
    block_labels = importlib.import_module("boilerstrip._block_labels")
    assert metadata._BYLINE_LABELS == (Label.METADATA, Label.CONTENT)
    assert len(block_labels._LABELS) == len(Label)
    for label in Label:
        assert block_labels._LABELS[label.value] is Label(label.value)


@pytest.mark.parametrize(
    ("block", "title", "expected"),
    [
        ("Headline words here", "Headline words here | Site", True),
        ("headline headline headline headline", "headline story", True),  # repeats count each time
        ("headline other other other", "headline story", False),
        ("", "Headline", False),
        ("Headline", "", False),
        ("a b c d e f g", "a b", False),  # over three times the title's length
    ],
)
def test_title_match_counts_every_shared_token(block: str, title: str, expected: bool) -> None:
    block_tokens, title_tokens = tokens(block), frozenset(tokens(title))
    plain = bool(block_tokens) and bool(title_tokens) and len(block_tokens) <= 3 * len(title_tokens)
    if plain:
        shared = sum(1 for t in block_tokens if t in title_tokens)
        plain = shared >= 0.8 * len(block_tokens) and shared >= 0.5 * len(title_tokens)
    assert matches_title(block_tokens, title_tokens) is plain is expected
