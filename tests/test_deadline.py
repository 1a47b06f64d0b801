"""``check_deadline`` lives in _deadline (compiled in the compiled build) and is the function
every stage imports from _errors; it raises the Python exception class _errors defines."""

from __future__ import annotations

import time

import pytest

from boilerstrip import _deadline, _errors
from boilerstrip._errors import BoilerstripError, ExtractionTimeoutError, check_deadline


def test_errors_reexports_the_compiled_function() -> None:
    assert _errors.check_deadline is _deadline.check_deadline


@pytest.mark.parametrize("offset", [None, 60.0, 3600.0])
def test_a_deadline_not_reached_returns(offset: float | None) -> None:
    deadline = None if offset is None else time.monotonic() + offset
    check_deadline(deadline)  # returns, raising nothing


@pytest.mark.parametrize("offset", [-0.001, -60.0])
def test_a_deadline_passed_raises_the_timeout_error(offset: float) -> None:
    with pytest.raises(ExtractionTimeoutError) as raised:
        check_deadline(time.monotonic() + offset)
    assert isinstance(raised.value, BoilerstripError)
    assert isinstance(raised.value, TimeoutError)
    assert "time_budget" in str(raised.value)
