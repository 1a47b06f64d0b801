"""Stray text: kept blocks in tooltip or popover elements, or made of identifiers, are dropped."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role
from boilerstrip._combine import label
from boilerstrip._probability import score

_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods."
)
_HELP = "Sensitivity measures how loud a speaker plays at a given signal strength, in decibels."
_IDS = (
    "S19aea247-2e76-4905-9b83-15a5a5664cfaG661bd3c3-576f-4713-baee-9dc0dd7c3568"
    "p2e2c3720-cfa9-41e9-9571-b179b489e15f"
)
_BODY = "body>main:nth-of-type(1)>div:nth-of-type(1)>p:nth-of-type(1)"
_TABLE = (
    "body>main:nth-of-type(1)>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type(4)>td:nth-of-type(1)"
)


def _at(block: Block, locator: str) -> Block:
    return dataclasses.replace(block, locator=locator)


def _kept(text: str, locator: str, *, role: Role = Role.PARAGRAPH, **changes: object) -> list[bool]:
    blocks = [_at(make_block(0, _PROSE), _BODY), _at(make_block(1, text, role=role), locator)]
    # No tail or closing-box rule: a short last block would go by them, whatever it holds.
    options = Options(
        weights=(),
        smoothing=(),
        decision="threshold",
        tail_max_blocks=0,
        closing_box_max_words=0,
        **changes,  # type: ignore[arg-type]
    )
    labelled = label(blocks, (0.9, 0.9), score(blocks, options), options)
    return [b.label is Label.CONTENT for b in labelled]


@pytest.mark.parametrize(
    ("text", "locator"),
    [
        (_HELP, _TABLE + ">tool-tip:nth-of-type(1)>div:nth-of-type(1)"),
        (_HELP, _TABLE + ">cms-popover:nth-of-type(1)>div:nth-of-type(1)"),
        (_HELP, _TABLE + ">x-tooltip:nth-of-type(2)"),
        (_IDS, "body>main:nth-of-type(1)>div:nth-of-type(2)>div:nth-of-type(1)"),
    ],
    ids=["tool-tip", "cms-popover", "x-tooltip", "uuids"],
)
def test_stray_text_is_dropped(text: str, locator: str) -> None:
    assert _kept(text, locator) == [True, False]


@pytest.mark.parametrize(
    ("text", "locator", "changes"),
    [
        (_HELP, _TABLE, {}),  # a table cell, no tooltip element
        (_HELP, _TABLE + ">div:nth-of-type(1)", {}),  # an ordinary box
        (_HELP, _TABLE + ">tool-tip:nth-of-type(1)>div:nth-of-type(1)", {"tooltips_dropped": False}),
        (_IDS, _BODY.replace("p:nth-of-type(1)", "p:nth-of-type(2)"), {"id_string_min_ids": 0}),
        (_IDS, _BODY.replace("p:nth-of-type(1)", "p:nth-of-type(2)"), {"id_string_min_ids": 4}),
        ("Order 9b83e247-2e76-4905-9b83-15a5a5664cfa shipped on Tuesday to the address you gave.", _BODY, {}),
    ],
    ids=["cell", "box", "tooltips-off", "ids-off", "too-few-ids", "one-id-in-prose"],
)
def test_other_text_is_kept(text: str, locator: str, changes: dict[str, object]) -> None:
    assert _kept(text, locator, **changes) == [True, True]


def test_code_made_of_identifiers_is_kept() -> None:
    assert _kept(_IDS, "body>main:nth-of-type(1)>pre:nth-of-type(1)", role=Role.CODE) == [True, True]


def test_a_negative_id_count_is_refused() -> None:
    with pytest.raises(OptionsError):
        Options(id_string_min_ids=-1)
