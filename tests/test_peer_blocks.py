"""benchmarks/peer_blocks.py: the blocks boilerstrip and a peer each keep that the other drops."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from boilerstrip._bench._sets import load_sets
from boilerstrip._model import Role

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from peer_blocks import Read, _spaced, held, kind_of, read_pages, summary
from replay import dump

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("text", "pool", "expected"),
    [
        ("Two words", "x two words y", 1.0),  # in order, case and punctuation aside
        ("Words two", "x two words y", 0.0),  # not in order
        ("aa bb\ncc", "aa bb", 7 / 11),  # one line of two found: " aa bb " (7) of it and " cc " (4)
        ("", "anything", 0.0),
        ("wo", "two", 0.0),  # whole words only
    ],
)
def test_held(text: str, pool: str, expected: float) -> None:
    assert held(text, _spaced(pool)) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("role", "level", "words", "kind"),
    [
        (Role.HEADING, 1, 8, "h1"),
        (Role.HEADING, 2, 20, "heading"),
        (Role.CAPTION, 0, 30, "caption"),
        (Role.LIST_ITEM, 0, 3, "list item"),
        (Role.TABLE_ROW, 0, 40, "table"),
        (Role.TABLE_CELL, 0, 2, "table"),
        (Role.PARAGRAPH, 0, 12, "short line"),
        (Role.PARAGRAPH, 0, 13, "paragraph"),
        (Role.QUOTE, 0, 30, "quote"),
    ],
)
def test_kind_of(role: Role, level: int, words: int, kind: str) -> None:
    assert kind_of(role, level, words) == kind


def test_summary_counts_the_blocks_one_side_keeps() -> None:
    reads = [
        Read("s/1", "h1", True, 0.0, 0.0, 0.02, 6, "Headline"),  # ours only, not in the truth
        Read("s/2", "h1", True, 0.2, 0.0, 0.01, 4, "Other headline"),
        Read("s/1", "caption", False, 1.0, 1.0, 0.005, 10, "A caption"),  # the peer's only
        Read("s/1", "paragraph", True, 1.0, 1.0, 0.0, 50, "Both keep it"),  # not counted
        Read("s/1", "list item", False, 0.0, 1.0, 0.003, 5, "Both drop it"),  # not counted
    ]
    table = summary(reads, "peer")
    assert "| s | boilerstrip only | h1 | not in the truth | 10 | 0.030 | 2 |" in table
    assert "| s | peer only | caption | in the truth | 10 | 0.005 | 1 |" in table
    assert len(table.strip().splitlines()) == 4  # the header, its rule and the two rows


def test_read_pages_of_a_dump(tmp_path: Path) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    pages = {p.key: p for p in load_sets([FIXTURES])["fixtures"] if p.truth is not None}
    key = "fixtures/listing_page"
    # A peer that outputs the truth holds what the truth holds; one that outputs nothing, nothing.
    as_truth = list(read_pages(tmp_path, {"fixtures"}, lambda _html: pages[key].truth or "", {key}))
    empty = list(read_pages(tmp_path, {"fixtures"}, lambda _html: "", {key}))
    assert as_truth and {r.key for r in as_truth} == {key}
    assert all(r.peer == r.truth for r in as_truth)
    assert all(r.peer == 0.0 for r in empty)
    assert [r.gain for r in as_truth] == [r.gain for r in empty]
    assert all(r.gain >= 0.0 and r.words > 0 for r in as_truth)
    assert any(r.gain > 0.0 for r in as_truth)  # the fixture has blocks whose flip gains
    assert not list(read_pages(tmp_path, {"other set"}, lambda _html: "", None))
