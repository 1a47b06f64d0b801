"""benchmarks/decision_ablation.py: each row switches off a step the decision reads, and the
table shows each row's change against the base."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Any, cast

import pytest

from boilerstrip import Options
from boilerstrip._bench._sets import load_sets
from boilerstrip._hard_rules import HARD_RULES

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from decision_ablation import STEP_FUNCTIONS, STEPS, replay_all, step_options, table
from replay import _Reading, dump, dump_page, replay, replayed

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def fields_read() -> tuple[set[str], set[str]]:
    """(the Options fields the stages before the decision read, those the decision reads), over
    every fixture page."""
    upstream: set[str] = set()
    decision: set[str] = set()
    for page in load_sets([FIXTURES])["fixtures"]:
        dumped, read = dump_page(page)
        upstream |= read
        reading = _Reading(Options())
        replayed(dumped, cast(Options, reading))
        decision |= reading.read
    return upstream, decision


@pytest.mark.parametrize(("label", "settings", "rules"), STEPS, ids=[s[0] for s in STEPS])
def test_each_step_is_switched_off_in_the_decision(
    label: str, settings: dict[str, Any], rules: tuple[str, ...], fields_read: tuple[set[str], set[str]]
) -> None:
    upstream, decision = fields_read
    options = step_options(settings, rules)
    assert options != Options()
    # A field read before the decision would not be replayed: the row would show no change.
    assert not set(settings) & upstream
    assert set(settings) <= decision
    assert set(rules) <= set(HARD_RULES) and not set(rules) & options.hard_rules
    assert not options.disabled_scorers  # the dump holds the scorers' output


def test_a_name_that_is_no_hard_rule_is_refused() -> None:
    with pytest.raises(ValueError, match="not hard rules: link_density"):
        step_options({}, ("link_density",))


def test_labels_are_unique() -> None:
    assert len({s[0] for s in STEPS}) == len(STEPS)


def test_table_sorts_by_what_the_mean_loses() -> None:
    base = {"a": 0.9, "b": 0.8, "wcxb product": 0.7}
    runs = {
        "nothing (main)": base,
        "gains without": {**base, "a": 0.92},
        "loses without": {**base, "b": 0.70},
    }
    lines = table(runs, ["a", "b"]).splitlines()
    assert lines[0] == "| switched off | a | b | mean over sets | change | news mean change | product |"
    assert [line.split(" | ")[0] for line in lines[2:]] == [
        "| nothing (main)",
        "| loses without",
        "| gains without",
    ]
    assert "| loses without | 0.9000 | 0.7000 | 0.8000 | -0.0500 | – | 0.7000 |" in lines
    assert "| gains without | 0.9200 | 0.8000 | 0.8600 | +0.0100 | – | 0.7000 |" in lines


def _calls(function: ast.FunctionDef) -> set[str]:
    return {n.func.id for n in ast.walk(function) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}


def test_every_step_of_decide_has_a_row() -> None:
    """A step added to _combine.decide (a with_*/without_*/within_* call) needs a row."""
    source = Path(__file__).parent.parent / "src" / "boilerstrip" / "_combine.py"
    functions = {
        n.name: n for n in ast.parse(source.read_text("utf-8")).body if isinstance(n, ast.FunctionDef)
    }
    called = _calls(functions["decide"]) | _calls(functions["_decide"])
    steps = {name for name in called if re.match(r"_?with(in|out)?_", name)}
    assert steps == set(STEP_FUNCTIONS)
    labels = {s[0] for s in STEPS}
    assert set(STEP_FUNCTIONS.values()) <= labels
    assert {f"hard rule: {name.replace('_', ' ')}" for name in HARD_RULES} <= labels


def test_all_rows_replayed_at_once_are_each_rows_replay(tmp_path: Path) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    variants = [Options(), *(step_options(settings, rules) for _, settings, rules in STEPS[:4])]
    assert replay_all(tmp_path, variants, jobs=1) == [replay(tmp_path, o, jobs=1) for o in variants]
