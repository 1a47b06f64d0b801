"""extract()'s stage chain with its names patchable in either build, for the tests that wrap a
stage (``decide``, ``traverse``, ``parse``, ``measure_held``): the pure build's _pipeline
itself; in the compiled build its source run as a Python module over the compiled stages
(_chain_source), which extract() is made to run for the test. What the compiled chain does
itself is checked against it (test_pipeline_chain.py) and on every dev page
(benchmarks/identity.py)."""

from __future__ import annotations

import time
from collections.abc import Callable
from types import ModuleType
from typing import TypeVar

import pytest

from boilerstrip import _extract
from boilerstrip._chain_source import interpreted_chain

T = TypeVar("T")


def chain_in_use(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """The module whose stage names extract() reads for the rest of the test."""
    chain = interpreted_chain()
    if chain is None:
        pytest.skip("this install keeps no _pipeline.py: its chain runs compiled only")
    monkeypatch.setattr(_extract, "run", chain.run)
    return chain


def at_each_clock_read(monkeypatch: pytest.MonkeyPatch, record: Callable[[], T]) -> list[T]:
    """``record()`` at each look at the clock (``time.monotonic``, read by the time budget's
    checks, with ``Options.time_budget`` set) for the rest of the test: a view into the chain
    as it runs, compiled or not, without patching any of its names."""
    seen: list[T] = []
    clock = time.monotonic

    def reading() -> float:
        seen.append(record())
        return clock()

    monkeypatch.setattr(time, "monotonic", reading)
    return seen
