"""Would the decision's tuned constants hold on pages they were not tuned on? A sweep on a block dump.

    python benchmarks/replay.py dump /work/shared/datasets /tmp/me/dump --jobs 2
    python benchmarks/sensitivity.py run /tmp/me/dump /tmp/me/sweep.json --jobs 2
    python benchmarks/sensitivity.py report /tmp/me/dump /tmp/me/sweep.json > /tmp/me/sweep.md

``run`` finds the Options fields the decision reads (``replay.replayed`` on a sample of
every set; the fields read before it cannot be replayed and are listed as skipped), and
sweeps each numeric or boolean one alone over a grid around its value (halves, quarters and
doubles, or +-0.1 and +-0.2 for shares and densities, steps of one for small counts) and its
"off" value. Each dump shard is loaded once and every variant replayed on it; a page whose
labels and text match today's is not scored again, so the sweep costs about what a replay
costs per variant, without the loading and scoring.

``report`` writes, per field: today's value, the grid values giving today's output on every
page (the identical range) and those within ``--eps`` of today's mean over sets with no set
falling more than ``--set-eps`` (the flat range); a two-fold check (the value best on even
ids, scored on odd ids against today's, and the reverse); the pages and sites (host of the
page's canonical or og:url, or <base href>; a page without one is a site of its own) that
move between "off" (or, without one, any grid value) and today's value, and how much of the
gain the two sites that give most of it carry. A field is flagged "peak" when its flat range is
today's value alone (a one-step neighbour each way loses more than ``--eps`` on the mean over
sets or more than ``--set-eps`` on a set), "edge" when today's value ends a wider flat range
and the neighbour beyond loses, "2-fold" when a fold's choice other than today's gains on
the other half, "sites" when the two largest sites carry 3/4 of the gain over "off".
"""

from __future__ import annotations

import argparse
import dataclasses
import gzip
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

from _sweep_fields import NOT_SWEPT, OFF, UNTRACKED, Tracking, grid, read_fields
from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench._report import group_figures, page_record
from boilerstrip._bench._sets import Page
from replay import dumped_sets, groups, half, load, replayed, shards

SITE = re.compile(
    r"""<link[^>]+rel=["']?canonical["']?[^>]*href=["']([^"']+)|<link[^>]+href=["']([^"']+)["'][^>]*rel=["']?canonical"""
    r"""|<meta[^>]+property=["']og:url["'][^>]*content=["']([^"']+)|<base[^>]+href=["']([^"']+)""",
    re.IGNORECASE,
)
Variant = tuple[str, Any]  # (field, value)


def _sweep_shard(
    job: tuple[Path, list[Variant], int],
) -> tuple[dict[str, str], list[dict[str, str]], int, set[str]]:
    """Today's text of each page of the shard, per variant the texts that differ from it,
    and the number of variants replayed. A variant is replayed on a page only where today's
    replay read its field and used it otherwise than in comparisons, or where one of its
    comparisons turns the other way at the variant's value: elsewhere every branch is
    today's, and so is the output (fields in ``UNTRACKED`` are used where the tracking cannot
    see it: always replayed). With ``check`` n, every variant is replayed on every n-th page
    too; the fields of variants the tracking skipped there but that change it are returned."""
    shard, variants, check = job
    today = Options()
    base: dict[str, str] = {}
    changed: list[dict[str, str]] = [{} for _ in variants]
    options = [today.replace(**{n: v}) for n, v in variants]
    runs = 0
    missed: set[str] = set()
    for number, page in enumerate(load(shard)):
        if page.error:
            base[page.key] = ""
            continue
        tracking = Tracking(today, sorted({n for n, _ in variants}))
        text = layout(replayed(page, cast(Options, tracking)))
        base[page.key] = text
        for i, ((name, value), variant) in enumerate(zip(variants, options)):
            use = tracking.uses[name]
            if isinstance(value, bool) or name in UNTRACKED:
                skip = name not in tracking.read
            else:
                skip = name not in tracking.read or use.same(getattr(today, name), value)
            if skip and not (check and number % check == 0):
                continue
            runs += 1
            new_text = layout(replayed(page, variant))
            if new_text != text:
                if skip:
                    missed.add(name)
                changed[i][page.key] = new_text
    return base, changed, runs, missed


def site_of(page: Page) -> str:
    """The page's host (no "www."), or "?set/id" when its HTML names no address."""
    try:
        html = page.html()[:200_000]
    except OSError:
        return f"?{page.key}"
    for match in SITE.finditer(html):
        url = next(g for g in match.groups() if g)
        host = urlsplit(url.strip()).hostname or ""
        if host:
            return host.removeprefix("www.")
    return f"?{page.key}"


def run(
    folder: Path,
    out: Path,
    jobs: int,
    *,
    only: Sequence[str] = (),
    only_sets: Sequence[str] = (),
    check: int = 0,
    wide: bool = False,
) -> None:
    """Sweep every field (or those in ``only``) and write texts' records to ``out``."""
    upstream = set(json.loads((folder / "meta.json").read_text("utf-8"))["upstream"])
    read = set(only) if only else read_fields(folder)  # fields named are taken as read
    today = Options()
    fields = [
        f.name
        for f in dataclasses.fields(today)
        if f.name in read
        and f.name not in NOT_SWEPT
        and f.name not in upstream
        and isinstance(getattr(today, f.name), (int, float))
        and (not only or f.name in only)
    ]
    variants = [(n, v) for n in fields for v in grid(n, getattr(today, n), wide)]
    print(f"{len(fields)} fields, {len(variants)} variants", file=sys.stderr)
    sets = dumped_sets(folder)
    pages = {p.key: p for ps in sets.values() for p in ps}
    pages = {k: p for k, p in pages.items() if not only_sets or p.set in only_sets}
    base: dict[str, dict[str, Any]] = {}
    moved: list[dict[str, dict[str, Any]]] = [{} for _ in variants]
    with ProcessPoolExecutor(jobs) as pool:
        work = [
            (s, variants, check) for s in shards(folder) if not only_sets or s.name.split(".")[0] in only_sets
        ]
        runs = 0
        missed: set[str] = set()
        for texts, changed, n, m in pool.map(_sweep_shard, sorted(work, key=lambda j: -j[0].stat().st_size)):
            runs, missed = runs + n, missed | m
            base.update({k: page_record(pages[k], t, 0.0, "ok") for k, t in texts.items()})
            for i, c in enumerate(changed):
                moved[i].update({k: page_record(pages[k], t, 0.0, "ok") for k, t in c.items()})
    print(f"{runs} replays of a variant on a page; missed by the tracking: {sorted(missed)}", file=sys.stderr)
    keys = {k for m in moved for k in m}
    sites = {k: site_of(pages[k]) for k in sorted(keys)}
    result = {
        "fields": {n: getattr(today, n) for n in fields},
        "skipped": sorted(upstream),
        "base": base,
        "variants": [{"field": n, "value": v, "moved": m} for (n, v), m in zip(variants, moved)],
        "sites": sites,
    }
    with gzip.open(out, "wt", encoding="utf-8") as f:
        json.dump(result, f)


# -- report ------------------------------------------------------------------------------


class Figures:
    """Set and type figures of a variant, on all, even or odd ids, from per-page records."""

    def __init__(self, sets: dict[str, list[Page]], base: dict[str, dict[str, Any]]) -> None:
        self.base = base
        self.groups = [(name, label, pages) for name, label, pages in groups(sets)]
        self.parts = {
            (label, h): [p for p in pages if h == "all" or half(p) == h]
            for _, label, pages in self.groups
            for h in ("all", "even", "odd")
        }
        self.sets = list(sets)

    def of(self, moved: dict[str, dict[str, Any]], part: str = "all") -> dict[str, float]:
        """Each set's and type's figure, and "mean" over sets."""
        out: dict[str, float] = {}
        for _, label, _ in self.groups:
            pages = self.parts[(label, part)]
            records = [moved.get(p.key, self.base[p.key]) for p in pages]
            out[label] = float(group_figures(records)["f1"]) if records else float("nan")
        out["mean"] = sum(out[s] for s in self.sets) / len(self.sets)
        return out


def _fmt(v: Any) -> str:
    return str(v).lower() if isinstance(v, bool) else f"{v:g}"


def _contiguous(values: list[Any], today: Any, ok: set[Any]) -> list[Any]:
    """The run of ``values`` (sorted, today's among them) around today's whose members are ok."""
    i = values.index(today)
    lo = hi = i
    while lo > 0 and values[lo - 1] in ok:
        lo -= 1
    while hi < len(values) - 1 and values[hi + 1] in ok:
        hi += 1
    return values[lo : hi + 1]


def field_rows(
    data: dict[str, Any], figures: Figures, eps: float, set_eps: float
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Per field, its measurements (see the module docstring)."""
    by_field: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for v in data["variants"]:
        by_field[v["field"]].append(v)
    today_all, today_even, today_odd = (figures.of({}, h) for h in ("all", "even", "odd"))
    for name, today in data["fields"].items():
        variants = by_field.get(name, [])
        if not variants:
            continue
        values = sorted([today, *(v["value"] for v in variants)])
        figs = {v["value"]: figures.of(v["moved"]) for v in variants}
        halves = {
            v["value"]: (figures.of(v["moved"], "even"), figures.of(v["moved"], "odd")) for v in variants
        }
        figs[today], halves[today] = today_all, (today_even, today_odd)
        moved = {v["value"]: v["moved"] for v in variants} | {today: {}}
        identical = {x for x in values if not any(_differs(figures.base, k, r) for k, r in moved[x].items())}
        worst = {x: min(figs[x][s] - today_all[s] for s in figures.sets) for x in values}
        flat = {x for x in values if abs(figs[x]["mean"] - today_all["mean"]) <= eps and worst[x] >= -set_eps}
        same = _contiguous(values, today, identical)
        flat_run = _contiguous(values, today, flat)
        i = values.index(today)
        neighbours = [values[j] for j in (i - 1, i + 1) if 0 <= j < len(values)]
        edge = [x for x in neighbours if figs[x]["mean"] - today_all["mean"] < -eps or worst[x] < -set_eps]
        folds = []
        for choose, score in ((0, 1), (1, 0)):
            best = max(values, key=lambda x: (round(halves[x][choose]["mean"], 7), -abs(values.index(x) - i)))
            folds.append((best, halves[best][score]["mean"] - halves[today][score]["mean"]))
        off = OFF.get(name, not today if isinstance(today, bool) else None)
        ref = [off] if off is not None and off in moved else [x for x in values if x != today]
        pages_moved = {k for x in ref for k in moved[x]}
        sites = data["sites"]
        gain = today_all["mean"] - figs[ref[0]]["mean"] if len(ref) == 1 else float("nan")
        by_site: dict[str, float] = defaultdict(float)
        if len(ref) == 1:
            site_pages: dict[str, dict[str, Any]] = defaultdict(dict)
            for k, r in moved[ref[0]].items():
                site_pages[sites[k]][k] = r
            for site, recs in site_pages.items():
                by_site[site] = today_all["mean"] - figures.of(recs)["mean"]
        top = [t for t in sorted(by_site.values(), reverse=True)[:2] if t > 0]
        rest = gain - sum(top) if by_site else float("nan")
        yield (
            name,
            {
                "today": today,
                "values": values,
                "figs": figs,
                "halves": halves,
                "same": same,
                "flat": flat_run,
                "edge": edge,
                "folds": folds,
                "ref": ref,
                "pages": len(pages_moved),
                "sites": len({sites[k] for k in pages_moved}),
                "gain": gain,
                "top2": sum(top),
                "rest": rest,
                "by_site": dict(by_site),
            },
        )


def _differs(base: dict[str, dict[str, Any]], key: str, record: dict[str, Any]) -> bool:
    b = base[key]
    return b.get("f1") != record.get("f1") or b.get("counts") != record.get("counts")


def report(folder: Path, sweep: Path, eps: float, set_eps: float) -> str:
    """The Markdown tables of a sweep."""
    with gzip.open(sweep, "rt", encoding="utf-8") as f:
        data = json.load(f)
    sets = {n: ps for n, ps in dumped_sets(folder).items() if ps[0].key in data["base"]}
    figures = Figures(sets, data["base"])
    lines = [
        f"Fields read before the decision (not replayed): {', '.join(data['skipped'])}.",
        "",
        "| field | today | identical range | flat range | edge loss | 2-fold: best on even -> odd; "
        "on odd -> even | pages / sites moved (vs) | gain of today's over it, top 2 sites, rest | flags |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    details: list[str] = []
    for name, r in field_rows(data, figures, eps, set_eps):
        today = r["today"]
        flags = []
        if r["edge"]:
            flags.append("peak" if r["flat"] == [today] and not isinstance(today, bool) else "edge")
        if r["gain"] == r["gain"] and r["gain"] > eps and r["top2"] >= 0.75 * r["gain"]:
            flags.append("sites")
        if any(v != today and d > eps for v, d in r["folds"]):
            flags.append("2-fold")
        edge = ", ".join(
            f"{_fmt(x)}: {r['figs'][x]['mean'] - r['figs'][today]['mean']:+.5f}" for x in r["edge"]
        )
        folds = "; ".join(f"{_fmt(v)} {d:+.5f}" for v, d in r["folds"])
        vs = _fmt(r["ref"][0]) if len(r["ref"]) == 1 else "any"
        gain = f"{r['gain']:+.5f}, {r['top2']:+.5f}, {r['rest']:+.5f}" if r["gain"] == r["gain"] else "–"
        span = "{}-{}"
        lines.append(
            f"| {name} | {_fmt(today)} | {span.format(*map(_fmt, (r['same'][0], r['same'][-1])))} "
            f"| {span.format(*map(_fmt, (r['flat'][0], r['flat'][-1])))} | {edge or '–'} | {folds} "
            f"| {r['pages']} / {r['sites']} ({vs}) | {gain} | {' '.join(flags) or 'holds'} |"
        )
        details.append(_detail(name, r, figures))
    return "\n".join([*lines, "", *details]) + "\n"


def _detail(name: str, r: dict[str, Any], figures: Figures) -> str:
    """Per value: the mean and each set (all ids), even and odd means, as changes from today's."""
    today = r["figs"][r["today"]]
    labels = [label for _, label, _ in figures.groups]
    out = [
        f"#### {name} (today {_fmt(r['today'])})",
        "",
        "| value | mean | even | odd | sets and types moved |",
        "|---|---|---|---|---|",
    ]
    for x in r["values"]:
        f, (e, o) = r["figs"][x], r["halves"][x]
        te, to = r["halves"][r["today"]]
        moved = ", ".join(f"{g} {f[g] - today[g]:+.4f}" for g in labels if abs(f[g] - today[g]) >= 5e-5)
        out.append(
            f"| {_fmt(x)} | {f['mean'] - today['mean']:+.5f} | {e['mean'] - te['mean']:+.5f} "
            f"| {o['mean'] - to['mean']:+.5f} | {moved or '–'} |"
        )
    if r["by_site"]:
        sites = sorted(r["by_site"].items(), key=lambda kv: -abs(kv[1]))
        listed = ", ".join(f"{site} {d:+.5f}" for site, d in sites[:8])
        out.append(f"\nMean over sets, today's value against {_fmt(r['ref'][0])}, by site: {listed}.")
    return "\n".join([*out, ""])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    running = commands.add_parser("run", help="sweep the decision's fields on a dump")
    running.add_argument("dump", type=Path)
    running.add_argument("out", type=Path, help="the sweep's records (gzipped JSON), outside the project")
    running.add_argument("--jobs", type=int, default=2)
    running.add_argument("--only", default="", help="comma-separated fields (default: every one)")
    running.add_argument("--sets", default="", help="comma-separated sets (default: every one)")
    running.add_argument("--wide", action="store_true", help="two steps each side (halves and doubles)")
    running.add_argument("--check", type=int, default=0, help="replay every variant on every n-th page too")
    reporting = commands.add_parser("report", help="the tables of a sweep, as Markdown")
    reporting.add_argument("dump", type=Path)
    reporting.add_argument("sweep", type=Path)
    reporting.add_argument("--eps", type=float, default=5e-5, help="mean over sets: flat within this")
    reporting.add_argument("--set-eps", type=float, default=2e-4, help="and no set falling more than this")
    args = parser.parse_args(argv)
    if args.command == "run":
        fields, sets = ([f for f in a.split(",") if f] for a in (args.only, args.sets))
        run(args.dump, args.out, args.jobs, only=fields, only_sets=sets, check=args.check, wide=args.wide)
    else:
        print(report(args.dump, args.sweep, args.eps, args.set_eps), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
