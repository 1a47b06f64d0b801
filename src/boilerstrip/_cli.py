"""Command line: ``boilerstrip PAGE.html ...`` prints the main text of each page."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ._errors import BoilerstripError
from ._extract import extract
from ._model import Extraction
from ._options import Options
from ._version import __version__


def as_dict(result: Extraction) -> dict[str, Any]:
    """The Extraction as plain JSON-ready data: enums as their values, blocks in full."""
    return {
        "title": result.title,
        "text": result.text,
        "confidence": result.confidence,
        "language": result.language,
        "url": result.url,
        "truncated": result.truncated,
        "blocks": [
            {
                "index": b.index,
                "text": b.text,
                "label": b.label.value,
                "score": round(b.score, 4),
                "role": b.role.value,
                "heading_level": b.heading_level,
                "locator": b.locator,
                "features": asdict(b.features),
                "scores": {name: round(value, 4) for name, value in b.scores},
            }
            for b in result.blocks
        ],
    }


def _blocks_table(result: Extraction) -> str:
    lines = []
    for b in result.blocks:
        text = b.text.replace("\n", " ")
        lines.append(f"{b.index:4d} {b.label.value:10s} {b.score:5.2f} {b.role.value:10s} {text[:100]}")
    return "\n".join(lines)


def add_option_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments that set the Options (read back by :func:`options_from`)."""
    preset = parser.add_mutually_exclusive_group()
    preset.add_argument("--precision", action="store_true", help="keep fewer doubtful blocks")
    preset.add_argument("--recall", action="store_true", help="keep more doubtful blocks")
    parser.add_argument("--comments", action="store_true", help="count user comments as content")
    parser.add_argument("--language", help="ISO 639-1 language hint (default: detected)")


def options_from(args: argparse.Namespace) -> Options:
    """The Options the arguments of :func:`add_option_arguments` ask for (OptionsError if invalid)."""
    factory = Options.precision if args.precision else Options.recall if args.recall else Options
    return factory(include_comments=args.comments, language=args.language)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="boilerstrip",
        description=(
            "Print the main content of HTML pages. 'boilerstrip bench --help' benchmarks it; "
            "'boilerstrip annotate --help' writes a page's annotated view."
        ),
    )
    parser.add_argument("pages", nargs="+", help="HTML files, or - for standard input")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument("--blocks", action="store_true", help="print every block with its label and score")
    shown.add_argument("--json", action="store_true", help="print the whole extraction as JSON")
    add_option_arguments(parser)
    parser.add_argument("--version", action="version", version=f"boilerstrip {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["bench"]:
        from ._bench import main as bench

        return bench(argv[1:])
    if argv[:1] == ["annotate"]:
        from ._annotate_cli import main as annotate

        return annotate(argv[1:])
    args = _parser().parse_args(argv)
    try:
        options = options_from(args)
    except BoilerstripError as error:
        print(f"boilerstrip: {error}", file=sys.stderr)
        return 2
    status = 0
    for index, page in enumerate(args.pages):
        try:
            data = sys.stdin.buffer.read() if page == "-" else Path(page).read_bytes()
        except OSError as error:
            print(f"boilerstrip: {page}: {error.strerror}", file=sys.stderr)
            status = 1
            continue
        try:
            result = extract(data, url=None if page == "-" else page, options=options)
        except BoilerstripError as error:  # past the time budget, or a limit with on_limit="raise"
            print(f"boilerstrip: {page}: {error}", file=sys.stderr)
            status = 1
            continue
        if args.json:
            print(json.dumps(as_dict(result), ensure_ascii=False))
        else:
            if len(args.pages) > 1:
                print(f"{'' if index == 0 else chr(10)}==> {page} <==")
            print(_blocks_table(result) if args.blocks else result.text)
    return status


if __name__ == "__main__":
    sys.exit(main())
