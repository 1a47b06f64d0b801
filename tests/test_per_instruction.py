"""benchmarks/per_instruction.py: each page's simulated events read from callgrind's dumps,
and the events per 1,000 instructions, the cycle estimate and the time per instruction."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import per_instruction

NAMES = "Ir Dr Dw I1mr D1mr D1mw Bc Bcm Bi Bim"


def _dumps(folder: Path, name: str, pages: list[list[int]]) -> Path:
    """Callgrind's files for a simulated run: a dump per page and the one at exit."""
    out = folder / name
    out.write_text(f"events: {NAMES}\nsummary: 9 9 9 9 9 9 9 9 9 9\n")  # not a page
    for part, values in enumerate(pages, 1):
        line = " ".join(map(str, values))
        text = f"version: 1\nevents: {NAMES}\nsummary: {line}\ntotals: {line}\n"
        (folder / f"{name}.{part}").write_text(text)
    return out


def test_page_events_are_named_and_in_dump_order(tmp_path: Path) -> None:
    pages = [[1000, 1, 2, 3, 4, 5, 6, 7, 8, 9], [2000, 0, 0, 0, 0, 0, 0, 0, 0, 11]]
    found = per_instruction.page_events(_dumps(tmp_path, "bs.out", [*pages, *pages]))
    assert [page["Ir"] for page in found] == [1000, 2000, 1000, 2000]
    assert found[0]["I1mr"] == 3 and found[1]["Bim"] == 11


def test_events_per_thousand_cycle_estimate_and_time(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # boilerstrip: 2,000 instructions, 10 L1 misses, 4 mispredicts; the peer: 1,000, 0 and 0.
    own = _dumps(tmp_path, "boilerstrip.out", [[2000, 0, 0, 6, 3, 1, 0, 2, 0, 2]])
    peer = _dumps(tmp_path, "peer.out", [[1000, 0, 0, 0, 0, 0, 0, 0, 0, 0]])
    times = tmp_path / "t.json"
    times.write_text(json.dumps({"boilerstrip": [0.004], "peer": [0.001]}))
    per_instruction.events(own, peer, times, skip=0)
    out = capsys.readouterr().out.splitlines()
    assert "| I1mr | 6 | 0 | 6.00 | 3.00 | 0.00 |" in out
    # (2,000 + 12 x 10 + 15 x 4) / 1,000
    assert "cycle estimate, boilerstrip ÷ peer: 2.18 (instructions 2.00)" in out
    assert out[-1] == "ns per 1,000 instructions: boilerstrip 2000.0, peer 1000.0"


def test_events_refuse_runs_of_different_pages(tmp_path: Path) -> None:
    own = _dumps(tmp_path, "boilerstrip.out", [[1] * 10, [1] * 10])
    peer = _dumps(tmp_path, "peer.out", [[1] * 10])
    with pytest.raises(SystemExit, match="2 pages against 1"):
        per_instruction.events(own, peer, None, skip=0)
