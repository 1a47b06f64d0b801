"""Fit the "predicted" decision's models and write src/boilerstrip/_cut_weights.py.

    python benchmarks/tune.py ../shared/datasets --cache /tmp/scorers.pkl   # once
    python benchmarks/tune_cut.py /tmp/scorers.pkl [--folds 5] [--write]

The scorer outputs come from tune.py's cache; the probabilities from the library's own
weights (``_weights``). For every page and every candidate threshold, the page's word F1
at that threshold is measured; then, for each candidate, a ridge regression over the
page statistics of ``_cut``, the candidate's own statistics (the plug-in expected F1 of
its cut and the share of words it keeps) and their squares predicts that F1. Pages weigh
as in tune.py (each set in proportion to the square root of its size). ``--folds``
reports the F1 of the decision on pages it was not fitted on, beside a fixed threshold
of 0.5, the model now in ``_cut_weights`` and the best threshold of each page chosen
with hindsight.
"""

from __future__ import annotations

import argparse
import math
import pickle
import random
import sys
import textwrap
from collections import Counter
from pathlib import Path

import numpy as np

from boilerstrip._cut import candidate_statistics, model_inputs, page_statistics
from boilerstrip._cut_weights import CUT_MODEL
from boilerstrip._options import Options
from boilerstrip._probability import SMOOTHING_INPUTS
from boilerstrip._weights import SCORER_WEIGHTS, SMOOTHING_WEIGHTS
from cut_prior import PRIOR_MODEL
from tune import NAMES, Page, page_f1, probabilities, smooth_matrix

# 0.10, 0.15, ..., 0.60. Higher candidates added nothing in cross-validation (0.9151 with
# them up to 0.9, 0.9154 without) and dropped headlines and recipe lists on the fixtures.
CANDIDATES = tuple(round(0.1 + 0.05 * i, 2) for i in range(11))
RIDGE = 1e-3  # keeps the squared statistics' coefficients finite on few pages
# The written model is PRIOR_WEIGHT x (prior model) + (1 - PRIOR_WEIGHT) x (refit): 5-fold
# on the 8 text sets, 0 / 0.25 / 0.5 / 0.75 gave 0.9268 / 0.9265 / 0.9270 / 0.9262.
PRIOR_WEIGHT = 0.5


def _weights(pairs: tuple[tuple[str, float], ...], names: tuple[str, ...]) -> np.ndarray:
    table = dict(pairs)
    return np.array([table.get(n, 0.0) for n in names] + [table.get("bias", 0.0)])


def page_table(pages: list[Page]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(set per page, model inputs per page and candidate, word F1 per page and candidate,
    the current model's predictions per page and candidate)."""
    w1, w2 = _weights(SCORER_WEIGHTS, NAMES), _weights(SMOOTHING_WEIGHTS, SMOOTHING_INPUTS)
    window = Options().smoothing_window
    names, inputs, f1, current = [], [], [], []
    for name, x, _y, nw, bags, truth in pages:
        if not nw:
            continue
        p = probabilities(w2, smooth_matrix(probabilities(w1, x), nw, window)).tolist()
        statistics = page_statistics(p, nw)
        names.append(name)
        inputs.append([model_inputs(statistics, candidate_statistics(p, nw, t)) for t in CANDIDATES])
        f1.append([page_f1(bags, np.array(p) >= t, truth) for t in CANDIDATES])
        current.append(
            [
                sum(c * v for c, v in zip(row, model_inputs(statistics, candidate_statistics(p, nw, t))))
                for t, row in CUT_MODEL
            ]
        )
    return names, np.array(inputs), np.array(f1), np.array(current)


def fit(x: np.ndarray, f1: np.ndarray, s: np.ndarray) -> np.ndarray:
    """Coefficients per candidate (rows), each by weighted ridge regression on its inputs."""
    rows = []
    for c in range(f1.shape[1]):
        a = x[:, c] * s[:, None]
        gram = x[:, c].T @ a + RIDGE * np.eye(x.shape[2])
        rows.append(np.linalg.solve(gram, a.T @ f1[:, c]))
    return np.array(rows)


def with_prior(coefficients: np.ndarray, prior_weight: float) -> np.ndarray:
    """The refit shrunk toward ``cut_prior.PRIOR_MODEL`` (its missing inputs weigh 0)."""
    if not prior_weight:
        return coefficients
    prior = np.zeros_like(coefficients)
    table = dict(PRIOR_MODEL)
    for row, t in enumerate(CANDIDATES):
        prior[row, : len(table[t])] = table[t]
    return prior_weight * prior + (1.0 - prior_weight) * coefficients


def chosen_f1(coefficients: np.ndarray, x: np.ndarray, f1: np.ndarray) -> np.ndarray:
    best = np.einsum("ncd,cd->nc", x, coefficients).argmax(axis=1)
    return np.asarray(f1[np.arange(len(f1)), best], dtype=float)


def per_set(names: list[str], values: np.ndarray) -> dict[str, float]:
    out: dict[str, list[float]] = {}
    for n, v in zip(names, values):
        out.setdefault(n, []).append(float(v))
    return {k: sum(v) / len(v) for k, v in sorted(out.items())}


def show(label: str, figures: dict[str, float]) -> None:
    mean = sum(figures.values()) / len(figures)
    print(f"{label:>22} mean={mean:.4f} " + " ".join(f"{k[:10]}={v:.3f}" for k, v in figures.items()))


def write_model(path: Path, coefficients: np.ndarray, summary: str) -> None:
    rows = ",\n".join(
        f"    (\n        {t},\n        (\n"
        + textwrap.fill(
            ", ".join(f"{c:.6g}" for c in row) + ",", 96, initial_indent=" " * 12, subsequent_indent=" " * 12
        )
        + "\n        ),\n    )"
        for t, row in zip(CANDIDATES, coefficients)
    )
    path.write_text(
        '"""Models of the "predicted" decision: written by benchmarks/tune_cut.py; do not edit.\n\n'
        f'{textwrap.fill(summary, 100)}\n"""\n\nfrom __future__ import annotations\n\n'
        "from ._cut import CutModel\n\n"
        f"CUT_MODEL: CutModel = (\n{rows},\n)\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cache", type=Path, help="tune.py's --cache pickle of scorer outputs")
    parser.add_argument("--folds", type=int, default=0, help="cross-validate by page with this many folds")
    parser.add_argument("--write", action="store_true", help="write src/boilerstrip/_cut_weights.py")
    parser.add_argument(
        "--prior-weight", type=float, default=PRIOR_WEIGHT, help="cut_prior's share (0: the refit)"
    )
    args = parser.parse_args(argv)
    names, x, f1, current = page_table(pickle.loads(args.cache.read_bytes()))
    sizes = Counter(names)
    s = np.array([math.sqrt(sizes[n]) / sizes[n] for n in names])
    half = CANDIDATES.index(0.5)
    show("threshold 0.5", per_set(names, f1[:, half]))
    show("best with hindsight", per_set(names, f1.max(axis=1)))
    if all(t in CANDIDATES for t, _ in CUT_MODEL):
        columns = [CANDIDATES.index(t) for t, _ in CUT_MODEL]
        choice = np.array(columns)[current.argmax(axis=1)]
        show("current _cut_weights", per_set(names, f1[np.arange(len(f1)), choice]))
    coefficients = with_prior(fit(x, f1, s), args.prior_weight)
    fitted = per_set(names, chosen_f1(coefficients, x, f1))
    show("predicted (fit)", fitted)
    if args.folds:
        order = list(range(len(names)))
        random.Random(0).shuffle(order)
        held = np.zeros(len(names))
        for k in range(args.folds):
            test = np.array(sorted(order[k :: args.folds]))
            train = np.setdiff1d(np.arange(len(names)), test)
            refit = with_prior(fit(x[train], f1[train], s[train]), args.prior_weight)
            held[test] = chosen_f1(refit, x[test], f1[test])
        show(f"predicted ({args.folds}-fold)", per_set(names, held))
    if args.write:
        summary = (
            f"Fitted on {len(names)} pages of {len(sizes)} sets, with prior weight {args.prior_weight}"
            f" (cut_prior); word F1 of the fit: " + ", ".join(f"{k} {v:.3f}" for k, v in fitted.items()) + "."
        )
        write_model(
            Path(__file__).resolve().parents[1] / "src/boilerstrip/_cut_weights.py", coefficients, summary
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
