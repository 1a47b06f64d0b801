"""Floats added one by one, in order, from 0.0: the same bits on every Python.

``sum()`` over floats adds plainly up to Python 3.11 and with compensation (Neumaier's) from
3.12 on, so its last bits, and a threshold decision read from them, move with the Python
version; mypyc compiles ``sum()`` of a generator into a plain loop, and the C extensions add
plainly. Each float sum that feeds a decision is this one (tests/test_float_sum.py checks
that no ``sum()`` over floats is left on the pure path), which is what ``sum()`` gave on 3.11
(it starts from the integer 0, and 0 + x is 0.0 + x).
"""

from __future__ import annotations

from collections.abc import Iterable


def float_sum(values: Iterable[float]) -> float:
    """``values`` added in order from 0.0, without compensation."""
    total = 0.0
    for value in values:
        total += value
    return total
