"""The compiled build's plain-C modules (``src/boilerstrip/_cscan.c``, ``_ctokens.c``,
``_cscore.c``) built with the C compiler, for checkouts where the compiled build is not
installed. Used by the tests of each module and benchmarks/scan_ab.py, so that all check
extensions built the same way."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sysconfig
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from boilerstrip import _limits
from boilerstrip._compiled import C_EXTENSION_FILES, c_module

SOURCE = Path(_limits.__file__).with_name("_cscan.c")


def compiler() -> str | None:
    """The C compiler on PATH, or None."""
    return shutil.which("cc") or shutil.which("gcc")


# The files of each extension (without ".c"), as the build lists them.
FILES = C_EXTENSION_FILES


def extension(name: str, folder: Path, cc: str, flags: Sequence[str] = ("-O2",)) -> ModuleType:
    """Compile ``src/boilerstrip/<name>.c`` (and the other files of FILES[name]) into ``folder``
    with ``cc`` and ``flags``, and load it as ``boilerstrip.<name>``."""
    sources = [str(SOURCE.with_name(f"{file}.c")) for file in FILES.get(name, (name,))]
    target = folder / f"{name}{sysconfig.get_config_var('EXT_SUFFIX')}"
    include = sysconfig.get_paths()["include"]
    command = [cc, *flags, "-shared", "-fPIC", f"-I{include}", *sources, "-o", str(target)]
    subprocess.run(command, check=True)
    spec = importlib.util.spec_from_file_location(f"boilerstrip.{name}", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(folder: Path, cc: str, optimise: str = "-O2") -> _limits.CLoop:
    """Compile _cscan.c into ``folder`` with ``cc`` and return its ``scan`` loop."""
    loop: _limits.CLoop = extension("_cscan", folder, cc, (optimise,)).scan
    return loop


def installed(name: str) -> ModuleType | None:
    """The package's own C extension ``name`` (the compiled build's), or None: a pure install,
    or an extension a test built elsewhere and loaded under the package's name."""
    module = c_module(name)
    if module is None or Path(module.__file__ or "").parent != SOURCE.parent:
        return None
    return module


def installed_or_built(
    name: str, factory: pytest.TempPathFactory, flags: Sequence[str] = ("-O2",)
) -> ModuleType:
    """The C extension ``name`` as the package has it, else built here with the C compiler and
    ``flags`` (the test skips without one)."""
    module = c_module(name)
    if module is not None:
        return module
    cc = compiler()
    if cc is None:
        pytest.skip(f"{name} is not built (a pure install) and there is no C compiler to build it")
    return extension(name, factory.mktemp(name), cc, flags)


def checked_cwalk(factory: pytest.TempPathFactory) -> ModuleType:
    """The ``_cwalk`` extension (installed or built here), on a selectolax it was checked on:
    on another, the test skips, as the segment stage would not use it."""
    import selectolax

    from boilerstrip import _lexbor_walk

    if selectolax.__version__ not in _lexbor_walk.CHECKED:
        pytest.skip("this selectolax is not one _cwalk was checked on")
    return installed_or_built("_cwalk", factory)
