"""What recording the output formats' structure costs the segment stage.

    python benchmarks/markup_cost.py ../shared/datasets --sample 300 --seed 2 --repeat 5

Each sampled page is parsed once, then segmented in turn with the real structure recorder
(_markup.Recorder) and with one that records nothing (every block gets NO_MARKUP; the
open-link stack is kept so the hooks in _segment.py run as before), each going first on
every other page; each keeps its fastest run per page. The difference is the cost of the
structure: what the output formats add to the segment stage.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _pages import sample
from boilerstrip import _input, _markup, _parse, _segment, _segment_blocks
from boilerstrip._model import NO_MARKUP, Markup


class NullRecorder(_markup.Recorder):
    """Keeps the open links (the segment hooks read them), records no structure."""

    def enter(self, tag: str, attrs: dict[str, str | None], in_pre: int, wrappers: str) -> None:
        if tag in _markup.EXITED:  # their exits pop what their entries pushed
            super().enter(tag, attrs, in_pre, wrappers)

    def open_link(self, pieces: int, href: str | None) -> None:
        self.anchors.append([pieces, None])

    def close_link(self, pieces: int) -> None:
        self.anchors.pop()

    def markup(self, text: str, pieces: list[str], owner_tag: str, pre: bool, cell: bool) -> Markup:
        return NO_MARKUP

    def block_done(self) -> None:
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    recorders: dict[str, Any] = {"recorded": _markup.Recorder, "none": NullRecorder}
    spent: dict[str, list[float]] = {name: [] for name in recorders}
    # The recorder class the segment stage makes: swapped by name (setattr), put back after.
    real = getattr(_segment_blocks, "Recorder")  # noqa: B009 - not re-exported by name
    try:
        for i, (_key, html) in enumerate(sample(args.data, args.sample, args.seed)):
            tree = _parse.parse(_input.as_text(html))
            root = _parse.body_of(tree)
            order = list(recorders.items())
            if i % 2:
                order.reverse()
            best: dict[str, float] = {}
            for _ in range(args.repeat):
                for name, recorder in order:
                    setattr(_segment_blocks, "Recorder", recorder)  # noqa: B010
                    started = time.perf_counter()
                    _segment.segment(root)
                    best[name] = min(best.get(name, float("inf")), time.perf_counter() - started)
            for name in recorders:
                spent[name].append(best[name] * 1000)
    finally:
        setattr(_segment_blocks, "Recorder", real)  # noqa: B010
    n = len(spent["recorded"])
    print(f"{n} pages; segment ms per page, fastest of {args.repeat}")
    print("| recorder | mean | median |")
    print("|---|---|---|")
    for name, times in spent.items():
        print(f"| {name} | {statistics.mean(times):.2f} | {statistics.median(times):.2f} |")
    ratios = [a / b for a, b in zip(spent["recorded"], spent["none"])]
    print(
        f"recorded ÷ none: mean {statistics.mean(spent['recorded']) / statistics.mean(spent['none']):.3f}, "
        f"median of per-page ratios {statistics.median(ratios):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
