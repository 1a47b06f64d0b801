"""release_memory(): an opt-in call for long runs that gives the C allocator's free memory back."""

from __future__ import annotations

import functools
import os
from typing import Any, NamedTuple

# Defined in a compiled module of their own (the compiled _pipeline calls them on every page).
from ._collector import pause_collector as pause_collector  # noqa: PLC0414
from ._collector import resume_collector as resume_collector  # noqa: PLC0414


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
    trim = _allocator().trim
    if trim is None:
        return False
    trim(0)
    return True


def free_top() -> int | None:
    """Bytes free at the top of glibc's main heap (``mallinfo2().keepcost``): what
    ``malloc_trim`` gives back from the top. None where it cannot be read: not glibc, or a
    glibc before 2.33 (no ``mallinfo2``)."""
    info = _allocator().info
    return None if info is None else int(info().keepcost)


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


class _Allocator(NamedTuple):
    trim: Any | None  # malloc_trim, or None where the C library is not glibc
    info: Any | None  # mallinfo2 returning a MallInfo2, or None (not glibc, or before 2.33)


@functools.cache  # set up once a process (15 us a call: a CDLL makes a class): no output depends on it
def _allocator() -> _Allocator:
    """glibc's two allocator functions, their types set before anyone can call them, and
    never changed after: safe to share between threads."""
    libc = glibc()
    if libc is None:
        return _Allocator(None, None)
    trim, info = getattr(libc, "malloc_trim", None), getattr(libc, "mallinfo2", None)
    if info is not None:
        info.restype = _mallinfo2_type()
    return _Allocator(trim, info)


def _mallinfo2_type() -> Any:
    import ctypes

    names = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in names.split()]

    return MallInfo2
