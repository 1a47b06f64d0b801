"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.4376, 0.7138),
    (0.5511, 0.7526),
    (0.7340, 0.8320),
    (0.7640, 0.8600),
    (0.7997, 0.9008),
    (0.8382, 0.9227),
    (0.8746, 0.9384),
    (0.8959, 0.9447),
    (0.9162, 0.9502),
    (0.9714, 0.9987),
)
