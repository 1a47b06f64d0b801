"""benchmarks/ablation.py: its groups switch off every scorer, and a row replayed on a block
dump gives the probabilities the score and smooth stages give with the same scorers off."""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path

import pytest

from boilerstrip import Options
from boilerstrip._bench._cli import ablated
from boilerstrip._bench._sets import load_sets
from boilerstrip._extract import measure, prepare_input
from boilerstrip._probability import score, smooth
from boilerstrip._scorers import SCORERS

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from ablation import GROUPS, rescored
from replay import dump_page

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_scorer_is_in_a_group() -> None:
    patterns = [p for _, group in GROUPS for p in group]
    assert [n for n in SCORERS if not any(fnmatch.fnmatchcase(n, p) for p in patterns)] == []


ROWS = [("all scorers", ()), *GROUPS]


@pytest.mark.parametrize(("label", "patterns"), ROWS, ids=[label for label, _ in ROWS])
def test_a_row_replayed_on_a_dump_has_the_stages_probabilities(label: str, patterns: tuple[str, ...]) -> None:
    options = ablated(Options(), patterns)
    for page in load_sets([FIXTURES])["fixtures"][:6]:
        dumped, _ = dump_page(page)
        text, _ = prepare_input(page.html(), None, options)
        assert isinstance(text, str)
        blocks = measure(text, options).blocks
        expected = smooth(blocks, score(blocks, options).probabilities, options)
        assert rescored(dumped, options).probabilities == expected, page.key
