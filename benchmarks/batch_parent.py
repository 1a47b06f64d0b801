"""What ``boilerstrip batch`` costs beyond the extraction: the parent's CPU a page, and one
worker's wall time a page against the same pages extracted in a plain loop.

The parent reads the inputs (a WARC's records decompressed), hands each page to a worker over
a pipe and writes the records; whatever it spends a page caps the batch at ``1000 / ms``
pages a second, however many workers run. This runs :func:`boilerstrip.batch.run_batch`
in this process (so that the parent's CPU can be read: all its threads, and its main thread
alone) with one worker, for each output kind, beside a loop that reads the same WARC and
calls :func:`boilerstrip.batch.page_record` on each page, rounds alternating:

    python benchmarks/batch_parent.py ../shared/datasets --out /tmp/batch-parent
    PYTHONPATH=/tmp/b/pkg python benchmarks/batch_parent.py ../shared/datasets --out /tmp/bp-b

The WARC is batch_throughput.py's (a seeded sample of development pages, ``--pages`` of
them), built once under ``--work``. A run's wall time includes its worker's start (the
forkserver's import of boilerstrip, about 0.3-0.5 s: a few percent of 2,000 pages). Writes
OUT.json and OUT.md.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import batch_throughput  # noqa: E402  (beside this file)
import boilerstrip  # noqa: E402
from boilerstrip import Options  # noqa: E402
from boilerstrip.batch import iter_sources, page_record, run_batch  # noqa: E402

KINDS = ("jsonl", "jsonl.gz")


def batch_round(warc: Path, out: Path) -> dict[str, float]:
    """One run_batch with one worker: ms a page of wall time, of the parent's CPU (all
    threads) and of its main thread's."""
    wall, cpu, main = time.perf_counter(), time.process_time(), time.thread_time()
    summary = run_batch([warc], out, jobs=1, timeout=60, stderr=io.StringIO())  # its summary line unread
    pages = summary.pages
    return {
        "wall_ms": (time.perf_counter() - wall) / pages * 1e3,
        "parent_cpu_ms": (time.process_time() - cpu) / pages * 1e3,
        "main_thread_cpu_ms": (time.thread_time() - main) / pages * 1e3,
        "pages": pages,
    }


def loop_round(warc: Path) -> dict[str, float]:
    """The same pages read and extracted in this process, one after the other."""
    options = Options()
    wall, n = time.perf_counter(), 0
    for page in iter_sources([warc]):
        page_record(page, options)
        n += 1
    return {"wall_ms": (time.perf_counter() - wall) / n * 1e3, "pages": n}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the development sets (<set>/html/<id>.html.gz)")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=Path("/tmp/boilerstrip-batch-parent"))
    parser.add_argument("--out", type=Path, required=True, help="writes OUT.json and OUT.md")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    warc = args.work / f"pages-{args.pages}-{args.seed}.warc.gz"
    if not warc.exists():
        batch_throughput.build_warc(args.data, args.pages, args.seed, warc)
    runs: dict[str, list[dict[str, float]]] = {"loop": [], **{k: [] for k in KINDS}}
    loads = []
    for _ in range(args.rounds):
        loads.append(os.getloadavg()[0])
        runs["loop"].append(loop_round(warc))
        for kind in KINDS:
            runs[kind].append(batch_round(warc, args.work / f"out.{kind}"))
    loop_ms = statistics.median(r["wall_ms"] for r in runs["loop"])
    rows = []
    for kind in KINDS:
        wall = statistics.median(r["wall_ms"] for r in runs[kind])
        main_ms = statistics.median(r["main_thread_cpu_ms"] for r in runs[kind])
        rows.append(
            {
                "output": kind,
                "wall_ms": round(wall, 2),
                "wall_over_loop": round(wall / loop_ms, 3),
                "parent_cpu_ms": round(statistics.median(r["parent_cpu_ms"] for r in runs[kind]), 3),
                "main_thread_cpu_ms": round(main_ms, 3),
                "cap_pages_per_s": round(1000 / main_ms),
            }
        )
    report: dict[str, Any] = {
        "boilerstrip": boilerstrip.__file__,
        "pages": args.pages,
        "rounds": args.rounds,
        "load_at_rounds": loads,
        "loop_wall_ms": round(loop_ms, 2),
        "batch": rows,
        "runs": runs,
    }
    args.out.with_suffix(".json").write_text(json.dumps(report, indent=1))
    lines = [
        f"# boilerstrip batch, one worker: its cost beyond the extraction ({args.pages} pages, "
        f"median of {args.rounds} rounds; load {', '.join(f'{x:.2f}' for x in loads)})",
        "",
        f"A plain loop (read the WARC, page_record each page): {loop_ms:.2f} ms a page.",
        "",
        "| output | wall ms a page | ÷ the loop | parent CPU ms a page | its main thread | cap (pages/s) |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r['output']} | {r['wall_ms']} | {r['wall_over_loop']} | {r['parent_cpu_ms']} | "
        f"{r['main_thread_cpu_ms']} | {r['cap_pages_per_s']} |"
        for r in rows
    ]
    lines += ["", "cap: 1000 / the main thread's CPU ms a page, the most pages a second any --jobs gets."]
    args.out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
