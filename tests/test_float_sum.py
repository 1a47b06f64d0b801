"""Float sums that give the same bits on every Python (``_float_sum``).

``sum()`` over floats is compensated from Python 3.12 on, so a float ``sum()`` in the
extraction moves its last bits, and a decision read from them, with the Python version (and
away from the compiled build, whose loops add plainly). These tests catch one on any Python:
the pure path, run over the hand-made pages under every decision, must call ``sum()`` over
integers only.
"""

from __future__ import annotations

import builtins
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import Options, compiled, extract
from boilerstrip._float_sum import float_sum

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.rglob("*.html"))
PACKAGE = str(Path(boilerstrip.__file__).parent)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], 0.0),
        ([1e16, 1.0, -1e16], 0.0),  # compensated (Python 3.12+ sum()): 1.0
        ([0.1] * 10, 0.9999999999999999),  # compensated: 1.0
        ([1, 2.5, 3], 6.5),
        ((x / 3 for x in range(4)), 0.0 + 1 / 3 + 2 / 3 + 3 / 3),
    ],
)
def test_float_sum_adds_in_order_without_compensation(values: Iterable[float], expected: float) -> None:
    total = float_sum(values)
    assert isinstance(total, float)
    assert total == expected


def _hand_made_pages(decision: str) -> Callable[[], object]:
    options = Options(decision=decision)
    return lambda: [extract(page.read_bytes(), options=options).to_markdown() for page in PAGES]


def _detached_box() -> object:
    from test_detached import _labels  # a linked box in the main region: its links are summed

    return _labels(box_in_region=True, box_links=0.3)


def _table_rows() -> object:
    from test_table_rows import _D, _K, _after, _table  # the rows' probabilities and links summed

    return _after(_table(0, link_density=0.1), [_K, _D, _D, _D], [0.6, 0.3, 0.3, 0.3])


@pytest.mark.skipif(compiled(), reason="compiled modules do not look sum() up in builtins")
@pytest.mark.parametrize(
    "run",
    [
        *(
            pytest.param(_hand_made_pages(d), id=f"pages-{d}")
            for d in ("predicted", "threshold", "expected_f1", "adaptive")
        ),
        pytest.param(_detached_box, id="detached-box"),
        pytest.param(_table_rows, id="table-rows"),
    ],
)
def test_no_float_sum_on_the_pure_path(monkeypatch: pytest.MonkeyPatch, run: Callable[[], object]) -> None:
    real_sum = builtins.sum
    floats: set[str] = set()

    def checked_sum(values: Iterable[object], /, start: object = 0) -> object:
        items = list(values)
        if isinstance(start, float) or any(isinstance(v, float) for v in items):
            caller = sys._getframe(1)
            if caller.f_code.co_filename.startswith(PACKAGE):
                floats.add(f"{Path(caller.f_code.co_filename).name}:{caller.f_lineno}")
        return real_sum(items, start)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "sum", checked_sum)
    run()
    assert not floats, f"sum() over floats (use _float_sum.float_sum): {sorted(floats)}"
