"""The kept text's tail: headings, short lines and links after the article's last prose."""

from __future__ import annotations

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role
from boilerstrip._combine import label
from boilerstrip._page_type import SECTIONED
from boilerstrip._probability import score

_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods."
)


def _block(
    index: int, text: str, role: Role = Role.PARAGRAPH, link_density: float = 0.0, container: str = ""
) -> Block:
    strength = 0.7 if container else 0.0
    return make_block(
        index, text, role=role, link_density=link_density, container=container, container_strength=strength
    )


def _kept(tail: list[tuple[str, Role, float]], *, before: str = _PROSE, declared: str = "") -> list[bool]:
    blocks = [_block(0, "A bridge for the winter", Role.HEADING), _block(1, before)]
    blocks += [_block(2 + i, text, role, ld) for i, (text, role, ld) in enumerate(tail)]
    options = Options(weights=(), smoothing=(), decision="threshold")
    labelled = label(blocks, (0.9,) * len(blocks), score(blocks, options), options, declared=declared)
    return [b.label is Label.CONTENT for b in labelled]


_HEADING = ("Originalpublikation", Role.HEADING, 0.0)
_SHORT = ("Alle Angaben ohne Gewähr", Role.PARAGRAPH, 0.0)
_LINK = ("Storm closes the harbour for a week", Role.LIST_ITEM, 1.0)
_SENTENCE = ("The work is to start in March and to last eight months.", Role.PARAGRAPH, 0.0)


@pytest.mark.parametrize(
    ("tail", "kept"),
    [
        ([_HEADING], [True, True, False]),  # the heading of a box whose body was dropped
        ([_HEADING, _LINK, _SHORT], [True, True, False, False, False]),  # a box of links, then a line
        ([_SENTENCE], [True, True, True]),  # the article's last sentence
        ([_HEADING, _SENTENCE], [True, True, True, True]),  # a last section: heading and text
        ([_LINK] * 6, [True] * 8),  # more than tail_max_blocks: a list the decision kept
    ],
    ids=["heading", "links-and-line", "sentence", "section", "long-run"],
)
def test_the_tail_after_the_last_prose_is_dropped(
    tail: list[tuple[str, Role, float]], kept: list[bool]
) -> None:
    assert _kept(tail) == kept


def test_the_tail_needs_prose_before_it() -> None:
    assert _kept([_HEADING], before="Photo: Jane Doe") == [True, True, True]


def test_multi_section_pages_keep_their_tail() -> None:
    assert _kept([_HEADING], declared=SECTIONED) == [True, True, True]


def test_no_tail_blocks_turns_it_off() -> None:
    blocks = [_block(0, _PROSE), _block(1, "Originalpublikation", Role.HEADING)]
    options = Options(weights=(), smoothing=(), decision="threshold", tail_max_blocks=0)
    labelled = label(blocks, (0.9, 0.9), score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == [True, True]


_APPEAL = "Get the best stories of the week in your inbox every Friday morning, free of charge."


@pytest.mark.parametrize(
    ("container", "include_comments", "appeal_kept"),
    [
        ("promo", False, False),  # a newsletter box after the article
        ("comments", False, False),
        ("comments", True, True),  # comments are content when asked for
        ("sidebar", False, True),  # the name also sits on article columns
        ("", False, True),  # a last sentence
    ],
)
def test_a_chrome_box_after_the_last_prose_is_tail(
    container: str, include_comments: bool, appeal_kept: bool
) -> None:
    blocks = [_block(0, _PROSE), _block(1, _APPEAL, container=container)]
    options = Options(weights=(), smoothing=(), decision="threshold", include_comments=include_comments)
    labelled = label(blocks, (0.9, 0.9), score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == [True, appeal_kept]
