"""A data table partly kept keeps its other rows, on pages that declare a type (_table_rows)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role
from boilerstrip._combine import decide
from boilerstrip._copied_boxes import copy_hashes
from boilerstrip._model import TABLE_ROLES, Markup
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED
from boilerstrip._table_rows import _TABLE_CELL, _TABLE_ROW, with_table_rows

_PROSE = "Our writers build each resume around the job you want and the results you can show for it."
# A plan comparison: a header of plan names, then rows of short cells.
_ROWS = (
    "Overview | Professional Resume | Resume Package | Executive Package",
    "Cover letter | - | Yes | Yes",
    "LinkedIn profile | - | - | Yes",
    "Coaching sessions | - | 1 | 3",
)


def _row(index: int, text: str, table: int, **changes: object) -> Block:
    b = make_block(index, text, role=Role.TABLE_ROW, **changes)
    return replace(b, markup=Markup(table=table, cells=tuple(text.split(" | "))))


def _table(start: int, table: int = 1, rows: tuple[str, ...] = _ROWS, **changes: object) -> list[Block]:
    return [_row(start + n, text, table, **changes) for n, text in enumerate(rows)]


def _kept(b: Block) -> Label:
    return Label.CONTENT


def _after(
    blocks: list[Block],
    labels: list[Label],
    probabilities: list[float],
    kept_label: object = _kept,
    **changes: object,
) -> list[Label]:
    options = Options(**changes)  # type: ignore[arg-type]
    hashes = copy_hashes(blocks, labels)
    return with_table_rows(blocks, labels, probabilities, options, kept_label, hashes=hashes)  # type: ignore[arg-type]


_K, _D = Label.CONTENT, Label.OTHER


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([_K, _D, _D, _D], [_K, _K, _K, _K]),  # the header kept: the rows come back
        ([_D, _K, _D, _K], [_K, _K, _K, _K]),
        ([_D, _D, _D, _D], [_D, _D, _D, _D]),  # a table the decision dropped stays dropped
        ([_K, _K, _K, _K], [_K, _K, _K, _K]),
    ],
)
def test_a_partly_kept_table_keeps_its_rows(labels: list[Label], expected: list[Label]) -> None:
    blocks = _table(0)
    assert _after(blocks, labels, [0.6, 0.3, 0.3, 0.3]) == expected


@pytest.mark.parametrize(
    ("probabilities", "changes", "kept"),
    [
        ([0.6, 0.3, 0.3, 0.3], {}, True),
        ([0.2, 0.05, 0.05, 0.05], {}, False),  # a mean of 0.0875, under the floor of 0.1
        ([0.2, 0.05, 0.05, 0.05], {"table_rows_floor": 0.05}, True),
        ([0.6, 0.3, 0.3, 0.3], {"table_rows_min_rows": 5}, False),
        ([0.6, 0.3, 0.3, 0.3], {"table_rows_min_rows": 0}, False),  # off
    ],
)
def test_the_floor_the_size_and_the_switch(
    probabilities: list[float], changes: dict[str, object], kept: bool
) -> None:
    out = _after(_table(0), [_K, _D, _D, _D], probabilities, **changes)
    assert (out == [_K] * 4) is kept
    assert out[0] is _K


def test_a_table_of_links_and_a_hard_rules_row_stay_dropped() -> None:
    links = _table(0, link_density=0.9)
    assert _after(links, [_K, _D, _D, _D], [0.6, 0.3, 0.3, 0.3]) == [_K, _D, _D, _D]
    assert _after(links, [_K, _D, _D, _D], [0.6, 0.3, 0.3, 0.3], table_rows_max_link_density=1.0) == [_K] * 4
    blocks = _table(0)
    veto = lambda b: Label.METADATA if b.index == 2 else Label.CONTENT  # noqa: E731
    assert _after(blocks, [_K, _D, _D, _D], [0.6, 0.3, 0.3, 0.3], veto) == [_K, _K, _D, _K]


def test_a_second_rendering_of_a_kept_row_stays_dropped() -> None:
    # A responsive page writes the table twice; the copy rule dropped the second one's rows.
    first = _table(0, table=1)
    second = _table(4, table=2, rows=("Plans | Basic | Plus | Pro", *_ROWS[1:]))
    labels = [_K, _K, _K, _K, _K, _D, _D, _D]
    assert _after(first + second, labels, [0.6] * 8) == labels
    # The same rows with other words are the table's own: kept.
    other = _table(
        4,
        table=2,
        rows=(
            "Plans | Basic | Plus | Pro",
            "Support | - | Yes | Yes",
            "Exports | - | - | Yes",
            "Seats | 1 | 5 | 20",
        ),
    )
    assert _after(first + other, labels, [0.6] * 8) == [_K] * 8


def test_each_table_is_its_own_unit() -> None:
    blocks = [make_block(0, _PROSE), *_table(1, table=1), *_table(5, table=2)]
    labels = [_K, _K, _D, _D, _D, _D, _D, _D, _D]
    out = _after(blocks, labels, [0.9] + [0.3] * 8)
    assert out == [_K, _K, _K, _K, _K, _D, _D, _D, _D]
    # Paragraphs are never completed, whatever table id their markup holds.
    prose = [replace(make_block(i, _PROSE), markup=Markup(table=3)) for i in range(4)]
    assert _after(prose, [_K, _D, _D, _D], [0.6, 0.3, 0.3, 0.3]) == [_K, _D, _D, _D]


@pytest.mark.parametrize(
    ("declared", "completed"),
    [("", False), (ARTICLE, True), (SECTIONED, True), (PRODUCT, True)],
)
def test_only_pages_that_declare_a_type(declared: str, completed: bool) -> None:
    blocks = [make_block(i, _PROSE) for i in range(4)] + _table(4)
    options = Options(
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0
    )
    probabilities = (0.9,) * 4 + (0.8, 0.3, 0.3, 0.3)
    labels = decide(blocks, probabilities, options, declared=declared)
    assert labels[:5] == [_K] * 5
    assert (labels[5:] == [_K] * 3) is completed


@pytest.mark.parametrize(
    "change",
    [{"table_rows_min_rows": -1}, {"table_rows_floor": 1.5}, {"table_rows_max_link_density": -0.1}],
)
def test_invalid_values_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options(**change)  # type: ignore[arg-type]


def test_the_rows_roles_told_by_identity_are_the_table_roles() -> None:
    # with_table_rows tells a row's role by identity with these two, not by TABLE_ROLES.
    assert frozenset({_TABLE_ROW, _TABLE_CELL}) == TABLE_ROLES
    assert all((role is _TABLE_ROW or role is _TABLE_CELL) == (role in TABLE_ROLES) for role in Role)
