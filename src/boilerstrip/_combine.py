"""Score, smooth and label stages: scorer outputs to one probability and one label per block."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence

from ._model import Block, Label
from ._options import Options
from ._scorers import HARD_RULES, SCORERS

_LOGIT_CAP = 12.0  # keeps exp() finite and one scorer from deciding alone
_COMMENT_SCORERS = frozenset({"container_comments"})
_LINK_LIST_DENSITY = 0.5  # chrome mostly made of links is a menu or a related list
_HEADLINE_WORDS = 6


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-_LOGIT_CAP, min(_LOGIT_CAP, x))))


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def active_weights(options: Options) -> tuple[float, list[tuple[str, float]]]:
    """(bias, [(scorer, weight)]) after switching off what the options switch off."""
    off = set(options.disabled_scorers)
    if options.include_comments:
        off |= _COMMENT_SCORERS
    bias = 0.0
    pairs = []
    for name, weight in options.weights:
        if name == "bias":
            bias = weight
        elif name not in off:
            pairs.append((name, weight))
    return bias, pairs


def score(blocks: Sequence[Block], options: Options) -> tuple[Block, ...]:
    """Each block with every scorer's output and the combined content probability."""
    bias, pairs = active_weights(options)
    out = []
    for i, block in enumerate(blocks):
        outputs = tuple((name, SCORERS[name](blocks, i)) for name, _ in pairs)
        z = bias + sum(w * v for (_, w), (_, v) in zip(pairs, outputs))
        out.append(dataclasses.replace(block, score=_sigmoid(z), scores=outputs))
    return tuple(out)


def smoothing_inputs(probabilities: Sequence[float], words: Sequence[int], window: int) -> list[list[float]]:
    """Per block: its own log-odds, the nearest neighbours', and the word-weighted window's."""
    logits = [_logit(p) for p in probabilities]
    rows = []
    n = len(logits)
    for i in range(n):
        near = [logits[j] for j in (i - 1, i + 1) if 0 <= j < n]
        lo, hi = max(0, i - window), min(n, i + window + 1)
        span = [(logits[j], words[j] + 1) for j in range(lo, hi) if j != i]
        total = sum(w for _, w in span)
        rows.append(
            [
                logits[i],
                sum(near) / len(near) if near else 0.0,
                sum(z * w for z, w in span) / total if total else 0.0,
                1.0 if words[i] < 5 else 0.0,
            ]
        )
    return rows


SMOOTHING_INPUTS = ("own", "neighbours", "window", "short")


def smooth(blocks: Sequence[Block], options: Options) -> tuple[Block, ...]:
    """Re-estimate each probability from its neighbours' (a short block between content
    blocks is content; a block among chrome is doubtful)."""
    if not options.smoothing:
        return tuple(blocks)
    weights = dict(options.smoothing)
    rows = smoothing_inputs(
        [b.score for b in blocks], [b.features.words for b in blocks], options.smoothing_window
    )
    out = []
    for block, row in zip(blocks, rows):
        z = weights.get("bias", 0.0) + sum(
            weights.get(name, 0.0) * v for name, v in zip(SMOOTHING_INPUTS, row)
        )
        out.append(dataclasses.replace(block, score=_sigmoid(z)))
    return tuple(out)


def label(blocks: Sequence[Block], options: Options) -> tuple[Block, ...]:
    """CONTENT at or above the threshold unless a hard rule says otherwise; for chrome,
    the kind the evidence names."""
    return tuple(dataclasses.replace(b, label=_label_of(b, options)) for b in blocks)


def _label_of(block: Block, options: Options) -> Label:
    f = block.features
    for name, rule in HARD_RULES.items():  # table order, not set order: same output in every process
        if name not in options.hard_rules:
            continue
        kind = rule(f)
        if kind and not (options.include_comments and kind == Label.COMMENTS.value):
            return Label(kind)
    if block.score >= options.threshold:
        return Label.CONTENT
    for kind in (f.phrase_container, f.phrase, f.container):  # most specific first
        if kind:
            return Label(kind)
    if f.link_density < _LINK_LIST_DENSITY:
        return Label.OTHER
    # Links of headline length are related content; short ones are menus.
    return Label.SIDEBAR if f.words >= _HEADLINE_WORDS else Label.NAVIGATION
