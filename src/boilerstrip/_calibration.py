"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.4230, 0.6967),
    (0.6094, 0.7208),
    (0.6970, 0.7865),
    (0.7449, 0.8393),
    (0.7771, 0.8695),
    (0.8383, 0.9247),
    (0.8640, 0.9281),
    (0.8923, 0.9386),
    (0.9338, 0.9521),
    (0.9714, 0.9986),
)
