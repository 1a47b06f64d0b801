"""benchmarks/replay.py: a dump of the fixture pages, replayed, gives extract()'s labels and text."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from boilerstrip import Label, Options, extract
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import load_sets
from boilerstrip._probability import score, smooth

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from replay import (
    Dumped,
    PhraseRow,
    _options,
    dump,
    dump_page,
    id_half,
    load,
    main,
    replay,
    replayed,
    shards,
    with_phrases,
)

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {p.id: p for p in load_sets([FIXTURES])["fixtures"]}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_replayed_page_has_extract_labels_and_text(name: str) -> None:
    page = PAGES[name]
    dumped, read = dump_page(page)
    result = extract(page.html())
    blocks = replayed(dumped, Options())
    assert [(b.text, b.label, b.score) for b in blocks] == [(b.text, b.label, b.score) for b in result.blocks]
    assert "weights" in read  # the score stage read its weights through the recording Options


def test_dump_replayed_gives_the_bench_records(tmp_path: Path) -> None:
    assert dump(FIXTURES, tmp_path, jobs=1) == len(PAGES)
    assert [d.key for s in shards(tmp_path) for d in load(s)] == [f"fixtures/{n}" for n in sorted(PAGES)]
    records = replay(tmp_path, Options())
    expected = {p.key: page_record(p, extract(p.html()).text, 0.0, "ok") for p in PAGES.values()}
    assert records == expected
    # A variant of the decision replayed is extract() with that variant, and differs from the default.
    variant = Options(decision="threshold", threshold=0.8, heading_reach=0)
    records = replay(tmp_path, variant)
    assert records == {
        p.key: page_record(p, extract(p.html(), options=variant).text, 0.0, "ok") for p in PAGES.values()
    }
    assert records != expected


@pytest.mark.parametrize(
    ("settings", "disable", "refused"),
    [
        (["closing_box_max_words=0"], "", False),
        ([], "metadata_line", False),
        (["smoothing_window=5"], "", True),  # read by the smooth stage, before the decision
        ([], "link_density", True),  # a scorer
    ],
)
def test_options_read_before_the_decision_are_refused(
    settings: list[str], disable: str, refused: bool
) -> None:
    upstream = {"smoothing_window", "weights"}
    if refused:
        with pytest.raises(ValueError):
            _options(settings, disable, upstream)
    else:
        assert _options(settings, disable, upstream) != Options()


def _without_phrase(page_id: str, text: str) -> tuple[Dumped, Dumped, int]:
    """The fixture's dump, and the same dump with the phrase of its block ``text`` taken off
    and the score and smooth stages run again; the block's index."""
    dumped, _ = dump_page(PAGES[page_id])
    i = next(i for i, b in enumerate(dumped.blocks) if b.text == text)
    assert dumped.blocks[i].features.phrase == "promo"
    blocks = list(dumped.blocks)
    blocks[i] = replace(blocks[i], features=replace(blocks[i].features, phrase=""))
    scores = score(blocks, Options())
    stripped = dumped._replace(
        blocks=tuple(blocks),
        probabilities=tuple(smooth(blocks, scores.probabilities, Options())),
        table=scores.table,
    )
    assert stripped.probabilities != dumped.probabilities  # the phrase mattered to the scores
    return dumped, stripped, i


NEWSLETTER = "Sign up for our free weekly newsletter"


@pytest.mark.parametrize(
    ("spec", "whole"),
    [("promo=free weekly newsletter", False), ("promo=sign up for our .* newsletter", True)],
)
def test_a_replayed_phrase_row_gives_back_the_page_the_table_made(spec: str, whole: bool) -> None:
    dumped, stripped, i = _without_phrase("news_seed", NEWSLETTER)
    again = with_phrases(stripped, [PhraseRow.parse(spec, whole=whole)], Options())
    assert again.blocks[i].features.phrase == "promo"
    assert again.probabilities == dumped.probabilities
    # The scorers' outputs block by block (a column's coding may order its values differently).
    rows = range(len(dumped.blocks))
    assert [again.table.row(j) for j in rows] == [dumped.table.row(j) for j in rows]


@pytest.mark.parametrize(
    ("spec", "whole"),
    [
        ("promo=free weekly newsletter", True),  # not the whole text
        ("promo=newsletter$", False),  # searched: found at the block's end
        ("share=Support us", False),  # another block's phrase, which has its own kind already
    ],
)
def test_a_phrase_row_changes_only_the_blocks_it_matches_without_a_phrase(spec: str, whole: bool) -> None:
    _, stripped, i = _without_phrase("news_seed", NEWSLETTER)
    again = with_phrases(stripped, [PhraseRow.parse(spec, whole=whole)], Options())
    matched = spec == "promo=newsletter$"
    assert (again.blocks[i].features.phrase == "promo") is matched
    assert [b.features.phrase for j, b in enumerate(again.blocks) if j != i] == [
        b.features.phrase for j, b in enumerate(stripped.blocks) if j != i
    ]
    assert (again is stripped) is not matched  # an unchanged page is not scored again


@pytest.mark.parametrize("spec", ["promo", "promo=", "nonsense=x", "content=x"])
def test_a_malformed_phrase_row_is_refused(spec: str) -> None:
    with pytest.raises(ValueError):
        PhraseRow.parse(spec, whole=False)


def test_a_phrase_row_is_a_chrome_label() -> None:
    assert PhraseRow.parse("legal=All rights reserved", whole=True).kind is Label.LEGAL


def test_run_compares_a_phrase_row_with_the_page_without_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    capsys.readouterr()
    # The seed article's paragraphs name Russia: taken for promo, they leave the page.
    assert main(["run", str(tmp_path), "--phrase", "promo=russia", "--jobs", "1"]) == 0
    shown = capsys.readouterr().out
    assert "- fixtures/news_seed" in shown  # listed among the changed pages, against the page as it is
    assert main(["run", str(tmp_path), "--phrase", "promo=no such words here", "--jobs", "1"]) == 0
    assert "Pages changed" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("page_id", "half"), [("0071", "odd"), ("4912", "even"), ("mozilla-1", "odd"), ("nytimes-4", "even")]
)
def test_an_id_with_digits_is_split_by_its_number(page_id: str, half: str) -> None:
    assert id_half(page_id) == half


def test_ids_without_digits_fall_in_both_halves_the_same_way_each_time() -> None:
    # trafilatura-eval's ids are mostly site names: by their digits alone all were "odd".
    names = ["peta", "macwelt", "zdh", "archive", "familie", "chadim", "heise", "golem", "taz", "spiegel"]
    halves = [id_half(n) for n in names]
    assert {"even", "odd"} == set(halves)
    assert halves == [id_half(n) for n in names]
