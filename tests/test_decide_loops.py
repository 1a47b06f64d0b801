"""The decision's loops written for the compiled build give the answers of the plain loops
they replace."""

from __future__ import annotations

import random

import pytest

from blocks import make_block
from boilerstrip import Block, Options, Role
from boilerstrip._combine import _without_inline_teasers
from boilerstrip._copied_boxes import ancestor_end, same_ancestor
from boilerstrip._cut import page_statistics
from boilerstrip._model import ancestor
from boilerstrip._tail import is_prose


def _plain_without_inline_teasers(blocks: list[Block], kept: list[bool], options: Options) -> list[bool]:
    """_combine._without_inline_teasers as a zip of the kept blocks, their successors and theirs."""
    out = list(kept)
    chosen = [i for i, k in enumerate(kept) if k]
    words, density = options.inline_teaser_prose_words, options.inline_teaser_prose_link_density
    for before, i, after in zip(chosen, chosen[1:], chosen[2:]):
        f = blocks[i].features
        if (
            blocks[i].role is Role.PARAGRAPH
            and f.link_density >= options.inline_teaser_link_density
            and options.inline_teaser_min_words <= f.words <= options.inline_teaser_max_words
            and is_prose(blocks[before], words, density)
            and is_prose(blocks[after], words, density)
        ):
            out[i] = False
    return out


def _teaser_page(seed: int) -> tuple[list[Block], list[bool]]:
    """Paragraphs of prose, linked lines of a teaser's length and headings, each kept or not."""
    rng = random.Random(seed)
    blocks = []
    for i in range(rng.randint(0, 12)):
        words = rng.choice([2, 5, 14, 15, 30, 60, 61])
        role = rng.choice([Role.PARAGRAPH, Role.PARAGRAPH, Role.PARAGRAPH, Role.HEADING, Role.LIST_ITEM])
        density = rng.choice([0.0, 0.0, 0.19, 0.2, 0.79, 0.8, 1.0])
        blocks.append(make_block(i, " ".join(["word"] * words), role=role, link_density=density))
    return blocks, [rng.random() < 0.7 for _ in blocks]


@pytest.mark.parametrize("seed", range(300))
def test_inline_teasers_as_the_zip_found_them(seed: int) -> None:
    blocks, kept = _teaser_page(seed)
    options = Options()
    got = _without_inline_teasers(blocks, kept, options)
    assert got == _plain_without_inline_teasers(blocks, kept, options)


def test_the_made_pages_hold_inline_teasers() -> None:
    """Some of the made pages drop a teaser (the test above compares more than kept lists)."""
    pages = [_teaser_page(seed) for seed in range(300)]
    assert sum(_without_inline_teasers(b, k, Options()) != k for b, k in pages) >= 2


@pytest.mark.parametrize(
    "probabilities",
    [
        [0.3],
        [0.2, 0.9, 0.9, 0.1],
        [0.0, -0.0, 0.0],
        [-0.0, 0.0],
        [float("nan"), 0.4, 0.7],
        [0.4, float("nan"), 0.7, float("nan")],
        [0.5, 0.5000001, 0.49],
    ],
)
def test_page_statistics_take_the_max_as_max_does(probabilities: list[float]) -> None:
    top = page_statistics(probabilities, [3] * len(probabilities))[6]
    expected = max(probabilities)
    assert repr(top) == repr(expected)


_PATHS = (
    "",
    ">",
    "body",
    "body>div",
    "body>div>p",
    "body>div>p>a",
    "html>body>div",
    "a>>b",
    ">x>",
    "body>div>q",
)


@pytest.mark.parametrize("levels", [1, 2, 3])
@pytest.mark.parametrize("one", _PATHS)
def test_same_ancestor_is_the_split_compared(one: str, levels: int) -> None:
    for other in _PATHS:
        assert ancestor(one, levels) == one[: ancestor_end(one, levels)]
        assert same_ancestor(one, other, levels) == (ancestor(one, levels) == ancestor(other, levels))
