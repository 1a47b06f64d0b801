"""The floor under extract()'s time: what parsing and one Python walk cost, against resiliparse.

    python benchmarks/floor.py ../shared/datasets --sample 300 --seed 0

Per page, interleaved so that a change of load on a shared machine hits every column alike,
the fastest of ``--repeat`` runs of:

- resiliparse: ``extract_plain_text(HTMLTree.parse(html), main_content=True)`` (score.py's call);
- lexbor parse: ``LexborHTMLParser(html)`` alone;
- parse + walk: the parse, then one iterative walk over every node of <body> that reads each
  node's tag and each text node's text, as the segment stage must (nothing recorded);
- limits scan: boilerstrip's pre-parse pass (``_limits.scan``) alone;
- boilerstrip: ``extract(html)``.

Medians and p90 per page, and each as a multiple of resiliparse's median, as a Markdown table:
what any pure-Python extractor built on Lexbor pays before it measures anything.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from selectolax.lexbor import LexborHTMLParser

import boilerstrip
from _pages import sample
from boilerstrip import Options
from boilerstrip._limits import scan


def walk(html: str) -> int:
    """Parse, then visit every node of <body> once, reading its tag (and text for text nodes)."""
    tree = LexborHTMLParser(html)
    node = tree.body if tree.body is not None else tree.root
    parents: list[Any] = []
    chars = 0
    while node is not None:
        if node.tag == "-text":
            chars += len(node.text_content or "")
        child = node.child
        if child is not None:
            parents.append(node)
            node = child
            continue
        following = None
        while parents:  # leave the subtree: the next sibling of the node or of an ancestor
            following = node.next
            if following is not None:
                break
            node = parents.pop()
        node = following
    return chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    options = Options()
    runs: dict[str, Callable[[str], object]] = {
        "resiliparse": lambda h: extract_plain_text(HTMLTree.parse(h), main_content=True),
        "lexbor parse": LexborHTMLParser,
        "parse + walk": walk,
        "limits scan": lambda h: scan(
            h,
            max_nodes=options.max_nodes,
            max_depth=options.max_depth,
            max_attributes=options.max_attributes,
            max_depth_sum=options.max_depth_sum,
            max_name_work=options.max_name_work,
            max_total_attributes=options.max_total_attributes,
        ),
        "boilerstrip": boilerstrip.extract,
    }
    pages = sample(args.data, args.sample, args.seed)
    for run in runs.values():
        run(pages[0][1])  # warm-up: lazy tables
    best: dict[str, list[float]] = {name: [] for name in runs}
    for _key, html in pages:
        for name, run in runs.items():
            fastest = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                run(html)
                fastest = min(fastest, time.perf_counter() - started)
            best[name].append(fastest * 1000.0)
    base = statistics.median(best["resiliparse"])
    print(f"{len(pages)} pages, fastest of {args.repeat} runs per page, interleaved\n")
    print("| step | median ms | p90 ms | median ÷ resiliparse's |")
    print("|---|---|---|---|")
    for name, values in best.items():
        median = statistics.median(values)
        p90 = statistics.quantiles(values, n=10)[-1]
        print(f"| {name} | {median:.2f} | {p90:.2f} | {median / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
