"""Where ``extract()``'s time goes, by stage and by library: a sampling profile of the
compiled build, beside callgrind's instruction counts of the same stages.

Instruction counts (``mypyc_profile.py stages``) do not move with the machine's load, but an
instruction is not a nanosecond: Lexbor's tight C retires several a cycle, while the
interpreter's dict look-ups, allocations and reference counts miss the caches. This tool
samples the CPU clock with ``perf`` (no hardware counters needed: ``-e cpu-clock``) while
``mypyc_profile.py run`` extracts the pages, unwinds each sample's stack (DWARF), keeps the
samples taken inside the counted pass (under ``itertools.dropwhile``'s ``__next__``, as
callgrind's ``--toggle-collect`` does) and counts each for every stage function its stack
holds (inclusive), and for the library its innermost frame is in (self). The interpreter's
samples are also counted by the boilerstrip function that asked for them and by kind
(allocation, deallocation, look-ups, the cyclic collector, interpreted frames).

    python benchmarks/mypyc_profile.py build . /tmp/b                 # the compiled build
    python benchmarks/timed_stages.py record /tmp/t.data ../shared/datasets --pkg /tmp/b/pkg
    python benchmarks/timed_stages.py report /tmp/t.data [--callgrind /tmp/cg-warm.out]

Stages are named by the compiled build's C functions (``CPyDef_<module>___<function>``):
the pure build's functions all show as the interpreter's loop, so it cannot be read so. A
sample's share is a share of the time of the counted pass; the machine's load slows some
code more than other, so compare shares of runs made in the same window.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import mypyc_profile  # noqa: E402  (beside this file)

_OWN_C = r"/boilerstrip/_c(?:scan|score|tokens|walk)\.cpython"  # the package's C extensions
# The library a sample's innermost frame is in, by the shared object's file name.
LIBRARIES = (
    ("the interpreter (libpython: dicts, allocation, reference counts, str methods)", r"libpython"),
    ("boilerstrip's C extensions", _OWN_C),
    ("boilerstrip's compiled Python (mypyc)", r"boilerstrip__mypyc|/boilerstrip/_[a-z_]+\.cpython"),
    ("Lexbor (selectolax)", r"selectolax|lexbor"),
    ("regex", r"_regex\.cpython"),
    ("libc (memcpy, malloc)", r"libc\.so|libm\.so"),
    ("the kernel (page faults, zeroed pages)", r"kernel|\[unknown\]"),
)
_COUNTED = "dropwhile_next"


def record(out: Path, data: Path, pkg: Path, *, stride: int, repeat: int, freq: int) -> None:
    """``perf record`` of ``mypyc_profile.py run`` on the build at ``pkg``."""
    env = dict(os.environ, PYTHONPATH=str(pkg), PYTHONHASHSEED="0")
    command = [
        "perf", "record", "-e", "cpu-clock", "-F", str(freq), "--call-graph", "dwarf,16384",
        "-o", str(out), sys.executable, str(HERE / "mypyc_profile.py"), "run", str(data),
        "--stride", str(stride), "--repeat", str(repeat),
    ]  # fmt: skip
    subprocess.run(command, env=env, check=True)


def samples(data: Path) -> list[list[tuple[str, str]]]:
    """Each sample's frames in ``perf record``'s file, innermost first."""
    script = ["perf", "script", "-i", str(data), "-F", "ip,sym,dso"]
    return parse_script(subprocess.run(script, capture_output=True, text=True, check=True).stdout)


def parse_script(text: str) -> list[list[tuple[str, str]]]:
    """``perf script -F ip,sym,dso``'s samples: each a list of (function, shared object)."""
    out: list[list[tuple[str, str]]] = []
    for chunk in text.split("\n\n"):
        frames = []
        for line in chunk.strip("\n").split("\n"):
            found = re.match(r"\s*[0-9a-f]+ (.*?)(?: \((.*)\))?$", line)
            if found:
                frames.append((found.group(1), found.group(2) or ""))
        if frames:
            out.append(frames)
    return out


class Shares(NamedTuple):
    """The counted pass's samples: how many, and how many by stage function (inclusive), by
    library and by function (both of the innermost frame)."""

    samples: int
    by_function: collections.Counter[str]
    by_library: collections.Counter[str]
    by_leaf: collections.Counter[str]
    by_own: collections.Counter[str]  # the innermost frame of boilerstrip's own code


def shares(every: list[list[tuple[str, str]]]) -> Shares:
    counted = [frames for frames in every if any(fn == _COUNTED for fn, _ in frames)]
    by_function = collections.Counter[str]()
    by_library = collections.Counter[str]()
    for frames in counted:
        by_function.update({fn for fn, _ in frames if fn.startswith("CPyDef_")})
        dso = next((d for _, d in frames if d != "inlined"), "")  # an inlined frame's is its caller's
        label = next((lab for lab, pattern in LIBRARIES if re.search(pattern, dso)), f"other ({dso})")
        by_library[label] += 1
    by_leaf = collections.Counter(frames[0][0] for frames in counted)
    by_own = collections.Counter(_own(frames) for frames in counted)
    return Shares(len(counted), by_function, by_library, by_leaf, by_own)


def _own(frames: list[tuple[str, str]]) -> str:
    """The innermost function of boilerstrip's (compiled or C) that the sample is in: the
    interpreter's, libc's and the kernel's work counted for the function that asked for it."""
    for fn, dso in frames:
        if fn.startswith("CPyDef_") or re.search(_OWN_C, dso):
            return fn
    return "(none)"


# The kinds of the interpreter's work, by the first real (not inlined) frame's function or an
# inlined one inside it, in this order: the first pattern that matches names the kind.
KINDS = (
    ("cyclic collector", r"^(gc_|visit_|deduce_unreachable|update_refs|subtract_refs|move_)"),
    ("allocation", r"(Malloc|Calloc|Realloc|_Py_NewReference|GC_New|GC_Link|_alloc$|Alloc|maybe_freelist)"),
    ("deallocation", r"(dealloc|Dealloc|Free|GC_Del|GC_UnTrack|_clear$)"),
    (
        "dict and attribute look-ups",
        r"(dict|Dict|lookup|unicodekeys|_PyType_Lookup|GetAttr|SetAttr|siphash|hash)",
    ),
    (
        "interpreted code and generic calls",
        r"(_PyEval|[Vv]ectorcall|_PyFunction|slot_tp|MakeTpCall|Call|getargs|type_call)",
    ),
    ("str methods", r"(unicode|Unicode|find|ascii|_copy_characters|split|Split|join|Join|replace)"),
    ("lists and tuples", r"(list|List|tuple|Tuple)"),
)


def kind_of(frames: list[tuple[str, str]]) -> str:
    """The kind of interpreter work a sample is in (:data:`KINDS`), "other" for none."""
    for fn, dso in frames:
        for label, pattern in KINDS:
            if re.search(pattern, fn):
                return label
        if dso != "inlined":
            break
    return "other"


def interpreter_by_caller(
    every: list[list[tuple[str, str]]],
) -> tuple[int, collections.Counter[tuple[str, str]], collections.Counter[str]]:
    """The counted pass's samples, its libpython samples by (boilerstrip's innermost
    function, kind of work), and its samples in interpreted frames (``_PyEval_EvalFrameDefault``
    inside the innermost own function) by that function."""
    counted = [frames for frames in every if any(fn == _COUNTED for fn, _ in frames)]
    by_caller = collections.Counter[tuple[str, str]]()
    interpreted = collections.Counter[str]()
    for frames in counted:
        dso = next((d for _, d in frames if d != "inlined"), "")
        if re.search(LIBRARIES[0][1], dso):
            by_caller[(_own(frames), kind_of(frames))] += 1
        for fn, d in frames:
            if fn.startswith("CPyDef_") or re.search(_OWN_C, d):
                break
            if fn == "_PyEval_EvalFrameDefault":
                interpreted[_own(frames)] += 1
                break
    return len(counted), by_caller, interpreted


def report_interpreter(every: list[list[tuple[str, str]]], rows: int = 30) -> None:
    """:func:`interpreter_by_caller` as Markdown tables: whose calls the interpreter's time is
    spent in ("(none)": extract()'s own frames in _extract.py, and what they free; compiled,
    the chain of stages is ``CPyDef__pipeline_*``, and what its ``del``s free falls there)."""
    n, by_caller, interpreted = interpreter_by_caller(every)
    callers = collections.Counter[str]()
    for (caller, _kind), count in by_caller.items():
        callers[caller] += count
    kinds = [label for label, _ in KINDS] + ["other"]
    print("\n| boilerstrip's function | libpython, % of time | " + " | ".join(kinds) + " |")
    print("|---|---|" + "---|" * len(kinds))
    for caller, count in callers.most_common(rows):
        cells = " | ".join(f"{100 * by_caller[(caller, kind)] / n:.2f}" for kind in kinds)
        print(f"| `{caller}` | {100 * count / n:.2f} | {cells} |")
    print("\n| interpreted frames under | % of time |\n|---|---|")
    for caller, count in interpreted.most_common(15):
        print(f"| `{caller}` | {100 * count / n:.2f} |")


def report(data: Path, callgrind: Path | None) -> None:
    every = samples(data)
    found = shares(every)
    n = found.samples
    print(f"{n:,} of {len(every):,} samples in the counted pass\n")
    total_ir, instructions = mypyc_profile._inclusive(callgrind) if callgrind else (0, {})
    print("| stage | % of time (samples) | % of instructions |\n|---|---|---|")
    for label, names in mypyc_profile.STAGES:
        time_cell = " / ".join(f"{100 * found.by_function[f'CPyDef_{name}'] / n:.1f}" for name in names)
        ir = [100 * instructions.get(f"CPyDef_{name}", 0) / total_ir for name in names] if total_ir else []
        ir_cell = " / ".join(f"{share:.1f}" for share in ir) or "-"
        print(f"| {label} | {time_cell} | {ir_cell} |")
    print("\n| where the time is spent (innermost frame) | % of time |\n|---|---|")
    for label, count in found.by_library.most_common(8):
        print(f"| {label} | {100 * count / n:.1f} |")
    print("\n| innermost function | % of time |\n|---|---|")
    for name, count in found.by_leaf.most_common(20):
        print(f"| `{name}` | {100 * count / n:.1f} |")
    print("\n| boilerstrip's innermost function (with what it calls outside) | % of time |\n|---|---|")
    for name, count in found.by_own.most_common(30):
        print(f"| `{name}` | {100 * count / n:.1f} |")
    report_interpreter(every)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="part", required=True)
    p = sub.add_parser("record")
    p.add_argument("out", type=Path)
    p.add_argument("data", type=Path)
    p.add_argument("--pkg", type=Path, required=True, help="the compiled build's package folder")
    p.add_argument("--stride", type=int, default=1)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--freq", type=int, default=1000, help="samples a second")
    p = sub.add_parser("report")
    p.add_argument("data", type=Path)
    p.add_argument("--callgrind", type=Path, help="a warm `mypyc_profile.py run`'s callgrind output")
    args = parser.parse_args()
    if args.part == "record":
        record(args.out, args.data, args.pkg, stride=args.stride, repeat=args.repeat, freq=args.freq)
    else:
        report(args.data, args.callgrind)


if __name__ == "__main__":
    main()
