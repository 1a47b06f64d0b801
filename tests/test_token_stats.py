"""The features stage reads large pages a chunk of blocks at a time: the same features."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from boilerstrip import Options
from boilerstrip._features import compute_features
from boilerstrip._parse import body_of, page_info, parse
from boilerstrip._segment import segment
from boilerstrip._token_stats import token_stats

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("chunk", [1, 2])
def test_chunked_token_counts_give_the_same_features(name: str, chunk: int) -> None:
    tree = parse((FIXTURES / name).read_text("utf-8"))
    info = page_info(tree)
    segmented = segment(body_of(tree))
    whole = compute_features(segmented, info.title, info.language, Options())
    assert len(segmented.blocks) > chunk or name == "empty_page.html"  # the chunks are exercised
    assert compute_features(segmented, info.title, info.language, Options(), chunk=chunk) == whole


def test_chunked_counts_with_a_fixed_language() -> None:
    tree = parse((FIXTURES / "german_news.html").read_text("utf-8"))
    info = page_info(tree)
    segmented = segment(body_of(tree))
    options = Options(language="de")
    whole = compute_features(segmented, info.title, info.language, options)
    assert whole[1] == "de"
    assert compute_features(segmented, info.title, info.language, options, chunk=3) == whole


class _CountedReads(list[str]):
    """Texts that count the blocks read one at a time (a chunk is read as a slice)."""

    reads = 0

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int):
            self.reads += 1
        return super().__getitem__(index)


@pytest.mark.parametrize("chunk", [1, 7])
def test_language_detection_tokenises_only_the_blocks_it_reads(chunk: int) -> None:
    # A chunked page's longest blocks are tokenised again for detection, lazily: the
    # compiled build made a list of a generator expression and tokenised every block at
    # once (a 50 MB page's peak memory went from 496 MB to 898 MB).
    texts = _CountedReads(f"block {n} of the page, where the council met again" for n in range(2000))
    stats = token_stats(
        texts, "", "", language="", scan_words=20, scan_chars=200, whole_max_chars=200, chunk=chunk
    )
    assert stats.language == "en"
    assert 0 < texts.reads <= 300  # 10 tokens a block: detection stops at its budget of 3,000
