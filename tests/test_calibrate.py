"""benchmarks/calibrate.py: the pages read from a block dump score as extracted ones, and a
bin far from its mean F1 is broken down by group."""

from __future__ import annotations

import sys
from pathlib import Path

from boilerstrip._bench._sets import load_sets

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from calibrate import dumped_pairs, off_bins, page_pair
from replay import dump

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_dump_gives_the_extracted_pages_confidence_and_f1(tmp_path: Path) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    pages = [p for p in load_sets([FIXTURES])["fixtures"] if p.truth is not None]
    assert dumped_pairs(tmp_path, pages, jobs=1) == [page_pair(p) for p in pages]


def test_only_bins_off_by_more_than_the_margin_are_broken_down() -> None:
    pairs = [(0.95, 0.96), (0.94, 0.93), (0.55, 0.80), (0.52, 0.70), (0.58, 0.60)]
    labels = ["a", "a", "wcxb forum", "wcxb forum", "b"]
    assert off_bins(pairs, labels) == [
        "- 0.5-0.6 (-0.150): wcxb forum 2 (0.535 / 0.750); b 1 (0.580 / 0.600)",
    ]
