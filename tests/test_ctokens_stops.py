"""The compiled build's page language and stopword column in one C call (_ctokens_stops.c's
language_stops, read by _language.detect_with_stops) give what the references give: the lists
read longest first (ties in list order) as language_hits reads them, the language chosen as
_language._chosen chooses it, and every list's stop_counts in that language's stoplist, on
small pages and on pages past its stack buffers, at every limit. Where the compiled build is
not installed the extension is built here with the C compiler (the comparisons skip without
one)."""

from __future__ import annotations

import random
from types import ModuleType

import pytest

from boilerstrip import _language, _token_stats
from boilerstrip._language import Tokens, _stopword_index, detect_language, language_hits, stopwords, tokens
from boilerstrip._stopwords_data import STOPWORD_TEXT
from boilerstrip._token_stats import stop_counts

_BONUS = 1.15  # _language._DECLARED_BONUS


def _index_table(ctokens: ModuleType) -> bytes:
    index = _stopword_index()[1]
    table = ctokens.word_table(list(index), list(index.values()))
    assert isinstance(table, bytes)
    return table


def _lists(ctokens: ModuleType, seed: int, blocks: int) -> list[Tokens]:
    """Token lists of random texts of a few languages' stopwords and other words (some of equal
    lengths, so that the order's ties matter), half of them made by the C tokeniser."""
    rng = random.Random(seed)
    languages = rng.sample(sorted(STOPWORD_TEXT), 3)
    words = [w for lang in languages for w in sorted(stopwords(lang))[:40]]
    words += ["zzq", "xyzzy", "über", "ΑαβγΣ", "中文", "a" * 40]
    texts = [
        " ".join(rng.choices(words, k=rng.choice([0, 3, 3, 7, rng.randint(0, 60)]))) for _ in range(blocks)
    ]
    half = blocks // 2
    made = ctokens.block_counts(texts[:half], frozenset(), tokens, _token_stats._cjk_count)[0]
    return [*made, *(tokens(text) for text in texts[half:])]


def _expected(lists: list[Tokens], limit: int, declared: str) -> tuple[int, list[int]]:
    """The references: language_hits of the lists longest first, _chosen, stop_counts."""
    languages, index = _stopword_index()
    counts = [len(_language.token_list(t)) for t in lists]
    order = sorted(range(len(lists)), key=counts.__getitem__, reverse=True)
    hits = language_hits(iter([lists[i] for i in order]), limit, index, len(languages))
    language = _language._chosen(languages, hits, declared)
    number = languages.index(language) if language else -1
    return number, stop_counts(lists, stopwords(language))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("limit", [0, 1, 50, 3000])
@pytest.mark.parametrize("declared", ["", "en", "de", "xx"])
def test_language_stops_is_detection_and_stop_counts(
    ctokens: ModuleType, seed: int, limit: int, declared: str
) -> None:
    table = _index_table(ctokens)
    lists = _lists(ctokens, seed, [1, 12, 40, 200, 400, 0][seed])
    counts = [len(_language.token_list(t)) for t in lists]
    mine = _language._PLACES.get(declared, -1)
    found = ctokens.language_stops(lists, counts, limit, len(_language._LANGUAGES), table, mine, _BONUS)
    assert found == _expected(lists, limit, declared)


def test_a_page_past_the_stack_buffers(ctokens: ModuleType) -> None:
    """More lists than the stack keeps (128) and more stopwords than it keeps (512): the buffers
    grow, and every list read or not is counted as the references count it."""
    table = _index_table(ctokens)
    words = sorted(stopwords("en"))
    lists: list[Tokens] = [tokens(" ".join(words[i % 50 : i % 50 + 20])) for i in range(300)]
    counts = [len(t) for t in lists]
    for limit in (100, 3000, 10_000):
        found = ctokens.language_stops(lists, counts, limit, len(_language._LANGUAGES), table, -1, _BONUS)
        assert found == _expected(lists, limit, "")


def test_a_block_far_longer_than_the_others(ctokens: ModuleType) -> None:
    """A count past eight times the blocks (sorted by qsort, not counted), and ties around it."""
    table = _index_table(ctokens)
    lists: list[Tokens] = [
        tokens("le la de " * 1500),
        tokens("the of and"),
        tokens("der die das"),
        tokens("the of and " * 2),
        tokens("le de la"),
    ]
    counts = [len(t) for t in lists]
    for limit in (1, 4500, 4503, 4507, 10_000):
        for declared in ("", "en", "de"):
            mine = _language._PLACES.get(declared, -1)
            found = ctokens.language_stops(
                lists, counts, limit, len(_language._LANGUAGES), table, mine, _BONUS
            )
            assert found == _expected(lists, limit, declared)


def test_no_more_than_64_languages(ctokens: ModuleType) -> None:
    table = ctokens.word_table(["a"], [(0,)])
    assert ctokens.language_stops([["a"]], [1], 10, 65, table, -1, _BONUS) is None
    # The first list in order reaches the limit: the other is not read, but counted.
    assert ctokens.language_stops([["a"], ["a", "b"]], [1, 2], 1, 64, table, -1, _BONUS) == (0, [1, 1])
    assert ctokens.language_stops([["b"]], [1], 1, 64, table, -1, _BONUS) == (-1, [0])
    assert ctokens.language_stops([["b"]], [1], 1, 64, table, 3, _BONUS) == (3, [0])  # declared, no hits


@pytest.mark.parametrize(
    "args",
    [
        ([["a"]], [1, 1], 10, 2, -1, _BONUS),  # counts of another length
        ([["a"]], [-1], 10, 2, -1, _BONUS),
        ([["a"]], ["1"], 10, 2, -1, _BONUS),
        ([[1]], [1], 10, 2, -1, _BONUS),  # a token that is no str
        ((["a"],), [1], 10, 2, -1, _BONUS),
        ([["a"]], [1], 10, 2, 2, _BONUS),  # the declared language's number out of range
        ([["a"]], [1], 10, 2, -2, _BONUS),
        ([["a"]], [1], 10, 2, -1, 1),  # the bonus is a float
    ],
)
def test_language_stops_refuse(ctokens: ModuleType, args: tuple[object, ...]) -> None:
    table = ctokens.word_table(["a"], [(0,)])
    lists, counts, limit, n, mine, bonus = args
    with pytest.raises((TypeError, ValueError)):
        ctokens.language_stops(lists, counts, limit, n, table, mine, bonus)
    with pytest.raises((TypeError, ValueError)):
        ctokens.language_stops([["a"]], [1], 10, 2, b"no table", -1, _BONUS)


@pytest.mark.parametrize("declared", ["", "en", "fr", "xx"])
def test_detect_with_stops_as_the_two_passes(
    ctokens: ModuleType, monkeypatch: pytest.MonkeyPatch, declared: str
) -> None:
    """detect_with_stops (the compiled build's path) gives detect_language of the lists longest
    first and stop_counts in the language found, on texts of each language's stopwords, of
    none, and of several at once."""
    monkeypatch.setattr(_language, "_c_language_stops", ctokens.language_stops)
    monkeypatch.setattr(_language, "_word_table", ctokens.word_table)
    _language._index_table.cache_clear()
    rng = random.Random(declared)
    try:
        cases = [
            [rng.choices(sorted(stopwords(language)), k=20) for _ in range(4)]
            for language in sorted(STOPWORD_TEXT)
        ]
        cases += [
            [["zzq", "xyzzy"]],
            [],
            [[w for lang in ("en", "de", "fr") for w in sorted(stopwords(lang))[:30]]],
        ]
        for words in cases:
            lists: list[Tokens] = [tokens(" ".join(w)) for w in words]
            counts = [len(t) for t in lists]
            order = sorted(range(len(lists)), key=counts.__getitem__, reverse=True)
            language = detect_language(iter([lists[i] for i in order]), declared)
            found = _language.detect_with_stops(lists, counts, declared)
            assert found == (language, stop_counts(lists, stopwords(language)))
    finally:
        _language._index_table.cache_clear()


def test_detect_with_stops_only_in_this_build() -> None:
    assert (_language.detect_with_stops([], [], "") is None) is (_language._c_language_stops is None)
