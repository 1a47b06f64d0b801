"""Boxes rendered twice: a box whose kept texts repeat, in order, an earlier box's is dropped."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Label, Options, OptionsError, Role
from boilerstrip._combine import label
from boilerstrip._probability import score

_ONE = "Each mug is thrown on the wheel and glazed by hand, so no two are quite alike in colour."
_TWO = "Suitable for the dishwasher and the microwave; take care when stacking them in a cupboard."
_OTHER = "A different paragraph about the studio where the mugs are made, long enough to be kept."


def _labels(
    boxes: list[tuple[str, list[str]]], *, role: Role = Role.PARAGRAPH, **changes: object
) -> list[bool]:
    """Whether each block is kept; ``boxes``: (parent's CSS path, its paragraphs' texts)."""
    blocks = []
    for parent, texts in boxes:
        for n, text in enumerate(texts, 1):
            block = make_block(len(blocks), text, role=role)
            blocks.append(dataclasses.replace(block, locator=f"{parent}>p:nth-of-type({n})"))
    options = Options(weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, **changes)  # type: ignore[arg-type]
    labelled = label(blocks, (0.9,) * len(blocks), score(blocks, options), options)
    return [b.label is Label.CONTENT for b in labelled]


_DESKTOP = "body>div:nth-of-type(1)>div:nth-of-type(3)"
_MOBILE = "body>div:nth-of-type(1)>div:nth-of-type(5)"  # a sibling: the copy rule leaves it


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        ([_ONE, _TWO], [True, True, False, False]),  # the same box again: a second rendering
        ([_ONE.upper(), " " + _TWO], [True, True, False, False]),  # case and spacing aside
        ([_TWO, _ONE], [True, True, True, True]),  # another order: not the same box
        ([_ONE, _OTHER], [True, True, True, True]),  # one text in common: not the same box
    ],
)
def test_a_box_repeating_an_earlier_box(second: list[str], expected: list[bool]) -> None:
    assert _labels([(_DESKTOP, [_ONE, _TWO]), (_MOBILE, second)]) == expected


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, [True, True, False, False]),
        ({"copy_box_min_blocks": 0}, [True, True, True, True]),  # off
        ({"copy_box_min_blocks": 3}, [True, True, True, True]),  # boxes of two blocks: too few
        ({"copy_box_min_words": 100}, [True, True, True, True]),  # 32 words each: too short
    ],
)
def test_thresholds(changes: dict[str, int], expected: list[bool]) -> None:
    assert _labels([(_DESKTOP, [_ONE, _TWO]), (_MOBILE, [_ONE, _TWO])], **changes) == expected


def test_short_repeated_cells_are_left_alone() -> None:
    # A table's rows repeating short values ("Rest", "6 miles") are the page's own.
    rows = [
        (f"body>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type({n})", ["Rest", "6 miles"])
        for n in (1, 2)
    ]
    assert _labels(rows, role=Role.TABLE_CELL) == [True] * 4


def test_code_is_never_a_copy() -> None:
    assert _labels([(_DESKTOP, [_ONE, _TWO]), (_MOBILE, [_ONE, _TWO])], role=Role.CODE) == [True] * 4


@pytest.mark.parametrize("value", [-1])
@pytest.mark.parametrize("name", ["copy_box_min_blocks", "copy_box_min_words"])
def test_options_are_validated(name: str, value: int) -> None:
    with pytest.raises(OptionsError):
        Options(**{name: value})  # type: ignore[arg-type]
