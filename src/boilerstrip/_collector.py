"""The cyclic collector paused while extract() reads a big page. Split from _release.py (which
re-exports both) to be compiled in the compiled build: the compiled _pipeline calls them on
every page, and an interpreted function costs a Python frame a call."""

from __future__ import annotations

import gc


def pause_collector(chars: int, min_chars: int | None) -> bool:
    """Turn Python's cyclic garbage collector off for a page of at least ``min_chars``
    characters (bytes, if given bytes), when it is on; whether it did (give the answer to
    :func:`resume_collector`). A big page's blocks, features and scores are hundreds of
    thousands of long-lived objects made in a few stages, and the collector's full collections, each
    when they have grown by a quarter, went over all of them again and again (CPU ms a MB
    of the size test's 50 MB page: 39 in the collector, 8 at 1 MB). extract() makes no
    reference cycles on such pages, so nothing waits for the collector meanwhile. Another
    thread's extract() that finds it off leaves it as it is."""
    if min_chars is None or chars < min_chars or not gc.isenabled():
        return False
    gc.disable()
    return True


def resume_collector(paused: bool) -> None:
    """Turn the collector on again if :func:`pause_collector` turned it off, and run its
    young collection over what was made meanwhile (once: a loop that calls nothing but
    extract() would otherwise never let it run, and keep any reference cycle made)."""
    if paused:
        gc.enable()
        gc.collect(0)
