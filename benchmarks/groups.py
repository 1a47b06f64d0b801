"""Card groups of a set or page type, one row each: page and group evidence, and what keeping them gains.

    python benchmarks/groups.py /tmp/me/dump --groups "wcxb listing,wcxb collection" --out /tmp/me/groups.tsv

On a dump written by ``replay.py dump``, every page of the chosen sets or page types is
replayed with the current code and default Options (``replay.replayed``). Each card group
(the cards of one parent, as ``_card_slots.card_members`` finds them; 3+ cards) is one row:
its cards, words, share of the page's words, kept share, mean probability (weighted by
words + 1), link density, whether the page's first kept ``<h1>`` (else its first) comes
before the group, the longest kept prose paragraph outside it (link density under 0.3), the
page's declared type; and the page-F1 change of keeping the group's dropped blocks of weak
labels (sidebar, navigation, other, metadata, promo: the labels ``_card_groups`` completes)
at probability 0, 0.1, 0.2 and 0.3 or more, scored on bags of words as the bench counts
them. Each row is one group flipped alone on its page: rows of one page are not additive.
The table (tab-separated) is for screening conjunctions of evidence on whole types and
halves; the printed summary sums the gains where they are positive and in all, per group.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from boilerstrip import Options
from boilerstrip._bench._metrics import bag_score, words
from boilerstrip._bench._sets import Page
from boilerstrip._card_slots import card_members
from boilerstrip._model import Block, Label, Role
from replay import chosen_groups, dumped_sets, half, load, replayed, shards

WEAK = frozenset({Label.SIDEBAR, Label.NAVIGATION, Label.OTHER, Label.METADATA, Label.PROMO})
FLOORS = (0.0, 0.1, 0.2, 0.3)
MIN_CARDS = 3
PROSE_MAX_LINK_DENSITY = 0.3


class GroupRow(NamedTuple):
    """One card group of one page."""

    key: str  # "set/id"
    half: str  # "even" or "odd" id
    declared: str
    first: int  # index of the group's first block
    cards: int
    words: int
    share: float  # of the page's words
    kept_share: float  # of the group's words, in kept blocks
    probability: float  # mean, weighted by words + 1
    link_density: float  # weighted by words
    h1_before: bool  # the page's first kept h1 (else its first h1) comes before the group
    prose_outside: int  # words of the longest kept prose paragraph outside the group
    gains: tuple[float, ...]  # page-F1 change, keeping its dropped weak blocks at each of FLOORS


def page_groups(
    key: str, page_half: str, blocks: Sequence[Block], truth: str, declared: str
) -> Iterator[GroupRow]:
    """The rows of one page's labelled blocks against ``truth``."""
    true_words = words(truth)
    bags = [words(b.text) for b in blocks]
    got: Counter[str] = Counter()
    for b, bag in zip(blocks, bags):
        if b.label is Label.CONTENT:
            got.update(bag)
    before = bag_score(got, true_words).f1
    total = sum(b.features.words for b in blocks)
    titles = [i for i, b in enumerate(blocks) if b.role is Role.HEADING and b.heading_level == 1]
    kept_titles = [i for i in titles if blocks[i].label is Label.CONTENT]
    title = (kept_titles or titles or [-1])[0]
    members: dict[int, list[int]] = {}
    cards: dict[int, set[int]] = {}
    for i, (group, card) in enumerate(card_members([b.locator for b in blocks])):
        if group >= 0:
            members.setdefault(group, []).append(i)
            cards.setdefault(group, set()).add(card)
    for group, inside in members.items():
        n = sum(blocks[i].features.words for i in inside)
        if len(cards[group]) < MIN_CARDS or not n:
            continue
        own = set(inside)
        prose = [
            b.features.words
            for i, b in enumerate(blocks)
            if i not in own
            and b.label is Label.CONTENT
            and b.role is Role.PARAGRAPH
            and b.features.link_density < PROSE_MAX_LINK_DENSITY
        ]
        gains = []
        for floor in FLOORS:
            added: Counter[str] = Counter()
            for i in inside:
                if blocks[i].label in WEAK and blocks[i].score >= floor:
                    added.update(bags[i])
            gains.append(bag_score(got + added, true_words).f1 - before if added else 0.0)
        weights = sum(blocks[i].features.words + 1 for i in inside)
        yield GroupRow(
            key=key,
            half=page_half,
            declared=declared,
            first=inside[0],
            cards=len(cards[group]),
            words=n,
            share=n / total,
            kept_share=sum(blocks[i].features.words for i in inside if blocks[i].label is Label.CONTENT) / n,
            probability=sum(blocks[i].score * (blocks[i].features.words + 1) for i in inside) / weights,
            link_density=sum(blocks[i].features.link_density * blocks[i].features.words for i in inside) / n,
            h1_before=0 <= title < inside[0],
            prose_outside=max(prose, default=0),
            gains=tuple(gains),
        )


def group_rows(
    folder: Path, chosen: Callable[[Page], bool], options: Options | None = None
) -> Iterator[GroupRow]:
    """The rows of every dumped page that ``chosen`` accepts (text truths only)."""
    options = options or Options()
    pages = {p.key: p for ps in dumped_sets(folder).values() for p in ps}
    for shard in shards(folder):
        for dumped in load(shard):
            page = pages[dumped.key]
            if dumped.error or page.truth is None or not chosen(page):
                continue
            blocks = replayed(dumped, options)
            yield from page_groups(dumped.key, half(page), blocks, page.truth, dumped.declared)


def summary(rows: Sequence[GroupRow]) -> str:
    """Per floor: the gains summed where positive (and on how many groups) and in all."""
    lines = [f"{len(rows)} groups on {len({r.key for r in rows})} pages"]
    for k, floor in enumerate(FLOORS):
        gaining = [r.gains[k] for r in rows if r.gains[k] > 0]
        losing = [r.gains[k] for r in rows if r.gains[k] < 0]
        lines.append(
            f"  floor {floor:.1f}: gaining {sum(gaining):.2f} points ({len(gaining)} groups), "
            f"losing {sum(losing):.2f} ({len(losing)}), all {sum(gaining) + sum(losing):+.2f}"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dump", type=Path)
    parser.add_argument(
        "--groups", required=True, help='sets or "set type" groups, comma-separated: "wcxb listing,dragnet"'
    )
    parser.add_argument("--out", type=Path, help="write the rows here, tab-separated")
    args = parser.parse_args(argv)
    wanted, members, missing = chosen_groups(args.dump, args.groups)
    if missing:
        print(f"groups: no such set or type: {', '.join(missing)}", file=sys.stderr)
        return 2
    everything = set().union(*members.values())
    found = list(group_rows(args.dump, lambda p: p.key in everything))  # one pass over the dump
    for label in wanted:
        rows = [r for r in found if r.key in members[label]]
        print(f"## {label}\n\n{summary(rows)}")
        if args.out:
            name = f"{args.out.stem}-{label.replace(' ', '-')}.tsv"
            out = args.out if len(wanted) == 1 else args.out.with_name(name)
            with out.open("w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f, delimiter="\t")
                writer.writerow([*GroupRow._fields[:-1], *(f"gain_{floor:.1f}" for floor in FLOORS)])
                writer.writerows([*r[:-1], *r.gains] for r in rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
