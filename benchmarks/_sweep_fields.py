"""Which Options fields a replayed decision reads, how it uses each, and the grid each is swept
over (benchmarks/sensitivity.py's field machinery).

A ``Tracking`` stands in for ``Options`` during one replay: every numeric field it hands out
is an int or float subclass that records, on its ``Use``, the comparisons it took part in.
A swept value that would have taken every branch today's value took gives today's output
without replaying the page.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from boilerstrip import Options
from replay import _Reading, load, replayed, shards

# The value that switches a step off, where its comment names one (decision_ablation.py's rows).
OFF: dict[str, Any] = {
    "heading_reach": 0,
    "thread_post_min_words": 0,
    "thread_description_min_words": 0,
    "thread_chrome_box_min_words": 0,
    "copy_shared_ancestor_levels": 0,
    "copy_box_min_blocks": 0,
    "tail_max_blocks": 0,
    "closing_box_max_words": 0,
    "detached_max_words": 0,
    "detached_link_density": 0.0,
    "teaser_card_min_cards": 0,
    "body_link_max_words": 0,
    "dateline_max_words": 0,
    "product_card_min_cards": 0,
    "product_carousel_max_cards": 0,
    "title_box_share": 0.0,
    "id_string_min_ids": 0,
    "card_slot_keep_share": 0.0,
    "card_group_min_cards": 0,
    "card_group_card_share": 0.0,
    "child_card_link_share": 0.0,
    "control_max_chars": 0,
    "form_label_max_words": 0,
    "section_prose_min_words": 0,
    "table_rows_min_rows": 0,
    "dump_min_words": 0,
    "expected_f1_floor": 0.0,
}
# Read by the decision but not thresholds to sweep (a mode, model tables, switches of the
# whole pipeline).
NOT_SWEPT = frozenset(
    {
        "decision",
        "sectioned_decision",
        "cut_model",
        "hard_rules",
        "weights",
        "smoothing",
        "time_budget",
        "language",
    }
)
# Fields a C function reads as a plain int (str.rsplit's count), out of the tracking's sight.
UNTRACKED = frozenset({"copy_shared_ancestor_levels"})


_COMPARE = {"__lt__": operator.lt, "__le__": operator.le, "__gt__": operator.gt, "__ge__": operator.ge}
_COMPARE |= {"__eq__": operator.eq, "__ne__": operator.ne}


class Use:
    """How one field's value was used in one replay: the comparisons it took part in
    (method, other operand), and whether it was used otherwise (arithmetic, an index)."""

    __slots__ = ("compared", "opaque", "truth")

    def __init__(self) -> None:
        self.compared: set[tuple[str, Any]] = set()
        self.opaque = False
        self.truth = False  # its truth value was read ("0 turns it off")

    def same(self, today: Any, value: Any) -> bool:
        """Whether ``value`` would have taken every branch ``today`` took."""
        if self.opaque:
            return False
        if self.truth and bool(value) != bool(today):
            return False
        return all(_COMPARE[m](value, o) == _COMPARE[m](today, o) for m, o in self.compared)


def _tracked(base: type) -> type:
    """A subclass of int or float that records on its Use how it is used."""

    def compare(method: str) -> Any:
        def f(self: Any, other: Any) -> Any:
            if isinstance(other, _TRACKED):
                self.use.opaque = True
                cast(Any, other).use.opaque = True
            else:
                self.use.compared.add((method, other))
            return getattr(base, method)(self, other)

        return f

    def opaque(method: str) -> Any:
        def f(self: Any, *args: Any) -> Any:
            self.use.opaque = True
            return getattr(base, method)(self, *args)

        return f

    def truth(self: Any) -> bool:
        self.use.truth = True
        return bool(getattr(base, "__bool__")(self))  # noqa: B009 -- int and float both have one

    names: dict[str, Any] = {m: compare(m) for m in _COMPARE}
    arithmetic = [m for m in dir(base) if m.startswith("__r") or m in _ARITHMETIC]
    names |= {
        m: opaque(m)
        for m in arithmetic
        if m not in _COMPARE and m not in ("__repr__", "__reduce__", "__reduce_ex__")
    }
    names |= {"__bool__": truth, "__hash__": base.__hash__}
    return type(f"Tracked{base.__name__}", (base,), names)


_ARITHMETIC = (
    "__add__",
    "__sub__",
    "__mul__",
    "__truediv__",
    "__floordiv__",
    "__mod__",
    "__pow__",
    "__neg__",
    "__pos__",
    "__abs__",
    "__index__",
    "__int__",
    "__float__",
    "__round__",
    "__trunc__",
    "__floor__",
    "__ceil__",
    "__divmod__",
    "__and__",
    "__or__",
    "__xor__",
    "__lshift__",
    "__rshift__",
    "__invert__",
    "__format__",
    "__str__",
)
_TRACKED_INT, _TRACKED_FLOAT = _tracked(int), _tracked(float)
_TRACKED = (_TRACKED_INT, _TRACKED_FLOAT)


class Tracking:
    """Options whose numeric fields (not booleans) record how the replay uses them."""

    def __init__(self, options: Options, fields: Sequence[str]) -> None:
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "uses", {name: Use() for name in fields})
        object.__setattr__(self, "read", set())

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        value = getattr(self._options, name)
        use = self.uses.get(name)
        if use is None or isinstance(value, bool):
            return value
        tracked = (_TRACKED_INT if isinstance(value, int) else _TRACKED_FLOAT)(value)
        tracked.use = use
        return tracked


def read_fields(folder: Path, every: int = 25) -> set[str]:
    """The Options fields the replayed stages read, on every ``every``-th page of each shard."""
    fields: set[str] = set()
    for shard in shards(folder):
        for i, page in enumerate(load(shard)):
            if i % every == 0 and not page.error:
                reading = _Reading(Options())
                replayed(page, cast(Options, reading))
                fields |= reading.read
    return fields


def grid(name: str, value: Any, wide: bool = False) -> list[Any]:
    """The values ``name`` is swept over, today's excluded; its "off" value first. Without
    ``wide``, one step each side: 0.75 and 1.25 times a count, one less and one more for a
    count up to 4, -0.1 and +0.1 for a share or density."""
    values: list[Any] = []
    if isinstance(value, bool):
        values = [not value]
    elif isinstance(value, int):
        if value <= 4:
            steps = (-2, -1, 1, 2, 4) if wide else (-1, 1)
            values = [v for v in (value + d for d in steps) if v >= 1]
        else:
            values = [round(value * f) for f in ((0.5, 0.75, 1.25, 1.5, 2.0) if wide else (0.75, 1.25))]
    elif isinstance(value, float):
        steps_ = (-0.2, -0.1, 0.1, 0.2) if wide else (-0.1, 0.1)
        values = [round(value + d, 2) for d in steps_ if 0.0 <= value + d <= 1.0]
    off = OFF.get(name)
    if off is not None:
        values.insert(0, off)
    ordered = list(dict.fromkeys(v for v in values if v != value))
    valid = []
    for v in ordered:
        try:
            Options().replace(**{name: v})
        except (ValueError, TypeError):
            continue
        valid.append(v)
    return valid
