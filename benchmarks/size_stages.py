"""Issue 5's size curve by stage: CPU ms and minor page faults a MB of each stage of
``extract()`` on speed.py's 1, 5, 25 and 50 MB pages (``speed.big_page``), each size in a
fresh process, as ``speed.py --parts size`` runs them.

    python benchmarks/size_stages.py --src /tmp/b/pkg --out /tmp/stages.json   # a build
    python benchmarks/size_stages.py --src src --sizes 1 5 --repeat 3 --out /tmp/s.json
    # instructions: one size in one process under callgrind, the stages counted alone
    PYTHONHASHSEED=0 PYTHONPATH=/tmp/b/pkg valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect=dropwhile_next --callgrind-out-file=/tmp/cg-25.out \\
        python benchmarks/size_stages.py --child 25
    python benchmarks/mypyc_profile.py stages /tmp/cg-25.out

The child runs ``extract()``'s stages one by one, as ``_pipeline.run`` and ``measure``
call them on a page given as text with every input limit lifted, with the frees that
``extract()`` makes between stages timed as stages of their own (``free ...``): a stage's
time is the process's CPU time (``time.process_time``) around it, its faults getrusage's
``ru_minflt``. The result is checked to be ``extract()``'s. ``--repeat`` runs each size in
that many processes, in turn, and keeps the least time of each stage. Timings are only
comparable within a run on this shared machine: read ms a MB across sizes, and the ratio of
the 50 MB page's to the 1 MB page's.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.util
import itertools
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


class _Clock:
    """CPU seconds and minor faults of each stage, in the order they ran."""

    def __init__(self) -> None:
        self.rows: dict[str, list[float]] = {}

    def run(self, name: str, fn: Callable[[], Any]) -> Any:
        faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
        collections = [g["collections"] for g in gc.get_stats()]
        started = time.process_time()
        out = fn()
        spent = time.process_time() - started
        row = self.rows.setdefault(name, [0.0, 0.0, 0.0, 0.0, 0.0])
        row[0] += spent
        row[1] += resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
        for index, g in enumerate(gc.get_stats()):
            row[2 + index] += g["collections"] - collections[index]
        return out


def _chain() -> Any:
    """The module that names this version's stages: _pipeline, or older code's _extract."""
    found = importlib.util.find_spec("boilerstrip._pipeline") is not None
    return importlib.import_module("boilerstrip._pipeline" if found else "boilerstrip._extract")


def stages(html: str, options: Any, clock: _Clock) -> Any:
    """``extract(html, options=options)``, stage by stage (the text path, no deadline)."""
    # Any: the stages as this version's chain names them, whichever build runs
    x: Any = _chain()
    from boilerstrip import _release

    # extract()'s pause of the cyclic collector, where this version has it
    pause = getattr(_release, "pause_collector", None)
    paused = pause(len(html), options.pause_collector_min_chars) if pause is not None else False
    blocks, info, language, declared, metadata, truncated = _measure(html, options, clock)
    scores = clock.run("score", lambda: x.score(blocks, options))
    probabilities = clock.run("smooth", lambda: x.smooth(blocks, scores.probabilities, options))
    address = metadata.canonical_url.value or ""
    labels = clock.run(
        "decide", lambda: x.decide(blocks, probabilities, options, declared=declared, address=address)
    )
    owned: Any = list(blocks)
    blocks = None
    labelled = clock.run("relabel", lambda: x.relabel(owned, labels, probabilities, scores.table))
    held = [owned, labels, scores, probabilities]
    owned = labels = scores = probabilities = None
    clock.run("free the scores", held.clear)
    labelled = x.with_description(labelled, declared, metadata, options)
    full = clock.run("complete", lambda: x.complete(metadata, labelled, None))
    result = clock.run(
        "assemble",
        lambda: x.assemble(labelled, info.title, None, language, truncated=truncated, metadata=full),
    )
    held, labelled = [labelled], None
    clock.run("free the labelled blocks", held.clear)
    if options.release_after_chars is not None and len(html) >= options.release_after_chars:
        clock.run("release (malloc_trim)", lambda: _release.release_if_held(options.release_min_free_top))
    clock.run("resume the collector, and its next collection", lambda: _resumed(paused))
    return result


def _measure(html: str, options: Any, clock: _Clock) -> tuple[Any, ...]:
    """The limits scan, then ``_pipeline.measure``'s stages; each stage's input freed (and
    timed) where extract() frees it."""
    # Any: the stages as this version's chain names them, whichever build runs
    x: Any = _chain()
    from boilerstrip._head_marks import HeadMarks

    bodies: list[int] = []
    given, truncated = clock.run("limits scan", lambda: x.prepare_input(html, None, options, bodies=bodies))
    page = clock.run(
        "without_bodies", lambda: x.without_bodies(given, bodies, options.drop_raw_text_min_chars)
    )
    given = None
    apart = options.parse_apart_min_chars is not None and len(page) >= options.parse_apart_min_chars
    tree = clock.run("parse", lambda: x.parse(page, apart=apart))
    page = None
    tree.raw_html = b""

    def head() -> Any:
        marks = HeadMarks(tree)
        info = x.page_info(tree, marks)
        ld_texts = x.json_ld_texts(tree, marks)
        ld_objects = x.json_ld_objects(ld_texts)
        metadata = x.read_page(tree, ld_objects, marks)
        declared = x.page_type(x.declared_type(tree, ld_texts, marks), "", options, tree, marks)
        return info, ld_objects, metadata, declared

    info, ld_objects, metadata, declared = clock.run("head (page_info, metadata, type)", head)
    root = x.body_of(tree)
    walk = {
        "panels": options.reveal_panels,
        "pack": options.packed_texts_min_blocks,
        "unseen": options.skip_screen_reader_text,
        "deadline": None,
    }
    traversal = clock.run("traverse", lambda: x._traverse(root, **walk))
    if traversal.withheld and x._hides_its_text(traversal, declared, ld_objects, options):
        traversal = clock.run("traverse", lambda: x._traverse(root, reveal=True, **walk))
    held = [tree, root]
    tree = root = None
    clock.run("free the tree", held.clear)
    segmented = clock.run("finish", lambda: x.finish(traversal))
    held, traversal = [traversal], None
    clock.run("free the traversal", held.clear)
    columns, language = clock.run(
        "feature_columns",
        lambda: x.feature_columns(segmented, info.title, info.language, options, declared_type=declared),
    )
    paths = clock.run("locators", lambda: x.locators(segmented))
    # (the block columns of newer code, the RawBlocks of older)
    raw_blocks = segmented.columns if hasattr(segmented, "columns") else segmented.blocks
    held, segmented = [segmented], None
    clock.run("free the elements", held.clear)
    features = clock.run("features_of", lambda: x.features_of(columns, options))
    held, columns = [columns], None
    clock.run("free the columns", held.clear)
    blocks = clock.run("blocks_of", lambda: x.blocks_of(raw_blocks, paths, features))
    return blocks, info, language, declared, metadata, truncated


def _resumed(paused: bool) -> None:
    """extract()'s resume of the collector where it paused it (with its young collection),
    and the collection the next allocations start (the objects made while it was off)."""
    from boilerstrip import _release

    resume = getattr(_release, "resume_collector", None)
    if resume is not None:
        resume(paused)
    _ = [[] for _ in range(1_000)]


def child(megabytes: float) -> dict[str, Any]:
    import boilerstrip
    from speed import big_page, unlimited_options

    options = unlimited_options()
    given = json.loads(os.environ.get("SIZE_STAGES_SET", "{}"))  # --set
    options = options.replace(**given) if given else options
    boilerstrip.extract(big_page(0.01), options=options)  # warm-up: lazy tables
    stages(big_page(0.01), options, _Clock())
    html = big_page(megabytes)
    gc.collect()
    if os.environ.get("SIZE_STAGES_GC") == "off":  # (--gc-off) the cyclic collector's share
        gc.disable()
    clock = _Clock()
    found: list[Any] = []

    def counted(_: object) -> bool:  # callgrind's --toggle-collect=dropwhile_next counts this alone
        found.append(stages(html, options, clock))
        return False

    list(itertools.dropwhile(counted, [0]))
    result = found[0]
    # (checked on the 1 MB page only: a second extraction of a big page costs its memory again)
    if megabytes <= 1 and result != boilerstrip.extract(html, options=options):
        raise SystemExit("the stages' result is not extract()'s")
    return {
        "mb": megabytes,
        "input_mb": len(html.encode()) / 2**20,
        "blocks": len(result.blocks),
        "stages": clock.rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--src", type=Path, help="PYTHONPATH of the boilerstrip to run (default: as installed)"
    )
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 25, 50])
    parser.add_argument(
        "--repeat", type=int, default=1, help="processes a size; the least time of each stage"
    )
    parser.add_argument("--out", type=Path, help="JSON results (and a Markdown table beside it)")
    parser.add_argument(
        "--gc-off", action="store_true", help="gc.disable() around the page: the collector's share"
    )
    parser.add_argument(
        "--set", action="append", default=[], metavar="FIELD=VALUE", help="an Options field (JSON value)"
    )
    parser.add_argument("--child", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(child(args.child)))
        return 0
    env = dict(os.environ)
    if args.src is not None:
        env["PYTHONPATH"] = str(args.src.resolve())
    if args.gc_off:
        env["SIZE_STAGES_GC"] = "off"
    fields = dict(item.split("=", 1) for item in args.set)
    env["SIZE_STAGES_SET"] = json.dumps({name: json.loads(value) for name, value in fields.items()})
    runs: dict[float, list[dict[str, Any]]] = {size: [] for size in args.sizes}
    for _ in range(args.repeat):
        for size in args.sizes:
            command = [sys.executable, __file__, "--child", str(size)]
            out = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
            runs[size].append(json.loads(out.stdout.strip().splitlines()[-1]))
    table = markdown(runs)
    print(table)
    if args.out is not None:
        args.out.write_text(
            json.dumps(
                {
                    "src": str(args.src),
                    "created": time.strftime("%Y-%m-%d %H:%M"),
                    "runs": {str(k): v for k, v in runs.items()},
                },
                indent=1,
            )
        )
        args.out.with_suffix(".md").write_text(table)
    return 0


def markdown(runs: dict[float, list[dict[str, Any]]]) -> str:
    """A row a stage: CPU ms a MB (the least of the runs), minor faults a MB and the
    collector's full collections (its first run) at each size; then the sums, and the ratio
    of the largest page's ms a MB to the smallest's (1.00: linear)."""
    sizes = list(runs)
    names = list(dict.fromkeys(name for size in sizes for run in runs[size] for name in run["stages"]))

    def best(size: float, name: str, index: int) -> float:
        return float(min(run["stages"].get(name, [0.0] * 5)[index] for run in runs[size]))

    mb = {size: runs[size][0]["input_mb"] for size in sizes}
    head = " | ".join(f"{size:g} MB" for size in sizes)
    lines = [
        f"| stage | CPU ms a MB: {head} | minor faults a MB: {head} | full collections: {head} |",
        "|---|" + "---|" * 3 * len(sizes),
    ]
    totals = {size: [0.0, 0.0, 0.0] for size in sizes}
    for name in names:
        row = [
            [1000 * best(size, name, 0) / mb[size], best(size, name, 1) / mb[size], best(size, name, 4)]
            for size in sizes
        ]
        for size, values in zip(sizes, row):
            totals[size] = [a + b for a, b in zip(totals[size], values)]
        lines.append(f"| {name} | " + _cells(row) + " |")
    lines.append("| **sum** | " + _cells([totals[s] for s in sizes]) + " |")
    ratio = totals[sizes[-1]][0] / totals[sizes[0]][0]
    return "\n".join(lines) + f"\n\nms a MB at {sizes[-1]:g} MB / at {sizes[0]:g} MB: {ratio:.2f}\n"


def _cells(row: list[list[float]]) -> str:
    return " | ".join(
        [f"{v[0]:.1f}" for v in row] + [f"{v[1]:,.0f}" for v in row] + [f"{v[2]:.0f}" for v in row]
    )


if __name__ == "__main__":
    sys.exit(main())
