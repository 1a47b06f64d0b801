"""Figures of a benchmark run: per page, per set, per page type, speed; JSON and Markdown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._metrics import percentile, snippet_counts, snippet_f1, summary, text_score, words
from ._runner import Run
from ._sets import Page


def page_record(page: Page, text: str, seconds: float, status: str) -> dict[str, Any]:
    record: dict[str, Any] = {"status": status, "ms": round(seconds * 1000.0, 3)}
    if page.truth is not None:
        score = text_score(text, words(page.truth))
        record.update(p=score.precision, r=score.recall, f1=score.f1)
    elif page.snippets is not None:
        record["counts"] = snippet_counts(text, *page.snippets)
    return record


def group_figures(records: Sequence[dict[str, Any]]) -> dict[str, Any]:
    if records and "counts" in records[0]:
        return {"kind": "snippets", "pages": len(records), **snippet_f1([r["counts"] for r in records])}
    f1 = summary([r["f1"] for r in records])
    return {
        "kind": "text",
        "pages": len(records),
        "f1": f1["mean"],
        "median_f1": f1["median"],
        "precision": summary([r["p"] for r in records])["mean"],
        "recall": summary([r["r"] for r in records])["mean"],
    }


def figures(runs: Sequence[Run], sets: dict[str, list[Page]], timing: bool) -> dict[str, Any]:
    """Per extractor: per-page records, per-set and per-type figures, mean over sets, speed."""
    out: dict[str, Any] = {}
    for run in runs:
        pages_out: dict[str, dict[str, Any]] = {}
        by_set: dict[str, Any] = {}
        by_type: dict[str, dict[str, Any]] = {}
        for name, pages in sets.items():
            records = []
            for page in pages:
                outcome = run.outcomes.get(page.key)
                if outcome is None:
                    continue
                record = page_record(page, outcome.text, outcome.seconds, outcome.status)
                pages_out[page.key] = record
                records.append((page, record))
            if not records:
                continue
            by_set[name] = group_figures([r for _, r in records])
            types = sorted({p.page_type for p, _ in records if p.page_type})
            if types:
                by_type[name] = {t: group_figures([r for p, r in records if p.page_type == t]) for t in types}
        seconds = [o.seconds for o in run.outcomes.values() if o.status == "ok"]
        statuses = [o.status for o in run.outcomes.values()]
        entry: dict[str, Any] = {
            "version": run.version,
            "available": run.available,
            "why_unavailable": run.why_unavailable,
            "sets": by_set,
            "types": by_type,
            "mean_over_sets": summary([s["f1"] for s in by_set.values()])["mean"] if by_set else None,
            "errors": statuses.count("error"),
            "timeouts": statuses.count("timeout"),
            "crashes": statuses.count("crash"),
            "pages": pages_out,
        }
        if timing and seconds:
            entry["speed"] = {
                "median_ms": percentile(seconds, 0.5) * 1000.0,
                "p95_ms": percentile(seconds, 0.95) * 1000.0,
                "mean_ms": summary(seconds)["mean"] * 1000.0,
                "pages_per_s": len(seconds) / sum(seconds) if sum(seconds) else 0.0,
                "peak_rss_mb": run.peak_rss_mb,
                "load_s": run.load_seconds,
            }
        out[run.name] = entry
    return out


def _cell(value: float | None, best: bool) -> str:
    if value is None:
        return "–"
    return f"**{value:.3f}**" if best else f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "|" + "---|" * len(header),
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _accuracy_rows(results: dict[str, Any], names: Sequence[str], key: str) -> list[list[str]]:
    sets = sorted({s for n in names for s in results[n]["sets"]})
    rows = []
    for set_name in sets:
        values = [results[n]["sets"].get(set_name, {}).get(key) for n in names]
        best = max((v for v in values if v is not None), default=None)
        first = next(results[n]["sets"][set_name] for n in names if set_name in results[n]["sets"])
        label = f"{set_name} ({first['pages']}){' †' if first['kind'] == 'snippets' else ''}"
        rows.append([label, *(_cell(v, v is not None and v == best) for v in values)])
    return rows


def markdown(results: dict[str, Any], command: str, where: str = "") -> str:
    names = [n for n, r in results.items() if r["available"]]
    versions = ", ".join(f"{n} {results[n]['version']}" for n in names)
    lines = [f"Command: `{command}`", "", f"Versions: {versions}.{' ' + where if where else ''}", ""]
    lines += ["Word F1, mean over the pages of each set († snippet sets: pooled snippet F1):", ""]
    rows = _accuracy_rows(results, names, "f1")
    means = [results[n]["mean_over_sets"] for n in names]
    best = max((m for m in means if m is not None), default=None)
    rows.append(["**mean over sets**", *(_cell(m, m is not None and m == best) for m in means)])
    lines += _table(["set (pages)", *names], rows)
    lines += ["", "Median per-page F1:", ""]
    lines += _table(
        ["set", *names], [r for r in _accuracy_rows(results, names, "median_f1") if "†" not in r[0]]
    )
    for set_name in sorted({s for n in names for s in results[n]["types"]}):
        types = sorted({t for n in names for t in results[n]["types"].get(set_name, {})})
        type_rows = []
        for page_type in types:
            values = [results[n]["types"].get(set_name, {}).get(page_type, {}).get("f1") for n in names]
            top = max((v for v in values if v is not None), default=None)
            pages = next(
                results[n]["types"][set_name][page_type]["pages"]
                for n in names
                if page_type in results[n]["types"].get(set_name, {})
            )
            type_rows.append(
                [f"{page_type} ({pages})", *(_cell(v, v is not None and v == top) for v in values)]
            )
        lines += ["", f"By page type, {set_name}:", ""]
        lines += _table(["page type (pages)", *names], type_rows)
    timed = [n for n in names if "speed" in results[n]]
    if timed:
        base = results["boilerstrip"]["speed"]["median_ms"] if "boilerstrip" in timed else None
        lines += ["", "Speed (one worker on one pinned core; extraction call only):", ""]
        speed_rows = []
        for n in timed:
            s = results[n]["speed"]
            ratio = f"{base / s['median_ms']:.2f}" if base and s["median_ms"] else "–"
            speed_rows.append(
                [
                    n,
                    f"{s['median_ms']:.2f}",
                    f"{s['p95_ms']:.2f}",
                    f"{s['pages_per_s']:.1f}",
                    f"{s['peak_rss_mb']:.0f}",
                    ratio,
                    str(results[n]["errors"] + results[n]["timeouts"] + results[n]["crashes"]),
                ]
            )
        header = [
            "extractor",
            "median ms",
            "p95 ms",
            "pages/s",
            "peak RSS MB",
            "boilerstrip's median ÷ this",
            "failures",
        ]
        lines += _table(header, speed_rows)
    missing = [f"{n} ({r['why_unavailable']})" for n, r in results.items() if not r["available"]]
    if missing:
        lines += ["", "Not run: " + "; ".join(missing)]
    return "\n".join(lines) + "\n"
