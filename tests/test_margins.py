"""benchmarks/margins.py: the bootstrap of a set's mean and of its margin over the best peer."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import margins

_KEYS = [f"s/{i}" for i in range(40)]
_OWN = {k: 0.9 if i % 2 else 0.7 for i, k in enumerate(_KEYS)}  # mean 0.8


def _run(peers: dict[str, dict[str, float]], target: float) -> margins.Margin:
    (found,) = margins.margins(_OWN, peers, {"s": _KEYS}, target=target, rounds=500, seed=1)
    return found


def test_the_best_peer_is_the_one_with_the_best_mean_on_the_same_pages() -> None:
    peers = {"low": dict.fromkeys(_KEYS, 0.5), "high": dict.fromkeys(_KEYS, 0.6)}
    found = _run(peers, 0.5)
    assert (found.peer, round(found.margin, 6), found.margin_below_zero) == ("high", 0.2, 0.0)


def test_a_peer_missing_a_page_is_not_compared() -> None:
    peers = {"best but partial": dict.fromkeys(_KEYS[1:], 1.0), "full": dict.fromkeys(_KEYS, 0.6)}
    assert _run(peers, 0.5).peer == "full"


def test_the_interval_holds_the_mean_and_the_target_is_read_against_it() -> None:
    found = _run({"p": dict.fromkeys(_KEYS, 0.0)}, 0.8)
    assert found.low < found.mean == 0.8 < found.high
    # a target at the mean: about half the resampled means fall under it
    assert 0.3 < found.under_target < 0.7
    assert _run({"p": dict.fromkeys(_KEYS, 0.0)}, 0.5).under_target == 0.0


def test_a_margin_that_is_only_noise_is_below_zero_about_half_the_time() -> None:
    peer = {k: 0.8 for k in _KEYS}  # the same mean as boilerstrip's, page by page apart
    found = _run({"p": peer}, 0.0)
    assert round(found.margin, 6) == 0.0 and 0.3 < found.margin_below_zero < 0.7


def test_a_snippet_set_is_figured_by_its_pooled_f1_not_a_mean_of_pages() -> None:
    # (tp, fp, fn, tn): 9 of 10 "with" snippets found on one page; on the other its one "with"
    # snippet missed and a "without" one found. Pooled: 2*9 / (18 + 1 + 2) = 0.8571; a mean
    # of the pages' F1s would give (18/19 + 0) / 2 = 0.4737. The peer: 12 / (12 + 0 + 6).
    own: dict[str, margins.Value] = {"t/a": (9, 0, 1, 0), "t/b": (0, 1, 1, 0)}
    peer: dict[str, margins.Value] = {"t/a": (5, 0, 5, 0), "t/b": (1, 0, 1, 0)}
    (found,) = margins.margins(own, {"p": peer}, {"t": ["t/a", "t/b"]}, target=0.0, rounds=200, seed=1)
    assert round(found.mean, 4) == 0.8571
    assert round(found.margin, 4) == round(18 / 21 - 12 / 18, 4)


def test_a_set_target_applies_to_its_types_and_the_default_to_the_rest() -> None:
    groups = {"s": _KEYS, "s: article": _KEYS, "u": _KEYS}
    found = margins.margins(
        _OWN, {"p": dict.fromkeys(_KEYS, 0.0)}, groups, target=0.5, rounds=200, seed=1, targets={"s": 0.95}
    )
    assert [(m.group, m.target, m.under_target) for m in found] == [
        ("s", 0.95, 1.0),
        ("s: article", 0.95, 1.0),
        ("u", 0.5, 0.0),
    ]
