"""The RSS part of benchmarks/speed.py: 20,000 extractions in one process, sampled every
1,000 (VmRSS, Python's allocated blocks, glibc's heap), the growth figures and their report."""

from __future__ import annotations

import ctypes
import dataclasses
import gc
import gzip
import json
import math
import os
import random
import sys
import time
from pathlib import Path
from typing import Any


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split()
    ]


def heap_mb(libc: Any) -> tuple[float, float, float]:
    """glibc's heaps (mallinfo2, which changes nothing): MB in use, MB free, MB free at the
    top of the main heap (what glibc returns once it passes the trim threshold); -1 without
    mallinfo2 (glibc before 2.33)."""
    if not hasattr(libc, "mallinfo2"):
        return -1.0, -1.0, -1.0
    libc.mallinfo2.restype = _MallInfo2
    info = libc.mallinfo2()
    return info.uordblks / 2**20, info.fordblks / 2**20, info.keepcost / 2**20


def child_rss(
    data: Path,
    total: int,
    seed: int,
    every: int,
    *,
    trim: bool = False,
    release_every: int = 0,
    extract: bool = True,
    as_bytes: bool = False,
) -> dict[str, Any]:
    """Samples every ``every`` extractions: (extractions, VmRSS MB, VmRSS MB after glibc's
    malloc_trim gave the free heap back (with ``trim``, else None), Python's allocated
    blocks, glibc heap MB in use, free, free at the top). Raw RSS moves with the size of the
    last pages (the allocator keeps freed memory); a leak shows in all of them. The same is
    sampled at the same point of every cycle through the pages (after ``every`` + k x pages
    extractions: the same last pages each time), which that swing does not move. Without
    ``extract``, the loop only reads and decodes the pages: the control, as the decoded
    pages alone (a str of 4 bytes a character for a page holding one emoji, up to 12 MB)
    raise glibc's thresholds and fill its heap. With ``as_bytes`` each page is given as the
    bytes a crawler has (a WARC record, an HTTP body): decompressed, not decoded (extract()
    finds the encoding). Each sample is also written to stderr as it is taken."""
    import boilerstrip
    from boilerstrip import Options

    libc = ctypes.CDLL("libc.so.6")
    # No time budget: under load a big page can pass 30 s, which would end the run.
    names = {f.name for f in dataclasses.fields(Options)}
    options = Options(time_budget=None) if "time_budget" in names else Options()
    release = getattr(boilerstrip, "release_memory", None) if release_every else None
    if release_every and release is None:
        raise SystemExit("--release-every: this version has no boilerstrip.release_memory()")
    paths = sorted(data.glob("*/html/*.html.gz"))
    random.Random(seed).shuffle(paths)
    samples: list[tuple[Any, ...]] = []
    aligned: list[tuple[Any, ...]] = []
    started = time.perf_counter()
    for i in range(1, total + 1):
        raw = gzip.decompress(paths[(i - 1) % len(paths)].read_bytes())
        html: str | bytes = raw if as_bytes else raw.decode("utf-8", "replace")
        del raw
        if extract:
            boilerstrip.extract(html, options=options)
        del html
        periodic, in_cycle = i % every == 0, i >= every and (i - every) % len(paths) == 0
        if periodic or in_cycle:
            gc.collect()
            rss, heap = rss_mb(), heap_mb(libc)
            trimmed = None
            if trim:
                libc.malloc_trim(0)
                trimmed = rss_mb()
            sample = (i, rss, trimmed, sys.getallocatedblocks(), *heap)
            print(json.dumps(sample), file=sys.stderr, flush=True)  # a stopped run keeps its samples
            if periodic:
                samples.append(sample)
            if in_cycle:
                aligned.append(sample)
        if release is not None and i % release_every == 0:  # after the sample: its worst point
            release()
    seconds = time.perf_counter() - started
    return {
        "pages": len(paths), "samples": samples, "aligned": aligned, "seconds": seconds,
        "trim": trim, "release_every": release_every, "extract": extract, "bytes": as_bytes,
    }  # fmt: skip


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """The child's samples with the growth figures the report quotes."""
    samples = result["samples"]
    first, last = samples[0], samples[-1]  # the first is at --every (1,000)
    raws = [s[1] for s in samples]
    result.update(
        rss_first_mb=first[1],
        rss_last_mb=last[1],
        growth_pct=pct(last[1], first[1]),
        # Raw VmRSS swings with the last pages: its range says where the 1,000th and the
        # last sample fell in the swing.
        rss_min_mb=min(raws),
        rss_max_mb=max(raws),
        max_growth_pct=pct(max(raws), first[1]),
        trimmed_growth_pct=pct(last[2], first[2]) if first[2] is not None else None,
        blocks_growth_pct=pct(last[3], first[3]),
        heap_used_growth_pct=pct(last[4], first[4]) if len(first) > 4 and first[4] > 0 else None,
    )
    aligned = result.get("aligned", [])
    if len(aligned) > 1:
        result.update(
            aligned_growth_pct=pct(aligned[-1][1], aligned[0][1]),
            aligned_trimmed_growth_pct=(
                pct(aligned[-1][2], aligned[0][2]) if aligned[0][2] is not None else None
            ),
            aligned_max_growth_pct=pct(max(a[1] for a in aligned), aligned[0][1]),
        )
    return result


def pct(last: float, first: float) -> float:
    return (last / first - 1.0) * 100


def _mb(value: float | None) -> str:
    return "" if value is None or value < 0 else f"{value:.1f}"


def _rss_table(rows: list[list[Any]], first: str) -> list[str]:
    """One row a sample: (extractions, VmRSS, trimmed or None, blocks[, heap used, free, top])."""
    lines = [
        f"| {first} | VmRSS MB | after malloc_trim MB | Python allocated blocks | glibc heap in use MB | "
        "free MB | free at top MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        i, raw, trimmed, blocks, *heap = row
        heap += [None] * (3 - len(heap))
        lines.append(
            f"| {i:,} | {raw:.1f} | {_mb(trimmed)} | {blocks:,} | "
            f"{_mb(heap[0])} | {_mb(heap[1])} | {_mb(heap[2])} |"
        )
    return [*lines, ""]


def rss_lines(rss: dict[str, Any]) -> list[str]:
    samples = rss["samples"]
    n, every = samples[-1][0], samples[0][0]
    mode = "malloc_trim(0) after each sample's VmRSS" if rss.get("trim") else "nothing trimmed"
    if rss.get("bytes"):
        mode += ", pages given as bytes"
    if not rss.get("extract", True):
        mode += ", no extract(): the loop's reading" + ("" if rss.get("bytes") else " and decoding") + " only"
    if rss.get("release_every"):
        mode += f", release_memory() every {rss['release_every']:,} extractions"
    trimmed = rss.get("trimmed_growth_pct")
    lines = [
        f"Memory over {n:,} extractions in one process cycling {rss['pages']:,} dev pages "
        f"({rss['seconds']:.0f} s; {mode}): VmRSS {rss['rss_first_mb']:.1f} MB after {every:,}, "
        f"{rss['rss_last_mb']:.1f} MB after {n:,}, growth {rss['growth_pct']:+.1f}% (range "
        f"{rss.get('rss_min_mb', math.nan):.1f}-{rss.get('rss_max_mb', math.nan):.1f} MB, largest "
        f"{rss.get('max_growth_pct', math.nan):+.1f}%)"
        + (f"; after malloc_trim {trimmed:+.1f}%" if trimmed is not None else "")
        + f"; Python's allocated blocks {rss['blocks_growth_pct']:+.1f}%.",
        "",
        *_rss_table(samples, "extractions"),
    ]
    if "aligned_growth_pct" in rss:
        trimmed = rss.get("aligned_trimmed_growth_pct")
        lines += [
            f"At the same point of each cycle through the {rss['pages']:,} pages: VmRSS growth "
            f"{rss['aligned_growth_pct']:+.1f}% from the first such sample to the last (largest "
            f"{rss['aligned_max_growth_pct']:+.1f}%)"
            + (f"; after malloc_trim {trimmed:+.1f}%" if trimmed is not None else "")
            + ".",
            "",
            *_rss_table(rss["aligned"], "extractions (cycle-aligned)"),
        ]
    return lines
