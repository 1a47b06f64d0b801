"""Fixtures shared by test modules."""

from __future__ import annotations

import importlib
from types import ModuleType

import pytest

import cscan_build


@pytest.fixture(scope="module")
def cscan(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """``boilerstrip._cscan``: the compiled build's, else built here with the C compiler
    (the test skips without one)."""
    try:
        return importlib.import_module("boilerstrip._cscan")
    except ImportError:
        pass
    cc = cscan_build.compiler()
    if cc is None:
        pytest.skip("no C compiler")
    cscan_build.build(tmp_path_factory.mktemp("cscan"), cc)
    return importlib.import_module("boilerstrip._cscan")  # registered by the build's loader


@pytest.fixture(scope="module")
def ctokens(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """``boilerstrip._ctokens``: the compiled build's, else built here with the C compiler
    (the test skips without one)."""
    try:
        return importlib.import_module("boilerstrip._ctokens")
    except ImportError:
        pass
    cc = cscan_build.compiler()
    if cc is None:
        pytest.skip("_ctokens is not built (a pure install) and there is no C compiler to build it")
    return cscan_build.extension("_ctokens", tmp_path_factory.mktemp("ctokens"), cc)
