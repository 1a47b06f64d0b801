"""Every figure of issue 5 (speed and memory) in one run: the peers' ratio table, the import
time, RSS over 20,000 extractions and the time and memory of 1 to 50 MB pages.

    python benchmarks/speed.py ../shared/datasets                 # everything (~15 min)
    python benchmarks/speed.py ../shared/datasets --quick         # a smoke run (~2 min)
    python benchmarks/speed.py ../shared/datasets --parts import,size
    python benchmarks/speed.py ../shared/datasets --src /other/checkout/src   # another version
    python benchmarks/speed.py --parts size --src src --src /tmp/build/pkg   # both builds, one table

Parts:
  peers   ``../shared/tools/score.py --extractors boilerstrip,resiliparse,trafilatura
          --sample 300 --seed 0 --jobs 1`` (one worker pinned to one core, extraction call only,
          after a warm-up call); median and p90 per extractor and boilerstrip's ratios to each.
  import  median of 10 fresh interpreters timing ``import boilerstrip`` (perf_counter around the
          statement), and of the whole ``python -c "import boilerstrip"`` minus ``python -c pass``;
          with bytecode compiled once into a fresh PYTHONPYCACHEPREFIX, as an installed wheel has it.
  rss     20,000 extractions in one process cycling the dev pages (a fixed shuffle, read from
          disk each time, no time budget: the machine's load must not stop a page); every 1,000
          extractions, after gc.collect(): VmRSS, Python's allocated blocks and glibc's heap
          (mallinfo2, which changes nothing: in use, free, free at the top); growth from the
          1,000th extraction to the last. Nothing is trimmed unless asked: ``--trim`` also reads
          VmRSS once malloc_trim(0) has returned the free heap (which empties the heap the next
          sample's raw VmRSS would show: that run's raw figure is not a plain loop's);
          ``--release-every N`` calls ``boilerstrip.release_memory()`` every N extractions;
          ``--no-extract`` runs the same loop without extract(): what the loop's own reading
          (gzip.decompress, decode) leaves in glibc's heap, the control for the figure;
          ``--bytes`` gives extract() each page's bytes, as a crawler does, not their text.
          The child writes each sample to stderr as it is taken.
  size    a page of about 1, 5, 25 and 50 MB built from repeated paragraphs and chrome, each in
          its own process: time of extract() (with the young collection it runs where it
          paused the cyclic collector) and the process's peak RSS (getrusage), against
          the same process before extract() (interpreter, page and import); ``--bytes``: the
          page given as its UTF-8 bytes. ``--src`` given more than once (this part only) runs
          every size with each, in the order given, in one table with the src and its build
          (pure or compiled) first: e.g. the source and a compiled build
          (``benchmarks/mypyc_profile.py build . OUT``, then ``--src src --src OUT/pkg``).
          The same pages by stage: ``benchmarks/size_stages.py``.

Timings are only comparable within one run (the machine is shared): read the ratios. Results go
to --out (JSON) and a Markdown file beside it.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from _rss import child_rss, rss_lines, summarise

ROOT = Path(__file__).resolve().parent.parent
PEERS = ("resiliparse", "trafilatura")
SIZES_MB = (1, 5, 25, 50)
# Options fields that cap the input (on branches that add limits): None lifts each one.
LIMIT_FIELDS = (
    "max_input_chars", "max_nodes", "max_depth", "max_depth_sum", "max_attributes", "max_name_work",
    "max_total_attributes", "time_budget",
)  # fmt: skip


# -- children ---------------------------------------------------------------------------------
def unlimited_options() -> Any:
    """Options() with every input limit lifted, where this version of Options has limits."""
    from boilerstrip import Options

    names = {f.name for f in dataclasses.fields(Options)}
    return Options().replace(**{name: None for name in LIMIT_FIELDS if name in names})


def big_page(megabytes: float) -> str:
    """A page of about ``megabytes`` MB: a header, then sections of article prose with a
    related-links box and a share bar, then a footer, as on a long news or forum page. Each
    section is numbered in its text: identical sections would be second renderings of the
    first, which extract() drops (_copied_boxes), and the page would measure little text."""
    head = (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Big page</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav></header>"
        "<main>"
    )
    tail = "</main><footer><p>Copyright 2026 Example. All rights reserved.</p></footer></body></html>"
    section = []
    for k in range(6):
        section.append(
            f"<p>The council met on Tuesday to discuss part {k} of river plan #N#, which residents say "
            "has been delayed for years. Officials said that funding from the national government would "
            "cover most of the cost, and that work on the northern bank could begin in the spring, "
            "weather permitting, with the <a href='/a'>first results</a> expected within a year.</p>"
        )
    chunk = (
        "<section class='story'><h2>Council approves the river plan</h2>"
        + "".join(section)
        + "<aside class='related'><h3>Related</h3><ul>"
        + "".join(f"<li><a href='/s{i}'>Another story about the river, number {i}</a></li>" for i in range(4))
        + "</ul></aside><div class='share'><a href='#'>Share</a> <a href='#'>Tweet</a></div></section>"
    )
    count = max(1, round((megabytes * 2**20 - len(head) - len(tail)) / len(chunk)))
    return head + "".join(chunk.replace("#N#", str(n)) for n in range(count)) + tail


def child_size(megabytes: float, as_bytes: bool = False) -> dict[str, Any]:
    import boilerstrip

    options = unlimited_options()
    boilerstrip.extract(big_page(0.01), options=options)  # warm-up: lazy tables
    html: str | bytes = big_page(megabytes).encode() if as_bytes else big_page(megabytes)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    started, cpu_started = time.perf_counter(), time.process_time()
    result = boilerstrip.extract(html, options=options)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return {
        "mb": megabytes,
        "input_mb": len(html if isinstance(html, bytes) else html.encode()) / 2**20,
        "bytes": as_bytes,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,  # the process's own CPU time: steadier than wall time on a busy machine
        "peak_rss_mb": peak,
        "rss_before_mb": before,
        "blocks": len(result.blocks),
        "text_chars": len(result.text),
        "truncated": bool(getattr(result, "truncated", False)),
        "compiled": _compiled_build(),
    }


def _compiled_build() -> bool | None:
    """Whether the boilerstrip this child imported is the compiled build (None: it cannot tell)."""
    try:
        from boilerstrip._compiled import compiled
    except ImportError:
        return None
    return bool(compiled())


# -- parts --------------------------------------------------------------------------------------
def env_for(src: Path | None) -> dict[str, str]:
    env = dict(os.environ)
    if src is not None:
        env["PYTHONPATH"] = str(src)
        env["BOILERSTRIP_SRC"] = str(src)
    return env


def run_child(args: list[str], src: Path | None, *, show_stderr: bool = False) -> Any:
    """The JSON the child prints last; its stderr is passed through with ``show_stderr``."""
    command = [sys.executable, __file__, *args]
    stderr = None if show_stderr else subprocess.PIPE
    out = subprocess.run(
        command, env=env_for(src), stdout=subprocess.PIPE, stderr=stderr, text=True, check=False
    )
    if out.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{out.stderr or ''}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def part_peers(args: argparse.Namespace) -> dict[str, Any]:
    """``--peer-runs`` runs of score.py; per extractor, the median over the runs of its median
    and p90. score.py times the extractors one after the other, so on a shared machine a
    change of load between them moves one run's ratios: the runs show by how much."""
    runs = [one_peer_run(args, index) for index in range(args.peer_runs)]
    rows = {}
    for name in runs[0]["extractors"]:
        per_run = [run["extractors"][name] for run in runs]
        rows[name] = {
            key: statistics.median(r[key] for r in per_run) for key in per_run[0] if key != "version"
        }
        rows[name]["version"] = per_run[0]["version"]
    ratios = {
        name: {
            "median": [
                r["extractors"]["boilerstrip"]["median_ms"] / r["extractors"][name]["median_ms"] for r in runs
            ],
            "p90": [r["extractors"]["boilerstrip"]["p90_ms"] / r["extractors"][name]["p90_ms"] for r in runs],
        }
        for name in rows
    }
    return {
        "command": runs[0]["command"],
        "pages": runs[0]["pages"],
        "runs": runs,
        "extractors": rows,
        "ratios": ratios,
    }


def one_peer_run(args: argparse.Namespace, index: int) -> dict[str, Any]:
    out = Path(args.out).with_suffix(f".peers{index + 1}.json")
    command = [
        sys.executable, str(args.score_py), "--data", str(args.data),
        "--extractors", ",".join(("boilerstrip", *PEERS)),
        "--sample", str(args.sample), "--seed", str(args.seed), "--jobs", "1", "--quiet", "--out", str(out),
    ]  # fmt: skip
    subprocess.run(command, env=env_for(args.src), check=True, stdout=subprocess.DEVNULL)
    results = json.loads(out.read_text())
    rows = {}
    for name, figures in results["results"].items():
        speed = figures["speed"]
        rows[name] = {
            "median_ms": speed["median_ms"],
            "p90_ms": speed["p90_ms"],
            "mean_ms": speed["mean_ms"],
            "pages_per_s": speed["pages_per_s"],
            "peak_rss_mb": results["worker_meta"][name]["peak_rss_kb"] / 1024.0,
            "version": results["meta"]["versions"].get(name, ""),
        }
    return {"command": " ".join(command[1:]), "pages": results["meta"]["n_pages"], "extractors": rows}


def part_import(args: argparse.Namespace) -> dict[str, Any]:
    statement = "import time; t = time.perf_counter(); import boilerstrip; print(time.perf_counter() - t)"
    # With compiled bytecode, as an installed wheel has it: an editable install under
    # PYTHONDONTWRITEBYTECODE=1 would compile every module from source in every run.
    env = env_for(args.src)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    inside, whole, bare = [], [], []
    with tempfile.TemporaryDirectory(prefix="speed-pycache-") as cache:
        env["PYTHONPYCACHEPREFIX"] = cache
        subprocess.run([sys.executable, "-c", "import boilerstrip"], env=env, check=True)  # compiles
        for _ in range(args.import_runs):
            started = time.perf_counter()
            out = subprocess.run([sys.executable, "-c", statement], env=env, capture_output=True, check=True)
            whole.append(time.perf_counter() - started)
            inside.append(float(out.stdout))
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
            bare.append(time.perf_counter() - started)
    return {
        "runs": args.import_runs,
        "import_ms": statistics.median(inside) * 1000,
        "process_minus_bare_ms": (statistics.median(whole) - statistics.median(bare)) * 1000,
    }


def part_rss(args: argparse.Namespace) -> dict[str, Any]:
    child = [str(args.data), "--child-rss", str(args.extractions), "--seed", str(args.seed)]
    child += ["--every", str(args.every), "--release-every", str(args.release_every)]
    child += ["--trim"] if args.trim else []
    child += ["--no-extract"] if args.no_extract else []
    child += ["--bytes"] if args.bytes else []
    return summarise(run_child(child, args.src, show_stderr=True))


def part_size(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows = []
    for src, mb in [(src, mb) for src in args.srcs for mb in args.sizes]:
        row = run_child(["--child-size", str(mb), *(["--bytes"] if args.bytes else [])], src)
        if len(args.srcs) > 1:
            row["src"] = str(src or "the installed package")
        # The parent's view of its children: the largest peak so far (sizes run in increasing order).
        row["children_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0
        row["peak_over_input"] = row["peak_rss_mb"] / row["input_mb"]
        row["added_over_input"] = (row["peak_rss_mb"] - row["rss_before_mb"]) / row["input_mb"]
        row["ms_per_mb"] = row["seconds"] * 1000 / row["input_mb"]
        row["cpu_ms_per_mb"] = row.get("cpu_seconds", math.nan) * 1000 / row["input_mb"]
        rows.append(row)
    return rows


# -- report -------------------------------------------------------------------------------------
def markdown(results: dict[str, Any]) -> str:
    lines = [f"Run {results['created']} on {results['machine']}; boilerstrip from {results['src']}.", ""]
    if "peers" in results:
        peers = results["peers"]
        rows, ours = peers["extractors"], peers["extractors"]["boilerstrip"]
        lines += [
            f"`{peers['command']}` ({peers['pages']} pages), run {len(peers['runs'])} times; figures are the "
            "medians over the runs, ratios per run in brackets:",
            "",
            "| extractor | median ms | p90 ms | mean ms | peak RSS MB | boilerstrip median ÷ this | "
            "boilerstrip p90 ÷ this |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, row in rows.items():
            ratio = peers["ratios"][name]
            lines.append(
                f"| {name} | {row['median_ms']:.2f} | {row['p90_ms']:.2f} | {row['mean_ms']:.2f} | "
                f"{row['peak_rss_mb']:.0f} | {ours['median_ms'] / row['median_ms']:.2f} "
                f"({', '.join(f'{r:.2f}' for r in ratio['median'])}) | {ours['p90_ms'] / row['p90_ms']:.2f} "
                f"({', '.join(f'{r:.2f}' for r in ratio['p90'])}) |"
            )
        lines.append("")
    if "import" in results:
        imp = results["import"]
        lines += [
            f"`import boilerstrip`: median {imp['import_ms']:.0f} ms over {imp['runs']} fresh interpreters "
            f"(whole process minus a bare `python -c pass`: {imp['process_minus_bare_ms']:.0f} ms).",
            "",
        ]
    if "rss" in results:
        lines += rss_lines(results["rss"])
    if "size" in results:
        several = any("src" in row for row in results["size"])  # --src given more than once
        lines += [
            ("| src | build " if several else "")
            + "| page | seconds | ms per MB | CPU seconds | CPU ms per MB | peak RSS MB | peak ÷ input | "
            "RSS before extract MB | (peak − before) ÷ input | blocks |",
            ("|---|---" if several else "") + "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for row in results["size"]:
            build = {True: "compiled", False: "pure"}.get(row.get("compiled"), "?")
            lines.append(
                (f"| {row['src']} | {build} " if several else "")
                + f"| {row['input_mb']:.1f} MB | {row['seconds']:.2f} | {row['ms_per_mb']:.0f} | "
                f"{row.get('cpu_seconds', math.nan):.2f} | {row.get('cpu_ms_per_mb', math.nan):.0f} | "
                f"{row['peak_rss_mb']:.0f} | {row['peak_over_input']:.1f} | {row['rss_before_mb']:.0f} | "
                f"{row['added_over_input']:.1f} | {row['blocks']:,} |"
            )
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path, nargs="?", default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--parts", default="peers,import,rss,size", help="comma-separated parts to run")
    parser.add_argument("--quick", action="store_true", help="60 pages, 2,000 extractions, 1 and 5 MB")
    parser.add_argument(
        "--src",
        type=Path,
        action="append",
        help="run the boilerstrip of this src/ folder instead; more than once: each, for --parts size",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "speed-results.json")
    parser.add_argument("--score-py", type=Path, default=ROOT.parent / "shared" / "tools" / "score.py")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--extractions", type=int, default=20_000)
    parser.add_argument("--every", type=int, default=1_000, help="extractions between RSS samples")
    parser.add_argument("--trim", action="store_true", help="rss: VmRSS after malloc_trim(0) too")
    parser.add_argument("--release-every", type=int, default=0, help="rss: release_memory() every N")
    parser.add_argument(
        "--no-extract", action="store_true", help="rss: the same loop without extract() (the reading only)"
    )
    parser.add_argument("--bytes", action="store_true", help="rss, size: give extract() bytes, not text")
    parser.add_argument("--import-runs", type=int, default=10)
    parser.add_argument("--peer-runs", type=int, default=3, help="runs of score.py (medians over them)")
    parser.add_argument("--sizes", type=float, nargs="+", default=list(SIZES_MB))
    parser.add_argument("--child-size", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--child-rss", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_size is not None:
        print(json.dumps(child_size(args.child_size, args.bytes)))
        return 0
    if args.child_rss is not None:
        result = child_rss(
            args.data,
            args.child_rss,
            args.seed,
            args.every,
            trim=args.trim,
            release_every=args.release_every,
            extract=not args.no_extract,
            as_bytes=args.bytes,
        )
        print(json.dumps(result))
        return 0
    if args.quick:
        args.sample, args.extractions, args.sizes = 60, 2_000, [1.0, 5.0]
    args.srcs = [src.resolve() for src in args.src] if args.src else [None]
    if len(args.srcs) > 1 and args.parts != "size":
        parser.error("--src more than once runs --parts size only")
    args.src = args.srcs[0]
    results: dict[str, Any] = {
        "created": time.strftime("%Y-%m-%d %H:%M"),
        "machine": f"{os.uname().machine}, {os.cpu_count()} CPUs, Python {sys.version.split()[0]}",
        "src": ", ".join(str(src or "the installed package") for src in args.srcs),
    }
    parts = {"peers": part_peers, "import": part_import, "rss": part_rss, "size": part_size}
    for name in args.parts.split(","):
        started = time.perf_counter()
        results[name] = parts[name](args)
        print(f"{name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
        args.out.write_text(json.dumps(results, indent=1))  # after each part: a long run keeps what it did
    report = markdown(results)
    args.out.with_suffix(".md").write_text(report)
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
