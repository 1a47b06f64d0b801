"""boilerstrip on several Pythons: the test suite, the compiled build, and output identity.

For each interpreter given, in a folder of its own under ``--work``:

- a venv with the project installed editable (``pip install -e '.[dev]'``, else ``.[test]``
  when an extra cannot install on that version), in which the whole suite runs (pure);
- a second venv with the compiled build as a user makes it (``BOILERSTRIP_COMPILE=1 pip
  install .``; ``BOILERSTRIP_PGO=0`` in the environment builds once, without the profile);
  ``boilerstrip.compiled()`` must say True;
- ``identity.py`` on the hand-made pages (``tests/fixtures``, text and ``--bytes``) and, with
  ``--data``, on the development pages (``--formats``): the compiled build against the pure
  source of the same Python, and the pure source against ``--reference`` (another Python's
  pure digests, e.g. those of the Python the published figures were made with).

It writes a Markdown table (``--out``, by default benchmarks/pythons-results.md) and the
figures as JSON beside it. pip runs one at a time (a lock), however many ``--jobs``:

    python benchmarks/pythons.py /root/.pyenv/versions/3.1{0.13,2.1,3.0}/bin/python \\
        --work /tmp/pythons --data ../shared/datasets --reference /tmp/id-3.11-pure.json --jobs 2

An existing venv under ``--work`` is used as it is (delete the folder to reinstall). Runs
in several processes join in one report: ``--merge`` each one's JSON (a later one's version
wins), with or without interpreters to run now.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IDENTITY = "benchmarks/identity.py"
_PIP = threading.Lock()  # one pip at a time: they share the cache and the machine
_DIFFER = re.compile(r"^(\d+) of (\d+) pages differ", re.MULTILINE)
_SUMMARY = re.compile(r"^=*\s*(\d+ (passed|failed).*?)\s*=*$", re.MULTILINE)


@dataclass
class Identity:
    """One identity.py comparison: how many pages differ (None: it did not finish)."""

    differ: int | None = None
    pages: int | None = None
    listed: str = ""  # the first pages that differ, or why it did not finish


@dataclass
class Version:
    """What one interpreter gave."""

    python: str
    version: str = ""
    installed: str = ""  # the extra the pure venv has: "dev", "test", or "" when none installed
    install_note: str = ""
    suite: str = ""  # pytest's closing line
    suite_failed: list[str] = field(default_factory=list)
    suite_seconds: float = 0.0
    built: bool = False
    build_note: str = ""
    build_seconds: float = 0.0
    compiled: bool = False
    identity: dict[str, Identity] = field(default_factory=dict)


def run(
    cmd: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``cmd`` with this process's environment less PYTHONPATH (each venv reads its own
    install), plus ``env``."""
    full = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | (env or {})
    return subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True, check=False)


def pip_install(
    venv: Path, *targets: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    with _PIP:
        # Nor beside another process's pip (another run of this script, a developer's).
        while (
            subprocess.run(["pgrep", "-f", "pip install"], capture_output=True, check=False).returncode == 0
        ):
            time.sleep(10)
        return run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *targets], env=env)


def last_lines(text: str, n: int = 3) -> str:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("WARNING: Location")]
    return " / ".join(lines[-n:])


def make_venv(python: str, venv: Path) -> bool:
    """A new venv at ``venv``; False when one is there already (it is used as it is)."""
    if (venv / "bin" / "python").exists():
        return False
    venv.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    return True


def pure_venv(python: str, venv: Path, found: Version) -> None:
    if not make_venv(python, venv):
        found.installed, found.install_note = "as found", f"{venv} already there, used as it was"
        return
    for extra in ("dev", "test"):
        done = pip_install(venv, "-e", f"{ROOT}[{extra}]")
        if done.returncode == 0:
            found.installed = f".[{extra}]"
            return
        found.install_note += f"[{extra}] failed: {last_lines(done.stdout + done.stderr)}. "


def suite(venv: Path, found: Version) -> None:
    start = time.monotonic()
    done = run([str(venv / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"])
    found.suite_seconds = round(time.monotonic() - start)
    summaries = _SUMMARY.findall(done.stdout)
    found.suite = (
        summaries[-1][0] if summaries else f"exit {done.returncode}: {last_lines(done.stdout + done.stderr)}"
    )
    found.suite_failed = [line for line in done.stdout.splitlines() if line.startswith(("FAILED", "ERROR"))]


def compiled_venv(python: str, venv: Path, found: Version) -> None:
    start = time.monotonic()
    if make_venv(python, venv):
        done = pip_install(venv, str(ROOT), env={"BOILERSTRIP_COMPILE": "1"})
        found.built = done.returncode == 0
        if not found.built:
            found.build_note = last_lines(done.stdout + done.stderr, 6)
    else:
        found.built, found.build_note = True, f"{venv} already there, used as it was"
    found.build_seconds = round(time.monotonic() - start)
    if found.built:
        check = run([str(venv / "bin" / "python"), "-c", "import boilerstrip; print(boilerstrip.compiled())"])
        found.compiled = check.stdout.strip() == "True"


def identity(venv: Path, data: Path, out: Path, options: list[str], compare: Path | None) -> Identity:
    cmd = [str(venv / "bin" / "python"), IDENTITY, str(data), "--out", str(out), *options]
    done = run([*cmd, "--compare", str(compare)] if compare else cmd)
    match = _DIFFER.search(done.stdout)
    if done.returncode not in (0, 1) or not out.exists() or (compare and match is None):
        return Identity(listed=f"exit {done.returncode}: {last_lines(done.stderr)}")
    if match is None:
        return Identity(differ=0, pages=len(json.loads(out.read_text())))
    return Identity(int(match.group(1)), int(match.group(2)), done.stdout[match.end() :].strip(": \n")[:300])


def one_python(python: str, args: argparse.Namespace) -> Version:
    found = Version(python)
    found.version = run([python, "-c", "import platform; print(platform.python_version())"]).stdout.strip()
    work: Path = args.work / found.version
    pure, built = work / "pure", work / "compiled"
    pure_venv(python, pure, found)
    if not found.installed:
        return found
    if not args.no_suite:
        suite(pure, found)
    compiled_venv(python, built, found)
    sets = [
        ("fixtures", ROOT / "tests" / "fixtures", ["--formats"]),
        ("fixtures-bytes", ROOT / "tests" / "fixtures", ["--formats", "--bytes"]),
    ]
    if args.data:
        sets.append(("pages", args.data, ["--formats"]))
    for name, data, options in sets:
        mine = work / f"id-{name}-pure.json"
        first = identity(
            pure, data, mine, options, args.reference if name == "pages" and args.reference else None
        )
        if name == "pages" and args.reference:
            found.identity["pure-vs-reference"] = first
        if found.compiled:
            found.identity[f"compiled-vs-pure-{name}"] = identity(
                built, data, work / f"id-{name}-c.json", options, mine
            )
    return found


def cell(found: Identity | None) -> str:
    if found is None:
        return "not run"
    if found.differ is None:
        return "did not finish"
    return f"{found.differ} of {found.pages:,} differ"


def report(results: list[Version], args: argparse.Namespace) -> str:
    settings = ", ".join(f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("BOILERSTRIP_"))
    lines = [
        "# boilerstrip on several Pythons",
        "",
        "Written by `benchmarks/pythons.py` (its docstring says how to run it); the suite pure,",
        "the compiled build as `BOILERSTRIP_COMPILE=1 pip install .` makes it, identity with",
        f"`benchmarks/identity.py --formats`. Environment: {settings or 'no BOILERSTRIP_ variable set'}.",
        f"Pure against the reference: {args.reference.name if args.reference else 'none given'}.",
        "",
        "| Python | installed | pure suite | compiled build | compiled() | compiled vs pure: fixtures "
        "(text, bytes) | compiled vs pure: dev pages | pure vs reference: dev pages |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        got = r.identity.get
        fixtures = f"{cell(got('compiled-vs-pure-fixtures'))}, {cell(got('compiled-vs-pure-fixtures-bytes'))}"
        lines.append(
            f"| {r.version} | {r.installed} | {r.suite or 'not run'} ({r.suite_seconds:.0f} s) "
            f"| {'yes' if r.built else 'no'} ({r.build_seconds:.0f} s) | {r.compiled} | {fixtures} "
            f"| {cell(got('compiled-vs-pure-pages'))} | {cell(got('pure-vs-reference'))} |"
        )
    for r in results:
        notes = [r.install_note, r.build_note, *r.suite_failed]
        notes += [f"{name}: {found.listed}" for name, found in r.identity.items() if found.listed]
        if any(notes):
            lines += ["", f"{r.version} ({r.python}):", *(f"- {note}" for note in notes if note)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("pythons", nargs="*", help="interpreters to test (paths)")
    parser.add_argument(
        "--merge",
        type=Path,
        action="append",
        default=[],
        help="the JSON of an earlier run: its versions join the report (a later file's, or this run's, win)",
    )
    parser.add_argument("--work", type=Path, default=Path("."), help="folder for the venvs and digests")
    parser.add_argument("--data", type=Path, help="the development pages (../shared/datasets)")
    parser.add_argument(
        "--reference", type=Path, help="identity.py --formats digests of the pages to compare with"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "pythons-results.md")
    parser.add_argument("--jobs", type=int, default=1, help="interpreters at once (pip still one at a time)")
    parser.add_argument("--no-suite", action="store_true", help="skip the test suite")
    args = parser.parse_args(argv)
    with ThreadPoolExecutor(args.jobs) as pool:
        ran = list(pool.map(lambda p: one_python(p, args), args.pythons))
    by_version: dict[str, Version] = {}
    for earlier in args.merge:
        for row in json.loads(earlier.read_text()):
            row["identity"] = {k: Identity(**v) for k, v in row["identity"].items()}
            by_version[row["version"]] = Version(**row)
    by_version |= {r.version: r for r in ran}
    results = sorted(by_version.values(), key=lambda r: tuple(map(int, r.version.split("."))))
    args.out.write_text(report(results, args))
    args.out.with_suffix(".json").write_text(json.dumps([asdict(r) for r in results], indent=1) + "\n")
    print(args.out.read_text())
    good = all(
        "passed" in r.suite
        and not any(word in r.suite for word in ("failed", "error"))
        and r.compiled
        and all(i.differ == 0 for k, i in r.identity.items() if k.startswith("compiled"))
        for r in results
    )
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
