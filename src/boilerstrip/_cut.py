"""The "predicted" decision: a content threshold chosen per page from the shape of its
probabilities.

One fixed threshold is wrong for most pages: on the development sets the best
threshold of each page, chosen with hindsight, would lift the mean word F1 from 0.907
to 0.953. The shape of a page's probabilities tells much of it: a page with a clear
article has most of its words near 0 or 1; a multi-section page has many in between
and loses whole sections at 0.5. So for each candidate threshold a linear model (over
a few statistics of the page's probabilities, two statistics of the candidate itself,
and their squares) predicts the page's word F1 at that threshold, and the page takes the
candidate with the best prediction. The candidate's own statistics (the F1 its cut would
have if the probabilities were right, and the share of words it keeps) let the models
rank the candidates of one page rather than only guess how good the page is.
The models are fitted by benchmarks/tune_cut.py and live in ``_cut_weights``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Final, cast

from ._compiled import c_module

CutModel = tuple[tuple[float, tuple[float, ...]], ...]  # (threshold, coefficients) per candidate

_CutChoice = Callable[[CutModel, list[float], list[tuple[float, ...]]], "float | None"]


_Statistics = tuple[tuple[float, ...], list[tuple[float, ...]]]
_CutStatistics = Callable[[Sequence[float], Sequence[int], list[float]], "_Statistics | None"]
_CutThreshold = Callable[[Sequence[float], Sequence[int], CutModel], "float | None"]


def _c_loops() -> tuple[_CutChoice | None, _CutStatistics | None, _CutThreshold | None]:
    """The compiled build's C loops of :func:`predicted_threshold` (``_cscore``), or Nones in
    a pure install: ``cut_choice``, its sums (the same products added in the same order, the
    same choice; None where an input is not a float, which the Python loop then reads),
    ``cut_statistics``, :func:`page_statistics` and :func:`_candidate_rows` in one C read of
    the page (None where an input is not plain, which the Python then reads), and
    ``cut_threshold``, the two in one call (None where either would give None)."""
    module = c_module("_cscore")
    if module is None:
        return None, None, None
    return (
        cast(_CutChoice, module.cut_choice),
        cast(_CutStatistics, module.cut_statistics),
        cast(_CutThreshold, module.cut_threshold),
    )


_C_CUT: Final = _c_loops()
_C_CHOICE: Final = _C_CUT[0]
_C_STATISTICS: Final = _C_CUT[1]
_C_THRESHOLD: Final = _C_CUT[2]

STATISTICS = (
    "mean",  # word-weighted mean probability
    "above_half",  # share of words at or above 0.5
    "doubtful_low",  # share of words in [0.2, 0.5)
    "doubtful_high",  # share of words in [0.5, 0.8)
    "margin",  # word-weighted mean of |p - 0.5| * 2
    "log_blocks",
    "max",
    "log_words",
    "log_words_above_half",
)

CANDIDATE_STATISTICS = (
    "expected_f1",  # 2 E[true words kept] / (words kept + E[true words]), p as truth
    "kept",  # share of words at or above the candidate
)


def page_statistics(probabilities: Sequence[float], words: Sequence[int]) -> tuple[float, ...]:
    """The statistics of ``STATISTICS`` for one page (blocks weigh their words + 1)."""
    probs, counts = list(probabilities), list(words)
    # Each sum adds its terms in order from 0.0 as sum() did (sum() starts from the integer
    # 0, and 0 + x is 0.0 + x): the same floats, without the compiled build's generic
    # additions of generators, nor a list of the weights (a float object per block).
    total = 0.0
    for count in counts:
        total += count + 1.0
    if not probs or total <= 0.0:
        return (0.0,) * len(STATISTICS)
    mean = above = low = high = spread = 0.0
    for p, count in zip(probs, counts):
        w = count + 1.0
        mean += p * w
        spread += abs(p - 0.5) * 2.0 * w
        if p >= 0.5:
            above += w
            if p < 0.8:
                high += w
        elif p >= 0.2:
            low += w
    # max(probs) as a loop: the first of the greatest, as max() keeps it (a later one replaces
    # it only when greater), without the compiled build's generic call of max() (about 85
    # instructions a block).
    top = probs[0]
    for p in probs:
        top = max(top, p)
    return (
        mean / total,
        above / total,
        low / total,
        high / total,
        spread / total,
        math.log(len(probs) + 1.0),
        top,
        math.log(total),
        math.log(above + 1.0),
    )


def candidate_statistics(
    probabilities: Sequence[float], words: Sequence[int], threshold: float
) -> tuple[float, ...]:
    """The statistics of ``CANDIDATE_STATISTICS`` for one page and candidate threshold."""
    return _candidate_rows(probabilities, words, (threshold,))[0]


def _candidate_rows(
    probabilities: Sequence[float], words: Sequence[int], thresholds: Sequence[float]
) -> list[tuple[float, ...]]:
    """``candidate_statistics`` for several thresholds, from one sort of the blocks by
    probability and running sums (one pass per candidate would cost a few per cent of
    extract() on long pages)."""
    # Loops adding in order from 0.0, the floats sum() and accumulate() gave (0.0 + x is x,
    # the probabilities are not -0.0), without the compiled build's generic calls of
    # generators and reads of a Sequence, and without a float object per block: a block
    # weighs its words + 1.0, made where it is added.
    probs, counts = list(probabilities), list(words)
    total = expected_truth = 0.0
    for p, count in zip(probs, counts):
        w = count + 1.0
        total += w
        expected_truth += p * w
    # A NaN probability (the sum is then NaN) gives no order: every block is sorted, as before.
    unordered = math.isnan(expected_truth)
    # Only the blocks at or above the lowest threshold are sorted and summed: the stable
    # sort puts them first, in the order they keep among all (most blocks of a page lie
    # below every candidate).
    low = -math.inf if unordered else _lowest(thresholds)
    order = [i for i, p in enumerate(probs) if unordered or p >= low]
    order.sort(key=probs.__getitem__, reverse=True)

    # The blocks at or above each threshold: bisect_right's steps over the negated
    # probabilities in that order (NaN included), without making that list, and without a
    # call of a key function a step (bisect's C loop called a closure: about 200
    # instructions a call, and the closure made a page).
    kept_counts = []
    for threshold in thresholds:
        x = -threshold
        lo, hi = 0, len(order)
        while lo < hi:
            mid = (lo + hi) // 2
            if x < -probs[order[mid]]:
                hi = mid
            else:
                lo = mid + 1
        kept_counts.append(lo)
    # The running sums only where a threshold reads them, and only as far as the lowest
    # one reaches (the blocks below every candidate are not walked).
    kept_at: dict[int, float] = {}
    true_at: dict[int, float] = {}
    kept_sum = true_sum = 0.0
    position = 0
    for count in sorted(set(kept_counts)):
        while position < count:
            i = order[position]
            w = counts[i] + 1.0
            kept_sum += w
            true_sum += probs[i] * w
            position += 1
        kept_at[count] = kept_sum
        true_at[count] = true_sum
    rows: list[tuple[float, ...]] = []
    for count in kept_counts:
        kept = kept_at[count]
        denominator = kept + expected_truth
        rows.append(
            (
                2.0 * true_at[count] / denominator if denominator > 0.0 else 0.0,
                kept / total if total > 0.0 else 0.0,
            )
        )
    return rows


def _lowest(thresholds: Sequence[float]) -> float:
    """The lowest of ``thresholds`` (inf for none), or -inf when one is NaN (every block is
    then read, as the bisection over all of them counted)."""
    low = math.inf
    for threshold in thresholds:
        if math.isnan(threshold):
            return -math.inf
        low = min(low, threshold)
    return low


def model_inputs(statistics: Sequence[float], candidate: Sequence[float] = ()) -> tuple[float, ...]:
    """The models' inputs: the page's statistics, a constant, the statistics squared, then
    the candidate's statistics and their squares. A model with fewer coefficients (one
    fitted without the candidate's statistics) reads only the first inputs."""
    return (*_squared(statistics, [1.0]), *_squared(candidate, []))


def _squared(values: Sequence[float], middle: list[float]) -> list[float]:
    """``values``, then ``middle``, then ``values`` squared (a loop: the compiled build
    makes no generator)."""
    out = list(values) + middle
    for v in values:
        out.append(v * v)
    return out


def predicted_threshold(probabilities: Sequence[float], words: Sequence[int], model: CutModel) -> float:
    """The candidate threshold whose predicted word F1 is highest (the first on ties)."""
    whole = _C_THRESHOLD  # a local, as choice below
    if whole is not None:
        found = whole(probabilities, words, model)
        if found is not None:
            return found
    thresholds = [threshold for threshold, _ in model]
    sums = _C_STATISTICS  # a local, as choice below
    both = sums(probabilities, words, thresholds) if sums is not None else None
    if both is None:
        statistics = page_statistics(probabilities, words)
        rows = _candidate_rows(probabilities, words, thresholds)
    else:
        statistics, rows = both
    page = _squared(statistics, [1.0])  # the inputs every candidate shares, made once
    choice = _C_CHOICE  # a local: mypyc's narrowing of an optional Final reads it unboxed
    if choice is not None:
        chosen = choice(model, page, rows)
        if chosen is not None:
            return chosen
    best_threshold, best = 0.5, -math.inf
    for (threshold, coefficients), candidate in zip(model, rows):
        inputs = page + _squared(candidate, [])  # as model_inputs(statistics, candidate)
        predicted = 0.0  # in order from 0.0, as sum() added them
        for c, x in zip(coefficients, inputs):
            predicted += c * x
        if predicted > best:
            best_threshold, best = threshold, predicted
    return best_threshold
