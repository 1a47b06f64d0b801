"""The time budget's check, compiled in the compiled build (_errors re-exports it): the
stages call it about 9 times a page, and an interpreted function called from compiled code
costs a Python frame each time (benchmarks/RESULTS.md, the subsection "check_deadline
compiled ...")."""

from __future__ import annotations

import time

from ._errors import ExtractionTimeoutError


def check_deadline(deadline: float | None) -> None:
    """Raise :class:`ExtractionTimeoutError` once ``time.monotonic()`` is past ``deadline``."""
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeoutError("extraction ran past Options.time_budget")
