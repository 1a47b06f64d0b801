"""benchmarks/replay.py's comparison table: pages up and down, and the pages that moved, on a
text set (word F1 per page) and on a snippet set (each page's own snippet counts)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from boilerstrip._bench._sets import Page

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from replay import compare, page_f1


def _page(set_name: str, page_id: str, snippets: bool) -> Page:
    return Page(
        set=set_name,
        id=page_id,
        html_path=Path(f"{page_id}.html"),
        truth=None if snippets else "text",
        snippets=(("a",), ("b",)) if snippets else None,
        page_type=None,
    )


def _text(f1: float) -> dict[str, Any]:
    return {"status": "ok", "p": f1, "r": f1, "f1": f1}


def _snippets(tp: int, fp: int, fn: int) -> dict[str, Any]:
    return {"status": "ok", "counts": (tp, fp, fn, 0)}


# (records of base, records of new, pages up / down, pages changed): three pages each,
# one up, one down, one the same.
CASES = {
    "text": (
        [_text(0.5), _text(0.9), _text(0.7)],
        [_text(0.6), _text(0.8), _text(0.7)],
        "1 / 1",
        2,
    ),
    "snippets": (
        [_snippets(1, 1, 0), _snippets(2, 0, 0), _snippets(1, 0, 1)],
        [_snippets(2, 0, 0), _snippets(1, 1, 0), _snippets(1, 0, 1)],
        "1 / 1",
        2,
    ),
}


@pytest.mark.parametrize("kind", CASES)
def test_pages_up_and_down_are_counted(kind: str) -> None:
    base_records, new_records, up_down, changed = CASES[kind]
    pages = [_page(kind, str(i), kind == "snippets") for i in range(3)]
    base = {p.key: r for p, r in zip(pages, base_records)}
    new = {p.key: r for p, r in zip(pages, new_records)}
    table = compare({kind: pages}, base, new, changed=10)
    row = next(line for line in table.splitlines() if line.startswith(f"| {kind} (3)"))
    assert row.rstrip(" |").endswith(up_down)
    assert f"Pages changed: {changed};" in table
    assert f"{kind}/2" not in table  # the page that stayed is not listed


@pytest.mark.parametrize(
    ("record", "expected"),
    [(_text(0.25), 0.25), (_snippets(3, 1, 0), 6 / 7), (_snippets(0, 0, 0), 0.0), (_snippets(0, 2, 2), 0.0)],
)
def test_a_page_figure_is_its_f1_or_its_own_snippet_f1(record: dict[str, Any], expected: float) -> None:
    assert page_f1(record) == pytest.approx(expected)
