"""The limits scan's C loop built from ``src/boilerstrip/_cscan.c`` with the C compiler, for
checkouts where the compiled build is not installed. Used by tests/test_cscan.py and
benchmarks/scan_ab.py, so both check the same extension built the same way."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sysconfig
from pathlib import Path

from boilerstrip import _limits

SOURCE = Path(_limits.__file__).with_name("_cscan.c")


def compiler() -> str | None:
    """The C compiler on PATH, or None."""
    return shutil.which("cc") or shutil.which("gcc")


def build(folder: Path, cc: str, optimise: str = "-O2") -> _limits.CLoop:
    """Compile _cscan.c into ``folder`` with ``cc`` and return its ``scan`` loop."""
    target = folder / f"_cscan{sysconfig.get_config_var('EXT_SUFFIX')}"
    include = sysconfig.get_paths()["include"]
    command = [cc, optimise, "-shared", "-fPIC", f"-I{include}", str(SOURCE), "-o", str(target)]
    subprocess.run(command, check=True)
    spec = importlib.util.spec_from_file_location("boilerstrip._cscan", target)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    loop: _limits.CLoop = module.scan
    return loop
