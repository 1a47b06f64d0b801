"""Calibrate the page-level confidence against word F1, and report its calibration.

    python benchmarks/calibrate.py ../shared/datasets [--write]

The raw confidence is the word-weighted margin of the block probabilities from 0.5.
Here it is mapped to the expected word F1 of the page by isotonic regression (pool
adjacent violators), fitted on the even-numbered pages of each set and checked on the
odd-numbered ones. The reliability table prints, for each confidence bin, the pages in
it, their mean confidence and their mean F1; a calibrated confidence has the two close.
A third table checks the map the package ships (src/boilerstrip/_calibration.py, the
confidence extract() returns) on every page; under it and the second, a bin whose mean
confidence is more than 0.03 from its mean F1 is broken down by set and page type. With ``--write``
the map is refitted on all the pages and written to src/boilerstrip/_calibration.py.
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
from replay import load, replayed, shards

BINS = 10
KNOTS = 12  # points of the piecewise-linear map written to the package
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
    """Non-decreasing fit of F1 on raw confidence: (x, fitted y) per block of pooled points."""
    blocks: list[list[float]] = []  # [sum_x, sum_y, count]
    for x, y in sorted(pairs):
        blocks.append([x, y, 1.0])
        while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] > blocks[-1][1] / blocks[-1][2]:
            last = blocks.pop()
            for i in range(3):
                blocks[-1][i] += last[i]
    return [(sx / n, sy / n) for sx, sy, n in blocks]


def knots(fit: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A few points of the fitted curve, evenly spread over its length, ends included."""
    if len(fit) <= KNOTS:
        return fit
    step = (len(fit) - 1) / (KNOTS - 1)
    return [fit[round(i * step)] for i in range(KNOTS)]


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
    even = [pr for i, pr in enumerate(pairs) if i % 2 == 0]
    odd = [pr for i, pr in enumerate(pairs) if i % 2 == 1]
    points = knots(isotonic(even))
    print(f"Raw confidence (word-weighted margin), all {len(pairs)} text-GT pages:\n")
    print("\n".join(reliability(pairs)))
    print("\nCalibrated (map fitted on the even pages), on the odd pages it was not fitted on:\n")
    held_out = [(interpolate(points, c), f) for c, f in odd]
    print("\n".join(reliability(held_out)))
    print("\n" + "\n".join(off_bins(held_out, labels[1::2]) or ["(every bin within 0.03)"]))
    print(f"\nThe shipped map (the confidence extract() returns), all {len(pairs)} text-GT pages:\n")
    shipped = [(s.shipped, s.f1) for s in scored]
    print("\n".join(reliability(shipped)))
    print("\n" + "\n".join(off_bins(shipped, labels) or ["(every bin within 0.03)"]))
    if args.write:
        final = knots(isotonic(pairs))
        rows = ",\n".join(f"    ({x:.4f}, {y:.4f})" for x, y in final)
        Path(__file__).resolve().parents[1].joinpath("src/boilerstrip/_calibration.py").write_text(
            '"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.\n\n'
            "Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of\n"
            f'the development sets ({len(pairs)} pages); confidence is interpolated between them.\n"""\n\n'
            "from __future__ import annotations\n\n"
            f"CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (\n{rows},\n)\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
