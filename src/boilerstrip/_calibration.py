"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.2874, 0.6899),
    (0.5621, 0.6979),
    (0.6534, 0.7302),
    (0.6903, 0.7717),
    (0.7630, 0.8481),
    (0.7973, 0.8752),
    (0.8523, 0.9388),
    (0.8984, 0.9518),
    (0.9327, 0.9766),
    (0.9645, 0.9998),
)
