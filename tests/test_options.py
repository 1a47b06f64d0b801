"""Options: frozen, keyword-only, validated, with presets."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable

import pytest

from boilerstrip import Options, OptionsError, UnknownOptionError, extract


def test_keyword_only_and_frozen() -> None:
    with pytest.raises(TypeError):
        Options(0.5)  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Options().threshold = 0.1  # type: ignore[misc]


@pytest.mark.parametrize(
    "changes",
    [
        {"threshold": 1.5},
        {"decision": "best"},
        {"threshold": -0.1},
        {"wrap_width": 0},
        {"region_secondary_share": 0.0},
        {"phrase_box_min_share": 2.0},
        {"language": "x"},
        {"language": "\udcff\udcff"},  # echoed in result.language: its JSON was not UTF-8
        {"language": "de\x00"},
        {"language": "e n"},
        {"weights": (("link_density", "high"),)},
        {"disabled_scorers": {"link_density"}},
        {"listing_min_prices": -1},
    ],
)
def test_invalid_values_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # Each of these the pure path once read through and the compiled build refused.
        ({"heading_reach": 3.0}, "heading_reach must be int, not float"),
        ({"include_comments": None}, "include_comments must be bool, not NoneType"),
        ({"closing_appeals": 0}, "closing_appeals must be bool, not int"),
        ({"article_captions": "yes"}, "article_captions must be bool, not str"),
        # Both builds read these through: a 1 for True, a bool for a count.
        ({"never_empty": 1}, "never_empty must be bool, not int"),
        ({"smoothing_window": True}, "smoothing_window must be int, not bool"),
        ({"max_depth": 2.5}, "max_depth must be int | None, not float"),
        # Once a TypeError from the range's comparison.
        ({"threshold": "0.5"}, "threshold must be float, not str"),
        ({"decision": None}, "decision must be str, not NoneType"),
        ({"time_budget": True}, "time_budget must be float | None, not bool"),
        # The compiled build raised OverflowError or TypeError, the pure one read them through
        # (or raised OverflowError: time_budget).
        ({"smoothing_window": 2**63}, "smoothing_window must be between -2\\*\\*62 and 2\\*\\*62"),
        ({"phrase_scan_chars": 2**63}, "phrase_scan_chars must be between -2\\*\\*62 and 2\\*\\*62"),
        ({"max_nodes": 2**63}, "max_nodes must be between -2\\*\\*62 and 2\\*\\*62"),
        (
            {"trailing_box_max_ratio": 10**400},
            "trailing_box_max_ratio must be between -2\\*\\*62 and 2\\*\\*62",
        ),
        ({"time_budget": 10**400}, "time_budget must be between -2\\*\\*62 and 2\\*\\*62"),
        ({"region_min_words": -(2**63)}, "region_min_words must be between -2\\*\\*62 and 2\\*\\*62"),
        # Pairs and models of another shape: a ValueError or TypeError of their unpacking.
        ({"weights": "x"}, "weights must be \\(name, number\\) pairs"),
        ({"smoothing": 5}, "smoothing must be \\(name, number\\) pairs"),
        (
            {"cut_model": ((0.5,),)},
            "cut_model must be \\(threshold in \\[0, 1\\], coefficients\\) pairs of one length",
        ),
        (
            {"cut_model": ((0.5, ("a",)),)},
            "cut_model must be \\(threshold in \\[0, 1\\], coefficients\\) pairs of one length",
        ),
        ({"disabled_scorers": frozenset({5})}, "disabled_scorers must be a frozenset of scorer names"),
        # The one share without a range: any float was taken.
        ({"thread_min_share": -1.0}, "thread_min_share must be in \\[0, 1\\]"),
        ({"thread_min_share": float("nan")}, "thread_min_share must be in \\[0, 1\\]"),
    ],
)
def test_values_of_another_type_are_refused(changes: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError, match=f"^{message}$"):
        Options(**changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"threshold": 1}, "threshold", 1),  # a float field takes an int
        ({"max_depth": None}, "max_depth", None),
        ({"time_budget": 2}, "time_budget", 2),
        ({"language": None}, "language", None),
        ({"language": "zh-Hant"}, "language", "zh-Hant"),
        ({"language": "pt_BR"}, "language", "pt_BR"),
        ({"max_nodes": 2**62}, "max_nodes", 2**62),
        ({"time_budget": float("inf")}, "time_budget", float("inf")),
    ],
)
def test_values_of_their_own_type_are_taken(changes: dict[str, object], field: str, value: object) -> None:
    assert getattr(Options(**changes), field) == value  # type: ignore[arg-type]


def test_presets() -> None:
    precision, recall = Options.precision(), Options.recall()
    assert (precision.decision, recall.decision) == ("threshold", "expected_f1")
    assert precision.threshold > Options().threshold
    assert Options.precision(include_comments=True).include_comments


def test_replace_validates() -> None:
    assert Options().replace(threshold=0.7).threshold == 0.7
    with pytest.raises(OptionsError):
        Options().replace(threshold=7)


def test_every_weighted_scorer_exists() -> None:
    from boilerstrip._scorers import SCORERS

    names = {name for name, _ in Options().weights} - {"bias"}
    assert names and names <= set(SCORERS)


PAGE = """<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>A headline of the page</h1>
<p>This is the first paragraph of a long article, with enough words in it, commas, and a full stop.</p>
<p>This is the second paragraph, which also says something of substance about the topic at hand.</p>
<p>Maybe.</p>
<p>A third paragraph closes the article with a few more words, so that it looks like real prose.</p>
</article><footer>All rights reserved.</footer></body></html>"""


def test_precision_keeps_no_more_than_recall() -> None:
    strict = {b.index for b in extract(PAGE, options=Options.precision()).content_blocks}
    loose = {b.index for b in extract(PAGE, options=Options.recall()).content_blocks}
    assert strict <= loose


def test_disabling_a_scorer_removes_its_output() -> None:
    block = extract(PAGE, options=Options(disabled_scorers=frozenset({"link_density"}))).blocks[0]
    assert "link_density" not in dict(block.scores)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Options(bogus=1), "Options has no field 'bogus'$"),
        (lambda: Options(treshold=0.6), r"'treshold' \(did you mean 'threshold'\?\)"),
        (
            lambda: Options(max_input_char=5, decison="x"),
            r"'max_input_char' \(did you mean 'max_input_chars'\?\), 'decison'",
        ),
        (lambda: Options().replace(bogus=1), "no field 'bogus'"),
        (lambda: dataclasses.replace(Options(), bogus=1), "no field 'bogus'"),
        (lambda: Options.precision(bogus=1), "no field 'bogus'"),
        (lambda: Options.recall(bogus=1), "no field 'bogus'"),
    ],
    ids=["unknown", "misspelt", "two", "replace", "dataclasses.replace", "precision", "recall"],
)
def test_an_unknown_field_is_an_options_error_and_a_type_error(
    make: Callable[[], Options], message: str
) -> None:
    """Options(bogus=1) raised the generated __init__'s bare TypeError, not OptionsError."""
    with pytest.raises(UnknownOptionError, match=message) as raised:
        make()
    assert isinstance(raised.value, OptionsError) and isinstance(
        raised.value, TypeError
    )  # TypeError as before


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_options_still_pickle_copy_and_replace(protocol: int) -> None:
    options = Options(threshold=0.6, disabled_scorers=frozenset({"link_density"}))
    assert pickle.loads(pickle.dumps(options, protocol)) == options
    assert copy.copy(options) == copy.deepcopy(options) == options
    assert dataclasses.replace(options, threshold=0.7) == options.replace(threshold=0.7) != options
    error = pickle.loads(pickle.dumps(_raised(lambda: Options(bogus=1)), protocol))
    assert isinstance(error, OptionsError) and isinstance(error, TypeError)
    with pytest.raises(TypeError, match="positional"):
        Options(0.5)  # type: ignore[misc]


def _raised(make: Callable[[], object]) -> BaseException:
    try:
        make()
    except BaseException as error:
        return error
    raise AssertionError("nothing raised")
