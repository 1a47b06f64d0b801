"""Throughput and fault isolation of ``boilerstrip batch`` on a WARC of development pages.

Builds a WARC (gzip, one member per record, written with warcio) of ``--pages`` development
pages (a seeded sample across the sets, in key order; record ids derived from the page keys,
so every build is the same) under a fresh folder in /tmp, and a fault plan making one page
crash its worker (SIGSEGV), one hang and one raise. Runs ``boilerstrip batch`` on it with
each ``--jobs`` value, checks that every run writes one ok record for every other page and one
error record of the right kind (crash, timeout, error) for each faulty page, in input order,
and exits with status 3, then writes the figures (pages/s per run, the ratio to the first run,
the error counts, the machine's load at the start, and before each run the speed-up that
--jobs spinning loops get on the machine as it is, the most the batch can get) as JSON and
Markdown.

    python benchmarks/batch_throughput.py /work/shared/datasets

The hanging page costs one worker ``--timeout`` seconds in every run; pages/s is the runs'
own figure (records written over the run's wall time, worker start included).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from _pages import page_keys  # noqa: E402

FAULTS = {"crash": "crash", "hang": "timeout", "raise": "error"}  # fault -> the record's status
WARC_DATE = "2026-12-01T00:00:00Z"


def record_id(key: str) -> str:
    return f"<urn:boilerstrip-bench:{key}>"


def build_warc(data: Path, n: int, seed: int, path: Path) -> list[str]:
    """Write ``n`` pages as WARC response records; return their keys in order."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    keys = page_keys(data)
    if len(keys) < n:
        raise SystemExit(f"only {len(keys)} pages under {data}, {n} asked")
    chosen = sorted(random.Random(seed).sample(sorted(keys), n))
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for key in chosen:
            body = gzip.decompress(keys[key].read_bytes())
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                f"https://dev.example/{key}",
                "response",
                payload=io.BytesIO(body),
                http_headers=http,
                warc_headers_dict={"WARC-Record-ID": record_id(key), "WARC-Date": WARC_DATE},
            )
            writer.write_record(record)
    return chosen


def check(output: Path, keys: list[str], plan: dict[str, str]) -> dict[str, int]:
    """Error counts by kind; AssertionError when the records are not one per page, in order,
    with the expected status."""
    records = [json.loads(line) for line in output.read_text("utf-8").splitlines()]
    assert [r["record_id"] for r in records] == [record_id(k) for k in keys], "one record per page, in order"
    counts: dict[str, int] = {}
    for record in records:
        expected = FAULTS[plan[record["record_id"]]] if record["record_id"] in plan else "ok"
        assert record["status"] == expected, (record["record_id"], record["status"], record.get("error"))
        counts[record["status"]] = counts.get(record["status"], 0) + 1
    return counts


def _spin(seconds: float, counts: Any) -> None:
    end, n = time.perf_counter() + seconds, 0
    while time.perf_counter() < end:
        for _ in range(10_000):
            n += 1
    counts.put(n)


def cpu_ceiling(processes: int, seconds: float = 3.0) -> float:
    """How much faster ``processes`` pure-Python loops run together than one alone, now: the
    most the batch can gain here (about ``processes`` on an idle machine, far less on a busy one)."""
    import multiprocessing

    def rate(n: int) -> float:
        counts: Any = multiprocessing.Queue()
        spinners = [multiprocessing.Process(target=_spin, args=(seconds, counts)) for _ in range(n)]
        for spinner in spinners:
            spinner.start()
        total: float = sum(counts.get() for _ in spinners)
        for spinner in spinners:
            spinner.join()
        return total / seconds

    return round(rate(processes) / rate(1), 2)


def run(warc: Path, output: Path, jobs: int, timeout: float, plan_path: Path) -> dict[str, Any]:
    command = [
        sys.executable, "-m", "boilerstrip", "batch", str(warc), "-o", str(output), "--jobs", str(jobs),
        "--timeout", str(timeout), "--quiet", "--fault-plan", str(plan_path),
    ]  # fmt: skip
    ceiling = cpu_ceiling(jobs) if jobs > 1 else 1.0
    load = round(os.getloadavg()[0], 2)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    summary = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""
    return {
        "jobs": jobs,
        "load_average_1min_at_start": load,
        "cpu_ceiling": ceiling,
        "exit_code": done.returncode,
        "wall_seconds": round(seconds, 2),
        "summary": summary,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, help="the development sets (<set>/html/<id>.html.gz)")
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", default="1,2", help="the --jobs of each run, comma separated")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="the batch's --timeout (the hang costs it)"
    )
    parser.add_argument("--out", type=Path, default=HERE / "batch-results", help="writes OUT.json and OUT.md")
    args = parser.parse_args()
    load = os.getloadavg()
    date = datetime.now(timezone.utc).isoformat(timespec="seconds")
    work = Path(tempfile.mkdtemp(prefix="boilerstrip-batch-bench-", dir="/tmp"))
    try:
        warc = work / "pages.warc.gz"
        started = time.perf_counter()
        keys = build_warc(args.data, args.pages, args.seed, warc)
        build_seconds = time.perf_counter() - started
        plan = {record_id(keys[len(keys) * i // 4]): fault for i, fault in enumerate(FAULTS, 1)}
        plan_path = work / "faults.json"
        plan_path.write_text(json.dumps(plan), "utf-8")
        runs = []
        for jobs in [int(j) for j in args.jobs.split(",")]:
            result = run(warc, work / f"out-j{jobs}.jsonl", jobs, args.timeout, plan_path)
            result["records"] = check(work / f"out-j{jobs}.jsonl", keys, plan)
            result["pages_per_second"] = round(len(keys) / result["wall_seconds"], 2)
            assert result["exit_code"] == 3, result
            runs.append(result)
            print(json.dumps(result), file=sys.stderr)
        for result in runs:
            result["speedup"] = round(result["pages_per_second"] / runs[0]["pages_per_second"], 3)
        figures = {
            "date": date,
            "machine": {
                "cpus": os.cpu_count(),
                "load_average_at_start": [round(v, 2) for v in load],
                "python": platform.python_version(),
            },
            "pages": len(keys),
            "warc_mb": round(warc.stat().st_size / 1e6, 1),
            "warc_build_seconds": round(build_seconds, 1),
            "timeout": args.timeout,
            "faults": {fault: FAULTS[fault] for fault in plan.values()},
            "runs": runs,
        }
    finally:
        shutil.rmtree(work)
    args.out.with_suffix(".json").write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    args.out.with_suffix(".md").write_text(markdown(figures), "utf-8")
    print(markdown(figures))
    return 0


def markdown(figures: dict[str, Any]) -> str:
    machine = figures["machine"]
    load = " / ".join(str(v) for v in machine["load_average_at_start"])
    lines = [
        "# boilerstrip batch: throughput and fault isolation",
        "",
        f"`python benchmarks/batch_throughput.py DATA`, started {figures['date']}: a WARC of "
        f"{figures['pages']} development pages ({figures['warc_mb']} MB gzip), one page crashing its "
        f"worker, one hanging (--timeout {figures['timeout']:g} s) and one raising. {machine['cpus']} "
        f"CPUs, load average {load} at the start (1, 5, 15 min), "
        f"Python {machine['python']}.",
        "",
        "| --jobs | pages/s | speed-up | CPU ceiling | wall s | ok | timeout | crash | error | exit "
        "| load at start |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in figures["runs"]:
        c = r["records"]
        lines.append(
            f"| {r['jobs']} | {r['pages_per_second']} | {r['speedup']} | {r.get('cpu_ceiling', 'n/a')} "
            f"| {r['wall_seconds']} "
            f"| {c.get('ok', 0)} | {c.get('timeout', 0)} | {c.get('crash', 0)} | {c.get('error', 0)} "
            f"| {r['exit_code']} | {r['load_average_1min_at_start']} |"
        )
    lines += ["", "CPU ceiling: how much faster that many pure-Python loops ran together than one alone, "
              "just before the run (about --jobs on an idle machine)."]  # fmt: skip
    if machine["load_average_at_start"][0] >= (machine["cpus"] or 1):
        lines += ["", "The machine was busy with other work (load at or above its CPUs): pages/s and the "
                  "speed-up do not measure the batch alone. Run again on an idle machine."]  # fmt: skip
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
