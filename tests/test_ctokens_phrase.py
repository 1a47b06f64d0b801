"""The compiled build's page pass over the phrase rows (_ctokens_phrase.c: phrase_candidates)
gives what its Python reference gives (_phrase_candidates.phrase_candidates), and the kinds
read with the rows and gates it keeps are those read with all of them (_phrase_candidates.
all_candidates): on hand-made texts of each str kind, upper- and title-cased, with lines,
digits, prices and dates, their tokens as lists and as block_counts' marked strs, under
several limits. Where the compiled build is not installed the extension is built here with
the C compiler (the comparisons skip without one). Also _ctokens.may_match against its
reference, _match_facts.facts_may_match, on every facts tuple of the tables."""

from __future__ import annotations

from types import ModuleType

import pytest

from boilerstrip import _phrases, _token_stats
from boilerstrip._language import Tokens, tokens
from boilerstrip._match_facts import BranchFacts, facts_may_match
from boilerstrip._phrase_candidates import all_candidates, phrase_candidates
from boilerstrip._phrase_match import _split, _whole_forms
from boilerstrip._phrase_rows import rows_table
from boilerstrip._phrases import STRIPPED, _Index, _indexes, _phrase_kind
from boilerstrip._row_tests import rest_facts, row_tests

_TEXTS = [
    "",
    "Read more",
    "read more »",
    "Share",
    "Reply",
    "12 comments",
    "Leave a comment",
    "Loading...",
    "Please wait",
    "Edit this page on GitHub",
    "Advertisement",
    "Subscribe to our newsletter",
    "Sign up for our newsletter today and get 10% off",
    "Posted by admin | Published on March 3, 2021",
    "· Published 2 hours ago",
    "$19.99 $29.99",
    "$499.00 $199.00 Other amount",
    "£169",
    "November 2012",
    "3 Reasons to read this",
    "2024-01-02 10:30",
    "2024年1月2日 10:30",
    "x2024-01-02 10:30",
    "(c) 2024 Example Inc.",
    "Copyright © 2024 Ünïcode Café. All rights reserved.",
    "© 2024",
    "资料图片",
    "（新华社记者 摄）",
    "22 °C, Berlin",
    "Comments\nPrint Email",
    "smithsonian.com\nNovember 18, 2019",
    "By NAME\nStaff Writer",
    "Ça va — Lire la suite…",
    "Verwandte Artikel: Straße",
    "Kommentare (12)\nTeilen ›",
    "…Weiterlesen…",
    "It’s “quoted” — read more",
    "Διαβάστε περισσότερα",
    "Read more 😀",
    "© 2024 – Agentur für Energie",
    "Münster, 3. März 2024",
    "6. November 2023 – 14:30",
    "Lesezeit – 5 min read",
    "Reading time – fünf Minuten",
    "12 € – 15 € – Other amount",
    "(c) 2024 Example Inc. · Berlin, Germany today",  # 45 characters: a gate's row, past 30
    "#12345",
    "A paragraph about nothing in particular, with no phrase at all in it. " * 3,
    "A long paragraph about nothing in particular that goes on, “quoted”, past the scan.  " * 8 + "Read more",
    "A long paragraph with a line\nbreak that ends with a label, past every limit. " * 6 + "\nShare",
]
_ALL = [*_TEXTS, *(t.upper() for t in _TEXTS), *(t.title() for t in _TEXTS)]
# (scan_chars, whole_max_chars, scan_words, keyless_max_chars): the defaults, and others
_LIMITS = [(400, 60, 80, 200), (400, 60, -1, 200), (40, 30, 3, 200), (400, 200, 80, 200), (10, 500, 80, 30)]


def _c_indexes(ctokens: ModuleType) -> tuple[_Index, _Index]:
    """The indexes with their word tables as the C reads them (None in a pure install's)."""

    def with_table(index: _Index) -> _Index:
        keys = index.keys
        table = rows_table(keys.exact, keys.prefix, keys.heads, ctokens.word_table)
        return index._replace(keys=keys._replace(table=table))

    anywhere, whole = _indexes()
    return with_table(anywhere), with_table(whole)


def _token_lists(ctokens: ModuleType, texts: list[str], marked: bool) -> list[Tokens]:
    if not marked:
        return [tokens(t) for t in texts]
    made: list[Tokens] = ctokens.block_counts(texts, frozenset(), tokens, _token_stats._cjk_count)[0]
    return made


def _kinds(
    texts: list[str], token_lists: list[Tokens], candidates: list, limits: tuple[int, int, int, int]
) -> list:
    anywhere, whole = _indexes()
    return [
        None
        if found is None
        else _phrase_kind(text, toks, found, limits, tables=(anywhere, whole), rows=({}, {}))
        for text, toks, found in zip(texts, token_lists, candidates)
    ]


@pytest.mark.parametrize("marked", [False, True])
@pytest.mark.parametrize("limits", _LIMITS)
def test_phrase_candidates_is_its_reference(
    ctokens: ModuleType, limits: tuple[int, int, int, int], marked: bool
) -> None:
    anywhere, whole = _indexes()
    token_lists = _token_lists(ctokens, _ALL, marked)
    expected = phrase_candidates(_ALL, token_lists, limits, anywhere, whole, STRIPPED)
    assert ctokens.phrase_candidates(_ALL, token_lists, limits, *_c_indexes(ctokens), STRIPPED) == expected
    assert any(found is None for found in expected)  # (some blocks are ruled out)
    assert any(found is not None and found[2] not in (0, 127) for found in expected)  # (and some gates)


@pytest.mark.parametrize("marked", [False, True])
@pytest.mark.parametrize("limits", _LIMITS)
def test_kinds_read_with_the_candidates_are_those_read_with_all(
    ctokens: ModuleType, limits: tuple[int, int, int, int], marked: bool
) -> None:
    anywhere, whole = _indexes()
    token_lists = _token_lists(ctokens, _ALL, marked)
    every = [all_candidates(t, k, limits, (anywhere, whole), ({}, {})) for t, k in zip(_ALL, token_lists)]
    expected = _kinds(_ALL, token_lists, every, limits)
    sieved = ctokens.phrase_candidates(_ALL, token_lists, limits, *_c_indexes(ctokens), STRIPPED)
    assert _kinds(_ALL, token_lists, sieved, limits) == expected
    if limits == _LIMITS[0]:
        assert sum(kind is not None for kind in expected) >= 20  # (the texts hold phrases)


def test_a_pages_repeated_texts_get_their_first_candidates(ctokens: ModuleType) -> None:
    """The C pass reads a short text once a page: a repeat gets what the first got (its
    tokens are those of its text), a long one is read again."""
    anywhere, whole = _c_indexes(ctokens)
    texts = [*_ALL, *_ALL, *reversed(_ALL)]
    token_lists = _token_lists(ctokens, texts, marked=True)
    got = ctokens.phrase_candidates(texts, token_lists, _LIMITS[0], anywhere, whole, STRIPPED)
    alone = [
        ctokens.phrase_candidates([t], [k], _LIMITS[0], anywhere, whole, STRIPPED)[0]
        for t, k in zip(texts, token_lists)
    ]
    assert got == alone


@pytest.mark.parametrize("whole", [False, True])
def test_rest_facts_are_the_matchers(whole: bool) -> None:
    """The gates' rests' facts: an empty rest has none; the whole-block digit gate's prices hold
    two runs of digits, the anywhere digit gate's dates start with a digit."""
    assert rest_facts("", whole=whole) == (0, b"", 0, 0, 0, 0, 0, (), ())
    anywhere, whole_index = _indexes()
    index = whole_index if whole else anywhere
    digit_rests = index.gate_rests[1]
    assert len(index.gate_rests) == 3
    if whole:
        has_start, _, digits, runs, has_rest, _, _, _, _ = digit_rests[0]
        assert (has_start, has_rest) == (1, 0) and digits >= 2 and runs >= 2
    else:
        has_start, first, digits, _, _, _, _, _, _ = digit_rests[0]
        assert has_start == 1 and digits >= 4
        assert [chr(c) for c in range(128) if first[c]] == list("0123456789")


def test_phrase_kinds_uses_the_pass_where_compiled() -> None:
    """phrase_kinds gives each block's kind alone (with or without the C pass)."""
    texts = list(_ALL)
    token_lists = [tokens(t) for t in texts]
    expected = [_phrases.phrase_kind(t, tokens(t), 400, 60) for t in texts]
    assert _phrases.phrase_kinds(texts, token_lists, 400, 60) == expected


def _facts_of_tables() -> list[tuple[BranchFacts, ...]]:
    """Every facts tuple the phrase rows read: each row's whole forms and split parts, both
    for ASCII texts and for any text."""
    anywhere, whole = _indexes()
    found: list[tuple[BranchFacts, ...]] = []
    for source in whole.sources:
        forms = _whole_forms(source)
        found += [forms.ascii_facts, forms.wide_facts]
    for source in anywhere.sources:
        split = _split(source)
        found += [*split.start_facts, *split.rest_facts]
    return [facts for facts in found if facts]


_FACT_TEXTS = [
    *_ALL,
    "x published 2024-05-01 12:30 $5 $6",
    "| posted by me",
    "min read 5",
    "5 min read",
    "Photo: AP",
    "1 2 3 4",
]


def test_may_match_is_its_reference(ctokens: ModuleType) -> None:
    """_ctokens.may_match gives _match_facts.facts_may_match's answer for every facts tuple of
    the tables, on texts of each kind, lowercased as the matchers give them."""
    tables = _facts_of_tables()
    assert len(tables) > 100
    answers = set()
    for facts in tables:
        for text in _FACT_TEXTS:
            held = text.lower()
            lowered = held if text.isascii() else None
            expected = facts_may_match(facts, text, held, lowered)
            assert ctokens.may_match(facts, text, held, lowered) == expected, (facts, text)
            answers.add(expected)
    assert answers == {False, True}
    assert ctokens.may_match((), "x", "x", "x")


def _tested(index: _Index) -> _Index:
    """``index`` with every row's tests made (as _first_kind makes them once a block tries it)."""
    tests = [
        row_tests(source, filter_, whole=index is _indexes()[1])
        for source, filter_ in zip(index.sources, index.filters)
    ]
    return index._replace(row_tests=list(tests))


@pytest.mark.parametrize("marked", [False, True])
@pytest.mark.parametrize("limits", _LIMITS)
def test_rows_tests_drop_rows_as_their_matches_would(
    ctokens: ModuleType, limits: tuple[int, int, int, int], marked: bool
) -> None:
    """With every row's tests made, the C pass still gives its reference's candidates, the
    kinds read with them are those read with all rows, and it drops rows (and blocks) the
    sieves alone keep: "Garmin 5 Review" passes the reviews row's sieve but starts with no digit."""
    anywhere, whole = _indexes()
    tested = (_tested(anywhere), _tested(whole))
    texts = [*_ALL, "Garmin 5 Review", "Fēnix 8 AMOLED review"]
    token_lists = _token_lists(ctokens, texts, marked)
    expected = phrase_candidates(texts, token_lists, limits, *tested, STRIPPED)
    c_tested = tuple(
        c._replace(row_tests=t.row_tests) for c, t in zip(_c_indexes(ctokens), tested, strict=True)
    )
    assert ctokens.phrase_candidates(texts, token_lists, limits, *c_tested, STRIPPED) == expected
    every = [all_candidates(t, k, limits, (anywhere, whole), ({}, {})) for t, k in zip(texts, token_lists)]
    assert _kinds(texts, token_lists, expected, limits) == _kinds(texts, token_lists, every, limits)
    bare = [index._replace(row_tests=[None] * len(index.sources)) for index in (anywhere, whole)]
    untested = phrase_candidates(texts, token_lists, limits, *bare, STRIPPED)
    fewer = sum(len(f[0]) + len(f[1]) for f in expected if f is not None)
    assert fewer < sum(len(f[0]) + len(f[1]) for f in untested if f is not None)
