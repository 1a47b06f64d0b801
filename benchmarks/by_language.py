"""Word F1 by the page's language: boilerstrip against every peer on exactly the same pages.

Reads boilerstrip's per-page figures from a bench JSON (``boilerstrip bench ... --out F``)
or a ``../shared/tools/score.py --out F`` JSON, the peers' from ``peers-dev.json``, and
each page's language from the page itself: boilerstrip's detected language
(``extract(html).language``) or, with ``--declared``, the ``<html lang>`` (its primary
subtag; "-" when absent). Prints, per language with at least ``--min-pages`` pages (the
rest pooled as "other"), the page count and each extractor's mean word F1, on all
text-truth sets together and on wcxb alone, and the pooled snippet F1 of the snippet sets
(trafilatura-eval) by language. It first checks that the per-page records give the bench
JSON's per-set figures, and stops if not:

    PYTHONPATH=src python benchmarks/by_language.py /tmp/bench.json ../shared/datasets \\
        --peers ../shared/tools/reference/peers-dev.json --languages-out /tmp/languages.json
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from boilerstrip import extract
from boilerstrip._bench._metrics import snippet_f1
from boilerstrip._bench._sets import load_sets

Records = Mapping[str, Mapping[str, Any]]  # page key ("set/id") -> its record
_DECLARED: Final = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_AGREE: Final = 1e-6  # a per-set figure recomputed from rounded per-page records may differ by this


def records_of(report: Mapping[str, Any], extractor: str) -> dict[str, Mapping[str, Any]]:
    """An extractor's per-page records, from a bench JSON or a score.py/peers JSON."""
    if "extractors" in report:
        return dict(report["extractors"][extractor]["pages"])
    return dict(report["per_page"][extractor])


def declared_language(html: str) -> str:
    """The primary subtag of the page's ``<html lang>``, lowercased; "-" when absent."""
    found = _DECLARED.search(html)
    return found.group(1).lower() if found else "-"


def set_figure(records: Iterable[Mapping[str, Any]]) -> float:
    """A set's figure: the mean of per-page F1, or the pooled snippet F1 when the records
    hold snippet counts (failed pages as the bench scores them: F1 0, counts as recorded)."""
    listed = list(records)
    if listed and "counts" in listed[0]:
        return snippet_f1([tuple(r["counts"]) for r in listed])["f1"]
    return statistics.fmean(float(r.get("f1", 0.0)) for r in listed) if listed else math.nan


def check_sets(ours: Records, report: Mapping[str, Any]) -> list[str]:
    """The sets whose figure in a bench JSON differs from the one its per-page records give."""
    if "extractors" not in report:
        return []
    wrong = []
    for name, figures in report["extractors"]["boilerstrip"]["sets"].items():
        mine = set_figure(r for k, r in ours.items() if k.split("/", 1)[0] == name)
        if abs(mine - float(figures["f1"])) > _AGREE:
            wrong.append(f"{name}: {mine:.6f} from the pages, {float(figures['f1']):.6f} in the JSON")
    return wrong


def grouped(languages: Mapping[str, str], keys: Iterable[str], min_pages: int) -> dict[str, list[str]]:
    """The keys by language, languages with fewer than ``min_pages`` pooled as "other";
    largest first, "other" last."""
    by: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by[languages.get(key, "-")].append(key)
    out: dict[str, list[str]] = {}
    other: list[str] = []
    for lang, members in sorted(by.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(members) >= min_pages:
            out[lang] = sorted(members)
        else:
            other.extend(members)
    if other:
        out["other"] = sorted(other)
    return out


def table(groups: Mapping[str, Sequence[str]], runs: Mapping[str, Records], title: str) -> str:
    """A Markdown table: language, pages, each extractor's figure (the best in bold)."""
    names = list(runs)
    lines = [f"| {title} | pages | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for lang, keys in groups.items():
        values = [set_figure(runs[n][k] for k in keys) for n in names]
        best = max(values)
        cells = [f"**{v:.3f}**" if v == best else f"{v:.3f}" for v in values]
        lines.append(f"| {lang} | {len(keys)} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def page_languages(data: Path, declared: bool) -> dict[str, str]:
    """Each page's language by key: detected by boilerstrip, or declared by the page."""
    out: dict[str, str] = {}
    for pages in load_sets(data).values():
        for page in pages:
            html = page.html()
            out[page.key] = declared_language(html) if declared else (extract(html).language or "-")
    return out


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("report", type=Path, help="boilerstrip's bench JSON (or score.py's --out JSON)")
    parser.add_argument("data", type=Path, help="the development data (one folder per set)")
    parser.add_argument("--peers", type=Path, default=Path("../shared/tools/reference/peers-dev.json"))
    parser.add_argument("--declared", action="store_true", help="the <html lang>, not the detected language")
    parser.add_argument("--min-pages", type=int, default=10, help="fewer pool as 'other' (default 10)")
    parser.add_argument("--languages", type=Path, help="read the pages' languages from this JSON")
    parser.add_argument("--languages-out", type=Path, help="write the pages' languages to this JSON")
    args = parser.parse_args(argv)
    report = json.loads(args.report.read_text())
    peers = json.loads(args.peers.read_text())
    ours = records_of(report, "boilerstrip")
    wrong = check_sets(ours, report)
    if wrong:
        sys.exit("per-page records disagree with the per-set figures:\n" + "\n".join(wrong))
    runs: dict[str, Records] = {"boilerstrip": ours}
    runs.update({name: records_of(peers, name) for name in peers["meta"]["extractors"]})
    if args.languages:
        languages: dict[str, str] = json.loads(args.languages.read_text())
    else:
        languages = page_languages(args.data, args.declared)
    if args.languages_out:
        args.languages_out.write_text(json.dumps(languages, indent=0, sort_keys=True))
    shared = set.intersection(*(set(r) for r in runs.values())) & set(languages)
    text = sorted(k for k in shared if "counts" not in ours[k])
    snippets = sorted(k for k in shared if "counts" in ours[k])
    print(f"{len(shared)} pages scored by every extractor; {len(text)} with a text truth\n")
    print(table(grouped(languages, text, args.min_pages), runs, "all text sets: language") + "\n")
    wcxb = [k for k in text if k.startswith("wcxb/")]
    print(table(grouped(languages, wcxb, args.min_pages), runs, "wcxb: language") + "\n")
    if snippets:
        print(table(grouped(languages, snippets, args.min_pages), runs, "snippet sets (pooled F1): language"))


if __name__ == "__main__":
    main()
