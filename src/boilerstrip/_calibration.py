"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.1599, 0.7001),
    (0.5663, 0.7021),
    (0.6583, 0.7484),
    (0.7102, 0.8071),
    (0.7511, 0.8366),
    (0.8003, 0.8905),
    (0.8382, 0.9238),
    (0.8641, 0.9295),
    (0.9338, 0.9522),
    (0.9714, 0.9986),
)
