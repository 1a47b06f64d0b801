"""The pages a peer wins by a margin, and the pages boilerstrip wins, by set, page type and cause.

    python benchmarks/peer_wins.py /tmp/me/dump --bench /tmp/me/bench.json \\
        --peers /work/shared/tools/reference/peers-dev.json --margin 0.15

On a block dump (``replay.py dump``) and a bench JSON of the same code (``boilerstrip bench
--out`` or ``replay.py run --out``), it lists per set and wcxb page type the pages where the
best peer's page F1 (from the reference scorer's per-page records) is at least ``--margin``
above boilerstrip's, and apart those where boilerstrip's is ``--margin`` above every peer's
(what a change must not break). A snippet page's F1 is its own counts' F1. For each page of
a text truth it names the cause: the single flips that gain (``flips.page_flips``), summed
by side and label ("lost:comments": dropped comment blocks the truth keeps), and the
decision steps whose switch-off alone moves the page's F1 by more than ``--step-change``
(``decision_ablation.STEPS``, each replayed on the page). Single flips and steps are not
additive: they rank causes. ``--pages`` lists every screened page with its largest flips.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from boilerstrip import Options
from boilerstrip._bench._metrics import bag_score, words
from boilerstrip._model import Block, Label
from decision_ablation import STEPS, step_options
from flips import Flip, page_flips
from replay import Dumped, dumped_sets, load, replayed, shards

Records = Mapping[str, Mapping[str, Any]]  # "set/id" -> a bench or reference record


class Screened(NamedTuple):
    """One page where one side wins by the margin."""

    key: str  # "set/id"
    group: str  # the set, or "wcxb <type>"
    ours: float  # boilerstrip's page F1
    peer: float  # the best peer's page F1
    best: str  # the best peer's name


class Cause(NamedTuple):
    """What one screened page's flips and steps say."""

    flips: dict[str, float]  # "lost:<label>" or "leaked:<label>" -> summed gain
    steps: dict[str, float]  # step label -> the page's F1 change with the step switched off
    largest: list[Flip]  # the page's largest gaining flips


def page_f1(record: Mapping[str, Any] | None) -> float:
    """A record's page F1: its ``f1``, or the F1 of its snippet ``counts`` [tp, fp, fn, tn];
    0 for a missing record (the scorer counts a failed page as empty output)."""
    if not record:
        return 0.0
    if "f1" in record:
        return float(record["f1"] or 0.0)
    tp, fp, fn = record["counts"][:3]
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def screen(
    ours: Records, peers: Mapping[str, Records], groups: Mapping[str, str], margin: float
) -> tuple[list[Screened], list[Screened]]:
    """(pages the best peer wins by at least ``margin``, pages boilerstrip wins by at least
    ``margin`` over every peer), in key order. ``groups`` maps a page key to its group."""
    peer_wins: list[Screened] = []
    our_wins: list[Screened] = []
    for key in sorted(ours):
        f1 = page_f1(ours[key])
        best_f1, best = max((page_f1(records.get(key)), name) for name, records in sorted(peers.items()))
        row = Screened(key, groups.get(key, key.split("/", 1)[0]), f1, best_f1, best)
        if best_f1 - f1 >= margin:
            peer_wins.append(row)
        elif f1 - best_f1 >= margin:
            our_wins.append(row)
    return peer_wins, our_wins


def _kept_bag(blocks: Sequence[Block]) -> Any:
    bag = words("")
    for b in blocks:
        if b.label is Label.CONTENT:
            bag.update(words(b.text))
    return bag


def cause(dumped: Dumped, truth: str, step_change: float, top: int = 3) -> Cause:
    """The flips and the decision steps behind one page's F1 (default Options)."""
    blocks = replayed(dumped, Options())
    true_words = words(truth)
    before = bag_score(_kept_bag(blocks), true_words).f1
    sums: defaultdict[str, float] = defaultdict(float)
    gaining = [f for f in page_flips(dumped.key, blocks, truth, dumped.declared) if f.gain > 0]
    for f in gaining:
        sums[f"{'leaked' if f.kept else 'lost'}:{f.causes['label']}"] += f.gain
    steps = {}
    for label, settings, rules in STEPS:
        after = bag_score(_kept_bag(replayed(dumped, step_options(settings, rules))), true_words).f1
        if abs(after - before) > step_change:
            steps[label] = after - before
    return Cause(dict(sums), steps, sorted(gaining, key=lambda f: -f.gain)[:top])


def causes(folder: Path, keys: set[str], step_change: float) -> Iterator[tuple[str, Cause]]:
    """The cause of each dumped page of ``keys`` that has a text truth."""
    pages = {p.key: p for ps in dumped_sets(folder).values() for p in ps}
    for shard in shards(folder):
        for dumped in load(shard):
            truth = pages[dumped.key].truth
            if dumped.key in keys and not dumped.error and truth is not None:
                yield dumped.key, cause(dumped, truth, step_change)


def _ranked(sums: Mapping[str, float], pages: Mapping[str, int], top: int) -> str:
    names = sorted(sums, key=lambda n: -sums[n])[:top]
    return ", ".join(f"{n} {sums[n]:.2f} ({pages[n]})" for n in names) or "–"


def _group_row(group: str, members: Sequence[Screened], found: Mapping[str, Cause]) -> str:
    flip_sums: defaultdict[str, float] = defaultdict(float)
    flip_pages: defaultdict[str, int] = defaultdict(int)
    step_sums: defaultdict[str, float] = defaultdict(float)
    step_pages: defaultdict[str, int] = defaultdict(int)
    for r in members:
        c = found.get(r.key)
        if c is None:
            continue
        for name, gain in c.flips.items():
            flip_sums[name] += gain
            flip_pages[name] += 1
        for name, change in c.steps.items():
            if change > 0:
                step_sums[name] += change
                step_pages[name] += 1
    gap = sum(abs(r.peer - r.ours) for r in members)
    flips_ = _ranked(flip_sums, flip_pages, 5)
    return f"| {group} | {len(members)} | {gap:.2f} | {flips_} | {_ranked(step_sums, step_pages, 4)} |"


def _page_lines(r: Screened, c: Cause | None) -> Iterator[str]:
    steps = ", ".join(f"{n} {d:+.3f}" for n, d in c.steps.items()) if c else ""
    yield f"- {r.key} ({r.group}): ours {r.ours:.3f}, {r.best} {r.peer:.3f}; steps: {steps or '–'}"
    for f in c.largest if c else ():
        side = "leaked" if f.kept else "lost"
        yield f"  - {side} {f.causes['label']} {f.causes['role']} block {f.block}: {f.gain:+.3f}"


def report(rows: Sequence[Screened], found: Mapping[str, Cause], title: str, pages: bool) -> str:
    """Per group: pages, the F1 gap summed, and the causes summed over its pages; with
    ``pages``, each page and its largest flips."""
    lines = [
        f"## {title}\n",
        "| group | pages | gap (page points) | flips that gain (page points, pages) "
        "| steps whose switch-off gains (page points, pages) |",
        "|---|---|---|---|---|",
    ]
    by_group: defaultdict[str, list[Screened]] = defaultdict(list)
    for row in rows:
        by_group[row.group].append(row)
    lines += [_group_row(group, by_group[group], found) for group in sorted(by_group)]
    if pages:
        lines.append("")
        for r in rows:
            lines += _page_lines(r, found.get(r.key))
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dump", type=Path, help="a folder written by replay.py dump")
    parser.add_argument("--bench", type=Path, required=True, help="a bench JSON of the dump's code")
    parser.add_argument("--peers", type=Path, required=True, help="the reference scorer's per-page JSON")
    parser.add_argument("--margin", type=float, default=0.15)
    parser.add_argument("--step-change", type=float, default=0.01)
    parser.add_argument("--pages", action="store_true", help="list every screened page")
    args = parser.parse_args(argv)
    ours = json.loads(args.bench.read_text("utf-8"))["extractors"]["boilerstrip"]["pages"]
    peers = json.loads(args.peers.read_text("utf-8"))["per_page"]
    groups = {
        p.key: f"{p.set} {p.page_type}" if p.page_type else p.set
        for ps in dumped_sets(args.dump).values()
        for p in ps
    }
    peer_wins, our_wins = screen(ours, peers, groups, args.margin)
    keys = {r.key for r in (*peer_wins, *our_wins)}
    found = dict(causes(args.dump, keys, args.step_change))
    print(report(peer_wins, found, f"a peer ahead by {args.margin} or more", args.pages))
    ahead = f"boilerstrip ahead of every peer by {args.margin} or more"
    print(report(our_wins, found, ahead, args.pages), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
