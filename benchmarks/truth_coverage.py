"""Which pages lose words no label can win back: the share of the truth that any block holds.

    python benchmarks/replay.py dump /work/shared/datasets /tmp/me/dump --jobs 1
    python benchmarks/truth_coverage.py /tmp/me/dump --below 0.9 --top 40

On a dump written by ``replay.py dump``, each page's *coverage* is the share of its truth's
words (a bag, as the bench counts them) found in the text of all its blocks, kept or dropped.
Recall lost on a page with full coverage is a question of labels; recall lost under low
coverage is text the segment walk never read: hidden until a script shows it, inside an
element the walk skips, only in a script's data, or swallowed by a parse the browser does
not make. It prints, per set and page type, the pages under ``--below`` and the truth words
they miss, then the ``--top`` pages of least coverage, for a look at where their text sits.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from boilerstrip._bench._metrics import words
from replay import dumped_sets, load, shards


class Covered(NamedTuple):
    """One page's coverage."""

    key: str  # "set/id"
    group: str  # "set" or "set type"
    coverage: float  # share of the truth's words that some block holds
    missed: int  # truth words no block holds


def coverage(truth: Counter[str], texts: Iterable[str]) -> tuple[float, int]:
    """The share of the bag ``truth`` held by the words of ``texts`` together (each word
    counted as often as both hold it), and the truth words left over."""
    held: Counter[str] = Counter()
    for text in texts:
        held.update(words(text))
    total = sum(truth.values())
    if not total:
        return 1.0, 0
    common = sum((truth & held).values())
    return common / total, total - common


def covered_pages(folder: Path) -> list[Covered]:
    """The coverage of every dumped page with a text truth, least first."""
    pages = {p.key: p for ps in dumped_sets(folder).values() for p in ps}
    found = []
    for shard in shards(folder):
        for dumped in load(shard):
            page = pages[dumped.key]
            if dumped.error or page.truth is None:
                continue
            share, missed = coverage(words(page.truth), (b.text for b in dumped.blocks))
            group = dumped.key.split("/", 1)[0] + (f" {page.page_type}" if page.page_type else "")
            found.append(Covered(dumped.key, group, share, missed))
    return sorted(found, key=lambda c: (c.coverage, c.key))


def report(found: Sequence[Covered], below: float, top: int) -> str:
    """A Markdown table by group of the pages under ``below``, then the ``top`` least covered."""
    pages: defaultdict[str, list[Covered]] = defaultdict(list)
    for c in found:
        pages[c.group].append(c)
    lines = [
        f"| set / type (pages) | pages under {below} | truth words they miss | mean coverage |",
        "|---|---|---|---|",
    ]
    for group in sorted(pages):
        under = [c for c in pages[group] if c.coverage < below]
        mean = sum(c.coverage for c in pages[group]) / len(pages[group])
        lines.append(
            f"| {group} ({len(pages[group])}) | {len(under)} | {sum(c.missed for c in under)} | {mean:.4f} |"
        )
    lines.append(f"\nThe {min(top, len(found))} pages of least coverage:\n")
    lines += [f"- {c.key} ({c.group}): {c.coverage:.3f}, {c.missed} words missed" for c in found[:top]]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dump", type=Path, help="a folder written by replay.py dump")
    parser.add_argument("--below", type=float, default=0.9, help="a page under this coverage is counted")
    parser.add_argument("--top", type=int, default=40, help="list this many pages of least coverage")
    args = parser.parse_args(argv)
    print(report(covered_pages(args.dump), args.below, args.top), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
