"""Where a batch writes its records: JSONL (plain or gzip) or Parquet, and what --resume reads back.

A run writes to ``OUT.partial`` beside the output and renames it over the output when it
stops (finished, interrupted by Ctrl-C, or failed), so the output is always a whole file:
complete JSONL lines, a closed gzip stream, a Parquet file with its footer.
"""

from __future__ import annotations

import gzip
import json
import os
import queue
import threading
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Final, Protocol, cast

from ._extras import require
from ._records import RECORD_FIELDS

OUTPUT_SUFFIXES = (".jsonl", ".jsonl.gz", ".parquet")
COMPRESSED_KINDS = ("jsonl.gz", "parquet")
# Records held before a Parquet row group is written: small enough to keep memory flat.
PARQUET_ROWS_PER_GROUP = 1_000
# Records queued for the writing thread (in_background) before the parent waits for it: a few
# seconds of the workers' output, at a few KB a record, to ride out a slow disk.
QUEUED_RECORDS = 1_000
# A .jsonl.gz output's gzip level: zlib's default. On 600 development pages' records (8.4 KB
# each), level 9 cost 0.55-0.65 CPU ms a record and level 6 0.41-0.44, for 0.2% more bytes.
GZIP_LEVEL = 6


class RecordWriter(Protocol):
    def write(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...


def output_kind(path: Path) -> str:
    """ "jsonl", "jsonl.gz" or "parquet", from the name; ValueError for any other name."""
    name = path.name.lower()
    for suffix in OUTPUT_SUFFIXES:
        if name.endswith(suffix):
            return suffix[1:]
    raise ValueError(f"the output must end in {', '.join(OUTPUT_SUFFIXES)}: {path}")


def record_key(record: dict[str, Any]) -> str | None:
    """The page a record belongs to: its record_id, else its origin (SourcePage.key)."""
    key = record.get("record_id")
    if key is None:
        key = record.get("origin")
    return None if key is None else str(key)


class _JsonlWriter:
    def __init__(self, path: Path, compressed: bool) -> None:
        # A plain file is flushed after every record (a line costs far less than its page's
        # extraction), so that it can be followed while it grows; gzip would lose its ratio.
        self._flush_each = not compressed
        # Held open for the run, closed by close().
        opened = (
            gzip.open(path, "wt", encoding="utf-8", compresslevel=GZIP_LEVEL)  # noqa: SIM115
            if compressed
            else path.open("w", encoding="utf-8")
        )
        self._stream = cast(IO[str], opened)

    def write(self, record: dict[str, Any]) -> None:
        self._stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        if self._flush_each:
            self._stream.flush()

    def close(self) -> None:
        self._stream.close()


def _parquet_schema(pa: Any, blocks: bool) -> Any:
    types = {
        "confidence": pa.float64(),
        "truncated": pa.bool_(),
        "blocks": pa.list_(
            pa.struct([("text", pa.string()), ("label", pa.string()), ("score", pa.float64())])
        ),
    }
    names = [n for n in RECORD_FIELDS if blocks or n != "blocks"]
    return pa.schema([(n, types.get(n, pa.string())) for n in names])


class _ParquetWriter:
    def __init__(self, path: Path, blocks: bool) -> None:
        self._pa: Any = require("pyarrow", "parquet", "writing Parquet")
        parquet: Any = require("pyarrow.parquet", "parquet", "writing Parquet")
        self._schema = _parquet_schema(self._pa, blocks)
        self._writer = parquet.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self._rows.append(record)
        if len(self._rows) >= PARQUET_ROWS_PER_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


class _BackgroundWriter:
    """Writes records in a thread of its own, in the order given. Compressing them (zlib and
    pyarrow let other threads run meanwhile) then overlaps the parent's reading of the next
    pages instead of following it: for a .jsonl.gz output, about half the parent's time a
    page. An error of the writing thread is raised by the next write() or by close()."""

    def __init__(self, writer: RecordWriter, queued: int) -> None:
        self._writer = writer
        self._queue: queue.Queue[dict[str, Any] | None] = queue.Queue(queued)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._drain, name="boilerstrip-batch-writer", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        while (record := self._queue.get()) is not None:
            if self._error is None:  # after an error, only drained: close() raises it
                try:
                    self._writer.write(record)
                except BaseException as error:  # raised again in the caller's thread
                    self._error = error

    def write(self, record: dict[str, Any]) -> None:
        if self._error is not None:
            raise self._error
        self._queue.put(record)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()
        self._writer.close()
        if self._error is not None:
            raise self._error


def in_background(writer: RecordWriter, queued: int = QUEUED_RECORDS) -> RecordWriter:
    """``writer`` with its writing done in a thread of its own (see _BackgroundWriter)."""
    return _BackgroundWriter(writer, queued)


def partial_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial")


def open_writer(output: Path, *, blocks: bool, background: bool = False) -> RecordWriter:
    """A writer of ``output``'s kind, writing into :func:`partial_path` (see :func:`finish`);
    with ``background``, a compressed kind's writing is done in a thread of its own
    (:func:`in_background`: a plain JSONL line costs too little to be worth a thread)."""
    kind = output_kind(output)
    target = partial_path(output)
    if kind == "parquet":
        writer: RecordWriter = _ParquetWriter(target, blocks)
    else:
        writer = _JsonlWriter(target, compressed=kind == "jsonl.gz")
    return in_background(writer) if background and kind in COMPRESSED_KINDS else writer


def finish(writer: RecordWriter, output: Path) -> None:
    """Close ``writer`` and put its file in the place of ``output``."""
    writer.close()
    partial = partial_path(output)
    if partial.exists():  # else another run took it (a script that ran itself again): keep its error
        os.replace(partial, output)


def _jsonl_records(output: Path, compressed: bool) -> Iterator[dict[str, Any]]:
    # Lines as bytes: one that is not UTF-8 is skipped as a line cut short is (read as text,
    # it stopped the run with a UnicodeDecodeError that named no file).
    opened = gzip.open(output, "rb") if compressed else output.open("rb")  # noqa: SIM115
    with cast(IO[bytes], opened) as stream:
        try:
            for line in stream:
                try:
                    record = json.loads(line)
                # a line cut short by a killed run, not UTF-8, or nested too deep (RecursionError
                # stopped the run, as if a worker could not start)
                except (ValueError, RecursionError):
                    continue
                if isinstance(record, dict):
                    yield record
        # A gzip stream cut short by a killed run, or corrupt (zlib.error was a traceback, a
        # failed CRC a usage error): its whole lines before that count, the rest's pages are
        # done again.
        except (EOFError, zlib.error, gzip.BadGzipFile):
            return


def read_records(output: Path) -> Iterator[dict[str, Any]]:
    """The records of an earlier output (none when it does not exist)."""
    if not output.exists():
        return
    kind = output_kind(output)
    if kind == "parquet":
        parquet: Any = require("pyarrow.parquet", "parquet", "reading Parquet")
        yield from parquet.read_table(str(output)).to_pylist()
    else:
        yield from _jsonl_records(output, compressed=kind == "jsonl.gz")


# The types of an ok record's fields: a kept record holds its text, and any other of these
# it holds (not None) is of its type.
_OK_FIELDS: Final[dict[str, tuple[type, ...]]] = {
    "url": (str,), "record_id": (str,), "origin": (str,), "title": (str,), "language": (str,),
    "confidence": (int, float), "truncated": (bool,), "blocks": (list,),
}  # fmt: skip


def _is_ok_record(record: dict[str, Any]) -> bool:
    """Whether ``record`` is an ok record as a run writes it: a foreign file's object (a
    "confidence" of text, no text) once went into the output as it was, or stopped a
    Parquet output's run when it was closed, the run's records left in OUT.partial."""
    return (
        record.get("status") == "ok"
        and isinstance(record.get("text"), str)
        and not isinstance(record.get("confidence"), bool)
        and all(
            isinstance(record[name], kind)
            for name, kind in _OK_FIELDS.items()
            if record.get(name) is not None
        )
    )


def kept_records(output: Path) -> dict[str, dict[str, Any]]:
    """The successful records of an earlier output, by page key (the later record of a page
    wins): what --resume keeps. Error records, and objects that are no ok record, are
    dropped, so their pages are tried again."""
    kept: dict[str, dict[str, Any]] = {}
    for record in read_records(output):
        key = record_key(record)
        if key is None:
            continue
        if _is_ok_record(record):
            kept[key] = record
        else:
            kept.pop(key, None)
    return kept
