"""What boilerstrip and one peer each keep that the other drops, block by block, by kind.

    python benchmarks/peer_blocks.py /tmp/me/dump --sets scrapinghub,readability \\
        --peer readability-lxml --peers /work/shared/tools/reference/peers-dev.json --wins

On a block dump (``replay.py dump``), every page of the chosen sets with a text truth is
replayed with the current code (``replay.replayed``) and the peer is run on its HTML (the
bench's own loaders, ``_bench._peers``: install it with ``pip install 'boilerstrip[bench]'``).
Each block with words is then read three ways: kept by boilerstrip or not; held by the
peer's output and by the truth (its words, lower-cased, in order, found there whole, else
the share of its lines found); and its single flip's gain in page-F1 points against the
truth (``flips.page_flips``; not additive, they rank causes). The blocks one side keeps and
the other drops (held at under / at least one half) are summed by kind (the h1, other
headings, captions, list items, table rows and cells, short lines of at most 12 words,
paragraphs and the rest) and by the truth's verdict: words, the flips' gains and pages.
``--wins`` reads only the pages where the peer's page F1 (``--peers``: the reference
scorer's per-page records) is above boilerstrip's; ``--list`` prints each block whose flip
gains at least that much. The dump holds page text: so does this output.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import regex

from boilerstrip import Options
from boilerstrip._bench._peers import PEERS, canonical
from boilerstrip._model import Label, Role
from flips import page_flips
from replay import dumped_sets, load, replayed, shards

_WORD = regex.compile(r"\w+")
SHORT_WORDS = 12  # a block of at most this many words is a "short line" (bylines, credits, buttons)


class Read(NamedTuple):
    """One block, read against boilerstrip's output, the peer's and the truth."""

    key: str  # "set/id"
    kind: str
    kept: bool  # boilerstrip keeps it
    peer: float  # share held by the peer's output
    truth: float  # share held by the truth
    gain: float  # its flip's gain in page-F1 (0 when the flip loses)
    words: int
    text: str


def _spaced(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def held(text: str, pool: str) -> float:
    """1 when the block's words are found in order in ``pool`` (``_spaced``), else the
    share of its lines' characters found so."""
    whole = _spaced(text)
    if whole.strip() and whole in pool:
        return 1.0
    lines = [s for s in (_spaced(x) for x in text.split("\n")) if s.strip()]
    total = sum(len(s) for s in lines)
    return sum(len(s) for s in lines if s in pool) / total if total else 0.0


def kind_of(role: Role, level: int, n_words: int) -> str:
    if role is Role.HEADING:
        return "h1" if level == 1 else "heading"
    if role is Role.CAPTION:
        return "caption"
    if role is Role.LIST_ITEM:
        return "list item"
    if role in (Role.TABLE_ROW, Role.TABLE_CELL):
        return "table"
    if n_words <= SHORT_WORDS:
        return "short line"
    return "paragraph" if role is Role.PARAGRAPH else role.value


def read_pages(
    folder: Path, sets: set[str], run: Callable[[str], str], keys: set[str] | None = None
) -> Iterator[Read]:
    """Every block with words of the chosen pages (of ``sets``; of ``keys`` too unless
    None), read three ways; ``run`` is the peer (HTML to text)."""
    pages = {p.key: p for ps in dumped_sets(folder).values() for p in ps}
    options = Options()
    for shard in shards(folder):
        for dumped in load(shard):
            page = pages[dumped.key]
            if page.set not in sets or page.truth is None or dumped.error:
                continue
            if keys is not None and dumped.key not in keys:
                continue
            blocks = replayed(dumped, options)
            try:
                theirs = run(page.html())
            except Exception:  # a peer's failure is an empty output, as the bench scores it
                theirs = ""
            peer_pool, truth_pool = _spaced(theirs), _spaced(page.truth)
            gains = {f.block: f.gain for f in page_flips(dumped.key, blocks, page.truth, dumped.declared)}
            for i, b in enumerate(blocks):
                if not b.features.words:
                    continue
                yield Read(
                    dumped.key,
                    kind_of(b.role, b.heading_level, b.features.words),
                    b.label is Label.CONTENT,
                    held(b.text, peer_pool),
                    held(b.text, truth_pool),
                    max(gains.get(i, 0.0), 0.0),
                    b.features.words,
                    b.text,
                )


def peer_wins(peers: Path, peer: str, bench: dict[str, dict[str, float]]) -> set[str]:
    """The pages where the peer's page F1 is above boilerstrip's (``bench``: per-page records)."""
    records = json.loads(peers.read_text("utf-8"))["per_page"][peer]
    return {k for k, r in records.items() if k in bench and r.get("f1", 0.0) > bench[k].get("f1", 0.0)}


def summary(reads: Sequence[Read], peer: str) -> str:
    """Per set, the blocks one side keeps and the other drops, by kind and the truth's verdict."""
    sums: dict[tuple[str, str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    pages: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for r in reads:
        if r.kept and r.peer < 0.5:
            side = "boilerstrip only"
        elif not r.kept and r.peer >= 0.5:
            side = f"{peer} only"
        else:
            continue
        row = (r.key.split("/")[0], side, r.kind, "in the truth" if r.truth >= 0.5 else "not in the truth")
        sums[row][0] += r.words
        sums[row][1] += r.gain
        pages[row].add(r.key)
    lines = [
        "| set | kept by | kind | truth | words | flip points | pages |",
        "|---|---|---|---|---|---|---|",
    ]
    for row, (n, gain) in sorted(sums.items(), key=lambda kv: (kv[0][0], kv[0][1], -kv[1][1])):
        lines.append(f"| {' | '.join(row)} | {int(n)} | {gain:.3f} | {len(pages[row])} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dump", type=Path)
    parser.add_argument("--sets", default="scrapinghub,readability")
    parser.add_argument("--peer", default="readability-lxml")
    parser.add_argument("--peers", type=Path, help="the reference scorer's per-page records (peers-dev.json)")
    parser.add_argument("--bench", type=Path, help="boilerstrip's bench JSON of the same code (for --wins)")
    parser.add_argument("--wins", action="store_true", help="only the pages the peer wins")
    parser.add_argument(
        "--list", type=float, default=0.0, metavar="GAIN", help="list blocks whose flip gains this much"
    )
    args = parser.parse_args(argv)
    peer = canonical(args.peer)
    keys = None
    if args.wins:
        if not (args.peers and args.bench):
            parser.error("--wins needs --peers and --bench")
        bench = json.loads(args.bench.read_text("utf-8"))["extractors"]["boilerstrip"]["pages"]
        keys = peer_wins(args.peers, peer, bench)
    reads = list(read_pages(args.dump, set(args.sets.split(",")), PEERS[peer][0](), keys))
    print(summary(reads, peer), end="")
    if args.list:
        for r in sorted(reads, key=lambda r: -r.gain):
            if r.gain < args.list:
                break
            side = "kept" if r.kept else "dropped"
            held_by = f"peer {r.peer:.1f}, truth {r.truth:.1f}"
            print(f"- {r.key} {side} {r.kind} (+{r.gain:.4f}; {held_by}): {r.text[:100]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
