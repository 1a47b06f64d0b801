"""Time per stage of two versions of boilerstrip, run alternately page by page in one process.

    python benchmarks/profile_ab.py ../shared/datasets --old-src /path/to/old/src --sample 300

On a shared machine the load changes from minute to minute, so two runs of
benchmarks/profile_stages.py made one after the other differ by more than a small change
does. Here the old version (its ``boilerstrip`` package copied to a temporary folder and
imported as ``boilerstrip_old``) and the installed one extract each page in turn (each going
first on every other page), ``--repeat`` times each, and each keeps its fastest run per page.
Stages are timed by wrapping the functions ``extract()`` calls, as in profile_stages.py
(in a compiled build, the limits scan, called from the compiled _input, is not timed: its
time falls in no stage; run the pure source for it). A compiled build's chain of stages
(_pipeline) runs here as Python, its source over the compiled stages (_chain_source), so that
its calls can be wrapped: its total is that of an interpreted chain.
Prints a Markdown table of the mean ms per page of each stage and their ratio, and the
median time per page.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _pages import sample

# (module, attribute, stage name): the functions extract() calls ("_extract": where its chain
# reads them, see _chain).
_STAGES = (
    ("_extract", "scan", "limits"),  # older code: scanned from _extract
    ("_input", "scan", "limits"),  # newer code: timed in the pure build only (_input is compiled)
    ("_extract", "parse", "parse"),
    ("_extract", "segment", "segment"),
    ("_extract", "traverse", "segment"),  # newer code: the traversal, then its Elements
    ("_extract", "finish", "segment"),
    ("_extract", "compute_features", "features"),
    ("_extract", "feature_columns", "features"),  # newer code: the columns, then the Features
    ("_extract", "features_of", "features"),
    ("_features", "tokens", "features: tokens"),
    ("_features", "detect_language", "features: language"),
    ("_features", "phrase_kinds", "features: phrases"),
    # Where newer code reads the tokens (absent from older code: those rows are skipped).
    ("_token_stats", "tokens", "features: tokens"),
    ("_token_stats", "detect_language", "features: language"),
    ("_token_stats", "phrase_kinds", "features: phrases"),
    ("_features", "_containers", "features: containers"),  # older code's name
    ("_features", "enclosing_containers", "features: containers"),  # newer: from _element_facts
    ("_features", "region_roots", "features: region"),
    ("_features", "repeated_groups", "features: repeats"),
    ("_extract", "to_blocks", "blocks"),
    ("_extract", "locators", "blocks"),
    ("_extract", "blocks_of", "blocks"),
    ("_extract", "score", "score"),
    ("_extract", "smooth", "smooth"),
    ("_extract", "label", "label"),
    ("_extract", "decide", "label"),  # newer code: the labels, then the labelled blocks
    ("_extract", "relabel", "label"),
    ("_extract", "assemble", "assemble"),
    ("_extract", "read_page", "metadata"),
    ("_extract", "complete", "metadata"),
)


def _chain(package: str) -> ModuleType | None:
    """Where ``package``'s extract() reads the stages the "_extract" rows name: newer code's
    _pipeline, or in its compiled build an interpreted copy of it, which extract() is made to
    run (_chain_source: the compiled chain calls its stages natively, past its names); older
    code's _extract."""
    try:
        source = importlib.import_module(f"{package}._chain_source")
    except ModuleNotFoundError:
        return sys.modules.get(f"{package}._extract")
    chain: ModuleType | None = source.use_interpreted_chain()
    return chain


def _wrap(package: str, spent: dict[str, float]) -> None:
    chain = _chain(package)
    for module_name, attr, stage in _STAGES:
        module = chain if module_name == "_extract" else sys.modules.get(f"{package}.{module_name}")
        original = getattr(module, attr, None)
        if original is None:
            continue

        def timed(*args: Any, _fn: Callable[..., Any] = original, _stage: str = stage, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return _fn(*args, **kwargs)
            finally:
                spent[_stage] = spent.get(_stage, 0.0) + time.perf_counter() - started

        setattr(module, attr, timed)


def _load(package: str) -> ModuleType:
    module = importlib.import_module(package)
    for module_name in {m for m, _, _ in _STAGES}:
        with contextlib.suppress(ModuleNotFoundError):  # a stage module of newer code
            importlib.import_module(f"{package}.{module_name}")
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--old-src", type=Path, required=True, help="the src/ folder of the old version")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=2, help="runs per page and version; the fastest counts")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="profile_ab-"))
    try:
        shutil.copytree(args.old_src / "boilerstrip", folder / "boilerstrip_old")
        sys.path.insert(0, str(folder))
        versions = {"old": _load("boilerstrip_old"), "new": _load("boilerstrip")}
        spent: dict[str, dict[str, float]] = {name: {} for name in versions}
        for name, package in versions.items():
            _wrap(package.__name__, spent[name])
        pages = sample(args.data, args.sample, args.seed)
        for package in versions.values():
            package.extract(pages[0][1])  # warm-up: lazy tables
        best: dict[str, list[dict[str, float]]] = {name: [] for name in versions}
        order = list(versions.items())
        for _key, html in pages:
            order.reverse()  # each version goes first on every other page (caches warmed by the other)
            for name, package in order:
                fastest: dict[str, float] = {"total": float("inf")}
                for _ in range(args.repeat):
                    spent[name].clear()
                    started = time.perf_counter()
                    package.extract(html)
                    total = time.perf_counter() - started
                    if total < fastest["total"]:
                        fastest = {**spent[name], "total": total}
                best[name].append(fastest)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    stages = [*dict.fromkeys(stage for *_, stage in _STAGES), "total"]
    print(f"{len(pages)} pages; per page, the old and the new version in turn, fastest of {args.repeat}\n")
    print("| stage | old mean ms | new mean ms | new ÷ old | old share | new share |")
    print("|---|---|---|---|---|---|")
    totals = {name: statistics.fmean(row["total"] for row in best[name]) for name in versions}
    for stage in stages:
        old, new = (statistics.fmean(row.get(stage, 0.0) for row in best[name]) for name in versions)
        ratio = f"{new / old:.2f}" if old else "-"
        print(
            f"| {stage} | {old * 1000:.2f} | {new * 1000:.2f} | {ratio} | "
            f"{old / totals['old']:.0%} | {new / totals['new']:.0%} |"
        )
    old_median, new_median = (
        statistics.median(row["total"] for row in best[name]) * 1000 for name in versions
    )
    print(
        f"\nmedian time per page: old {old_median:.2f} ms, new {new_median:.2f} ms "
        f"(new ÷ old {new_median / old_median:.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
