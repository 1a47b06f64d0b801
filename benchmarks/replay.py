"""Replay the decision on a block dump: a rule or an Options value measured on every page, fast.

    python benchmarks/replay.py dump /work/shared/datasets /tmp/me/dump --jobs 2
    python benchmarks/replay.py run /tmp/me/dump --set closing_box_max_words=0
    python benchmarks/replay.py run /tmp/me/dump --base /tmp/me/bench.json

``dump`` runs the stages of :func:`boilerstrip.extract` up to the decision (``measure``,
``score``, ``smooth``) once on every page and writes, per set, each page's blocks, smoothed
probabilities, scorer table, declared type and metadata (pickle streams, ``<set>.<n>.pkl.gz``)
with ``meta.json``: the data folder, the commit, and every Options field those stages read.
``run`` replays the rest (``_combine.decide``, ``relabel``, the thread description, the
text layout) with the current code and scores it with the bench's own code
(``_bench._report``), so with the dumped code it gives the bench's figures; it costs about a
third of a bench's CPU (45 s for all 2,731 pages).

It prints, against a base (default Options, ``--base-set``, or a ``--base`` JSON written by
``boilerstrip bench --out`` or ``run --out``): each set and wcxb type, the even and odd ids
of each, the mean over sets and over the news sets, the pages up and down, and the pages
that changed most. ``--set`` (and ``--disable`` of hard rules) apply to the variant only;
a field read before the decision cannot be replayed and is refused (dump again). A rule
written in a scratch script is replayed by passing its own ``decide`` to :func:`replay`.

A phrase row is replayed too: ``--phrase promo='Like this story\\?'`` (searched in a
block's first ``phrase_scan_chars`` characters) or ``--whole-phrase share='Share on'``
(all of a short block's text, ``STRIPPED`` aside), case-insensitive, as a row after the
table's own: a block that already has a phrase keeps it. The score and smooth stages run
again on the changed pages. Two things a row in ``_phrase_table`` changes are not replayed:
a phrase box's kind (``phrase_container``, tallied from the phrase blocks) and the last
line of a block of several lines; so the figures can differ from a bench's where those apply.
The dump holds page text: write it outside the project.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any, NamedTuple, cast

import regex

from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._author_bios import without_bios
from boilerstrip._bench._cli import ablated, with_settings
from boilerstrip._bench._metrics import snippet_f1
from boilerstrip._bench._report import group_figures, page_record
from boilerstrip._bench._sets import Page, load_sets
from boilerstrip._combine import decide, relabel
from boilerstrip._described import with_description
from boilerstrip._extract import measure, prepare_input
from boilerstrip._model import NO_METADATA, Block, Label, Metadata
from boilerstrip._parse import is_tagless_scrap, looks_binary
from boilerstrip._phrases import STRIPPED
from boilerstrip._probability import score, smooth
from boilerstrip._score_table import ScoreTable
from boilerstrip._version import __version__

NEWS = (
    "cleaneval",
    "cleanportaleval",
    "dragnet",
    "google-trends-2017",
    "l3s-gn1",
    "readability",
    "scrapinghub",
)  # the news sets with a text truth: the "news-7" mean of HISTORY.md
SHARD = 200  # pages a dump file holds
Decide = Callable[..., list[Label]]  # _combine.decide's signature


class PhraseRow(NamedTuple):
    """A phrase row replayed after the table's own (see the module's doc)."""

    kind: Label
    pattern: regex.Pattern[str]
    whole: bool  # all of a short block's text, else searched in its first characters

    @classmethod
    def parse(cls, spec: str, *, whole: bool) -> PhraseRow:
        """``KIND=PATTERN`` (a chrome label's value and a regex) as a row."""
        kind, sep, pattern = spec.partition("=")
        if not sep or not pattern:
            raise ValueError(f"a phrase is KIND=PATTERN, not {spec!r}")
        label = Label(kind)
        if label is Label.CONTENT:
            raise ValueError("a phrase row names a chrome kind, not content")
        return cls(label, regex.compile(pattern, regex.IGNORECASE | regex.V0), whole)

    def finds(self, text: str, options: Options) -> bool:
        """Whether the row matches ``text`` as the phrase stage would try it."""
        if self.whole:
            return len(text) <= options.whole_phrase_max_chars and bool(
                self.pattern.fullmatch(text.strip(STRIPPED))
            )
        return self.pattern.search(text[: options.phrase_scan_chars]) is not None


def with_phrases(page: Dumped, rows: Sequence[PhraseRow], options: Options) -> Dumped:
    """``page`` with ``rows`` set on its blocks that have no phrase, and its score and smooth
    stages run again when a block changed."""
    if not rows:
        return page
    blocks = list(page.blocks)
    changed = False
    for i, b in enumerate(blocks):
        if b.features.phrase:
            continue
        row = next((r for r in rows if r.finds(b.text, options)), None)
        if row is not None:
            blocks[i] = replace(b, features=replace(b.features, phrase=row.kind.value))
            changed = True
    if not changed:
        return page
    scores = score(blocks, options)
    probabilities = smooth(blocks, scores.probabilities, options)
    return page._replace(blocks=tuple(blocks), probabilities=tuple(probabilities), table=scores.table)


class Dumped(NamedTuple):
    """What the stages before the decision made of one page."""

    key: str  # "set/id"
    blocks: tuple[Block, ...]
    probabilities: tuple[float, ...]  # smoothed, as decide() reads them
    table: ScoreTable
    declared: str  # the page type its markup declares (_page_type)
    metadata: Metadata
    error: str  # the exception extract() raised ("": none); the bench scores such a page as empty
    bios: tuple[str, ...] = ()  # the JSON-LD's descriptions of people (none in a dump made before them)


class _Reading:
    """Options that record which fields are read (the stages before the decision)."""

    def __init__(self, options: Options) -> None:
        object.__setattr__(self, "_options", options)
        object.__setattr__(self, "read", set())

    def __getattr__(self, name: str) -> Any:
        self.read.add(name)
        return getattr(self._options, name)


def dump_page(page: Page) -> tuple[Dumped, set[str]]:
    """One page through the stages before the decision, as extract() runs them with
    default Options and no time budget; and the Options fields they read."""
    reading = _Reading(Options())
    options = cast(Options, reading)
    try:
        text, _ = prepare_input(page.html(), None, options)
        if isinstance(text, str) and (
            looks_binary(text, options.binary_min_odd_chars)
            or is_tagless_scrap(text, options.tagless_max_chars)
        ):
            return Dumped(page.key, (), (), ScoreTable((), ()), "", NO_METADATA, ""), reading.read
        measured = measure(text, options)
        scores = score(measured.blocks, options)
        probabilities = smooth(measured.blocks, scores.probabilities, options)
    except Exception as error:
        return Dumped(page.key, (), (), ScoreTable((), ()), "", NO_METADATA, repr(error)), reading.read
    dumped = Dumped(
        page.key,
        measured.blocks,
        probabilities,
        scores.table,
        measured.declared,
        measured.metadata,
        "",
        measured.bios,
    )
    return dumped, reading.read


def dump(data: Path, out: Path, jobs: int) -> int:
    """Every page of ``data`` dumped to ``out``; the number of pages."""
    out.mkdir(parents=True, exist_ok=True)
    sets = load_sets([data])
    read: set[str] = set()
    with ProcessPoolExecutor(jobs) as pool:
        for name, pages in sets.items():
            for start in range(0, len(pages), SHARD):  # shards: replayed in parallel
                with gzip.open(out / f"{name}.{start // SHARD:03d}.pkl.gz", "wb", compresslevel=3) as f:
                    for dumped, fields in pool.map(dump_page, pages[start : start + SHARD], chunksize=4):
                        # A plain tuple: readable whether this module ran as a script or was imported.
                        pickle.dump(tuple(dumped), f, protocol=pickle.HIGHEST_PROTOCOL)
                        read |= fields
            print(f"{name}: {len(pages)} pages", file=sys.stderr)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parent,
    ).stdout.strip()
    meta = {"data": str(data.resolve()), "commit": commit, "version": __version__, "upstream": sorted(read)}
    (out / "meta.json").write_text(json.dumps(meta, indent=1), "utf-8")
    return sum(map(len, sets.values()))


def shards(folder: Path) -> list[Path]:
    """The dump's files, each holding up to SHARD pages of one set, in set and id order."""
    return sorted(folder.glob("*.pkl.gz"))


def load(shard: Path) -> Iterator[Dumped]:
    """The dumped pages of one shard, in id order."""
    with gzip.open(shard, "rb") as f:
        while True:
            try:
                yield Dumped(*pickle.load(f))
            except EOFError:
                return


def replayed(page: Dumped, options: Options, decide: Decide = decide) -> tuple[Block, ...]:
    """The page's labelled blocks, as extract() returns them."""
    address = page.metadata.canonical_url.value  # the bench gives extract() no url
    labels = decide(page.blocks, page.probabilities, options, declared=page.declared, address=address)
    labels = without_bios(page.blocks, labels, page.bios, options)
    blocks = relabel(list(page.blocks), labels, page.probabilities, page.table)
    return with_description(blocks, page.declared, page.metadata, options)


def _texts(job: tuple[Path, Options, Decide, tuple[PhraseRow, ...]]) -> dict[str, str]:
    shard, options, decide_, rows = job
    return {
        p.key: "" if p.error else layout(replayed(with_phrases(p, rows, options), options, decide_))
        for p in load(shard)
    }


def replay(
    folder: Path,
    options: Options,
    decide: Decide = decide,
    jobs: int = 1,
    phrases: Sequence[PhraseRow] = (),
) -> dict[str, dict[str, Any]]:
    """Per page ("set/id"), the record ``boilerstrip bench --out`` writes of it (word
    precision, recall and F1, or snippet counts), for the dumped pages replayed with
    ``options`` and ``decide``, and ``phrases`` added to the phrase table."""
    pages = {p.key: p for ps in dumped_sets(folder).values() for p in ps}
    records: dict[str, dict[str, Any]] = {}
    with ProcessPoolExecutor(jobs) as pool:
        # The largest shards first, so that no worker is left with one at the end.
        rows = tuple(phrases)
        jobs_ = sorted(
            ((s, options, decide, rows) for s in shards(folder)), key=lambda j: -j[0].stat().st_size
        )
        for texts in pool.map(_texts, jobs_):
            records.update({k: page_record(pages[k], t, 0.0, "ok") for k, t in texts.items()})
    return records


def dumped_sets(folder: Path) -> dict[str, list[Page]]:
    """The sets of the data the dump in ``folder`` was made from."""
    return load_sets([Path(json.loads((folder / "meta.json").read_text("utf-8"))["data"])])


def groups(sets: dict[str, list[Page]]) -> Iterator[tuple[str, str, list[Page]]]:
    """(set, "set" or "set type", pages) of each set, and of each page type of a typed set."""
    for name, pages in sets.items():
        yield name, name, pages
        for t in sorted({p.page_type for p in pages if p.page_type}):
            yield name, f"{name} {t}", [p for p in pages if p.page_type == t]


def chosen_groups(folder: Path, spec: str) -> tuple[list[str], dict[str, set[str]], list[str]]:
    """The groups a comma-separated ``spec`` names ("wcxb product,dragnet"), in its order:
    (names, the page keys of each, the names that match no set or type of the dump)."""
    wanted = [g.strip() for g in spec.split(",") if g.strip()]
    sets = dumped_sets(folder)
    members = {label: {p.key for p in pages} for _, label, pages in groups(sets) if label in wanted}
    return wanted, members, [g for g in wanted if g not in members]


def half(page: Page) -> str:
    """ "even" or "odd": the parity of the page's numeric id; an id without digits (most of
    trafilatura-eval's are site names: "peta", "macwelt") by the parity of its MD5's last
    byte, so that such a set splits in two too, the same way in every run."""
    return id_half(page.id)


def id_half(page_id: str) -> str:
    digits = "".join(c for c in page_id if c.isdigit())
    number = int(digits) if digits else hashlib.md5(page_id.encode()).digest()[-1]
    return "even" if number % 2 == 0 else "odd"


def f1(records: dict[str, dict[str, Any]], pages: Sequence[Page]) -> float:
    """The bench's figure of ``pages``: mean page F1, or pooled snippet F1."""
    return float(group_figures([records[p.key] for p in pages])["f1"]) if pages else float("nan")


def page_f1(record: dict[str, Any]) -> float:
    """One page's figure: its word F1, or on a snippet set the snippet F1 of its own counts
    (so that a page whose snippets moved counts as up or down)."""
    return float(record["f1"]) if "f1" in record else snippet_f1([record["counts"]])["f1"]


def compare(
    sets: dict[str, list[Page]], base: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]], changed: int
) -> str:
    """A Markdown table of ``new`` against ``base`` (per-page records of the same pages):
    each set and page type, its even and odd ids, its pages up and down; the means over
    sets and over the news sets; the ``changed`` pages that moved most."""
    lines = [
        "| set / type (pages) | base | new | change | even ids | odd ids | pages up / down |",
        "|---|---|---|---|---|---|---|",
    ]
    largest = 0.0
    means: dict[str, dict[str, float]] = {"base": {}, "new": {}}
    for name, label, pages in groups(sets):
        b, n = f1(base, pages), f1(new, pages)
        if label == name:
            means["base"][name], means["new"][name] = b, n
        largest = max(largest, abs(n - b))
        halves = []
        for h in ("even", "odd"):
            part = [p for p in pages if half(p) == h]
            halves.append(f"{f1(new, part) - f1(base, part):+.5f}" if part else "–")
        deltas = [page_f1(new[p.key]) - page_f1(base[p.key]) for p in pages]
        up, down = sum(d > 1e-12 for d in deltas), sum(d < -1e-12 for d in deltas)
        cells = f"{b:.5f} | {n:.5f} | {n - b:+.5f} | {' | '.join(halves)} | {up} / {down}"
        lines.append(f"| {label} ({len(pages)}) | {cells} |")
    for title, names in (("mean over sets", list(sets)), ("news-7 mean", [n for n in NEWS if n in sets])):
        if names:
            mb, mn = (sum(means[r][n] for n in names) / len(names) for r in ("base", "new"))
            lines.append(f"| {title} ({len(names)}) | {mb:.5f} | {mn:.5f} | {mn - mb:+.5f} | | | |")
    lines.append(f"\nLargest change of a set or type: {largest:.6f}.")
    moved = sorted(
        (page_f1(new[p.key]) - page_f1(base[p.key]), p.key, p.page_type or "")
        for ps in sets.values()
        for p in ps
        if abs(page_f1(new[p.key]) - page_f1(base[p.key])) > 1e-12
    )
    if moved and changed:
        lines.append(f"\nPages changed: {len(moved)}; the {min(changed, len(moved))} that moved most:\n")
        for d, key, page_type in sorted(moved, key=lambda m: -abs(m[0]))[:changed]:
            was, now = page_f1(base[key]), page_f1(new[key])
            lines.append(f"- {key} {page_type}: {was:.4f} -> {now:.4f} ({d:+.4f})")
    return "\n".join(lines) + "\n"


def _options(settings: Sequence[str], disable: str, upstream: set[str]) -> Options:
    options = ablated(Options(), [p for p in disable.split(",") if p])
    if options.disabled_scorers:
        raise ValueError("scorers act before the decision: dump again with the change")
    options = with_settings(options, settings)
    early = sorted(name for name in upstream if getattr(options, name) != getattr(Options(), name))
    if early:
        raise ValueError(f"read before the decision, not replayed: {', '.join(early)} (dump again)")
    return options


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    dumping = commands.add_parser("dump", help="run the stages before the decision on every page, once")
    dumping.add_argument("data", type=Path)
    dumping.add_argument("out", type=Path, help="a folder outside the project")
    dumping.add_argument("--jobs", type=int, default=2)
    running = commands.add_parser("run", help="replay the decision and compare with a base")
    running.add_argument("dump", type=Path)
    running.add_argument("--set", action="append", default=[], metavar="NAME=VALUE", help="variant Options")
    running.add_argument("--disable", default="", help="hard rules switched off in the variant")
    running.add_argument(
        "--phrase", action="append", default=[], metavar="KIND=PATTERN", help="a row searched"
    )
    running.add_argument(
        "--whole-phrase", action="append", default=[], metavar="KIND=PATTERN", help="a whole-block row"
    )
    running.add_argument("--base-set", action="append", default=[], metavar="NAME=VALUE", help="base Options")
    running.add_argument("--base", type=Path, help="a bench JSON (boilerstrip bench --out, or run --out)")
    running.add_argument("--out", type=Path, help="write the variant's per-page records as a bench JSON")
    running.add_argument("--changed", type=int, default=20, help="list this many changed pages")
    running.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    if args.command == "dump":
        print(f"{dump(args.data, args.out, args.jobs)} pages dumped to {args.out}", file=sys.stderr)
        return 0
    upstream = set(json.loads((args.dump / "meta.json").read_text("utf-8"))["upstream"])
    try:
        options, base_options = (
            _options(s, d, upstream) for s, d in ((args.set, args.disable), (args.base_set, ""))
        )
        phrases = [PhraseRow.parse(p, whole=False) for p in args.phrase]
        phrases += [PhraseRow.parse(p, whole=True) for p in args.whole_phrase]
    except (ValueError, regex.error) as error:
        print(f"replay: {error}", file=sys.stderr)
        return 2
    new = replay(args.dump, options, jobs=args.jobs, phrases=phrases)
    if args.base:
        base = json.loads(args.base.read_text("utf-8"))["extractors"]["boilerstrip"]["pages"]
    else:
        same = base_options == options and not phrases  # the phrases are the variant's only
        base = new if same else replay(args.dump, base_options, jobs=args.jobs)
    if args.out:
        args.out.write_text(json.dumps({"extractors": {"boilerstrip": {"pages": new}}}), "utf-8")
    print(compare(dumped_sets(args.dump), base, new, args.changed), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
