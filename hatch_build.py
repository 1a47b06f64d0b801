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
"""

from __future__ import annotations

import ast
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SWITCH = "BOILERSTRIP_COMPILE"
# mypyc type-checks the modules as `mypy --strict` does (with the [tool.mypy] settings of
# pyproject.toml), so regex's stubs are needed; setuptools builds the C extensions.
BUILD_REQUIRES = ("mypy>=1.8", "types-regex", "setuptools>=65")
LIST = "src/boilerstrip/_compiled.py"  # COMPILED_MODULES: the modules to compile
# The plain-C extensions (their files: C_EXTENSION_FILES of _compiled.py) and what each needs
# besides: the limits scan's loop, tokenizer, stack of open elements and the segment stage's
# helpers (the files share _cscan.h); the features stage's token loop and phrase rows; the
# segment walk over Lexbor's nodes (_lexbor_walk decides whether it runs); the score and smooth
# stages' float loops and the features stage's element passes (no fused multiply-adds: the
# floats Python makes).
C_DEPENDS = {
    "_cscan": ["src/boilerstrip/_cscan.h", "src/boilerstrip/_cstack.h"],
    "_cwalk": ["src/boilerstrip/_cwalk.h", "src/boilerstrip/_cwalk_segment.h"],
    "_ctokens": [
        "src/boilerstrip/_ctokens_names.h",
        "src/boilerstrip/_ctokens_words.h",
        "src/boilerstrip/_ctokens_columns.h",
        "src/boilerstrip/_ctokens_rows.h",
    ],
    "_cfacts": ["src/boilerstrip/_cfacts.h"],
}
C_FLAGS = {"_cscore": ["-ffp-contract=off"], "_cfacts": ["-ffp-contract=off"]}


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


def compile_modules(root: Path, work: Path) -> dict[str, str]:
    """Compile the listed modules under ``work``: {built file: its path in the wheel}."""
    from mypyc.build import mypycify
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

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
        command = build_ext(Distribution({"name": "boilerstrip", "ext_modules": extensions}))
        command.build_lib = str(work / "lib")
        command.build_temp = str(work / "temp")
        command.parallel = os.cpu_count() or 1
        command.ensure_finalized()
        command.run()
    finally:
        os.chdir(here)
    lib = work / "lib"
    return {str(path): path.relative_to(lib).as_posix() for path in sorted(lib.rglob("*")) if path.is_file()}


class CompiledBuildHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def dependencies(self) -> list[str]:
        return list(BUILD_REQUIRES) if _mode() else []

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
