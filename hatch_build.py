"""Build hook: the optional compiled build of boilerstrip's hot modules (mypyc).

A default ``pip install .`` builds the pure-Python wheel and needs no compiler. With
``BOILERSTRIP_COMPILE=1`` the wheel also holds the modules listed in
``src/boilerstrip/_compiled.py`` compiled by mypyc from the very same source, so the
pure-Python path stays (``boilerstrip.compiled()`` tells which one runs), and
``boilerstrip._cscan``, the limits scan's loop in C (``src/boilerstrip/_cscan*.c`` and
``_cstack.c``: plain C on Python's API, nothing to install but the compiler), which
``_limits.scan`` runs when present, and ``boilerstrip._ctokens``, the features stage's token loop in C
(``src/boilerstrip/_ctokens*.c``), which ``_token_stats`` runs when present, and
``boilerstrip._cwalk``, the segment walk's traversal over Lexbor's nodes (``_cwalk*.c``), which
``_segment`` runs when ``_lexbor_walk`` trusts it on the installed selectolax. The compiled
build needs a C compiler and Python's headers; pip installs mypy (mypyc ships with it),
regex's type stubs and setuptools into the isolated build environment. A failed compile
fails the install; ``BOILERSTRIP_COMPILE=auto`` falls back to the pure-Python wheel instead.
Editable installs are never compiled.

With GCC the extensions are built twice (profile-guided optimisation): first instrumented, then
with the profile of ``extract()`` run by the instrumented build over the project's own
hand-made pages (``tests/fixtures``). ``BOILERSTRIP_PGO=0`` builds once, as does any other
compiler, or a training run that fails (the build then says why and goes on without it).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SWITCH = "BOILERSTRIP_COMPILE"
# mypyc type-checks the modules as `mypy --strict` does (with the [tool.mypy] settings of
# pyproject.toml), so regex's stubs are needed; setuptools builds the C extensions.
BUILD_REQUIRES = ("mypy>=1.8", "types-regex", "setuptools>=65")
# The training run of a profile-guided build imports the package: its runtime dependencies
# but lxml (imported only for pages given as lxml trees), as pyproject.toml pins them.
TRAINING_REQUIRES = ("selectolax>=1.0", "regex>=2023.0")
LIST = "src/boilerstrip/_compiled.py"  # COMPILED_MODULES: the modules to compile
# The plain-C extensions (their files: C_EXTENSION_FILES of _compiled.py) and what each needs
# besides: the limits scan's loop, tokenizer, stack of open elements and the segment stage's
# helpers (the files share _cscan.h); the features stage's token loop and phrase rows; the
# segment walk over Lexbor's nodes (_lexbor_walk decides whether it runs); the score and smooth
# stages' float loops and the features stage's element passes (no fused multiply-adds: the
# floats Python makes).
C_DEPENDS = {
    "_cscan": [
        "src/boilerstrip/_cscan.h",
        "src/boilerstrip/_cstack.h",
        "src/boilerstrip/_csteps.h",
        "src/boilerstrip/_clinks.h",
    ],
    "_cwalk": [
        "src/boilerstrip/_cwalk.h",
        "src/boilerstrip/_cwalk_segment.h",
        "src/boilerstrip/_csteps.h",
        "src/boilerstrip/_clinks.h",
    ],
    "_ctokens": [
        "src/boilerstrip/_ctokens.h",
        "src/boilerstrip/_ctokens_names.h",
        "src/boilerstrip/_ctokens_words.h",
        "src/boilerstrip/_ctokens_columns.h",
        "src/boilerstrip/_ctokens_rows.h",
    ],
    "_cscore": ["src/boilerstrip/_cscore.h"],
    "_cfacts": ["src/boilerstrip/_cfacts.h"],
}
C_FLAGS = {"_cscore": ["-ffp-contract=off"], "_cfacts": ["-ffp-contract=off"]}
# Every extension: its functions and data not exported, so calls between them and reads of
# their globals go direct, not through the PLT and GOT (each extension exports only its
# PyInit_, which Python's headers mark visible).
SHARED_FLAGS = ["-fvisibility=hidden"]
PGO_SWITCH = "BOILERSTRIP_PGO"
TRAINING_PAGES = "tests/fixtures"  # hand-made pages of every kind; never the development data
TRAINING_PASSES = 20  # enough for every path the pages take to be counted more than once
TRAINING_TIMEOUT = 600  # seconds: the passes take about 2 s
# What the training run does: both input kinds over every page, in the compiled build only.
TRAINING_SCRIPT = """
import sys
from pathlib import Path
import boilerstrip
if not boilerstrip.compiled():
    sys.exit("the instrumented build is not the one imported")
pages = [Path(p).read_bytes() for p in sys.argv[2:]]
for _ in range(int(sys.argv[1])):
    for page in pages:
        boilerstrip.extract(page)
        boilerstrip.extract(page.decode("utf-8", "replace"))
"""


def _mode() -> str:
    """Empty (pure Python), "on" (compile or fail) or "auto" (compile, else pure Python)."""
    value = os.environ.get(SWITCH, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return ""
    return "auto" if value == "auto" else "on"


def _literal(root: Path, name: str) -> Any:
    """The value of ``name`` in _compiled.py, read without importing the package."""
    tree = ast.parse((root / LIST).read_text(encoding="utf-8"))
    for node in tree.body:
        targets = [t.id for t in getattr(node, "targets", ()) if isinstance(t, ast.Name)]
        if isinstance(node, ast.Assign) and name in targets:
            return ast.literal_eval(node.value)
    raise RuntimeError(f"{LIST} defines no {name}")


def module_names(root: Path) -> tuple[str, ...]:
    """COMPILED_MODULES of _compiled.py."""
    return tuple(_literal(root, "COMPILED_MODULES"))


def _compiler() -> str:
    """The C compiler setuptools will call (its first word)."""
    command = os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc"
    return str(command).split()[0]


def gcc_major(version_text: str) -> int:
    """GCC's major version from ``cc --version``, 0 for any other compiler (clang takes other
    profile flags and files)."""
    if "clang" in version_text.lower() or "Free Software Foundation" not in version_text:
        return 0
    found = re.search(r"\)\s+(\d+)\.\d+", version_text.splitlines()[0])  # "gcc (Debian 12.2.0-14) 12.2.0"
    return int(found.group(1)) if found else 0


def profile_guided() -> bool:
    """Whether to build with a profile: GCC, and not switched off by BOILERSTRIP_PGO=0."""
    if os.environ.get(PGO_SWITCH, "").strip().lower() in ("0", "false", "no", "off"):
        return False
    try:
        found = subprocess.run(
            [_compiler(), "--version"], check=False, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return False
    # GCC 10 brought -fprofile-partial-training.
    return found.returncode == 0 and gcc_major(found.stdout) >= 10


def phase_flags(phase: str, profile: Path) -> tuple[list[str], list[str]]:
    """The compile and link flags of a build phase: "plain", "generate" or "use"."""
    if phase == "generate":
        return [*SHARED_FLAGS, f"-fprofile-generate={profile}"], [f"-fprofile-generate={profile}"]
    if phase == "use":
        # Code the pages never ran is optimised as without a profile, not for size; a function
        # the profile does not know is no warning.
        return [
            *SHARED_FLAGS,
            f"-fprofile-use={profile}",
            "-fprofile-partial-training",
            "-Wno-missing-profile",
        ], []
    if phase == "plain":
        return list(SHARED_FLAGS), []
    raise ValueError(f"unknown build phase {phase!r}")


def training_pages(root: Path) -> list[Path]:
    """The hand-made pages the instrumented build runs over (the hostile ones too)."""
    return sorted((root / TRAINING_PAGES).rglob("*.html"))


def _build(
    extensions: list[Any], base: dict[int, tuple[list[str], list[str]]], phase: str, work: Path
) -> Path:
    """Build every extension with the phase's flags into ``work/lib-PHASE``; the objects always
    go to ``work/temp`` (GCC names a profile's files by the object's path)."""
    from setuptools import Distribution
    from setuptools.command.build_ext import build_ext

    compile_args, link_args = phase_flags(phase, work / "profile")
    for extension in extensions:
        extension.extra_compile_args = [*base[id(extension)][0], *compile_args]
        extension.extra_link_args = [*base[id(extension)][1], *link_args]
    command = build_ext(Distribution({"name": "boilerstrip", "ext_modules": extensions}))
    command.build_lib = str(work / f"lib-{phase}")
    command.build_temp = str(work / "temp")
    command.parallel = os.cpu_count() or 1
    command.force = True  # a phase rebuilds what the one before built with other flags
    command.ensure_finalized()
    command.run()
    return work / f"lib-{phase}"


def _train(root: Path, lib: Path, work: Path) -> str:
    """Run the instrumented build over the training pages: "" when done, else what failed."""
    pages = training_pages(root)
    if not pages:
        return f"no training pages in {TRAINING_PAGES}"
    layout = work / "train"
    shutil.copytree(
        root / "src" / "boilerstrip", layout / "boilerstrip", ignore=shutil.ignore_patterns("__pycache__")
    )
    for built in lib.rglob("*"):
        if built.is_file():
            (layout / built.relative_to(lib)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(built, layout / built.relative_to(lib))
    # Prepended: pip's isolated build environment reaches its packages through PYTHONPATH.
    path = os.pathsep.join(p for p in (str(layout), os.environ.get("PYTHONPATH", "")) if p)
    command = [sys.executable, "-c", TRAINING_SCRIPT, str(TRAINING_PASSES), *map(str, pages)]
    try:
        ran = subprocess.run(
            command,
            check=False,
            env={**os.environ, "PYTHONPATH": path},
            capture_output=True,
            text=True,
            timeout=TRAINING_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError) as error:
        return repr(error)
    return (
        ""
        if ran.returncode == 0
        else (ran.stderr.strip().splitlines() or [f"exit status {ran.returncode}"])[-1]
    )


def compile_modules(root: Path, work: Path) -> dict[str, str]:
    """Compile the listed modules under ``work``: {built file: its path in the wheel}."""
    from mypyc.build import mypycify
    from setuptools import Extension

    paths = [f"src/boilerstrip/{name}.py" for name in module_names(root)]
    here = os.getcwd()
    os.chdir(root)  # mypyc reads pyproject.toml's [tool.mypy] from the working directory
    try:
        extensions = mypycify(paths, opt_level="3", target_dir=str(work / "c"), group_name="boilerstrip")
        for name, files in _literal(root, "C_EXTENSION_FILES").items():
            extensions.append(
                Extension(
                    f"boilerstrip.{name}",
                    [f"src/boilerstrip/{file}.c" for file in files],
                    depends=C_DEPENDS.get(name, []),
                    extra_compile_args=C_FLAGS.get(name, []),
                )
            )
        base = {id(e): (list(e.extra_compile_args or []), list(e.extra_link_args or [])) for e in extensions}
        lib = None
        if profile_guided():
            failed = _train(root, _build(extensions, base, "generate", work), work)
            if not failed:
                try:
                    lib = _build(extensions, base, "use", work)
                except Exception as error:  # a compiler that takes the profile flags badly
                    failed = repr(error)
                else:
                    pages = len(training_pages(root))
                    print(f"boilerstrip: built with the profile of {pages} training pages", file=sys.stderr)
            if failed:
                print(
                    f"boilerstrip: built without a profile ({failed})",
                    file=sys.stderr,
                )
        if lib is None:
            lib = _build(extensions, base, "plain", work)
    finally:
        os.chdir(here)
    return {str(path): path.relative_to(lib).as_posix() for path in sorted(lib.rglob("*")) if path.is_file()}


class CompiledBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        return [*BUILD_REQUIRES, *TRAINING_REQUIRES] if _mode() else []

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        mode = _mode()
        if not mode or self.target_name != "wheel" or version != "standard":
            return
        self._work = Path(tempfile.mkdtemp(prefix="boilerstrip-mypyc-"))
        try:
            built = compile_modules(Path(self.root), self._work)
        except (Exception, SystemExit) as error:  # mypyc exits on a type error
            if mode != "auto":
                raise
            print(
                f"boilerstrip: the compiled build failed ({error!r}); building the pure-Python wheel",
                file=sys.stderr,
            )
            return
        build_data["force_include"].update(built)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
