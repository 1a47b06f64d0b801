"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.3574, 0.5279),
    (0.3955, 0.5680),
    (0.5636, 0.6847),
    (0.6724, 0.7675),
    (0.7436, 0.8371),
    (0.7973, 0.8752),
    (0.8523, 0.9388),
    (0.8684, 0.9444),
    (0.9327, 0.9766),
    (0.9645, 0.9998),
)
