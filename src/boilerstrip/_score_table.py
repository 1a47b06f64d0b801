"""The page's table of scorer outputs: one column per scorer, stored once for the page, and
a block's row of it; and how the frozen classes of the model pickle."""

from __future__ import annotations

import struct
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, Final, NamedTuple

# The frozen classes below pickle through their constructor (__reduce__): the optional
# compiled build (mypyc, see _compiled.py) cannot restore a frozen instance's state otherwise.


def by_constructor(value: Any) -> tuple[Any, ...]:
    return (type(value), tuple(getattr(value, f.name) for f in fields(value)))


class CodedColumn(NamedTuple):
    """A scorer's column of few distinct outputs: block ``i``'s output is
    ``values[codes[i]]`` (a byte a block where an array of doubles takes 8; most scorers
    give a handful of values over a page: rules 0 or 1, names a few strengths)."""

    values: tuple[float, ...]
    codes: bytes

    def at(self, index: int) -> float:
        return self.values[self.codes[index]]


def doubles(values: Sequence[float]) -> bytes:
    """The bytes of ``array("d", values)``, made by struct in half the time: array converts
    each value through the generic argument parser, struct calls PyFloat_AsDouble as that
    parser does (the same bits: -0.0, NaN and ints alike)."""
    return struct.pack(f"{len(values)}d", *values)


_MAX_CODED: Final = 256  # distinct outputs a byte can tell apart
_NEGATIVE_ZERO: Final = array("d", [-0.0]).tobytes()


# init=False: the __init__ is written out (as ScoreRow's) so that the compiled build makes
# it native; the generated one runs in the interpreter (once a page).
@dataclass(frozen=True, slots=True, eq=False, init=False)
class ScoreTable:
    """Every scorer's output for every block of one page, stored once for the page.

    One column per scorer name: an array of doubles (8 bytes a value, where a tuple per
    block took a slot of 8 and a float object of 24 for most values); a
    :class:`CodedColumn` when it holds at most 256 distinct values; or a single float
    when every block has bit for bit the same output (a scorer that finds nothing on the
    page). Columns are made by :meth:`pack`; read one block at a time through :class:`ScoreRow`.
    """

    names: tuple[str, ...]
    columns: tuple[float | array[float] | CodedColumn, ...]  # one per name

    def __init__(
        self, names: tuple[str, ...], columns: tuple[float | array[float] | CodedColumn, ...]
    ) -> None:
        object.__setattr__(self, "names", names)
        object.__setattr__(self, "columns", columns)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_constructor(self)

    @staticmethod
    def pack(
        column: Sequence[float], *, coded_min: int | None = None, raw: bytes | None = None
    ) -> float | array[float] | CodedColumn:
        """One scorer's outputs, a value per block, as a column of the table; a column of
        at least ``coded_min`` values (None: never) and few distinct ones is coded.
        ``raw``: ``doubles(column)`` when the caller has it already."""
        if raw is None:
            raw = doubles(column)
        size = len(raw) >> 3
        # Compared as bytes, not as floats: -0.0 == 0.0, and the outputs must come back exactly.
        # Every value has the first one's bits when the first 8 bytes, repeated, make the
        # bytes (a copy and a memcmp, where counting them searched the bytes); a single value
        # has. That value is the first output as a float: the double PyFloat_AsDouble gave
        # the bytes (an int or a bool as float() reads it), so the same float the array gave,
        # without the array (about 1,000 instructions a column, most of a small page's score).
        if size and (size == 1 or raw == raw[:8] * size):
            return float(column[0])
        packed = array("d", raw)
        if coded_min is None or size < coded_min:
            return packed
        distinct = set(column)  # floats equal as floats have the same bits, but for zeros:
        if len(distinct) > _MAX_CODED or _NEGATIVE_ZERO in raw:  # (a stray match only keeps the array)
            return packed
        keys = list(distinct)
        code = dict(zip(keys, range(len(keys))))
        return CodedColumn(tuple(array("d", keys)), bytes(map(code.__getitem__, column)))

    def row(self, index: int) -> tuple[float, ...]:
        """The outputs of the block at ``index``, one per name."""
        return tuple(
            c if isinstance(c, float) else c[index] if isinstance(c, array) else c.at(index)
            for c in self.columns
        )


# init=False: the __init__ below is written out as _model.Features' is (one row a block,
# made by the decision stage from compiled code).
@dataclass(frozen=True, slots=True, eq=False, init=False)
class ScoreRow:
    """One block's row of its page's :class:`ScoreTable`; equal to another row with the
    same names and outputs, as the tuples it replaces were."""

    table: ScoreTable
    row: int

    def __init__(self, table: ScoreTable, row: int) -> None:
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "row", row)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_constructor(self)  # the table is pickled once for all the rows of a result

    @property
    def names(self) -> tuple[str, ...]:
        return self.table.names

    @property
    def outputs(self) -> tuple[float, ...]:
        return self.table.row(self.row)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ScoreRow):
            return NotImplemented
        return self.names == other.names and self.outputs == other.outputs

    def __hash__(self) -> int:
        return hash((self.names, self.outputs))


NO_SCORES: Final = ScoreRow(ScoreTable((), ()), 0)
