"""Which content names mislead: the blocks each source of ``Features.content_hint`` marks, by set.

    python benchmarks/replay.py dump /work/shared/datasets /tmp/me/dump --jobs 2
    python benchmarks/content_names.py facts /tmp/me/dump /tmp/me/names --jobs 2
    python benchmarks/content_names.py report /tmp/me/names > /tmp/me/names.md
    python benchmarks/content_names.py replay /tmp/me/dump /tmp/me/names --rule off:name --jobs 2

A block's content hint is true when an enclosing element (or its own) names main content:
the tag (``<article>``, ``<main>``), the ARIA role (main, article) or a class/id/itemprop
name that ``CONTENT_NAME_RULE`` matches (_element_facts._own_container). ``facts`` runs the
stages before the decision on every page of the dump's data, as ``replay.py dump`` does, and
records per block the chain of such elements above it (innermost first): each one's source
("tag article", "role main", "name" and the rule's first alternative that matches, such as
"name post content"), its depth, the share of the page's characters under it; and the block's
words, the depth of its innermost chrome-named element (-1: none), whether today's decision
keeps it, and the share of its words the truth holds (``peer_blocks.held``; -1 on a set
with snippets). It checks that a chain is non-empty exactly where ``content_hint`` is true.

``report`` sums, by set and wcxb type, for the nearest source of each marked block: blocks,
words, the share of those words the truth holds, and the words kept that the truth drops
(held under a half) and dropped that it holds. ``replay`` recomputes the ``content_name``
column from the chains with each ``--rule`` (``rule_of``: terms joined by "+", a block's
hint true when a link of its chain passes every term: ``off:SOURCE`` a source or every
source it begins switched off, ``wrap:S`` / ``min:S`` links holding at least / under share
S of the page ignored, ``near:D`` only links at most D levels above the block,
``chromein`` / ``chromeout`` links cut off by a chrome-named element between them and the
block / content names inside one, ``beside:F`` / ``after:F`` a link ignored for the blocks
beside / after the content-naming element inside it that holds F of its text,
``aftertag:F`` / ``aftername:F`` "after" for tag-or-role / name links only; a prefix
"article/", "sectioned/", "none/"... applies a term only on pages that declare that type),
recomputes the probabilities with today's weights
(as ``ablation.rescored`` does), replays the decision and prints the figures against
today's, with each set's site-split halves (the host's CRC-32 parity; ``sensitivity.site_of``),
and with ``--changed N`` the pages that moved most. The facts hold no page text; the dump does.
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import sys
import zlib
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any
from unittest import mock

import regex

from _content_rules import BlockFacts, Link, PageFacts, rule_of
from ablation import _column
from boilerstrip import Options, _features, _pipeline
from boilerstrip._assemble import layout
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import Page
from boilerstrip._compiled import compiled
from boilerstrip._element_facts import _own_container, enclosing_containers
from boilerstrip._extract import measure, prepare_input
from boilerstrip._features import feature_columns
from boilerstrip._model import Label
from boilerstrip._name_verdicts import NameVerdicts
from boilerstrip._parse import is_tagless_scrap, looks_binary
from boilerstrip._pattern_reader import top_level_branches
from boilerstrip._probability import _add_weighted, _sigmoid, active_weights, score, smooth
from boilerstrip._rules import (
    CONTENT_NAME_RULE,
    CONTENT_ROLES,
    CONTENT_SCOPE_TAGS,
    normalise_name,
)
from boilerstrip._segmented import Element
from peer_blocks import _spaced, held
from replay import Dumped, dumped_sets, f1, groups, load, replayed, shards
from sensitivity import site_of

# The content rule's alternatives, each alone: a name is reported under the first that matches.
ALTERNATIVES = tuple(
    (alt, regex.compile(r"\b(?:" + alt + r")\b")) for alt in top_level_branches(CONTENT_NAME_RULE[5:-3])
)


def source_of(element: Element, parent_in_scope: bool, names: NameVerdicts) -> str:
    """Why ``element`` itself names main content ("" when it does not), as
    ``_own_container`` decides it."""
    hint = _own_container(element, parent_in_scope, names)[2]
    if not hint:
        return ""
    if element.tag in CONTENT_SCOPE_TAGS:
        return f"tag {element.tag}"
    if element.aria_role in CONTENT_ROLES:
        return f"role {element.aria_role}"
    name = normalise_name(element.names)
    return next((f"name {alt}" for alt, p in ALTERNATIVES if p.search(name)), "name ?")


def chains(
    elements: Sequence[Element], above: Sequence[bool], names: NameVerdicts
) -> tuple[list[tuple[Link, ...]], list[int]]:
    """Per element: its chain (innermost first) and the depth of its innermost chrome-named
    element (as ``enclosing_containers`` finds it; -1: none)."""
    total = max(elements[0].chars, 1) if elements else 1
    out: list[tuple[Link, ...]] = []
    chrome: list[int] = []
    scope: list[bool] = []
    for index, e in enumerate(elements):
        parent = e.parent
        up = out[parent] if parent >= 0 else ()
        in_scope = scope[parent] if parent >= 0 else False
        source = source_of(e, in_scope, names)
        out.append((Link(source, index, e.depth, e.chars / total), *up) if source else up)
        kind = _own_container(e, in_scope, names)[0]
        chrome.append(e.depth if kind and not above[index] else (chrome[parent] if parent >= 0 else -1))
        scope.append(in_scope or e.tag in CONTENT_SCOPE_TAGS)
    return out, chrome


def page_facts(page: Page) -> PageFacts | None:
    """One page's facts (None when extract() fails on it or it is binary)."""
    if compiled():  # its modules call each other natively: the patches below would see nothing
        raise RuntimeError("content_names.py reads the pure sources only (PYTHONPATH=src)")
    seen: dict[str, Any] = {}
    real_columns, real_containers = feature_columns, enclosing_containers

    def columns(seg: Any, *args: Any, **kwargs: Any) -> Any:
        seen["seg"] = seg
        return real_columns(seg, *args, **kwargs)

    def containers(elements: Any, above: Any, names: Any) -> Any:
        seen["above"], seen["names"] = above, names
        return real_containers(elements, above, names)

    options = Options()
    try:
        text, _ = prepare_input(page.html(), None, options)
        if isinstance(text, str) and (
            looks_binary(text, options.binary_min_odd_chars)
            or is_tagless_scrap(text, options.tagless_max_chars)
        ):
            return None
        with (
            mock.patch.object(_pipeline, "feature_columns", columns),
            mock.patch.object(_features, "enclosing_containers", containers),
        ):
            measured = measure(text, options)
    except Exception:
        return None
    scores = score(measured.blocks, options)
    probabilities = smooth(measured.blocks, scores.probabilities, options)
    dumped = Dumped(
        page.key, measured.blocks, probabilities, scores.table, measured.declared, measured.metadata, ""
    )
    labelled = replayed(dumped, options)
    seg = seen["seg"]
    chain, chrome = chains(seg.elements, seen["above"], seen["names"])
    pool = _spaced(page.truth) if page.truth is not None else ""
    facts = []
    for raw, block, out in zip(seg.blocks, measured.blocks, labelled[: len(measured.blocks)], strict=True):
        o = raw.element
        if bool(chain[o]) != block.features.content_hint:
            raise AssertionError(f"{page.key}: chain and content_hint differ at block {block.index}")
        facts.append(
            BlockFacts(
                block.features.words,
                chain[o],
                chrome[o],
                block.features.container,
                seg.elements[o].depth,
                out.label is Label.CONTENT,
                held(block.text, pool) if page.truth is not None and block.features.words else -1.0,
            )
        )
    return PageFacts(page.key, site_of(page), page.page_type or "", tuple(facts))


def _facts_shard(job: tuple[Path, Path, dict[str, Page]]) -> tuple[int, int]:
    """The facts of one dump shard's pages, written beside it in ``out``: (pages, failed)."""
    shard, out, pages = job
    failed = 0
    with gzip.open(out / shard.name, "wb", compresslevel=3) as f:
        for dumped in load(shard):
            facts = None if dumped.error else page_facts(pages[dumped.key])
            if facts is not None and len(facts.blocks) != len(dumped.blocks):
                raise AssertionError(
                    f"{dumped.key}: {len(facts.blocks)} blocks, the dump {len(dumped.blocks)}"
                )
            failed += facts is None and not dumped.error and bool(dumped.blocks)
            pickle.dump(facts, f, protocol=pickle.HIGHEST_PROTOCOL)
    return len(pages), failed


def facts(dump: Path, out: Path, jobs: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sets = dumped_sets(dump)
    by_set = {name: {p.key: p for p in ps} for name, ps in sets.items()}
    work = [(s, out, by_set[s.name.split(".")[0]]) for s in shards(dump)]
    with ProcessPoolExecutor(jobs) as pool:
        for (shard, _, _), (_, failed) in zip(work, pool.map(_facts_shard, work)):
            print(f"{shard.name}: done, {failed} failed", file=sys.stderr)


class _Unpickler(pickle.Unpickler):
    """Reads the facts' classes from this module, whether ``facts`` ran as a script or not."""

    def find_class(self, module: str, name: str) -> Any:
        if name in ("PageFacts", "BlockFacts", "Link"):
            return globals()[name]
        return super().find_class(module, name)


def load_facts(shard: Path) -> list[PageFacts | None]:
    """The facts of one shard's pages, in the dump's order (None: no facts)."""
    out = []
    with gzip.open(shard, "rb") as f:
        while True:
            try:
                out.append(_Unpickler(f).load())
            except EOFError:
                return out


# -- report -------------------------------------------------------------------------------


def report(folder: Path) -> str:
    """Per set (and wcxb type) and nearest source: blocks, words, truth-held share, and the
    words kept that the truth drops / dropped that it holds."""
    tally: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0] * 6)
    for shard in shards(folder):
        for page in load_facts(shard):
            if page is None:
                continue
            name = page.key.split("/")[0]
            labels = [name] + ([f"{name} {page.page_type}"] if page.page_type else [])
            for b in page.blocks:
                if not b.words:
                    continue
                source = b.chain[0].source if b.chain else "(none)"
                for label in labels:
                    for s in (source, "(all marked)") if b.chain else (source,):
                        t = tally[(label, s)]
                        t[0] += 1
                        t[1] += b.words
                        if b.truth >= 0:
                            t[2] += b.words
                            t[3] += b.words * b.truth
                            t[4] += b.words if b.kept and b.truth < 0.5 else 0
                            t[5] += b.words if not b.kept and b.truth >= 0.5 else 0
    lines = [
        "| set / type | nearest source | blocks | words | truth holds | kept, truth drops "
        "| dropped, truth holds |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, source in sorted(tally, key=lambda k: (k[0], -tally[k][1])):
        n, w, tw, th, fp, fn = tally[(label, source)]
        share = f"{th / tw:.3f}" if tw else "–"
        lines.append(f"| {label} | {source} | {n:.0f} | {w:.0f} | {share} | {fp:.0f} | {fn:.0f} |")
    return "\n".join(lines) + "\n"


# -- the replay ----------------------------------------------------------------------------


def rescored(page: Dumped, column: list[float], options: Options) -> Dumped:
    """``page`` with its ``content_name`` column replaced, its probabilities recomputed and
    smoothed (``ablation.rescored``, the dumped outputs of every other scorer)."""
    bias, pairs = active_weights(options)
    columns = dict(zip(page.table.names, page.table.columns))
    n = len(page.blocks)
    z = [bias] * n
    for name, weight in pairs:
        _add_weighted(z, weight, column if name == "content_name" else _column(columns[name], n))
    return page._replace(probabilities=smooth(page.blocks, tuple(_sigmoid(zi) for zi in z), options))


def _replay_shard(job: tuple[Path, Path, list[str]]) -> list[dict[str, str]]:
    """Per rule, the text of each page of the shard (a page whose column is today's keeps
    today's text, replayed once)."""
    shard, folder, specs = job
    rules = [rule_of(s) for s in specs]
    options = Options()
    out: list[dict[str, str]] = [{} for _ in specs]
    for dumped, page in zip(load(shard), load_facts(folder / shard.name), strict=True):
        if dumped.error or page is None:
            for texts in out:
                texts[dumped.key] = "" if dumped.error else layout(replayed(dumped, options))
            continue
        today = [bool(b.chain) for b in page.blocks]
        base = ""
        for texts, rule in zip(out, rules):
            hint = rule(page, dumped.declared)
            if hint == today:
                base = base or layout(replayed(rescored(dumped, [float(h) for h in today], options), options))
                texts[dumped.key] = base
            else:
                column = [float(h) for h in hint]
                texts[dumped.key] = layout(replayed(rescored(dumped, column, options), options))
    return out


def site_half(site: str) -> str:
    return "A" if zlib.crc32(site.encode()) % 2 == 0 else "B"


def replay_rules(
    dump: Path, folder: Path, specs: list[str], jobs: int, *, changed: int = 0, only: str = ""
) -> str:
    """The figures of each rule against today's ("today" first), with site-split halves, and
    the ``changed`` pages that moved most; on the sets named in ``only`` (default: all)."""
    specs = ["today", *specs]
    sets = dumped_sets(dump)
    if only:
        sets = {name: ps for name, ps in sets.items() if name in only.split(",")}
    pages = {p.key: p for ps in sets.values() for p in ps}
    sites = {p.key: p.site for s in shards(folder) for p in load_facts(s) if p is not None}
    records: list[dict[str, dict[str, Any]]] = [{} for _ in specs]
    with ProcessPoolExecutor(jobs) as pool:
        chosen = [s for s in shards(dump) if s.name.split(".")[0] in sets]
        work = sorted(((s, folder, specs) for s in chosen), key=lambda j: -j[0].stat().st_size)
        for result in pool.map(_replay_shard, work):
            for rec, texts in zip(records, result):
                rec.update({k: page_record(pages[k], t, 0.0, "ok") for k, t in texts.items()})
    lines = []
    for spec, new in zip(specs[1:], records[1:]):
        lines += [
            f"\n#### {spec}\n",
            "| set / type (pages) | today | rule | change | site half A | site half B | pages up / down |",
        ]
        lines.append("|---|---|---|---|---|---|---|")
        means = [0.0, 0.0]
        for name, label, ps in groups(sets):
            b, n = f1(records[0], ps), f1(new, ps)
            if label == name:
                means[0] += b / len(sets)
                means[1] += n / len(sets)
            halves = []
            for h in "AB":
                part = [p for p in ps if site_half(sites.get(p.key, p.key)) == h]
                halves.append(f"{f1(new, part) - f1(records[0], part):+.5f}" if part else "–")
            d = [new[p.key].get("f1", 0.0) - records[0][p.key].get("f1", 0.0) for p in ps]
            up, down = sum(x > 1e-12 for x in d), sum(x < -1e-12 for x in d)
            cells = f"{b:.5f} | {n:.5f} | {n - b:+.5f} | {' | '.join(halves)} | {up} / {down}"
            lines.append(f"| {label} ({len(ps)}) | {cells} |")
        lines.append(
            f"| mean over sets | {means[0]:.5f} | {means[1]:.5f} | {means[1] - means[0]:+.5f} | | | |"
        )
        moved = sorted(
            (new[k]["f1"] - records[0][k]["f1"], k, pages[k].page_type or "")
            for k in new
            if "f1" in new[k] and abs(new[k]["f1"] - records[0][k]["f1"]) > 1e-12
        )
        if changed and moved:
            lines.append(f"\nThe {min(changed, len(moved))} pages that moved most:\n")
            for d, key, kind in sorted(moved, key=lambda m: -abs(m[0]))[:changed]:
                lines.append(f"- {key} {kind} ({sites.get(key, '')}): {d:+.4f}")
        counted = [k for k in new if "counts" in new[k] and new[k]["counts"] != records[0][k]["counts"]]
        if changed and counted:
            lines.append("\nSnippet pages whose (tp, fp, fn, tn) changed:\n")
            lines += [f"- {k}: {records[0][k]['counts']} -> {new[k]['counts']}" for k in sorted(counted)]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("facts")
    f.add_argument("dump", type=Path)
    f.add_argument("out", type=Path)
    f.add_argument("--jobs", type=int, default=1)
    r = sub.add_parser("report")
    r.add_argument("facts", type=Path)
    p = sub.add_parser("replay")
    p.add_argument("dump", type=Path)
    p.add_argument("facts", type=Path)
    p.add_argument("--rule", action="append", default=[])
    p.add_argument("--jobs", type=int, default=1)
    p.add_argument("--changed", type=int, default=0, help="list the N pages that moved most")
    p.add_argument("--sets", default="", help="replay only these sets (comma-separated)")
    args = parser.parse_args(argv)
    if args.command == "facts":
        facts(args.dump, args.out, args.jobs)
    elif args.command == "report":
        sys.stdout.write(report(args.facts))
    else:
        sys.stdout.write(
            replay_rules(args.dump, args.facts, args.rule, args.jobs, changed=args.changed, only=args.sets)
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
