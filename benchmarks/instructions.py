"""The issue's ratio command counted in instructions: boilerstrip and a peer on the same
pages, each page counted on its own, so that the ratios do not move with the machine's load.

The issue's command (``score.py --sample 300 --seed 0 --jobs 1``, timing mode) times each
page once in a fresh worker after one warm-up call, and compares the medians and p90 of
the times per page. On this shared machine the times move with the load: Python-heavy
work slows more than short C calls, and one pair of runs of the same two builds has read
4.6 and 6.5 times resiliparse's median. Instructions retired do not move so. ``run``
replays score.py's order in one process (the warm-up call on score.py's own page, then
each page once, in key order) and extracts each page inside its own call of
``itertools.dropwhile``'s ``__next__``, so that callgrind, given
``--toggle-collect=dropwhile_next --dump-after=dropwhile_next``, writes one count per page;
``ratio`` reads the counts of two or more runs and gives the issue's figures in
instructions.

    for x in boilerstrip resiliparse trafilatura; do
        PYTHONPATH=/tmp/build/pkg valgrind --tool=callgrind --collect-atstart=no \\
            --toggle-collect=dropwhile_next --dump-after=dropwhile_next \\
            --callgrind-out-file=/tmp/instr/$x.out \\
            python benchmarks/instructions.py run ../shared/datasets --extractor $x --stride 3
    done
    python benchmarks/instructions.py ratio /tmp/instr/boilerstrip.out /tmp/instr/resiliparse.out \\
        /tmp/instr/trafilatura.out

Peers are called as score.py's extractors module calls them (``--tools``, the folder of
score.py). An instruction is not a nanosecond (a cache miss costs more than a register
move, and Lexbor's C retires more per cycle than the interpreter), so these ratios
complement the timed ones rather than replace them.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).parent
TOOLS = HERE.parent.parent / "shared" / "tools"


def extractor_call(name: str, tools: Path) -> Callable[[str], object]:
    """boilerstrip (no time budget), or a peer as score.py's extractors module calls it."""
    if name == "boilerstrip":
        from boilerstrip import Options, extract

        options = Options(time_budget=None)
        return lambda html: extract(html, options=options)
    sys.path.insert(0, str(tools))
    import extractors  # type: ignore[import-not-found]  # score.py's: each peer as the command calls it

    loaded: Callable[[str], object] = extractors.REGISTRY[name]()
    return loaded


def run(data: Path, extractor: str, stride: int, tools: Path) -> None:
    sys.path.insert(0, str(HERE))
    import _pages
    import first_use

    pages = [html for _, html in _pages.sample(data, 300, 0)[::stride]]
    call = extractor_call(extractor, tools)
    call(first_use.warm_up_page(tools / "score.py"))  # as score.py's worker, before it times
    warm = "score.py's" if (tools / "score.py").is_file() else "first_use.py's own (no score.py in --tools)"
    print(f"{extractor}: {len(pages)} pages, one count each, after {warm} warm-up page", file=sys.stderr)
    for html in pages:
        # One call of dropwhile's __next__ per page: callgrind dumps one count per page.
        next(itertools.dropwhile(functools.partial(_extracted, call, html), [0]))


def _extracted(call: Callable[[str], object], html: str, _: object) -> bool:
    call(html)
    return False  # dropwhile's predicate: its one item is given back at once


def counts(path: Path) -> list[int]:
    """The counts of one ``run`` under callgrind: one per page, from the dumps callgrind
    wrote after each (``<path>.1``, ``<path>.2``, ...; the dump at exit holds nothing
    counted and is left out)."""
    parts = sorted(path.parent.glob(path.name + ".*"), key=lambda p: int(p.suffix[1:]))
    found = []
    for part in parts:
        for line in part.read_text(errors="replace").splitlines():
            if line.startswith("totals:") or line.startswith("summary:"):
                found.append(int(line.split()[1]))
                break
    return found


def _p90(values: list[int]) -> float:
    return sorted(values)[int(0.9 * len(values))]


def ratio(paths: list[Path]) -> None:
    base, *peers = [(path.name.split(".")[0], counts(path)) for path in paths]
    name, own = base
    print(f"| extractor | pages | median M | p90 M | {name} median ÷ | {name} p90 ÷ | per page, median |")
    print("|---|---|---|---|---|---|---|")
    print(f"| {name} | {len(own)} | {statistics.median(own) / 1e6:.2f} | {_p90(own) / 1e6:.2f} | | | |")
    for peer, theirs in peers:
        if len(theirs) != len(own):
            raise SystemExit(f"{peer}: {len(theirs)} counts against {name}'s {len(own)}")
        per_page = statistics.median(a / b for a, b in zip(own, theirs) if b)
        print(
            f"| {peer} | {len(theirs)} | {statistics.median(theirs) / 1e6:.2f} | {_p90(theirs) / 1e6:.2f} "
            f"| {statistics.median(own) / statistics.median(theirs):.2f} | {_p90(own) / _p90(theirs):.2f} "
            f"| {per_page:.2f} |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="part", required=True)
    p = sub.add_parser("run")
    p.add_argument("data", type=Path)
    p.add_argument("--extractor", default="boilerstrip")
    p.add_argument("--stride", type=int, default=3, help="every stride-th page of the 300")
    p.add_argument("--tools", type=Path, default=TOOLS, help="score.py's folder (its extractors module)")
    p = sub.add_parser("ratio")
    p.add_argument("outs", type=Path, nargs="+", help="boilerstrip's callgrind out file first, then peers'")
    args = parser.parse_args()
    if args.part == "run":
        run(args.data, args.extractor, args.stride, args.tools)
    else:
        ratio(args.outs)


if __name__ == "__main__":
    main()
