"""What each scorer contributes: F1 per set with one group of scorers switched off.

    python benchmarks/ablation.py ../shared/datasets > benchmarks/ablation.md

Each row switches off one scorer (or a family, such as every ``container_*``) without
refitting the others' weights, so a row shows what the current model loses without
that evidence. Rows are sorted by the drop of the mean over sets. ``--sample N`` runs
every row on the same N random pages (``--seed``), for a busy machine. ``--json F`` keeps
each row's figures in F as it finishes and reuses the rows F already holds, so an
interrupted run resumes where it stopped (delete F after changing the code or the data).

``--dump D`` replays each row on a block dump (``replay.py dump``) instead of a bench: the
dump holds every scorer's output per block, so a row recomputes the probabilities from the
outputs of the scorers left on, in the order ``_probability.score`` adds them (the same
sums to the bit), smooths them and replays the decision. A row then costs about a third of
a bench, and the figures are the bench's own (no page times out on a busy machine).
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench import benchmark
from boilerstrip._bench._cli import ablated
from boilerstrip._bench._report import page_record
from boilerstrip._probability import _add_weighted, _sigmoid, active_weights, smooth
from boilerstrip._score_table import ScoreTable
from replay import Dumped, dumped_sets, f1, groups, load, replayed, shards

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("link density", ("link_density", "neighbour_link_density")),
    ("text density", ("text_density", "neighbour_text_density")),
    ("stopword density", ("stopword_density",)),
    ("composite text density (CETD)", ("composite_density",)),
    ("block length", ("block_length", "short_block")),
    ("repeated sibling groups (cards, posts)", ("repeated_text", "repeated_links")),
    ("main-content region", ("main_region", "main_region_long")),
    ("position", ("page_edge",)),
    ("sentence end", ("ends_sentence",)),
    ("structure (heading, list, caption)", ("heading", "list_item", "caption")),
    ("title match", ("title_match",)),
    ("content names", ("content_name",)),
    ("chrome tags, roles and names", ("container_*",)),
    ("boilerplate phrases", ("boilerplate_phrase", "phrase_*", "chrome_agreement")),
    ("phrase boxes (scorer and hard rule)", ("phrase_box",)),
    ("metadata-line hard rule", ("metadata_line",)),
)


def rescored(page: Dumped, options: Options) -> Dumped:
    """The page with its probabilities recomputed from the dumped outputs of the scorers
    ``options`` leaves on, then smoothed: what ``score`` and ``smooth`` give with them."""
    if not page.blocks:
        return page
    bias, pairs = active_weights(options)
    names = dict(zip(page.table.names, page.table.columns))
    n = len(page.blocks)
    z = [bias] * n
    for name, weight in pairs:
        _add_weighted(z, weight, _column(names[name], n))
    probabilities = smooth(page.blocks, tuple(_sigmoid(zi) for zi in z), options)
    return page._replace(probabilities=probabilities)


def _column(column: object, n: int) -> list[float]:
    """A column of a ScoreTable as one float per block."""
    if isinstance(column, float):
        return [column] * n
    table = ScoreTable(("x",), (column,))  # type: ignore[arg-type]
    return [table.row(i)[0] for i in range(n)]


def _texts(job: tuple[Path, Options]) -> dict[str, str]:
    shard, options = job
    return {p.key: "" if p.error else layout(replayed(rescored(p, options), options)) for p in load(shard)}


def replayed_figures(dump: Path, options: Options, jobs: int) -> dict[str, float]:
    """Each set's and each wcxb type's figure, with ``options``, replayed on ``dump``."""
    sets = dumped_sets(dump)
    pages = {p.key: p for ps in sets.values() for p in ps}
    records: dict[str, dict[str, Any]] = {}
    with ProcessPoolExecutor(jobs) as pool:
        work = sorted(((s, options) for s in shards(dump)), key=lambda j: -j[0].stat().st_size)
        for texts in pool.map(_texts, work):
            records.update({k: page_record(pages[k], t, 0.0, "ok") for k, t in texts.items()})
    return {label: f1(records, ps) for _, label, ps in groups(sets)}


def figures(results: dict[str, Any]) -> dict[str, float]:
    """Word F1 of each set (trafilatura-eval: pooled snippet F1) and of each page type of a
    set that has them ("wcxb product"), unrounded, as the bench's JSON holds them."""
    ours = results["boilerstrip"]
    out = {name: s["f1"] for name, s in ours["sets"].items()}
    for name, types in (ours.get("types") or {}).items():
        out.update({f"{name} {kind}": t["f1"] for kind, t in types.items()})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=0, help="N random pages across the sets (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="per-row figures, written as rows finish and reused")
    parser.add_argument("--dump", type=Path, help="replay on this block dump (replay.py dump) instead")
    args = parser.parse_args(argv)
    runs: dict[str, dict[str, float]] = {}
    if args.json and args.json.exists():
        runs = json.loads(args.json.read_text())
    for label, patterns in (("all scorers", ()), *GROUPS):
        if label in runs:
            print(f"{label}: reused from {args.json}", file=sys.stderr)
            continue
        options = ablated(Options(), patterns)
        if args.dump:
            runs[label] = replayed_figures(args.dump, options, args.jobs)
        else:
            _, results = benchmark(
                [args.data], options=options, jobs=args.jobs, timing=False, sample=args.sample, seed=args.seed
            )
            if not results["boilerstrip"]["available"]:
                raise SystemExit(
                    f"{label}: boilerstrip did not run: {results['boilerstrip']['why_unavailable']}"
                )
            runs[label] = figures(results)
        if args.json:
            args.json.write_text(json.dumps(runs, indent=1))
        print(f"{label}: done", file=sys.stderr)
    base = runs["all scorers"]
    sets = sorted(k for k in base if " " not in k)
    types = sorted(k for k in base if " " in k)

    def mean(fig: dict[str, float]) -> float:
        return sum(fig[s] for s in sets) / len(sets)

    head = [*sets, "mean over sets", "change", *(t.split(" ", 1)[1] for t in types)]
    print("| switched off | " + " | ".join(head) + " |")
    print("|---" * (len(head) + 1) + "|")
    order = sorted(runs, key=lambda k: (k != "all scorers", mean(runs[k]) - mean(base)))
    for label in order:
        fig = runs[label]
        cells = [f"{fig[s]:.4f}" for s in sets] + [f"{mean(fig):.4f}", f"{mean(fig) - mean(base):+.4f}"]
        cells += [f"{fig[t]:.4f}" for t in types]
        print(f"| {label} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
