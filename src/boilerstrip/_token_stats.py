"""What the features stage reads from each block's tokens, without keeping every token.

A token is a string object of about 60 bytes; held for every block at once they take
about nine times the page's size, more than anything else the stage holds. Pages of up
to ``CHUNK_BLOCKS`` blocks (all but the largest) are tokenised once and their tokens
dropped when the counts are taken; larger pages are read a chunk at a time, and
tokenised again for the stopword counts once the language is known (and for the
language, on its longest blocks). Both ways give the same counts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import NamedTuple

from ._language import detect_language, is_cjk_char, stopwords, tokens
from ._model import Label
from ._phrases import phrase_kinds

# Blocks tokenised at once; above this a page is read in chunks. No development page comes
# near it; chunks hold the tokens to a few MB (tokenising twice costs ~2% of extract()).
CHUNK_BLOCKS = 4096


# A named tuple: made once per page, and a dataclass costs more to define at import.
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
    title_tokens = frozenset(tokens(page_title))
    counts: list[int] = []
    cjk: list[int] = []
    title_match: list[bool] = []
    phrases: list[Label | None] = []
    whole: list[list[str]] | None = None  # every block's tokens, when the page is one chunk
    for start in range(0, len(texts), chunk):
        part = texts[start : start + chunk]
        toks = [tokens(text) for text in part]
        counts += map(len, toks)
        cjk += map(_cjk_count, part, toks)
        title_match += (matches_title(t, title_tokens) for t in toks)
        phrases += phrase_kinds(part, [t[:scan_words] for t in toks], scan_chars, whole_max_chars)
        if len(texts) <= chunk:
            whole = toks
    if not language:
        # The longest blocks first, as many as detection reads (a stable sort: ties keep
        # block order).
        order = sorted(range(len(texts)), key=counts.__getitem__, reverse=True)
        longest: Iterator[list[str]] = (whole[i] if whole is not None else tokens(texts[i]) for i in order)
        language = detect_language(longest, declared_language)
    stop = stopwords(language)
    if whole is not None:
        stops = [sum(map(stop.__contains__, t)) for t in whole]
    else:
        stops = [sum(map(stop.__contains__, tokens(text))) for text in texts]
    return TokenStats(counts, cjk, stops, title_match, phrases, language)
