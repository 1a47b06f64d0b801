"""benchmarks/calibrate.py: the pages read from a block dump score as extracted ones, a bin
far from its mean F1 is broken down by group, and the fit and the figures it reports."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from boilerstrip._bench._sets import load_sets

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from calibrate import Scored, dumped_pairs, gap, isotonic, mapped, off_bins, page_pair, squared_error
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


@pytest.mark.parametrize(
    ("pairs", "points"),
    [
        # already increasing: a point a page
        ([(0.1, 0.2), (0.5, 0.6)], [(0.1, 0.2), (0.5, 0.6)]),
        # a violation pooled: the block at its lowest and highest x, at its mean F1
        ([(0.1, 0.9), (0.5, 0.5), (0.9, 1.0)], [(0.1, 0.7), (0.5, 0.7), (0.9, 1.0)]),
        # three pooled: the block's ends are its first and last x, not its mean x
        ([(0.2, 0.9), (0.3, 0.8), (0.7, 0.7), (0.8, 0.95)], [(0.2, 0.8), (0.7, 0.8), (0.8, 0.95)]),
        # pooled pages of one x: one point
        ([(0.4, 0.9), (0.4, 0.5)], [(0.4, 0.5), (0.4, 0.9)]),
        ([(0.4, 0.5), (0.4, 0.9), (0.3, 1.0)], [(0.3, 0.75), (0.4, 0.75), (0.4, 0.9)]),
    ],
)
def test_isotonic_gives_each_blocks_ends(
    pairs: list[tuple[float, float]], points: list[tuple[float, float]]
) -> None:
    assert [(x, round(y, 9)) for x, y in isotonic(pairs)] == points


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(0.95, 0.95), (0.55, 0.55)], 0.0),
        # one bin, 0.1 over on average: the gap is 0.1 whatever the spread in it
        ([(0.91, 0.71), (0.99, 0.99)], 0.1),
        # two bins: 0.2 under in one (1 page), exact in the other (3 pages)
        ([(0.5, 0.7), (0.9, 0.9), (0.95, 0.95), (1.0, 1.0)], 0.05),
        ([], 0.0),
    ],
)
def test_gap_is_the_pages_weighted_bin_gap(pairs: list[tuple[float, float]], expected: float) -> None:
    assert gap(pairs) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [([(0.9, 0.9)], 0.0), ([(0.91, 0.71), (0.99, 0.99)], 0.02), ([(0.5, 0.7), (1.0, 0.6)], 0.1), ([], 0.0)],
)
def test_squared_error_is_the_pages_mean(pairs: list[tuple[float, float]], expected: float) -> None:
    assert squared_error(pairs) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("scored", "expected"),
    [
        (Scored(0.5, 0.0, 0.3), 0.0),  # nothing is content: 0, whatever the raw margin
        (Scored(0.5, 0.7, 0.3), 0.5),
        (Scored(0.123456, 0.7, 0.3), 0.1235),  # at 4 decimals, as confidence()
        (Scored(0.0, 0.7, 0.3), 0.0001),  # never 0 when something is content
    ],
)
def test_a_map_gives_a_page_what_confidence_would(scored: Scored, expected: float) -> None:
    assert mapped([(0.0, 0.0), (1.0, 1.0)], scored) == expected
