"""benchmarks/replay.py: a dump of the fixture pages, replayed, gives extract()'s labels and text."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from boilerstrip import Options, extract
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import load_sets

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from replay import _options, dump, dump_page, load, replay, replayed, shards

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
