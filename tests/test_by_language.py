"""benchmarks/by_language.py: figures by the page's language, on made-up reports."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from by_language import check_sets, declared_language, grouped, records_of, set_figure, table

_PAGES: dict[str, dict[str, Any]] = {
    "a/1": {"status": "ok", "f1": 0.5},
    "a/2": {"status": "ok", "f1": 1.0},
    "a/3": {"status": "error", "f1": 0.0},
    "s/x": {"status": "ok", "counts": [3, 1, 0, 4]},
    "s/y": {"status": "ok", "counts": [1, 0, 2, 2]},
}
_BENCH = {
    "extractors": {
        "boilerstrip": {
            "sets": {"a": {"f1": 0.5}, "s": {"f1": 8 / 11}},
            "pages": _PAGES,
        }
    }
}


@pytest.mark.parametrize(
    ("html", "language"),
    [
        ('<!doctype html><html lang="de-DE"><body>', "de"),
        ("<HTML class=x LANG=fr>", "fr"),
        ("<html xml:lang='ja' lang='ja'>", "ja"),
        ("<html><body lang=de>", "-"),
        ("<p>no html element</p>", "-"),
    ],
)
def test_declared_language_is_the_primary_subtag(html: str, language: str) -> None:
    assert declared_language(html) == language


@pytest.mark.parametrize(
    ("keys", "figure"),
    [
        (["a/1", "a/2", "a/3"], 0.5),  # mean page F1, a failed page counted as 0
        (["a/2"], 1.0),
        (["s/x", "s/y"], 8 / 11),  # pooled: tp 4, fp 1, fn 2 -> 2*4 / (8+1+2)
        (["s/y"], 0.5),
    ],
)
def test_set_figure_is_the_bench_figure(keys: list[str], figure: float) -> None:
    assert set_figure(_PAGES[k] for k in keys) == pytest.approx(figure)


def test_the_records_of_either_report_and_the_check() -> None:
    assert records_of(_BENCH, "boilerstrip") == _PAGES
    assert records_of({"per_page": {"p": {"a/1": {}}}}, "p") == {"a/1": {}}
    assert check_sets(_PAGES, _BENCH) == []
    wrong = {"extractors": {"boilerstrip": {"sets": {"a": {"f1": 0.6}}, "pages": _PAGES}}}
    assert [w.split(":")[0] for w in check_sets(_PAGES, wrong)] == ["a"]


def test_small_languages_are_pooled_last() -> None:
    languages = {"a/1": "de", "a/2": "de", "a/3": "fr", "s/x": "en", "s/y": "de"}
    assert grouped(languages, sorted(languages), 2) == {"de": ["a/1", "a/2", "s/y"], "other": ["a/3", "s/x"]}
    assert list(grouped(languages, sorted(languages), 1)) == ["de", "en", "fr"]
    assert grouped({}, ["a/1"], 1) == {"-": ["a/1"]}


def test_the_table_bolds_the_best() -> None:
    runs = {"boilerstrip": _PAGES, "peer": {**_PAGES, "a/3": {"status": "ok", "f1": 0.9}}}
    lines = table({"de": ["a/1", "a/2", "a/3"]}, runs, "language").splitlines()
    assert lines[0] == "| language | pages | boilerstrip | peer |"
    assert lines[2] == "| de | 3 | 0.500 | **0.800** |"
