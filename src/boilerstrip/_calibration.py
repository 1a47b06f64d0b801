"""Confidence calibration: written by benchmarks/calibrate.py; do not edit.

Points (raw confidence, expected word F1) of an isotonic fit on every text-GT page of
the development sets (2439 pages); confidence is interpolated between them.
"""

from __future__ import annotations

CONFIDENCE_POINTS: tuple[tuple[float, float], ...] = (
    (0.0000, 0.0000),
    (0.0000, 0.0000),
    (0.1798, 0.7001),
    (0.5578, 0.7183),
    (0.6721, 0.7657),
    (0.7196, 0.7889),
    (0.7546, 0.8549),
    (0.8168, 0.9071),
    (0.8594, 0.9440),
    (0.8983, 0.9508),
    (0.9327, 0.9748),
    (0.9645, 0.9984),
)
