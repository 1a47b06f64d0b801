"""Would hiding what a page's own ``<style>`` rules hide help? A screen, not a feature.

    python benchmarks/stylesheet_hidden.py /work/shared/datasets --jobs 1 --out /tmp/me/css.json

The walk hides an element by its own attributes only (``hidden``, an inline ``display:none``,
a closed ``dialog``: _segment._is_hidden). This script reads the rules of the page's
``<style>`` elements that set ``display:none`` (or, with ``--visibility``, also
``visibility:hidden``) on a simple selector (a tag, classes and an id, no combinator or
pseudo-class), resolves each element's winning rule among those and the rules that set another
``display`` (specificity, then order; an inline ``display`` wins), applies the ``@media``
blocks a desktop view of ``--width`` pixels would apply (``--no-media``: none), gives every
element left hidden the ``hidden`` attribute, and scores ``extract()`` on the page so changed
against the same page serialised unchanged (so that the serialisation itself moves nothing).
Bare standard tags (``main``, ``body``) are never hidden: pages hide them in their critical CSS
until the full stylesheet loads. Only text-GT sets are read (trafilatura-eval's snippets are
not); pages whose rules hide nothing are counted unchanged. Prints each set's mean change
over all its pages, the pages up and down, its site halves and wcxb's page types.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser, LexborNode

from boilerstrip import extract
from boilerstrip._bench._metrics import text_score, words
from boilerstrip._bench._sets import Page, load_sets
from sensitivity import site_of

SIMPLE = re.compile(r"^[a-zA-Z][a-zA-Z0-9-]*$|^[a-zA-Z0-9-]*(?:[.#][a-zA-Z_-][a-zA-Z0-9_-]*)+$")
DISPLAY_NONE = re.compile(r"(?:^|;)\s*display\s*:\s*none\s*(?:!important)?\s*(?:;|$)", re.I)
HIDDEN_ALSO = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important)?\s*(?:;|$)", re.I
)
SHOWN = re.compile(r"(?:^|;)\s*display\s*:\s*(?!none)[a-z-]+", re.I)
FEATURE = re.compile(r"\(\s*([a-z-]+)\s*(?::\s*([^)]*))?\)", re.I)
LENGTH = re.compile(r"([\d.]+)\s*(px|em|rem)?")
COMMENT = re.compile(r"/\*.*?\*/", re.S)
# Media features a desktop view passes whatever their value, and those it passes at one value.
ANY_VALUE = frozenset({"min-height", "max-height", "min-resolution", "-webkit-min-device-pixel-ratio"})
DESKTOP_VALUE = {
    "orientation": "landscape",
    "hover": "hover",
    "pointer": "fine",
    "prefers-reduced-motion": "no-preference",
}

Rule = tuple[str, tuple[int, int, int], int, bool]  # selector, specificity, order, hides


def media_applies(query: str, width: float) -> bool:
    """Whether a desktop view ``width`` pixels wide applies an ``@media`` block's query."""
    for part in query.lower().split(","):
        media = part.strip()
        if media.startswith(("not ", "print", "only print", "speech")):
            continue
        passes = True
        for feature in FEATURE.finditer(media):
            name, value = feature.group(1), (feature.group(2) or "").strip()
            length = LENGTH.match(value)
            pixels = (
                float(length.group(1)) * (16 if length.group(2) in ("em", "rem") else 1) if length else None
            )
            if name in ("min-width", "max-width") and pixels is not None:
                passes &= pixels <= width if name == "min-width" else pixels >= width
            elif name in DESKTOP_VALUE:
                passes &= value == DESKTOP_VALUE[name]
            else:
                passes &= name in ANY_VALUE
        if passes:
            return True
    return False


def _blocks(css: str) -> Iterator[tuple[str, str]]:
    """(prelude, body) of each top-level block, braces balanced."""
    start, end = 0, len(css)
    while (opening := css.find("{", start)) >= 0:
        depth, at = 1, opening + 1
        while at < end and depth:
            depth += {"{": 1, "}": -1}.get(css[at], 0)
            at += 1
        prelude = css[start:opening]
        yield prelude[prelude.rfind(";") + 1 :].strip(), css[opening + 1 : at - 1]
        start = at


def rules(css: str, width: float | None, visibility: bool) -> list[Rule]:
    """The display rules on simple selectors, in order, the applied ``@media`` blocks inlined."""
    found: list[Rule] = []
    hides = HIDDEN_ALSO if visibility else DISPLAY_NONE

    def read(text: str) -> None:
        for prelude, body in _blocks(text):
            if prelude.startswith("@media"):
                if width is not None and media_applies(prelude[6:], width):
                    read(body)
            elif prelude.startswith("@supports"):
                read(body)
            elif not prelude.startswith("@") and "{" not in body:
                hidden, shown = bool(hides.search(body)), bool(SHOWN.search(body))
                for selector in (s.strip() for s in prelude.split(",")):
                    bare_tag = selector.isalnum()  # a standard tag alone: a critical-CSS cloak
                    if (hidden or shown) and SIMPLE.match(selector) and not bare_tag:
                        specificity = (selector.count("#"), selector.count("."), int(selector[:1].isalpha()))
                        found.append((selector, specificity, len(found), hidden))

    read(COMMENT.sub("", css))
    return found


def hidden_copy(html: str, width: float | None, visibility: bool) -> tuple[str, str, int] | None:
    """(the page serialised, the same with the hidden elements marked, how many), or None."""
    tree = LexborHTMLParser(html)
    css = " ".join(node.text(deep=True) or "" for node in tree.css("style"))
    found = rules(css, width, visibility)
    if not any(rule[3] for rule in found):
        return None
    winner: dict[int, tuple[tuple[tuple[int, int, int], int], bool, LexborNode]] = {}
    for selector, specificity, order, hides in found:
        for node in tree.css(selector):
            rank = (specificity, order)
            if node.mem_id not in winner or rank > winner[node.mem_id][0]:
                winner[node.mem_id] = (rank, hides, node)
    count = 0
    for _, hides, node in winner.values():
        style = (node.attributes.get("style") or "").lower()
        if hides and "display" not in style:
            node.attrs["hidden"] = ""
            count += 1
    return (LexborHTMLParser(html).html or "", tree.html or "", count) if count else None


def score_page(job: tuple[Page, float | None, bool]) -> tuple[str, str, str, float, float]:
    """(set/id, page type, site, F1 unchanged, F1 with the hidden elements marked)."""
    page, width, visibility = job
    copies = hidden_copy(page.html(), width, visibility)
    if copies is None:
        return page.key, page.page_type or "", "", 0.0, 0.0
    truth = words(page.truth or "")
    before = text_score(extract(copies[0]).text, truth).f1
    after = text_score(extract(copies[1]).text, truth).f1
    return page.key, page.page_type or "", site_of(page), before, after


def report(rows: list[tuple[str, str, str, float, float]], pages: dict[str, int]) -> str:
    by_set: dict[str, list[float]] = defaultdict(lambda: [0.0, 0, 0, 0.0, 0.0])
    by_type: dict[str, float] = defaultdict(float)
    for key, page_type, site, before, after in rows:
        entry, change = by_set[key.split("/")[0]], after - before
        entry[0] += change
        entry[1] += change > 1e-9
        entry[2] += change < -1e-9
        entry[3 + zlib.crc32(site.encode()) % 2] += change
        if key.startswith("wcxb/"):
            by_type[page_type] += change
    lines = [
        "| set (pages) | mean change | up | down | even-site half | odd-site half |",
        "|---|---|---|---|---|---|",
    ]
    for name, total in sorted(pages.items()):
        change, up, down, even, odd = by_set[name]
        lines.append(
            f"| {name} ({total}) | {change / total:+.5f} | {up:.0f} | {down:.0f} | {even:+.3f} | {odd:+.3f} |"
        )
    lines.append("")
    lines.append(
        "wcxb page points by type: " + ", ".join(f"{t} {v:+.3f}" for t, v in sorted(by_type.items()))
    )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--width", type=float, default=1280.0)
    parser.add_argument("--no-media", action="store_true", help="apply no @media block")
    parser.add_argument("--visibility", action="store_true", help="visibility:hidden hides too")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    sets = {
        name: pages for name, pages in load_sets(args.data).items() if pages and pages[0].truth is not None
    }
    width = None if args.no_media else args.width
    jobs = [(page, width, args.visibility) for pages in sets.values() for page in pages]
    with ProcessPoolExecutor(args.jobs) as pool:
        rows = [row for row in pool.map(score_page, jobs, chunksize=8) if row[2]]
    if args.out:
        args.out.write_text(json.dumps(rows), "utf-8")
    print(report(rows, {name: len(pages) for name, pages in sets.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
