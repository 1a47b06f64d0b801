"""A batch run: pages from the inputs, extracted by N worker processes, one record each.

:func:`run_batch` opens the output, reads the inputs and lets the supervisor
(_batch_supervisor) hand the pages to the workers; standard library only.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ._batch_output import finish, kept_records, open_writer, output_kind
from ._batch_supervisor import Supervisor
from ._errors import MissingExtraError
from ._extras import require
from ._options import Options
from ._resource_options import BYTES_PER_CHAR as BYTES_PER_CHAR  # noqa: PLC0414 (read by the tests)
from ._resource_options import bytes_to_read
from ._sources import WARC_SUFFIXES, SourcePage, input_files, read_path

# Inside a worker, extract() is asked to stop (Options.time_budget) at this share of the
# deadline, so that a slow page usually ends with a clean "timeout" record and no kill.
BUDGET_SHARE = 0.9
FAULTS = ("crash", "hang", "raise")
# The longest timeout a page may have, in seconds. Design: the supervisor waits on its workers
# with poll(), which takes at most 2**31 - 1 ms (24.8 days): past it, the run stopped with an
# OverflowError once its first page was out; NaN compared false and left pages without one.
MAX_TIMEOUT = 2_000_000.0


@dataclass
class BatchSummary:
    """What a batch run did."""

    pages: int = 0  # records written by this run
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # by kind: timeout, crash, error
    skipped: int = 0  # pages already done in the output (--resume)
    unreadable_inputs: int = 0  # input files that could not be read (reported on stderr)
    repeated_inputs: int = 0  # input files named again (the same file, by its real path): read once
    repeated_ids: int = 0  # pages of a record id given before: an error record each, without it
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
        if self.repeated_inputs:
            parts.append(f"{self.repeated_inputs} input files named twice, read once")
        if self.repeated_ids:
            parts.append(f"{self.repeated_ids} repeated ids (error records)")
        return "batch " + ("interrupted: " if self.interrupted else "done: ") + ", ".join(parts)


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, as taskset and containers set it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _unique(page: SourcePage, ids: set[str], summary: BatchSummary) -> SourcePage:
    """``page``, or when its record id was given before in this run (a JSONL id repeated, a
    WARC record copied: a WARC-Record-ID is unique by the standard, and each capture of a URL
    has its own), a page that is no page, keyed by its origin (unique by construction): its
    error record has no record_id, so the output keeps one record of each id, which --resume
    keeps in turn (a second record of an id replaced the first there)."""
    if page.record_id is None:
        return page
    if page.record_id not in ids:
        ids.add(page.record_id)
        return page
    summary.repeated_ids += 1
    why = f"record id {page.record_id!r} given before in this run: not extracted (an id must be unique)"
    return SourcePage(b"", page.url, None, None, page.origin, error=why)


def _pages(
    inputs: Iterable[str | os.PathLike[str]],
    fields: dict[str, Any],
    summary: BatchSummary,
    stderr: TextIO,
    output: str,
) -> Iterator[SourcePage]:
    # The real paths of the files read: a file named twice (a.html a.html, a folder and a file
    # in it, a relative and an absolute path, a link) gave its pages twice, a record each, of
    # one key when named alike; --resume then kept one.
    read: set[str] = set()
    # The record ids read: about 140 bytes a page of a WARC (its id's 96 and a set slot's 42).
    ids: set[str] = set()
    for path in input_files(inputs):
        real = os.path.realpath(path)
        if real == output:  # an earlier run's output in an input folder: not a page
            continue
        if real in read:
            summary.repeated_inputs += 1
            print(f"boilerstrip batch: {path}: named before, read once", file=stderr)
            continue
        read.add(real)
        try:
            for page in read_path(path, **fields):
                yield _unique(page, ids, summary)
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
    The output is never read as an input: ValueError when it is one of ``inputs``, and an
    input folder's copy of it (an earlier run's) is skipped. A file named again (by its real
    path: a folder and a file in it, a link) is read once (``summary.repeated_inputs``). A
    page of a record id given before (a JSONL id repeated, a WARC record copied) is not
    extracted: its error record has no record_id (``summary.repeated_ids``).

    Workers are started as multiprocessing starts them (forkserver, else spawn): a script
    that calls this must do so under ``if __name__ == "__main__":``, or its workers run the
    script again and fail to start (RuntimeError).
    """
    options = Options() if options is None else options
    stderr = sys.stderr if stderr is None else stderr
    output = Path(output)
    output_kind(output)  # ValueError for a name of no known kind, before any work
    if output.is_dir():
        raise ValueError(f"the output is a folder: {output}")
    inputs = list(inputs)
    if any(os.path.realpath(p) == os.path.realpath(output) for p in inputs):  # it would be overwritten
        raise ValueError(f"the output is also an input: {output}")
    if any(p.name.lower().endswith(WARC_SUFFIXES) for p in input_files(inputs)):
        require("fastwarc.warc", "warc", "reading WARC files")  # before the output is touched
    if timeout is not None and not 0 <= timeout <= MAX_TIMEOUT:
        raise ValueError(f"the timeout must be 0 (none) to {MAX_TIMEOUT:,.0f} seconds, not {timeout}")
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
    writer = open_writer(output, blocks=blocks, background=True)
    try:
        for record in done.values():
            writer.write(record)
        # An HTML file is read as far as extract() reads it, and one byte more so that it
        # still says truncated: a huge file (or /dev/zero) was read whole by the parent.
        max_bytes = bytes_to_read(options.max_input_chars)
        fields = {
            "html_field": html_field,
            "url_field": url_field,
            "id_field": id_field,
            "max_bytes": max_bytes,
        }
        pages = _pages(inputs, fields, summary, stderr, os.path.realpath(output))

        def write(record: dict[str, Any]) -> None:
            writer.write(record)
            summary.pages += 1
            if record["status"] == "ok":
                summary.ok += 1
            else:
                summary.errors[record["status"]] += 1
            if progress is not None:
                progress(summary.pages)

        Supervisor(jobs, timeout, (options, blocks, plan)).run(pages, done, summary, write)
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        summary.seconds = time.monotonic() - started
        finish(writer, output)
    return summary
