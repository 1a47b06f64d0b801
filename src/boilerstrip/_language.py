"""Tokens, stopwords and the page language.

Words are ``\\w+`` runs, except that each Han, Hiragana or Katakana character counts
as one word, since those scripts do not separate words with spaces.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Final, NamedTuple, cast

import regex

from ._compiled import WordTable, c_module
from ._stopwords_data import SEP, STOPWORD_TEXT

_TOKEN: Final = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]|\w+")
# The same tokens as _TOKEN in lowercased ASCII text (no A-Z left): a class of ASCII
# characters is a bitmap test for re, where \w calls Unicode's category functions a character.
_ASCII_TOKEN: Final = re.compile(r"[a-z0-9_]+")
_CJK: Final = frozenset({"zh", "ja"})
_LANGUAGES: Final = tuple(sorted(STOPWORD_TEXT))  # the languages with a stoplist, in code order


# The stoplists are split into sets when first used, not at import (a third of the
# import time). Both caches depend only on the data, so they never change an output.
@functools.cache
def _stopword_index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """The languages with a stoplist, in code order, and word -> the numbers (places in
    that order) of those whose stoplist holds it, in order; never changed."""
    languages = _LANGUAGES
    index: dict[str, tuple[int, ...]] = {}
    for number, lang in enumerate(languages):
        for word in stopwords(lang):
            index[word] = (*index.get(word, ()), number)
    return languages, index


@functools.cache
def _stoplist(language: str) -> frozenset[str]:
    return frozenset(STOPWORD_TEXT[language].split(SEP))


# Weight of the <html lang> declaration against stopword evidence: declarations are
# often left at a template's default, so they only break near-ties.
_DECLARED_BONUS: Final = 1.15
DETECTION_TOKENS: Final = 3000  # the tokens detection reads, the longest blocks first


# A block's tokens: a list, or (the compiled build's ``_ctokens.block_counts``, for the texts
# it splits itself: most) one str of them, each after a mark (a control character: its
# length, or 0 for a token of more than 31 characters), which makes one str a block instead
# of a list and a str a token. No token holds a control character (\w matches none).
Tokens = list[str] | str
_MARKS: Final = re.compile("[\x00-\x1f]")


def token_list(toks: Tokens) -> list[str]:
    """A block's tokens as a list (a marked str split at its marks)."""
    return [t for t in _MARKS.split(toks) if t] if isinstance(toks, str) else toks


def tokens(text: str) -> list[str]:
    lowered = text.lower()
    # In ASCII text the tokens are the \w+ runs, which the standard re finds faster.
    return _ASCII_TOKEN.findall(lowered) if lowered.isascii() else _TOKEN.findall(lowered)


def stopwords(language: str) -> frozenset[str]:
    return _stoplist(language) if language in STOPWORD_TEXT else frozenset()


def count_tokens(
    token_lists: Iterable[Tokens], limit: int, keep: dict[str, tuple[str, ...]] | None = None
) -> dict[str, int]:
    """Each token's count in the lists, read until ``limit`` tokens are seen (the list that
    reaches it counted whole); with ``keep``, only the tokens it holds are counted. The
    compiled build's ``_ctokens.count_tokens`` is checked against this."""
    counts: Counter[str] = Counter()
    seen = 0
    for block in token_lists:
        toks = token_list(block)
        counts.update(toks if keep is None else [t for t in toks if t in keep])
        seen += len(toks)
        if seen >= limit:
            break
    return counts


def language_hits(
    token_lists: Iterable[Tokens], limit: int, index: dict[str, tuple[int, ...]], n: int
) -> list[int]:
    """Per language number below ``n``, the tokens of the lists (read as
    :func:`count_tokens` reads them) whose ``index`` entry holds it: each token counted,
    then its count added to its languages (``_ctokens.language_hits`` gives the same,
    adding one a token and language, with no dict)."""
    hits = [0] * n
    for tok, count in count_tokens(token_lists, limit).items():
        for number in index.get(tok, ()):
            hits[number] += count
    return hits


CHits = Callable[[Iterable[Tokens], int, dict[str, tuple[int, ...]], int, bytes], list[int]]
CStops = Callable[[list[Tokens], list[int], int, int, bytes, int, float], tuple[int, list[int]] | None]


class _CLoops(NamedTuple):
    hits: CHits
    word_table: WordTable
    stops: CStops


def _c_loops() -> _CLoops | None:
    """The compiled build's C loops: :func:`language_hits` (only the stopwords counted, as
    a language each, where the reference's Counter and its loop over the counts cost two
    thirds of detection), which finds the tokens in a word table (``_ctokens.word_table``,
    made once: no token is hashed, where a dict look-up hashed each), and
    :func:`detect_with_stops`' one call; None in a pure install, which runs the references."""
    module = c_module("_ctokens")
    if module is None:
        return None
    return _CLoops(
        cast(CHits, module.language_hits),
        cast(WordTable, module.word_table),
        cast(CStops, module.language_stops),
    )


_C_LOOPS: Final = _c_loops()
_c_language_hits: Final = None if _C_LOOPS is None else _C_LOOPS.hits
_word_table: Final = None if _C_LOOPS is None else _C_LOOPS.word_table
_c_language_stops: Final = None if _C_LOOPS is None else _C_LOOPS.stops


@functools.cache
def _index_table() -> bytes:
    """The compiled build's word table of the stopword index (made on first use, once)."""
    assert _word_table is not None
    index = _stopword_index()[1]
    return _word_table(list(index), list(index.values()))


@functools.cache
def stop_table(language: str) -> bytes | None:
    """The compiled build's word table of :func:`stopwords` (``_ctokens.stop_counts`` finds
    the tokens there, not in the set: no token is hashed); None in a pure install."""
    if _word_table is None:
        return None
    words = sorted(stopwords(language))
    return _word_table(words, [()] * len(words))


def detect_language(token_lists: Iterable[Tokens], declared: str = "") -> str:
    """The language whose stopwords cover most of the tokens; ``""`` when none do."""
    languages, index = _stopword_index()
    if _c_language_hits is not None:
        counts = _c_language_hits(token_lists, DETECTION_TOKENS, index, len(languages), _index_table())
    else:
        counts = language_hits(token_lists, DETECTION_TOKENS, index, len(languages))
    return _chosen(languages, counts, declared)


# The place of each language with a stoplist in code order (_LANGUAGES).
_PLACES: Final = {lang: at for at, lang in enumerate(_LANGUAGES)}


def _chosen(languages: tuple[str, ...], counts: list[int], declared: str) -> str:
    """The language of the most hits (``counts``: per language of ``languages``, languages
    with a stoplist in code order), the declared one's multiplied by the bonus; of equals, the
    first in code order. (As a dict of the languages with hits, each float(count), whose sorted keys' max by
    value is taken: one pass, with no dict and no sort. The others' counts are compared as
    ints, which their floats are exactly; only the declared one's is made a float, its place
    found in ``languages``.)"""
    mine = languages.index(declared) if declared in languages else -1  # the declared one's place
    best, most = -1, 0  # the first of the most hits among the languages not declared
    for at, count in enumerate(counts):
        if count > most and at != mine:
            best, most = at, count
    if mine >= 0 and counts[mine] > 0:
        value = float(counts[mine]) * _DECLARED_BONUS
        if best < 0 or value > float(most) or (value == float(most) and mine < best):
            return declared
    if best < 0:
        return declared if declared in STOPWORD_TEXT else ""
    return languages[best]


def detect_with_stops(
    token_lists: list[Tokens], counts: list[int], declared: str
) -> tuple[str, list[int]] | None:
    """``detect_language`` of the lists, longest first (``counts``: each one's tokens; ties in
    list order), and per list its tokens in the found language's stopwords
    (``_token_stats.stop_counts``), by the compiled build's one C call
    (``_ctokens.language_stops``): each token detection reads looked up once in the stopword
    index, which gives its languages (a word is in a stoplist when the index gives it that
    language), the choice made as :func:`_chosen` makes it, and the other lists' tokens looked
    up in the index too. None in a pure install, which reads the lists twice."""
    if _c_language_stops is None:
        return None
    found = _c_language_stops(
        token_lists,
        counts,
        DETECTION_TOKENS,
        len(_PLACES),
        _index_table(),
        _PLACES.get(declared, -1),
        _DECLARED_BONUS,
    )
    if found is None:  # (more languages than the C loop keeps apart)
        return None
    number, stops = found
    return (_LANGUAGES[number] if number >= 0 else ""), stops


def is_cjk(language: str) -> bool:
    return language in _CJK


_CJK_CHAR: Final = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")


# No Han, Hiragana or Katakana character comes before U+2E80 (CJK radicals): the
# comparison settles the common one-letter tokens ("a", "I", "1") without the regex.
_FIRST_CJK: Final = "\u2e80"


def is_cjk_char(token: str) -> bool:
    """Whether a one-character token is Han, Hiragana or Katakana (full-width script)."""
    return token >= _FIRST_CJK and _CJK_CHAR.match(token) is not None
