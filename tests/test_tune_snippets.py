"""benchmarks/tune.py on snippet sets: the pooled snippet F1 of the blocks a fit keeps."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")  # the tune extra (CI has it through ray)

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from tune import NAMES, SnippetPage, evaluate_snippets  # noqa: E402 - numpy checked first

TEXTS = ["The river rose in the night.", "Subscribe to our newsletter", "Boats were moved uphill."]


def _page(marked: list[int], with_: tuple[str, ...], without: tuple[str, ...]) -> SnippetPage:
    """A page whose blocks marked 1 in the first scorer's column are kept by the weights below."""
    x = np.zeros((len(TEXTS), len(NAMES)))
    x[:, 0] = marked
    return ("snippet-set", x, [len(t.split()) for t in TEXTS], TEXTS, (with_, without))


# The first scorer decides (kept: p 0.993; dropped: 0.007); the smoothing passes it on.
W1 = np.array([10.0] + [0.0] * (len(NAMES) - 1) + [-5.0])
W2 = np.array([1.0, 0.0, 0.0, 0.0, 0.0])

CASES = {
    "all found, nothing unwanted": ([1, 0, 1], ("river rose", "moved uphill"), ("newsletter",), 1.0),
    "one missed": ([1, 0, 0], ("river rose", "moved uphill"), ("newsletter",), 2 / 3),
    "one unwanted kept": ([1, 1, 1], ("river rose", "moved uphill"), ("newsletter",), 4 / 5),
    "nothing kept": ([0, 0, 0], ("river rose",), ("newsletter",), 0.0),
}


@pytest.mark.parametrize("case", CASES)
def test_the_kept_blocks_snippet_f1(case: str) -> None:
    marked, with_, without, expected = CASES[case]
    figures = evaluate_snippets([_page(marked, with_, without)], W1, W2, 0.5, window=2)
    assert figures == {"snippet-set": pytest.approx(expected)}


def test_pages_of_a_set_are_pooled() -> None:
    pages = [_page([1, 0, 0], ("river rose", "moved uphill"), ()), _page([1, 0, 1], ("Boats were",), ())]
    # tp 1 + 1, fn 1 + 0: 2 * 2 / (2 * 2 + 0 + 1)
    assert evaluate_snippets(pages, W1, W2, 0.5, window=2) == {"snippet-set": pytest.approx(4 / 5)}
