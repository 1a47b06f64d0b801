"""The optional compiled build against the pure-Python path of this checkout.

    python benchmarks/compiled_ab.py /work/shared/datasets --sample 300 --repeat 2
    python benchmarks/compiled_ab.py /work/shared/datasets --parts peers,identity

Builds the compiled wheel of this checkout (``BOILERSTRIP_COMPILE=1 pip wheel``: a C
compiler, 1-3 minutes on two cores; or ``--wheel`` to reuse one) and unpacks it into a
temporary folder, then runs the parts asked for:

- ``ab``: benchmarks/profile_ab.py with the compiled build as the new version and this
  checkout's ``src/`` as the old one, page by page in turn in one process (stage times,
  mean and median per page). The compiled build's chain of stages (_pipeline) runs there
  as Python, its source over the compiled stages, so the stages it calls are timed; the
  limits scan (called from the compiled _input) and the parts of the features stage are not
  (compiled modules call each other directly).
- ``peers``: score.py (``--extractors boilerstrip,resiliparse,trafilatura --jobs 1``)
  ``--peer-runs`` times for each path in turn, through ``BOILERSTRIP_SRC``; a table of the
  median ms per page and the ratios of each run.
- ``identity``: benchmarks/identity.py ``--formats`` on both paths; the pages that differ.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import speed  # noqa: E402 - the score.py runner


def build(folder: Path) -> Path:
    """The compiled wheel of this checkout, built into ``folder``."""
    env = {**os.environ, "BOILERSTRIP_COMPILE": "1"}
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(ROOT)]
    subprocess.run(command, env=env, check=True)
    (wheel,) = folder.glob("boilerstrip-*.whl")
    return wheel


def unpack(wheel: Path, folder: Path) -> Path:
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    probe = "import boilerstrip; print(boilerstrip.compiled())"
    out = subprocess.run(
        [sys.executable, "-c", probe], env=speed.env_for(folder), capture_output=True, text=True, check=True
    )
    if out.stdout.strip() != "True":
        raise SystemExit(f"{wheel.name} does not run compiled (a wheel built without BOILERSTRIP_COMPILE?)")
    return folder


def part_ab(args: argparse.Namespace, compiled: Path) -> None:
    command = [
        sys.executable, str(HERE / "profile_ab.py"), str(args.data), "--old-src", str(ROOT / "src"),
        "--sample", str(args.sample), "--seed", str(args.seed), "--repeat", str(args.repeat),
    ]  # fmt: skip
    print("## profile_ab: old = pure Python (src/), new = compiled\n", flush=True)
    subprocess.run(command, env=speed.env_for(compiled), check=True)


def part_peers(args: argparse.Namespace, compiled: Path, work: Path) -> None:
    paths = {"pure": ROOT / "src", "compiled": compiled}
    print("\n## score.py, each path in turn\n")
    print(
        "| run | path | boilerstrip median ms | resiliparse | trafilatura | ÷ resiliparse | ÷ trafilatura |"
    )
    print("|---|---|---|---|---|---|---|")
    order = list(paths.items())
    for index in range(args.peer_runs):
        for name, src in order:
            run_args = argparse.Namespace(
                data=args.data, score_py=args.score_py, sample=args.sample, seed=args.seed,
                src=src, out=work / f"{name}.json",
            )  # fmt: skip
            rows = speed.one_peer_run(run_args, index)["extractors"]
            missing = [k for k in ("resiliparse", "trafilatura") if k not in rows]
            if missing:  # score.py skips a peer that is not installed
                sys.exit(f"peers not installed: {', '.join(missing)} (pip install -e '.[bench]')")
            own, res, tra = (rows[k]["median_ms"] for k in ("boilerstrip", "resiliparse", "trafilatura"))
            cells = (
                index + 1,
                name,
                f"{own:.2f}",
                f"{res:.2f}",
                f"{tra:.2f}",
                f"{own / res:.1f}x",
                f"{own / tra:.2f}x",
            )
            print("| " + " | ".join(map(str, cells)) + " |")
            sys.stdout.flush()
        order.reverse()  # each path goes first in every other run


def part_identity(args: argparse.Namespace, compiled: Path, work: Path) -> None:
    script = str(HERE / "identity.py")
    pure, built = work / "identity-pure.json", work / "identity-compiled.json"
    subprocess.run(
        [sys.executable, script, str(args.data), "--formats", "--out", str(pure)],
        env=speed.env_for(ROOT / "src"), check=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, script, str(args.data), "--formats", "--out", str(built), "--compare", str(pure)],
        env=speed.env_for(compiled), check=True,
    )  # fmt: skip
    print(f"\n## identity: {len(json.loads(pure.read_text()))} pages hashed on both paths (see above)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data", type=Path)
    parser.add_argument("--parts", default="ab", help="comma-separated: ab, peers, identity")
    parser.add_argument("--wheel", type=Path, help="a compiled wheel built before (skips the build)")
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=2, help="profile_ab: runs per page and path")
    parser.add_argument("--peer-runs", type=int, default=3, help="score.py runs per path")
    parser.add_argument("--score-py", type=Path, default=ROOT.parent / "shared" / "tools" / "score.py")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    work = Path(tempfile.mkdtemp(prefix="compiled_ab-"))
    try:
        wheel = args.wheel.resolve() if args.wheel else build(work / "wheel")
        compiled = unpack(wheel, work / "compiled")
        if "ab" in parts:
            part_ab(args, compiled)
        if "peers" in parts:
            part_peers(args, compiled, work)
        if "identity" in parts:
            part_identity(args, compiled, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
