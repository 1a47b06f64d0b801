"""The per-page threshold measured on the whole decision, and choosers that rank its candidates.

    python benchmarks/replay.py dump /work/shared/datasets /tmp/me/dump --jobs 2   # once
    python benchmarks/cut_rank.py table /tmp/me/dump /tmp/me/cut-table.pkl --jobs 2
    python benchmarks/cut_rank.py cv /tmp/me/cut-table.pkl [--temperature 0.01] [--pull 100]

``table`` replays every dumped page once per candidate threshold of the "predicted" decision
(the candidates of ``Options.cut_model``) with that threshold forced (decision "threshold",
which is what "predicted" runs once it has chosen), through the whole decision, every rule
after the cut and the layout, and keeps the bench's record of each (``_bench._report``), with
the cut model's inputs per candidate and the candidate today's model chooses. Pages that
declare a multi-section type take another decision: their records are the same at every
candidate.

``cv`` prints, per set, wcxb type and half (even / odd ids), the bench's figure of five
choices: the best candidate of each page with hindsight (``oracle``; for snippet pages, the
best tp - fp - fn), today's model, a fixed 0.5, and two choosers cross-fitted by halves
(fitted on the even ids of every set and scored on the odd, and the reverse; pages with a
text truth only, each set weighing sqrt(size) as in tune_cut.py): ``ridge``, tune_cut.py's
recipe on this table (a weighted ridge regression of each candidate's F1, the written model
half today's), and ``rank``, today's coefficients moved to minimise the expected F1 lost
against each page's best candidate under a softmax of the predicted F1s (``--temperature``),
pulled toward today's (``--pull``, on standardised inputs). The table holds page records
only (no text), but write it outside the project.
"""

from __future__ import annotations

import argparse
import gzip
import math
import pickle
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from scipy.optimize import minimize

from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench._report import group_figures, page_record
from boilerstrip._bench._sets import Page
from boilerstrip._cut import _candidate_rows, model_inputs, page_statistics, predicted_threshold
from replay import NEWS, Dumped, dumped_sets, half, load, replayed, shards

CONSTANT = 9  # the constant input of _cut.model_inputs (after the 9 page statistics)
RIDGE = 1e-3  # as tune_cut.py
Fit = Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]  # (inputs, F1s, weights) -> coefficients


class Row(NamedTuple):
    """One page of the table."""

    key: str  # "set/id"
    page_type: str  # the set's page type (wcxb), or ""
    half: str  # "even" or "odd" (replay.half)
    declared: str
    records: tuple[dict[str, Any], ...]  # the bench's record at each candidate
    today: int  # the candidate today's model chooses
    inputs: tuple[tuple[float, ...], ...]  # _cut.model_inputs per candidate


def candidates(options: Options) -> tuple[float, ...]:
    return tuple(t for t, _ in options.cut_model)


def page_row(dumped: Dumped, page: Page, options: Options) -> Row:
    """The page replayed at every candidate threshold of ``options.cut_model``."""
    thresholds = candidates(options)
    probabilities, words = dumped.probabilities, [b.features.words for b in dumped.blocks]
    records = []
    for threshold in thresholds:
        forced = replace(options, decision="threshold", threshold=threshold)
        text = "" if dumped.error else layout(replayed(dumped, forced))
        records.append(page_record(page, text, 0.0, "ok"))
    if probabilities:
        statistics = page_statistics(probabilities, words)
        inputs = tuple(model_inputs(statistics, c) for c in _candidate_rows(probabilities, words, thresholds))
        today = thresholds.index(predicted_threshold(probabilities, words, options.cut_model))
    else:
        inputs, today = tuple(model_inputs(page_statistics([], []), (0.0, 0.0)) for _ in thresholds), 0
    return Row(dumped.key, page.page_type or "", half(page), dumped.declared, tuple(records), today, inputs)


def _shard_rows(job: tuple[Path, Path]) -> list[Row]:
    shard, folder = job
    pages = {p.key: p for ps in dumped_sets(folder).values() for p in ps}
    return [page_row(d, pages[d.key], Options()) for d in load(shard)]


def table(folder: Path, jobs: int) -> list[Row]:
    """Every dumped page's row, in set and id order."""
    with ProcessPoolExecutor(jobs) as pool:
        done = pool.map(_shard_rows, [(s, folder) for s in shards(folder)])
        return [row for rows in done for row in rows]


# -- choices -------------------------------------------------------------------


def set_of(row: Row) -> str:
    return row.key.split("/", 1)[0]


def f1s(rows: Sequence[Row]) -> np.ndarray:
    """Page x candidate word F1 (0 on snippet pages)."""
    return np.array([[r.get("f1", 0.0) for r in row.records] for row in rows])


def weights(rows: Sequence[Row]) -> np.ndarray:
    """tune_cut.py's page weights (each set sqrt(size) in all); 0 on pages without a text truth."""
    text = [row for row in rows if "f1" in row.records[0]]
    sizes = Counter(set_of(row) for row in text)
    return np.array(
        [math.sqrt(sizes[set_of(r)]) / sizes[set_of(r)] if "f1" in r.records[0] else 0.0 for r in rows]
    )


def oracle(rows: Sequence[Row]) -> np.ndarray:
    """The best candidate of each page with hindsight (the first on ties)."""

    def merit(record: dict[str, Any]) -> float:
        if "f1" in record:
            return float(record["f1"])
        tp, fp, fn, _ = record["counts"]
        return float(tp - fp - fn)

    return np.array([int(np.argmax([merit(r) for r in row.records])) for row in rows])


def fit_ridge(x: np.ndarray, f1: np.ndarray, w: np.ndarray, today: np.ndarray) -> np.ndarray:
    """tune_cut.py's fit on the table: ridge per candidate, the result half ``today``."""
    rows = []
    for c in range(f1.shape[1]):
        a = x[:, c] * w[:, None]
        gram = x[:, c].T @ a + RIDGE * np.eye(x.shape[2])
        rows.append(np.linalg.solve(gram, a.T @ f1[:, c]))
    return 0.5 * today + 0.5 * np.array(rows)


def fit_rank(
    x: np.ndarray, f1: np.ndarray, w: np.ndarray, today: np.ndarray, *, temperature: float, pull: float
) -> np.ndarray:
    """``today``'s coefficients moved to minimise the weighted expected F1 lost against each
    page's best candidate, candidates drawn by a softmax of predicted F1 / ``temperature``,
    plus ``pull`` x the squared distance from ``today`` on standardised inputs."""
    flat = x.reshape(-1, x.shape[2])
    mean, scale = flat.mean(0), flat.std(0)
    scale[scale < 1e-12] = 1.0
    mean[CONSTANT], scale[CONSTANT] = 0.0, 1.0
    z = (x - mean) / scale
    start = today * scale
    start[:, CONSTANT] = today[:, CONSTANT] + (today * mean).sum(1)
    lost = f1.max(1, keepdims=True) - f1
    use = (lost.max(1) > 1e-9) & (w > 0)  # pages whose choice matters
    z, lost, pw = z[use], lost[use], w[use] / w[use].sum()

    def objective(v: np.ndarray) -> tuple[float, np.ndarray]:
        theta = v.reshape(start.shape)
        s = np.einsum("ncd,cd->nc", z, theta) / temperature
        e = np.exp(s - s.max(1, keepdims=True))
        p = e / e.sum(1, keepdims=True)
        expected = (p * lost).sum(1)
        g = pw[:, None] * p * (lost - expected[:, None]) / temperature
        d = theta - start
        value = float((pw * expected).sum() + pull * (d * d).sum())
        return value, (np.einsum("nc,ncd->cd", g, z) + 2.0 * pull * d).ravel()

    v = minimize(objective, start.ravel(), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    theta = v.reshape(start.shape) / scale
    theta[:, CONSTANT] = v.reshape(start.shape)[:, CONSTANT] - (theta * mean).sum(1)
    return np.asarray(theta, dtype=float)


def cross_fitted(rows: Sequence[Row], fit: Fit) -> np.ndarray:
    """Each page's choice by the coefficients ``fit`` made on the other half's pages."""
    x, f1, w = np.array([row.inputs for row in rows]), f1s(rows), weights(rows)
    halves = np.array([row.half for row in rows])
    choice = np.zeros(len(rows), dtype=int)
    for h in ("even", "odd"):
        train, test = halves != h, halves == h
        coefficients = fit(x[train], f1[train], w[train])
        choice[test] = np.einsum("ncd,cd->nc", x[test], coefficients).argmax(1)
    return choice


# -- report --------------------------------------------------------------------


def groups(rows: Sequence[Row]) -> list[tuple[str, list[int]]]:
    """(label, row indices) of each set, then each page type of a typed set."""
    sets: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        sets.setdefault(set_of(row), []).append(i)
    out = list(sets.items())
    for name, members in sets.items():
        for t in sorted({rows[i].page_type for i in members if rows[i].page_type}):
            out.append((f"{name} {t}", [i for i in members if rows[i].page_type == t]))
    return out


def figure(rows: Sequence[Row], choice: np.ndarray, members: Sequence[int]) -> float:
    records = [rows[i].records[choice[i]] for i in members]
    return float(group_figures(records)["f1"]) if records else float("nan")


def report(rows: Sequence[Row], columns: dict[str, np.ndarray]) -> str:
    """A Markdown table: each choice's figure (even / odd ids) per set and type, the means,
    and the pages up / down against today's model."""
    names = list(columns)
    lines = ["| set / type (pages) | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    today = columns["today"]
    means: dict[str, dict[str, float]] = {n: {} for n in names}
    for label, members in groups(rows):
        cells = []
        for name in names:
            choice = columns[name]
            value = figure(rows, choice, members)
            if " " not in label:
                means[name][label] = value
            parts = [figure(rows, choice, [i for i in members if rows[i].half == h]) for h in ("even", "odd")]
            cell = f"{value:.5f} ({parts[0]:.4f} / {parts[1]:.4f})"
            if name not in ("today", "oracle") and "f1" in rows[members[0]].records[0]:
                moved = [rows[i].records[choice[i]]["f1"] - rows[i].records[today[i]]["f1"] for i in members]
                cell += f" {sum(m > 1e-9 for m in moved)}/{sum(m < -1e-9 for m in moved)}"
            cells.append(cell)
        lines.append(f"| {label} ({len(members)}) | " + " | ".join(cells) + " |")
    for title, chosen in (("mean over sets", None), ("news-7 mean", NEWS)):
        cells = []
        for name in names:
            values = [v for k, v in means[name].items() if chosen is None or k in chosen]
            cells.append(f"{sum(values) / len(values):.5f}" if values else "-")
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    tabling = commands.add_parser("table", help="replay every page at every candidate threshold")
    tabling.add_argument("dump", type=Path, help="a replay.py dump")
    tabling.add_argument("out", type=Path, help="the table (a gzip pickle), outside the project")
    tabling.add_argument("--jobs", type=int, default=2)
    checking = commands.add_parser("cv", help="oracle, today and the choosers, cross-fitted by halves")
    checking.add_argument("table", type=Path)
    checking.add_argument("--temperature", type=float, default=0.01, help="of rank's softmax (F1 units)")
    checking.add_argument("--pull", type=float, default=100.0, help="rank's pull toward today's model")
    args = parser.parse_args(argv)
    if args.command == "table":
        rows = table(args.dump, args.jobs)
        with gzip.open(args.out, "wb") as f:
            pickle.dump([tuple(r) for r in rows], f, protocol=pickle.HIGHEST_PROTOCOL)
        print(f"{len(rows)} pages x {len(candidates(Options()))} candidates: {args.out}", file=sys.stderr)
        return 0
    with gzip.open(args.table, "rb") as f:
        rows = [Row(*r) for r in pickle.load(f)]
    today_model = np.array([c for _, c in Options().cut_model])
    columns = {
        "oracle": oracle(rows),
        "today": np.array([row.today for row in rows]),
        "0.5": np.full(len(rows), candidates(Options()).index(0.5)),
        "ridge": cross_fitted(rows, lambda x, f, w: fit_ridge(x, f, w, today_model)),
        "rank": cross_fitted(
            rows, lambda x, f, w: fit_rank(x, f, w, today_model, temperature=args.temperature, pull=args.pull)
        ),
    }
    print(report(rows, columns), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
