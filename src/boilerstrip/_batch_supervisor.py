"""The batch's processes: the worker that extracts pages, and the supervisor that hands them out.

Standard library only. The parent reads the inputs and hands one page at a time to each
worker over a pipe; a worker is built once (it receives the Options when it starts) and
calls :func:`boilerstrip.batch.page_record` like every other engine. The parent enforces a
wall-clock deadline per page: a worker past it is killed (SIGKILL) and replaced, and the
page gets a "timeout" record. A worker that dies on a page (a segfault, ``os._exit``, the
kernel's OOM killer) is replaced too, and the page gets a "crash" record. Records are
written in input order: at most ``jobs * WINDOW_PER_JOB`` records wait behind a page still
in progress. The parent reads a worker's next page while the worker extracts one, and
writes records after it has handed the next pages out, so that a worker waits only for the
pipe between two pages; it reads at most one page ahead for each worker, so memory stays
flat on inputs of any size.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

from ._options import Options
from ._records import error_record, page_record
from ._release import glibc
from ._sources import SourcePage

if TYPE_CHECKING:
    from ._batch import BatchSummary

# Records held, per worker, behind a page still in progress (so that output keeps input
# order), so that a slow page does not idle the other workers: about 4-5 s of a compiled
# worker's pages (200-250 a second; 40 s of a pure one's), at about 8 KB a record (the dev
# pages' mean) 8 MB a worker. Design (benchmarks/batch_throughput.py, 2 workers, a page
# hanging to its 10 s deadline): 256 stalled the other worker once it was 512 records ahead
# (134-139 pages/s); 1,024 gave 155.
WINDOW_PER_JOB = 1024
# glibc's mallopt(M_MMAP_THRESHOLD): a fixed threshold (glibc's default, 128 KiB) for a worker.
# glibc otherwise raises it to the size of every larger block it frees (a page's text, up to
# 32 MB), after which everything below that size comes from its heap and the heap it keeps
# grows with the largest pages seen: the raw RSS of a process that extracts pages in a loop
# swung by 23 MB around 50-68 MB, and by 5 MB with the fixed threshold (benchmarks/HISTORY.md, "Speed").
# Process-wide, so only in our own worker processes: extract() never sets it.
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 128 * 1024


def _inject_fault(action: str) -> None:
    """Test hook (the hidden --fault-plan): a real crash, a real hang or an exception."""
    if action == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif action == "hang":
        while True:
            time.sleep(3600)
    elif action == "raise":
        raise RuntimeError("fault injected by the fault plan")


def fix_mmap_threshold() -> bool:
    """Keep glibc's mmap threshold fixed in this process (see _MMAP_THRESHOLD); False
    where the C library is not glibc."""
    libc = glibc()
    if libc is None:
        return False
    try:
        return bool(libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD))
    except AttributeError:  # no mallopt
        return False


def _exit_when_orphaned(lifeline: Connection) -> None:
    """End the worker, even in a stuck page, once its parent is gone (killed with SIGKILL,
    say): the parent holds the other end of ``lifeline`` and never writes to it."""
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv()
    os._exit(1)


def _serve(
    conn: Connection, lifeline: Connection, options: Options, blocks: bool, fault_plan: Mapping[str, str]
) -> None:
    """Worker main: answer pages until the pipe closes. Ctrl-C is the parent's to handle."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    fix_mmap_threshold()
    threading.Thread(target=_exit_when_orphaned, args=(lifeline,), daemon=True).start()
    conn.send(None)  # ready: the first page's deadline does not pay for the worker's start
    while True:
        try:
            page: SourcePage = conn.recv()
        except EOFError:
            return
        try:
            action = fault_plan.get(page.key)
            if action:
                _inject_fault(action)
            record = page_record(page, options, blocks=blocks)
        except Exception as error:  # the worker lives on: one error record for the page
            record = error_record(page, "error", f"{type(error).__name__}: {error}")
        conn.send(record)


class _Worker:
    """One worker process, its pipe, and the page it holds (with its sequence number)."""

    def __init__(self, context: Any, args: tuple[Any, ...]) -> None:
        self.conn, child = context.Pipe()
        lifeline, self.lifeline = context.Pipe(duplex=False)
        self.process = context.Process(target=_serve, args=(child, lifeline, *args), daemon=True)
        self.process.start()
        child.close()
        lifeline.close()
        self.ready = False
        self.page: SourcePage | None = None
        self.seq = -1
        self.deadline = float("inf")

    def send(self, seq: int, page: SourcePage, timeout: float | None) -> None:
        self.seq, self.page = seq, page
        self.deadline = time.monotonic() + timeout if timeout else float("inf")
        self.conn.send(page)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()
        self.lifeline.close()


def _death(worker: _Worker) -> str:
    """Why a worker process ended (it is waited for)."""
    worker.process.join(timeout=5)
    exitcode: int | None = worker.process.exitcode
    if exitcode is not None and exitcode < 0:
        try:
            return f"worker killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"worker killed by signal {-exitcode}"
    return f"worker exited with code {exitcode}"


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    # forkserver: workers fork from a clean process (no inherited threads), quickly.
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    # The server imports the extraction once; a respawned worker is a fork of it, ready at once.
    context.set_forkserver_preload([__name__])
    return context


class Supervisor:
    """Hands pages to the workers, enforces the deadlines, replaces dead workers and writes
    the records in input order."""

    def __init__(self, jobs: int, timeout: float | None, worker_args: tuple[Any, ...]) -> None:
        self.context = _context()
        self.worker_args = worker_args
        self.timeout = timeout
        self.window = jobs * WINDOW_PER_JOB
        self.workers = [_Worker(self.context, worker_args) for _ in range(jobs)]
        self.finished: dict[int, dict[str, Any]] = {}  # records not written yet, by sequence number
        self.next_seq = self.next_write = 0
        self.exhausted = False
        self.unsent: list[tuple[int, SourcePage]] = []  # pages a dead worker never received
        self.ahead: deque[tuple[int, SourcePage]] = deque()  # pages read for the workers' next turn

    def run(
        self,
        pages: Iterator[SourcePage],
        done: Mapping[str, object],
        summary: BatchSummary,
        write: Callable[[dict[str, Any]], None],
    ) -> None:
        self.write = write
        try:
            while not self.exhausted or self.unsent or self.ahead or self.next_write < self.next_seq:
                # A free worker first gets its next page, read while it worked on the last;
                # then the records are written and the next pages read, while it works.
                self._hand_out(pages, done, summary)
                self._write_finished()
                while len(self.ahead) < len(self.workers):
                    job = self._read_job(pages, done, summary)
                    if job is None:
                        break
                    self.ahead.append(job)
                starting = not all(w.ready for w in self.workers)
                if self.next_write < self.next_seq or (starting and (self.unsent or not self.exhausted)):
                    self._wait()
        finally:
            for worker in self.workers:
                worker.kill()

    def _hand_out(
        self, pages: Iterator[SourcePage], done: Mapping[str, object], summary: BatchSummary
    ) -> None:
        """Give every ready worker without a page its next one."""
        for worker in self.workers:
            while worker.ready and worker.page is None:
                job = self._next_job(pages, done, summary)
                if job is None:
                    return
                try:
                    worker.send(*job, self.timeout)
                except OSError:  # the worker died while idle: its page goes to the next one
                    self.unsent.append(job)
                    worker.page = None
                    self._replace(worker, "crash", _death(worker))
                    break

    def _write_finished(self) -> None:
        """Write the finished records that follow the last one written, in input order."""
        while self.next_write in self.finished:
            self.write(self.finished.pop(self.next_write))
            self.next_write += 1

    def _next_job(
        self, pages: Iterator[SourcePage], done: Mapping[str, object], summary: BatchSummary
    ) -> tuple[int, SourcePage] | None:
        """The next page to hand out, with its sequence number (None: none now)."""
        if self.unsent:
            return self.unsent.pop()
        if self.ahead:
            return self.ahead.popleft()
        return self._read_job(pages, done, summary)

    def _read_job(
        self, pages: Iterator[SourcePage], done: Mapping[str, object], summary: BatchSummary
    ) -> tuple[int, SourcePage] | None:
        """The next page of the inputs not already done, with its sequence number (None: the
        inputs are exhausted, or the window of records waiting to be written is full)."""
        while not self.exhausted and self._room():
            page = next(pages, None)
            if page is None:
                self.exhausted = True
            elif page.key in done:
                summary.skipped += 1
            else:
                self.next_seq += 1
                return self.next_seq - 1, page
        return None

    def _room(self) -> bool:
        return self.next_seq - self.next_write < self.window

    def _wait(self) -> None:
        workers = self.workers
        nearest = min(w.deadline for w in workers)
        ready = wait(
            [w.conn for w in workers] + [w.process.sentinel for w in workers],
            timeout=None if nearest == float("inf") else max(0.0, nearest - time.monotonic()),
        )
        for worker in list(workers):
            if worker.conn in ready:
                try:
                    message = worker.conn.recv()
                except (EOFError, OSError):
                    self._replace(worker, "crash", _death(worker))
                    continue
                if message is None:
                    worker.ready = True
                else:
                    self._settle(worker, message)
            elif worker.process.sentinel in ready:
                self._replace(worker, "crash", _death(worker))
            elif time.monotonic() > worker.deadline:
                self._replace(worker, "timeout", f"no result within {self.timeout:g} s: worker killed")

    def _settle(self, worker: _Worker, record: dict[str, Any]) -> None:
        self.finished[worker.seq] = record
        worker.page, worker.seq, worker.deadline = None, -1, float("inf")

    def _replace(self, worker: _Worker, kind: str, message: str) -> None:
        if not worker.ready:  # died before its first page: respawning would loop for ever
            raise RuntimeError(f"a batch worker failed to start: {message}")
        worker.kill()
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.worker_args)
        if worker.page is not None:
            self._settle(worker, error_record(worker.page, kind, message))
