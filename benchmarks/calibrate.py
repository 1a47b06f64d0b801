"""Calibrate the page-level confidence against word F1, and report its calibration.

    python benchmarks/calibrate.py ../shared/datasets [--write]

The raw confidence is the word-weighted margin of the block probabilities from 0.5.
Here it is mapped to the expected word F1 of the page by isotonic regression (pool
adjacent violators), fitted on the even-numbered pages of each set and checked on the
odd-numbered ones. The reliability table prints, for each confidence bin, the pages in
it, their mean confidence and their mean F1; a calibrated confidence has the two close.
With ``--write`` the map is refitted on all the pages and written to
src/boilerstrip/_calibration.py.
"""

from __future__ import annotations

import argparse
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from boilerstrip._assemble import interpolate, raw_confidence
from boilerstrip._bench._metrics import text_score, words
from boilerstrip._bench._sets import Page, load_sets
from boilerstrip._extract import extract

BINS = 10
KNOTS = 12  # points of the piecewise-linear map written to the package


def page_pair(page: Page) -> tuple[float, float]:
    result = extract(page.html())
    return raw_confidence(result.blocks), text_score(result.text, words(page.truth or "")).f1


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
    args = parser.parse_args(argv)
    pages = [p for ps in load_sets([args.data]).values() for p in ps if p.truth is not None]
    with ProcessPoolExecutor(args.jobs) as pool:
        pairs = list(pool.map(page_pair, pages, chunksize=16))
    even = [pr for i, pr in enumerate(pairs) if i % 2 == 0]
    odd = [pr for i, pr in enumerate(pairs) if i % 2 == 1]
    points = knots(isotonic(even))
    print(f"Raw confidence (word-weighted margin), all {len(pairs)} text-GT pages:\n")
    print("\n".join(reliability(pairs)))
    print("\nCalibrated (map fitted on the even pages), on the odd pages it was not fitted on:\n")
    print("\n".join(reliability([(interpolate(points, c), f) for c, f in odd])))
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
