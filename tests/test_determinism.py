"""The same input gives the same output in any thread: 8 threads over every fixture page,
several times over, against one sequential run (the hash-seed test is in test_api.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from boilerstrip import Extraction, extract

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("*.html")) + sorted((FIXTURES / "hostile").iterdir())


def _everything(result: Extraction) -> tuple[object, ...]:
    """The full output: text, title, confidence and every block's label, score and scorers."""
    return (
        result.text,
        result.title,
        result.confidence,
        result.truncated,
        tuple((b.text, b.label, b.score, b.locator, b.features, b.scores) for b in result.blocks),
    )


def test_eight_threads_give_the_sequential_output() -> None:
    pages = [p.read_bytes() for p in PAGES]
    sequential = [_everything(extract(page)) for page in pages]
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda page: _everything(extract(page)), pages * 3))
    assert threaded == sequential * 3
