"""benchmarks/groups.py: a group's gain is what the bench scores with its weak dropped blocks kept."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import load_sets
from boilerstrip._card_slots import card_members
from boilerstrip._model import Block, Label, Role

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from groups import FLOORS, WEAK, group_rows, main, page_groups, summary
from replay import dump, dump_page, replayed

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {p.id: p for p in load_sets([FIXTURES])["fixtures"]}
WITH_GROUPS = ["listing_page", "service_page", "product_page", "forum_thread"]


def _kept(blocks: tuple[Block, ...], first: int, floor: float) -> tuple[Block, ...]:
    """The page with the weak dropped blocks of the group starting at ``first`` kept."""
    members = card_members([b.locator for b in blocks])
    group = members[first][0]
    return tuple(
        replace(b, label=Label.CONTENT) if m[0] == group and b.label in WEAK and b.score >= floor else b
        for b, m in zip(blocks, members)
    )


@pytest.mark.parametrize("name", WITH_GROUPS)
def test_group_gain_is_the_bench_score_of_the_page_with_the_group_kept(name: str) -> None:
    page = PAGES[name]
    dumped, _ = dump_page(page)
    blocks = replayed(dumped, Options())
    assert page.truth is not None
    before = page_record(page, layout(blocks), 0.0, "ok")["f1"]
    rows = list(page_groups(page.key, "odd", blocks, page.truth, dumped.declared))
    assert rows  # every one of these fixtures holds a group of 3+ cards
    for row in rows:
        assert row.cards >= 3 and 0 < row.share <= 1 and 0 <= row.kept_share <= 1
        for floor, gain in zip(FLOORS, row.gains):
            after = page_record(page, layout(_kept(blocks, row.first, floor)), 0.0, "ok")["f1"]
            assert gain == pytest.approx(after - before, abs=1e-9)


@pytest.mark.parametrize("name", WITH_GROUPS)
def test_h1_before_and_prose_outside(name: str) -> None:
    page = PAGES[name]
    dumped, _ = dump_page(page)
    blocks = replayed(dumped, Options())
    assert page.truth is not None
    titles = [i for i, b in enumerate(blocks) if b.role is Role.HEADING and b.heading_level == 1]
    kept = [i for i in titles if blocks[i].label is Label.CONTENT]
    title = (kept or titles or [-1])[0]  # the first kept h1, else the first
    for row in page_groups(page.key, "odd", blocks, page.truth, dumped.declared):
        assert row.h1_before == (0 <= title < row.first)
        longest = max(
            (b.features.words for b in blocks if b.label is Label.CONTENT and b.role is Role.PARAGRAPH),
            default=0,
        )
        assert row.prose_outside <= longest


def test_rows_of_a_dump_and_their_summary(tmp_path: Path) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    rows = list(group_rows(tmp_path, lambda p: p.id in ("listing_page", "service_page")))
    assert {r.key for r in rows} == {"fixtures/listing_page", "fixtures/service_page"}
    text = summary(rows)
    assert text.startswith(f"{len(rows)} groups on 2 pages")
    gaining = [r.gains[1] for r in rows if r.gains[1] > 0]
    assert f"floor 0.1: gaining {sum(gaining):.2f} points ({len(gaining)} groups)" in text


def test_command_writes_the_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump(FIXTURES, tmp_path / "dump", jobs=1)
    out = tmp_path / "groups.tsv"
    assert main([str(tmp_path / "dump"), "--groups", "fixtures", "--out", str(out)]) == 0
    rows = out.read_text("utf-8").splitlines()
    assert rows[0].split("\t")[:3] == ["key", "half", "declared"]
    assert rows[0].endswith("gain_0.0\tgain_0.1\tgain_0.2\tgain_0.3")
    assert len(rows) > 1 and "## fixtures" in capsys.readouterr().out
    assert main([str(tmp_path / "dump"), "--groups", "no such set"]) == 2
