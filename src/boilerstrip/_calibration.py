"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.2282, 0.6744),
    (0.5375, 0.7297),
    (0.7318, 0.8311),
    (0.7490, 0.8473),
    (0.7854, 0.8646),
    (0.8148, 0.9174),
    (0.8636, 0.9302),
    (0.8835, 0.9434),
    (0.9327, 0.9612),
    (0.9714, 0.9990),
)
