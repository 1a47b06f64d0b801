"""The compiled build's C loops of the score and smooth stages (``_cscore.c``) give bit for
bit the floats of their Python references in _probability (the weighted sums, the sigmoids,
the smoothing rows) and the bytes of ``_score_table.doubles``, on hand-made and generated
inputs with NaN, infinities, zeros of both signs, ints and empty pages. Where the compiled
build is not installed the extension is built here with the C compiler, as hatch_build.py
builds it (the C comparisons skip without a compiler); the Python side runs everywhere."""

from __future__ import annotations

import math
import random
import struct
import sysconfig
from array import array
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

import pytest

import cscan_build
from blocks import make_block
from boilerstrip import Options, _probability
from boilerstrip._model import Block
from boilerstrip._probability import SMOOTHING_INPUTS, _add_weighted, _sigmoid, _smooth_python, smooth
from boilerstrip._score_table import ScoreTable, doubles
from boilerstrip._scorers import SHORT_WORDS

_SPECIAL = (0.0, -0.0, 1.0, -1.0, 0.5, math.inf, -math.inf, math.nan, 1e-300, -1e308, 5e-324, 12.0, -12.0)


@pytest.fixture(scope="module")
def cscore(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    # The flags setuptools passes on this Python, and hatch_build.py's own.
    flags = [*(sysconfig.get_config_var("CFLAGS") or "").split(), "-ffp-contract=off"]
    return cscan_build.installed_or_built("_cscore", tmp_path_factory, flags)


def _bits(values: Iterable[float]) -> bytes:
    """The doubles' bits, a zero's sign included; every NaN as one (which operand's NaN an
    addition keeps is the compiler's choice, in CPython's float_add as here, and no output
    tells NaNs apart: repr() writes each as "nan")."""
    items = [math.nan if math.isnan(v) else v for v in values]
    return struct.pack(f"{len(items)}d", *items)


def _columns(seed: int) -> list[tuple[float, list[float]]]:
    """(weight, column) pairs of every small length and a few long ones: dense and sparse
    columns (flags, kinds), ints, the special floats, and non-finite weights."""
    rnd = random.Random(seed)
    out: list[tuple[float, list[float]]] = []
    for n in [0, 1, 2, 3, 5, 8, 40, 301]:
        for weight in (rnd.uniform(-4, 4), 0.0, -0.0, 1.2065, math.inf, math.nan):
            dense = [rnd.choice([rnd.random(), rnd.uniform(-1e3, 1e3), *_SPECIAL]) for _ in range(n)]
            sparse = [rnd.choice([1.0, rnd.random()]) if rnd.random() < 0.1 else 0.0 for _ in range(n)]
            ints = [rnd.choice([0, 1, 3, True, False]) for _ in range(n)]
            out += [(weight, dense), (weight, sparse), (weight, ints)]  # type: ignore[list-item]
    return out


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_weigh_adds_as_the_dense_python_sum_and_packs_as_doubles(cscore: ModuleType, seed: int) -> None:
    for weight, column in _columns(seed):
        start = [random.Random(seed).uniform(-3, 3) for _ in column]
        z = array("d", start)
        raw = cscore.weigh(z, weight, column)
        assert raw == doubles(column)
        assert _bits(z) == _bits([zi + weight * v for zi, v in zip(start, column)])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_weigh_then_sigmoids_is_the_python_score(cscore: ModuleType, seed: int) -> None:
    """The Python loop skips zeros (a sparse column): only a zero's sign in z can differ,
    and the probabilities do not."""
    rnd = random.Random(seed)
    for n in [0, 1, 2, 7, 40, 301]:
        bias = rnd.choice([-1.5744, 0.0, -0.0])
        pairs = [(w, c) for w, c in _columns(seed + n) if len(c) == n]
        z_python = [bias] * n
        z_c = array("d", [bias]) * n
        for weight, column in pairs:
            _add_weighted(z_python, weight, column)
            cscore.weigh(z_c, weight, column)
        assert _bits(cscore.sigmoids(z_c, 12.0)) == _bits(_sigmoid(zi) for zi in z_python)


@pytest.mark.parametrize("value", [*_SPECIAL, 11.999, 12.000001, -700.0, 700.0, 36.0, -36.0, 1e-17])
def test_sigmoids_are_the_python_sigmoid(cscore: ModuleType, value: float) -> None:
    for z in ([value], [value, -value, 0.0], []):
        result = cscore.sigmoids(array("d", z), 12.0)
        assert type(result) is tuple
        assert _bits(result) == _bits(_sigmoid(x) for x in z)


def _pages(seed: int) -> list[tuple[list[float], list[int]]]:
    """Made-up pages of every small length and a few long ones: probabilities at and past
    the clamps, NaN and infinities; blocks of no words, few and many."""
    rnd = random.Random(seed)
    pages = []
    for n in [*range(9), *range(9), 40, 301]:
        probabilities = [
            rnd.choice(
                [rnd.random(), rnd.random(), 0.0, 1.0, 0.5, 1e-9, 1.0 - 1e-12, -0.0, math.nan, math.inf, -1.0]
            )
            for _ in range(n)
        ]
        pages.append((probabilities, [rnd.choice([0, 1, 4, 5, 6, 37, 900, 10**12]) for _ in range(n)]))
    return pages


@pytest.mark.parametrize("window", [0, 1, 2, 3, 7, 400])
@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("buffered", [False, True])  # the probabilities as score_page's array
def test_smooth_is_the_python_smoothing(cscore: ModuleType, window: int, seed: int, buffered: bool) -> None:
    rnd = random.Random(seed)
    for probabilities, words in _pages(seed):
        coefficients = (rnd.uniform(-1, 1), 0.7701, rnd.uniform(-1, 1), rnd.choice([0.1506, -0.0]), 0.0173)
        expected = _smooth_python(probabilities, words, window, coefficients)
        given = array("d", probabilities) if buffered else probabilities
        result = cscore.smooth(given, tuple(words), window, SHORT_WORDS, *coefficients, 12.0)
        assert type(result) is tuple
        assert _bits(result) == _bits(expected), (probabilities, words)


def test_smooth_refuses_what_it_cannot_sum(cscore: ModuleType) -> None:
    with pytest.raises(ValueError):
        cscore.smooth([0.5, 0.5], [1], 2, SHORT_WORDS, 0.0, 1.0, 0.0, 0.0, 0.0, 12.0)
    with pytest.raises(OverflowError):
        cscore.smooth([0.5], [2**63], 2, SHORT_WORDS, 0.0, 1.0, 0.0, 0.0, 0.0, 12.0)
    with pytest.raises(TypeError):
        cscore.smooth([0.5], ["1"], 2, SHORT_WORDS, 0.0, 1.0, 0.0, 0.0, 0.0, 12.0)
    with pytest.raises(TypeError):  # a buffer of other than doubles
        cscore.smooth(array("f", [0.5]), [1], 2, SHORT_WORDS, 0.0, 1.0, 0.0, 0.0, 0.0, 12.0)
    with pytest.raises(ValueError):
        cscore.smooth(array("d", [0.5, 0.5]), [1], 2, SHORT_WORDS, 0.0, 1.0, 0.0, 0.0, 0.0, 12.0)
    with pytest.raises(TypeError):
        cscore.weigh(array("f", [0.0]), 1.0, [1.0])
    with pytest.raises(ValueError):
        cscore.weigh(array("d", [0.0]), 1.0, [1.0, 2.0])
    with pytest.raises(TypeError):
        cscore.weigh(array("d", [0.0]), 1.0, ["x"])
    with pytest.raises(BufferError):
        cscore.weigh(b"\0" * 8, 1.0, [1.0])  # not writable


def _page(seed: int, n: int) -> list[Block]:
    rnd = random.Random(seed)
    roles = list(make_block(0, "x").role.__class__)
    blocks = []
    for i in range(n):
        words = rnd.choice([0, 1, 3, 5, 12, 80])
        blocks.append(
            make_block(
                i,
                " ".join(["word"] * words),
                role=rnd.choice(roles),
                link_density=rnd.choice([0.0, 0.0, 1.0, rnd.random()]),
                text_density=rnd.uniform(0, 30),
                position=i / max(n, 1),
                in_main_region=rnd.random() < 0.5,
                container=rnd.choice(["", "", "navigation", "footer", "comments"]),
                container_strength=rnd.random(),
                phrase=rnd.choice(["", "", "", "share", "metadata"]),
                repeat_chars=rnd.choice([0, 0, 40, 5000]),
                repeat_link_density=rnd.random(),
                title_match=rnd.random() < 0.05,
            )
        )
    return blocks


@pytest.mark.parametrize("n", [0, 1, 2, 3, 17, 200])
@pytest.mark.parametrize(
    "options", [Options(), Options(include_comments=True), Options(coded_scores_min_blocks=None)]
)
def test_score_with_the_c_loops_is_the_python_score(cscore: ModuleType, n: int, options: Options) -> None:
    blocks = _page(n, n)
    active = _probability.active_weights(options)
    expected = _probability._score_python(blocks, options, active)
    result = _probability._score_c(blocks, options, active, cscore.weigh, cscore.sigmoids)
    assert _bits(result.probabilities) == _bits(expected.probabilities)
    assert result.table.names == expected.table.names
    assert [result.table.row(i) for i in range(n)] == [expected.table.row(i) for i in range(n)]
    assert repr(result.table.columns) == repr(expected.table.columns)


def test_pack_takes_the_doubles_it_would_make() -> None:
    for column in ([], [0.0], [-0.0, 0.0], [1.0] * 50, [math.nan, 1.0] * 30, [0.5, 0.25, 0.0] * 40):
        for coded_min in (None, 1, 100):
            made = ScoreTable.pack(column, coded_min=coded_min)
            given = ScoreTable.pack(column, coded_min=coded_min, raw=doubles(column))
            assert repr(made) == repr(given)


@pytest.mark.parametrize("seed", [5, 6])
def test_smooth_runs_the_c_loop_exactly_when_the_build_has_it(seed: int) -> None:
    """smooth() gives the Python reference's floats in either build."""
    options = Options()
    weights = dict(options.smoothing)
    coefficients = (weights.get("bias", 0.0), *(weights.get(name, 0.0) for name in SMOOTHING_INPUTS))
    for probabilities, words in _pages(seed):
        blocks = [make_block(i, " ".join(["w"] * min(n, 50))) for i, n in enumerate(words)]
        real = [min(n, 50) for n in words]
        expected = _smooth_python(probabilities, real, options.smoothing_window, coefficients)  # type: ignore[arg-type]
        assert _bits(smooth(blocks, probabilities, options)) == _bits(expected)
    # The package's own extension, not one this module built (which import then finds too).
    built = list(Path(_probability.__file__).parent.glob("_cscore.*.so"))
    assert (_probability._C_LOOPS is not None) == bool(built)
