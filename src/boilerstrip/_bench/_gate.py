"""The quality gate: each set's mean F1 against a floor stored in the repository.

A set fails when its figure falls more than the tolerance below its floor. Floors only
go up: ``raise_floors`` lifts a floor to a better figure and never lowers one; lowering
a floor is an edit of the floors file, visible in review.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

TOLERANCE = 0.005  # noise allowed below a floor (one page of a small set moves its mean more)


def set_figures(results: dict[str, Any]) -> dict[str, float]:
    """boilerstrip's figure per set: mean word F1, or pooled snippet F1, cut (not rounded) to
    four decimals, so that a floor raised to it never stands above the figure itself."""
    return {name: math.floor(s["f1"] * 10_000) / 10_000 for name, s in results["boilerstrip"]["sets"].items()}


def check(figures: dict[str, float], floors: dict[str, float], tolerance: float = TOLERANCE) -> list[str]:
    """One line per set below its floor (empty when the gate passes)."""
    return [
        f"{name}: {figures[name]:.4f} is more than {tolerance} below its floor {floor:.4f}"
        for name, floor in sorted(floors.items())
        if name in figures and figures[name] < floor - tolerance
    ]


def raise_floors(figures: dict[str, float], floors: dict[str, float]) -> dict[str, float]:
    """Floors lifted to the figures that beat them; sets without a floor get one."""
    return {name: max(floors.get(name, 0.0), figures.get(name, 0.0)) for name in sorted({*floors, *figures})}


def read_floors(path: Path) -> dict[str, float]:
    return {k: float(v) for k, v in json.loads(path.read_text("utf-8")).items()} if path.exists() else {}


def write_floors(path: Path, floors: dict[str, float]) -> None:
    path.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", "utf-8")
