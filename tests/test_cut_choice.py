"""``_cscore.cut_choice`` (the compiled build's loop of _cut.predicted_threshold's sums) makes
the choice of the Python loop: the same products added in the same order, the first of the
highest sums, on generated pages and models (NaN, infinities, short and long coefficient
rows, more candidates than rows and the reverse, no candidate); None where an input is not
a float, which the Python loop then reads. Built with the C compiler where the compiled
build is not installed, as tests/test_cscore.py builds it."""

from __future__ import annotations

import math
import random
import sysconfig
from types import ModuleType

import pytest

import cscan_build
from boilerstrip import _cut
from boilerstrip._cut import _candidate_rows, _squared, model_inputs, page_statistics
from boilerstrip._cut_weights import CUT_MODEL

_SPECIAL = (0.0, -0.0, 1.0, 0.5, math.inf, -math.inf, math.nan, 1e-300, 5e-324)


@pytest.fixture(scope="module")
def cscore(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    flags = [*(sysconfig.get_config_var("CFLAGS") or "").split(), "-ffp-contract=off"]
    return cscan_build.installed_or_built("_cscore", tmp_path_factory, flags)


def _python_choice(
    model: _cut.CutModel, statistics: tuple[float, ...], rows: list[tuple[float, ...]]
) -> float:
    best_threshold, best = 0.5, -math.inf
    for (threshold, coefficients), candidate in zip(model, rows):
        predicted = 0.0
        for c, x in zip(coefficients, model_inputs(statistics, candidate)):
            predicted += c * x
        if predicted > best:
            best_threshold, best = threshold, predicted
    return best_threshold


def _models(rnd: random.Random) -> list[_cut.CutModel]:
    noisy = tuple((t, tuple(rnd.choice([c, c, c, *_SPECIAL]) for c in cs)) for t, cs in CUT_MODEL)
    return [
        CUT_MODEL,
        tuple((t, cs[:19]) for t, cs in CUT_MODEL),  # the page's inputs only
        tuple((t, cs[:4]) for t, cs in CUT_MODEL),
        tuple((t, cs[:21]) for t, cs in CUT_MODEL),  # the candidate's values, not their squares
        tuple((t, (*cs, 0.25, -3.0)) for t, cs in CUT_MODEL),  # more coefficients than inputs
        tuple((t, tuple(rnd.choice([1, 0, -2]) for _ in cs)) for t, cs in CUT_MODEL),  # ints
        CUT_MODEL[:3],
        (),
        noisy,
    ]


def _page(rnd: random.Random) -> tuple[list[float], list[int]]:
    n = rnd.choice([0, 1, 2, 3, 7, 40])
    probs = [rnd.choice([rnd.random(), rnd.random(), rnd.random(), *_SPECIAL[:5]]) for _ in range(n)]
    if rnd.random() < 0.1 and probs:
        probs[rnd.randrange(n)] = math.nan
    return probs, [rnd.randint(0, 300) for _ in range(n)]


@pytest.mark.parametrize("seed", range(6))
def test_cut_choice_is_the_python_choice(cscore: ModuleType, seed: int) -> None:
    rnd = random.Random(seed)
    for _ in range(60):
        probs, words = _page(rnd)
        for model in _models(rnd):
            statistics = page_statistics(probs, words)
            rows = _candidate_rows(probs, words, [t for t, _ in model])
            expected = _python_choice(model, statistics, rows)
            chosen = cscore.cut_choice(model, _squared(statistics, [1.0]), rows)
            assert chosen is not None
            assert chosen == expected or (math.isnan(chosen) and math.isnan(expected))
            assert _cut.predicted_threshold(probs, words, model) == chosen


def test_cut_choice_leaves_other_inputs_to_python(cscore: ModuleType) -> None:
    rows = [(0.5, 1), (0.25, 0.5)]  # an int: squared exactly in Python
    page = [0.5] * 19
    assert cscore.cut_choice(CUT_MODEL, page, rows) is None
    assert cscore.cut_choice(CUT_MODEL, [*page[:-1], 2], [(0.5, 0.5)]) is None
    assert cscore.cut_choice(CUT_MODEL[:1], page, [(0.5, 0.5), (0.5, 1)]) is not None  # the int unread
    assert cscore.cut_choice((), page, []) == 0.5
    with pytest.raises(ValueError, match="pair"):
        cscore.cut_choice(((0.1,),), page, [(0.5, 0.5)])


def test_predicted_threshold_takes_the_model_threshold(cscore: ModuleType) -> None:
    threshold = 0.3
    model = ((threshold, (1.0,) * 23),)
    page = _squared(page_statistics([0.9], [10]), [1.0])
    assert cscore.cut_choice(model, page, _candidate_rows([0.9], [10], [threshold])) is threshold


@pytest.mark.parametrize("seed", range(6))
def test_cut_threshold_is_the_statistics_then_the_choice(cscore: ModuleType, seed: int) -> None:
    """``_cscore.cut_threshold``, cut_statistics then cut_choice in one call, chooses what the
    Python chooses, and leaves to Python (None) the pages cut_statistics leaves to it."""
    rnd = random.Random(seed + 100)
    for _ in range(60):
        probs, words = _page(rnd)
        for model in _models(rnd):
            chosen = cscore.cut_threshold(tuple(probs), words, model)
            if cscore.cut_statistics(probs, words, [t for t, _ in model]) is None:
                assert chosen is None
                continue
            expected = _python_choice(
                model, page_statistics(probs, words), _candidate_rows(probs, words, [t for t, _ in model])
            )
            assert chosen is not None
            assert chosen == expected or (math.isnan(chosen) and math.isnan(expected))
            if chosen != 0.5 or any(t == 0.5 for t, _ in model):
                assert any(chosen is t for t, _ in model) or chosen == 0.5
            assert _cut.predicted_threshold(probs, words, model) == chosen


@pytest.mark.parametrize(
    "model",
    [
        ((0.5, (1.0,) * 23), [0.4, (1.0,) * 23]),  # a pair not a tuple
        ((0.5, (1.0,) * 23), (1, (1.0,) * 23)),  # an int threshold
        ((math.nan, (1.0,) * 23),),  # a NaN threshold
        ((0.5, "abc"),),  # coefficients not a sequence of numbers
        ((0.5, (1.0, "x")),),
        ((0.5, (10**400,)),),  # too large for a double
    ],
)
def test_cut_threshold_leaves_other_models_to_python(cscore: ModuleType, model: object) -> None:
    assert cscore.cut_threshold([0.9, 0.2], [10, 3], model) is None


def test_cut_threshold_takes_the_model_threshold(cscore: ModuleType) -> None:
    threshold = 0.3
    assert cscore.cut_threshold([0.9], [10], ((threshold, (1.0,) * 23),)) is threshold
    assert cscore.cut_threshold([0.9], [10], ()) == 0.5
    assert cscore.cut_threshold([0.9], [10, 1], CUT_MODEL) is None  # zip's length
    assert cscore.cut_threshold({0.9}, [10], CUT_MODEL) is None
    with pytest.raises(TypeError):
        cscore.cut_threshold([0.9], [10])
