"""``boilerstrip batch INPUT... -o OUT``: many pages, all cores, one record per page."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._batch import FAULTS, MAX_TIMEOUT, run_batch, usable_cpus
from ._batch_output import OUTPUT_SUFFIXES
from ._cli import add_option_arguments, options_from
from ._errors import BoilerstripError, json_nesting_checked

EXIT_OK, EXIT_BROKEN, EXIT_USAGE, EXIT_FAILED_PAGES, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

_EPILOG = """\
Each record holds url, record_id (the WARC-Record-ID, or the JSONL id field), origin (the
input file, with #offset in a WARC or :line in a JSONL file) and status: "ok" with title,
language, confidence, truncated, text (and blocks with --blocks), or an error kind with
error, the message: "timeout" (past --timeout: the worker was killed and replaced),
"crash" (the worker died: a segfault, an out-of-memory kill) or "error" (an exception, or
a JSONL line that is not a page, or a page whose record_id an earlier page of the run gave:
its record has no record_id, so that ids stay unique). Records are written in input order.

--resume keeps the successful records of the existing output and skips their pages (a page
is known by its record_id, else its origin: give the same input paths); pages whose record
is an error are tried again, and their new record replaces the old one, so the output still
holds one record per page (the kept records first, then the new ones in input order).

The output is written to OUT.partial and renamed over OUT when the run stops, also on
Ctrl-C or SIGTERM, so OUT is always complete and valid.

Exit status: 0 when every page gave an ok record; 3 when some page failed or an input file
could not be read; 2 for a usage error; 1 when a worker process cannot start; 130 when
interrupted by Ctrl-C or SIGTERM.
"""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerstrip batch",
        description="Extract the main content of many pages (HTML files, folders, JSONL, WARC) "
        "on all cores, into JSONL or Parquet: one record per page.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="HTML files (.html.gz too), JSONL files (.jsonl, .jsonl.gz), WARC files (.warc, "
        ".warc.gz: HTML response records; needs boilerstrip[warc]) or folders of them",
    )
    parser.add_argument(
        "-o", "--output", required=True, type=Path, help=f"the output: {', '.join(OUTPUT_SUFFIXES)}"
    )
    parser.add_argument(
        "-j", "--jobs", type=int, default=usable_cpus(), help="worker processes (default: the usable CPUs)"
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        help="wall-clock seconds per page (default 30; 0: none); a worker past it is killed and "
        "replaced, the page gets a timeout record",
    )
    parser.add_argument("--blocks", action="store_true", help="also write every block: text, label, score")
    parser.add_argument(
        "--resume", action="store_true", help="skip the pages already done in the output (see below)"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar (the summary is still printed)")
    parser.add_argument("--html-field", default="html", help="JSONL: the field holding the HTML")
    parser.add_argument("--url-field", default="url", help="JSONL: the field holding the URL")
    parser.add_argument("--id-field", default="id", help="JSONL: the field holding the record id")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="set an Options field (repeatable), e.g. --set decision=threshold",
    )
    add_option_arguments(parser)
    # Test hook: a JSON file mapping page keys (record_id, else origin) to one of FAULTS.
    parser.add_argument("--fault-plan", type=Path, help=argparse.SUPPRESS)
    return parser


def _fault_plan(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    with json_nesting_checked("--fault-plan"):
        plan = json.loads(path.read_text("utf-8"))
    if not isinstance(plan, dict) or not all(v in FAULTS for v in plan.values()):
        raise ValueError(f"--fault-plan: a JSON object mapping page keys to {', '.join(FAULTS)}")
    return {str(k): str(v) for k, v in plan.items()}


def _progress_bar(quiet: bool) -> tuple[Callable[[int], None] | None, Callable[[], None]]:
    """A tqdm bar on stderr when tqdm is installed, stderr is a terminal and not ``quiet``."""
    if quiet or not sys.stderr.isatty():
        return None, lambda: None
    try:
        from tqdm import tqdm
    except ImportError:
        return None, lambda: None
    bar: Any = tqdm(unit=" pages", file=sys.stderr, dynamic_ncols=True)

    def update(written: int) -> None:
        bar.update(written - bar.n)

    return update, bar.close


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Sequence[str]) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    from ._bench._cli import with_settings  # the --set parser that `boilerstrip bench` uses

    try:
        options = with_settings(options_from(args), args.set)
        plan = _fault_plan(args.fault_plan)
        if args.jobs < 1 or not 0 <= args.timeout <= MAX_TIMEOUT:
            raise ValueError(f"--jobs must be at least 1 and --timeout 0 (none) to {MAX_TIMEOUT:,.0f}")
    except (BoilerstripError, ValueError, OSError) as error:
        parser.print_usage(sys.stderr)
        print(f"boilerstrip batch: {error}", file=sys.stderr)
        return EXIT_USAGE
    progress, close_bar = _progress_bar(args.quiet)
    # A scheduler's stop is handled as Ctrl-C: the workers stop, the output stays valid.
    on_term = signal.signal(signal.SIGTERM, _interrupt)
    try:
        summary = run_batch(
            args.inputs,
            args.output,
            options=options,
            jobs=args.jobs,
            timeout=args.timeout or None,
            blocks=args.blocks,
            resume=args.resume,
            html_field=args.html_field,
            url_field=args.url_field,
            id_field=args.id_field,
            progress=progress,
            fault_plan=plan,
        )
    except (BoilerstripError, ValueError, OSError) as error:  # a missing extra, an output it cannot write
        print(f"boilerstrip batch: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RuntimeError as error:  # a worker that cannot even start
        print(f"boilerstrip batch: {error}", file=sys.stderr)
        return EXIT_BROKEN
    finally:
        signal.signal(signal.SIGTERM, on_term)
        close_bar()
    print(f"boilerstrip {summary.describe()}", file=sys.stderr)
    if summary.interrupted:
        return EXIT_INTERRUPTED
    return EXIT_FAILED_PAGES if summary.failed else EXIT_OK
