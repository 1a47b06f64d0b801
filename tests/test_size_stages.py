"""benchmarks/size_stages.py: the stages run one by one give extract()'s result, time every
stage, leave the collector as they found it; the table's sums and ratio."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import size_stages
from boilerstrip import Options, extract

_PAGE = (
    "<html><head><title>A page</title></head><body><nav><a href='/'>Home</a></nav><main>"
    + "".join(
        f"<h2>Part {n}</h2><p>Some words of prose in paragraph {n}, long enough to keep.</p>"
        for n in range(60)
    )
    + "</main><footer>Copyright</footer></body></html>"
)


@pytest.mark.parametrize("pause_at", [1, None])  # the collector paused, and not
def test_stages_give_extracts_result(pause_at: int | None) -> None:
    options = Options(pause_collector_min_chars=pause_at)
    clock = size_stages._Clock()
    was = gc.isenabled()
    assert size_stages.stages(_PAGE, options, clock) == extract(_PAGE, options=options)
    assert gc.isenabled() is was
    for stage in (
        "limits scan",
        "parse",
        "traverse",
        "finish",
        "feature_columns",
        "score",
        "decide",
        "assemble",
    ):
        assert stage in clock.rows


def test_markdown_sums_and_ratio() -> None:
    def run(mb: float, ms: float, faults: float, full: float) -> dict[str, object]:
        return {
            "input_mb": mb,
            "stages": {"a": [ms / 1000, faults, 0, 0, full], "b": [ms / 1000, 0, 0, 0, 0]},
        }

    # 1 MB: 10 + 10 ms; 2 MB: 30 + 30 ms (the least of two runs), so 20 and 30 ms a MB
    table = size_stages.markdown({1.0: [run(1, 10, 5, 0)], 2.0: [run(2, 40, 8, 3), run(2, 30, 8, 3)]})
    assert "| a | 10.0 | 15.0 | 5 | 4 | 0 | 3 |" in table
    assert "| **sum** | 20.0 | 30.0 | 5 | 4 | 0 | 3 |" in table
    assert table.rstrip().endswith("ms a MB at 2 MB / at 1 MB: 1.50")
