"""A small gradient-boosted tree ensemble beside the linear combiner, measured by
fit_trees.py: it corrects each block's smoothed log-odds from interactions a linear model
cannot express (a comments box on a thread versus an article, link density inside the main
region versus outside, a short block between two long ones).

Not on extract()'s path: held out, it did not beat main (RESULTS.md, branch
issue4-model10). The trees are data (``Trees``: flat arrays of feature index, threshold,
children and leaf values) read by :func:`tree_margin`, a pure function, so that a model
worth shipping can move to the package as it is.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple

from boilerstrip._model import Block, Label, Role
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED, THREAD


class Trees(NamedTuple):
    """An ensemble of binary trees in flat arrays. Node ``k`` of the ensemble splits on
    input ``feature[k]`` (go ``left[k]`` when the input is at most ``threshold[k]``, else
    ``right[k]``); a node with ``feature[k] < 0`` is a leaf worth ``value[k]``. ``roots``
    are the first node of each tree; the margin is the sum of the leaves reached."""

    roots: tuple[int, ...]
    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]


NO_TREES = Trees((), (), (), (), (), ())

_EDGE = -6.0  # the log-odds read for a neighbour past the page's first or last block
_CAP = 12.0
_KINDS = tuple(k.value for k in Label if k is not Label.CONTENT)
_ROLES = tuple(Role)
_DECLARED = (ARTICLE, PRODUCT, SECTIONED, THREAD)

INPUTS: tuple[str, ...] = (
    "own",
    "previous",
    "next",
    "previous2",
    "next2",
    "log_words",
    "link_density",
    "text_density",
    "stopword_density",
    "composite_density",
    "position",
    "depth",
    "main_region",
    "container_strength",
    "content_hint",
    "ends_sentence",
    "title_match",
    "log_repeat_chars",
    "repeat_link_density",
    "heading_level",
    "previous_log_words",
    "next_log_words",
    "previous_link_density",
    "next_link_density",
    "word_position",
    "page_log_blocks",
    "page_log_words",
    "page_mean",
    "page_above_half",
    *(f"container_{k}" for k in _KINDS),
    *(f"phrase_{k}" for k in _KINDS),
    *(f"phrase_box_{k}" for k in _KINDS),
    *(f"role_{r.value}" for r in _ROLES),
    *(f"declared_{d}" for d in _DECLARED),
)


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def _one_hot(value: object, choices: Sequence[object]) -> list[float]:
    return [1.0 if value == c else 0.0 for c in choices]


def tree_inputs(
    blocks: Sequence[Block],
    probabilities: Sequence[float],
    declared: str,
    chosen: Iterable[int] | None = None,
) -> list[list[float]]:
    """The values of :data:`INPUTS` of each block (of the blocks ``chosen``, by index): its
    own and its neighbours' log-odds, its measurements, its place on the page, the page's
    statistics and declared type."""
    n = len(blocks)
    logits = [_logit(p) for p in probabilities]
    log_words = [math.log1p(b.features.words) for b in blocks]
    weights = [b.features.words + 1.0 for b in blocks]
    before = [0.0, *accumulate(weights)]
    total = before[-1] or 1.0
    page = [
        math.log1p(n),
        math.log(total),
        sum(p * w for p, w in zip(probabilities, weights)) / total,
        sum(w for p, w in zip(probabilities, weights) if p >= 0.5) / total,
    ]
    declared_row = _one_hot(declared, _DECLARED)
    rows = []
    for i in range(n) if chosen is None else chosen:
        b = blocks[i]
        f = b.features
        rows.append(
            [
                logits[i],
                *[logits[j] if 0 <= j < n else _EDGE for j in (i - 1, i + 1, i - 2, i + 2)],
                log_words[i],
                f.link_density,
                f.text_density,
                f.stopword_density,
                f.composite_density,
                f.position,
                float(f.depth),
                float(f.in_main_region),
                f.container_strength,
                float(f.content_hint),
                float(f.ends_sentence),
                float(f.title_match),
                math.log1p(f.repeat_chars),
                f.repeat_link_density,
                float(b.heading_level),
                log_words[i - 1] if i > 0 else 0.0,
                log_words[i + 1] if i + 1 < n else 0.0,
                blocks[i - 1].features.link_density if i > 0 else 0.0,
                blocks[i + 1].features.link_density if i + 1 < n else 0.0,
                before[i] / total,
                *page,
                *_one_hot(f.container, _KINDS),
                *_one_hot(f.phrase, _KINDS),
                *_one_hot(f.phrase_container, _KINDS),
                *_one_hot(b.role, _ROLES),
                *declared_row,
            ]
        )
    return rows


def tree_margin(trees: Trees, row: Sequence[float]) -> float:
    """The ensemble's output for one row of inputs: the sum of the leaves it reaches."""
    feature, threshold, left, right = trees.feature, trees.threshold, trees.left, trees.right
    total = 0.0
    for root in trees.roots:
        k = root
        f = feature[k]
        while f >= 0:
            k = left[k] if row[f] <= threshold[k] else right[k]
            f = feature[k]
        total += trees.value[k]
    return total


def tree_margins(trees: Trees, rows: Sequence[Sequence[float]]) -> list[float]:
    """:func:`tree_margin` of every row."""
    return [tree_margin(trees, row) for row in rows]


def with_trees(
    blocks: Sequence[Block],
    probabilities: Sequence[float],
    trees: Trees,
    *,
    declared: str = "",
    doubt: float = 0.0,
    types: frozenset[str] | None = None,
    min_margin: float = 0.0,
) -> tuple[float, ...]:
    """Each probability in [``doubt``, 1 - ``doubt``] with the ensemble's correction added
    to its log-odds when the correction is at least ``min_margin`` either way; the others,
    and every one on a page whose declared type is not in ``types`` (None: all), as they are."""
    if not trees.roots or not blocks or (types is not None and declared not in types):
        return tuple(probabilities)
    chosen = [i for i, p in enumerate(probabilities) if doubt <= p <= 1.0 - doubt]
    out = list(probabilities)
    for i, row in zip(chosen, tree_inputs(blocks, probabilities, declared, chosen)):
        margin = tree_margin(trees, row)
        if abs(margin) < min_margin:
            continue
        z = _logit(probabilities[i]) + margin
        out[i] = 1.0 / (1.0 + math.exp(-max(-_CAP, min(_CAP, z))))
    return tuple(out)
