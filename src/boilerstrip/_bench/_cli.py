"""``boilerstrip bench DIR...``: boilerstrip and its peers on sets of annotated pages."""

from __future__ import annotations

import argparse
import dataclasses
import fnmatch
import json
import os
import platform
import random
import shlex
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._hard_rules import HARD_RULES
from .._option_checks import KINDS
from .._options import Options
from .._scorers import SCORERS
from .._version import __version__
from ._gate import check, raise_floors, read_floors, set_figures, write_floors
from ._peers import PEERS, canonical
from ._report import figures, markdown
from ._runner import run_all
from ._sets import Page, load_sets
from ._worst import worst_markdown, worst_pages


def benchmark(
    folders: Sequence[Path],
    *,
    against: Sequence[str] = (),
    options: Options | None = None,
    jobs: int = 1,
    timing: bool = True,
    timeout: float = 20.0,
    sample: int = 0,
    seed: int = 0,
    gt_dir: str = "gt",
    quiet: bool = True,
) -> tuple[dict[str, list[Page]], dict[str, Any]]:
    """The sets found in ``folders`` and the figures of boilerstrip and ``against`` on them."""
    sets = load_sets([Path(f) for f in folders], gt_dir)
    if sample:
        chosen = set(
            random.Random(seed).sample(
                sorted(p.key for ps in sets.values() for p in ps), min(sample, sum(map(len, sets.values())))
            )
        )
        sets = {n: kept for n, ps in sets.items() if (kept := [p for p in ps if p.key in chosen])}
    names = ["boilerstrip", *dict.fromkeys(canonical(n) for n in against if canonical(n) != "boilerstrip")]
    pages = [p for ps in sets.values() for p in ps]
    timed = timing and jobs == 1
    runs = run_all(names, pages, options=options, jobs=jobs, timeout=timeout, quiet=quiet)
    return sets, figures(runs, sets, timed)


def ablated(options: Options, patterns: Sequence[str]) -> Options:
    """``options`` with the scorers and hard rules that match ``patterns`` switched off."""
    scorers = {n for n in SCORERS if any(fnmatch.fnmatchcase(n, p) for p in patterns)}
    rules = {n for n in HARD_RULES if any(fnmatch.fnmatchcase(n, p) for p in patterns)}
    unknown = [p for p in patterns if not any(fnmatch.fnmatchcase(n, p) for n in (*SCORERS, *HARD_RULES))]
    if unknown:
        raise ValueError(f"no scorer or hard rule matches {', '.join(unknown)}")
    return options.replace(
        disabled_scorers=options.disabled_scorers | scorers, hard_rules=options.hard_rules - rules
    )


# The declared types of the Options fields --set can set: the scalars Options checks by kind,
# and the sets (the others are pairs and models).
_SETTABLE = (*KINDS, "frozenset[str]")


def with_settings(options: Options, settings: Sequence[str]) -> Options:
    """``options`` with NAME=VALUE settings applied; VALUE is read as the field's type
    (``none`` for None where the field takes it: a limit lifted). ValueError for a NAME that is
    no such field, or a VALUE not of its type; OptionsError for one out of its range."""
    kinds = {f.name: f.type for f in dataclasses.fields(options)}
    changes: dict[str, object] = {}
    for setting in settings:
        name, sep, text = setting.partition("=")
        kind = kinds.get(name)
        if not sep or kind not in _SETTABLE:
            raise ValueError(
                "--set takes NAME=VALUE with NAME an Options field of a number, a string, "
                f"true/false or a comma-separated set, not {setting!r}"
            )
        changes[name] = _setting(name, str(kind), text)
    return options.replace(**changes)


def _setting(name: str, kind: str, text: str) -> object:
    optional = kind.endswith(" | None")
    if optional and text == "none":
        return None
    kind = kind.removesuffix(" | None")
    if kind == "frozenset[str]":
        return frozenset(v for v in text.split(",") if v)
    if kind == "str":
        return text
    if kind == "bool" and text in ("true", "false"):
        return text == "true"
    try:
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
    except ValueError:
        pass
    wanted = {"bool": "true or false", "int": "an integer", "float": "a number"}[kind]
    raise ValueError(f"--set {name} takes {wanted}{' or none' if optional else ''}, not {text!r}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerstrip bench",
        description="Score boilerstrip (and peers) on annotated pages: word F1 per page, per set and "
        "per page type, as ../shared/tools/score.py counts it, and extraction time per page.",
    )
    parser.add_argument(
        "folders",
        nargs="+",
        type=Path,
        help="a set (html/ + gt/ or snippets/), a folder of sets, or a folder of X.html + X.txt",
    )
    parser.add_argument("--against", default="", help=f"peers, comma separated: {', '.join(PEERS)}, or 'all'")
    parser.add_argument("--jobs", type=int, default=1, help="parallel workers; more than 1 turns timing off")
    parser.add_argument("--no-timing", action="store_true", help="accuracy only")
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="seconds per page before it counts as failed"
    )
    parser.add_argument("--sample", type=int, default=0, help="N random pages across the sets")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gt-dir", default="gt", help="read the truth from this folder (e.g. gt_article)")
    parser.add_argument(
        "--threshold", type=float, help="a fixed content threshold for boilerstrip (decision='threshold')"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set an Options field for boilerstrip (repeatable), e.g. --set decision=threshold",
    )
    parser.add_argument(
        "--disable",
        default="",
        help="boilerstrip scorers or hard rules to switch off, comma separated; * matches (ablations)",
    )
    parser.add_argument("--out", type=Path, help="write the figures, with per-page records, as JSON")
    parser.add_argument(
        "--worst", type=int, default=0, help="list the N worst pages and their costliest blocks"
    )
    parser.add_argument(
        "--gate", type=Path, help="fail when a set falls more than 0.005 below its floor here"
    )
    parser.add_argument(
        "--raise-floors", action="store_true", help="with --gate: lift floors to better figures"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    against = list(PEERS) if args.against == "all" else [n for n in args.against.split(",") if n]
    try:
        options = ablated(Options(), [p for p in args.disable.split(",") if p])
        if args.threshold is not None:
            options = options.replace(decision="threshold", threshold=args.threshold)
        options = with_settings(options, args.set)
        for name in against:
            canonical(name)
        if args.jobs < 1 or args.timeout <= 0 or args.sample < 0 or args.worst < 0:
            raise ValueError(
                "--jobs must be at least 1, --timeout positive, --sample and --worst not negative"
            )
    except ValueError as error:
        print(f"boilerstrip bench: {error}", file=sys.stderr)
        return 2
    started = time.time()
    try:
        sets, results = benchmark(
            args.folders,
            against=against,
            options=options,
            jobs=args.jobs,
            timing=not args.no_timing,
            timeout=args.timeout,
            sample=args.sample,
            seed=args.seed,
            gt_dir=args.gt_dir,
            quiet=args.quiet,
        )
    except FileNotFoundError as error:
        print(f"boilerstrip bench: {error}", file=sys.stderr)
        return 2
    if not sets:
        print("boilerstrip bench: no annotated pages found", file=sys.stderr)
        return 2
    command = "boilerstrip bench " + shlex.join(sys.argv[2:] if sys.argv[1:2] == ["bench"] else list(argv))
    where = (
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime(started))} on {platform.machine()} "
        f"({os.cpu_count()} CPUs), Python {platform.python_version()}."
    )
    report = markdown(results, command, where)
    worst = worst_pages(results, sets, args.worst, options) if args.worst else []
    if worst:
        report += worst_markdown(worst)
    status = 0
    if args.gate:
        figures_now, floors = set_figures(results), read_floors(args.gate)
        failures = check(figures_now, floors)
        report += (
            "\nQuality gate: "
            + ("FAILED\n" + "\n".join(f"- {f}" for f in failures) if failures else "passed")
            + "\n"
        )
        status = 1 if failures else 0
        if args.raise_floors and not failures:
            write_floors(args.gate, raise_floors(figures_now, floors))
    print(report, end="")
    if args.out:
        meta = {
            "command": command,
            "date": time.strftime("%Y-%m-%d %H:%M", time.gmtime(started)),
            "seconds": round(time.time() - started, 1),
            "boilerstrip": __version__,
            "python": platform.python_version(),
            "machine": f"{platform.machine()}, {platform.system()}",
        }
        args.out.write_text(
            json.dumps({"meta": meta, "extractors": results, "worst": worst}, indent=1), "utf-8"
        )
    return status
