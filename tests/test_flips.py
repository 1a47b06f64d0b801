"""benchmarks/flips.py: a block's flip gain is what the bench scores with that block's label flipped."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from boilerstrip import Options
from boilerstrip._assemble import layout
from boilerstrip._bench._report import page_record
from boilerstrip._bench._sets import load_sets
from boilerstrip._model import Block, Label, Role

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from flips import causes_of, flips, page_flips, summary
from replay import dump, dump_page, replayed

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = {p.id: p for p in load_sets([FIXTURES])["fixtures"]}


def _flipped(blocks: tuple[Block, ...], i: int) -> tuple[Block, ...]:
    label = Label.OTHER if blocks[i].label is Label.CONTENT else Label.CONTENT
    return tuple(replace(b, label=label) if j == i else b for j, b in enumerate(blocks))


@pytest.mark.parametrize(
    "name", ["blog_comments", "forum_thread", "listing_page", "product_page", "service_page"]
)
def test_flip_gain_is_the_bench_score_of_the_flipped_page(name: str) -> None:
    page = PAGES[name]
    dumped, _ = dump_page(page)
    blocks = replayed(dumped, Options())
    assert page.truth is not None
    before = page_record(page, layout(blocks), 0.0, "ok")["f1"]
    found = list(page_flips(page.key, blocks, page.truth, dumped.declared))
    assert found  # every fixture page has blocks whose flip moves its F1
    for flip in found:
        after = page_record(page, layout(_flipped(blocks, flip.block)), 0.0, "ok")["f1"]
        assert flip.gain == pytest.approx(after - before, abs=1e-9)
        assert flip.kept is (blocks[flip.block].label is Label.CONTENT)


def test_causes_name_place_and_kind() -> None:
    block = replayed(dump_page(PAGES["product_page"])[0], Options())[0]
    causes = causes_of(block, 3, titles=[1], first=2, last=5, declared="product")
    assert causes["h1"] == "h1 or after" and causes["span"] == "inside kept span"
    assert causes["declared"] == "product" and causes["role"] == block.role.value
    assert causes_of(block, 0, titles=[1, 4], first=2, last=5, declared="")["h1"] == "several h1"
    before = causes_of(block, 0, titles=[1], first=2, last=5, declared="")
    assert (before["h1"], before["span"]) == ("before h1", "before kept span")
    assert before["declared"] == "undeclared"
    assert block.role in Role


def test_flips_of_a_dump_and_their_summary(tmp_path: Path) -> None:
    dump(FIXTURES, tmp_path, jobs=1)
    found = list(flips(tmp_path, lambda p: p.id in ("product_page", "listing_page")))
    assert {f.key for f in found} == {"fixtures/product_page", "fixtures/listing_page"}
    text = summary(found)
    gaining = sum(f.gain for f in found if f.kept and f.gain > 0)
    assert f"leaked (kept blocks whose drop gains): {gaining:.2f} points" in text
    assert "  role: " in text and "  declared: " in text
