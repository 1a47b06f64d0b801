"""What the features stage reads from each block's tokens, without keeping every token.

A token is a string object of about 60 bytes; held for every block at once they take
about nine times the page's size, more than anything else the stage holds. Pages of up
to ``CHUNK_BLOCKS`` blocks (all but the largest) are tokenised once and their tokens
dropped when the counts are taken; larger pages are read a chunk at a time (a fixed
language's stopwords counted then), and tokenised again by the same loop for the
stopword counts once the language is known (and for the language, on the longest blocks
it reads). Both ways give the same counts.

The compiled build runs the per-block loop in C (``_ctokens``: :func:`block_counts` and
:func:`stop_counts` are its reference, and a pure install runs them), which gives most
blocks' tokens as one str of them, each after a mark (``_language.Tokens``), not a list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Final, NamedTuple, cast

from ._compiled import c_module
from ._language import (
    DETECTION_TOKENS,
    Tokens,
    detect_language,
    detect_with_stops,
    is_cjk_char,
    stop_table,
    stopwords,
    token_list,
    tokens,
)
from ._model import Label, new_tuple
from ._phrases import phrase_kinds

# Blocks tokenised at once; above this a page is read in chunks. No development page comes
# near it; chunks hold the tokens to a few MB (tokenising twice costs ~2% of extract()).
CHUNK_BLOCKS = 4096


# A named tuple: made once per page, and a dataclass costs more to define at import.
# Made by new_tuple (_model): a named tuple's class call runs its __new__ in the interpreter.
class TokenStats(NamedTuple):
    """Per block (in block order) the counts its tokens give, and the page language."""

    counts: list[int]  # tokens
    cjk: list[int]  # one-character Han, Hiragana or Katakana tokens
    stops: list[int]  # tokens that are stopwords of ``language``
    title_match: list[bool]
    phrases: list[Label | None]
    language: str


def _cjk_count(text: str, block_tokens: list[str]) -> int:
    # An ASCII text has no CJK token: only the others are looked through.
    return 0 if text.isascii() else sum(1 for t in block_tokens if len(t) == 1 and is_cjk_char(t))


def matches_title(block_tokens: list[str], title_tokens: frozenset[str]) -> bool:
    """Most of the block's words are title words and they cover most of the title
    (titles carry a site name: "Headline | Site" against the "Headline" heading)."""
    if not block_tokens or not title_tokens or len(block_tokens) > 3 * len(title_tokens):
        return False
    shared = sum(map(title_tokens.__contains__, block_tokens))  # counted in C: True adds 1
    return shared >= 0.8 * len(block_tokens) and shared >= 0.5 * len(title_tokens)


Counted = tuple[list[Tokens], list[int], list[int], list[bool]]


def block_counts(texts: list[str], title_tokens: frozenset[str]) -> Counted:
    """Per text its tokens, their number, its one-character CJK tokens and whether it
    matches the title (in the compiled build ``_ctokens.block_counts``, checked against this)."""
    toks = [tokens(text) for text in texts]
    counts = list(map(len, toks))
    cjk = list(map(_cjk_count, texts, toks))
    lists: list[Tokens] = list(toks)  # (the compiled build gives most as a marked str)
    return lists, counts, cjk, [matches_title(t, title_tokens) for t in toks]


def stop_counts(token_lists: list[Tokens], stop: frozenset[str]) -> list[int]:
    """Per block, its tokens in ``stop`` (``_ctokens.stop_counts`` in the compiled build)."""
    return [sum(map(stop.__contains__, token_list(t))) for t in token_lists]


# The C loops of the compiled build (_ctokens.c): one-byte texts (ASCII, Latin-1: most
# blocks) lowered, split and looked up in C, any other text handed to tokens and _cjk_count,
# so that both give the same. A pure install has no _ctokens and runs the functions above.
CBlockCounts = Callable[
    [list[str], frozenset[str], Callable[[str], list[str]], Callable[[str, list[str]], int]], Counted
]
CStopCounts = Callable[[list[Tokens], frozenset[str], bytes], list[int]]
# frozenset(tokens(text)), a text of Latin-1 characters and separators split in C
CTokenSet = Callable[[str, Callable[[str], list[str]]], frozenset[str]]


def _c_loops() -> tuple[CBlockCounts | None, CStopCounts | None, CTokenSet | None]:
    module = c_module("_ctokens")
    if module is None:
        return None, None, None
    return (
        cast(CBlockCounts, module.block_counts),
        cast(CStopCounts, module.stop_counts),
        cast(CTokenSet, module.token_set),
    )


# Looked up once at import (a pure install's failed import of _ctokens searches the path).
_C_LOOPS: Final = _c_loops()
_c_block_counts: Final = _C_LOOPS[0]
_c_stop_counts: Final = _C_LOOPS[1]
_c_token_set: Final = _C_LOOPS[2]


def token_stats(
    texts: Sequence[str],
    page_title: str,
    declared_language: str,
    *,
    language: str,
    scan_words: int,
    scan_chars: int,
    whole_max_chars: int,
    chunk: int = CHUNK_BLOCKS,
) -> TokenStats:
    """The token counts of every block of ``texts``. ``language`` is the page language
    when the options fix it, else "" (detected from the longest blocks' stopwords)."""
    title_tokens = frozenset(tokens(page_title)) if _c_token_set is None else _c_token_set(page_title, tokens)
    limits = (scan_words, scan_chars, whole_max_chars)
    if len(texts) <= chunk:  # (all but the largest pages: their columns taken as they come)
        # (every block's tokens, held at once)
        whole, counts, cjk, title_match, phrases = _chunk_counts(
            texts if isinstance(texts, list) else list(texts), title_tokens, limits
        )
        if not language:
            # The compiled build: the tokens detection reads looked up once for both, in one call.
            found = detect_with_stops(whole, counts, declared_language)
            if found is not None:
                return new_tuple(TokenStats, (counts, cjk, found[1], title_match, phrases, found[0]))
            language = detect_language(_longest(whole, counts), declared_language)
        stop = stopwords(language)
        fields = (
            counts,
            cjk,
            _stop_counts(whole, stop, stop_table(language)),
            title_match,
            phrases,
            language,
        )
        return new_tuple(TokenStats, fields)
    # A page of several chunks: a fixed language's stopwords counted as each chunk is read,
    # a detected one's once the language is known, each chunk tokenised again (by the same
    # C loop where there is one).
    stop = stopwords(language)
    table = stop_table(language)  # the set as the C loop reads it (None in a pure install)
    counts, cjk, stops, title_match, phrases = [], [], [], [], []
    for start in range(0, len(texts), chunk):
        toks, n, k, matched, kinds = _chunk_counts(list(texts[start : start + chunk]), title_tokens, limits)
        counts += n
        cjk += k
        title_match += matched
        phrases += kinds
        if language and stop:
            stops += _stop_counts(toks, stop, table)
        del toks  # (the chunk's tokens dropped before the next chunk's are made)
    if not language:
        # Only the longest blocks that detection reads are tokenised again for it.
        language = detect_language(_tokenised(_detection_texts(texts, counts)), declared_language)
        stop = stopwords(language)
        table = stop_table(language)
        if stop:
            for start in range(0, len(texts), chunk):  # tokenised again, a chunk at a time
                stops += _stop_counts(_tokenised(list(texts[start : start + chunk])), stop, table)
    if not stop:  # (no stoplist: no block has a stopword)
        stops = [0] * len(texts)
    return new_tuple(TokenStats, (counts, cjk, stops, title_match, phrases, language))


def _longest(token_lists: list[Tokens], counts: list[int]) -> Iterator[Tokens]:
    """The lists, longest first (``counts``: each one's tokens; a stable sort: ties keep
    list order), lazily: detection reads only the first."""
    return map(token_lists.__getitem__, sorted(range(len(token_lists)), key=counts.__getitem__, reverse=True))


def _detection_texts(texts: Sequence[str], counts: list[int]) -> list[str]:
    """The texts whose tokens detection reads, in the order it reads them: the longest
    (``counts``: each text's tokens; ties in text order) until ``DETECTION_TOKENS`` tokens
    are seen, the text that reaches them read whole; texts without tokens add nothing."""
    read: list[str] = []
    seen = 0
    for at in sorted(range(len(texts)), key=counts.__getitem__, reverse=True):
        if seen >= DETECTION_TOKENS or counts[at] == 0:
            break
        read.append(texts[at])
        seen += counts[at]
    return read


_NO_TITLE: Final = frozenset[str]()


def _tokenised(part: list[str]) -> list[Tokens]:
    """The texts' tokens, as the first pass made them (by the C loop where there is one)."""
    if _c_block_counts is not None:
        return _c_block_counts(part, _NO_TITLE, tokens, _cjk_count)[0]
    return [tokens(text) for text in part]


def _chunk_counts(
    part: list[str], title_tokens: frozenset[str], limits: tuple[int, int, int]
) -> tuple[list[Tokens], list[int], list[int], list[bool], list[Label | None]]:
    """The blocks' tokens, their counts, CJK counts, title matches and phrase kinds
    (``limits``: scan_words, scan_chars, whole_max_chars), by the C loop where there is one."""
    if _c_block_counts is not None:
        toks, n, k, matched = _c_block_counts(part, title_tokens, tokens, _cjk_count)
    else:
        toks, n, k, matched = block_counts(part, title_tokens)
    scan_words, scan_chars, whole_max_chars = limits
    # (the phrase rows read each block's first scan_words tokens)
    return toks, n, k, matched, phrase_kinds(part, toks, scan_chars, whole_max_chars, scan_words=scan_words)


def _stop_counts(token_lists: list[Tokens], stop: frozenset[str], table: bytes | None) -> list[int]:
    """:func:`stop_counts`, by the C loop where there is one (``table``: its word table of
    ``stop``, ``_language.stop_table``)."""
    if _c_stop_counts is not None and table is not None:
        return _c_stop_counts(token_lists, stop, table)
    return stop_counts(token_lists, stop)
