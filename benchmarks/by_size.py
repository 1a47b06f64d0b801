"""Time per page against a peer's, by the page's size: where the ratio of the issue's command
comes from.

Reads the JSON that ``../shared/tools/score.py --out F`` writes (each extractor's time per
page) and the pages' HTML sizes from the development data, splits the pages both extractors
timed into ``--parts`` groups of equal count by size, and prints per group the byte range,
each extractor's median time, the ratio of the medians and the median of the per-page ratios:

    python ../shared/tools/score.py --extractors boilerstrip,resiliparse --sample 300 --seed 0 \\
        --jobs 1 --quiet --out /tmp/timed.json
    python benchmarks/by_size.py /tmp/timed.json ../shared/datasets --peer resiliparse
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple


class Part(NamedTuple):
    """One group of pages of similar size: its byte range, the medians and the ratios."""

    pages: int
    smallest: int
    largest: int
    median_ms: float
    peer_median_ms: float
    ratio_of_medians: float
    median_of_ratios: float


def times(report: Mapping[str, Any], extractor: str) -> dict[str, float]:
    """The milliseconds of each page an extractor ran without error, by page key."""
    pages: Mapping[str, Mapping[str, Any]] = report["per_page"].get(extractor, {})
    return {
        key: float(page["ms"]) for key, page in pages.items() if page.get("status") == "ok" and "ms" in page
    }


def page_size(data: Path, key: str) -> int | None:
    """The bytes of a page's HTML (``SET/ID`` in ``data``: ``html/ID.html.gz`` or ``.html``)."""
    name, _, page = key.partition("/")
    folder = data / name / "html"
    packed, plain = folder / f"{page}.html.gz", folder / f"{page}.html"
    if packed.is_file():
        with gzip.open(packed, "rb") as f:
            return len(f.read())
    return plain.stat().st_size if plain.is_file() else None


def parts(sized: Sequence[tuple[int, float, float]], count: int) -> list[Part]:
    """``sized``: (bytes, ms, the peer's ms) per page; ``count`` groups of equal count by
    size (the last takes the remainder), each summarised."""
    if count < 1 or len(sized) < count:
        raise ValueError("at least one group, and at least a page a group")
    ordered = sorted(sized)
    step = len(ordered) // count
    out: list[Part] = []
    for index in range(count):
        group = ordered[index * step : (index + 1) * step if index < count - 1 else len(ordered)]
        ours = statistics.median(ms for _, ms, _ in group)
        theirs = statistics.median(peer for _, _, peer in group)
        out.append(
            Part(
                len(group),
                group[0][0],
                group[-1][0],
                ours,
                theirs,
                ours / theirs,
                statistics.median(ms / peer for _, ms, peer in group if peer > 0),
            )
        )
    return out


def table(found: Sequence[Part], extractor: str, peer: str) -> str:
    lines = [
        f"| pages | bytes | {extractor} median ms | {peer} median ms | ratio of medians | median of ratios |",
        "|---|---|---|---|---|---|",
    ]
    for p in found:
        lines.append(
            f"| {p.pages} | {p.smallest:,}-{p.largest:,} | {p.median_ms:.2f} | {p.peer_median_ms:.2f} "
            f"| {p.ratio_of_medians:.2f} | {p.median_of_ratios:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("report", type=Path, help="score.py's --out JSON")
    parser.add_argument("data", type=Path, help="the development data (one folder per set)")
    parser.add_argument("--extractor", default="boilerstrip")
    parser.add_argument("--peer", default="resiliparse")
    parser.add_argument("--parts", type=int, default=5, help="groups of equal count by size (default 5)")
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text())
    ours, theirs = times(report, args.extractor), times(report, args.peer)
    sized = []
    for key in sorted(ours.keys() & theirs.keys()):
        size = page_size(args.data, key)
        if size is not None:
            sized.append((size, ours[key], theirs[key]))
    print(table(parts(sized, args.parts), args.extractor, args.peer))


if __name__ == "__main__":
    main()
