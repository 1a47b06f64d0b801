"""Whether a WARC file ends where its last record does: fastwarc ends a file cut inside a
record's WARC header, or inside the block of a record that is no response, without a word,
and the pages of the records it held were lost silently.

Only the last record is read again (a file cut short is cut in its last record): in a
plain file from its offset, in a file of one gzip member a record (as Common Crawl's) its
member. A file gzipped whole, whose records' offsets fastwarc does not give, is not checked.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path
from typing import IO

_GZIP = b"\x1f\x8b"
# Design: a WARC header is looked for its end in this many bytes (Common Crawl's are under
# 1 KB), and this many bytes after the last record are read to tell blank lines from a header.
_HEAD_BYTES = 65_536
_CHUNK = 1 << 20  # a member is inflated this much at a time (its length alone is kept)


def tail_cut(path: Path, last: tuple[int, str | None] | None) -> tuple[str, int]:
    """Why the WARC file at ``path`` is cut short, and the offset of the record it is cut
    in ("" if it is not, or cannot be told), given its last record read: its offset and
    its Content-Length header (None: no record was read)."""
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
            return _plain(stream.read(_HEAD_BYTES), block, at, size, stream)
        if stream.read(2) != _GZIP:
            return "", at  # gzipped whole: not checked
        stream.seek(at)
        return _member(stream, block, at, size)


def _plain(head: bytes, block: int, at: int, size: int, stream: IO[bytes]) -> tuple[str, int]:
    end = head.find(b"\r\n\r\n")
    if end < 0:
        return _no_header_end(len(head), at)
    whole = at + end + 4 + block  # the block's end, where its CRLF CRLF begins
    if size < whole:
        return f"the WARC file ends inside this record ({size - at - end - 4} of its {block} bytes)", at
    stream.seek(whole)
    after = stream.read(_HEAD_BYTES)
    if after.strip():  # (a file cut in its last CRLFs lost nothing)
        return "the WARC file ends inside a record's header", whole + len(after) - len(after.lstrip())
    return "", at


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
