"""Annotated page sets: the layout of the development data, or a plain folder of pairs.

A set folder holds ``html/<id>.html`` or ``html/<id>.html.gz`` with ``gt/<id>.txt`` (the
true main text) or, where a set has no text GT, ``snippets/<id>.json`` (``{"with": [...],
"without": [...]}``), and optionally ``types.json`` ({id: page type}). A plain folder of
``X.html`` and ``X.txt`` pairs is a set too (``tests/fixtures`` is one). A folder whose
sub-folders are sets is a collection of sets. Pages are read as UTF-8 with bad bytes
replaced, as ../shared/tools/score.py reads them.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Page:
    set: str
    id: str
    html_path: Path
    truth: str | None  # the true main text, for text-GT sets
    snippets: tuple[tuple[str, ...], tuple[str, ...]] | None  # (with, without), for snippet sets
    page_type: str | None

    @property
    def key(self) -> str:
        return f"{self.set}/{self.id}"

    def html(self) -> str:
        raw = self.html_path.read_bytes()
        if self.html_path.suffix == ".gz":
            raw = gzip.decompress(raw)
        return raw.decode("utf-8", errors="replace")


def _read_snippets(path: Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    item = json.loads(path.read_text("utf-8"))
    return tuple(item.get("with") or ()), tuple(item.get("without") or ())


def _html_files(folder: Path) -> dict[str, Path]:
    """id -> page; a plain .html wins over .html.gz of the same id."""
    files: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html"):
            files[path.name[: -len(".html")]] = path
        elif path.name.endswith(".html.gz"):
            files.setdefault(path.name[: -len(".html.gz")], path)
    return files


def _layout_set(root: Path, gt_dir: str) -> list[Page]:
    files = _html_files(root / "html")
    gt = root / gt_dir
    text_gt = gt.is_dir() and any(p.suffix == ".txt" for p in gt.iterdir())
    types_path = root / "types.json"
    types: dict[str, str] = json.loads(types_path.read_text("utf-8")) if types_path.is_file() else {}
    pages = []
    for pid, html_path in files.items():
        page_type = str(types.get(pid, "unknown")) if types else None
        if text_gt:
            truth = gt / f"{pid}.txt"
            if truth.is_file():
                text = truth.read_text("utf-8", errors="replace")
                pages.append(Page(root.name, pid, html_path, text, None, page_type))
            continue
        for snippet_path in (gt / f"{pid}.json", root / "snippets" / f"{pid}.json"):
            if snippet_path.is_file():
                pages.append(Page(root.name, pid, html_path, None, _read_snippets(snippet_path), page_type))
                break
    return pages


def _pairs_set(root: Path) -> list[Page]:
    pages = []
    for pid, html_path in _html_files(root).items():
        truth = root / f"{pid}.txt"
        if truth.is_file():
            pages.append(
                Page(root.name, pid, html_path, truth.read_text("utf-8", errors="replace"), None, None)
            )
    return pages


def load_sets(folders: str | Path | Sequence[str | Path], gt_dir: str = "gt") -> dict[str, list[Page]]:
    """Every set found in ``folders`` (one folder, or several), by name, each with its
    pages sorted by id."""
    sets: dict[str, list[Page]] = {}
    for folder in map(Path, [folders] if isinstance(folders, (str, Path)) else folders):
        if not folder.is_dir():
            raise FileNotFoundError(f"no such folder: {folder}")
        if (folder / "html").is_dir():
            candidates = [folder]
        elif any(folder.glob("*.html")):
            sets[folder.name] = _pairs_set(folder)
            continue
        else:
            candidates = sorted(p for p in folder.iterdir() if (p / "html").is_dir())
        for root in candidates:
            pages = _layout_set(root, gt_dir)
            if pages:
                sets[root.name] = pages
    return {name: pages for name, pages in sorted(sets.items()) if pages}
