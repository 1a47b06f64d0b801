"""One test per hand-made fixture page (found by glob): its text and its key blocks' labels."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import regex

from boilerstrip import Extraction, Label, extract

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))
_WORD = regex.compile(r"\w+")
# The text must match the expected text this well (word F1, as ../shared/tools/score.py counts).
MIN_WORD_F1 = 0.95


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _word_f1(got: str, want: str) -> float:
    a, b = Counter(_WORD.findall(got.lower())), Counter(_WORD.findall(want.lower()))
    if not a or not b:
        return float(a == b)
    common = sum((a & b).values())
    return 0.0 if not common else 2 * common / (sum(a.values()) + sum(b.values()))


def _extract(name: str) -> Extraction:
    return extract((FIXTURES / f"{name}.html").read_bytes())


def _labels(name: str) -> list[tuple[str, str]]:
    return sorted(json.loads((FIXTURES / f"{name}.labels.json").read_text("utf-8")).items())


def test_there_are_enough_fixtures() -> None:
    assert len(PAGES) >= 15


@pytest.mark.parametrize("name", PAGES)
def test_text_matches_expected(name: str) -> None:
    want = (FIXTURES / f"{name}.txt").read_text("utf-8")
    got = _extract(name).text
    assert _word_f1(got, want) >= MIN_WORD_F1, f"word F1 {_word_f1(got, want):.3f}\n--- got:\n{got}"


@pytest.mark.parametrize("name", PAGES)
def test_every_expected_paragraph_is_in_text(name: str) -> None:
    got = _normalise(_extract(name).text)
    want = (FIXTURES / f"{name}.txt").read_text("utf-8")
    missing = [p for p in want.split("\n\n") if _normalise(p) and _normalise(p) not in got]
    assert not missing


CASES = [(name, snippet, label) for name in PAGES for snippet, label in _labels(name)]


@pytest.mark.parametrize(("name", "snippet", "label"), CASES, ids=[f"{n}:{s[:30]}" for n, s, _ in CASES])
def test_key_block_label(name: str, snippet: str, label: str) -> None:
    result = _extract(name)
    blocks = [b for b in result.blocks if snippet in b.text]
    assert blocks, f"no block holds {snippet!r}"
    got = blocks[0].label
    if label == "content":
        assert got is Label.CONTENT, f"{got.value} (score {blocks[0].score:.2f})"
        assert snippet in result.text
    else:
        # The kind of chrome is reported; what matters most is that it is not content.
        assert got is not Label.CONTENT, f"content (score {blocks[0].score:.2f})"
        assert _normalise(snippet) not in _normalise(result.text)


@pytest.mark.parametrize(
    ("name", "snippet", "label"),
    [c for c in CASES if c[2] != "content"],
    ids=[f"{n}:{s[:30]}" for n, s, lab in CASES if lab != "content"],
)
def test_key_block_chrome_kind(name: str, snippet: str, label: str) -> None:
    blocks = [b for b in _extract(name).blocks if snippet in b.text]
    assert blocks and blocks[0].label is Label(label)
