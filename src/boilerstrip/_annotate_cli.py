"""Command line: ``boilerstrip annotate PAGE.html -o view.html`` writes the annotated view."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._annotate import annotate
from ._cli import add_option_arguments, options_from, read_page
from ._errors import BoilerstripError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerstrip annotate",
        description=(
            "Write the annotated view of an HTML page: one self-contained HTML file showing the "
            "page with every block outlined in the colour of its label, its score on hover, a "
            "legend and a side panel listing the blocks. The page's scripts are removed."
        ),
    )
    parser.add_argument("page", help="an HTML file, or - for standard input")
    parser.add_argument("-o", "--output", help="the file to write (default: standard output)")
    add_option_arguments(parser)
    return parser


def main(argv: Sequence[str]) -> int:
    args = _parser().parse_args(argv)
    try:
        options = options_from(args)
    except BoilerstripError as error:
        print(f"boilerstrip annotate: {error}", file=sys.stderr)
        return 2
    page = args.page
    try:
        data = read_page(page, options)
    except OSError as error:
        print(f"boilerstrip annotate: {page}: {error.strerror}", file=sys.stderr)
        return 1
    try:
        view = annotate(data, url=None if page == "-" else page, options=options).encode("utf-8")
    except BoilerstripError as error:  # past the time budget, or a limit with on_limit="raise"
        print(f"boilerstrip annotate: {page}: {error}", file=sys.stderr)
        return 1
    if args.output is None or args.output == "-":
        sys.stdout.buffer.write(view)
        sys.stdout.buffer.flush()
        return 0
    try:
        Path(args.output).write_bytes(view)
    except OSError as error:
        print(f"boilerstrip annotate: {args.output}: {error.strerror}", file=sys.stderr)
        return 1
    return 0
