"""Two builds of boilerstrip timed page by page, interleaved, on the issue's 300 pages.

The issue's command times one build at a time, and on this shared machine two runs of the
same build have given medians 30% apart: a 5% change between builds is lost in that. Here a
worker process per build (``PYTHONPATH`` set to each build) makes score.py's warm-up call,
then both time each page of score.py's sample (``--sample 300 --seed 0``) in turn, the
first of the two swapped from page to page, so that whatever slows the machine slows both
alike. A first pass builds the tables extract() makes on first use and is not counted; each
page's time is the least of ``--reps`` counted passes (CPU time of the extract() call). The
figures: each build's median and p90 of those times, their ratio, and the median of the
per-page ratios (B over A).

    python benchmarks/interleaved.py ../shared/datasets --build /tmp/old/pkg --build /tmp/new/pkg \\
        --reps 2 --out /tmp/interleaved.json

Swap the two builds in a second run: the order inside a pair is alternated, but not which
worker started first. A ``--build`` of ``peer:NAME`` times a peer of score.py's instead (its
extractors module from ``--tools``), so that the issue's ratios can be read the same way:

    python benchmarks/interleaved.py ../shared/datasets --build peer:resiliparse --build /tmp/new/pkg
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

HERE = Path(__file__).parent
PEER = "peer:"  # a --build naming a peer of score.py's, as "peer:resiliparse"
TOOLS = HERE.parent.parent / "shared" / "tools"


def summary(a: Sequence[float], b: Sequence[float]) -> dict[str, float]:
    """Medians and p90 of two builds' per-page times (the same pages, in the same order),
    the ratio of the medians and the median of the per-page ratios, B over A."""
    if len(a) != len(b) or not a:
        raise ValueError("two non-empty lists of times of the same pages")
    pairs = [(x, y) for x, y in zip(a, b) if x > 0]
    return {
        "median_a": statistics.median(a),
        "median_b": statistics.median(b),
        "p90_a": _p90(a),
        "p90_b": _p90(b),
        "ratio_of_medians": statistics.median(b) / statistics.median(a),
        "median_of_ratios": statistics.median(y / x for x, y in pairs),
    }


def _p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def worker(tools: Path, extractor: str) -> None:
    """Read page paths from stdin; after the warm-up call, answer each with the CPU
    milliseconds of the extractor's call (a peer called as score.py calls it)."""
    sys.path.insert(0, str(HERE))
    import _pages
    import first_use
    from instructions import extractor_call

    call = extractor_call(extractor, tools)
    call(first_use.warm_up_page(tools / "score.py"))
    for line in sys.stdin:
        html = _pages.read(Path(line.strip()))
        start = time.process_time()
        call(html)
        sys.stdout.write(f"{(time.process_time() - start) * 1000:.4f}\n")
        sys.stdout.flush()


def _ask(process: subprocess.Popen[str], path: Path) -> float:
    stdin, stdout = process.stdin, process.stdout
    assert stdin is not None and stdout is not None  # both piped
    stdin.write(f"{path}\n")
    stdin.flush()
    return float(stdout.readline())


def run(data: Path, builds: Sequence[str], reps: int, tools: Path) -> dict[str, object]:
    """Each page's least time over ``reps`` counted passes, per build, and the summary."""
    sys.path.insert(0, str(HERE))
    import _pages

    keys = _pages.page_keys(data)
    sample = [key for key, _ in _pages.sample(data, 300, 0)]
    paths = [keys[key] for key in sample]
    command = [sys.executable, str(Path(__file__).resolve()), "--tools", str(tools), "--worker"]
    workers = [
        subprocess.Popen(
            [*command, build.removeprefix(PEER) if build.startswith(PEER) else "boilerstrip"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": build},
        )
        for build in builds
    ]
    best = [[float("inf")] * len(paths) for _ in builds]
    try:
        for rep in range(reps + 1):  # pass 0 builds the first-use tables: not counted
            for i, path in enumerate(paths):
                for k in (0, 1) if (i + rep) % 2 == 0 else (1, 0):
                    took = _ask(workers[k], path)
                    if rep:
                        best[k][i] = min(best[k][i], took)
    finally:
        for process in workers:
            stdin: IO[str] | None = process.stdin
            if stdin is not None:
                stdin.close()
            process.wait()
    return {"builds": list(builds), "pages": sample, "times": best, "summary": summary(best[0], best[1])}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", nargs="?", type=Path, default=HERE.parent.parent / "shared" / "datasets")
    parser.add_argument(
        "--build", action="append", default=[], help="a build's package folder, or peer:NAME (twice)"
    )
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--tools", type=Path, default=TOOLS, help="the folder of score.py")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--worker", help=argparse.SUPPRESS)  # a build's process: its extractor
    args = parser.parse_args()
    if args.worker:
        worker(args.tools, args.worker)
        return
    if len(args.build) != 2 or args.reps < 1:
        parser.error("give --build twice and --reps of at least 1")
    result = run(args.data, args.build, args.reps, args.tools)
    if args.out is not None:
        args.out.write_text(json.dumps(result))
    s = result["summary"]
    assert isinstance(s, dict)
    print("| build | median ms | p90 ms |\n|---|---|---|")
    print(f"| A {args.build[0]} | {s['median_a']:.3f} | {s['p90_a']:.3f} |")
    print(f"| B {args.build[1]} | {s['median_b']:.3f} | {s['p90_b']:.3f} |")
    print(
        f"\nB over A: ratio of the medians {s['ratio_of_medians']:.3f}, "
        f"median of the per-page ratios {s['median_of_ratios']:.3f}"
    )


if __name__ == "__main__":
    main()
