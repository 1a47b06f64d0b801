"""The checks ``Options`` runs on creation, as tables of field names by the range they
must lie in, then the few checks of their own kind."""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Mapping
from types import NoneType
from typing import TYPE_CHECKING, Final

from ._errors import OptionsError, UnknownOptionError
from ._hard_rules import HARD_RULES
from ._scorers import SCORERS

if TYPE_CHECKING:
    from ._options import Options

DECISIONS = ("threshold", "expected_f1", "adaptive", "predicted")

# Shares, densities, probabilities and floors: in [0, 1].
UNIT = (
    "threshold", "adaptive_margin", "heading_floor", "expected_f1_floor", "hidden_description_share",
    "region_max_link_density", "phrase_box_min_word_share", "teaser_link_share",
    "inline_teaser_link_density", "inline_teaser_prose_link_density", "link_list_density",
    "thread_post_max_link_density", "tail_prose_link_density", "tail_link_density",
    "product_card_max_share", "title_box_share", "card_slot_keep_share", "card_group_keep_share",
    "card_group_floor", "card_group_card_share", "card_group_card_floor", "child_card_link_share",
    "child_card_floor", "section_prose_floor",
    "section_prose_max_link_density", "section_prose_min_stopwords", "detached_link_density",
    "table_rows_floor", "table_rows_max_link_density", "dump_max_distinct",
    "form_label_max_share", "body_link_density", "teaser_card_link_density",
    "teaser_card_prose_link_density", "teaser_card_teaser_link_density", "thread_min_share",
    "after_body_prose_probability", "after_body_keep_probability", "after_body_bare_main_share",
    "thread_short_line_max_probability",
)  # fmt: skip
# Shares that must leave something: in (0, 1].
OPEN_UNIT = ("region_secondary_share", "phrase_box_min_share", "author_bio_share", "after_body_share")
# Counts where 0 switches a step off or means "any": at least 0.
NON_NEGATIVE = (
    "heading_reach", "hidden_description_min_words", "reveal_below_chars", "region_min_words",
    "whole_phrase_max_chars", "smoothing_window", "metadata_line_max_words", "teaser_label_max_chars",
    "teaser_min_words", "box_label_max_words", "inline_teaser_max_words", "inline_teaser_min_words",
    "inline_teaser_prose_words", "copy_shared_ancestor_levels", "headline_words", "listing_min_prices",
    "thread_description_min_words", "thread_post_min_words", "tail_max_blocks", "tail_prose_words",
    "tail_short_words", "tail_link_max_words", "closing_box_max_words", "closing_appeal_after_words",
    "detached_max_words",
    "product_card_min_cards", "copy_box_min_blocks", "copy_box_min_words", "card_group_min_cards",
    "section_prose_min_words", "id_string_min_ids", "control_max_chars", "form_label_max_words",
    "product_carousel_max_cards", "child_card_min_cards", "thread_chrome_box_min_words",
    "thread_heading_max_level", "thread_short_line_max_words",
    "body_link_max_words", "dateline_max_words", "teaser_card_min_cards", "teaser_card_title_min_words",
    "teaser_card_title_max_words", "teaser_card_teaser_words", "teaser_card_filler_words",
    "teaser_card_body_words", "teaser_card_prose_words", "table_rows_min_rows",
    "dump_min_words", "phrase_box_feed_titles", "titled_box_body_words", "echo_min_unit_words",
    "echo_max_words", "related_title_max_words", "trailing_box_max_ratio", "author_bio_min_words",
    "after_body_max_ratio", "after_body_prose_words", "after_body_min_words",
    "after_body_bare_min_words", "after_body_bare_max_ratio", "tagless_max_chars",
    "after_body_sectioned_min_words", "after_body_sectioned_max_ratio",
    "after_body_sectioned_before_ratio", "after_body_product_max_ratio",
    "after_body_product_before_ratio",
)  # fmt: skip
# Counts of at least one.
AT_LEAST_ONE = (
    "region_max_count", "phrase_box_min_hits", "product_card_levels", "product_card_price_words",
    "card_slot_min_blocks", "detached_max_runs", "binary_min_odd_chars",
)  # fmt: skip
POSITIVE = ("wrap_width", "phrase_scan_chars", "phrase_scan_words")
# Limits and size switches: a positive int, or None for none.
POSITIVE_OR_NONE = (
    "max_input_chars", "max_nodes", "max_depth", "max_depth_sum", "max_attributes", "max_name_work",
    "max_total_attributes",
    "parse_apart_min_chars", "drop_raw_text_min_chars", "coded_scores_min_blocks", "packed_texts_min_blocks",
    "release_after_chars", "release_min_free_top", "pause_collector_min_chars",
)  # fmt: skip


# The classes a field's value may be, by its declared type (the annotation's text). Checked
# first, so that a value of another type is an OptionsError, not a TypeError from a range's
# comparison, and so that both builds take the same values: the compiled stages refuse what
# the pure path would read through (a float count, None for a switch). A float takes an int,
# as both builds read it; a bool, though an int, is no count.
KINDS: Final = {
    "bool": (bool,),
    "int": (int,),
    "float": (int, float),
    "str": (str,),
    "int | None": (int, NoneType),
    "float | None": (int, float, NoneType),
    "str | None": (str, NoneType),
}
# The largest int a field takes (a count, a limit, a float field's int). Design: the compiled
# build holds counts in C's 64-bit integers (its stages raised OverflowError or TypeError from
# 2**63 where the pure build read on); 2**62 leaves room for a sum of two.
MAX_INT: Final = 2**62


def check_options(o: Options) -> None:
    """Raise :class:`OptionsError` for the first field of another type than its own (or an
    int past :data:`MAX_INT`), then for the first out of its range."""
    for f in dataclasses.fields(o):
        kinds = KINDS.get(f.type) if isinstance(f.type, str) else None
        if kinds is not None:  # the pairs, sets and cut model: their own checks below
            value = getattr(o, f.name)
            _check(
                isinstance(value, kinds) and (f.type == "bool" or not isinstance(value, bool)),
                f"{f.name} must be {f.type}, not {type(value).__name__}",
            )
            _check(
                isinstance(value, bool) or not isinstance(value, int) or abs(value) <= MAX_INT,
                f"{f.name} must be between -2**62 and 2**62",
            )
    for name in UNIT:
        _check(0.0 <= getattr(o, name) <= 1.0, f"{name} must be in [0, 1]")
    for name in OPEN_UNIT:
        _check(0.0 < getattr(o, name) <= 1.0, f"{name} must be in (0, 1]")
    for name in NON_NEGATIVE:
        _check(getattr(o, name) >= 0, f"{name} must be >= 0")
    for name in AT_LEAST_ONE:
        _check(getattr(o, name) >= 1, f"{name} must be >= 1")
    for name in POSITIVE:
        _check(getattr(o, name) > 0, f"{name} must be positive")
    for name in POSITIVE_OR_NONE:
        value = getattr(o, name)
        _check(value is None or (isinstance(value, int) and value > 0), f"{name} must be positive or None")
    _check(o.repeat_min_siblings >= 2, "repeat_min_siblings must be >= 2")
    _check(o.decision in DECISIONS, f"decision must be one of {', '.join(DECISIONS)}")
    _check(
        o.sectioned_decision in ("", *DECISIONS),
        f"sectioned_decision must be '' or one of {', '.join(DECISIONS)}",
    )
    _check(o.on_limit in ("truncate", "raise"), "on_limit must be 'truncate' or 'raise'")
    _check(
        o.time_budget is None or (isinstance(o.time_budget, (int, float)) and o.time_budget > 0),
        "time_budget must be positive or None",
    )
    _check(
        o.language is None
        or (
            isinstance(o.language, str)
            and 2 <= len(o.language) <= 8
            # letters, digits, "-" and "_" (a lone surrogate or a control character, which
            # result.language echoes, made its JSON unwritable or held a NUL)
            and o.language.isascii()
            and o.language.replace("-", "").replace("_", "").isalnum()
        ),
        "language must be an ISO 639 code or None",
    )
    _shaped(
        lambda: all(isinstance(n, str) and isinstance(w, (int, float)) for n, w in o.weights),
        "weights must be (name, number) pairs",
    )
    _shaped(
        lambda: all(isinstance(n, str) and isinstance(w, (int, float)) for n, w in o.smoothing),
        "smoothing must be (name, number) pairs",
    )
    _shaped(
        lambda: (
            bool(o.cut_model)
            and all(
                0.0 <= t <= 1.0
                and len(c) == len(o.cut_model[0][1])
                and all(isinstance(x, (int, float)) for x in c)
                for t, c in o.cut_model
            )
        ),
        "cut_model must be (threshold in [0, 1], coefficients) pairs of one length",
    )
    _check(
        isinstance(o.disabled_scorers, frozenset) and all(isinstance(n, str) for n in o.disabled_scorers),
        "disabled_scorers must be a frozenset of scorer names",
    )
    unknown = ({n for n, _ in o.weights} | set(o.disabled_scorers)) - {"bias", *SCORERS}
    _check(not unknown, f"unknown scorers: {', '.join(sorted(unknown))}")
    _check(
        isinstance(o.hard_rules, frozenset) and o.hard_rules <= set(HARD_RULES),
        f"hard_rules must be a frozenset of rule names ({', '.join(HARD_RULES)})",
    )


def unknown_fields(cls: type, changes: Mapping[str, object]) -> UnknownOptionError:
    """The error for the names of ``changes`` that are no field of dataclass ``cls``, each
    with its nearest field if one is near."""
    fields = list(cls.__dataclass_fields__)  # type: ignore[attr-defined]
    named = []
    for name in (n for n in changes if n not in cls.__dataclass_fields__):  # type: ignore[attr-defined]
        near = difflib.get_close_matches(name, fields, n=1)
        named.append(f"{name!r}" + (f" (did you mean {near[0]!r}?)" if near else ""))
    return UnknownOptionError(f"{cls.__name__} has no field {', '.join(named)}")


def _shaped(condition: Callable[[], bool], message: str) -> None:
    """:func:`_check` of a nested value's condition, which a value of another shape makes
    raise (a str or an int for pairs: ValueError or TypeError, not OptionsError)."""
    try:
        holds = condition()
    except (TypeError, ValueError):
        holds = False
    _check(holds, message)


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise OptionsError(message)
