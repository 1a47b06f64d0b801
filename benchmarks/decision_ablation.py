"""What each decision step contributes: F1 per set with one step switched off, on a block dump.

    python benchmarks/replay.py dump ../shared/datasets /tmp/me/dump --jobs 2
    python benchmarks/decision_ablation.py /tmp/me/dump --jobs 2 > /tmp/me/decision.md

benchmarks/ablation.py switches off scorers, which act before the decision (a bench, or a
rescoring of the dump, per row). The steps of ``_combine.decide`` after the model (the hard
rules, the thread's posts, card groups, the article's tail, detached boxes...) act on the
dumped blocks and probabilities: each row here is a replay with the step's Options switch
off (the value its function reads as "off"), scored with the bench's own code; each shard
of the dump is read once for every row. Rows are sorted by what the mean over sets loses; a
positive change means the page sets score better without the step. Every step function
``decide`` calls has a row (STEP_FUNCTIONS; tests/test_decision_ablation.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import Page
from boilerstrip._hard_rules import HARD_RULES
from replay import NEWS, dumped_sets, f1, groups, load, replayed, shards

# (row label, the Options values that switch the step off, the hard rules switched off)
STEPS: tuple[tuple[str, dict[str, Any], tuple[str, ...]], ...] = (
    ("expected-F1 decision on declared multi-section pages", {"sectioned_decision": ""}, ()),
    ("a page that keeps nothing keeps its likeliest blocks", {"never_empty": False}, ()),
    ("section headings kept with their section", {"heading_reach": 0}, ()),
    ("link teasers inside an article's prose", {"inline_teaser_max_words": 0}, ()),
    ("thread posts of plain prose", {"thread_post_min_words": 0}, ()),
    ("second renderings of a block", {"copy_shared_ancestor_levels": 0}, ()),
    ("article tail", {"tail_max_blocks": 0}, ()),
    ("product cards", {"product_card_min_cards": 0}, ()),
    ("title box", {"title_box_share": 0.0}, ()),
    ("card slots", {"card_slot_keep_share": 0.0}, ()),
    ("prose under kept section headings", {"section_prose_min_words": 0}, ()),
    ("card groups", {"card_group_min_cards": 0}, ()),
    ("card groups kept by their cards (a feed kept by its titles)", {"card_group_card_share": 0.0}, ()),
    ("cards linking below the page", {"child_card_link_share": 0.0}, ()),
    ("controls", {"control_max_chars": 0}, ()),
    ("page frame (header, footer, navigation)", {"page_frame_drop": False}, ()),
    ("copied boxes", {"copy_box_min_blocks": 0}, ()),
    ("stray text (tooltips, id strings)", {"tooltips_dropped": False, "id_string_min_ids": 0}, ()),
    ("closing box", {"closing_box_max_words": 0}, ()),
    ("detached boxes after an article", {"detached_max_words": 0}, ()),
    ("detached boxes after a product", {"detached_products": False}, ()),
    ("teaser-card rails after an article", {"teaser_card_min_cards": 0}, ()),
    (
        'titled boxes after the body, blog profiles ("About Me", "Recent Posts")',
        {"titled_box_body_words": 0},
        (),
    ),
    ("links inside a body", {"body_link_max_words": 0}, ()),
    ("form labels", {"form_label_max_words": 0}, ()),
    ("a thread's chrome boxes", {"thread_chrome_box_min_words": 0}, ()),
    ("a thread's headings (its title, the posts' subject lines)", {"thread_heading_max_level": 0}, ()),
    ('a thread\'s short doubtful lines ("X said:", "Reply 16")', {"thread_short_line_max_words": 0}, ()),
    ("promo lines that close the kept text (closing appeals)", {"closing_appeals": False}, ()),
    ("an article's captions", {"article_captions": False}, ()),
    ("the other rows of a partly kept table", {"table_rows_min_rows": 0}, ()),
    (
        "blocks repeating their own words (logs, pasted copies, echoes)",
        {"dump_min_words": 0, "echo_min_unit_words": 0},
        (),
    ),
    ("an undeclared article's dateline under its headline", {"dateline_max_words": 0}, ()),
    ("comments and fine print after the body (trailing boxes)", {"trailing_box_max_ratio": 0.0}, ()),
    ("what an article keeps after its body's element", {"after_body_max_ratio": 0.0}, ()),
    ("... and an undeclared page", {"after_body_bare_max_ratio": 0.0}, ()),
    ("... and a multi-section page", {"after_body_sectioned_max_ratio": 0.0}, ()),
    ("... and a product", {"after_body_product_max_ratio": 0.0}, ()),
    ("an author's bio that the JSON-LD names (after the decision)", {"author_bio_min_words": 0}, ()),
    ("hard rule: phrase box", {}, ("phrase_box",)),
    ("hard rule: metadata line", {}, ("metadata_line",)),
    ("hard rule: box label", {}, ("box_label",)),
    ("hard rule: teaser line", {}, ("teaser_line",)),
)

# The function of _combine.decide (and of its _decide) behind each row, so that a test finds
# a step added to decide without a row here.
STEP_FUNCTIONS: dict[str, str] = {
    "_with_headings": "section headings kept with their section",
    "_without_inline_teasers": "link teasers inside an article's prose",
    "_with_posts": "thread posts of plain prose",
    "without_copies": "second renderings of a block",
    "without_tail": "article tail",
    "without_product_cards": "product cards",
    "within_title_box": "title box",
    "with_card_slots": "card slots",
    "with_section_prose": "prose under kept section headings",
    "with_card_groups": "card groups",
    "with_child_cards": "cards linking below the page",
    "with_table_rows": "the other rows of a partly kept table",
    "without_controls": "controls",
    "without_dumps": "blocks repeating their own words (logs, pasted copies, echoes)",
    "without_page_frame": "page frame (header, footer, navigation)",
    "without_copied_boxes": "copied boxes",
    "without_stray_text": "stray text (tooltips, id strings)",
    "without_closing_box": "closing box",
    "without_detached_boxes": "detached boxes after an article",
    "without_detached_product_boxes": "detached boxes after a product",
    "without_teaser_cards": "teaser-card rails after an article",
    "without_titled_boxes": 'titled boxes after the body, blog profiles ("About Me", "Recent Posts")',
    "without_body_links": "links inside a body",
    "without_form_labels": "form labels",
    "without_chrome_boxes": "a thread's chrome boxes",
    "without_thread_headings": "a thread's headings (its title, the posts' subject lines)",
    "without_short_lines": 'a thread\'s short doubtful lines ("X said:", "Reply 16")',
    "without_closing_appeals": "promo lines that close the kept text (closing appeals)",
    "without_captions": "an article's captions",
    "with_datelines": "an undeclared article's dateline under its headline",
    "without_trailing_boxes": "comments and fine print after the body (trailing boxes)",
    "without_after_body": "what an article keeps after its body's element",
}


def step_options(settings: dict[str, Any], rules: Sequence[str]) -> Options:
    """Default Options with one step switched off (validated as any Options). Only the hard
    rule named: a scorer of the same name acts before the decision and is in the dump."""
    unknown = set(rules) - set(HARD_RULES)
    if unknown:
        raise ValueError(f"not hard rules: {', '.join(sorted(unknown))}")
    return Options().replace(hard_rules=Options().hard_rules - set(rules), **settings)


def _records(job: tuple[Path, dict[str, Page], Sequence[Options]]) -> list[dict[str, dict[str, Any]]]:
    shard, pages, variants = job
    out: list[dict[str, dict[str, Any]]] = [{} for _ in variants]
    for p in load(shard):
        for records, options in zip(out, variants):
            text = "" if p.error else layout(replayed(p, options))
            records[p.key] = page_record(pages[p.key], text, 0.0, "ok")
    return out


def replay_all(dump: Path, variants: Sequence[Options], jobs: int) -> list[dict[str, dict[str, Any]]]:
    """replay.replay(dump, options) of each of ``variants``: each shard is read once for all
    of them (reading a shard took about as long as replaying it), and the pages are scored
    in the workers."""
    pages = {p.key: p for ps in dumped_sets(dump).values() for p in ps}
    runs: list[dict[str, dict[str, Any]]] = [{} for _ in variants]
    work = []
    for shard in sorted(shards(dump), key=lambda s: -s.stat().st_size):
        prefix = shard.name.split(".", 1)[0] + "/"
        work.append((shard, {k: p for k, p in pages.items() if k.startswith(prefix)}, tuple(variants)))
    with ProcessPoolExecutor(jobs) as pool:
        for part in pool.map(_records, work):
            for run, records in zip(runs, part):
                run.update(records)
            print(f"{len(runs[0])} of {len(pages)} pages replayed", file=sys.stderr)
    return runs


def figures(dump: Path, records: dict[str, dict[str, Any]]) -> dict[str, float]:
    """F1 of each set and of each wcxb page type ("wcxb product"), as the bench reports them."""
    return {label: f1(records, pages) for _, label, pages in groups(dumped_sets(dump))}


def table(runs: dict[str, dict[str, float]], sets: Sequence[str]) -> str:
    """The Markdown table of ``runs`` (label -> figures); the first run is the base."""
    base_label = next(iter(runs))
    news = [s for s in NEWS if s in sets]

    def mean(fig: dict[str, float], names: Sequence[str]) -> float:
        return sum(fig[n] for n in names) / len(names)

    base = runs[base_label]
    types = sorted(k for k in base if k.startswith("wcxb "))
    head = [*sets, "mean over sets", "change", "news mean change", *(t.split(" ", 1)[1] for t in types)]
    lines = ["| switched off | " + " | ".join(head) + " |", "|---" * (len(head) + 1) + "|"]
    order = sorted(runs, key=lambda k: (k != base_label, mean(runs[k], sets) - mean(base, sets)))
    for label in order:
        fig = runs[label]
        cells = [f"{fig[s]:.4f}" for s in sets]
        cells += [f"{mean(fig, sets):.4f}", f"{mean(fig, sets) - mean(base, sets):+.4f}"]
        cells.append(f"{mean(fig, news) - mean(base, news):+.4f}" if news else "–")
        cells += [f"{fig[t]:.4f}" for t in types]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dump", type=Path, help="a folder written by replay.py dump")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args(argv)
    rows = (("nothing (main)", {}, ()), *STEPS)
    variants = [step_options(settings, rules) for _, settings, rules in rows]
    records = replay_all(args.dump, variants, args.jobs)
    runs = {label: figures(args.dump, r) for (label, _, _), r in zip(rows, records)}
    print(table(runs, list(dumped_sets(args.dump))), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
