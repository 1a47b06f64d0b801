"""benchmarks/interleaved.py: the figures of two builds' per-page times."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import interleaved

# Ten pages: B takes half of A's time on each, but one page of A is slow.
_A = [2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 100.0]
_B = [t / 2 for t in _A]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("median_a", 11.0),  # (10 + 12) / 2
        ("median_b", 5.5),
        ("p90_a", 100.0),  # the 10th of 10 sorted times
        ("p90_b", 50.0),
        ("ratio_of_medians", 0.5),
        ("median_of_ratios", 0.5),
    ],
)
def test_summary(key: str, expected: float) -> None:
    assert interleaved.summary(_A, _B)[key] == pytest.approx(expected)


def test_per_page_ratios_and_medians_part() -> None:
    """B is faster on two pages of three but slower on the page that is A's median: the
    median of the per-page ratios says faster, the ratio of the medians slower."""
    s = interleaved.summary([1.0, 2.0, 3.0], [0.5, 3.0, 2.5])
    assert s["median_of_ratios"] == pytest.approx(2.5 / 3.0)
    assert s["ratio_of_medians"] == pytest.approx(1.25)


@pytest.mark.parametrize(("a", "b"), [([], []), ([1.0], [1.0, 2.0])])
def test_summary_needs_the_same_pages(a: list[float], b: list[float]) -> None:
    with pytest.raises(ValueError, match="same pages"):
        interleaved.summary(a, b)
