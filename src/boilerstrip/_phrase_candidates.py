"""A page's blocks' phrase rows and gates sieved before any block is lowered, stripped or cut:
``_phrases.phrase_kinds`` tries on a block only the key rows and gates kept here, and gives a
block none of which is kept no kind without reading it further.

A key row or a gate's group (``_phrases._Index``) is dropped when its sieve alone rules the
block out (``_phrase_match.matches``' first step: a text that holds none of the sieve's
strings can match only its branches without strings, and the pattern has none), or when the
tests ``_fullmatch`` and ``_found`` ask before a regex (first characters, digits, branch
facts: a gate's rests' always, a key row's once a block has tried it, ``_Index.row_tests``)
rule out the pattern or rest it would try: its matches call would be False, so the first
row that matches, and the kind, stay the same. Each index is
read as ``_phrases._phrase_kind`` reads it: the whole-block one on its text stripped (a text
of up to ``whole_max_chars``), the anywhere one on its first ``scan_chars`` characters, the
gates on a short text only (the digit group only on a text with a digit, the wide group only
on one not ASCII); the keyless rows are tried where a gate opens, as before. A block with a
line break is never None: ``_last_line_kind`` reads its last line (its bit ``LAST_LINE``; no
other block's is read).

The compiled build runs this in C over all of a page's blocks in one call
(``_ctokens.phrase_candidates``, ``_ctokens_phrase.c``), where a text of one or two bytes a
character is lowered into a buffer and no str is made for it; :func:`phrase_candidates` is its
reference (tests/test_ctokens_phrase.py checks that both give the same). A pure install
reads each block's key rows and gates as before (:func:`all_candidates`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, Protocol, cast

from ._compiled import c_function
from ._language import Tokens
from ._match_facts import branches_may_match, lacks_digits, may_start
from ._phrase_rows import Keys, both_rows, pair_rows
from ._phrase_sieve import PhraseFilter, passes
from ._row_tests import RestFacts, RowTests

# A block's candidates: its key rows of the anywhere index and of the whole-block one, each
# in row order, and bits: of the whole-block gate's groups that may match (1 the wide one, 2
# the digit one, 4 the other one: ``_phrase_keys.Gate``), of the anywhere gate's the same shifted
# by ``ANYWHERE_GATE``, and ``LAST_LINE`` when ``_phrases._last_line_kind`` may find a kind (a
# line break), and ``SIEVED`` when its text was read here: then each key row and gate group kept
# whose sieve (of the text's kind) has no rest passed that sieve, and ``_phrase_match.matches``
# need not ask it again; None when none may match.
Candidates = tuple[list[int], list[int], int]
GATE_GROUPS: Final = 7
ANYWHERE_GATE: Final = 3
LAST_LINE: Final = 64
ALL_GATES: Final = 127
SIEVED: Final = 128
READ_MAX: Final = 1024  # (_ctokens_phrase.c's) a longer read part is left unsieved


class Index(Protocol):
    """What this module reads of ``_phrases._Index``."""

    @property
    def filters(self) -> tuple[PhraseFilter, ...]: ...
    @property
    def keys(self) -> Keys: ...
    @property
    def gate(self) -> tuple[str, str, str]: ...
    @property
    def gate_filters(self) -> tuple[PhraseFilter, PhraseFilter, PhraseFilter]: ...
    @property
    def gate_rests(self) -> tuple[tuple[RestFacts, RestFacts], ...]: ...
    @property
    def row_tests(self) -> list[RowTests | None]: ...


def all_candidates(
    text: str,
    tokens: Tokens,
    limits: tuple[int, int, int, int],
    tables: tuple[Index, Index],
    caches: tuple[dict[str, tuple[int, ...]], ...],
) -> Candidates:
    """A block's key rows of both indexes of ``tables`` (anywhere, whole-block;
    ``_phrase_rows.pair_rows``, each token's rows looked up once a page through ``caches``; the
    whole-block ones only for a text of up to ``whole_max_chars``) and both gates, none sieved."""
    _, whole_max, scan_words, _ = limits
    anywhere, whole = tables
    second = whole.keys if len(text) <= whole_max else None
    first_rows, second_rows = both_rows(tokens, scan_words, anywhere.keys, second, caches)
    return first_rows, second_rows, ALL_GATES


def _rest_may_match(facts: RestFacts, held: str, first: str, ascii_text: bool) -> bool:
    """Whether a sieve's rest whose :func:`_row_tests.rest_facts` are ``facts`` may match
    the text whose lower case is ``held`` and whose first character is ``first`` ("" when it
    is empty): ``_fullmatch``'s and ``_found``'s tests of it before its regex. Its digits are
    counted on any text read here, as on an ASCII one: of Latin-1 characters and separators,
    its only ``\\d`` are 0-9 (held has the digits of the text it lowers)."""
    has_start, mask, start_digits, start_runs, has_rest, rest_digits, rest_runs, start, rest = facts
    if (
        has_start
        and may_start(mask, first)
        and not lacks_digits(start_digits, start_runs, held, held)
        and branches_may_match(start, held, first, ascii_text)
    ):
        return True
    return (
        bool(has_rest)
        and not lacks_digits(rest_digits, rest_runs, held, held)
        and branches_may_match(rest, held, first, ascii_text)
    )


def _may_match(  # noqa: PLR0917 - may_match's of _ctokens_phrase.c
    filter_: PhraseFilter,
    held: str,
    first: str,
    ascii_text: bool,
    rests: tuple[RestFacts, RestFacts] | None,
    own: tuple[RestFacts, RestFacts] | None = None,
) -> bool:
    """``_phrase_match.matches``' first steps: whether the sieve passes ``held`` and the
    pattern's own facts (``own``, of ASCII texts and of any text; None: none known) do not rule
    it out, or the pattern has branches without strings (tried whatever the sieve says) that
    their facts (``rests``, the same) do not rule out."""
    sieve = filter_.ascii if ascii_text else filter_.wide
    which = 0 if ascii_text else 1
    if sieve.rest and (rests is None or _rest_may_match(rests[which], held, first, ascii_text)):
        return True
    return passes(sieve, held) and (own is None or _rest_may_match(own[which], held, first, ascii_text))


def _sieved(
    index: Index, rows: list[int], held: str, first: str, *, gate: bool, digit: bool, ascii_text: bool
) -> tuple[list[int], int]:
    """The rows that may match ``held`` (whose text starts with ``first``), and the bits of the
    gate's groups that may."""
    kept = []
    for row in rows:
        tests = index.row_tests[row]
        own, rests = (None, None) if tests is None else tests
        if _may_match(index.filters[row], held, first, ascii_text, rests, own):
            kept.append(row)
    asked = (not ascii_text, digit, True)  # the gate's wide, digit and other groups
    groups = 0
    for bit, (ask, source, filter_, rests) in enumerate(
        zip(asked, index.gate, index.gate_filters, index.gate_rests)
    ):
        if gate and ask and source and _may_match(filter_, held, first, ascii_text, rests):
            groups |= 1 << bit
    return kept, groups


def separator(code: int) -> bool:
    """A character past Latin-1 that ``block_counts`` splits texts at (``_ctokens_words.h``)."""
    if code < 0x2000:
        return False
    if code < 0x2190:
        return (
            code <= 0x200B
            or 0x200E <= code <= 0x203E
            or 0x2041 <= code <= 0x2053
            or 0x2055 <= code <= 0x205F
            or 0x20A0 <= code <= 0x20C0
        )
    return (
        code <= 0x23FF or 0x2500 <= code <= 0x27BF or 0x1F300 <= code <= 0x1F64F or 0x1F900 <= code <= 0x1F9FF
    )


def block_candidates(  # noqa: PLR0917 - the arguments of the C loop it is the reference of
    text: str,
    tokens: Tokens,
    limits: tuple[int, int, int, int],
    anywhere: Index,
    whole: Index,
    stripped: str,
) -> Candidates | None:
    """A block's candidates (:data:`Candidates`), sieved for a text read here: one of one or
    two bytes a character, ASCII or whose tokens are a marked str (of Latin-1 characters and
    separators), read no further than ``READ_MAX`` characters; any other's are all of them.
    ``limits``: (scan_chars, whole_max_chars, scan_words, keyless_max_chars)."""
    scan_chars, whole_max, scan_words, keyless_max = limits
    second = whole.keys if len(text) <= whole_max else None
    keyed_anywhere, keyed_whole = pair_rows(tokens, scan_words, anywhere.keys, second, ({}, {}))
    ascii_text = text.isascii()
    short, whole_text = len(text) <= keyless_max, len(text) <= whole_max
    read = text if whole_text or len(text) <= scan_chars else text[:scan_chars]
    readable = (
        (ascii_text or isinstance(tokens, str))
        and max(map(ord, text), default=0) <= 0xFFFF
        and not (short and len(text) > scan_chars)
        and len(read) <= READ_MAX
    )
    if readable and not short and not keyed_anywhere and not keyed_whole:
        return ([], [], LAST_LINE) if "\n" in text else None  # (no row, no gate: not lowered)
    if not readable or not all(ord(c) <= 0xFF or separator(ord(c)) for c in read):
        return keyed_anywhere, keyed_whole, ALL_GATES
    lowered = read.lower()
    digit = short and any("0" <= c <= "9" for c in text)
    gates = 0
    if whole_text:
        held = lowered.strip(stripped)
        first = text.strip(stripped)[:1]
        keyed_whole, gates = _sieved(
            whole, keyed_whole, held, first, gate=short, digit=digit, ascii_text=ascii_text
        )
    keyed_anywhere, groups = _sieved(
        anywhere,
        keyed_anywhere,
        lowered[:scan_chars],
        text[:1],
        gate=short,
        digit=digit,
        ascii_text=ascii_text,
    )
    gates |= groups << ANYWHERE_GATE | (LAST_LINE if "\n" in text else 0)
    if not gates and not keyed_anywhere and not keyed_whole:
        return None
    return keyed_anywhere, keyed_whole, gates | SIEVED


def phrase_candidates(  # noqa: PLR0917 - the arguments of the C loop it is the reference of
    texts: Sequence[str],
    token_lists: Sequence[Tokens],
    limits: tuple[int, int, int, int],
    anywhere: Index,
    whole: Index,
    stripped: str,
) -> list[Candidates | None]:
    """Per block, its candidates (:func:`block_candidates`)."""
    return [
        block_candidates(text, tokens, limits, anywhere, whole, stripped)
        for text, tokens in zip(texts, token_lists)
    ]


PageCandidates = Callable[
    [list[str], list[Tokens], tuple[int, int, int, int], Index, Index, str], list[Candidates | None]
]


# The compiled build's C pass (None in a pure install, which reads every block's candidates
# with all_candidates).
c_phrase_candidates: Final = cast("PageCandidates | None", c_function("_ctokens", "phrase_candidates"))
