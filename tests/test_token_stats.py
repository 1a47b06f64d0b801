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


_ASCII = [
    "The Council met",
    "The council met on Tuesday and voted for the new budget of the town.",
    "Read more",
    "",
    "It was the first time that the members of the board agreed on it.",
    "Share this article on Facebook",
    "42 comments",
]
_LATIN1 = [
    "Der Rat hat am Dienstag über den neuen Haushalt der Stadt abgestimmt.",
    "Él dijo que la ciudad no tenía más dinero para las obras públicas.",
    "Weiterlesen",
    "Le conseil a voté pour le budget de l'année à venir, déjà très discuté.",
    "Ça coûte 12 € à l'entrée",
    "",
]
_CJK = [
    "市议会星期二投票通过了新的城市预算。",
    "東京の天気は今日も晴れです。カタカナのテキスト",
    "더 읽기",
    "这是一个很长的段落，其中包含许多中文字符和标点符号。",
    "",
    "ひらがなだけのぶん",
]
_MIXED = [
    "Главная страница новостей города, где совет собрался снова",
    "The café served 東京 ramen and Ünïcödé ﬁnes",
    "Ελληνικά κείμενα και το συμβούλιο της πόλης",
    "Read more » 続きを読む",
    "",
    "x" * 40 + " a " + "b" * 31 + " c",  # tokens of more than 31 characters
]
_TEXTS = {"ascii": _ASCII, "latin-1": _LATIN1, "cjk": _CJK, "mixed": _MIXED}


@pytest.mark.parametrize("kind", sorted(_TEXTS))
@pytest.mark.parametrize("language", ["", "en", "de", "zh", "xx"])
@pytest.mark.parametrize("chunk", [1, 2, 5])
def test_chunked_token_stats_equal_the_one_chunk_result(kind: str, language: str, chunk: int) -> None:
    # The chunked path tokenises by the same loop as the one-chunk path (the C loop in the
    # compiled build), for its counts, the language it detects and the stopword counts.
    texts = _TEXTS[kind] * 3
    args = (texts, "The council met | Town news", "de" if kind == "latin-1" else "")
    limits: dict[str, Any] = {"scan_words": 20, "scan_chars": 200, "whole_max_chars": 200}
    whole = token_stats(*args, language=language, **limits)
    assert len(texts) > chunk  # the chunks are exercised
    assert token_stats(*args, language=language, chunk=chunk, **limits) == whole
    assert sum(whole.counts) > 0 and (kind != "cjk" or sum(whole.cjk) > 0)
    if language in ("", "en") and kind == "ascii":
        assert sum(whole.stops) > 0 and any(whole.title_match)


@pytest.mark.parametrize("budget_blocks", [1, 143, 144, 272, 273, 274])
def test_chunked_detection_reads_the_blocks_detection_reads(budget_blocks: int) -> None:
    # Detection reads the longest blocks first, up to 3,000 tokens (the block that reaches
    # them whole): the chunked path tokenises only those again, and finds the same language.
    german = "der die und das ist nicht mit dem den von"  # 10 tokens, all German stopwords
    english = "the and of to is that it for on was with"  # 11 tokens: read first
    texts = [english] * budget_blocks + [german] * 400
    limits: dict[str, Any] = {"scan_words": 20, "scan_chars": 200, "whole_max_chars": 200}
    whole = token_stats(texts, "", "", language="", **limits)
    assert token_stats(texts, "", "", language="", chunk=64, **limits) == whole
    assert whole.language == ("de" if budget_blocks <= 143 else "en")  # (other stoplists share words)
