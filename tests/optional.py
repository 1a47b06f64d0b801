"""Tests that need an optional dependency skip without it, unless BOILERSTRIP_REQUIRE_INTEGRATIONS=1
(CI sets it): then they run, and fail on the missing import."""

from __future__ import annotations

import importlib.util
import os

import pytest

REQUIRED = os.environ.get("BOILERSTRIP_REQUIRE_INTEGRATIONS") == "1"


def needs(*modules: str) -> pytest.MarkDecorator:
    """Skip the test when one of ``modules`` is not installed (never when REQUIRED)."""
    absent = [m for m in modules if importlib.util.find_spec(m) is None]
    return pytest.mark.skipif(
        bool(absent) and not REQUIRED,
        reason=f"{', '.join(absent)} not installed (pip install -e '.[dev]'); "
        "with BOILERSTRIP_REQUIRE_INTEGRATIONS=1 this fails instead",
    )
