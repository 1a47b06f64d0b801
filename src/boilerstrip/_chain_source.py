"""The stages' chain (:mod:`._pipeline`) as Python code whose stage names can be wrapped, in
either build: for the tests and benchmarks that patch or time the functions the chain calls
(``decide``, ``traverse``, ``parse``, ``measure`` ...). Compiled, the chain calls its stages
natively, past its module's names; here its source is run again as a Python module,
``boilerstrip._pipeline_source``, over the same (compiled) stage modules. Never imported by
extract(): nothing here runs unless a test or a benchmark asks for it."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from . import _extract, _pipeline
from ._compiled import is_extension

_SOURCE_NAME = f"{__package__}._pipeline_source"


def interpreted_chain() -> ModuleType | None:
    """The module whose names the chain reads when it runs: _pipeline itself in the pure
    build; in the compiled build its source run as a Python module (one a process), or None
    where the install keeps no ``_pipeline.py``."""
    if not is_extension(_pipeline):
        return _pipeline
    if _SOURCE_NAME in sys.modules:
        return sys.modules[_SOURCE_NAME]
    source = Path(_pipeline.__file__ or "").with_name("_pipeline.py")
    spec = importlib.util.spec_from_file_location(_SOURCE_NAME, source)
    if spec is None or spec.loader is None or not source.is_file():
        return None
    module = importlib.util.module_from_spec(spec)
    sys.modules[_SOURCE_NAME] = module  # (its named tuple's class is found by its module's name)
    spec.loader.exec_module(module)
    return module


def use_interpreted_chain() -> ModuleType | None:
    """:func:`interpreted_chain`, and extract() made to run it from now on (in the pure build
    it does already): for a benchmark that times the stages by wrapping its names. A test
    swaps ``_extract.run`` itself, with pytest's monkeypatch, to have it restored."""
    chain = interpreted_chain()
    if chain is not None:
        _extract.run = chain.run
    return chain
