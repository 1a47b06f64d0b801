"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Identity until the first fit.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = ((0.0, 0.0), (1.0, 1.0))
