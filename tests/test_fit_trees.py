"""benchmarks/_trees.py and fit_trees.py: the tree correction's inputs, its evaluation, and
LightGBM's dump read as flat arrays."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

from blocks import make_block
from boilerstrip import Block, Role

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from _trees import INPUTS, NO_TREES, Trees, tree_inputs, tree_margin, with_trees

OWN, LOG_WORDS = INPUTS.index("own"), INPUTS.index("log_words")

# Tree 1 splits on the block's own log-odds at 0, then (right) on log_words at 2;
# tree 2 is a single leaf. Nodes: 0 split, 1 leaf, 2 split, 3 leaf, 4 leaf, 5 leaf.
TREES = Trees(
    roots=(0, 5),
    feature=(OWN, -1, LOG_WORDS, -1, -1, -1),
    threshold=(0.0, 0.0, 2.0, 0.0, 0.0, 0.0),
    left=(1, -1, 3, -1, -1, -1),
    right=(2, -1, 4, -1, -1, -1),
    value=(0.0, -1.0, 0.0, 0.5, 2.0, 0.25),
)


def _row(own: float, log_words: float) -> list[float]:
    row = [0.0] * len(INPUTS)
    row[OWN], row[LOG_WORDS] = own, log_words
    return row


@pytest.mark.parametrize(
    ("own", "log_words", "margin"),
    [
        (-1.0, 5.0, -1.0 + 0.25),  # left leaf of tree 1
        (0.0, 5.0, -1.0 + 0.25),  # at the threshold: left
        (1.0, 2.0, 0.5 + 0.25),  # right, then left at log_words == 2
        (1.0, 3.0, 2.0 + 0.25),
    ],
)
def test_tree_margin_sums_the_leaves_reached(own: float, log_words: float, margin: float) -> None:
    assert tree_margin(TREES, _row(own, log_words)) == pytest.approx(margin)


def _page() -> list[Block]:
    prose = "A paragraph of the article that tells the reader what happened and why."
    return [make_block(0, "Menu"), make_block(1, prose), make_block(2, "Share", role=Role.LIST_ITEM)]


def test_inputs_one_row_per_block_and_a_value_per_input() -> None:
    blocks = _page()
    rows = tree_inputs(blocks, [0.1, 0.9, 0.5], "article")
    assert [len(r) for r in rows] == [len(INPUTS)] * 3
    previous, next_ = INPUTS.index("previous"), INPUTS.index("next")
    assert rows[1][previous] == pytest.approx(math.log(0.1 / 0.9))
    assert rows[0][previous] == rows[2][next_] == -6.0  # past the page's edges
    assert rows[2][INPUTS.index("role_list_item")] == 1.0
    assert rows[0][INPUTS.index("declared_article")] == 1.0
    assert tree_inputs(blocks, [0.1, 0.9, 0.5], "article", [2, 0]) == [rows[2], rows[0]]


@pytest.mark.parametrize(
    ("probabilities", "doubt", "types", "declared", "changed"),
    [
        ([0.5, 0.5, 0.5], 0.0, None, "", [True, True, True]),
        ([0.5, 0.99, 0.02], 0.1, None, "", [True, False, False]),  # confident blocks kept as they are
        ([0.5, 0.5, 0.5], 0.0, frozenset({"article"}), "product", [False, False, False]),
        ([0.5, 0.5, 0.5], 0.0, frozenset({"article", ""}), "", [True, True, True]),
    ],
)
def test_with_trees_corrects_only_doubtful_blocks_of_chosen_types(
    probabilities: list[float], doubt: float, types: frozenset[str] | None, declared: str, changed: list[bool]
) -> None:
    out = with_trees(_page(), probabilities, TREES, declared=declared, doubt=doubt, types=types)
    assert [abs(a - b) > 1e-12 for a, b in zip(out, probabilities)] == changed
    assert with_trees(_page(), probabilities, NO_TREES) == tuple(probabilities)


def test_with_trees_adds_the_margin_to_the_log_odds() -> None:
    blocks = _page()
    margin = tree_margin(TREES, tree_inputs(blocks, [0.5] * 3, "")[1])
    assert with_trees(blocks, [0.5] * 3, TREES)[1] == pytest.approx(1.0 / (1.0 + math.exp(-margin)))


@pytest.mark.parametrize(("min_margin", "changed"), [(0.0, True), (0.75, True), (0.76, False)])
def test_with_trees_skips_small_corrections(min_margin: float, changed: bool) -> None:
    # At p = 0.5 the first tree's left leaf (-1.0) and the second tree (0.25) give -0.75.
    out = with_trees(_page(), [0.5] * 3, TREES, min_margin=min_margin)
    assert (out[0] != 0.5) is changed


def test_lightgbm_dump_read_as_flat_trees(tmp_path: Path) -> None:
    pytest.importorskip("numpy")
    from fit_trees import to_trees, write_trees

    dump = {
        "tree_info": [
            {
                "tree_structure": {
                    "split_feature": OWN,
                    "threshold": 0.0,
                    "decision_type": "<=",
                    "left_child": {"leaf_value": -1.0},
                    "right_child": {
                        "split_feature": LOG_WORDS,
                        "threshold": 2.0,
                        "decision_type": "<=",
                        "left_child": {"leaf_value": 0.5},
                        "right_child": {"leaf_value": 2.0},
                    },
                }
            },
            {"tree_structure": {"leaf_value": 0.25}},
        ]
    }
    trees = to_trees(dump)
    for own, log_words in ((-1.0, 5.0), (1.0, 2.0), (1.0, 3.0)):
        assert tree_margin(trees, _row(own, log_words)) == tree_margin(TREES, _row(own, log_words))
    path = tmp_path / "trees.py"
    write_trees(path, trees, "A test.")
    written: dict[str, object] = {}
    exec(path.read_text("utf-8"), written)
    assert Trees(*(written[name.upper()] for name in Trees._fields)) == trees


@pytest.mark.parametrize(
    ("key", "even"),
    [
        ("wcxb/4043", False),
        ("wcxb/4380", True),
        ("trafilatura-eval/macwelt", True),
        ("trafilatura-eval/peta", False),
    ],
)
def test_cross_fit_halves_are_replays(key: str, even: bool) -> None:
    """fit_trees' folds are replay.py's id halves, digits or not (an id without digits was
    always odd, which put most of trafilatura-eval in one fold)."""
    pytest.importorskip("numpy")
    from fit_trees import _is_even
    from replay import id_half

    assert _is_even(key) is even
    assert _is_even(key) == (id_half(key.split("/", 1)[1]) == "even")
