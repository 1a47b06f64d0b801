"""extract()'s own blocks take the decision's labels in place (``_combine.label_own``): the
same blocks, equal to the copies :func:`relabel` makes of the same page's blocks, with the
same probabilities and score rows; and extract() returns them."""

from __future__ import annotations

from pathlib import Path

import pytest

from boilerstrip import Block, Label, Options, extract
from boilerstrip._combine import decide, label_own, relabel
from boilerstrip._extract import measure
from boilerstrip._probability import score, smooth
from boilerstrip._score_table import ScoreTable

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))[:8]


def _decided(
    page: str, options: Options
) -> tuple[tuple[Block, ...], list[Label], tuple[float, ...], ScoreTable]:
    measured = measure((FIXTURES / page).read_bytes(), options)
    blocks = measured.blocks
    scores = score(blocks, options)
    probabilities = smooth(blocks, scores.probabilities, options)
    labels = decide(blocks, probabilities, options, declared=measured.declared)
    return blocks, labels, probabilities, scores.table


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("options", [Options(), Options.precision(), Options(coded_scores_min_blocks=1)])
def test_label_own_equals_relabel(page: str, options: Options) -> None:
    blocks, labels, probabilities, table = _decided(page, options)
    copies = relabel(list(blocks), labels, probabilities, table)
    own = label_own(blocks, labels, probabilities, table)
    assert own is blocks  # the same blocks, not copies
    assert own == copies
    assert [b.label for b in own] == list(labels)
    assert [b.score for b in own] == list(probabilities)
    assert [b.scoring.outputs for b in own] == [b.scoring.outputs for b in copies]
    assert [b.scoring.row for b in own] == list(range(len(own)))


@pytest.mark.parametrize("page", PAGES)
def test_extract_gives_the_labelled_blocks(page: str) -> None:
    html = (FIXTURES / page).read_bytes()
    blocks, labels, probabilities, table = _decided(page, Options())
    expected = relabel(list(blocks), labels, probabilities, table)
    result = extract(html)
    assert result.blocks == expected
    assert [b.scoring.outputs for b in result.blocks] == [b.scoring.outputs for b in expected]


def test_label_own_takes_a_list_of_labels_or_any_sequence() -> None:
    blocks, labels, probabilities, table = _decided(PAGES[0], Options())
    as_tuple = label_own(blocks, tuple(labels), list(probabilities), table)
    assert [b.label for b in as_tuple] == list(labels)
