"""Whether a WARC file ends where its last record does: fastwarc ends a file cut inside a
record's WARC header, or inside the block of a record that is no response, without a word,
and the pages of the records it held were lost silently.

Only the last record is read again (a file cut short is cut in its last record): in a
plain file from its offset, in a file of one gzip member a record (as Common Crawl's) its
member. A file gzipped whole (:func:`gzipped_whole`), whose records' offsets fastwarc does
not give, is read through Python's gzip (:class:`Inflated`): its cut ends that stream
(EOFError), and its last record is checked as a plain file's, in the bytes the reader held.
"""

from __future__ import annotations

import gzip
import os
import re
import zlib
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO

_GZIP = b"\x1f\x8b"
# Design: a WARC header is looked for its end in this many bytes (Common Crawl's are under
# 1 KB), and this many bytes after the last record are read to tell blank lines from a header.
_HEAD_BYTES = 65_536
_CHUNK = 1 << 20  # a member is inflated this much at a time (its length alone is kept)
# A file gzipped whole: the inflated bytes its reader holds, the last ones read (fastwarc reads
# 64 KB at a time): a record's header when fastwarc gives the record, and what follows the last.
_WINDOW = 4 * _HEAD_BYTES
# What follows a first record is read this far to tell the next record's header from blank lines.
_AFTER = 64
_CONTENT_LENGTH = re.compile(rb"^content-length:[ \t]*([0-9]+)[ \t]*\r?$", re.IGNORECASE | re.MULTILINE)


def gzipped_whole(stream: IO[bytes]) -> bool:
    """Whether the WARC file read by ``stream`` (at its start, and left there) is one gzip
    member for several records, not a member a record: its first member holds more than its
    first record. A file whose first record cannot be read (not gzip, damaged, cut in it) is
    not (it is read as it was, and fastwarc or :func:`tail_cut` says what it holds)."""
    if stream.read(2) != _GZIP:
        stream.seek(0)
        return False
    stream.seek(0)
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    held, end = b"", -1  # the first record's end with its closing CRLF CRLF, once known
    try:
        while not inflater.eof and (end < 0 or len(held) < end + _AFTER):
            chunk = inflater.unconsumed_tail or stream.read(_CHUNK)
            if not chunk:
                break
            held += inflater.decompress(chunk, _CHUNK)
            if end < 0 and (head_end := held.find(b"\r\n\r\n", 0, _HEAD_BYTES)) >= 0:
                length = _CONTENT_LENGTH.search(held, 0, head_end + 2)
                if length is None:
                    break
                end = head_end + 4 + int(length.group(1)) + 4
            if end < 0 and len(held) >= _HEAD_BYTES:
                break
            if end >= 0:
                held = held[: end + _AFTER]  # (only what follows the record is asked)
    except zlib.error:
        pass
    stream.seek(0)
    return end >= 0 and bool(held[end:].strip())


def tail_cut(
    path: Path, last: tuple[int, str | None] | None, inflated: Inflated | None = None
) -> tuple[str, int]:
    """Why the WARC file at ``path`` is cut short, and the offset of the record it is cut
    in ("" if it is not, or cannot be told), given its last record read: its offset and
    its Content-Length header (None: no record was read). A file gzipped whole is given with
    ``inflated``, the stream it was read through (to its end): ``last``'s offset is in it."""
    if inflated is not None:
        return _whole(last, inflated)
    with path.open("rb") as stream:
        size = os.fstat(stream.fileno()).st_size
        gzipped = stream.read(2) == _GZIP
        if last is None:  # (a file of blank lines, or an empty gzip stream, holds no record)
            stream.seek(0)
            start, ended = stream.read(_HEAD_BYTES), True
            if gzipped:
                inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                try:
                    start, ended = inflater.decompress(start, _HEAD_BYTES), inflater.eof
                except zlib.error:
                    return "", 0  # damaged, not cut: fastwarc's to say
            cut = start.strip() or not ended  # (a member cut in its own header holds nothing yet)
            return ("the WARC file ends inside its first record's header" if cut else ""), 0
        at, length = last
        try:
            block = int(length or "")
        except ValueError:
            return "", at
        stream.seek(at)
        if not gzipped:
            return _plain(stream.read(_HEAD_BYTES), block, at, size, _read_at(stream))
        if stream.read(2) != _GZIP:
            return "", at  # gzipped whole: not checked
        stream.seek(at)
        return _member(stream, block, at, size)


class Inflated:
    """A WARC file gzipped whole, inflated by Python's gzip as fastwarc reads it (EOFError
    where the file is cut short), holding the last bytes read and the head of the record
    marked last, so that :func:`tail_cut` checks it without inflating it again."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._stream = gzip.GzipFile(fileobj=raw, mode="rb")
        self.length = 0  # the bytes inflated so far
        self._window: deque[tuple[int, bytes]] = deque()  # the last ones, by offset
        self._held = 0
        self.head: bytes | None = None  # the first bytes of the record marked last

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._window.append((self.length, data))
        self.length += len(data)
        self._held += len(data)
        while self._held - len(self._window[0][1]) >= _WINDOW:
            self._held -= len(self._window.popleft()[1])
        return data

    def tell(self) -> int:
        return self.length

    def mark(self, offset: int) -> None:
        """The record at ``offset`` is the last read so far (fastwarc has just read its header)."""
        self.head = self.at(offset)

    def at(self, offset: int) -> bytes | None:
        """Up to _HEAD_BYTES from ``offset`` (b"" past the end), None if no longer held."""
        if not self._window or offset < self._window[0][0]:
            return None
        parts = [
            data[max(0, offset - start) : offset + _HEAD_BYTES - start]
            for start, data in self._window
            if start + len(data) > offset and start < offset + _HEAD_BYTES
        ]
        return b"".join(parts)


def _whole(last: tuple[int, str | None] | None, inflated: Inflated) -> tuple[str, int]:
    """A file gzipped whole, read to its stream's end: its last record checked as a plain
    file's, in the bytes the reader held (not told where it no longer held them)."""
    at, length = last if last is not None else (0, None)
    try:
        block = int(length or "")
    except ValueError:
        return "", at
    if inflated.head is None:
        return "", at
    return _plain(inflated.head, block, at, inflated.length, inflated.at)


def _plain(
    head: bytes, block: int, at: int, size: int, bytes_at: Callable[[int], bytes | None]
) -> tuple[str, int]:
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return _no_header_end(len(head), at)
    whole = at + end + 4 + block  # the block's end, where its CRLF CRLF begins
    if size < whole:
        return f"the WARC file ends inside this record ({size - at - end - 4} of its {block} bytes)", at
    after = bytes_at(whole)
    if after is None:
        return "", at
    if after.strip():  # (a file cut in its last CRLFs lost nothing)
        return "the WARC file ends inside a record's header", whole + len(after) - len(after.lstrip())
    return "", at


def _read_at(stream: IO[bytes]) -> Callable[[int], bytes]:
    def read(offset: int) -> bytes:
        stream.seek(offset)
        return stream.read(_HEAD_BYTES)

    return read


def _member(stream: IO[bytes], block: int, at: int, size: int) -> tuple[str, int]:
    """The last record's gzip member: inflated to its end, only its length and first bytes
    kept. A member cut in its last bytes is said at the file's end (its page was read whole)."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    head, total = b"", 0
    try:
        while not inflater.eof:
            chunk = inflater.unconsumed_tail or stream.read(_CHUNK)
            if not chunk:
                break
            data = inflater.decompress(chunk, _CHUNK)
            total += len(data)
            if len(head) < _HEAD_BYTES:
                head += data[: _HEAD_BYTES - len(head)]
    except zlib.error:
        return "", at  # damaged, not cut: fastwarc's to say
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return _no_header_end(total, at)
    whole = end + 4 + block
    if total < whole:
        return f"the WARC file ends inside this record ({total - end - 4} of its {block} bytes)", at
    if total > whole + 4:
        return "", at  # gzipped whole: its other records inside
    if not inflater.eof:  # its block whole, but no gzip writer ends a file so
        return "the WARC file ends inside its last record's gzip member (in its last bytes)", size
    member_end = stream.tell() - len(inflater.unused_data)
    if (inflater.unused_data + stream.read(_HEAD_BYTES)).strip():
        return "the WARC file ends inside a record's gzip member", member_end
    return "", at


def _no_header_end(held: int, at: int) -> tuple[str, int]:
    """The last record's header has no end in the ``held`` bytes it holds: cut inside it when
    the file ends first (a header longer than _HEAD_BYTES, or not ended by CRLF CRLF: not told)."""
    if held < _HEAD_BYTES:
        return "the WARC file ends inside this record's header", at
    return "", at
