"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0550),
    (0.0000, 0.1331),
    (0.0585, 0.2747),
    (0.5380, 0.7495),
    (0.6989, 0.8221),
    (0.7640, 0.8801),
    (0.7973, 0.9055),
    (0.8671, 0.9390),
    (0.8835, 0.9418),
    (0.9083, 0.9565),
    (0.9251, 0.9611),
    (0.9714, 0.9980),
)
