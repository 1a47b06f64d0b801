"""Options: every threshold and weight of the pipeline, in one frozen, validated object."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ._errors import OptionsError
from ._scorers import HARD_RULES, SCORERS
from ._weights import SCORER_WEIGHTS, SMOOTHING_WEIGHTS


@dataclass(frozen=True, slots=True, kw_only=True)
class Options:
    """How :func:`boilerstrip.extract` decides. Immutable; derive variants with
    :meth:`replace` or the presets :meth:`precision` and :meth:`recall`.

    Tuned values say how they were tuned ("dev" = all sets of the development data,
    mean word F1 over sets, see benchmarks/).
    """

    # -- decision -------------------------------------------------------------
    # Content probability at or above which a block is content (dev: the F1 optimum
    # of the combined model was flat between 0.40 and 0.55).
    threshold: float = 0.5
    include_comments: bool = False  # user comments count as content
    language: str | None = None  # ISO 639-1 hint; None detects it from stopwords
    # A page whose visible text is shorter than this is read again with its hidden and
    # <noscript> text (server-rendered React pages, Discourse forums): 45 dev pages came
    # out empty without it.
    reveal_below_chars: int = 200
    # -- density features ----------------------------------------------------
    wrap_width: int = 80  # text density: words per line at this width (Kohlschütter et al.)
    # -- main-content region ---------------------------------------------------
    # A block is "dense" (gives region points) with at least this many words and at
    # most this link density (Readability's 25-character paragraphs, in words).
    region_min_words: int = 10
    region_max_link_density: float = 0.35
    # Further regions beside the best one need this share of its score (multi-section pages).
    region_secondary_share: float = 0.3
    region_max_count: int = 4
    # -- boilerplate phrases -------------------------------------------------
    phrase_scan_chars: int = 400  # phrases are searched in the first N characters of a block
    phrase_scan_words: int = 80  # ... whose first N tokens select the phrase patterns to try
    whole_phrase_max_chars: int = 60  # button/link labels are matched only on short blocks
    # A box is promo/legal/... when it holds at least this many phrase hits making at
    # least this share of its blocks (chosen so that one newsletter box inside an
    # article body does not mark the body).
    phrase_box_min_hits: int = 3
    phrase_box_min_share: float = 0.3
    # -- combiner --------------------------------------------------------------
    # Logistic weights per scorer (name, weight), fitted by benchmarks/tune.py on dev.
    weights: tuple[tuple[str, float], ...] = SCORER_WEIGHTS
    # Neighbour smoothing: logistic weights over the block's and its neighbours' log-odds.
    smoothing: tuple[tuple[str, float], ...] = SMOOTHING_WEIGHTS
    smoothing_window: int = 3  # neighbours on each side that the smoothing reads
    disabled_scorers: frozenset[str] = field(default_factory=frozenset)  # for ablations
    # Rules of _combine.HARD_RULES that decide alone (all by default; empty for ablations).
    hard_rules: frozenset[str] = frozenset(HARD_RULES)

    def __post_init__(self) -> None:
        _check(0.0 <= self.threshold <= 1.0, "threshold must be in [0, 1]")
        _check(self.wrap_width > 0, "wrap_width must be positive")
        _check(self.reveal_below_chars >= 0, "reveal_below_chars must be >= 0")
        _check(self.region_min_words >= 0, "region_min_words must be >= 0")
        _check(0.0 <= self.region_max_link_density <= 1.0, "region_max_link_density must be in [0, 1]")
        _check(0.0 < self.region_secondary_share <= 1.0, "region_secondary_share must be in (0, 1]")
        _check(self.region_max_count >= 1, "region_max_count must be >= 1")
        _check(self.phrase_scan_chars > 0, "phrase_scan_chars must be positive")
        _check(self.phrase_scan_words > 0, "phrase_scan_words must be positive")
        _check(self.whole_phrase_max_chars >= 0, "whole_phrase_max_chars must be >= 0")
        _check(self.phrase_box_min_hits >= 1, "phrase_box_min_hits must be >= 1")
        _check(0.0 < self.phrase_box_min_share <= 1.0, "phrase_box_min_share must be in (0, 1]")
        _check(self.smoothing_window >= 0, "smoothing_window must be >= 0")
        _check(
            self.language is None or (isinstance(self.language, str) and 2 <= len(self.language) <= 8),
            "language must be an ISO 639 code or None",
        )
        _check(
            all(isinstance(n, str) and isinstance(w, (int, float)) for n, w in self.weights),
            "weights must be (name, number) pairs",
        )
        _check(
            all(isinstance(n, str) and isinstance(w, (int, float)) for n, w in self.smoothing),
            "smoothing must be (name, number) pairs",
        )
        _check(isinstance(self.disabled_scorers, frozenset), "disabled_scorers must be a frozenset")
        unknown = ({n for n, _ in self.weights} | set(self.disabled_scorers)) - {"bias", *SCORERS}
        _check(not unknown, f"unknown scorers: {', '.join(sorted(unknown))}")
        _check(
            isinstance(self.hard_rules, frozenset) and self.hard_rules <= set(HARD_RULES),
            f"hard_rules must be a frozenset of rule names ({', '.join(HARD_RULES)})",
        )

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes`` applied (validated again)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def precision(cls, **changes: Any) -> Options:
        """A preset that keeps fewer doubtful blocks: less chrome, some content lost."""
        return cls(**{"threshold": 0.65, **changes})

    @classmethod
    def recall(cls, **changes: Any) -> Options:
        """A preset that keeps more doubtful blocks: all content, some chrome."""
        return cls(**{"threshold": 0.35, **changes})


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise OptionsError(message)


DEFAULT_OPTIONS = Options()
