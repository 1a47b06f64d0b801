"""Time per page of each stage of ``extract()`` on a sample of development pages.

    python benchmarks/profile_stages.py ../shared/datasets --sample 300 --seed 0
    python benchmarks/profile_stages.py ../shared/datasets --pyinstrument   # call tree too

Each stage is timed by wrapping the functions ``extract()`` calls (the wrappers cost
well under a microsecond per call; in a compiled build, compiled modules call each other
directly: the limits scan, called from the compiled _input, and the parts of the features
stage are timed only when this runs the pure source; the compiled chain of stages, _pipeline,
runs here as Python, its source over the compiled stages); the medians and means per page are printed as a
Markdown table. Runs in one process: use it for the breakdown, benchmarks/speed.py for
the figures compared with peers.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
import boilerstrip
from _pages import sample
from boilerstrip import _features


def _chain() -> ModuleType:
    """Where extract() reads its stages: newer code's _pipeline, or in its compiled build an
    interpreted copy of it, which extract() is made to run (_chain_source: the compiled chain
    calls its stages natively, past its names); older code's _extract."""
    if importlib.util.find_spec("boilerstrip._chain_source") is None:
        return importlib.import_module("boilerstrip._extract")
    from boilerstrip import _chain_source

    chain = _chain_source.use_interpreted_chain()
    return chain if chain is not None else importlib.import_module("boilerstrip._pipeline")


_extract = _chain()

# Where newer code scans the input for the limits (older checkouts scanned from _extract).
_input: ModuleType = (
    importlib.import_module("boilerstrip._input")
    if importlib.util.find_spec("boilerstrip._input") is not None
    else ModuleType("absent")  # no scan: the row is skipped
)

# Where newer code reads the tokens (older checkouts, profiled for a before, read them in _features).
_token_stats: ModuleType = (
    importlib.import_module("boilerstrip._token_stats")
    if importlib.util.find_spec("boilerstrip._token_stats") is not None
    else _features
)

# (module, attribute, stage name): the functions extract() calls, by stage.
_STAGES = (
    (_extract, "scan", "limits"),
    (_input, "scan", "limits"),  # timed in the pure build only: _input is compiled
    (_extract, "parse", "parse"),
    (_extract, "page_info", "parse"),
    (_extract, "segment", "segment"),
    (_extract, "traverse", "segment"),  # newer code: the traversal, then its Elements
    (_extract, "finish", "segment"),
    (_extract, "compute_features", "features"),
    (_extract, "feature_columns", "features"),  # newer code: the columns, then the Features
    (_extract, "features_of", "features"),
    (_token_stats, "tokens", "features: tokens"),
    (_token_stats, "detect_language", "features: language"),
    (_token_stats, "phrase_kinds", "features: phrases"),
    (_features, "region_roots", "features: region"),
    (_features, "repeated_groups", "features: repeats"),
    (_extract, "to_blocks", "blocks"),
    (_extract, "locators", "blocks"),
    (_extract, "blocks_of", "blocks"),
    (_extract, "score", "score"),
    (_extract, "smooth", "smooth"),
    (_extract, "label", "label"),
    (_extract, "decide", "label"),  # newer code: the labels, then the labelled blocks
    (_extract, "relabel", "label"),
    (_extract, "assemble", "assemble"),
    # Metadata (issue 7); absent from older code, whose run then skips them.
    (_extract, "json_ld_texts", "metadata"),
    (_extract, "read_page", "metadata"),
    (_extract, "complete", "metadata"),
)


def _timed(fn: Callable[..., Any], name: str, spent: dict[str, float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the pages; the fastest counts")
    parser.add_argument("--pyinstrument", action="store_true", help="also print pyinstrument's call tree")
    args = parser.parse_args(argv)
    pages = sample(args.data, args.sample, args.seed)
    boilerstrip.extract(pages[0][1])  # warm-up: lazy tables are built on first use
    spent: dict[str, float] = {}
    stages = [stage for stage in _STAGES if hasattr(stage[0], stage[1])]
    originals = [(module, attr, getattr(module, attr)) for module, attr, _name in stages]
    for module, attr, name in stages:
        setattr(module, attr, _timed(getattr(module, attr), name, spent))
    per_page: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for index, (_key, html) in enumerate(pages):
            spent.clear()
            started = time.perf_counter()
            boilerstrip.extract(html)
            spent["total"] = time.perf_counter() - started
            for name, seconds in spent.items():
                column = per_page.setdefault(name, [0.0] * len(pages) * args.repeat)
                column[index + _ * len(pages)] = seconds * 1000.0
    best = {name: [min(v[i :: len(pages)]) for i in range(len(pages))] for name, v in per_page.items()}
    names = [n for n in dict.fromkeys(s for *_, s in stages) if n in best] + ["total"]
    print(f"{len(pages)} pages, fastest of {args.repeat} passes per page\n")
    print("| stage | median ms | mean ms | share of mean total |")
    print("|---|---|---|---|")
    total = statistics.fmean(best["total"])
    for name in names:
        values = best[name]
        print(
            f"| {name} | {statistics.median(values):.2f} | {statistics.fmean(values):.2f} | "
            f"{statistics.fmean(values) / total:.0%} |"
        )
    if args.pyinstrument:
        from pyinstrument import Profiler

        for module, attr, original in originals:  # unwrapped, so the tree shows the real calls
            setattr(module, attr, original)
        profiler = Profiler(interval=0.0005)
        profiler.start()
        for _key, html in pages:
            boilerstrip.extract(html)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
