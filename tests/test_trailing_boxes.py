"""Trailing boxes: kept blocks of a comments or legal box after the body are dropped
(_trailing_boxes), unless the box outweighs the body or the page is a thread."""

from __future__ import annotations

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError
from boilerstrip._trailing_boxes import without_trailing_boxes

_BODY = "The council met on Tuesday and agreed to rebuild the old stone bridge before the winter."  # 16 words
_BOX = "I walked over that bridge every morning and never thought it would crack at all."  # 15 words
_OPTIONS = Options()


def _dropped(block: Block) -> Label:
    return Label(block.features.container or "other")


def _blocks(*kinds: str) -> list[Block]:
    """One block a kind: "" a body paragraph, "comments" / "legal" / "promo" a paragraph in a
    box of that name, "empty" a body block without words."""
    made = []
    for i, kind in enumerate(kinds):
        if kind == "empty":
            made.append(make_block(i, "=)", words=0))
        else:
            made.append(make_block(i, _BOX if kind else _BODY, container=kind))
    return made


def _kept(blocks: list[Block], options: Options = _OPTIONS, declared: str = "article") -> list[bool]:
    labels = [Label.CONTENT] * len(blocks)
    out = without_trailing_boxes(blocks, labels, options, _dropped, declared)
    return [label is Label.CONTENT for label in out]


@pytest.mark.parametrize(
    ("kinds", "kept"),
    [
        # a comment thread and a disclaimer after the body go
        (("", "", "comments", "comments"), [True, True, False, False]),
        (("", "", "legal"), [True, True, False]),
        (("", "", "comments", "legal", "comments"), [True, True, False, False, False]),
        # a wordless body block after the box does not shield it
        (("", "", "comments", "empty"), [True, True, False, True]),
        # inside the body the box stays: a body paragraph follows it
        (("", "comments", ""), [True, True, True]),
        (("", "legal", "", "comments"), [True, True, True, False]),
        # other chrome names are not this rule's
        (("", "", "promo"), [True, True, True]),
        # a page that keeps only such a box has no body to close
        (("comments", "comments"), [True, True]),
    ],
)
def test_a_box_after_the_body_is_dropped(kinds: tuple[str, ...], kept: list[bool]) -> None:
    assert _kept(_blocks(*kinds)) == kept


@pytest.mark.parametrize(
    ("ratio", "dropped"),
    [(5.0, False), (6.0, True), (0.0, False)],
)
def test_a_box_that_outweighs_the_body_is_its_body(ratio: float, dropped: bool) -> None:
    # one body paragraph (16 words) and six comment paragraphs (90 words): 5.6 times the body
    blocks = _blocks("", *["comments"] * 6)
    assert _kept(blocks, Options(trailing_box_max_ratio=ratio))[1:] == [not dropped] * 6


@pytest.mark.parametrize(
    ("declared", "include_comments", "kept"),
    [
        ("thread", False, [True, True, True]),  # a thread's comments are its posts
        ("article", True, [True, True, False]),  # comments asked for: only the legal box goes
        ("", False, [True, False, False]),
        ("product", False, [True, False, False]),
    ],
)
def test_threads_and_comments_asked_for(declared: str, include_comments: bool, kept: list[bool]) -> None:
    blocks = _blocks("", "comments", "legal")
    assert _kept(blocks, Options(include_comments=include_comments), declared) == kept


def test_the_dropped_blocks_take_their_own_label() -> None:
    blocks = _blocks("", "comments", "legal")
    out = without_trailing_boxes(blocks, [Label.CONTENT] * 3, _OPTIONS, _dropped, "article")
    assert out == [Label.CONTENT, Label.COMMENTS, Label.LEGAL]


def test_the_ratio_must_not_be_negative() -> None:
    with pytest.raises(OptionsError):
        Options(trailing_box_max_ratio=-1.0)
