"""The same input gives the same output in any thread: 8 threads over every fixture page,
several times over, against one sequential run (the hash-seed test is in test_api.py)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from boilerstrip import extract
from test_thread_safety import PAGES, _everything  # the pages and the full output, formats included


def test_eight_threads_give_the_sequential_output() -> None:
    pages = [p.read_bytes() for p in PAGES]
    sequential = [_everything(extract(page)) for page in pages]
    with ThreadPoolExecutor(8) as pool:
        threaded = list(pool.map(lambda page: _everything(extract(page)), pages * 3))
    assert threaded == sequential * 3
