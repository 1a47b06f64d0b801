"""Command line: ``boilerstrip PAGE.html ...`` prints the main text of each page."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import _lexbor_walk
from ._compiled import compiled
from ._errors import BoilerstripError
from ._extract import extract
from ._model import Extraction
from ._options import Options
from ._resource_options import bytes_to_read
from ._surrogates import writable
from ._version import __version__


def _blocks_table(result: Extraction) -> str:
    lines = []
    for b in result.blocks:
        text = b.text.replace("\n", " ")
        lines.append(f"{b.index:4d} {b.label.value:10s} {b.score:5.2f} {b.role.value:10s} {text[:100]}")
    return "\n".join(lines)


FORMATS = ("text", "markdown", "html", "json")


def build_name() -> str:
    """Which path runs, for --version: the compiled build names a walk it runs in Python,
    which happens when its C walk does not trust the installed selectolax (_lexbor_walk):
    the same output, the walk about a sixth slower."""
    if not compiled():
        return "pure Python"
    return (
        "compiled" if _lexbor_walk.WALKER is not None else "compiled; the walk in Python for this selectolax"
    )


def render(result: Extraction, output: str, *, links: bool = False, images: bool = False) -> str:
    """The result in one of FORMATS."""
    if output == "markdown":
        return result.to_markdown(links=links, images=images)
    if output == "html":
        return result.to_html(links=links, images=images)
    if output == "json":
        return result.to_json()
    return result.text


def read_page(page: str, options: Options) -> bytes:
    """The bytes of file ``page`` (``-``: standard input) that extract() reads with ``options``,
    and one more, so that it still says truncated: a 50 GB file, or /dev/zero, was read whole."""
    limit = bytes_to_read(options.max_input_chars)
    size = -1 if limit is None else limit
    if page == "-":
        return sys.stdin.buffer.read(size)
    with Path(page).open("rb") as stream:
        return stream.read(size)


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
            "'boilerstrip annotate --help' writes a page's annotated view; "
            "'boilerstrip batch --help' extracts many pages (folders, JSONL, WARC) on all cores."
        ),
    )
    parser.add_argument("pages", nargs="+", help="HTML files, or - for standard input")
    shown = parser.add_mutually_exclusive_group()
    shown.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default), markdown, html (clean, content elements only) or json (the whole "
        "extraction, one line per page, see boilerstrip.json_schema())",
    )
    shown.add_argument("--json", action="store_true", help="the same as --format json")
    shown.add_argument("--blocks", action="store_true", help="print every block with its label and score")
    parser.add_argument("--links", action="store_true", help="keep links (markdown, html)")
    parser.add_argument("--images", action="store_true", help="keep images (markdown, html)")
    parser.add_argument(
        "--url", help="the page's URL, to resolve its relative links (default: the file name)"
    )
    add_option_arguments(parser)
    version = f"boilerstrip {__version__} ({build_name()})"
    parser.add_argument("--version", action="version", version=version)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """The command; exit status 1 when the reader of its output went away (``| head -1``)."""
    try:
        return _command(sys.argv[1:] if argv is None else list(argv))
    except BrokenPipeError:
        # Quietly, as other tools stop: what is still buffered for standard output goes
        # to os.devnull, so that the interpreter's last flush raises nothing either.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # not a file descriptor: nothing left to flush there
            pass
        return 1


def _command(argv: list[str]) -> int:
    if argv[:1] == ["bench"]:
        from ._bench import main as bench

        return bench(argv[1:])
    if argv[:1] == ["batch"]:
        from ._batch_cli import main as batch

        return batch(argv[1:])
    if argv[:1] == ["annotate"]:
        from ._annotate_cli import main as annotate

        return annotate(argv[1:])
    args = _parser().parse_args(argv)
    output = "json" if args.json else args.format
    try:
        options = options_from(args)
    except BoilerstripError as error:
        print(f"boilerstrip: {error}", file=sys.stderr)
        return 2
    status = 0
    for index, page in enumerate(args.pages):
        try:
            data = read_page(page, options)
        except OSError as error:
            print(f"boilerstrip: {page}: {error.strerror}", file=sys.stderr)
            status = 1
            continue
        try:
            url = args.url or (None if page == "-" else page)
            result = extract(data, url=url, options=options)
        except BoilerstripError as error:  # past the time budget, or a limit with on_limit="raise"
            print(f"boilerstrip: {page}: {error}", file=sys.stderr)
            status = 1
            continue
        if output == "json":  # one JSON document per line
            print(result.to_json())
            continue
        if len(args.pages) > 1:
            # (a file name's undecodable bytes as U+FFFD: a strict UTF-8 stdout refuses them)
            print(f"{'' if index == 0 else chr(10)}==> {writable(page)} <==")
        if args.blocks:
            print(_blocks_table(result))
        else:
            print(render(result, output, links=args.links, images=args.images))
    return status


if __name__ == "__main__":
    sys.exit(main())
