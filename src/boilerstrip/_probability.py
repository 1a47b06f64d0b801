"""Score and smooth stages: every scorer's output per block, combined by the fitted weights
into one content probability, then re-estimated from the neighbours' (the smoothing model)."""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any, Final, cast

from ._compiled import c_module
from ._float_sum import float_sum
from ._model import Block, page_tuple
from ._options import Options
from ._score_table import CodedColumn, ScoreTable, by_constructor
from ._scorer_pass import INDEX, Heads, page_columns
from ._scorers import SCORERS, SHORT_WORDS, _neighbour_mean

_LOGIT_CAP: Final = 12.0  # keeps exp() finite and one scorer from deciding alone
_COMMENT_SCORERS: Final = frozenset({"container_comments"})
_ZEROS: Final[float | array[float] | CodedColumn] = float(0)  # a column of zeros, packed

_Weigh = Callable[["array[float]", float, Sequence[float]], bytes]
_Sigmoids = Callable[["array[float]", float], tuple[float, ...]]
_Smooth = Callable[
    [Sequence[float], Sequence[int], int, int, float, float, float, float, float, float], tuple[float, ...]
]


_Near = Callable[["array[float]", float, list[float]], "bytes | None"]
_Columns = Callable[[tuple[Block, ...]], list[list[float]]]


_Loops = tuple[_Weigh, _Sigmoids, _Smooth]
# _cscore.score_page: the names, packed columns and probabilities, or None (see its C file).
_Page = Callable[
    [
        "tuple[tuple[str, float], ...]",
        "set[str] | frozenset[str]",
        dict[str, int],
        list[list[float]],
        tuple[int, int],
        "array[float]",
        float,
    ],
    "tuple[tuple[str, ...], tuple[float | array[float], ...], array[float]] | None",
]


def _c_loops() -> tuple[_Loops | None, _Near | None, _Columns | None, _Page | None]:
    """The compiled build's C loops of this module (``_cscore``: the weighted sums, the
    sigmoids and the smoothing, the same floats to the bit), its ``weigh_neighbours``, the
    one pass over the blocks with its ``caption_heads`` (:func:`_scorer_pass.page_columns`),
    and ``score_page`` (:func:`_score_c`'s loop in one call); Nones in a pure install. (One
    look-up of the module: tests/test_ctokens.py counts them.)"""
    module = c_module("_cscore")
    if module is None:
        return None, None, None, None
    loops = cast(_Weigh, module.weigh), cast(_Sigmoids, module.sigmoids), cast(_Smooth, module.smooth)
    heads = cast(Heads, module.caption_heads)
    near = cast(_Near, module.weigh_neighbours)
    return loops, near, lambda page: page_columns(page, heads), cast(_Page, module.score_page)


_C_PARTS: Final = _c_loops()
_C_LOOPS: Final = _C_PARTS[0]
_C_NEAR: Final = _C_PARTS[1]
_C_COLUMNS: Final = _C_PARTS[2]
_C_PAGE: Final = _C_PARTS[3]
_NEAR_TEXT: Final = INDEX["neighbour_text_density"]
_NEAR_LINKS: Final = INDEX["neighbour_link_density"]
_NEAR: Final = (_NEAR_TEXT, _NEAR_LINKS)
_TEMPLATE: Final = array("d", [0.0])  # score_page's arrays: this one repeated, then filled
_NONE_OFF: Final[frozenset[str]] = frozenset()


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-_LOGIT_CAP, min(_LOGIT_CAP, x))))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def _switched_off(options: Options) -> set[str] | frozenset[str]:
    """The scorers the options switch off."""
    disabled = options.disabled_scorers
    comments = options.include_comments
    if not disabled and not comments:
        return _NONE_OFF
    off = set(disabled)
    if comments:
        off |= _COMMENT_SCORERS
    return off


def active_weights(options: Options) -> tuple[float, list[tuple[str, float]]]:
    """(bias, [(scorer, weight)]) after switching off what the options switch off."""
    off = _switched_off(options)
    bias = 0.0
    pairs = []
    for name, weight in options.weights:
        if name == "bias":
            bias = weight
        elif name not in off:
            pairs.append((name, weight))
    return bias, pairs


@dataclass(frozen=True, slots=True, init=False)  # init=False: as ScoreTable
class Scores:
    """The score stage's result: every scorer's output per block, and their combination."""

    table: ScoreTable  # row i: the outputs for block i
    # A float a block; the compiled build's score_page gives an array of doubles (one object
    # a page, read in place by _cscore.smooth), the Python loops a tuple.
    probabilities: tuple[float, ...] | array[float]

    def __init__(self, table: ScoreTable, probabilities: tuple[float, ...] | array[float]) -> None:
        object.__setattr__(self, "table", table)
        object.__setattr__(self, "probabilities", probabilities)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_constructor(self)  # as ScoreTable's: the compiled class pickles by its __init__


def score(blocks: Sequence[Block], options: Options) -> Scores:
    """Every scorer's output for every block, and the combined content probability."""
    loops = _C_LOOPS  # a local: mypyc's narrowing of an optional Final reads it unboxed
    if loops is not None:
        whole, columns_of = _C_PAGE, _C_COLUMNS
        done = _score_page(blocks, options, whole, columns_of) if whole and columns_of else None
        if done is not None:
            return done
        return _score_c(blocks, options, active_weights(options), loops[0], loops[1], _C_COLUMNS, _C_NEAR)
    return _score_python(blocks, options, active_weights(options))


def _score_page(
    blocks: Sequence[Block], options: Options, whole: _Page, columns_of: _Columns
) -> Scores | None:
    """:func:`_score_c` in one call of ``whole`` (``_cscore.score_page``) after the one pass
    over the blocks ``columns_of`` (a page whose columns are not coded), or None where it
    leaves the page to :func:`_score_c`."""
    if not blocks:
        return None
    coded_min = options.coded_scores_min_blocks
    if coded_min is not None and len(blocks) >= coded_min:
        return None
    made = columns_of(page_tuple(blocks))
    done = whole(options.weights, _switched_off(options), INDEX, made, _NEAR, _TEMPLATE, _LOGIT_CAP)
    if done is None:
        return None
    names, columns, probabilities = done
    return Scores(table=ScoreTable(names, columns), probabilities=probabilities)


def _score_python(
    blocks: Sequence[Block], options: Options, active: tuple[float, list[tuple[str, float]]]
) -> Scores:
    """:func:`score` in Python (the reference of :func:`_score_c`); ``active``: the bias and
    the pairs of :func:`active_weights`."""
    bias, pairs = active
    z = [bias] * len(blocks)
    coded_min = options.coded_scores_min_blocks
    columns = []
    for name, weight in pairs:
        column = SCORERS[name](blocks)
        # Packed at once: one column of floats alive at a time.
        columns.append(ScoreTable.pack(column, coded_min=coded_min))
        _add_weighted(z, weight, column)
    return Scores(
        table=ScoreTable(tuple(name for name, _ in pairs), tuple(columns)),
        probabilities=tuple(_sigmoid(zi) for zi in z),
    )


def _score_c(  # noqa: PLR0917 - the C loops given, as tests give them
    blocks: Sequence[Block],
    options: Options,
    active: tuple[float, list[tuple[str, float]]],
    weigh: _Weigh,
    sigmoids: _Sigmoids,
    columns_of: _Columns | None = None,
    near: _Near | None = None,
) -> Scores:
    """:func:`score` with the C loops: ``weigh`` adds a column into z (a dense sum: where
    the Python loop skips a zero output, only a zero's sign in z differs, which _sigmoid
    maps alike) and gives the column's doubles, which the table packs. ``columns_of``: the
    known scorers' columns in one pass (``_scorer_pass.page_columns``), else each scorer's
    own; ``near``: ``_cscore.weigh_neighbours``, else the neighbours' means in Python."""
    bias, pairs = active
    z = array("d", [bias]) * len(blocks)
    # Read once, not per scorer (Options is not compiled: each read is a generic look-up).
    coded_min = options.coded_scores_min_blocks
    columns: list[float | array[float] | CodedColumn] = []
    names = []
    page = tuple(blocks)
    # The one pass holds every column's floats at once: a page whose columns are coded (the
    # big ones, Options.coded_scores_min_blocks) makes and packs them one at a time instead
    # (the 50 MB page peaked at 491 MB with the pass, 480 without).
    made: list[list[float]] = []
    if columns_of is not None and page and (coded_min is None or len(page) < coded_min):
        made = columns_of(page)
    for name, weight in pairs:
        at = INDEX.get(name, -1) if made else -1
        column = made[at] if at >= 0 else []
        raw: bytes | None = None
        if at in (_NEAR_TEXT, _NEAR_LINKS):  # the mean of a column made, in C where it can be
            base = made[1 if at == _NEAR_TEXT else 0]
            raw = near(z, weight, base) if near is not None else None
            if raw is None:
                column = _neighbour_mean(base)
        elif at >= 0 and not column:  # a column of zeros
            if weight - weight == 0.0:  # a finite weight: it adds nothing to z (w - w is 0.0)
                columns.append(_ZEROS)
                names.append(name)
                continue
            column = SCORERS[name](page)
        elif at < 0:
            column = SCORERS[name](page)
        if raw is None:
            raw = weigh(z, weight, column)
            columns.append(ScoreTable.pack(column, coded_min=coded_min, raw=raw))
        else:  # the doubles alone: an array of them packs as their list does
            columns.append(ScoreTable.pack(array("d", raw), coded_min=coded_min, raw=raw))
        names.append(name)
    return Scores(
        table=ScoreTable(tuple(names), tuple(columns)),
        probabilities=sigmoids(z, _LOGIT_CAP),
    )


def _add_weighted(z: list[float], weight: float, column: Sequence[float]) -> None:
    """``z[i] += weight * column[i]``; a column of mostly zeros (flags, kinds) only where it
    is not zero: times a finite weight, a zero changes no sum but a zero's sign (and
    _sigmoid(-0.0) == _sigmoid(0.0))."""
    present = list(compress(range(len(column)), column))  # the non-zero outputs, found in C
    if 2 * len(present) >= len(column) or not math.isfinite(weight):
        z[:] = [zi + weight * v for zi, v in zip(z, column)]
        return
    for i in present:
        z[i] += weight * column[i]


def smoothing_inputs(probabilities: Sequence[float], words: Sequence[int], window: int) -> list[list[float]]:
    """Per block: its own log-odds, the nearest neighbours', and the word-weighted window's."""
    return list(_smoothing_rows(probabilities, words, window))


def _smoothing_rows(
    probabilities: Sequence[float], words: Sequence[int], window: int
) -> Iterator[list[float]]:
    # One row at a time: the rows of a big page, all alive, took 0.4 times its size.
    # Each sum takes the same terms in the same order as sum() over the neighbours and the
    # window did up to Python 3.11 (from 0.0, uncompensated: float_sum), so every row is the
    # same to the bit on every Python and as _cscore.smooth; the products and the words'
    # weights are made once per block, not once per window that holds it (half the time).
    logits = [_logit(p) for p in probabilities]
    n = len(logits)
    weights = [w + 1 for w in words]
    weighted = [z * w for z, w in zip(logits, weights)]
    last = n - 1
    for i in range(n):
        lo, hi = max(0, i - window), min(n, i + window + 1)
        total = sum(weights[lo:i]) + sum(weights[i + 1 : hi])  # integers: exact in any order
        if 0 < i < last:
            near = (0.0 + logits[i - 1] + logits[i + 1]) / 2
        else:  # the first or last block: its one neighbour, if it has one
            near = 0.0 + logits[1 if i == 0 else i - 1] if n > 1 else 0.0
        yield [
            logits[i],
            near,
            float_sum(weighted[lo:i] + weighted[i + 1 : hi]) / total if total else 0.0,
            1.0 if words[i] < SHORT_WORDS else 0.0,
        ]


SMOOTHING_INPUTS = ("own", "neighbours", "window", "short")


def smooth(blocks: Sequence[Block], probabilities: Sequence[float], options: Options) -> tuple[float, ...]:
    """Each probability re-estimated from its neighbours' (a short block between content
    blocks is content; a block among chrome is doubtful)."""
    if not options.smoothing:
        return tuple(probabilities)
    weights = dict(options.smoothing)
    bias = weights.get("bias", 0.0)
    c_own, c_near, c_window, c_short = (weights.get(name, 0.0) for name in SMOOTHING_INPUTS)
    # Read in place when compiled.
    page = page_tuple(blocks)
    words = [b.features.words for b in page]
    window = options.smoothing_window
    loops = _C_LOOPS  # a local, as in score()
    if loops is not None:
        return loops[2](
            probabilities, words, window, SHORT_WORDS, bias, c_own, c_near, c_window, c_short, _LOGIT_CAP
        )
    return _smooth_python(probabilities, words, window, (bias, c_own, c_near, c_window, c_short))


def _smooth_python(
    probabilities: Sequence[float],
    words: Sequence[int],
    window: int,
    coefficients: tuple[float, float, float, float, float],
) -> tuple[float, ...]:
    """:func:`smooth`'s probabilities from the rows, ``coefficients`` the bias and the
    weights of SMOOTHING_INPUTS (the reference of ``_cscore.smooth``)."""
    bias, c_own, c_near, c_window, c_short = coefficients
    rows = _smoothing_rows(probabilities, words, window)
    # The terms in SMOOTHING_INPUTS' order from 0.0, as sum() over them added them.
    return tuple(
        _sigmoid(bias + (0.0 + c_own * own + c_near * near + c_window * spread + c_short * short))
        for own, near, spread, short in rows
    )
