"""What a process pays once: the tables ``extract()`` builds on first use, and where the
issue's ratio command sees them.

boilerstrip compiles its phrase rows, reads their match facts and builds its name tables
when a page first needs them, not at import (import stays near 100 ms). score.py's timing
mode loads the extractor in a fresh worker, makes one warm-up call on its own small
article page, then times each page of the sample in key order: every table the warm-up
page did not need is built inside some timed page, most of them in the sample's first
pages. This script replays that order in fresh interpreters and times each page twice:

- the first pass: after the same kind of warm-up call, as score.py's worker meets them;
- the second pass: the same pages again in the same process, every table built.

Per page it reads CPU time (``time.process_time``: the machine is shared, and this is
about work done, not waits) and wall time. The difference of the passes' totals is what
the process paid once; the medians and p90 show how far the one-time work moves the
issue's figures.

    python benchmarks/first_use.py ../shared/datasets --src src --out /tmp/first-use.json
    python benchmarks/first_use.py ../shared/datasets --src /tmp/build/pkg --runs 3

Where the one-time instructions go, by function: ``mypyc_profile.py run --cold`` under
callgrind (the counted pass is then the first), diffed against a ``run`` of the same pages.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
SCORE_PY = HERE.parent.parent / "shared" / "tools" / "score.py"
# The warm-up page: a short news article with a menu, a related box and a footer, as
# score.py's own warm-up page is (its WARMUP_HTML is read instead when score.py is found).
_WARM_UP = (
    "<!DOCTYPE html><html lang='en'><head><title>City council approves new water plan</title>"
    "</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/about'>About</a></nav>"
    "<article><h1>City council approves new water plan</h1>"
    + "".join(
        f"<p>The city council voted on Tuesday to approve a long-term plan for the river and the local "
        f"water supply, paragraph {i}. Officials said that the project would be funded by the national "
        f"government and that people in every district would see the results within a year.</p>"
        for i in range(8)
    )
    + "</article><aside><h3>Related</h3><ul><li><a href='/a'>Other story</a></li></ul></aside>"
    "<footer>Copyright 2024 Example. All rights reserved. <a href='/privacy'>Privacy</a></footer>"
    "</body></html>"
)


def warm_up_page(score_py: Path | None) -> str:
    """score.py's WARMUP_HTML when its file is given (loaded as a module: it is a
    concatenation, not a literal), else this script's own page."""
    if score_py is None or not score_py.is_file():
        return _WARM_UP
    import importlib.util

    spec = importlib.util.spec_from_file_location("_score_py", score_py)
    if spec is None or spec.loader is None:
        return _WARM_UP
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    value = getattr(module, "WARMUP_HTML", None)
    return value if isinstance(value, str) else _WARM_UP


def _child(data: Path, n: int, seed: int, warm: str) -> dict[str, object]:
    """One fresh interpreter's two passes (run in the child)."""
    sys.path.insert(0, str(HERE))
    import _pages
    import boilerstrip

    pages = _pages.sample(data, n, seed)
    boilerstrip.extract(warm)
    passes = []
    for _ in range(2):
        cpu, wall = [], []
        for _, html in pages:
            c, w = time.process_time(), time.perf_counter()
            boilerstrip.extract(html)
            cpu.append(1e3 * (time.process_time() - c))
            wall.append(1e3 * (time.perf_counter() - w))
        passes.append({"cpu_ms": cpu, "wall_ms": wall})
    return {"compiled": boilerstrip.compiled(), "keys": [k for k, _ in pages], "passes": passes}


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {
        "median": statistics.median(ordered),
        "p90": ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))],
        "total": sum(ordered),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, nargs="?", default=HERE.parent.parent / "shared" / "datasets")
    parser.add_argument("--src", default="src", help="the folder holding the boilerstrip package to time")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=2, help="fresh interpreters, one after another")
    parser.add_argument("--score-py", type=Path, default=SCORE_PY)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    warm = warm_up_page(args.score_py)
    if args.child:
        json.dump(_child(args.data, args.sample, args.seed, warm), sys.stdout)
        return
    env = {**os.environ, "PYTHONPATH": str(Path(args.src).resolve())}
    command = [sys.executable, __file__, str(args.data), "--child", "--sample", str(args.sample)]
    command += ["--seed", str(args.seed), "--score-py", str(args.score_py)]
    runs = []
    for _ in range(args.runs):
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
    print(f"{args.src}: compiled {runs[0]['compiled']}, {args.sample} pages, {args.runs} fresh interpreters")
    print("| run | pass | CPU median ms | CPU p90 ms | CPU total s | wall median ms | wall p90 ms |")
    print("|---|---|---|---|---|---|---|")
    rows = []
    for i, run in enumerate(runs, 1):
        for name, p in zip(("first", "second"), run["passes"]):
            cpu, wall = _summary(p["cpu_ms"]), _summary(p["wall_ms"])
            rows.append({"run": i, "pass": name, "cpu": cpu, "wall": wall})
            print(
                f"| {i} | {name} | {cpu['median']:.2f} | {cpu['p90']:.2f} | {cpu['total'] / 1e3:.2f} "
                f"| {wall['median']:.2f} | {wall['p90']:.2f} |"
            )
        once = (sum(run["passes"][0]["cpu_ms"]) - sum(run["passes"][1]["cpu_ms"])) / 1e3
        print(f"|   | once (first - second total) |  |  | {once:.2f} |  |  |")
    if args.out is not None:
        args.out.write_text(json.dumps({"src": args.src, "sample": args.sample, "rows": rows, "runs": runs}))


if __name__ == "__main__":
    main()
