"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.2282, 0.6780),
    (0.4410, 0.7238),
    (0.6349, 0.7836),
    (0.7078, 0.8309),
    (0.7973, 0.9055),
    (0.8573, 0.9328),
    (0.8758, 0.9372),
    (0.8898, 0.9463),
    (0.9326, 0.9619),
    (0.9714, 0.9980),
)
