"""``_cscore.cut_statistics`` (the compiled build's read of _cut.predicted_threshold's page)
gives _cut.page_statistics and _cut._candidate_rows bit for bit: the same sums in the same
order, the blocks ranked as the stable sort ranks them (ties, zeros of both signs), each
threshold's count at or above it; None where an input is not plain (NaN, a non-float
probability, a bool or huge word count, lengths that differ), which the Python then reads.
Built with the C compiler where the compiled build is not installed."""

from __future__ import annotations

import math
import random
import struct
import sysconfig
from collections.abc import Sequence
from types import ModuleType

import pytest

import cscan_build
from boilerstrip import _cut
from boilerstrip._cut import _candidate_rows, page_statistics
from boilerstrip._cut_weights import CUT_MODEL

_THRESHOLDS = [t for t, _ in CUT_MODEL]


@pytest.fixture(scope="module")
def cscore(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    flags = [*(sysconfig.get_config_var("CFLAGS") or "").split(), "-ffp-contract=off"]
    return cscan_build.installed_or_built("_cscore", tmp_path_factory, flags)


def _bits(values: Sequence[float]) -> bytes:
    return struct.pack(f"{len(values)}d", *values)


def _page(rnd: random.Random) -> tuple[list[float], list[int]]:
    n = rnd.choice([0, 1, 2, 3, 7, 40, 500])
    ties = [rnd.random() for _ in range(3)]
    probabilities = [
        rnd.choice([rnd.random(), rnd.choice(ties), 0.5, 0.2, 0.8, 0.0, -0.0, 1.0, 1e-300, 0.35])
        for _ in range(n)
    ]
    words = [rnd.choice([0, 0, 1, 4, 12, 300, 10**6]) for _ in range(n)]
    return probabilities, words


def _thresholds(rnd: random.Random) -> list[float]:
    return rnd.choice(
        [_THRESHOLDS, [], [0.5], [0.35, 0.35, 0.2], [0.0, -0.0, 1.0, 2.0], [rnd.random() for _ in range(9)]]
    )


@pytest.mark.parametrize("seed", range(6))
def test_cut_statistics_is_the_python(cscore: ModuleType, seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(60):
        probabilities, words = _page(rnd)
        thresholds = _thresholds(rnd)
        got = cscore.cut_statistics(probabilities, words, thresholds)
        assert got is not None
        statistics, rows = got
        assert _bits(statistics) == _bits(page_statistics(probabilities, words))
        expected = _candidate_rows(probabilities, words, thresholds)
        assert len(rows) == len(expected)
        for row, want in zip(rows, expected):
            assert isinstance(row, tuple) and _bits(row) == _bits(want)
        # a tuple of probabilities, as the smooth stage gives them, reads the same
        assert cscore.cut_statistics(tuple(probabilities), words, thresholds) == got


@pytest.mark.parametrize(
    ("probabilities", "words", "thresholds"),
    [
        ([0.5, math.nan], [1, 2], [0.5]),
        ([0.5, 0.6], [1, 2], [math.nan]),
        ([0.5, 1], [1, 2], [0.5]),
        ([0.5, 0.6], [1, True], [0.5]),
        ([0.5, 0.6], [1, 2**60], [0.5]),
        ([0.5, 0.6], [1], [0.5]),
        ([0.5, 0.6], [1, 2], [1]),
        (iter([0.5]), [1], [0.5]),
    ],
)
def test_cut_statistics_leaves_what_is_not_plain_to_the_python(
    cscore: ModuleType, probabilities: object, words: object, thresholds: object
) -> None:
    assert cscore.cut_statistics(probabilities, words, thresholds) is None


@pytest.mark.parametrize("seed", range(3))
def test_predicted_threshold_is_the_python_either_way(
    cscore: ModuleType, monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    rnd = random.Random(seed)
    pages = [_page(rnd) for _ in range(40)]
    with_c = [_cut.predicted_threshold(p, w, CUT_MODEL) for p, w in pages]
    monkeypatch.setattr(_cut, "_C_STATISTICS", None)
    assert [_cut.predicted_threshold(p, w, CUT_MODEL) for p, w in pages] == with_c
    monkeypatch.setattr(_cut, "_C_STATISTICS", cscore.cut_statistics)
    assert [_cut.predicted_threshold(p, w, CUT_MODEL) for p, w in pages] == with_c
