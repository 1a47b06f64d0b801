"""The benchmark: metrics as the reference scorer counts them, sets, the quality gate."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from boilerstrip import Options
from boilerstrip._bench import benchmark
from boilerstrip._bench._gate import check, raise_floors, set_figures
from boilerstrip._bench._metrics import snippet_counts, snippet_f1, text_score, words
from boilerstrip._bench._sets import load_sets
from boilerstrip._cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score.py"


@pytest.mark.parametrize(
    ("output", "truth", "expected"),
    [
        ("the cat sat", "the cat sat", (1.0, 1.0, 1.0)),
        # 2 of 4 output words are true (precision 1/2), 2 of 3 true words found (recall 2/3)
        ("The cat, the dog", "the cat sat", (0.5, 2 / 3, 2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))),
        ("", "the cat", (0.0, 0.0, 0.0)),
        ("", "", (1.0, 1.0, 1.0)),
        ("words", "", (0.0, 1.0, 0.0)),
        ("Straße café 東京", "straße CAFÉ 東京", (1.0, 1.0, 1.0)),
    ],
)
def test_text_score(output: str, truth: str, expected: tuple[float, float, float]) -> None:
    score = text_score(output, words(truth))
    assert (score.precision, score.recall, score.f1) == pytest.approx(expected)


def test_snippets_are_pooled() -> None:
    # whitespace-normalised, case-sensitive substrings, as trafilatura's evaluation counts them
    a = snippet_counts("Hello   big world", ["big world", "missing"], ["Hello"])
    assert snippet_counts("Hello world", [], ["hello"]) == (0, 0, 0, 1)
    b = snippet_counts("", ["x"], ["y"])
    assert a == (1, 1, 1, 0) and b == (0, 0, 1, 1)
    assert snippet_f1([a, b])["f1"] == pytest.approx(2 * 1 / (2 * 1 + 1 + 2))


def test_a_folder_of_pairs_is_a_set() -> None:
    sets = load_sets([FIXTURES])
    assert list(sets) == ["fixtures"]
    assert len(sets["fixtures"]) == len(list(FIXTURES.glob("*.html")))


@pytest.mark.parametrize("given", [FIXTURES, str(FIXTURES), [str(FIXTURES)], (FIXTURES,)])
def test_one_folder_or_several_may_be_given(given: str | Path | Sequence[str | Path]) -> None:
    assert load_sets(given) == load_sets([FIXTURES])


def _layout_copy(tmp_path: Path) -> Path:
    """tests/fixtures in the development data's layout: <set>/html/<id>.html, <set>/gt/<id>.txt."""
    root = tmp_path / "sets" / "fixtures"
    (root / "html").mkdir(parents=True)
    (root / "gt").mkdir()
    for page in FIXTURES.glob("*.html"):
        shutil.copy(page, root / "html" / page.name)
        shutil.copy(page.with_suffix(".txt"), root / "gt" / f"{page.stem}.txt")
    return root.parent


def test_both_layouts_give_the_same_figures(tmp_path: Path) -> None:
    _, pairs = benchmark([FIXTURES], timing=False)
    _, layout = benchmark([_layout_copy(tmp_path)], timing=False)
    assert set_figures(pairs) == set_figures(layout)


@pytest.mark.skipif(
    not REFERENCE_SCORER.is_file(), reason="the reference scorer ../shared/tools/score.py is absent"
)
def test_figures_agree_with_the_reference_scorer(tmp_path: Path) -> None:
    data = _layout_copy(tmp_path)
    out = tmp_path / "reference.json"
    env = {**os.environ, "BOILERSTRIP_SRC": str(Path(__file__).resolve().parents[1] / "src")}
    subprocess.run(
        [
            sys.executable,
            str(REFERENCE_SCORER),
            "--data",
            str(data),
            "--extractors",
            "boilerstrip",
            "--no-timing",
            "--quiet",
            "--out",
            str(out),
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    reference = json.loads(out.read_text())
    theirs = {key.split("/", 1)[1]: rec["f1"] for key, rec in reference["per_page"]["boilerstrip"].items()}
    _, ours = benchmark([data], timing=False)
    mine = {key.split("/", 1)[1]: rec["f1"] for key, rec in ours["boilerstrip"]["pages"].items()}
    assert mine.keys() == theirs.keys()
    assert all(abs(mine[k] - theirs[k]) < 0.001 for k in mine)
    assert abs(sum(mine.values()) / len(mine) - sum(theirs.values()) / len(theirs)) < 0.001


def test_gate_fails_when_quality_drops() -> None:
    _, good = benchmark([FIXTURES], timing=False)
    floors = raise_floors(set_figures(good), {})
    assert check(set_figures(good), floors) == []
    _, worse = benchmark([FIXTURES], options=Options(decision="threshold", threshold=0.97), timing=False)
    failures = check(set_figures(worse), floors)
    assert failures and failures[0].startswith("fixtures:")


@pytest.mark.parametrize("f1", [0.93406, 0.98148, 0.88489, 0.5, 0.99999])
def test_a_raised_floor_never_stands_above_its_figure(f1: float) -> None:
    figures = set_figures({"boilerstrip": {"sets": {"a": {"f1": f1}}}})
    assert f1 - 0.0001 < figures["a"] <= f1
    assert raise_floors(figures, {})["a"] <= f1


def test_floors_never_go_down() -> None:
    assert raise_floors({"a": 0.5, "b": 0.9}, {"a": 0.8, "b": 0.7}) == {"a": 0.8, "b": 0.9}


def test_bench_command_gate_and_exit_status(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"fixtures": 0.999}))
    assert main(["bench", str(FIXTURES), "--no-timing", "--quiet", "--gate", str(floors)]) == 1
    assert "Quality gate: FAILED" in capsys.readouterr().out
    floors.write_text(json.dumps({"fixtures": 0.5}))
    out = tmp_path / "run.json"
    assert (
        main(
            [
                "bench",
                str(FIXTURES),
                "--quiet",
                "--gate",
                str(floors),
                "--raise-floors",
                "--out",
                str(out),
                "--worst",
                "2",
            ]
        )
        == 0
    )
    printed = capsys.readouterr().out
    pages = len(list(FIXTURES.glob("*.html")))  # every fixture page has its .txt
    assert f"| fixtures ({pages}) |" in printed and "worst pages" in printed and "median ms" in printed
    assert json.loads(floors.read_text())["fixtures"] > 0.5
    assert json.loads(out.read_text())["extractors"]["boilerstrip"]["pages"]


def test_unknown_peer_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", str(FIXTURES), "--against", "nosuch"]) == 2
    assert "unknown extractor" in capsys.readouterr().err


@pytest.mark.parametrize(
    "flags",
    [
        ["--jobs", "0"],
        ["--timeout", "0"],
        ["--threshold", "2"],
        ["--set", "nosuch=1"],
        ["--set", "threshold"],
        ["--set", "threshold=2"],
        ["--set", "decision=maybe"],
        ["--set", "include_comments=yes"],
    ],
)
def test_bad_numbers_are_usage_errors(flags: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["bench", str(FIXTURES), *flags]) == 2
    assert "boilerstrip bench:" in capsys.readouterr().err


def test_ablation_switches_off_matching_scorers_and_rules() -> None:
    from boilerstrip._bench._cli import ablated

    options = ablated(Options(), ["container_*", "phrase_box"])
    assert "container_promo" in options.disabled_scorers and "link_density" not in options.disabled_scorers
    assert "phrase_box" in options.disabled_scorers and "phrase_box" not in options.hard_rules
    with pytest.raises(ValueError, match="nosuch"):
        ablated(Options(), ["nosuch*"])


@pytest.mark.parametrize(
    ("setting", "field", "value"),
    [
        ("decision=threshold", "decision", "threshold"),
        ("threshold=0.7", "threshold", 0.7),
        ("region_max_count=2", "region_max_count", 2),
        ("include_comments=true", "include_comments", True),
        ("language=de", "language", "de"),
        ("language=none", "language", None),
        ("hard_rules=phrase_box", "hard_rules", frozenset({"phrase_box"})),
        # A limit lifted, as README says None does (an int or a float was required).
        ("max_nodes=none", "max_nodes", None),
        ("time_budget=none", "time_budget", None),
    ],
)
def test_settings_take_the_field_type(setting: str, field: str, value: object) -> None:
    from boilerstrip._bench._cli import with_settings

    assert getattr(with_settings(Options(), [setting]), field) == value


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        # Options attributes that are no field: a TypeError from Options() (a traceback).
        ("replace=x", "NAME an Options field"),
        ("__class__=x", "NAME an Options field"),
        ("cut_model=x", "NAME an Options field"),  # read as a str: "not enough values to unpack"
        ("max_nodes=1e3", "max_nodes takes an integer or none, not '1e3'"),
        ("threshold=high", "threshold takes a number, not 'high'"),
        ("never_empty=yes", "never_empty takes true or false, not 'yes'"),
    ],
)
def test_settings_refused_say_why(setting: str, message: str) -> None:
    from boilerstrip._bench._cli import with_settings

    with pytest.raises(ValueError, match=re.escape(message)):
        with_settings(Options(), [setting])
