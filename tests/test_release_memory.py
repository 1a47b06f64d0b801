"""release_memory(): glibc's free heap goes back to the system only when it is called."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import boilerstrip

# Run in a fresh interpreter: the allocator is process-wide. Freeing a 16 MB block raises
# glibc's dynamic mmap threshold to 16 MB (and its trim threshold to 32 MB), so 24 blocks of
# 1 MB then come from the heap, and once freed stay resident at its top: as after a big page.
_HELD_HEAP = """
import os, sys
import boilerstrip

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20

big = b"x" * (16 << 20)
del big
blocks = [b"x" * (1 << 20) for _ in range(24)]
del blocks
before = rss_mb()
done = boilerstrip.release_memory() if "release" in sys.argv else False
print(int(done), int(before - rss_mb() >= 16))
"""

_GLIBC = (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc")


@pytest.mark.skipif(not _GLIBC, reason="glibc only")
@pytest.mark.parametrize(("argument", "expected"), [("release", "1 1"), ("", "0 0")])
def test_release_memory_returns_the_free_heap(argument: str, expected: str) -> None:
    command = [sys.executable, "-c", _HELD_HEAP, argument]
    # glibc's tunables from the environment would change what is held: dask's nanny sets
    # MALLOC_TRIM_THRESHOLD_ in this process's environment (tests/test_integration_dask.py),
    # and with it freed blocks are trimmed at once and there is nothing left to release.
    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}
    out = subprocess.run(command, check=False, capture_output=True, text=True, env=env)
    assert out.stdout.split() == expected.split(), out.stderr


@pytest.mark.parametrize(
    "html", ["<p>Hello, world.</p>", "<html><body><nav>Home</nav><p>Text.</p></body></html>"]
)
def test_release_memory_changes_no_output(html: str) -> None:
    before = boilerstrip.extract(html)
    assert boilerstrip.release_memory() is _GLIBC
    after = boilerstrip.extract(html)
    assert (after.text, [b.label for b in after.blocks]) == (before.text, [b.label for b in before.blocks])
