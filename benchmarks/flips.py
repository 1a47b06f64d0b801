"""Where a set or page type loses page points, by cause: each block's label flipped alone.

    python benchmarks/flips.py /tmp/me/dump --groups "wcxb product,wcxb collection"

On a dump written by ``replay.py dump``, every page of the chosen sets or page types is
replayed with the current code and default Options (``replay.replayed``); then each block
with words is flipped alone (a kept block dropped, a dropped block kept) and the page's
word F1 is scored again on bags of words, as the bench counts them (a page's text is its
kept blocks' text: ``layout`` adds no words). A flip that raises the page's F1 marks a
leaked block (kept, not in the truth) or a lost one (dropped, in the truth); its gain,
in page-F1 points (a set's figure times its pages), is summed by cause: the block's role,
its label, inside or outside the main region, its place against the page's one ``<h1>``
and the kept span, its container name, whether it sits in a repeated sibling group, its
phrase kind, the page's declared type, its probability. Single flips are not additive:
the sums rank causes, they do not add up to what a rule would gain.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from boilerstrip import Options
from boilerstrip._bench._metrics import bag_score, words
from boilerstrip._bench._sets import Page
from boilerstrip._model import Block, Label, Role
from replay import chosen_groups, dumped_sets, load, replayed, shards


class Flip(NamedTuple):
    """One block whose flip changes its page's F1."""

    key: str  # "set/id"
    block: int  # the block's index among the replayed blocks
    kept: bool  # the block is kept (the flip drops it)
    gain: float  # the page's F1 after the flip minus before
    causes: dict[str, str]  # cause -> value (see CAUSES)


def _place(i: int, titles: list[int], first: int, last: int) -> tuple[str, str]:
    if not titles:
        h1 = "no h1"
    else:
        h1 = "several h1" if len(titles) > 1 else "before h1" if i < titles[0] else "h1 or after"
    span = "before kept span" if i < first else "after kept span" if i > last else "inside kept span"
    return h1, span


def causes_of(
    block: Block, i: int, *, titles: list[int], first: int, last: int, declared: str
) -> dict[str, str]:
    """The causes a flip of ``block`` is counted under."""
    f = block.features
    h1, span = _place(i, titles, first, last)
    return {
        "role": block.role.value,
        "label": block.label.value,
        "region": "main region" if f.in_main_region else "outside main region",
        "h1": h1,
        "span": span,
        "container": f.container or "no name",
        "repeated": "repeated group" if f.repeat_chars else "single",
        "phrase": f.phrase or f.phrase_container or "no phrase",
        "declared": declared or "undeclared",
        "probability": f"{min(int(block.score * 10), 9) / 10:.1f}",
    }


CAUSES = (
    "role",
    "label",
    "region",
    "h1",
    "span",
    "container",
    "repeated",
    "phrase",
    "declared",
    "probability",
)


def page_flips(key: str, blocks: Sequence[Block], truth: str, declared: str) -> Iterator[Flip]:
    """The flips of one page's labelled blocks that change its F1 against ``truth``."""
    true_words = words(truth)
    bags = [words(b.text) for b in blocks]
    got: Counter[str] = Counter()
    for b, bag in zip(blocks, bags):
        if b.label is Label.CONTENT:
            got.update(bag)
    before = bag_score(got, true_words).f1
    titles = [i for i, b in enumerate(blocks) if b.role is Role.HEADING and b.heading_level == 1]
    kept = [i for i, b in enumerate(blocks) if b.label is Label.CONTENT]
    first, last = (kept[0], kept[-1]) if kept else (len(blocks), -1)
    for i, (b, bag) in enumerate(zip(blocks, bags)):
        if not bag:
            continue
        flipped = (got - bag) if b.label is Label.CONTENT else (got + bag)
        gain = bag_score(flipped, true_words).f1 - before
        if abs(gain) > 1e-12:
            causes = causes_of(b, i, titles=titles, first=first, last=last, declared=declared)
            yield Flip(key, i, b.label is Label.CONTENT, gain, causes)


def flips(folder: Path, chosen: Callable[[Page], bool], options: Options | None = None) -> Iterator[Flip]:
    """The flips of every dumped page that ``chosen`` accepts (text truths only)."""
    options = options or Options()
    pages = {p.key: p for ps in dumped_sets(folder).values() for p in ps}
    for shard in shards(folder):
        for dumped in load(shard):
            page = pages[dumped.key]
            if dumped.error or page.truth is None or not chosen(page):
                continue
            yield from page_flips(dumped.key, replayed(dumped, options), page.truth, dumped.declared)


def summary(found: Sequence[Flip], top: int = 8) -> str:
    """Per side (leaked, lost) and cause: the page points that gaining flips sum to, and on how
    many pages, the largest first."""
    lines = []
    sides = (
        (True, "leaked (kept blocks whose drop gains)"),
        (False, "lost (dropped blocks whose keep gains)"),
    )
    for kept, side in sides:
        gaining = [f for f in found if f.kept == kept and f.gain > 0]
        total = sum(f.gain for f in gaining)
        lines.append(f"{side}: {total:.2f} points on {len({f.key for f in gaining})} pages")
        for cause in CAUSES:
            points: defaultdict[str, float] = defaultdict(float)
            pages: defaultdict[str, set[str]] = defaultdict(set)
            for f in gaining:
                points[f.causes[cause]] += f.gain
                pages[f.causes[cause]].add(f.key)
            ranked = sorted(points, key=lambda v: -points[v])[:top]
            cells = ", ".join(f"{v} {points[v]:.2f} ({len(pages[v])})" for v in ranked)
            lines.append(f"  {cause}: {cells}")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dump", type=Path)
    parser.add_argument(
        "--groups", required=True, help='sets or "set type" groups, comma-separated: "wcxb product,dragnet"'
    )
    parser.add_argument("--top", type=int, default=8, help="values listed per cause")
    args = parser.parse_args(argv)
    wanted, members, missing = chosen_groups(args.dump, args.groups)
    if missing:
        print(f"flips: no such set or type: {', '.join(missing)}", file=sys.stderr)
        return 2
    keys = set().union(*members.values())
    found = list(flips(args.dump, lambda p: p.key in keys))
    for label in wanted:
        print(f"## {label} ({len(members[label])} pages)\n")
        print(summary([f for f in found if f.key in members[label]], args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
