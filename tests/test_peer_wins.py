"""benchmarks/peer_wins.py: which pages a peer (or boilerstrip) wins by a margin, and why."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import load_sets

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from peer_wins import Cause, Screened, cause, causes, page_f1, report, screen
from replay import dump, dump_page, replayed

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {p.id: p for p in load_sets([FIXTURES])["fixtures"]}


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"f1": 0.75}, 0.75),
        ({"f1": None}, 0.0),
        ({"counts": [3, 1, 0, 4]}, 6 / 7),  # P 3/4, R 1: F1 6/7
        ({"counts": [0, 2, 1, 0]}, 0.0),
        (None, 0.0),  # a page the peer has no record of scores as empty output
    ],
)
def test_page_f1_of_text_and_snippet_records(record: dict[str, Any] | None, expected: float) -> None:
    assert page_f1(record) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("ours", "a", "b", "side"),
    [
        (0.50, 0.70, 0.64, "peer"),  # the best peer 0.20 ahead
        (0.50, 0.60, 0.64, ""),  # 0.14 ahead: under the margin
        (0.90, 0.70, 0.74, "ours"),  # 0.16 ahead of every peer
        (0.90, 0.70, 0.76, ""),  # 0.14 ahead of the best
        (0.50, 0.65, 0.10, "peer"),  # exactly the margin counts
    ],
)
def test_screen_sides_and_margin(ours: float, a: float, b: float, side: str) -> None:
    peers = {"a": {"s/1": {"f1": a}}, "b": {"s/1": {"f1": b}}}
    peer_wins, our_wins = screen({"s/1": {"f1": ours}}, peers, {"s/1": "s t"}, 0.15)
    rows = {"peer": peer_wins, "ours": our_wins}.get(side, [])
    assert (peer_wins + our_wins) == rows
    if rows:
        best = "a" if a >= b else "b"
        assert rows == [Screened("s/1", "s t", ours, max(a, b), best)]


def test_cause_names_flips_and_the_steps_that_move_the_page() -> None:
    page = PAGES["listing_page"]
    dumped, _ = dump_page(page)
    assert page.truth is not None
    found = cause(dumped, page.truth, step_change=0.0)
    before = page_record(page, layout(replayed(dumped, Options())), 0.0, "ok")["f1"]
    assert found.flips  # the fixture has blocks whose flip gains
    assert all(name.split(":")[0] in ("lost", "leaked") for name in found.flips)
    assert all(f.gain > 0 for f in found.largest) and len(found.largest) <= 3
    assert sum(found.flips.values()) >= found.largest[0].gain
    # A step's change is the page's F1 with the step off minus its F1 with default Options.
    assert all(-1.0 <= change <= 1.0 - before + 1e-9 for change in found.steps.values())
    assert 0.0 not in found.steps.values()


def test_report_of_a_dump(tmp_path: Path) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    keys = {"fixtures/listing_page", "fixtures/product_page"}
    found = dict(causes(tmp_path, keys, 0.01))
    assert set(found) == keys
    rows = [
        Screened("fixtures/listing_page", "fixtures", 0.5, 0.9, "peer-a"),
        Screened("fixtures/product_page", "fixtures", 0.6, 0.8, "peer-b"),
    ]
    text = report(rows, found, "a peer ahead", pages=True)
    assert text.startswith("## a peer ahead\n")
    assert "| fixtures | 2 | 0.60 |" in text  # two pages, 0.4 + 0.2 page points
    assert "- fixtures/listing_page (fixtures): ours 0.500, peer-a 0.900" in text
    empty = report(rows, {}, "no causes", pages=False)
    assert "| fixtures | 2 | 0.60 | – | – |" in empty and "- fixtures/" not in empty


def test_a_cause_without_gaining_flips_reports_dashes() -> None:
    row = Screened("s/1", "s", 0.2, 0.9, "p")
    text = report([row], {"s/1": Cause({}, {"card groups": -0.1}, [])}, "t", pages=True)
    assert "| s | 1 | 0.70 | – | – |" in text  # a step that costs when off is not a cause
    assert "steps: card groups -0.100" in text
