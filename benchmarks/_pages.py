"""Development pages for the speed scripts, read where they are (never copied)."""

from __future__ import annotations

import gzip
import random
from pathlib import Path


def page_keys(data: Path) -> dict[str, Path]:
    """ "set/id" -> path of every page under ``data`` (``<set>/html/<id>.html.gz``)."""
    return {
        f"{p.parent.parent.name}/{p.name.removesuffix('.html.gz')}": p
        for p in sorted(data.glob("*/html/*.html.gz"))
    }


def sample(data: Path, n: int, seed: int) -> list[tuple[str, str]]:
    """(key, html) of ``n`` random pages, chosen as ``score.py --sample n --seed s`` does
    (random.Random(seed).sample of the sorted keys), in key order."""
    keys = page_keys(data)
    chosen = sorted(keys) if n <= 0 or n >= len(keys) else sorted(random.Random(seed).sample(sorted(keys), n))
    return [(k, read(keys[k])) for k in chosen]


def read(path: Path) -> str:
    return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
