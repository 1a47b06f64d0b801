"""What each scorer contributes: F1 per set with one group of scorers switched off.

    python benchmarks/ablation.py ../shared/datasets > benchmarks/ablation.md

Each row switches off one scorer (or a family, such as every ``container_*``) without
refitting the others' weights, so a row shows what the current model loses without
that evidence. Rows are sorted by the drop of the mean over sets. ``--sample N`` runs
every row on the same N random pages (``--seed``), for a busy machine.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from boilerstrip import Options
from boilerstrip._bench import benchmark
from boilerstrip._bench._cli import ablated
from boilerstrip._bench._gate import set_figures

GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("link density", ("link_density", "neighbour_link_density")),
    ("text density", ("text_density", "neighbour_text_density")),
    ("stopword density", ("stopword_density",)),
    ("composite text density (CETD)", ("composite_density",)),
    ("block length", ("block_length", "short_block")),
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=0, help="N random pages across the sets (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    runs = {}
    for label, patterns in (("all scorers", ()), *GROUPS):
        options = ablated(Options(), patterns)
        _, results = benchmark(
            [args.data], options=options, jobs=args.jobs, timing=False, sample=args.sample, seed=args.seed
        )
        if not results["boilerstrip"]["available"]:
            raise SystemExit(f"{label}: boilerstrip did not run: {results['boilerstrip']['why_unavailable']}")
        runs[label] = set_figures(results)
        print(f"{label}: done", file=sys.stderr)
    sets = sorted(runs["all scorers"])
    base = runs["all scorers"]

    def mean(figures: dict[str, float]) -> float:
        return sum(figures.values()) / len(figures)

    print("| switched off | " + " | ".join(sets) + " | mean over sets | change |")
    print("|---" * (len(sets) + 3) + "|")
    order = sorted(runs, key=lambda k: (k != "all scorers", mean(runs[k]) - mean(base)))
    for label in order:
        figures = runs[label]
        cells = " | ".join(f"{figures[s]:.3f}" for s in sets)
        print(f"| {label} | {cells} | {mean(figures):.3f} | {mean(figures) - mean(base):+.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
