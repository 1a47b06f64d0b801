"""How much of each page the annotated view can show: the share of blocks whose element
is found and marked, and the time annotate() takes beside extract().

    python benchmarks/annotate_coverage.py ../shared/datasets --sample 300 --seed 1

Pages are read where they are (benchmarks/_pages.py); nothing is written.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

sys.path.insert(0, str(Path(__file__).parent))
from _pages import sample
from boilerstrip import annotate, extract


def check(html: str) -> tuple[int, Counter[str], float, float]:
    """Blocks, placements counted by kind ("marked", "not located", ...), and the times
    of extract() and annotate() in seconds."""
    start = time.perf_counter()
    result = extract(html)
    middle = time.perf_counter()
    view = LexborHTMLParser(annotate(html))
    end = time.perf_counter()
    kinds: Counter[str] = Counter()
    for row in view.css("#bs-panel .bs-row"):
        if "bs-lost" in (row.attributes.get("class") or ""):
            kinds[row.text().rpartition("(")[2].rstrip(")")] += 1
        else:
            kinds["marked"] += 1
    # Does each marked element hold its blocks' text? In order, that is: the element's text
    # also holds what the blocks leave out (hidden parts, <select> options, control characters).
    for node in view.css("[data-bs-blocks]"):
        held = _squeezed(node.text(separator=""))
        for index in (node.attributes.get("data-bs-blocks") or "").split():
            found = _within(_squeezed(result.blocks[int(index)].text), held)
            kinds["marked, text in its element" if found else "marked, text not in its element"] += 1
    return len(result.blocks), kinds, middle - start, end - middle


def _within(part: str, whole: str) -> bool:
    """Whether the characters of ``part`` appear in ``whole`` in the same order."""
    rest = iter(whole)
    return all(char in rest for char in part)


def _squeezed(text: str) -> str:
    """Text without whitespace or the " | " that joins the cells of a table row."""
    return "".join(text.replace("|", "").split())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the development data (<set>/html/<id>.html.gz)")
    parser.add_argument("--sample", type=int, default=300, help="pages to check (0: all)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    total, kinds = 0, Counter[str]()
    pages_with_loss: list[str] = []
    ratios = []
    for key, html in sample(args.data, args.sample, args.seed):
        blocks, found, extract_s, annotate_s = check(html)
        total += blocks
        kinds.update(found)
        if found["marked"] != blocks or found["marked, text not in its element"]:
            pages_with_loss.append(
                f"{key}: {blocks - found['marked']} of {blocks} not marked, "
                f"{found['marked, text not in its element']} marked elsewhere than their text"
            )
        if extract_s > 0:
            ratios.append(annotate_s / extract_s)
    pages = len(ratios)
    print(f"{pages} pages, {total} blocks: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
    print(f"marked: {kinds['marked'] / max(total, 1):.4%} of blocks")
    print(f"pages with a block not marked or marked elsewhere than its text: {len(pages_with_loss)}")
    for line in pages_with_loss[:20]:
        print("  " + line)
    if ratios:
        print(f"annotate() time / extract() time: median {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
