"""benchmarks/instructions.py: one count per page read from callgrind's dumps, and the
issue's figures in instructions (medians, p90, per-page ratios)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import instructions


def _dumps(folder: Path, name: str, totals: list[int]) -> Path:
    """Callgrind's files for a run: a dump per page (``name.1`` ...) and the one at exit."""
    out = folder / name
    out.write_text("events: Ir\nsummary: 5\n")  # the dump at exit: not a page
    for part, total in enumerate(totals, 1):
        (folder / f"{name}.{part}").write_text(f"version: 1\nevents: Ir\nfn=x\n0 {total}\ntotals: {total}\n")
    return out


def test_counts_are_one_per_page_in_dump_order(tmp_path: Path) -> None:
    totals = [30, 10, 20, 40, 50, 60, 70, 80, 90, 100, 110, 120]
    assert instructions.counts(_dumps(tmp_path, "bs.out", totals)) == totals


def test_ratio_gives_medians_p90_and_per_page_ratios(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = _dumps(tmp_path, "boilerstrip.out", [4_000_000, 6_000_000, 8_000_000])
    peer = _dumps(tmp_path, "peer.out", [1_000_000, 2_000_000, 4_000_000])
    instructions.ratio([own, peer])
    rows = capsys.readouterr().out.splitlines()
    assert rows[2] == "| boilerstrip | 3 | 6.00 | 8.00 | | | |"
    # medians 6 / 2, p90s 8 / 4, per page 4, 3, 2: median 3
    assert rows[3] == "| peer | 3 | 2.00 | 4.00 | 3.00 | 2.00 | 3.00 |"


def test_ratio_refuses_runs_of_different_pages(tmp_path: Path) -> None:
    own = _dumps(tmp_path, "boilerstrip.out", [1, 2, 3])
    peer = _dumps(tmp_path, "peer.out", [1, 2])
    with pytest.raises(SystemExit, match="2 counts against boilerstrip's 3"):
        instructions.ratio([own, peer])
