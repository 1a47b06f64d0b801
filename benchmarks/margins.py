"""How far a set's figures can move on other pages of the same source: a bootstrap over pages.

boilerstrip is judged on held-out pages of the same sources as the development sets. A set's
mean page F1 is a sample mean, and a target met by a small margin may not hold on another
sample. This tool reads a bench run's per-page records (``boilerstrip bench ... --out F``)
and the peers' per-page records (score.py's ``--compare`` file), and gives, per set and per
page type, boilerstrip's mean with a 95% interval and the chance that it falls under a target,
and its paired margin over the best peer on the same pages with the chance that the margin
is below zero (pages resampled with replacement, ``--rounds`` times, seeded):

    boilerstrip bench ../shared/datasets/wcxb --no-timing --out /tmp/wcxb.json
    python benchmarks/margins.py /tmp/wcxb.json ../shared/tools/reference/peers-dev.json \\
        --types ../shared/datasets/wcxb/types.json --target 0.88

The interval says what pages like these would give, not what the held-out pages will: a
source's test pages may differ from its development pages more than two samples of one do.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
from collections import defaultdict
from pathlib import Path
from typing import NamedTuple


class Margin(NamedTuple):
    group: str
    pages: int
    mean: float
    low: float  # 2.5th percentile of the resampled means
    high: float  # 97.5th
    under_target: float  # share of resampled means under the target
    peer: str  # the best peer on these pages
    margin: float  # boilerstrip's mean minus the peer's
    margin_below_zero: float  # share of resampled paired margins below zero


def margins(
    own: dict[str, float],
    peers: dict[str, dict[str, float]],
    groups: dict[str, list[str]],
    *,
    target: float,
    rounds: int,
    seed: int,
) -> list[Margin]:
    """Per group of page keys: the bootstrap of ``own``'s mean and of its margin over the
    peer with the best mean on every page of the group."""
    rng = random.Random(seed)
    out = []
    for group, keys in groups.items():
        f1 = [own[k] for k in keys]
        best = max(
            (p for p, pages in peers.items() if all(k in pages for k in keys)),
            key=lambda p: statistics.mean(peers[p][k] for k in keys),
        )
        diffs = [own[k] - peers[best][k] for k in keys]
        means, margin_means = [], []
        n = len(keys)
        for _ in range(rounds):
            picked = [rng.randrange(n) for _ in keys]
            means.append(sum(f1[i] for i in picked) / n)
            margin_means.append(sum(diffs[i] for i in picked) / n)
        means.sort()
        out.append(
            Margin(
                group,
                len(keys),
                statistics.mean(f1),
                means[int(0.025 * rounds)],
                means[int(0.975 * rounds) - 1],
                sum(m < target for m in means) / rounds,
                best,
                statistics.mean(diffs),
                sum(m < 0 for m in margin_means) / rounds,
            )
        )
    return out


def _page_f1(records: dict[str, dict[str, object]]) -> dict[str, float]:
    return {k: float(v["f1"]) for k, v in records.items() if isinstance(v.get("f1"), (int, float))}  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("bench", type=Path, help="a `boilerstrip bench --out` file")
    parser.add_argument("peers", type=Path, help="score.py's per-page peers file (peers-dev.json)")
    parser.add_argument("--types", type=Path, help="a set's types.json: groups by page type too")
    parser.add_argument("--target", type=float, default=0.0)
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    own = _page_f1(json.loads(args.bench.read_text())["extractors"]["boilerstrip"]["pages"])
    peers = {p: _page_f1(pages) for p, pages in json.loads(args.peers.read_text())["per_page"].items()}
    groups: dict[str, list[str]] = defaultdict(list)
    types = json.loads(args.types.read_text()) if args.types else {}
    for key in sorted(own):
        source, page = key.split("/", 1)
        groups[source].append(key)
        if page in types:
            groups[f"{source}: {types[page]}"].append(key)
    found = margins(own, peers, groups, target=args.target, rounds=args.rounds, seed=args.seed)
    print(
        f"| set or type (pages) | mean | 95% interval | under {args.target} | best peer | margin"
        " | margin below 0 |\n|---|---|---|---|---|---|---|"
    )
    for m in found:
        print(
            f"| {m.group} ({m.pages}) | {m.mean:.4f} | {m.low:.4f}-{m.high:.4f} | {m.under_target:.1%}"
            f" | {m.peer} | {m.margin:+.4f} | {m.margin_below_zero:.1%} |"
        )


if __name__ == "__main__":
    main()
