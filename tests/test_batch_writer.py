"""The batch's writing thread (_batch_output.in_background): order, errors, a bounded queue."""

from __future__ import annotations

import contextlib
import gzip
import json
import threading
from pathlib import Path
from typing import Any

import pytest

from boilerstrip._batch_output import finish, in_background, open_writer

RECORDS = [{"record_id": str(n), "status": "ok", "text": f"page {n} " * n} for n in range(50)]


class _Failing:
    """A writer whose ``fail_at``-th write raises; it notes whether it was closed."""

    def __init__(self, fail_at: int) -> None:
        self.fail_at, self.written, self.closed = fail_at, 0, False

    def write(self, record: dict[str, Any]) -> None:
        if self.written == self.fail_at:
            raise OSError("no space left on device")
        self.written += 1

    def close(self) -> None:
        self.closed = True


class _Held:
    """A writer that holds its first write until ``release`` is set."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.records: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self.release.wait()
        self.records.append(record)

    def close(self) -> None:
        pass


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_a_background_writer_writes_what_the_plain_one_does(tmp_path: Path, name: str) -> None:
    files = {}
    for background in (False, True):
        output = tmp_path / str(background) / name
        output.parent.mkdir()
        writer = open_writer(output, blocks=False, background=background)
        for record in RECORDS:
            writer.write(record)
        finish(writer, output)
        data = output.read_bytes()
        files[background] = gzip.decompress(data) if name.endswith(".gz") else data
    assert files[True] == files[False]
    assert [json.loads(line) for line in files[True].splitlines()] == RECORDS


@pytest.mark.parametrize(("name", "threaded"), [("out.jsonl", False), ("out.jsonl.gz", True)])
def test_only_compressed_outputs_are_written_in_a_thread(tmp_path: Path, name: str, threaded: bool) -> None:
    writer = open_writer(tmp_path / name, blocks=False, background=True)
    try:
        assert (type(writer).__name__ == "_BackgroundWriter") is threaded
    finally:
        writer.close()


@pytest.mark.parametrize("fail_at", [0, 3])
def test_a_write_error_is_raised_in_the_callers_thread_and_the_file_closed(fail_at: int) -> None:
    inner = _Failing(fail_at)
    writer = in_background(inner)
    with contextlib.suppress(OSError):  # a later write may raise it already
        for record in RECORDS:
            writer.write(record)
    with pytest.raises(OSError, match="no space left"):
        writer.close()
    assert inner.closed
    assert inner.written == fail_at


def test_the_queue_is_bounded() -> None:
    inner = _Held()
    writer = in_background(inner, queued=2)

    def feed() -> None:
        for record in RECORDS[:6]:
            writer.write(record)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    feeder.join(timeout=0.5)
    # One record held in the thread, two queued: the fourth write waits for room.
    assert feeder.is_alive()
    inner.release.set()
    feeder.join(timeout=30)
    writer.close()
    assert inner.records == RECORDS[:6]


def test_a_gzip_output_is_written_at_zlibs_default_level(tmp_path: Path) -> None:
    # A gzip header's XFL byte (offset 8) is 2 for level 9 and 4 for level 1, else 0: the
    # level is GZIP_LEVEL (6), not gzip.open's 9, which costs a third more CPU a record.
    output = tmp_path / "out.jsonl.gz"
    writer = open_writer(output, blocks=False, background=False)
    for record in RECORDS:
        writer.write(record)
    finish(writer, output)
    data = output.read_bytes()
    assert data[8] == 0
    assert [json.loads(line) for line in gzip.decompress(data).splitlines()] == RECORDS
