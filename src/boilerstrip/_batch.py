"""The batch supervisor: pages from the inputs, extracted by N worker processes, one record each.

Standard library only. The parent reads the inputs and hands one page at a time to each
worker over a pipe; a worker is built once (it receives the Options when it starts) and
calls :func:`boilerstrip.batch.page_record` like every other engine. The parent enforces a
wall-clock deadline per page: a worker past it is killed (SIGKILL) and replaced, and the
page gets a "timeout" record. A worker that dies on a page (a segfault, ``os._exit``, the
kernel's OOM killer) is replaced too, and the page gets a "crash" record. Records are
written in input order: at most ``jobs * WINDOW_PER_JOB`` records wait behind a page still
in progress, and pages are read only as workers take them, so memory stays flat on inputs
of any size.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any, TextIO

from ._batch_output import finish, kept_records, open_writer, output_kind
from ._errors import MissingExtraError
from ._extras import require
from ._options import Options
from ._records import error_record, page_record
from ._release import glibc
from ._sources import WARC_SUFFIXES, SourcePage, input_files, read_path

# Records held, per worker, behind a page still in progress (so that output keeps input
# order): about 10 s of work for one worker at 25 pages/s, so that a page held up to its
# deadline does not idle the other workers; at most a few MB of records.
WINDOW_PER_JOB = 256
# Inside a worker, extract() is asked to stop (Options.time_budget) at this share of the
# deadline, so that a slow page usually ends with a clean "timeout" record and no kill.
BUDGET_SHARE = 0.9
FAULTS = ("crash", "hang", "raise")
# glibc's mallopt(M_MMAP_THRESHOLD): a fixed threshold (glibc's default, 128 KiB) for a worker.
# glibc otherwise raises it to the size of every larger block it frees (a page's text, up to
# 32 MB), after which everything below that size comes from its heap and the heap it keeps
# grows with the largest pages seen: the raw RSS of a process that extracts pages in a loop
# swung by 23 MB around 50-68 MB, and by 5 MB with the fixed threshold (benchmarks/HISTORY.md, "Speed").
# Process-wide, so only in our own worker processes: extract() never sets it.
_M_MMAP_THRESHOLD = -3
_MMAP_THRESHOLD = 128 * 1024


@dataclass
class BatchSummary:
    """What a batch run did."""

    pages: int = 0  # records written by this run
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # by kind: timeout, crash, error
    skipped: int = 0  # pages already done in the output (--resume)
    unreadable_inputs: int = 0  # input files that could not be read (reported on stderr)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0

    @property
    def failed(self) -> bool:
        return bool(sum(self.errors.values())) or self.unreadable_inputs > 0

    def describe(self) -> str:
        errors = sum(self.errors.values())
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(self.errors.items()))
        parts = [
            f"{self.pages} pages in {self.seconds:.1f} s ({self.pages_per_second:.1f} pages/s)",
            f"{self.ok} ok",
            f"{errors} errors" + (f" ({kinds})" if kinds else ""),
        ]
        if self.skipped:
            parts.append(f"{self.skipped} skipped as already done")
        if self.unreadable_inputs:
            parts.append(f"{self.unreadable_inputs} unreadable input files")
        return "batch " + ("interrupted: " if self.interrupted else "done: ") + ", ".join(parts)


def _inject_fault(action: str) -> None:
    """Test hook (the hidden --fault-plan): a real crash, a real hang or an exception."""
    if action == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif action == "hang":
        while True:
            time.sleep(3600)
    elif action == "raise":
        raise RuntimeError("fault injected by the fault plan")


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, as taskset and containers set it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


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


def _pages(
    inputs: Iterable[str | os.PathLike[str]], fields: dict[str, str], summary: BatchSummary, stderr: TextIO
) -> Iterator[SourcePage]:
    for path in input_files(inputs):
        try:
            yield from read_path(path, **fields)
        except MissingExtraError:
            raise
        except Exception as error:  # a missing, unreadable or corrupt file: the next one goes on
            summary.unreadable_inputs += 1
            print(f"boilerstrip batch: {path}: {error}", file=stderr)


def run_batch(
    inputs: Iterable[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    *,
    options: Options | None = None,
    jobs: int | None = None,
    timeout: float | None = 30.0,
    blocks: bool = False,
    resume: bool = False,
    html_field: str = "html",
    url_field: str = "url",
    id_field: str = "id",
    progress: Callable[[int], None] | None = None,
    stderr: TextIO | None = None,
    fault_plan: Mapping[str, str] | None = None,
) -> BatchSummary:
    """Extract every page of ``inputs`` (files and folders, see :func:`iter_sources`) into
    ``output`` (.jsonl, .jsonl.gz or .parquet), one record per page in input order, with
    ``jobs`` worker processes (default: one per CPU) and ``timeout`` seconds of wall-clock
    time per page (None: no deadline). With ``resume``, pages whose successful record is
    already in ``output`` are skipped and kept; pages with an error record are tried again
    and their old record is replaced. ``progress`` is called with the number of records
    written after each one. ``fault_plan`` (page key -> "crash", "hang" or "raise") is a
    test hook that makes the worker fail on those pages. Ctrl-C stops the workers and
    leaves a valid output of the records written so far (the summary says interrupted).

    Workers are started as multiprocessing starts them (forkserver, else spawn): a script
    that calls this must do so under ``if __name__ == "__main__":``, or its workers run the
    script again and fail to start (RuntimeError).
    """
    options = Options() if options is None else options
    stderr = sys.stderr if stderr is None else stderr
    output = Path(output)
    output_kind(output)  # ValueError for a name of no known kind, before any work
    inputs = list(inputs)
    if any(p.name.lower().endswith(WARC_SUFFIXES) for p in input_files(inputs)):
        require("fastwarc.warc", "warc", "reading WARC files")  # before the output is touched
    plan = dict(fault_plan or {})
    unknown = sorted(set(plan.values()) - set(FAULTS))
    if unknown:
        raise ValueError(f"fault plan actions must be {', '.join(FAULTS)}, not {', '.join(unknown)}")
    jobs = max(1, jobs or usable_cpus())
    if timeout and options.time_budget is not None:
        options = options.replace(time_budget=min(options.time_budget, timeout * BUDGET_SHARE))
    done = kept_records(output) if resume else {}
    summary = BatchSummary()
    started = time.monotonic()
    writer = open_writer(output, blocks=blocks)
    try:
        for record in done.values():
            writer.write(record)
        fields = {"html_field": html_field, "url_field": url_field, "id_field": id_field}
        pages = _pages(inputs, fields, summary, stderr)

        def write(record: dict[str, Any]) -> None:
            writer.write(record)
            summary.pages += 1
            if record["status"] == "ok":
                summary.ok += 1
            else:
                summary.errors[record["status"]] += 1
            if progress is not None:
                progress(summary.pages)

        _Supervisor(jobs, timeout, (options, blocks, plan)).run(pages, done, summary, write)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        summary.seconds = time.monotonic() - started
        finish(writer, output)
    return summary


class _Supervisor:
    """Hands pages to the workers, enforces the deadlines, replaces dead workers and writes
    the records in input order."""

    def __init__(self, jobs: int, timeout: float | None, worker_args: tuple[Any, ...]) -> None:
        self.context = _context()
        self.worker_args = worker_args
        self.timeout = timeout
        self.window = jobs * WINDOW_PER_JOB
        self.workers = [_Worker(self.context, worker_args) for _ in range(jobs)]
        self.finished: dict[int, dict[str, Any]] = {}  # records waiting for the ones before them
        self.next_seq = self.next_write = 0
        self.exhausted = False
        self.unsent: list[tuple[int, SourcePage]] = []  # pages a dead worker never received

    def run(
        self,
        pages: Iterator[SourcePage],
        done: Mapping[str, object],
        summary: BatchSummary,
        write: Callable[[dict[str, Any]], None],
    ) -> None:
        self.write = write
        try:
            while not self.exhausted or self.unsent or self.next_write < self.next_seq:
                for worker in self.workers:
                    while worker.ready and worker.page is None:
                        job = self._next_job(pages, done, summary)
                        if job is None:
                            break
                        try:
                            worker.send(*job, self.timeout)
                        except OSError:  # the worker died while idle: its page goes to the next one
                            self.unsent.append(job)
                            worker.page = None
                            self._replace(worker, "crash", _death(worker))
                            break
                starting = not all(w.ready for w in self.workers)
                if self.next_write < self.next_seq or (starting and (self.unsent or not self.exhausted)):
                    self._wait()
        finally:
            for worker in self.workers:
                worker.kill()

    def _next_job(
        self, pages: Iterator[SourcePage], done: Mapping[str, object], summary: BatchSummary
    ) -> tuple[int, SourcePage] | None:
        """The next page to hand out, with its sequence number (None: none now)."""
        if self.unsent:
            return self.unsent.pop()
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
        while self.next_write in self.finished:
            self.write(self.finished.pop(self.next_write))
            self.next_write += 1

    def _replace(self, worker: _Worker, kind: str, message: str) -> None:
        if not worker.ready:  # died before its first page: respawning would loop for ever
            raise RuntimeError(f"a batch worker failed to start: {message}")
        worker.kill()
        self.workers[self.workers.index(worker)] = _Worker(self.context, self.worker_args)
        if worker.page is not None:
            self._settle(worker, error_record(worker.page, kind, message))
