"""A data table that is partly kept keeps its other rows, on pages that declare a type.

A table is one unit of text: a service's plan comparison ("Overview | Professional Resume
| Pro Resume Package", "Cover & Thank You Letters | - | Yes | Yes"), a specification or a
schedule. Each of its rows is scored on its own, and rows of short cells ("Yes", "-",
"Add-On") score lower than its header and its wordier rows, so the decision keeps some
rows and drops the rest: the table comes out with holes. Here, when at least one row of a
table of ``Options.table_rows_min_rows`` rows or more is kept, its dropped rows are kept
too, if the table's mean probability is at least ``Options.table_rows_floor``, its mean
link density at most ``Options.table_rows_max_link_density`` (not a table of links), the
hard rules keep the row and it repeats no kept text (a responsive page's second rendering
of the table, which the copy rule dropped). Only on pages that declare a type: the news sets' pages,
which mostly declare none, hold layout tables whose kept cell is the story and whose other
cells are chrome.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._copied_boxes import first_kept, is_kept_text
from ._float_sum import float_sum
from ._model import Block, Label, Role, page_tuple
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_TABLE_ROW: Final = Role.TABLE_ROW
_TABLE_CELL: Final = Role.TABLE_CELL


def with_table_rows(
    blocks: Sequence[Block],
    labels: list[Label],
    probabilities: Sequence[float],
    options: Options,
    kept_label: Callable[[Block], Label],
    *,
    hashes: list[int],
) -> list[Label]:
    """``labels`` with the dropped rows of partly kept tables kept (see the module);
    ``kept_label`` is the hard rules' verdict on a block the decision keeps, ``hashes`` the
    blocks' :func:`~._copied_boxes.copy_hashes`."""
    min_rows = options.table_rows_min_rows
    if not min_rows:
        return labels
    tables: dict[int, list[int]] = {}
    # A tuple, as extract() gives it (read in place when compiled); a block's role is a Role
    # member, told by identity (TABLE_ROLES' test hashes it).
    for i, b in enumerate(page_tuple(blocks)):
        role = b.role
        if (role is _TABLE_ROW or role is _TABLE_CELL) and b.markup.table >= 0:
            tables.setdefault(b.markup.table, []).append(i)
    out = labels
    seen: dict[int, list[int]] | None = None  # the kept texts, made once a row gets that far
    for rows in tables.values():
        n = len(rows)
        if n < min_rows or all(labels[i] is _CONTENT for i in rows):
            continue
        if not any(labels[i] is _CONTENT for i in rows):
            continue
        if float_sum(probabilities[i] for i in rows) < options.table_rows_floor * n:
            continue
        if float_sum(blocks[i].features.link_density for i in rows) > options.table_rows_max_link_density * n:
            continue
        for i in rows:
            if labels[i] is _CONTENT or kept_label(blocks[i]) is not _CONTENT:
                continue
            if seen is None:
                seen = first_kept(blocks, labels, hashes)
            if is_kept_text(blocks, labels, hashes, seen, i):
                continue
            if out is labels:
                out = list(labels)
            out[i] = _CONTENT
    return out
