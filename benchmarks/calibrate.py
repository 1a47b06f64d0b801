"""Calibrate the page-level confidence against word F1, and report its calibration.

    python benchmarks/calibrate.py ../shared/datasets [--write]

The raw confidence is the word-weighted margin of the block probabilities from 0.5.
Here it is mapped to the expected word F1 of the page by isotonic regression (pool
adjacent violators), fitted on the pages of one half (replay.id_half: even and odd ids) and
checked on the other, both ways. The reliability table prints, for each confidence bin, the
pages in it, their mean confidence and their mean F1; a calibrated confidence has the two
close. Under each check, two figures: the gap (the pages-weighted mean of each bin's
|mean confidence - mean F1|) and the mean squared error of the confidence against the page's
F1, of the half-fit map and of the shipped map on the same pages.
A last table checks the map the package ships (src/boilerstrip/_calibration.py, the
confidence extract() returns) on every page; under it and each check, a bin whose mean
confidence is more than 0.03 from its mean F1 is broken down by set and page type. With ``--write``
the map is refitted on all the pages and written to src/boilerstrip/_calibration.py: each
block of pages the fit pools at its lowest and highest raw confidence.
``--dump D`` reads the pages' blocks from a block dump (``replay.py dump``) and replays the
decision, instead of extracting every page (the same blocks, a third of the time).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import NamedTuple

from boilerstrip import Options
from boilerstrip._assemble import confidence, interpolate, layout, raw_confidence
from boilerstrip._bench._metrics import text_score, words
from boilerstrip._bench._sets import Page, load_sets
from boilerstrip._extract import extract
from boilerstrip._model import Block
from replay import id_half, load, replayed, shards

BINS = 10
OFF = 0.03  # a bin this far from its mean F1 is broken down by set and page type


class Scored(NamedTuple):
    """One page: its raw confidence, the confidence extract() returns, its word F1."""

    raw: float
    shipped: float
    f1: float


def _scored(blocks: Sequence[Block], text: str, truth: str) -> Scored:
    return Scored(raw_confidence(blocks), confidence(blocks), text_score(text, words(truth)).f1)


def page_pair(page: Page) -> Scored:
    result = extract(page.html())
    return Scored(
        raw_confidence(result.blocks), result.confidence, text_score(result.text, words(page.truth or "")).f1
    )


def _dumped_pairs(job: tuple[Path, dict[str, str]]) -> dict[str, Scored]:
    shard, truths = job
    out = {}
    for p in load(shard):
        if p.key in truths:
            blocks = () if p.error else replayed(p, Options())
            out[p.key] = _scored(blocks, layout(blocks), truths[p.key])
    return out


def dumped_pairs(dump: Path, pages: Sequence[Page], jobs: int) -> list[Scored]:
    """page_pair of each page, from the dump's blocks with the decision replayed."""
    truths = {p.key: p.truth or "" for p in pages}
    found: dict[str, Scored] = {}
    with ProcessPoolExecutor(jobs) as pool:
        for part in pool.map(_dumped_pairs, [(s, truths) for s in shards(dump)]):
            found.update(part)
    return [found[p.key] for p in pages]


def off_bins(pairs: Sequence[tuple[float, float]], labels: Sequence[str]) -> list[str]:
    """For each bin whose mean confidence is more than OFF from its mean F1: its pages by
    group (set, or set and page type), largest first."""
    lines = []
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [i for i, (c, _) in enumerate(pairs) if lo <= c < hi or (b == BINS - 1 and c == 1.0)]
        if not inside:
            continue
        mc = sum(pairs[i][0] for i in inside) / len(inside)
        mf = sum(pairs[i][1] for i in inside) / len(inside)
        if abs(mc - mf) <= OFF:
            continue
        by: dict[str, list[int]] = {}
        for i in inside:
            by.setdefault(labels[i], []).append(i)
        parts = []
        for label, members in sorted(by.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            gc = sum(pairs[i][0] for i in members) / len(members)
            gf = sum(pairs[i][1] for i in members) / len(members)
            parts.append(f"{label} {len(members)} ({gc:.3f} / {gf:.3f})")
        lines.append(f"- {lo:.1f}-{hi:.1f} ({mc - mf:+.3f}): " + "; ".join(parts))
    return lines


def isotonic(pairs: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Non-decreasing fit of F1 on raw confidence, as points to interpolate between: each
    block of pooled points at its lowest and its highest x, at the block's mean F1 (one point
    when the two coincide), so that a page inside a block gets the block's F1, not a value
    interpolated towards the next block from the block's mean x."""
    blocks: list[list[float]] = []  # [sum_y, count, lowest x, highest x]
    for x, y in sorted(pairs):
        blocks.append([y, 1.0, x, x])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            last = blocks.pop()
            blocks[-1][0] += last[0]
            blocks[-1][1] += last[1]
            blocks[-1][3] = last[3]
    points = []
    for sy, n, lo, hi in blocks:
        points.append((lo, sy / n))
        if hi > lo:
            points.append((hi, sy / n))
    return points


def _in_bins(pairs: Sequence[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """The pairs of each confidence bin (the last bin holds 1.0), empty bins included."""
    bins: list[list[tuple[float, float]]] = [[] for _ in range(BINS)]
    for c, f in pairs:
        bins[min(int(c * BINS), BINS - 1)].append((c, f))
    return bins


def gap(pairs: Sequence[tuple[float, float]]) -> float:
    """The pages-weighted mean of each bin's |mean confidence - mean F1| (0: every bin's
    mean confidence is its mean F1)."""
    total = sum(abs(sum(c for c, _ in b) - sum(f for _, f in b)) for b in _in_bins(pairs))
    return total / len(pairs) if pairs else 0.0


def squared_error(pairs: Sequence[tuple[float, float]]) -> float:
    """The mean squared difference of each page's confidence and its F1 (a Brier score)."""
    return sum((c - f) ** 2 for c, f in pairs) / len(pairs) if pairs else 0.0


def mapped(points: Sequence[tuple[float, float]], s: Scored) -> float:
    """The confidence a map gives the page, as confidence() does: 0 when nothing is content
    (the shipped confidence is 0 exactly then)."""
    return 0.0 if s.shipped == 0.0 else max(round(interpolate(points, s.raw), 4), 0.0001)


def reliability(pairs: list[tuple[float, float]]) -> list[str]:
    lines = ["| confidence | pages | mean confidence | mean F1 |", "|---|---|---|---|"]
    for b in range(BINS):
        lo, hi = b / BINS, (b + 1) / BINS
        inside = [(c, f) for c, f in pairs if lo <= c < hi or (b == BINS - 1 and c == 1.0)]
        if inside:
            mc = sum(c for c, _ in inside) / len(inside)
            mf = sum(f for _, f in inside) / len(inside)
            lines.append(f"| {lo:.1f}-{hi:.1f} | {len(inside)} | {mc:.3f} | {mf:.3f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--dump", type=Path, help="a block dump of DATA (replay.py dump) to replay")
    args = parser.parse_args(argv)
    pages = [p for ps in load_sets([args.data]).values() for p in ps if p.truth is not None]
    if args.dump:
        scored = dumped_pairs(args.dump, pages, args.jobs)
    else:
        with ProcessPoolExecutor(args.jobs) as pool:
            scored = list(pool.map(page_pair, pages, chunksize=16))
    labels = [f"{p.set} {p.page_type}" if p.page_type else p.set for p in pages]
    pairs = [(s.raw, s.f1) for s in scored]
    print(f"Raw confidence (word-weighted margin), all {len(pairs)} text-GT pages:\n")
    print("\n".join(reliability(pairs)))
    halves = [id_half(p.id) for p in pages]
    for fit, check in (("even", "odd"), ("odd", "even")):
        points = isotonic([pr for pr, h in zip(pairs, halves, strict=True) if h == fit])
        inside = [i for i, h in enumerate(halves) if h == check]
        held_out = [(mapped(points, scored[i]), scored[i].f1) for i in inside]
        shipped_half = [(scored[i].shipped, scored[i].f1) for i in inside]
        print(f"\nCalibrated (map fitted on the {fit} ids), on the {len(inside)} pages of {check} ids:\n")
        print("\n".join(reliability(held_out)))
        print(
            "\n" + "\n".join(off_bins(held_out, [labels[i] for i in inside]) or ["(every bin within 0.03)"])
        )
        print(
            f"\ngap {gap(held_out):.4f}, squared error {squared_error(held_out):.4f}"
            f" (the shipped map on these pages: {gap(shipped_half):.4f}, {squared_error(shipped_half):.4f})"
        )
    print(f"\nThe shipped map (the confidence extract() returns), all {len(pairs)} text-GT pages:\n")
    shipped = [(s.shipped, s.f1) for s in scored]
    print("\n".join(reliability(shipped)))
    print("\n" + "\n".join(off_bins(shipped, labels) or ["(every bin within 0.03)"]))
    print(f"\ngap {gap(shipped):.4f}, squared error {squared_error(shipped):.4f}")
    if args.write:
        final = isotonic(pairs)
        rows = ",\n".join(f"    ({x:.4f}, {y:.4f})" for x, y in final)
        Path(__file__).resolve().parents[1].joinpath("src/boilerstrip/_calibration.py").write_text(
            '"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.\n\n'
            "Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of\n"
            f"the development sets ({len(pairs)} pages), each block of pooled pages at its lowest and\n"
            'highest raw confidence; confidence is interpolated between them.\n"""\n\n'
            "from __future__ import annotations\n\n"
            f"CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (\n{rows},\n)\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
