"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0550),
    (0.0000, 0.1331),
    (0.0585, 0.2747),
    (0.5380, 0.7440),
    (0.7108, 0.8390),
    (0.7850, 0.8823),
    (0.7989, 0.9116),
    (0.8575, 0.9347),
    (0.8835, 0.9419),
    (0.9083, 0.9565),
    (0.9251, 0.9612),
    (0.9714, 0.9980),
)
