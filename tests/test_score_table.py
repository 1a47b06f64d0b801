"""The page's scorer outputs stored once (ScoreTable) and read per block (ScoreRow): the
values come back bit for bit, rows compare and hash by value, a result pickles the table
once."""

from __future__ import annotations

import math
import pickle
import struct
from array import array
from pathlib import Path

import pytest

from boilerstrip import extract
from boilerstrip._score_table import ScoreRow, ScoreTable, doubles

SEED = (Path(__file__).parent / "fixtures" / "news_seed.html").read_bytes()


def _bits(values: tuple[float, ...]) -> list[bytes]:
    return [struct.pack("<d", v) for v in values]


@pytest.mark.parametrize(
    "column",
    [
        [0.0, 0.0, 0.0],
        [0.7, 0.7],
        [-0.0, -0.0],
        [0.0, -0.0, 0.0],  # equal as floats, not as bits: must stay two values
        [0.0, 1.0, 0.5, 0.25],
        [1e-300, 1e300, -2.5],
        [0.3],
        [],
    ],
)
def test_a_packed_column_gives_back_the_same_bits(column: list[float]) -> None:
    table = ScoreTable(("s",), (ScoreTable.pack(column),))
    assert _bits(tuple(table.row(i)[0] for i in range(len(column)))) == _bits(tuple(column))


@pytest.mark.parametrize(
    "column",
    [
        [],
        [0.5],
        [0.0, -0.0, math.inf, -math.inf, math.nan, -math.nan, 5e-324, 1.7976931348623157e308],
        [1, 0, True, False, -3, 2**60],  # ints and bools: converted as array converts them
        [0.1 * i for i in range(1000)],
    ],
)
def test_doubles_are_the_arrays_bytes(column: list[float]) -> None:
    assert doubles(column) == array("d", column).tobytes()


@pytest.mark.parametrize(
    ("column", "constant"), [([0.5, 0.5, 0.5], True), ([0.0, -0.0], False), ([1.0, 2.0], False)]
)
def test_only_a_column_of_identical_bits_is_one_float(column: list[float], constant: bool) -> None:
    assert isinstance(ScoreTable.pack(column), float) is constant


@pytest.mark.parametrize(
    "column",
    [
        [1],
        [True],
        [False],
        [0],
        [-3, -3],
        [2**60 + 1],
        [2**60 + 1, 2**60],
        [math.nan],
        [-math.nan] * 3,
        [-0.0],
        [5e-324],
    ],
)
def test_a_one_value_column_is_the_float_the_array_held(column: list[float]) -> None:
    """A column of one value (one block, or all alike) is packed to the float that
    ``array("d", doubles(column))[0]`` gives (an int or a bool converted as array converts it)."""
    raw = doubles(column)
    packed = ScoreTable.pack(column, raw=raw)
    if raw == raw[:8] * len(column):
        assert isinstance(packed, float) and _bits((packed,)) == _bits((array("d", raw)[0],))
    else:
        assert isinstance(packed, array) and packed.tobytes() == raw


def test_a_negative_zero_column_stays_negative() -> None:
    packed = ScoreTable.pack([-0.0, -0.0])
    assert isinstance(packed, float) and math.copysign(1.0, packed) == -1.0


def test_rows_compare_and_hash_by_value() -> None:
    names = ("a", "b")
    one = ScoreTable(names, (ScoreTable.pack([1.0, 0.5]), 0.0))
    other = ScoreTable(names, (array("d", [0.5, 1.0]), array("d", [0.0, 0.0])))
    assert ScoreRow(one, 0) == ScoreRow(other, 1)
    assert hash(ScoreRow(one, 0)) == hash(ScoreRow(other, 1))
    assert ScoreRow(one, 0) != ScoreRow(other, 0)
    assert ScoreRow(one, 0) != ScoreRow(ScoreTable(("a", "c"), (1.0, 0.0)), 0)  # other names


def test_blocks_read_their_own_row() -> None:
    result = extract(SEED)
    table = result.blocks[0].scoring.table
    assert table.names and all(b.scoring.table is table for b in result.blocks)
    for i, block in enumerate(result.blocks):
        assert block.scorer_outputs == table.row(i)
        assert block.scores == tuple(zip(table.names, table.row(i)))
        assert len(block.scorer_outputs) == len(block.scorer_names)


def test_a_pickled_result_holds_one_table() -> None:
    result = extract(SEED)
    clone = pickle.loads(pickle.dumps(result))
    assert clone == result
    assert len({id(b.scoring.table) for b in clone.blocks}) == 1
    assert [b.scores for b in clone.blocks] == [b.scores for b in result.blocks]
