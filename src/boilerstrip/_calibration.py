"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0550),
    (0.0000, 0.1331),
    (0.0585, 0.2747),
    (0.5421, 0.7658),
    (0.6994, 0.8341),
    (0.7336, 0.8565),
    (0.7633, 0.8753),
    (0.7975, 0.9215),
    (0.8291, 0.9320),
    (0.8762, 0.9413),
    (0.9155, 0.9589),
    (0.9714, 0.9980),
)
