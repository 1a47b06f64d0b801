"""benchmarks/cut_rank.py: each page's record at every candidate threshold is extract()'s at that
threshold; the oracle takes each page's best candidate; the choosers are fitted on one half only."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from boilerstrip import Options, extract
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import load_sets
from boilerstrip._page_type import SECTIONED, THREAD

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from replay import dump, dump_page

np = pytest.importorskip("numpy")  # the tune extra's
pytest.importorskip("scipy")
from cut_rank import (  # noqa: E402
    Row,
    candidates,
    cross_fitted,
    fit_rank,
    oracle,
    page_row,
    report,
    table,
    weights,
)

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {p.id: p for p in load_sets([FIXTURES])["fixtures"]}
THRESHOLDS = candidates(Options())


@pytest.mark.parametrize("name", ["blog_comments", "listing_page", "product_page", "service_page", "recipe"])
def test_records_are_extract_at_each_candidate_and_today(name: str) -> None:
    page = PAGES[name]
    dumped, _ = dump_page(page)
    row = page_row(dumped, page, Options())
    assert len(row.records) == len(row.inputs) == len(THRESHOLDS)
    for threshold, record in zip(THRESHOLDS, row.records):
        forced = replace(Options(), decision="threshold", threshold=threshold)
        assert record == page_record(page, extract(page.html(), options=forced).text, 0.0, "ok")
    today = page_record(page, extract(page.html()).text, 0.0, "ok")
    if dumped.declared not in (SECTIONED, THREAD):  # those pages take another decision
        assert row.records[row.today] == today
    else:
        assert all(r == today for r in row.records)


def test_table_of_a_dump(tmp_path: Path) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    rows = table(tmp_path, jobs=1)
    assert [r.key for r in rows] == [f"fixtures/{n}" for n in sorted(PAGES)]
    assert {r.half for r in rows} <= {"even", "odd"}


def _row(key: str, half: str, f1s: list[float], today: int, inputs: list[list[float]]) -> Row:
    records = tuple({"p": f, "r": f, "f1": f} for f in f1s)
    return Row(key, "", half, "", records, today, tuple(tuple(x) for x in inputs))


# Two candidates, one input each plus the model's constant at _cut's place (index 9 of 10):
# input 0 says which candidate the page needs.
def _inputs(signal: float) -> list[list[float]]:
    return [[signal, *[0.0] * 8, 1.0], [-signal, *[0.0] * 8, 1.0]]


SIGNALS = [1.0, 0.5, -1.0, -0.5, 2.0, 1.5, -2.0, -1.5]  # each half holds both kinds of page
ROWS = [
    _row(f"a/{i}", "even" if i % 2 == 0 else "odd", [1.0, 0.2] if s > 0 else [0.2, 1.0], 1, _inputs(s))
    for i, s in enumerate(SIGNALS)
]
TODAY = np.zeros((2, 10))
TODAY[1, 9] = 1.0  # today's model: the second candidate on every page


def test_oracle_and_weights() -> None:
    assert list(oracle(ROWS)) == [0, 0, 1, 1, 0, 0, 1, 1]
    snippet = Row("s/1", "", "odd", "", ({"counts": (1, 3, 0, 0)}, {"counts": (1, 0, 0, 0)}), 0, ())
    assert list(oracle([snippet])) == [1]  # tp - fp - fn
    assert list(weights([*ROWS, snippet])) == pytest.approx([8**0.5 / 8] * 8 + [0.0])


@pytest.mark.parametrize(("pull", "learns"), [(1e-4, True), (1e6, False)])
def test_rank_fit_learns_the_signal_unless_pulled_to_today(pull: float, learns: bool) -> None:
    choice = cross_fitted(ROWS, lambda x, f, w: fit_rank(x, f, w, TODAY, temperature=0.1, pull=pull))
    if learns:
        assert list(choice) == list(oracle(ROWS))  # fitted on one half, right on the other
    else:
        assert list(choice) == [1] * len(ROWS)  # today's


def test_report_counts_pages_up_and_down() -> None:
    columns = {"today": np.array([r.today for r in ROWS]), "oracle": oracle(ROWS), "first": np.zeros(8, int)}
    line = next(x for x in report(ROWS, columns).splitlines() if x.startswith("| a (8) |"))
    # today and "first" are right on half the pages of each half (0.6); "first" gains on the
    # 4 pages that need the first candidate and loses the 4 others.
    assert (
        line
        == "| a (8) | 0.60000 (0.6000 / 0.6000) | 1.00000 (1.0000 / 1.0000) | 0.60000 (0.6000 / 0.6000) 4/4 |"
    )
