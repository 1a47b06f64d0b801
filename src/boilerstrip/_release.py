"""release_memory(): an opt-in call for long runs that gives the C allocator's free memory back."""

from __future__ import annotations

import functools
import os
from typing import Any


def glibc() -> Any | None:
    """This process's C library through ctypes when it is glibc, else None (the allocator
    calls of release_memory() and the batch workers' fixed mmap threshold are glibc's)."""
    try:
        if not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"):
            return None
        import ctypes  # only here: most processes never need it

        return ctypes.CDLL(None)
    except (ValueError, OSError):  # no such confstr name, no libc
        return None


def release_memory() -> bool:
    """Return the memory the C allocator holds free to the system (glibc's ``malloc_trim(0)``);
    False, doing nothing, where the C library is not glibc.

    Never changes an output; :func:`extract` calls it after a page of at least
    ``Options.release_after_chars`` characters (the tree it freed). After a large page, glibc
    keeps up to twice the largest block freed so far (its dynamic mmap threshold, raised by
    the page's text and tree) at the top of its heap, and freed pages inside it, so a process
    that extracts many pages in a loop sees its RSS swing with the last pages. A loop may
    call this every N pages: after every dev page one call took 0.5 ms of CPU (median; at
    most 3 ms), 1% of the extraction time (benchmarks/RESULTS.md). ``boilerstrip batch``
    workers fix glibc's mmap threshold instead, which keeps most of the swing away.
    """
    libc = glibc()
    if libc is None:
        return False
    try:
        libc.malloc_trim(0)
    except AttributeError:  # no malloc_trim
        return False
    return True


def free_top() -> int | None:
    """Bytes free at the top of glibc's main heap (``mallinfo2().keepcost``): what
    ``malloc_trim`` gives back from the top. None where it cannot be read: not glibc, or a
    glibc before 2.33 (no ``mallinfo2``)."""
    libc = glibc()
    if libc is None:
        return None
    try:
        info = libc.mallinfo2
    except AttributeError:
        return None
    info.restype = _mallinfo2_type()  # this CDLL's own function object: nothing shared
    return int(info().keepcost)


def release_if_held(min_free_top: int | None) -> bool:
    """:func:`release_memory` when glibc's heap holds at least ``min_free_top`` bytes free at
    its top, or always when ``min_free_top`` is None or the top cannot be read; whether it
    ran. The check costs microseconds; the trim costs a page of freed memory faulted in
    again (Options.release_min_free_top)."""
    if min_free_top is not None:
        held = free_top()
        if held is not None and held < min_free_top:
            return False
    return release_memory()


@functools.cache  # one ctypes type, the same for every call: no output depends on it
def _mallinfo2_type() -> Any:
    import ctypes

    names = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in names.split()]

    return MallInfo2
