"""How far a set's figures can move on other pages of the same source: a bootstrap over pages.

boilerstrip is judged on held-out pages of the same sources as the development sets. A set's
mean page F1 is a sample mean, and a target met by a small margin may not hold on another
sample. This tool reads a bench run's per-page records (``boilerstrip bench ... --out F``)
and the peers' per-page records (score.py's ``--compare`` file), and gives, per set and per
page type, boilerstrip's mean with a 95% interval and the chance that it falls under a target,
and its paired margin over the best peer on the same pages with the chance that the margin
is below zero (pages resampled with replacement, ``--rounds`` times, seeded). A snippet set
(trafilatura-eval: per-page ``counts``) is figured as the scorer figures it, by its pooled
snippet F1 over the resampled pages, not by a mean; ``--set-target NAME=VALUE`` gives a set
and its types a target of their own:

    boilerstrip bench ../shared/datasets/wcxb --no-timing --out /tmp/wcxb.json
    python benchmarks/margins.py /tmp/wcxb.json ../shared/tools/reference/peers-dev.json \\
        --types ../shared/datasets/wcxb/types.json --target 0.88 --set-target trafilatura-eval=0.93

The interval says what pages like these would give, not what the held-out pages will: a
source's test pages may differ from its development pages more than two samples of one do.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

# A page's figure: its word F1 (a text set), or its snippet counts (tp, fp, fn, tn).
Value = float | tuple[int, int, int, int]


class Margin(NamedTuple):
    group: str
    pages: int
    mean: float  # the figure: a mean of page F1, or a snippet set's pooled F1
    low: float  # 2.5th percentile of the resampled means
    high: float  # 97.5th
    target: float
    under_target: float  # share of resampled means under the target
    peer: str  # the best peer on these pages
    margin: float  # boilerstrip's mean minus the peer's
    margin_below_zero: float  # share of resampled paired margins below zero


def figure(values: Sequence[Value]) -> float:
    """A sample's figure as the reference scorer gives a set's: the mean of the pages' F1, or
    for snippet counts the pooled F1, 2tp / (2tp + fp + fn)."""
    counts = [v for v in values if isinstance(v, tuple)]
    if not counts:
        return statistics.fmean(v for v in values if not isinstance(v, tuple)) if values else 0.0
    tp, fp, fn = (sum(c[i] for c in counts) for i in range(3))
    return 2 * tp / (2 * tp + fp + fn) if 2 * tp + fp + fn else 0.0


def margins(
    own: dict[str, Value],
    peers: dict[str, dict[str, Value]],
    groups: dict[str, list[str]],
    *,
    target: float,
    rounds: int,
    seed: int,
    targets: dict[str, float] | None = None,
) -> list[Margin]:
    """Per group of page keys: the bootstrap of ``own``'s figure and of its margin over the
    peer with the best figure on every page of the group. ``targets`` gives a group (a set,
    and so its types "set: type") a target other than ``target``."""
    rng = random.Random(seed)
    out = []
    for group, keys in groups.items():
        mine = [own[k] for k in keys]
        best = max(
            (p for p, pages in peers.items() if all(k in pages for k in keys)),
            key=lambda p: figure([peers[p][k] for k in keys]),
        )
        theirs = [peers[best][k] for k in keys]
        goal = (targets or {}).get(group.split(":", 1)[0], target)
        figures, margin_figures = [], []
        n = len(keys)
        for _ in range(rounds):
            picked = [rng.randrange(n) for _ in keys]
            own_figure = figure([mine[i] for i in picked])
            figures.append(own_figure)
            margin_figures.append(own_figure - figure([theirs[i] for i in picked]))
        figures.sort()
        out.append(
            Margin(
                group,
                n,
                figure(mine),
                figures[int(0.025 * rounds)],
                figures[int(0.975 * rounds) - 1],
                goal,
                sum(m < goal for m in figures) / rounds,
                best,
                figure(mine) - figure(theirs),
                sum(m < 0 for m in margin_figures) / rounds,
            )
        )
    return out


def _page_values(records: dict[str, dict[str, object]]) -> dict[str, Value]:
    """Each page's F1, or its snippet counts; a page with neither (failed) is left out."""
    out: dict[str, Value] = {}
    for key, record in records.items():
        f1, counts = record.get("f1"), record.get("counts")
        if isinstance(f1, (int, float)):
            out[key] = float(f1)
        elif isinstance(counts, list) and len(counts) == 4:
            out[key] = (int(counts[0]), int(counts[1]), int(counts[2]), int(counts[3]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bench", type=Path, help="a `boilerstrip bench --out` file")
    parser.add_argument("peers", type=Path, help="score.py's per-page peers file (peers-dev.json)")
    parser.add_argument("--types", type=Path, help="a set's types.json: groups by page type too")
    parser.add_argument("--target", type=float, default=0.0)
    parser.add_argument(
        "--set-target", action="append", default=[], metavar="SET=VALUE", help="a set's own target"
    )
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    targets = {name: float(value) for name, value in (t.split("=", 1) for t in args.set_target)}
    own = _page_values(json.loads(args.bench.read_text())["extractors"]["boilerstrip"]["pages"])
    peers = {p: _page_values(pages) for p, pages in json.loads(args.peers.read_text())["per_page"].items()}
    groups: dict[str, list[str]] = defaultdict(list)
    types = json.loads(args.types.read_text()) if args.types else {}
    for key in sorted(own):
        source, page = key.split("/", 1)
        groups[source].append(key)
        if page in types:
            groups[f"{source}: {types[page]}"].append(key)
    found = margins(
        own, peers, groups, target=args.target, rounds=args.rounds, seed=args.seed, targets=targets
    )
    print(
        "| set or type (pages) | figure | 95% interval | under its target | best peer | margin"
        " | margin below 0 |\n|---|---|---|---|---|---|---|"
    )
    for m in found:
        print(
            f"| {m.group} ({m.pages}) | {m.mean:.4f} | {m.low:.4f}-{m.high:.4f}"
            f" | {m.target:g}: {m.under_target:.1%} | {m.peer} | {m.margin:+.4f}"
            f" | {m.margin_below_zero:.1%} |"
        )


if __name__ == "__main__":
    main()
