"""The metrics of the reference scorer (../shared/tools/score.py), written out here.

Text GT: lowercase, split into ``\\w+`` words (the ``regex`` module's Unicode word
characters), then precision, recall and F1 of the two bags of words (multiset overlap)
per page; a set's figure is the mean over its pages. An empty GT scores 1 only for an
empty output. Snippet GT (trafilatura's evaluation): a ``with`` snippet found in the
whitespace-normalised output is a true positive, one missing a false negative; a
``without`` snippet found is a false positive, one missing a true negative; counts are
pooled over the set and F1 = 2tp / (2tp + fp + fn).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import regex

_WORD = regex.compile(r"\w+")
_SPACE = regex.compile(r"\s+")


def tokens(text: str) -> list[str]:
    """The lowercased ``\\w+`` words of ``text``, in order."""
    return _WORD.findall(text.lower())


def words(text: str) -> Counter[str]:
    return Counter(tokens(text))


@dataclass(frozen=True, slots=True)
class TextScore:
    precision: float
    recall: float
    f1: float


def text_score(output: str, truth: Counter[str]) -> TextScore:
    return bag_score(words(output), truth)


def bag_score(got: Counter[str], truth: Counter[str]) -> TextScore:
    """Precision, recall and F1 of two bags of words."""
    n_got, n_truth = sum(got.values()), sum(truth.values())
    if n_truth == 0:
        return TextScore(1.0, 1.0, 1.0) if n_got == 0 else TextScore(0.0, 1.0, 0.0)
    common = sum((got & truth).values())
    if n_got == 0 or common == 0:
        return TextScore(0.0, 0.0, 0.0)
    precision, recall = common / n_got, common / n_truth
    return TextScore(precision, recall, 2 * precision * recall / (precision + recall))


def _normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def snippet_counts(output: str, with_: Sequence[str], without: Sequence[str]) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page."""
    text = _normalise(output)
    tp = sum(1 for s in with_ if _normalise(s) in text)
    fp = sum(1 for s in without if _normalise(s) in text)
    return tp, fp, len(with_) - tp, len(without) - fp


def snippet_f1(counts: Sequence[tuple[int, int, int, int]]) -> dict[str, float]:
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "f1": 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0,
    }


def summary(values: Sequence[float]) -> dict[str, float]:
    """Mean and median of per-page figures."""
    if not values:
        return {"mean": 0.0, "median": 0.0}
    return {"mean": statistics.fmean(values), "median": statistics.median(values)}


def percentile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated percentile, ``q`` in [0, 1]."""
    if not values:
        return 0.0
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)
