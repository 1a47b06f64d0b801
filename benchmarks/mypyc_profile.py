"""Where the compiled build (mypyc) falls back to generic Python operations, by C function.

    python benchmarks/mypyc_profile.py build . /tmp/b-new          # C kept in /tmp/b-new/c
    PYTHONHASHSEED=0 PYTHONPATH=/tmp/b-new/pkg valgrind --tool=callgrind --collect-atstart=no \\
        --toggle-collect=dropwhile_next --callgrind-out-file=/tmp/new.out \\
        python benchmarks/mypyc_profile.py run /work/shared/datasets --stride 15
    # (the variables before valgrind: valgrind does not follow `env` into python without
    # --trace-children=yes, and counts nothing)
    python benchmarks/mypyc_profile.py report /tmp/new.out /tmp/b-new/c
    python benchmarks/mypyc_profile.py diff /tmp/old.out /tmp/new.out
    python benchmarks/mypyc_profile.py stages /tmp/new.out
    python benchmarks/mypyc_profile.py callees /tmp/new.out CPyDef__features___feature_columns

- ``build ROOT OUT``: compiles a checkout's modules as hatch_build.py does (its own
  ``compile_modules``), keeping the generated C and mypyc's IR (``OUT/c/ops.txt``: search it
  for ``PyObject_GetAttr``, ``PyObject_Vectorcall``, ``PyNumber_``), and lays out a package
  to run from (``OUT/pkg``: the sources and the built extensions).
- ``run DATA``: ``extract()`` of every ``--stride``-th page of score.py's sample of 300
  (seed 0), after a warm pass; the counted pass runs inside ``itertools.dropwhile``'s
  predicate, so that callgrind's ``--toggle-collect=dropwhile_next`` counts it alone.
  ``--cold``: after one warm-up call instead (score.py's page, as its worker makes it),
  so that the tables built on first use are counted; ``diff`` a warm run against it.
- ``report OUT C``: the calls of generic operations by calling function, and the module
  globals read through the globals dict (a name not ``Final``) by function and name.
- ``diff A B``: inclusive counts of the compiled functions in two runs.
- ``stages OUT``: ``extract()``'s stages (the compiled functions it calls, inclusive), each
  with its share of the whole run, as a Markdown table.
- ``callees OUT FN...``: what each named function (a C name, e.g.
  ``CPyDef__token_stats___token_stats``, or ``block_counts`` for a C extension's) calls,
  inclusive, with the calls.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import itertools
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

HERE = Path(__file__).parent
GENERIC = re.compile(
    r"^(PyObject_GetAttr|PyObject_Vectorcall|PyObject_VectorcallMethod|PyObject_GetItem|PyObject_SetItem"
    r"|PyObject_DelItem|PyNumber_\w+|PyObject_RichCompare|wrapperdescr_call|slot_tp_init|PySlice_New)$"
)


def build(root: Path, out: Path) -> None:
    # hatch_build.py imports hatchling for its hook class, which is not needed here.
    for name in ("hatchling", *(f"hatchling.builders{s}" for s in ("", ".hooks", ".hooks.plugin"))):
        sys.modules.setdefault(name, types.ModuleType(name))
    interface = types.ModuleType("hatchling.builders.hooks.plugin.interface")
    interface.BuildHookInterface = object  # type: ignore[attr-defined]
    sys.modules["hatchling.builders.hooks.plugin.interface"] = interface
    spec = importlib.util.spec_from_file_location("_hatch_build", root / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    built = hook.compile_modules(root.resolve(), out.resolve())
    pkg = out / "pkg"
    shutil.copytree(
        root / "src" / "boilerstrip", pkg / "boilerstrip", ignore=shutil.ignore_patterns("__pycache__")
    )
    for path, inside in built.items():
        (pkg / inside).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, pkg / inside)
    print(f"{len(built)} files built; C in {out / 'c'}; run with PYTHONPATH={pkg}")


def run(data: Path, stride: int, *, cold: bool = False, repeat: int = 1) -> None:
    sys.path.insert(0, str(HERE))
    import _pages
    import boilerstrip
    import first_use
    from boilerstrip import Options, extract

    pages = [html for _, html in _pages.sample(data, 300, 0)[::stride]]
    options = Options(time_budget=None)
    print(f"compiled: {boilerstrip.compiled()}, {len(pages)} pages, cold: {cold}", file=sys.stderr)
    if cold:  # one warm-up call, as score.py's worker makes: the tables built on first use are counted
        extract(first_use.warm_up_page(first_use.SCORE_PY), options=options)
    else:  # the warm pass: tables built on first use, not counted
        for html in pages:
            extract(html, options=options)

    def counted(_: object) -> bool:
        for _ in range(repeat):  # more passes: more samples for a sampling profiler
            for html in pages:
                extract(html, options=options)
        return False

    list(itertools.dropwhile(counted, [0]))


def _edges(
    path: Path,
) -> tuple[
    collections.Counter[tuple[str, str]],
    collections.Counter[tuple[str, str]],
    dict[tuple[str, int], tuple[str, int, int]],
]:
    """(caller, callee) -> inclusive Ir and -> calls; and (caller, C line) -> callee."""
    names: dict[str, str] = {}
    cost: collections.Counter[tuple[str, str]] = collections.Counter()
    calls: collections.Counter[tuple[str, str]] = collections.Counter()
    at_line: dict[tuple[str, int], tuple[str, int, int]] = {}
    fn = cfn = ""
    line_no, pending = 0, 0

    def name(text: str) -> str:
        found = re.match(r"\((\d+)\)(?: (.*))?", text)
        if not found:
            return text
        if found.group(2):
            names[found.group(1)] = found.group(2)
        return names.get(found.group(1), text)

    for raw in path.open():
        if raw.startswith("fn="):
            fn, line_no = name(raw[3:].strip()), 0
        elif raw.startswith("cfn="):
            cfn = name(raw[4:].strip())
        elif raw.startswith("calls="):
            pending = int(raw[6:].split()[0])
        elif raw[:1].isdigit() or raw[:1] in "+-*":
            parts = raw.split()
            step = parts[0]
            line_no = line_no + int(step) if step[0] in "+-" else line_no if step == "*" else int(step)
            if pending and len(parts) > 1:
                cost[fn, cfn] += int(parts[1])
                calls[fn, cfn] += pending
                old = at_line.get((fn, line_no), (cfn, 0, 0))
                at_line[fn, line_no] = (cfn, old[1] + int(parts[1]), old[2] + pending)
            pending = 0
    return cost, calls, at_line


def report(path: Path, c_dir: Path) -> None:
    cost, calls, at_line = _edges(path)
    print("Generic operations called from compiled functions (inclusive Ir, calls):")
    rows = [(c, a, b) for (a, b), c in cost.items() if a.startswith("CPyDef_") and GENERIC.match(b)]
    for c, a, b in sorted(rows, reverse=True)[:40]:
        print(f"{c:>14,} {calls[a, b]:>8}  {a.removeprefix('CPyDef_')[:60]:60} -> {b}")
    source = (c_dir / "__native_boilerstrip.c").read_text().split("\n")
    globs: collections.Counter[tuple[str, str]] = collections.Counter()
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for (fn, line_no), (callee, c, n) in at_line.items():
        if callee != "CPyDict_GetItem" or not fn.startswith("CPyDef_") or line_no < 3:
            continue
        if "globals" in source[line_no - 3] + source[line_no - 2]:
            found = re.search(r"/\* '(.*)' \*/", source[line_no - 2])
            key = (fn.removeprefix("CPyDef_"), found.group(1) if found else "?")
            globs[key] += c
            counts[key] += n
    print(f"\nModule globals read through the globals dict: {sum(globs.values()):,} Ir")
    for (fn, glob), c in globs.most_common(30):
        print(f"{c:>14,} {counts[fn, glob]:>8}  {fn[:60]:60} {glob}")


def _inclusive(path: Path) -> tuple[int, dict[str, int]]:
    out = subprocess.run(
        ["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total, found = 0, dict[str, int]()
    for line in out.split("\n"):
        match = re.match(r"\s*([\d,]+) \([ \d.]+%\)\s+(\S+)", line)
        if not match:
            continue
        count, fn = int(match.group(1).replace(",", "")), match.group(2).split(":")[-1]
        if "PROGRAM" in line:
            total = count
        elif fn.startswith("CPyDef_"):
            found[fn] = max(found.get(fn, 0), count)
    return total, found


def diff(old: Path, new: Path) -> None:
    total_a, a = _inclusive(old)
    total_b, b = _inclusive(new)
    print(f"whole run: {total_a:,} -> {total_b:,} ({total_b / total_a:.4f})")
    for fn in sorted(a.keys() | b.keys(), key=lambda k: b.get(k, 0) - a.get(k, 0)):
        before, after = a.get(fn, 0), b.get(fn, 0)
        if abs(after - before) >= 1_000_000:
            print(f"{before:>14,} {after:>14,} {after - before:>+14,}  {fn.removeprefix('CPyDef_')}")


# extract()'s stages in the order it calls them: a label and the compiled functions counted
# for it (inclusive; "- " rows are parts of the row above).
STAGES = (
    ("without_bodies (the scripts' and style sheets' text cut out)", ("_bodies___without_bodies",)),
    ("limits scan (`_limits.scan`, the C loop)", ("_limits___scan",)),
    ("parse (Lexbor, through `_parse.parse`)", ("_parse___parse",)),
    (
        "page_info / json_ld_texts / json_ld_objects / read_page / declared_type / page_type",
        (
            "_parse___page_info",
            "_page_type___json_ld_texts",
            "_metadata___json_ld_objects",
            "_metadata___read_page",
            "_page_type___declared_type",
            "_page_type___page_type",
        ),
    ),
    ("traverse (the walk)", ("_segment___traverse",)),
    (
        "- `_enter` / `_exit` (each with the `_end_block` calls it makes)",
        ("_segment____enter", "_segment____exit"),
    ),
    ("- `_end_block` / `_block_text`", ("_segment_blocks____end_block", "_segment_blocks____block_text")),
    ("finish (Elements, RawBlocks, CSS paths)", ("_segmented___finish",)),
    ("feature_columns", ("_features___feature_columns",)),
    ("- token_stats", ("_token_stats___token_stats",)),
    ("- - phrase_kinds / detect_language", ("_phrases___phrase_kinds", "_language___detect_language")),
    (
        "features_of / locators / blocks_of",
        ("_features___features_of", "_features___locators", "_features___blocks_of"),
    ),
    ("score / smooth", ("_probability___score", "_probability___smooth")),
    ("decide", ("_combine___decide",)),
    (
        "relabel / with_description / complete / assemble",
        (
            "_combine___relabel",
            "_described___with_description",
            "_metadata___complete",
            "_assemble___assemble",
        ),
    ),
)


def stages(path: Path) -> None:
    total, found = _inclusive(path)
    print(f"| stage | M instructions | % of {total / 1e6:,.1f} M |\n|---|---|---|")
    for label, names in STAGES:
        counts = [found.get(f"CPyDef_{name}", 0) for name in names]
        shown = " / ".join(f"{c / 1e6:,.1f}" for c in counts)
        print(f"| {label} | {shown} | {100 * sum(counts) / total:.1f} |")


def callees(path: Path, functions: list[str], rows: int = 14) -> None:
    """Each function's callees by inclusive instructions. The calls column counts twice where
    a mypyc wrapper (``CPyPy_x``) enters its native function (``CPyDef_x``): on 20 pages,
    ``CPyPy__combine___decide`` is called 20 times and calls ``CPyDef__combine___decide``
    "40" times (callgrind's count of the wrapper's jump; extract() calls decide once a page).
    Read call counts from the wrapper's callers (self costs count each instruction once)."""
    cost, calls, _ = _edges(path)
    for caller in functions:
        found = sorted(((c, b) for (a, b), c in cost.items() if a == caller), reverse=True)[:rows]
        print(f"{caller}: its callees, inclusive M instructions, calls")
        for c, b in found:
            print(f"{c / 1e6:10.1f} {calls[caller, b]:>8}  {b}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="part", required=True)
    p = sub.add_parser("build")
    p.add_argument("root", type=Path)
    p.add_argument("out", type=Path)
    p = sub.add_parser("run")
    p.add_argument("data", type=Path)
    p.add_argument("--stride", type=int, default=15)
    p.add_argument("--cold", action="store_true", help="one warm-up call instead of the warm pass")
    p.add_argument("--repeat", type=int, default=1, help="counted passes over the pages")
    p = sub.add_parser("report")
    p.add_argument("callgrind_out", type=Path)
    p.add_argument("c_dir", type=Path)
    p = sub.add_parser("diff")
    p.add_argument("old", type=Path)
    p.add_argument("new", type=Path)
    p = sub.add_parser("stages")
    p.add_argument("callgrind_out", type=Path)
    p = sub.add_parser("callees")
    p.add_argument("callgrind_out", type=Path)
    p.add_argument("functions", nargs="+")
    args = parser.parse_args()
    if args.part == "build":
        build(args.root, args.out)
    elif args.part == "run":
        run(args.data, args.stride, cold=args.cold, repeat=args.repeat)
    elif args.part == "report":
        report(args.callgrind_out, args.c_dir)
    elif args.part == "stages":
        stages(args.callgrind_out)
    elif args.part == "callees":
        callees(args.callgrind_out, args.functions)
    else:
        diff(args.old, args.new)


if __name__ == "__main__":
    main()
