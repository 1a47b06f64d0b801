"""benchmarks/truth_coverage.py: the share of a page's truth that any of its blocks holds."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import truth_coverage as covering
from boilerstrip._bench._metrics import words


@pytest.mark.parametrize(
    ("truth", "texts", "expected"),
    [
        ("the cat sat", ["The cat", "sat down"], (1.0, 0)),  # split over blocks, case folded
        ("the cat sat", ["the cat"], (2 / 3, 1)),
        ("a a a b", ["a", "b"], (0.5, 2)),  # a word counts as often as both hold it
        ("a a", ["a a a a"], (1.0, 0)),  # extra copies in the blocks do not count
        ("the cat", [], (0.0, 2)),
        ("", ["anything"], (1.0, 0)),  # no truth: nothing to miss
    ],
)
def test_coverage(truth: str, texts: list[str], expected: tuple[float, int]) -> None:
    share, missed = covering.coverage(words(truth), texts)
    assert (share, missed) == (pytest.approx(expected[0]), expected[1])


def test_report_counts_the_pages_under_the_bound_by_group() -> None:
    found = [
        covering.Covered("wcxb/1", "wcxb article", 0.2, 80),
        covering.Covered("wcxb/2", "wcxb article", 0.95, 5),
        covering.Covered("dragnet/3", "dragnet", 0.5, 10),
    ]
    text = covering.report(found, 0.9, 2)
    assert "| wcxb article (2) | 1 | 80 | 0.5750 |" in text
    assert "| dragnet (1) | 1 | 10 | 0.5000 |" in text
    assert "- wcxb/1 (wcxb article): 0.200, 80 words missed" in text
    assert text.count("\n- ") == 2  # --top pages listed


def test_a_word_counter_is_what_the_bench_counts() -> None:
    assert covering.coverage(Counter({"x": 1}), ["X"]) == (1.0, 0)
