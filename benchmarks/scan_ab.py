"""The limits scan of two versions: the same counts and cuts, and the time of each.

    python benchmarks/scan_ab.py ../shared/datasets --old-src /path/to/old/src --generated 1000
    python benchmarks/scan_ab.py ../shared/datasets --old-src /path/to/old/src --time 100
    python benchmarks/scan_ab.py ../shared/datasets --c --generated 1000 --time 100

A change to ``_limits.py`` or ``_open_elements.py`` that is meant to be faster must leave
every ``scan()`` result (element count, depth, depth sum, cut and limit) as it was. The old
version's ``boilerstrip`` package is copied to a temporary folder and imported as
``boilerstrip_old``; both scan the same inputs under four settings of the limits (the
defaults, small ones, tiny ones, none): every development page, and per seed one
``hostile_grammar.html`` document, one repeated construct (``nasty``), and two documents of
pieces chosen to meet the scan's inline paths (inline pairs, void tags, quoted ">", long
tags, upper case, non-ASCII names). ``--time N`` then scans N sampled pages with both
versions in turn (each first on every other page, three times each) and prints the mean ms
per page of each.

With ``--c`` the two versions are this checkout's Python loop (``_limits.scan_python``, as
"old") and its C loop (``_cscan``, the compiled build's, as "new"): the installed one when
the compiled build is installed, else one built here from ``src/boilerstrip/_cscan.c`` with
the C compiler. The C loop calls this checkout's Python steps (start_tag, end_tag, the stack),
compiled or not as installed: time it with the compiled build installed.
"""

from __future__ import annotations

import argparse
import importlib
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import hostile_grammar as grammar
from _pages import sample

SETTINGS: tuple[dict[str, Any], ...] = (
    {"max_nodes": 250_000, "max_depth": 1000, "max_attributes": 256, "max_depth_sum": 2_000_000},
    {"max_nodes": 60, "max_depth": 8, "max_attributes": 2, "max_depth_sum": 400},
    {"max_nodes": 7, "max_depth": 3, "max_attributes": 0, "max_depth_sum": 30},
    {"max_nodes": None, "max_depth": None, "max_attributes": None, "max_depth_sum": None},
)
PIECES = (
    "<span>",
    "</span>",
    "<SPAN class='x'>",
    '<a href="/x">',
    "</a>",
    "</A >",
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<br>",
    "<BR/>",
    "<img src=x/>",
    '<img alt="a>b">',
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<hr>",
    "<li>",
    "<table><td>",
    "<svg>",
    "</svg>",
    "<nobr>",
    "</nobr>",
    "<em title='<x>'>",
    "<span" + " a=b" * 130 + ">",
    "<span" + " " * 520 + ">",
    "<x-y z=1>",
    "</x-y>",
    "<font size=2>",
    "</font>",
    "<input disabled>",
    "<\u017fpan>",
    "</\u017fpan>",
    "<span\u017f>",
    "<wbr>",
    "<frameset>",
    "<u>",
    "</u>",
    "text ",
    "more text ",
    "< 3 ",
    "<!-- c -->",
    "<script>x</script>",
    "<style>p{}</style>",
    "<label for=a>",
    "</label>",
    "<a\thref='q'\n>",
    "<span\f>",
    "</span\t\t>",
    "<code>",
    "</code>",
    "<s>",
    "</s>",
    "<select>",
    "<option>",
    '<span a="x"b="y">',
    "<span a=`x`>",
    "<span =x>",
    "<span a= >",
    "<img/src=x>",
    "<br =>",
    "<plaintext>",
    "<math>",
    "<title>",
    "</title>",
    "<textarea>",
)


def pieces(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80)))


def _differ(old: Any, new: Any, text: str) -> list[tuple[dict[str, Any], Any, Any]]:
    found = []
    for setting in SETTINGS:
        before, after = old.scan(text, **setting), new.scan(text, **setting)
        if before != after:
            found.append((setting, before, after))
    return found


def check(old: Any, new: Any, pages: list[tuple[str, str]], seeds: int) -> int:
    failures = 0
    for key, html in pages:
        for setting, before, after in _differ(old, new, html):
            failures += 1
            print(f"DIFFERS {key} {setting}: old {before}, new {after}")
    inputs = 0
    for seed in range(seeds):
        rng = random.Random(seed)
        generated = {
            "html": grammar.html(rng),
            "nasty": grammar.nasty(rng),
            "pieces": pieces(rng),
            "pieces repeated": pieces(rng) * rng.randint(1, 300),
        }
        for kind, text in generated.items():
            inputs += 1
            for setting, before, after in _differ(old, new, text):
                failures += 1
                print(f"DIFFERS {kind}, seed {seed}, {setting}: old {before}, new {after}")
    print(
        f"{len(pages)} development pages and {inputs} generated inputs, "
        f"{len(SETTINGS)} settings each: {failures} results differ"
    )
    return failures


def timing(old: Any, new: Any, pages: list[tuple[str, str]]) -> None:
    spent = {"old": 0.0, "new": 0.0}
    setting = SETTINGS[0]
    for index, (_, html) in enumerate(pages):
        order = (("old", old), ("new", new)) if index % 2 else (("new", new), ("old", old))
        for _ in range(3):
            for name, module in order:
                began = time.perf_counter()
                module.scan(html, **setting)
                spent[name] += time.perf_counter() - began
    per_page = {name: seconds * 1000 / 3 / len(pages) for name, seconds in spent.items()}
    print(
        f"{len(pages)} pages, scan mean ms per page: old {per_page['old']:.2f}, "
        f"new {per_page['new']:.2f} (new / old {per_page['new'] / per_page['old']:.3f})"
    )


def c_versions(folder: Path) -> tuple[Any, Any]:
    """This checkout's Python loop and its C loop, each with a ``scan()`` like _limits'."""
    from boilerstrip import _limits

    loop = _limits.c_loop()
    installed = loop is not None
    if loop is None:  # not the compiled build: build the extension from the source
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        import cscan_build

        loop = cscan_build.build(folder, "cc", "-O3")  # as this script always timed it
    print(f"C loop: {'installed' if installed else 'built from source'}; compiled build: {_compiled()}")
    python = SimpleNamespace(scan=_limits.scan_python)
    c = SimpleNamespace(scan=lambda text, **setting: _limits.scan_c(loop, text, **setting))
    return python, c


def _compiled() -> bool:
    import boilerstrip

    return boilerstrip.compiled()


def main() -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--old-src", type=Path, help="the src/ folder of the old version")
    parser.add_argument("--c", action="store_true", help="this checkout's Python loop against its C loop")
    parser.add_argument("--generated", type=int, default=1000, help="seeds of generated inputs (0: none)")
    parser.add_argument("--no-pages", action="store_true", help="skip the development pages in the check")
    parser.add_argument("--time", type=int, default=0, help="also time the scan on this many sampled pages")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.c == (args.old_src is not None):
        parser.error("give one of --old-src and --c")
    with tempfile.TemporaryDirectory() as folder:
        if args.c:
            old, new = c_versions(Path(folder))
        else:
            shutil.copytree(args.old_src / "boilerstrip", Path(folder) / "boilerstrip_old")
            sys.path.insert(0, folder)
            old = importlib.import_module("boilerstrip_old._limits")
            new = importlib.import_module("boilerstrip._limits")
        pages = [] if args.no_pages else sample(args.data, 0, 0)
        failures = check(old, new, pages, args.generated)
        if args.time:
            timing(old, new, sample(args.data, args.time, args.seed))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
