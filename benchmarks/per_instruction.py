"""Why the issue's time ratio is larger than its ratio in instructions: the cost of an
instruction, boilerstrip's and a peer's, on the same pages.

``instructions.py`` counts what each extractor retires per page; the timed command reads
about twice that ratio. Two parts measure the difference on the same pages (every
``--stride``-th page of score.py's ``--sample 300 --seed 0``):

- ``time``: boilerstrip (as imported, e.g. ``PYTHONPATH=/tmp/b/pkg``) and a peer (score.py's
  extractors module) called in turn on each page, the first of the two swapped each pass,
  after score.py's warm-up call and one uncounted pass; each page's time is the least of
  ``--reps`` passes (so the load shows less).
- ``events``: the per-page counts of two ``instructions.py run`` passes under callgrind with
  its simulators on (``--cache-sim=yes --branch-sim=yes``, with ``--dump-after`` as there):
  events per 1,000 instructions, nanoseconds per 1,000 instructions from ``time``'s JSON, and
  a cycle estimate (each instruction, 12 cycles a first-level cache miss, 15 a mispredicted
  branch: a rough model, not a measurement).

    PYTHONPATH=/tmp/b/pkg python benchmarks/per_instruction.py time ../shared/datasets \\
        --stride 15 --reps 10 --out /tmp/t.json
    for x in boilerstrip resiliparse; do
        PYTHONPATH=/tmp/b/pkg valgrind --tool=callgrind --cache-sim=yes --branch-sim=yes \\
            --collect-atstart=no --toggle-collect=dropwhile_next --dump-after=dropwhile_next \\
            --callgrind-out-file=/tmp/sim/$x.out \\
            python benchmarks/instructions.py run ../shared/datasets --extractor $x --stride 15
    done
    python benchmarks/per_instruction.py events /tmp/sim/boilerstrip.out /tmp/sim/resiliparse.out \\
        --times /tmp/t.json --skip 1
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
TOOLS = HERE.parent.parent / "shared" / "tools"
EVENTS = ("Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw", "Bc", "Bcm", "Bi", "Bim")
L1_MISS_CYCLES = 12  # a first-level miss served by the second level: the model's guess
MISPREDICT_CYCLES = 15  # a mispredicted branch: the model's guess


def times(data: Path, peer: str, stride: int, reps: int, tools: Path) -> dict[str, list[float]]:
    """Each page's least time (ms) over ``reps`` passes, boilerstrip's and ``peer``'s."""
    sys.path.insert(0, str(HERE))
    import _pages
    import first_use
    from instructions import extractor_call

    pages = [html for _, html in _pages.sample(data, 300, 0)[::stride]]
    calls = {"boilerstrip": extractor_call("boilerstrip", tools), peer: extractor_call(peer, tools)}
    warm = first_use.warm_up_page(tools / "score.py")
    for call in calls.values():
        call(warm)
        for html in pages:
            call(html)
    best = {name: [float("inf")] * len(pages) for name in calls}
    order = list(calls.items())
    for rep in range(reps):
        for name, call in order if rep % 2 == 0 else order[::-1]:
            for k, html in enumerate(pages):
                start = time.perf_counter()
                call(html)
                best[name][k] = min(best[name][k], (time.perf_counter() - start) * 1e3)
    return best


def page_events(path: Path) -> list[dict[str, int]]:
    """The events of each page: the ``summary:`` line of each dump (``<path>.1``, ...)."""
    parts = sorted(path.parent.glob(path.name + ".*"), key=lambda p: int(p.suffix[1:]))
    found = []
    for part in parts:
        names: list[str] = []
        for line in part.read_text(errors="replace").splitlines():
            if line.startswith("events:"):
                names = line.split()[1:]
            elif line.startswith("summary:"):
                found.append(dict(zip(names, map(int, line.split()[1:]), strict=False)))
                break
    return found


def _cycles(rows: list[dict[str, int]]) -> float:
    total = {e: sum(r.get(e, 0) for r in rows) for e in EVENTS}
    misses = total["I1mr"] + total["D1mr"] + total["D1mw"]
    return total["Ir"] + L1_MISS_CYCLES * misses + MISPREDICT_CYCLES * (total["Bcm"] + total["Bim"])


def events(own_path: Path, peer_path: Path, times_path: Path | None, skip: int) -> None:
    own, peer = page_events(own_path)[skip:], page_events(peer_path)[skip:]
    if len(own) != len(peer):
        raise SystemExit(f"{len(own)} pages against {len(peer)}")
    a, b = own_path.name.split(".")[0], peer_path.name.split(".")[0]
    print(f"| {len(own)} pages | {a} | {b} | ratio | {a} per 1,000 Ir | {b} per 1,000 Ir |")
    print("|---|---|---|---|---|---|")
    ir_a, ir_b = sum(r["Ir"] for r in own), sum(r["Ir"] for r in peer)
    for e in EVENTS:
        sa, sb = sum(r.get(e, 0) for r in own), sum(r.get(e, 0) for r in peer)
        if sa or sb:
            per_a, per_b = 1000 * sa / ir_a, 1000 * sb / ir_b
            print(f"| {e} | {sa:,} | {sb:,} | {sa / max(sb, 1):.2f} | {per_a:.2f} | {per_b:.2f} |")
    print(f"cycle estimate, {a} ÷ {b}: {_cycles(own) / _cycles(peer):.2f} (instructions {ir_a / ir_b:.2f})")
    if times_path is None:
        return
    found = json.loads(times_path.read_text())
    ta, tb = found["boilerstrip"][skip:], found[next(k for k in found if k != "boilerstrip")][skip:]
    print(
        f"time (least of the passes), summed: {sum(ta) / sum(tb):.2f}; per page, median: "
        f"{statistics.median(x / y for x, y in zip(ta, tb, strict=True)):.2f}; instructions per page, "
        f"median: {statistics.median(r['Ir'] / s['Ir'] for r, s in zip(own, peer, strict=True)):.2f}"
    )
    print(f"ns per 1,000 instructions: {a} {sum(ta) * 1e9 / ir_a:.1f}, {b} {sum(tb) * 1e9 / ir_b:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="part", required=True)
    p = sub.add_parser("time")
    p.add_argument("data", type=Path)
    p.add_argument("--peer", default="resiliparse")
    p.add_argument("--stride", type=int, default=15)
    p.add_argument("--reps", type=int, default=10)
    p.add_argument("--tools", type=Path, default=TOOLS)
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("events")
    p.add_argument("own", type=Path, help="boilerstrip's callgrind out file (simulators on)")
    p.add_argument("peer", type=Path)
    p.add_argument("--times", type=Path, help="time's JSON, for the same pages")
    p.add_argument("--skip", type=int, default=0, help="pages left out at the start")
    args = parser.parse_args()
    if args.part == "time":
        best = times(args.data, args.peer, args.stride, args.reps, args.tools)
        args.out.write_text(json.dumps(best))
        for name, values in best.items():
            print(f"{name}: median {statistics.median(values):.3f} ms over {len(values)} pages")
    else:
        events(args.own, args.peer, args.times, args.skip)


if __name__ == "__main__":
    main()
