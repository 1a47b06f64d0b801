"""The features stage reads large pages a chunk of blocks at a time: the same features."""

from __future__ import annotations

from pathlib import Path

import pytest

from boilerstrip import Options
from boilerstrip._features import compute_features
from boilerstrip._parse import body_of, page_info, parse
from boilerstrip._segment import segment

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
