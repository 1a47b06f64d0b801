"""benchmarks/by_size.py: the time ratio against a peer by page size, on made-up reports."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from by_size import main, page_size, parts, times

_REPORT = {
    "per_page": {
        "boilerstrip": {
            "a/1": {"status": "ok", "ms": 2.0},
            "a/2": {"status": "ok", "ms": 6.0},
            "a/3": {"status": "error", "ms": 1.0},
            "b/x": {"status": "ok", "ms": 9.0},
        },
        "resiliparse": {
            "a/1": {"status": "ok", "ms": 1.0},
            "a/2": {"status": "ok", "ms": 4.0},
            "a/3": {"status": "ok", "ms": 1.0},
            "b/x": {"status": "ok", "ms": 3.0},
        },
    }
}


# (bytes, ms, the peer's ms), given out of order
_SIZED = [(30, 6.0, 4.0), (10, 2.0, 1.0), (40, 8.0, 2.0), (20, 4.0, 2.0)]


def test_times_leave_out_failed_pages() -> None:
    assert times(_REPORT, "boilerstrip") == {"a/1": 2.0, "a/2": 6.0, "b/x": 9.0}
    assert times(_REPORT, "nobody") == {}


# Per part: (pages, smallest, largest, median ms, the peer's, ratio of medians, median of
# the per-page ratios), worked by hand from _SIZED: ratios 2, 2, 1.5 and 4 by size.
_LAST = (2, 30, 40, 7.0, 3.0, 7.0 / 3.0, 2.75)


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, [(4, 10, 40, 5.0, 2.0, 2.5, 2.0)]),
        (2, [(2, 10, 20, 3.0, 1.5, 2.0, 2.0), _LAST]),
        (3, [(1, 10, 10, 2.0, 1.0, 2.0, 2.0), (1, 20, 20, 4.0, 2.0, 2.0, 2.0), _LAST]),
    ],
)
def test_parts_split_by_size_in_equal_counts(count: int, expected: list[tuple[float, ...]]) -> None:
    found = parts(_SIZED, count)
    assert [tuple(p) for p in found] == [pytest.approx(e) for e in expected]


@pytest.mark.parametrize("count", [0, 5])
def test_parts_need_a_page_a_group(count: int) -> None:
    with pytest.raises(ValueError, match="group"):
        parts([(1, 1.0, 1.0), (2, 1.0, 1.0)], count)


def _data(root: Path) -> Path:
    (root / "a" / "html").mkdir(parents=True)
    (root / "b" / "html").mkdir(parents=True)
    (root / "a" / "html" / "1.html.gz").write_bytes(gzip.compress(b"x" * 100))
    (root / "a" / "html" / "2.html").write_bytes(b"y" * 300)
    (root / "b" / "html" / "x.html.gz").write_bytes(gzip.compress(b"z" * 200))
    return root


@pytest.mark.parametrize(("key", "size"), [("a/1", 100), ("a/2", 300), ("b/x", 200), ("b/none", None)])
def test_page_size_reads_packed_and_plain_pages(tmp_path: Path, key: str, size: int | None) -> None:
    assert page_size(_data(tmp_path), key) == size


def test_main_prints_each_part(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "timed.json"
    report.write_text(json.dumps(_REPORT))
    main([str(report), str(_data(tmp_path / "data")), "--parts", "3"])
    rows = capsys.readouterr().out.splitlines()[2:]
    # a/1 (100 bytes, 2 against 1 ms), b/x (200, 9 against 3), a/2 (300, 6 against 4)
    assert rows == [
        "| 1 | 100-100 | 2.00 | 1.00 | 2.00 | 2.00 |",
        "| 1 | 200-200 | 9.00 | 3.00 | 3.00 | 3.00 |",
        "| 1 | 300-300 | 6.00 | 4.00 | 1.50 | 1.50 |",
    ]
