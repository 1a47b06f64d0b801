"""The compiled build's word tables (_ctokens_words.c: word_table, read by stop_counts and
language_hits in _ctokens_language.c, and by language_stops: tests/test_ctokens_stops.py) find
exactly the tokens the set or dict they stand for holds: on every stoplist, on tokens of many
scripts made by the C tokeniser and by the regex, on words of equal bytes and different kinds;
and a table that is not one is refused, never read out of bounds. Where the compiled build is
not installed the extension is built here with the C compiler (the comparisons skip without
one)."""

from __future__ import annotations

import random
from types import ModuleType

import pytest

from boilerstrip import _language, _token_stats
from boilerstrip._language import _stopword_index, detect_language, language_hits, stopwords, tokens
from boilerstrip._stopwords_data import STOPWORD_TEXT
from boilerstrip._token_stats import stop_counts

# Latin-1, Greek, Cyrillic, Arabic, Devanagari, CJK and astral letters, and separators.
_LETTERS = "abcdeéßÿ ΑαβγΣσς АаБбя عربي हिंदी 中文日本語ひらカタ 𝐀𝒜 \u0100\u0101"


def _table(ctokens: ModuleType, words: list[str], numbers: list[tuple[int, ...]] | None = None) -> bytes:
    table = ctokens.word_table(words, numbers if numbers is not None else [()] * len(words))
    assert isinstance(table, bytes)
    return table


def _lists(ctokens: ModuleType, seed: int, words: list[str]) -> list[list[str]]:
    """Token lists of random texts of stopwords and letters, half made by the C tokeniser."""
    rng = random.Random(seed)

    def word() -> str:
        if words and rng.random() < 0.5:
            return rng.choice(words)
        return "".join(rng.choices(_LETTERS, k=rng.randint(1, 6)))

    texts = [" ".join(word() for _ in range(rng.randint(0, 30))) for _ in range(60)]
    made = ctokens.block_counts(texts[:30], frozenset(), tokens, _token_stats._cjk_count)[0]
    return [*made, *(tokens(text) for text in texts[30:])]


@pytest.mark.parametrize("language", sorted(STOPWORD_TEXT))
def test_stop_counts_through_the_table(ctokens: ModuleType, language: str) -> None:
    stop = stopwords(language)
    words = sorted(stop)
    lists = _lists(ctokens, len(language), words)
    assert ctokens.stop_counts(lists, stop, _table(ctokens, words)) == stop_counts(lists, stop)
    assert sum(stop_counts(lists, stop)) > 0


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("limit", [0, 1, 50, 3000])
def test_language_hits_through_the_table(ctokens: ModuleType, seed: int, limit: int) -> None:
    languages, index = _stopword_index()
    table = _table(ctokens, list(index), list(index.values()))
    words = sorted(index)[seed::97]
    lists = _lists(ctokens, seed, words)
    with_table = ctokens.language_hits(iter(lists), limit, index, len(languages), table)
    assert with_table == language_hits(iter(lists), limit, index, len(languages))


def test_detection_as_the_reference(ctokens: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    """detect_language through the C loop and its table (the compiled build's path) and through
    the reference, on texts of each language's stopwords."""
    monkeypatch.setattr(_language, "_c_language_hits", ctokens.language_hits)
    monkeypatch.setattr(_language, "_word_table", ctokens.word_table)
    _language._index_table.cache_clear()
    rng = random.Random(3)
    try:
        for language in sorted(STOPWORD_TEXT):
            words = sorted(stopwords(language))
            lists = [tokens(" ".join(rng.choices(words, k=20))) for _ in range(5)]
            made = detect_language(iter(lists), "en")
            monkeypatch.setattr(_language, "_c_language_hits", None)
            assert made == detect_language(iter(lists), "en"), language
            monkeypatch.setattr(_language, "_c_language_hits", ctokens.language_hits)
    finally:
        _language._index_table.cache_clear()


def test_equal_bytes_of_another_kind_are_another_word(ctokens: ModuleType) -> None:
    # "\u0100" is two bytes 00 01 (a two-byte str); "\x00\x01" the same bytes in a one-byte str.
    words = ["\u0100", "a", "", "\U0001d400"]
    table = _table(ctokens, words)
    tokens_ = [["\x00\x01", "\u0100", "a", "A", "", "\x00\xd4\x01\x00", "\U0001d400", "\ud835"]]
    assert ctokens.stop_counts(tokens_, frozenset(words), table) == [4]
    assert stop_counts(tokens_, frozenset(words)) == [4]


def test_numbers_come_back_in_order(ctokens: ModuleType) -> None:
    index = {"a": (0, 2), "b": (1,), "c": ()}
    table = _table(ctokens, list(index), list(index.values()))
    assert ctokens.language_hits([["a", "b", "a", "c", "d"]], 10, index, 3, table) == [2, 1, 2]
    assert ctokens.language_hits([["a"]], 10, {}, 3, table) == [1, 0, 1]  # the table answers


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((("a",), [()]), TypeError),
        ((["a"], [()], 1), TypeError),
        ((["a"], [(), ()]), TypeError),
        ((["a", "a"], [(), ()]), ValueError),  # not distinct
        (([b"a"], [()]), ValueError),
        ((["a"], [[0]]), ValueError),
        ((["a"], [(70000,)]), ValueError),
        ((["a"], [(-1,)]), ValueError),
        ((["a"], [tuple(range(256))]), ValueError),
    ],
)
def test_word_table_refuses(ctokens: ModuleType, args: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        ctokens.word_table(*args)


def test_what_is_no_table_is_refused(ctokens: ModuleType) -> None:
    table = _table(ctokens, ["the", "and"], [(0,), (1,)])
    rng = random.Random(5)
    broken = [b"", b"x" * 8, table[:-1], table[:40], bytes(len(table)), "not bytes", bytearray(table)]
    broken += [bytes(rng.randrange(256) for _ in range(len(table))) for _ in range(50)]
    for bad in broken:
        with pytest.raises((TypeError, ValueError)):
            ctokens.stop_counts([["the"]], frozenset({"the"}), bad)
        with pytest.raises((TypeError, ValueError)):
            ctokens.language_hits([["the"]], 5, {}, 2, bad)
    # A header that holds but slots and filter of garbage: answers, within the table's bytes.
    garbage = table[:_HEADER] + bytes(rng.randrange(256) for _ in range(len(table) - _HEADER))
    for _ in range(3):
        try:
            ctokens.stop_counts([["the", "and", "x" * 40]], frozenset({"the"}), garbage)
            ctokens.language_hits([["the", "and"]], 5, {}, 2, garbage)
        except ValueError:
            pass


# The header's size: six 64-bit fields (_ctokens_words.h's Header).
_HEADER = 48


@pytest.mark.parametrize("words", [1, 40, 5000])
def test_the_filter_passes_every_word_and_the_slots_decide(ctokens: ModuleType, words: int) -> None:
    # The bit filter read before a slot lets through all of a table's words and some others
    # (its false positives, about 2% of them, which the slots then refuse): counted both ways
    # on many more tokens than words, the table answers as the set does.
    rng = random.Random(words)
    members = sorted({"".join(rng.choices(_LETTERS, k=rng.randint(1, 9))) for _ in range(words)})
    others = ["".join(rng.choices(_LETTERS, k=rng.randint(1, 9))) for _ in range(20_000)]
    stop = frozenset(members)
    lists = [members, others, [*others[:500], *members[:50]]]
    counted = ctokens.stop_counts(lists, stop, _table(ctokens, members))
    assert counted == stop_counts(lists, stop)
    assert counted[0] == len(members)


def test_stop_table_in_this_build() -> None:
    table = _language.stop_table("en")
    assert (table is None) is (_language._word_table is None)


def _chosen_by_dict(languages: tuple[str, ...], counts: list[int], declared: str) -> str:
    """detect_language's choice as it was written: a dict of floats, its sorted keys' max."""
    hits = {lang: float(count) for lang, count in zip(languages, counts) if count}
    if declared in hits:
        hits[declared] *= 1.15
    if not hits:
        return declared if declared in STOPWORD_TEXT else ""
    return max(sorted(hits), key=hits.__getitem__)


@pytest.mark.parametrize("seed", range(40))
def test_the_choice_is_the_dicts(seed: int) -> None:
    """The one-pass choice (_language._chosen) against the dict it replaced: ties (equal counts,
    a declared language's bonus meeting a larger count), no hits, a declared language without
    a stoplist."""
    languages = _stopword_index()[0]
    rng = random.Random(seed)
    for declared in ("", "en", "de", "zz", rng.choice(languages)):
        counts = [rng.choice([0, 0, 0, 1, 2, 20, 23, 100, 115]) for _ in languages]
        if seed % 4 == 0:
            counts = [0] * len(languages)
        assert _language._chosen(languages, counts, declared) == _chosen_by_dict(languages, counts, declared)
        # (languages other than the stoplists' own, in code order: the declared one's place searched)
        some = tuple(sorted(rng.sample(languages, 12)))
        some_counts = counts[: len(some)]
        assert _language._chosen(some, some_counts, declared) == _chosen_by_dict(some, some_counts, declared)
