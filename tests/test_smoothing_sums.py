"""The smoothing stage's sums, taken once per block, give the plain per-window sums' floats."""

from __future__ import annotations

import math
import random

import pytest

from blocks import make_block
from boilerstrip import Options
from boilerstrip._float_sum import float_sum
from boilerstrip._probability import SMOOTHING_INPUTS, _logit, _sigmoid, smooth, smoothing_inputs
from boilerstrip._scorers import SHORT_WORDS


def _plain_rows(probabilities: list[float], words: list[int], window: int) -> list[list[float]]:
    """The rows as they were first written: the neighbours and the window summed by sum() (as
    Python 3.11's sum() added floats: float_sum, plain; 3.12's is compensated)."""
    logits = [_logit(p) for p in probabilities]
    n = len(logits)
    rows = []
    for i in range(n):
        near = [logits[j] for j in (i - 1, i + 1) if 0 <= j < n]
        lo, hi = max(0, i - window), min(n, i + window + 1)
        span = [(logits[j], words[j] + 1) for j in range(lo, hi) if j != i]
        total = sum(w for _, w in span)
        rows.append(
            [
                logits[i],
                float_sum(near) / len(near) if near else 0.0,
                float_sum(z * w for z, w in span) / total if total else 0.0,
                1.0 if words[i] < SHORT_WORDS else 0.0,
            ]
        )
    return rows


def _pages(seed: int) -> list[tuple[list[float], list[int]]]:
    """Made-up pages of every small length and a few long ones, with probabilities at the
    clamps (0, 1, 0.5: a zero log-odds) and blocks of no words."""
    rnd = random.Random(seed)
    pages = []
    for n in [*range(9), *range(9), 40, 301]:
        probabilities = [rnd.choice([rnd.random(), 0.0, 1.0, 0.5, 1e-9, 1.0 - 1e-12]) for _ in range(n)]
        pages.append((probabilities, [rnd.choice([0, 1, 4, 5, 6, 37, 900]) for _ in range(n)]))
    return pages


@pytest.mark.parametrize("window", [0, 1, 2, 3, 7])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_smoothing_rows_are_the_plain_sums(window: int, seed: int) -> None:
    for probabilities, words in _pages(seed):
        assert repr(smoothing_inputs(probabilities, words, window)) == repr(
            _plain_rows(probabilities, words, window)
        ), (probabilities, words)


@pytest.mark.parametrize("window", [1, 3])
@pytest.mark.parametrize("seed", [3, 4])
def test_smoothed_probabilities_are_the_plain_weighted_sums(window: int, seed: int) -> None:
    options = Options(smoothing_window=window)
    weights = dict(options.smoothing)
    coefficients = [weights.get(name, 0.0) for name in SMOOTHING_INPUTS]
    for probabilities, words in _pages(seed):
        blocks = [make_block(i, " ".join(["w"] * n)) for i, n in enumerate(words)]
        expected = [
            _sigmoid(weights["bias"] + float_sum(c * v for c, v in zip(coefficients, row)))
            for row in _plain_rows(probabilities, words, window)
        ]
        assert repr(smooth(blocks, probabilities, options)) == repr(tuple(expected))
        assert all(math.isfinite(p) for p in expected)
