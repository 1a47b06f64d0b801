"""extract() turns Python's cyclic garbage collector off while it reads a page of at least
Options.pause_collector_min_chars characters, and on again however it ends; never a
collector the caller turned off; the same output either way."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from boilerstrip import LimitError, Options, extract
from boilerstrip._release import pause_collector, resume_collector
from chain import at_each_clock_read

_SIZE = 4096
_BUDGET = 3600.0  # never reached: set for its looks at the clock
_PAGE = "<html><body><nav>Home</nav>" + "<p>Some words of prose in a paragraph.</p>" * 200 + "</body></html>"


@pytest.fixture
def collector_on() -> Iterator[None]:
    """The collector on for the test, and as it was after it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def _seen(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether the collector was on at each of extract()'s looks at the clock (from the time
    budget's start to its last check: the whole read), the compiled chain's as the Python one's."""
    return at_each_clock_read(monkeypatch, gc.isenabled)


@pytest.mark.usefixtures("collector_on")
@pytest.mark.parametrize(
    ("page", "min_chars", "on_while_read"),
    [
        (_PAGE, _SIZE, False),  # past the size
        (_PAGE[:_SIZE], _SIZE, False),  # at it
        (_PAGE[: _SIZE - 1], _SIZE, True),  # below it
        (_PAGE.encode(), _SIZE, False),  # bytes count as given
        (_PAGE, None, True),  # never
    ],
)
def test_paused_for_a_big_page_only(
    monkeypatch: pytest.MonkeyPatch, page: str | bytes, min_chars: int | None, on_while_read: bool
) -> None:
    seen = _seen(monkeypatch)
    extract(page, options=Options(pause_collector_min_chars=min_chars, time_budget=_BUDGET))
    assert len(seen) >= 4 and set(seen) == {on_while_read}
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_on_again_after_an_error() -> None:
    options = Options(pause_collector_min_chars=_SIZE, max_nodes=10, on_limit="raise")
    with pytest.raises(LimitError):
        extract(_PAGE, options=options)
    assert gc.isenabled()


@pytest.mark.parametrize("min_chars", [_SIZE, None])
def test_a_collector_turned_off_stays_off(monkeypatch: pytest.MonkeyPatch, min_chars: int | None) -> None:
    seen = _seen(monkeypatch)
    was = gc.isenabled()
    gc.disable()
    try:
        extract(_PAGE, options=Options(pause_collector_min_chars=min_chars, time_budget=_BUDGET))
        assert len(seen) >= 4 and set(seen) == {False}
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
@pytest.mark.parametrize(
    ("chars", "min_chars", "enabled", "expected"),
    [(10, 10, True, True), (9, 10, True, False), (10, None, True, False), (10, 10, False, False)],
)
def test_pause_and_resume(chars: int, min_chars: int | None, enabled: bool, expected: bool) -> None:
    if not enabled:
        gc.disable()
    paused = pause_collector(chars, min_chars)
    assert paused is expected
    assert gc.isenabled() is (enabled and not expected)
    resume_collector(paused)
    assert gc.isenabled() is enabled
    gc.enable()


class _Node:
    """An object that can hold a reference cycle."""

    def __init__(self) -> None:
        self.me: object = self


@pytest.mark.usefixtures("collector_on")
def test_a_cycle_made_while_paused_is_collected_on_resume() -> None:
    paused = pause_collector(10, 10)
    node = _Node()
    gone = weakref.ref(node)
    del node
    assert gone() is not None  # nothing collects it while paused
    resume_collector(paused)
    assert gone() is None


def test_the_same_output_either_way() -> None:
    kept = extract(_PAGE, options=Options(pause_collector_min_chars=None)).to_dict()
    assert extract(_PAGE, options=Options(pause_collector_min_chars=_SIZE)).to_dict() == kept
