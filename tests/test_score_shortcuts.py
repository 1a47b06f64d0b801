"""Shortcuts of the score and decision stages give what the plain code gave: the caption
scorer looks for its pattern's ", " and the words after it, then its tail, before it searches; a column of one
value is found by comparing its bytes with its first value's, repeated; the predicted
cut's statistics, candidate rows and predictions are sums in one loop, not a generator's
sum() or accumulate() each."""

from __future__ import annotations

import math
import random
import struct
from bisect import bisect_right
from itertools import accumulate

import pytest

from blocks import make_block
from boilerstrip import Block, Options, Role, _cut
from boilerstrip._float_sum import float_sum
from boilerstrip._score_table import ScoreTable, doubles
from boilerstrip._scorers import (
    _CAPTION_SCAN_CHARS,
    _CAPTION_TAIL,
    _CAPTION_TEXT,
    SCORERS,
    SHORT_WORDS,
    _may_hold_tail,
    caption,
)

_WORDS = ("Jane", "Doe", "left", "right", "second from left", "row", "speaks", "the", "Mayor", "", "x" * 30)


def _plain_caption(role: Role, text: str) -> float:
    """The scorer as it was written first: the search on every block."""
    found = _CAPTION_TEXT.search(text[:_CAPTION_SCAN_CHARS]) is not None
    return 1.0 if role is Role.CAPTION or found else 0.0


def _texts(seed: int) -> list[str]:
    rnd = random.Random(seed)
    texts = []
    for _ in range(300):
        words = [rnd.choice(_WORDS) for _ in range(rnd.randint(0, 12))]
        texts.append(rnd.choice([", ", " ", ",", ",\n", "\n"]).join(words))
    return texts


# ", " at every place around the scanned head's end: inside it, across its last character, past it.
_EDGES = [
    "a" * k + "Jane Doe, left, speaks" for k in range(_CAPTION_SCAN_CHARS - 30, _CAPTION_SCAN_CHARS + 2)
] + ["a" * (_CAPTION_SCAN_CHARS - k) + ", " + "b" for k in range(4)]


# Every placement the pattern names, in any case, and near misses (no second ", ").
_PLACED = [
    f"{name}, {place}{row}{end}"
    for name in ("Jane Doe", "JANE DOE", "jane doe", "O’Neil-Smith")
    for place in (
        "left",
        "Right",
        "center",
        "CENTRE",
        "second from left",
        "second right",
        "top",
        "front",
        "rear",
    )
    for row in ("", " row", " Row")
    for end in (", speaks", ", ", " speaks", ",")
]


# Placements spelt with characters IGNORECASE folds to ASCII letters ("ſ" is "s"), or that
# look like them and do not ("ѕ", Cyrillic), after other commas.
_FOLDED = [
    f"{lead}Jane Doe, {place}, speaks"
    for lead in ("", "So, then, ", "Tom, Bob, ", "x, " * 50)
    for place in ("ſecond from left", "ſecond right", "ѕecond right", "Left", "rEAR row", "bottom", "Top")
]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_tail_prefilter_passes_every_tail(seed: int) -> None:
    """``_may_hold_tail`` is True wherever the tail's search finds it (a necessary test)."""
    for text in [*_texts(seed), *_EDGES, *_PLACED, *_FOLDED, "", ", ", ", ſ"]:
        if _CAPTION_TAIL.search(text, 0, _CAPTION_SCAN_CHARS) is not None:
            assert _may_hold_tail(text), text


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("role", [Role.PARAGRAPH, Role.CAPTION, Role.HEADING])
def test_caption_is_the_plain_search(seed: int, role: Role) -> None:
    texts = [*_texts(seed), *_EDGES, *_PLACED, *_FOLDED, "", ", "]
    blocks = [make_block(i, text, role=role) for i, text in enumerate(texts)]
    assert caption(blocks) == [_plain_caption(role, text) for text in texts]
    assert 1.0 in caption(blocks)


def _plain_statistics(probabilities: list[float], words: list[int]) -> tuple[float, ...]:
    """_cut.page_statistics as it was written first: a generator's sum() per statistic (as
    Python 3.11's sum() added floats: float_sum, plain; 3.12's is compensated)."""
    weights = [w + 1.0 for w in words]
    total = float_sum(weights)
    if not probabilities or total <= 0.0:
        return (0.0,) * len(_cut.STATISTICS)
    above = float_sum(w for p, w in zip(probabilities, weights) if p >= 0.5)
    return (
        float_sum(p * w for p, w in zip(probabilities, weights)) / total,
        above / total,
        float_sum(w for p, w in zip(probabilities, weights) if 0.2 <= p < 0.5) / total,
        float_sum(w for p, w in zip(probabilities, weights) if 0.5 <= p < 0.8) / total,
        float_sum(abs(p - 0.5) * 2.0 * w for p, w in zip(probabilities, weights)) / total,
        math.log(len(probabilities) + 1.0),
        max(probabilities),
        math.log(total),
        math.log(above + 1.0),
    )


def _plain_threshold(probabilities: list[float], words: list[int], model: _cut.CutModel) -> float:
    statistics = _plain_statistics(probabilities, words)
    rows = _cut._candidate_rows(probabilities, words, [threshold for threshold, _ in model])
    best_threshold, best = 0.5, -math.inf
    for (threshold, coefficients), candidate in zip(model, rows):
        predicted = float_sum(c * x for c, x in zip(coefficients, _cut.model_inputs(statistics, candidate)))
        if predicted > best:
            best_threshold, best = threshold, predicted
    return best_threshold


def _probability_pages(seed: int) -> list[tuple[list[float], list[int]]]:
    rnd = random.Random(seed)
    edges = [0.0, 0.2, 0.5, 0.8, 1.0, 0.19999999999999998, 0.49999999999999994, 0.7999999999999999, math.nan]
    pages = []
    for n in [*range(1, 6), 30, 300]:
        for _ in range(4):
            probabilities = [rnd.choice([rnd.random(), rnd.random(), *edges]) for _ in range(n)]
            pages.append((probabilities, [rnd.choice([0, 1, 7, 300]) for _ in range(n)]))
    return pages


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_page_statistics_and_predicted_threshold_are_the_plain_sums(seed: int) -> None:
    model = Options().cut_model
    for probabilities, words in _probability_pages(seed):
        assert repr(_cut.page_statistics(probabilities, words)) == repr(
            _plain_statistics(probabilities, words)
        )
        assert _cut.predicted_threshold(probabilities, words, model) == _plain_threshold(
            probabilities, words, model
        )


def _plain_candidate_rows(
    probabilities: list[float], words: list[int], thresholds: list[float]
) -> list[tuple[float, ...]]:
    """_cut._candidate_rows as it was written first: sum() and accumulate() of generators."""
    weights = [w + 1.0 for w in words]
    total = float_sum(weights)
    expected_truth = float_sum(p * w for p, w in zip(probabilities, weights))
    order = sorted(range(len(weights)), key=probabilities.__getitem__, reverse=True)
    negated = [-probabilities[i] for i in order]
    kept_sums = [0.0, *accumulate(weights[i] for i in order)]
    true_sums = [0.0, *accumulate(probabilities[i] * weights[i] for i in order)]
    rows: list[tuple[float, ...]] = []
    for threshold in thresholds:
        count = bisect_right(negated, -threshold)
        kept, denominator = kept_sums[count], kept_sums[count] + expected_truth
        rows.append(
            (
                2.0 * true_sums[count] / denominator if denominator > 0.0 else 0.0,
                kept / total if total > 0.0 else 0.0,
            )
        )
    return rows


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize(
    "extra",
    [
        [0.0, 0.2, 0.5, 0.8, 1.0, 1.5],
        [],  # the model's own: the blocks under 0.1 are not sorted
        [0.7, 0.9],
        [-math.inf, 0.5],
        [0.3, math.nan],  # a NaN threshold: every block read, as the bisection did
    ],
)
def test_candidate_rows_are_the_plain_running_sums(seed: int, extra: list[float]) -> None:
    thresholds = [t for t, _ in Options().cut_model] + extra
    for probabilities, words in _probability_pages(seed):
        assert repr(_cut._candidate_rows(probabilities, words, thresholds)) == repr(
            _plain_candidate_rows(probabilities, words, thresholds)
        )
        # A tuple of probabilities (a Sequence, not a list) gives the same rows.
        assert repr(_cut._candidate_rows(tuple(probabilities), words, thresholds)) == repr(
            _cut._candidate_rows(probabilities, words, thresholds)
        )


_ONE_VALUE_COLUMNS = [
    [0.0] * 5,
    [-0.0] * 3,
    [0.0, -0.0],
    [math.nan] * 4,
    [1.0, 1.0, 1.0000000000000002],
    [2.0],
    [3, 3.0],
    [1.0, 2.0] * 4,
    [0.5] * 300 + [0.25],
    [5e-324] * 7,
]


@pytest.mark.parametrize("column", _ONE_VALUE_COLUMNS)
def test_a_column_of_one_value_is_found_as_counting_found_it(column: list[float]) -> None:
    raw = doubles(column)
    one_value = bool(column) and raw.count(raw[:8]) == len(column)
    packed = ScoreTable.pack(column)
    assert isinstance(packed, float) is one_value
    if one_value:
        assert doubles([packed]) == raw[:8]


# The scorers' shortcuts of the compiled build: a table of block_length's outputs, shared 0.0
# and 1.0 objects, main_region_long read from that table, repeated_text's 0.0 without log1p.
def _plain_length(words: int) -> float:
    return min(math.log1p(words) / math.log1p(400.0), 1.0)


def _scored_blocks() -> list[Block]:
    counts = [*range(0, 1200), 5_000, 10**6, 2**40]
    return [
        make_block(
            i,
            "x",
            words=words,
            in_main_region=i % 3 != 0,
            repeat_chars=(0, 1, 7, 400, 19_999, 20_000, 20_001, 10**7)[i % 8],
            repeat_link_density=0.25,
            role=(Role.HEADING, Role.LIST_ITEM, Role.PARAGRAPH)[i % 3],
            phrase=("", "promo", "share")[i % 3],
            container=("", "promo", "navigation")[i % 3],
            container_strength=0.7,
        )
        for i, words in enumerate(counts)
    ]


def _bits(values: list[float]) -> list[bytes]:
    return [struct.pack("d", v) for v in values]


@pytest.mark.parametrize("as_tuple", [False, True])
def test_scorers_give_their_plain_formulas(as_tuple: bool) -> None:
    blocks = _scored_blocks()
    given = tuple(blocks) if as_tuple else blocks
    f = [b.features for b in blocks]
    plain = {
        "block_length": [_plain_length(x.words) for x in f],
        "main_region_long": [
            r * n
            for r, n in zip(
                [1.0 if x.in_main_region else 0.0 for x in f], [_plain_length(x.words) for x in f]
            )
        ],
        "repeated_text": [min(math.log1p(x.repeat_chars) / math.log1p(20000.0), 1.0) for x in f],
        "repeated_links": [x.repeat_link_density if x.repeat_chars else 0.0 for x in f],
        "short_block": [1.0 if x.words < SHORT_WORDS else 0.0 for x in f],
        "heading": [1.0 if b.role is Role.HEADING else 0.0 for b in blocks],
        "boilerplate_phrase": [1.0 / (1.0 + x.words / 40.0) if x.phrase else 0.0 for x in f],
        "phrase_promo": [1.0 if x.phrase == "promo" else 0.0 for x in f],
        "container_navigation": [x.container_strength if x.container == "navigation" else 0.0 for x in f],
    }
    for name, expected in plain.items():
        got = SCORERS[name](given)
        assert all(type(v) is float for v in got), name
        assert _bits(got) == _bits(expected), name


@pytest.mark.parametrize("thresholds", [[0.7], [0.9, 0.75], [0.5, 0.5], [1.0], []])
def test_candidate_rows_of_high_thresholds_alone_are_the_plain_running_sums(thresholds: list[float]) -> None:
    for probabilities, words in _probability_pages(3):
        assert repr(_cut._candidate_rows(probabilities, words, thresholds)) == repr(
            _plain_candidate_rows(probabilities, words, thresholds)
        )
