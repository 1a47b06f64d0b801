"""extract() from several threads at once, each on another page, gives the serial output, in
whichever build runs the tests (the pure source, or the compiled build on PYTHONPATH): no
call changes shared state. The limits scan's C loop (_cscan.c) keeps its names' table in its
module's state (_cscan_module.c), built by the first call and only read after; a call handed other tables (a
second copy of the Python modules) builds its own, so threads mixing the two read the same
Scan as one thread does."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import ModuleType

import pytest

from boilerstrip import Extraction, Options, _limits, extract

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(FIXTURES.glob("*.html")) + sorted((FIXTURES / "hostile").iterdir())
THREADS = 4


def _everything(result: Extraction) -> tuple[object, ...]:
    """Everything extract() returns: the text, the formats and every block."""
    return (
        result.text,
        result.title,
        result.language,
        result.confidence,
        result.truncated,
        result.to_markdown(links=True, images=True),
        result.to_html(links=True, images=True),
        tuple((b.text, b.label, b.score, b.role, b.locator, b.features, b.scores) for b in result.blocks),
    )


def _run(page: bytes) -> tuple[object, ...]:
    return _everything(extract(page, options=Options(time_budget=None)))


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.name)
def test_threads_on_different_pages_give_the_serial_output(page: Path) -> None:
    # The page, in every thread, among the next pages of the list: each thread runs its
    # own page while the others run theirs.
    at = PAGES.index(page)
    pages = [p.read_bytes() for p in (PAGES + PAGES)[at : at + THREADS]]
    serial = [_run(p) for p in pages]
    order = [(start + k) % len(pages) for start in range(THREADS) for k in range(len(pages))]
    with ThreadPoolExecutor(THREADS) as pool:
        threaded = list(pool.map(_run, [pages[i] for i in order]))
    assert threaded == [serial[i] for i in order]


def _copied_tables() -> tuple[object, ...]:
    """_limits.TABLES made of new objects with the same contents: what a second copy of the
    Python modules hands the C loop."""
    stack, text_starts, bodies, *rest = _limits.TABLES
    assert isinstance(stack, tuple) and isinstance(text_starts, frozenset) and isinstance(bodies, frozenset)
    kinds, bits, sets, search_depth, noahs_ark = stack
    assert isinstance(kinds, dict) and isinstance(sets, tuple)
    copied_stack = (dict(kinds), bits, tuple(frozenset([*s]) for s in sets), search_depth, noahs_ark)
    return (copied_stack, frozenset([*text_starts]), frozenset([*bodies]), *rest)


_UNLIMITED = 2**60


@pytest.mark.parametrize("mix", ["module tables", "copied tables", "both"])
def test_the_c_scan_from_threads_with_either_tables(cscan: ModuleType, mix: str) -> None:
    copied = _copied_tables()
    assert copied[0] is not _limits.TABLES[0] and copied[1] is not _limits.TABLES[1]

    def scan(text: str, tables: tuple[object, ...]) -> tuple[object, ...]:
        bodies: list[int] = []
        found = cscan.scan(text, *[_UNLIMITED] * 6, tables, bodies)
        return (*found, tuple(bodies))

    texts = [p.read_bytes().decode("utf-8", "replace") for p in PAGES]
    serial = [scan(text, _limits.TABLES) for text in texts]
    choices = {
        "module tables": [_limits.TABLES],
        "copied tables": [copied],
        "both": [_limits.TABLES, copied],
    }[mix]
    work = [(text, choices[i % len(choices)]) for i, text in enumerate(texts * THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        threaded = list(pool.map(lambda job: scan(*job), work))
    assert threaded == serial * THREADS
