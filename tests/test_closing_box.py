"""The closing box: a short kept paragraph after the article, outside the main region, in a box of its own."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role
from boilerstrip._combine import label
from boilerstrip._page_type import ARTICLE, SECTIONED
from boilerstrip._probability import score

_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods."
)
_LINE = "Send us your news and photos from the valley by email to our newsroom."  # 14 words
_LETTERS = "Letters to the editor are welcome and may be edited for length and clarity."  # 14 words
_BODY = "body>div:nth-of-type(1)>article:nth-of-type(1)>p:nth-of-type(2)"
_BOX = "body>div:nth-of-type(1)>div:nth-of-type(3)>p:nth-of-type(1)"


def _at(block: Block, locator: str) -> Block:
    return dataclasses.replace(block, locator=locator)


def _kept(
    *,
    line: str = _LINE,
    line_at: str = _BOX,
    line_in_region: bool = False,
    line_role: Role = Role.PARAGRAPH,
    before: str = _PROSE,
    before_in_region: bool = True,
    declared: str = "",
    **changes: object,
) -> list[bool]:
    blocks = [
        _at(make_block(0, before, in_main_region=before_in_region), _BODY),
        _at(make_block(1, line, role=line_role, in_main_region=line_in_region), line_at),
    ]
    options = Options(weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, **changes)  # type: ignore[arg-type]
    labelled = label(blocks, (0.9, 0.9), score(blocks, options), options, declared=declared)
    return [b.label is Label.CONTENT for b in labelled]


@pytest.mark.parametrize("declared", ["", ARTICLE])
def test_a_closing_line_in_a_box_of_its_own_is_dropped(declared: str) -> None:
    assert _kept(declared=declared) == [True, False]


@pytest.mark.parametrize(
    "changes",
    [
        {"line_at": _BODY.replace("p:nth-of-type(2)", "p:nth-of-type(3)")},  # the body's own parent
        {"line_in_region": True},  # inside the main region: the article's last paragraph
        {"line": f"{_LINE} {_LETTERS}"},  # 28 words: more than closing_box_max_words
        {"line_role": Role.LIST_ITEM},  # not a paragraph
        {"before": "Photo: Jane Doe"},  # no prose before it
        {"before_in_region": False},  # the prose before it is outside the region too
        {"declared": SECTIONED},  # multi-section pages keep their closing sections
        {"closing_box_max_words": 0},  # off
    ],
    ids=["same-parent", "in-region", "long", "list-item", "no-prose", "prose-outside", "sectioned", "off"],
)
def test_what_is_not_a_closing_line_is_kept(changes: dict[str, object]) -> None:
    assert _kept(**changes) == [True, True]  # type: ignore[arg-type]


@pytest.mark.parametrize("max_words", [14, 25])
def test_the_word_limit_is_inclusive(max_words: int) -> None:
    assert _kept(closing_box_max_words=max_words) == [True, False]


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(OptionsError):
        Options(closing_box_max_words=-1)
