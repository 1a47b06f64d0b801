"""``_cscore.score_page``, the compiled score stage's loop over the weighted scorers in one
call, gives the table and the probabilities of the Python score stage (the same names,
columns to the repr and probabilities to the bit) whichever weights the options hold, and
leaves to Python (None) what it does not make: a scorer without a column, a column of zeros
under a weight that is not finite, a neighbours' mean that is NaN, weights it cannot read."""

from __future__ import annotations

import math
import struct
from array import array
from collections.abc import Iterable
from types import ModuleType

import pytest

import cscan_build
from boilerstrip import Options, _probability
from boilerstrip._probability import _LOGIT_CAP, _NEAR, _TEMPLATE, _score_page, _score_python
from boilerstrip._scorer_pass import INDEX, page_columns
from test_scorer_pass import _OPTIONS, _page


@pytest.fixture(scope="module")
def cscore(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return cscan_build.installed_or_built("_cscore", tmp_path_factory, ["-O2", "-ffp-contract=off"])


def _bits(values: Iterable[float]) -> bytes:
    """The doubles' bits, every NaN as one."""
    return b"".join(struct.pack("d", 0.0 if math.isnan(v) else v) + bytes([math.isnan(v)]) for v in values)


_MORE_OPTIONS = [
    *_OPTIONS,
    Options(weights=(("bias", 1), ("link_density", 2), ("block_length", -1.5))),  # ints
    Options(weights=(("bias", 0.25), ("neighbour_text_density", 1.0), ("bias", -3.0))),  # the last bias
    Options(weights=(("text_density", 1e308), ("composite_density", 1e308), ("page_edge", -math.inf))),
    Options(weights=(("caption", math.nan), ("heading", -0.0), ("neighbour_link_density", math.inf))),
    Options(weights=()),
]


@pytest.mark.parametrize("options", _MORE_OPTIONS)
@pytest.mark.parametrize("n", [0, 1, 2, 5, 120])
def test_score_page_is_the_python_score(cscore: ModuleType, options: Options, n: int) -> None:
    blocks = _page(n + 13, n)
    expected = _score_python(blocks, options, _probability.active_weights(options))
    result = _score_page(
        blocks, options, cscore.score_page, lambda page: page_columns(page, cscore.caption_heads)
    )
    if result is None:  # left to _score_c (tests/test_scorer_pass.py): only where it must be
        assert n == 0 or (options.coded_scores_min_blocks or n + 1) <= n or _left_to_python(options)
        return
    assert result.table.names == expected.table.names
    assert repr(result.table.columns) == repr(expected.table.columns)
    assert _bits(result.probabilities) == _bits(expected.probabilities)


def _left_to_python(options: Options) -> bool:
    """Whether the options weigh a column of zeros by a weight that is not finite."""
    return any(not math.isfinite(w) for name, w in options.weights if name != "bias")


def _made(n: int) -> list[list[float]]:
    return page_columns(tuple(_page(n, n)))


@pytest.mark.parametrize(
    ("weights", "made"),
    [
        ((("no_such_scorer", 1.0),), _made(5)),  # SCORERS[name] raises in Python
        ((("link_density", "1.0"),), _made(5)),  # not a float
        ((["link_density", 1.0],), _made(5)),  # not a tuple
        ((("link_density", 10**400),), _made(5)),  # too large for a double
        ((("caption", math.inf),), [[0.0] * 3, [0.0] * 3, *([[]] * (len(INDEX) - 2))]),  # zeros times inf
        ((("neighbour_text_density", 1.0),), [[0.0] * 3, [0.0, math.nan, 0.0], *([[]] * (len(INDEX) - 2))]),
        ((("block_length", 1.0),), [[0.0] * 3, [0.0] * 3, *([[0.0] * 2] * (len(INDEX) - 2))]),  # lengths
    ],
)
def test_score_page_leaves_to_python_what_it_does_not_make(
    cscore: ModuleType, weights: tuple[tuple[str, float], ...], made: list[list[float]]
) -> None:
    before = repr(made)
    assert cscore.score_page(weights, frozenset(), INDEX, made, _NEAR, _TEMPLATE, _LOGIT_CAP) is None
    assert repr(made) == before


@pytest.mark.parametrize("off", [frozenset(), {"link_density"}, frozenset({"link_density", "bias"})])
def test_score_page_leaves_out_what_is_switched_off(
    cscore: ModuleType, off: set[str] | frozenset[str]
) -> None:
    made = [[0.5, 1.0], [0.0, 0.0], *([[]] * (len(INDEX) - 2))]
    weights = (("bias", 2.0), ("link_density", 1.0), ("text_density", 3.0))
    names, columns, probabilities = cscore.score_page(weights, off, INDEX, made, _NEAR, _TEMPLATE, _LOGIT_CAP)
    kept = "link_density" not in off
    assert names == (("link_density",) if kept else ()) + ("text_density",)
    assert repr(columns) == repr(((array("d", [0.5, 1.0]),) if kept else ()) + (0.0,))
    assert _bits(probabilities) == _bits(
        _probability._sigmoid(2.0 + (v if kept else 0.0)) for v in (0.5, 1.0)
    )


def test_score_page_refuses_what_is_not_its_arguments(cscore: ModuleType) -> None:
    with pytest.raises(TypeError):
        cscore.score_page((), frozenset(), INDEX, [], _NEAR, _TEMPLATE)
    with pytest.raises(TypeError):
        cscore.score_page([], frozenset(), INDEX, [[], []], _NEAR, _TEMPLATE, _LOGIT_CAP)
    with pytest.raises(ValueError, match="template"):
        cscore.score_page(
            (("link_density", 1.0),),
            frozenset(),
            INDEX,
            [[0.5, 1.0], [0.0, 0.0]],
            _NEAR,
            array("i", [0]),
            12.0,
        )
