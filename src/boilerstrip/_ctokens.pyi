# The features stage's token loops and the decision's copy keys in C (_ctokens.c), in the
# compiled build only.
from collections.abc import Callable, Iterable

def block_counts(
    texts: list[str],
    title_tokens: frozenset[str],
    tokens: Callable[[str], list[str]],
    cjk_count: Callable[[str, list[str]], int],
    /,
) -> tuple[list[list[str] | str], list[int], list[int], list[bool]]: ...
def token_set(text: str, tokens: Callable[[str], list[str]], /) -> frozenset[str]: ...
def stop_counts(
    token_lists: list[list[str] | str], stopwords: frozenset[str], table: bytes = ..., /
) -> list[int]: ...
def language_hits(
    token_lists: Iterable[list[str] | str],
    limit: int,
    index: dict[str, tuple[int, ...]],
    n: int,
    table: bytes = ...,
    /,
) -> list[int]: ...
def language_stops(
    token_lists: list[list[str] | str],
    counts: list[int],
    limit: int,
    n: int,
    table: bytes,
    mine: int,
    bonus: float,
    /,
) -> tuple[int, list[int]] | None: ...
def sieve_passes(sieve: tuple[tuple[str, ...], tuple[str, ...], str, bytes], text: str, /) -> bool: ...
def may_match(
    facts: tuple[tuple[int, bytes, tuple[str, ...], tuple[tuple[str, ...], ...]], ...],
    text: str,
    held: str,
    lowered: str | None,
    /,
) -> bool: ...
def phrase_rows(
    rows_of: dict[str, tuple[int, ...]],
    tokens: list[str] | str,
    exact: dict[str, tuple[int, ...]],
    prefix: dict[str, tuple[int, ...]],
    heads: frozenset[str],
    keyless: tuple[int, ...],
    key_sieve: bytes = ...,
    table: bytes | None = ...,
    limit: int = ...,
    /,
) -> list[int]: ...
def pair_rows(
    tokens: list[str] | str,
    limit: int,
    first: tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], frozenset[str], bytes, bytes | None],
    second: tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], frozenset[str], bytes, bytes | None]
    | None,
    rows_of: tuple[dict[str, tuple[int, ...]], ...],
    /,
) -> tuple[list[int], list[int]]: ...
def phrase_candidates(
    texts: list[str],
    token_lists: list[list[str] | str],
    limits: tuple[int, int, int, int],
    anywhere: tuple[object, ...],
    whole: tuple[object, ...],
    stripped: str,
    /,
) -> list[tuple[list[int], list[int], int] | None]: ...
def has_ascii_digit(text: str, count: int = 1, /) -> bool: ...
def lower(text: str, /) -> str: ...
def copy_key(text: str, /) -> str: ...
def name_words(raw: str, /) -> tuple[str, list[str] | None] | None: ...
def name_bits(
    raw: str,
    tables: tuple[object, ...],  # _name_verdicts' tables: 8 or 9 items, the ASCII sieve first
    decision: tuple[object, ...] = ...,  # 4 ints, or 6 items with the overlay rule's words
    /,
) -> tuple[str, int, bool] | int | None: ...
def card_tree(locators: list[str], /) -> tuple[list[int], list[int], list[int], list[int]] | None: ...
