"""Fit the combiner's weights on annotated pages and write src/boilerstrip/_weights.py.

    python benchmarks/tune.py ../shared/datasets [--write] [--folds 5]

Every block of every page with a text ground truth gets a target: content when most of
its word trigrams (or, for blocks under three words, its whole text) occur in the true
text. Two logistic regressions are fitted with numpy (``pip install -e .[tune]``): the
scorers' outputs to a probability, then the block's and its neighbours' log-odds to the
smoothed probability. Each page weighs the same within its set, and each set in
proportion to the square root of its size, so that wcxb (1,476 pages) does not drown the
small sets nor do they dominate it. The threshold is then chosen on the word-level F1
that ../shared/tools/score.py reports. ``--folds`` reports the same fit's F1 on pages
it was not fitted on (cross-validation by page), to show it does not memorise pages.
Sets with snippets instead of a text truth (trafilatura-eval) are not fitted on, having no
block targets, but every figure shows them: the pooled snippet F1 of the blocks kept, as
the bench scores them, so that a refit that loses them is seen.
"""

from __future__ import annotations

import argparse
import gzip
import math
import pickle
import random
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np

from boilerstrip._bench._metrics import bag_score, snippet_counts, snippet_f1, tokens, words
from boilerstrip._bench._sets import load_sets
from boilerstrip._extract import measure
from boilerstrip._model import Block
from boilerstrip._options import Options
from boilerstrip._probability import SMOOTHING_INPUTS, smoothing_inputs
from boilerstrip._scorers import SCORERS

NAMES = tuple(SCORERS)
L2 = 1e-3  # ridge on the weights: keeps rare one-hot scorers from running off
# One page: set name, scorer rows, block targets, block word counts, block word bags, truth bag.
Page = tuple[str, np.ndarray, list[int], list[int], list[Counter[str]], Counter[str]]
Snippets = tuple[tuple[str, ...], tuple[str, ...]]  # (with, without)
# One page of a snippet set: set name, scorer rows, block word counts, block texts, snippets.
SnippetPage = tuple[str, np.ndarray, list[int], list[str], Snippets]


def block_targets(block_words: list[list[str]], truth: str) -> list[int]:
    gt = tokens(truth)
    trigrams = set(zip(gt, gt[1:], gt[2:]))
    joined = f" {' '.join(gt)} "
    out = []
    for toks in block_words:
        if len(toks) >= 3:
            grams = list(zip(toks, toks[1:], toks[2:]))
            out.append(int(sum(g in trigrams for g in grams) >= 0.5 * len(grams)))
        else:
            out.append(int(bool(toks) and f" {' '.join(toks)} " in joined))
    return out


def scored_blocks(html_path: str) -> tuple[list[Block], np.ndarray]:
    """A page's blocks and its scorers' outputs, a row per block."""
    raw = Path(html_path).read_bytes()
    html = (gzip.decompress(raw) if html_path.endswith(".gz") else raw).decode("utf-8", "replace")
    blocks = list(measure(html, Options()).blocks)
    x = np.array([SCORERS[n](blocks) for n in NAMES], dtype=float).T
    return blocks, x.reshape(len(blocks), len(NAMES))


def page_rows(args: tuple[str, str, str]) -> Page:
    """(set, scorer outputs per block, targets, word counts, word bags, true bag) of one page."""
    name, html_path, gt_path = args
    truth = Path(gt_path).read_text("utf-8", "replace")
    blocks, x = scored_blocks(html_path)
    bw = [tokens(b.text) for b in blocks]
    return (
        name,
        x,
        block_targets(bw, truth),
        [b.features.words for b in blocks],
        [Counter(w) for w in bw],
        words(truth),
    )


def snippet_rows(args: tuple[str, str, Snippets]) -> SnippetPage:
    """(set, scorer outputs per block, word counts, texts, snippets) of one snippet page."""
    name, html_path, snippets = args
    blocks, x = scored_blocks(html_path)
    return (
        name,
        x,
        [b.features.words for b in blocks],
        [b.text for b in blocks],
        snippets,
    )


def load_snippet_pages(root: Path, jobs: int) -> list[SnippetPage]:
    """Every page of the sets with snippets and no text truth."""
    tasks = [
        (p.set, str(p.html_path), p.snippets)
        for pages in load_sets([root]).values()
        for p in pages
        if p.truth is None and p.snippets is not None
    ]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(snippet_rows, tasks, chunksize=8))


def load(root: Path, jobs: int, truth_dirs: dict[str, str] | None = None) -> list[Page]:
    """Every page with a text truth; ``truth_dirs`` reads a set's truth from another folder
    (``{"dragnet": "gt_article"}``: its articles without the user comments)."""
    tasks = []
    for set_dir in sorted(p for p in root.iterdir() if (p / "html").is_dir() and (p / "gt").is_dir()):
        truth_dir = set_dir / (truth_dirs or {}).get(set_dir.name, "gt")
        for gt in sorted(truth_dir.glob("*.txt")):
            page = set_dir / "html" / f"{gt.stem}.html.gz"
            page = page if page.exists() else set_dir / "html" / f"{gt.stem}.html"
            if page.exists():
                tasks.append((set_dir.name, str(page), str(gt)))
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(page_rows, tasks, chunksize=8))


def fit_logistic(x: np.ndarray, y: np.ndarray, s: np.ndarray, iterations: int = 30) -> np.ndarray:
    """Weighted, ridge-regularised logistic regression by Newton's method; bias last."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    ridge = L2 * np.eye(xb.shape[1])
    ridge[-1, -1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ w, -30, 30)))
        grad = xb.T @ (s * (p - y)) + ridge @ w
        hess = (xb * (s * p * (1 - p))[:, None]).T @ xb + ridge
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return w


# How much a set weighs in the fit, given its number of pages.
SET_WEIGHTS: dict[str, Callable[[int], float]] = {
    "sqrt": math.sqrt,  # default: between the two below
    "pages": float,  # every page the same (wcxb, 1,476 pages, dominates)
    "sets": lambda n: 1.0,  # every set the same (34 readability pages weigh as much as wcxb)
}


def sample_weights(pages: list[Page], sizes: Counter[str], scheme: str = "sqrt") -> list[np.ndarray]:
    out = []
    for name, _x, _y, nw, _bags, _truth in pages:
        total = sum(nw) + len(nw)
        page_weight = SET_WEIGHTS[scheme](sizes[name]) / sizes[name]
        out.append(np.array([(n + 1) / total * page_weight for n in nw]))
    return out


def probabilities(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    z = x @ w[:-1] + w[-1]
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -12, 12))), dtype=float)


def smooth_matrix(p: np.ndarray, nw: list[int], window: int) -> np.ndarray:
    return np.array(smoothing_inputs(list(p), nw, window), dtype=float).reshape(
        len(nw), len(SMOOTHING_INPUTS)
    )


def fit(
    pages: list[Page], sizes: Counter[str], window: int, scheme: str = "sqrt"
) -> tuple[np.ndarray, np.ndarray]:
    sw = sample_weights(pages, sizes, scheme)
    x = np.vstack([p[1] for p in pages])
    y = np.concatenate([np.array(p[2], dtype=float) for p in pages])
    w1 = fit_logistic(x, y, np.concatenate(sw))
    x2 = np.vstack([smooth_matrix(probabilities(w1, p[1]), p[3], window) for p in pages])
    w2 = fit_logistic(x2, y, np.concatenate(sw))
    return w1, w2


def page_f1(bags: list[Counter[str]], keep: np.ndarray, truth: Counter[str]) -> float:
    out: Counter[str] = Counter()
    for bag, k in zip(bags, keep):
        if k:
            out.update(bag)
    return bag_score(out, truth).f1


def evaluate(
    pages: list[Page], w1: np.ndarray, w2: np.ndarray, threshold: float, window: int
) -> dict[str, float]:
    per_set: dict[str, list[float]] = {}
    for name, x, _y, nw, bags, truth in pages:
        p = probabilities(w2, smooth_matrix(probabilities(w1, x), nw, window)) if len(nw) else np.zeros(0)
        per_set.setdefault(name, []).append(page_f1(bags, p >= threshold, truth))
    return {k: sum(v) / len(v) for k, v in sorted(per_set.items())}


def evaluate_snippets(
    pages: list[SnippetPage], w1: np.ndarray, w2: np.ndarray, threshold: float, window: int
) -> dict[str, float]:
    """Per snippet set, the pooled snippet F1 of the kept blocks' text."""
    counts: dict[str, list[tuple[int, int, int, int]]] = {}
    for name, x, nw, texts, (with_, without) in pages:
        p = probabilities(w2, smooth_matrix(probabilities(w1, x), nw, window)) if len(nw) else np.zeros(0)
        kept = "\n".join(t for t, k in zip(texts, p >= threshold) if k)
        counts.setdefault(name, []).append(snippet_counts(kept, with_, without))
    return {k: snippet_f1(v)["f1"] for k, v in sorted(counts.items())}


def show(label: str, figures: dict[str, float]) -> None:
    mean = sum(figures.values()) / len(figures)
    print(f"{label:>14} mean={mean:.4f} " + " ".join(f"{k[:10]}={v:.3f}" for k, v in figures.items()))


def write_weights(path: Path, w1: np.ndarray, w2: np.ndarray, summary: str) -> None:
    pairs1 = ",\n".join(f"    ({n!r}, {v:.4f})" for n, v in [*zip(NAMES, w1[:-1]), ("bias", w1[-1])])
    pairs2 = ",\n".join(
        f"    ({n!r}, {v:.4f})" for n, v in [*zip(SMOOTHING_INPUTS, w2[:-1]), ("bias", w2[-1])]
    )
    header = "Combiner weights: written by benchmarks/tune.py from the development sets; do not edit."
    path.write_text(
        f'"""{header}\n\n{textwrap.fill(summary, 100)}\n"""\n\nfrom __future__ import annotations\n\n'
        f"SCORER_WEIGHTS: tuple[tuple[str, float], ...] = (\n{pairs1},\n)\n\n"
        f"SMOOTHING_WEIGHTS: tuple[tuple[str, float], ...] = (\n{pairs2},\n)\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, help="folder of annotated sets (../shared/datasets)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--folds", type=int, default=0, help="cross-validate by page with this many folds")
    parser.add_argument("--write", action="store_true", help="write src/boilerstrip/_weights.py")
    parser.add_argument(
        "--cache", type=Path, help="pickle of the scorer outputs: read if present, else written"
    )
    parser.add_argument(
        "--set-weight", choices=sorted(SET_WEIGHTS), default="sqrt", help="a set's weight in the fit"
    )
    parser.add_argument(
        "--truth",
        action="append",
        default=[],
        metavar="SET=DIR",
        help="read SET's truth from DIR instead of gt (e.g. dragnet=gt_article: comments are chrome)",
    )
    args = parser.parse_args(argv)
    truth_dirs = dict(t.split("=", 1) for t in args.truth)
    window = Options().smoothing_window
    # The snippet pages beside the cache (tune_cut.py and fit_trees.py read the cache itself).
    snippet_cache = args.cache.with_suffix(".snippets.pkl") if args.cache else None
    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = load(args.data, args.jobs, truth_dirs)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    if snippet_cache and snippet_cache.exists():
        snippet_pages = pickle.loads(snippet_cache.read_bytes())
    else:
        snippet_pages = load_snippet_pages(args.data, args.jobs)
        if snippet_cache:
            snippet_cache.write_bytes(pickle.dumps(snippet_pages))

    def figures(w1: np.ndarray, w2: np.ndarray, t: float) -> dict[str, float]:
        return {**evaluate(pages, w1, w2, t, window), **evaluate_snippets(snippet_pages, w1, w2, t, window)}

    sizes = Counter(p[0] for p in pages)
    print(f"{len(pages)} pages, {sum(len(p[2]) for p in pages)} blocks", file=sys.stderr)
    w1, w2 = fit(pages, sizes, window, args.set_weight)
    means = {
        t: sum(f.values()) / len(f) for t in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6) for f in [figures(w1, w2, t)]
    }
    best = (means, max(means, key=means.__getitem__))
    for t in (0.4, 0.5, 0.6):
        show(f"fit t={t}", figures(w1, w2, t))
    if args.folds:
        order = list(range(len(pages)))
        random.Random(0).shuffle(order)
        held: list[tuple[Page, np.ndarray, np.ndarray]] = []
        for k in range(args.folds):
            test = set(order[k :: args.folds])
            train = [p for i, p in enumerate(pages) if i not in test]
            f1, f2 = fit(train, sizes, window, args.set_weight)
            held += [(p, f1, f2) for i, p in enumerate(pages) if i in test]
        per_set: dict[str, list[float]] = {}
        for p, f1, f2 in held:
            per_set.setdefault(p[0], []).append(next(iter(evaluate([p], f1, f2, 0.5, window).values())))
        held_out = {k: sum(v) / len(v) for k, v in sorted(per_set.items())}
        # No snippet page is fitted on: the whole fit's figures are held out for them.
        show("held-out t=0.5", {**held_out, **evaluate_snippets(snippet_pages, w1, w2, 0.5, window)})
    for n, v in sorted(zip(NAMES, w1[:-1]), key=lambda nv: -abs(nv[1])):
        print(f"  {n:28s} {v:+.3f}")
    if args.write:
        fitted = evaluate(pages, w1, w2, 0.5, window)
        snippet_figures = evaluate_snippets(snippet_pages, w1, w2, 0.5, window)
        summary = (
            f"Fitted on {len(pages)} pages of {len(sizes)} sets; word F1 at threshold 0.5: "
            + ", ".join(f"{k} {v:.3f}" for k, v in fitted.items())
            + "; snippet F1 (not fitted on): "
            + (", ".join(f"{k} {v:.3f}" for k, v in snippet_figures.items()) or "none")
            + "."
        )
        write_weights(Path(__file__).resolve().parents[1] / "src/boilerstrip/_weights.py", w1, w2, summary)
    print(f"best threshold on the fit: {best[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
