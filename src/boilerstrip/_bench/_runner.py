"""Runs extractors over pages, each in worker processes of its own, with a per-page timeout.

A worker loads one extractor, blocks the network, calls it once to warm up, then times
only the extraction call of each page it is sent (reading and decoding the page stay
outside). A page slower than the timeout, or a worker that dies, costs that page (scored
as an empty output) and a fresh worker takes the next one. Peak memory is the worker's
maximum resident set size.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from ._sets import Page

_WARMUP = (
    "<html><body><article><h1>Warm-up</h1><p>One paragraph, long enough to count.</p></article></body></html>"
)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One extractor on one page."""

    text: str
    seconds: float
    status: str  # "ok", "error", "timeout", "crash"
    error: str = ""


@dataclass
class Run:
    """Everything one extractor did over the pages (filled by the runner)."""

    name: str
    version: str = "?"
    available: bool = True
    why_unavailable: str = ""
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    load_seconds: float = 0.0


def _serve(conn: Connection, name: str, options: Any, cpu: int | None) -> None:
    """Worker main: load, warm up, then answer pages until told to stop."""
    import os
    import resource

    from ._peers import block_network, load, version

    # Peers print warnings and tracebacks freely; errors are recorded per page instead.
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    if cpu is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {cpu})
    block_network()
    try:
        started = time.perf_counter()
        extractor = load(name, options)
        extractor(_WARMUP)
        conn.send(("ready", version(name), time.perf_counter() - started))
    except BaseException as error:
        conn.send(("unavailable", f"{type(error).__name__}: {error}"))
        return
    while (page := conn.recv()) is not None:
        html = page.html()
        started = time.perf_counter()
        try:
            text, status, message = extractor(html) or "", "ok", ""
        except Exception as error:
            text, status, message = "", "error", f"{type(error).__name__}: {str(error)[:200]}"
        seconds = time.perf_counter() - started
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
        conn.send((text if isinstance(text, str) else str(text), seconds, status, message, rss_mb))


class _Worker:
    def __init__(self, name: str, options: Any, cpu: int | None, load_timeout: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, name, options, cpu), daemon=True)
        self.process.start()
        child.close()
        if not self.conn.poll(load_timeout):
            self.kill()
            raise RuntimeError(f"{name} did not load within {load_timeout:.0f} s")
        try:
            reply = self.conn.recv()
        except (EOFError, OSError) as error:  # the worker died while loading
            self.kill()
            raise RuntimeError(f"{name} worker exited while loading ({type(error).__name__})") from error
        if reply[0] != "ready":
            self.kill()
            raise RuntimeError(reply[1])
        self.version, self.load_seconds = reply[1], reply[2]

    def run(self, page: Page, timeout: float) -> tuple[Outcome, float]:
        self.conn.send(page)
        if not self.conn.poll(timeout):
            raise TimeoutError
        text, seconds, status, message, rss_mb = self.conn.recv()
        return Outcome(text, seconds, status, message), rss_mb

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.kill()


class Progress:
    """A one-line progress bar on standard error, redrawn at most five times a second."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.total, self.done, self.quiet = total, 0, quiet
        self.lock = threading.Lock()
        self.last = 0.0

    def step(self, label: str) -> None:
        with self.lock:
            self.done += 1
            now = time.monotonic()
            if self.quiet or (now - self.last < 0.2 and self.done < self.total):
                return
            self.last = now
            filled = int(30 * self.done / max(self.total, 1))
            bar = "#" * filled + "-" * (30 - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} pages  {label:<20}")
            if self.done == self.total:
                sys.stderr.write("\n")
            sys.stderr.flush()


def _slot(
    run: Run, pages: list[Page], start: Callable[[], _Worker], timeout: float, progress: Progress
) -> None:
    try:
        worker = start()
    except RuntimeError as error:
        run.available, run.why_unavailable = False, str(error)
        for _ in pages:
            progress.step(run.name)
        return
    run.version, run.load_seconds = worker.version, worker.load_seconds
    for page in pages:
        try:
            outcome, rss_mb = worker.run(page, timeout)
            run.peak_rss_mb = max(run.peak_rss_mb, rss_mb)
        except (TimeoutError, EOFError, OSError) as error:
            status = "timeout" if isinstance(error, TimeoutError) else "crash"
            outcome = Outcome("", timeout if status == "timeout" else 0.0, status, type(error).__name__)
            worker.kill()
            with contextlib.suppress(RuntimeError):  # a worker that will not start fails the next pages
                worker = start()
        run.outcomes[page.key] = outcome
        progress.step(run.name)
    worker.stop()


def run_all(
    names: list[str],
    pages: list[Page],
    *,
    options: Any = None,
    jobs: int = 1,
    timeout: float = 20.0,
    load_timeout: float = 120.0,
    pin: bool = True,
    quiet: bool = False,
) -> list[Run]:
    """Every extractor of ``names`` on every page. With one job, extractors run one after
    the other, each in one worker pinned to one CPU (timing runs); with more, pages are
    shared among ``jobs`` workers at a time."""
    progress = Progress(len(names) * len(pages), quiet)
    runs = []
    cpu = 0 if pin and jobs == 1 else None
    for name in names:
        run = Run(name)
        shares = [pages[i::jobs] for i in range(jobs)]

        def start(name: str = name) -> _Worker:
            return _Worker(name, options if name == "boilerstrip" else None, cpu, load_timeout)

        threads = [
            threading.Thread(target=_slot, args=(run, share, start, timeout, progress))
            for share in shares
            if share
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        runs.append(run)
    return runs
