"""Golden files: the Markdown of every fixture page (tests/fixtures/golden/NAME.md).

After a change that alters the Markdown on purpose, run ``python scripts/write_golden.py``,
read ``git diff tests/fixtures/golden`` and commit the files you judged right.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
from write_golden import FIXTURES, GOLDEN, golden_markdown

PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))


def test_every_fixture_has_a_golden_file() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.md")) == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_markdown_matches_golden_file(name: str) -> None:
    expected = (GOLDEN / f"{name}.md").read_text(encoding="utf-8")
    assert golden_markdown((FIXTURES / f"{name}.html").read_bytes()) == expected
