"""Output identity: one hash per development page of everything ``extract()`` returns.

Run it with two versions of the code and compare the files, to show that a speed change
changes no output (text, title, language, confidence, and every block's label, score,
role, locator, features and scorer outputs):

    PYTHONPATH=/path/to/old/src python benchmarks/identity.py ../shared/datasets --out /tmp/old.json
    python benchmarks/identity.py ../shared/datasets --out /tmp/new.json --compare /tmp/old.json

With ``--formats`` each digest also covers the output formats: ``to_markdown()`` and
``to_html()`` with links and images, ``to_json()`` and ``result.metadata``. With ``--bytes``
each page is given as its decompressed bytes, as a crawler has them (extract() finds the
encoding; valid UTF-8 goes to the parser as it is), instead of the text the loop decodes:
run both ways to check both input paths. With ``--without-confidence`` each page's confidence
is set to 0 before it is hashed (in the result and in ``to_json()``), so that a new
calibration map (benchmarks/calibrate.py --write) can be shown to change nothing else.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import gzip
import hashlib
import json
import sys
from pathlib import Path

import boilerstrip


def canonical(value: object) -> str:
    """A text for ``value`` that no Python version writes differently.

    ``repr()`` of a str escapes the characters its Unicode tables call unprintable, and those
    tables grow with each Python; strings are written raw here, after their length. Floats keep
    ``repr()`` (the shortest text that reads back the same, on every Python since 3.1).
    """
    if isinstance(value, str):
        return f"s{len(value)}:{value}"
    if isinstance(value, enum.Enum):
        return "e" + canonical(value.value)
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(canonical(item) for item in value) + ")"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = (canonical(getattr(value, f.name)) for f in dataclasses.fields(value))
        return type(value).__name__ + "(" + ",".join(fields) + ")"
    raise TypeError(f"no canonical text for {type(value).__name__}")


def page_digest(result: boilerstrip.Extraction, formats: bool = False) -> str:
    h = hashlib.sha256()

    def add(value: object) -> None:
        h.update(canonical(value).encode("utf-8", "surrogatepass"))

    if formats:
        add(
            (
                result.to_markdown(links=True, images=True),
                result.to_html(links=True, images=True),
                result.to_json(),
                result.metadata,
            )
        )
    add((result.text, result.title, result.language, result.confidence, result.url))
    for b in result.blocks:
        add(
            (
                b.index,
                b.text,
                b.role,
                b.heading_level,
                b.locator,
                b.features,
                b.label,
                b.score,
                b.scorer_names,
                b.scorer_outputs,
                b.row,
            )
        )
    return h.hexdigest()


def pages(data: Path) -> list[Path]:
    """The pages of a folder of sets (``<set>/html/<id>.html.gz``), else every ``.html`` file
    under ``data`` (a folder of hand-made pages such as tests/fixtures)."""
    return sorted(data.glob("*/html/*.html.gz")) or sorted(data.rglob("*.html"))


def page_key(path: Path, data: Path) -> str:
    """``<set>/<id>`` for a set's page, else the file's path under ``data``."""
    if path.name.endswith(".html.gz"):
        return f"{path.parent.parent.name}/{path.name.removesuffix('.html.gz')}"
    return path.relative_to(data).as_posix()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, help="folder of sets (e.g. ../shared/datasets) or of .html files")
    parser.add_argument("--out", type=Path, required=True, help="JSON file of page -> digest")
    parser.add_argument("--compare", type=Path, help="an earlier --out file: list the pages that differ")
    parser.add_argument("--formats", action="store_true", help="hash the output formats and metadata too")
    parser.add_argument("--limit", type=int, default=0, help="first N pages only")
    parser.add_argument("--bytes", action="store_true", help="give extract() each page's bytes, not its text")
    parser.add_argument(
        "--without-confidence", action="store_true", help="hash every page with its confidence set to 0"
    )
    args = parser.parse_args(argv)
    files = pages(args.data)
    if args.limit:
        files = files[: args.limit]
    # No time budget: on a loaded machine a slow page would otherwise end early and
    # differ between two runs of the same code.
    options = boilerstrip.Options(time_budget=None)
    digests = {}
    for path in files:
        raw = path.read_bytes()
        raw = gzip.decompress(raw) if path.suffix == ".gz" else raw
        html: str | bytes = raw if args.bytes else raw.decode("utf-8", "replace")
        key = page_key(path, args.data)
        result = boilerstrip.extract(html, options=options)
        if args.without_confidence:
            result = dataclasses.replace(result, confidence=0.0)
        digests[key] = page_digest(result, args.formats)
    args.out.write_text(json.dumps(digests, indent=0, sort_keys=True))
    given = "bytes" if args.bytes else "text"
    print(f"{len(digests)} pages hashed with {boilerstrip.__file__}, given as {given}", file=sys.stderr)
    if args.compare:
        old = json.loads(args.compare.read_text())
        differ = sorted(k for k in digests.keys() | old.keys() if digests.get(k) != old.get(k))
        listed = ": " + ", ".join(differ[:20]) if differ else ""
        print(f"{len(differ)} of {len(digests)} pages differ{listed}")
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
