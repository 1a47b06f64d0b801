"""Fixtures shared by test modules."""

from __future__ import annotations

from types import ModuleType

import pytest

import cscan_build


@pytest.fixture(scope="module")
def cscan(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """``boilerstrip._cscan``: the compiled build's, else built here with the C compiler
    (the test skips without one)."""
    return cscan_build.installed_or_built("_cscan", tmp_path_factory)


@pytest.fixture(scope="module")
def ctokens(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """``boilerstrip._ctokens``: the compiled build's, else built here with the C compiler
    (the test skips without one)."""
    return cscan_build.installed_or_built("_ctokens", tmp_path_factory)
