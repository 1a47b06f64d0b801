"""Boilerplate phrases: the tables of ``_phrase_table``, indexed by key words.

Searching a block with all the patterns at once costs milliseconds (a backtracking
engine tries every alternative at every position), so each row is indexed by the
literal words of its pattern: a block is searched only with the rows whose key words
occur among its tokens, a few dictionary look-ups per token. A key word of three
letters or more matches the tokens that start with it (up to five letters:
``newsletter\\w*`` against "newsletters", ``repl(?:y|ies)`` against "reply"); shorter
ones match equal tokens. For CJK scripts, whose tokens are single characters, the key
is a literal's first character. Rows with no key word (symbols, digits) are searched on
short blocks only. On 12,931 blocks of 60 dev pages this finds the same phrases as the
full search on all but 9 blocks ("e-?mail" in "Email", "ads?" in "Ads"), 16 times faster.
A row or gate a block's keys select is then sieved (``_phrase_sieve``: literal strings its
matches must start with or hold) and searched (``_phrase_match``), with the same answer.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Final, NamedTuple

from ._language import Tokens
from ._language import tokens as line_tokens
from ._model import Label
from ._pattern_reader import top_level_branches
from ._pattern_store import Key
from ._phrase_candidates import (
    ANYWHERE_GATE,
    GATE_GROUPS,
    LAST_LINE,
    SIEVED,
    Candidates,
    all_candidates,
    c_phrase_candidates,
)
from ._phrase_keys import Gate, stored_gate, stored_key_words
from ._phrase_match import has_digit, matches
from ._phrase_rows import MIN_PREFIX, PREFIX, Keys, ascii_digit, c_lower, key_sieve, phrase_rows, rows_table
from ._phrase_sieve import PhraseFilter, phrase_filter
from ._phrase_table import PHRASES, WHOLE_BLOCK_PHRASES
from ._row_tests import RestFacts, RowTests, compiled_keys, row_tests, sieve_rests

__all__ = ["STRIPPED", "matches", "phrase_kind", "phrase_kinds"]  # (matches: _phrase_match's)

# Final: the compiled build inlines each or reads it from a C static.
_KEYLESS_MAX_CHARS: Final = 200  # rows without key words are searched on blocks up to this long
STRIPPED: Final = " .:!?…·|»«›‹>-"  # around whole-block phrases (and _titled_boxes' titles)


# A named tuple, not a frozen dataclass: defining one costs a fifth as much at import.
class _Index(NamedTuple):
    kinds: tuple[Label, ...]  # per row
    sources: tuple[str, ...]  # per row: the pattern, compiled on first use (_compiled)
    filters: tuple[PhraseFilter, ...]  # per row
    # The keys as the row loops read them (_phrase_rows.Keys): exact (token -> rows); prefix
    # (first three to five letters of a token -> the rows of the keys it starts with); heads
    # (the first three letters of every prefix key); sieve (the keys' bits, key_sieve); table
    # (the keys and their rows as the compiled build's loop reads them, rows_table).
    keys: Keys
    keyless: tuple[int, ...]
    # The keyless rows as one alternation: whether any of them matches is one regex call
    # (the same answer as trying each), and only then is each tried in row order. Made of
    # the rows' top-level branches, so that _found can try the anchored ones apart.
    any_keyless: str
    gate: Gate  # the same branches, grouped by what every match of each must hold
    gate_filters: tuple[PhraseFilter, PhraseFilter, PhraseFilter]  # of the gate's groups
    # The facts of each group's sieves' rests (_row_tests.rest_facts: of the ASCII sieve's
    # for ASCII texts, of the wide one's for any other), read by _phrase_candidates.
    gate_rests: tuple[tuple[RestFacts, RestFacts], ...]
    # Per row, its tests (_row_tests.row_tests), read by _phrase_candidates' pass to drop a
    # key row whose sieve passes but whose matches call would be False without a regex; None
    # until a block first tries the row (_first_kind): made at the index's build, every row's
    # facts would be read at a process's first call (issue5-tokens47's +6.5%). A memo as
    # _phrase_match's are: made from the row alone, the same in every thread, and the pass
    # gives the same kinds with or without it.
    row_tests: list[RowTests | None]


def _index(rows: tuple[tuple[str, str, str], ...], *, whole: bool) -> _Index:
    """``whole``: the rows are matched against all of a text (WHOLE_BLOCK_PHRASES)."""
    exact: dict[str, list[int]] = {}
    prefix: dict[str, list[int]] = {}
    keyless: list[int] = []
    for row, (_kind, _language, pattern) in enumerate(rows):
        keys = stored_key_words(pattern)
        if keys is None:
            keyless.append(row)
        for key in keys or ():
            target = prefix if len(key) >= MIN_PREFIX else exact
            target.setdefault(key[:PREFIX], []).append(row)
    branches = [branch for row in keyless for branch in top_level_branches(rows[row][2])]
    gate = stored_gate(branches)
    exact_rows = {k: tuple(v) for k, v in exact.items()}
    prefix_rows = {
        k: tuple(sorted({r for n in range(MIN_PREFIX, len(k) + 1) for r in prefix.get(k[:n], ())}))
        for k in prefix
    }
    heads = frozenset(k[:MIN_PREFIX] for k in prefix)
    sieve = key_sieve([*exact, *prefix])
    table = rows_table(exact_rows, prefix_rows, heads)
    gate_filters = (
        phrase_filter(gate.wide, whole=whole),
        phrase_filter(gate.digit, whole=whole),
        phrase_filter(gate.other, whole=whole),
    )
    return _Index(
        tuple(Label(kind) for kind, _, _ in rows),
        tuple(pattern for _, _, pattern in rows),
        tuple(phrase_filter(pattern, whole=whole) for _, _, pattern in rows),
        Keys(exact_rows, prefix_rows, heads, sieve, table),
        tuple(keyless),
        "|".join(branches),
        gate,
        gate_filters,
        tuple(sieve_rests(f, whole=whole) for f in gate_filters),
        [None] * len(rows),
    )


# Built on first use, not at import: indexing and compiling the tables costs ~100 ms,
# most of the import time. Both caches hold values that depend only on the tables (built
# once per process, the same in every thread), so they never change an output.
@functools.cache
def _indexes() -> tuple[_Index, _Index]:
    """The indexes of (PHRASES, WHOLE_BLOCK_PHRASES)."""
    return _index(PHRASES, whole=False), _index(WHOLE_BLOCK_PHRASES, whole=True)


def stored_keys() -> set[Key]:
    """The (pattern, flags) that matching the tables may compile (``_pattern_store``)."""
    keys = compiled_keys(r"\d", phrase_filter("", whole=False), whole=False)
    for index, whole in zip(_indexes(), (False, True)):
        for source, filter_ in zip(index.sources, index.filters):
            keys |= compiled_keys(source, filter_, whole=whole)
        for source, filter_ in zip(index.gate, index.gate_filters):
            if source:
                keys |= compiled_keys(source, filter_, whole=whole)
    return keys


def _gate_open(  # noqa: PLR0917
    index: _Index,
    text: str,
    lowered: str | None,
    held: str,
    digit: bool,
    groups: int,
    *,
    whole: bool,
    sieved: bool = False,
    simple: bool = False,
) -> bool:
    """Whether one of the keyless rows matches ``text`` (all of it when ``whole``, else
    anywhere in it): the answer of the rows' one alternation, each group of branches tried
    only on a text that can hold a match of it (0.4 times the whole-block gate's time),
    through its filter. ``digit``: whether ``text`` holds a ``\\d`` (:func:`has_digit`);
    ``groups``: the bits of the groups that may match (``_phrase_candidates``: 1 wide, 2
    digit, 4 other), the others not tried; ``sieved``: they were kept by its pass on ``held``
    (``matches``); ``simple``: ``text`` is of Latin-1 characters and separators (``matches``)."""
    wide, digit_rows, other = index.gate
    wide_filter, digit_filter, other_filter = index.gate_filters
    return (
        (
            groups & 4 != 0
            and bool(other)
            and matches(other, other_filter, text, lowered, held, whole=whole, sieved=sieved, simple=simple)
        )
        or (
            groups & 2 != 0
            and bool(digit_rows)
            and digit
            and matches(
                digit_rows, digit_filter, text, lowered, held, whole=whole, sieved=sieved, simple=simple
            )
        )
        or (
            groups & 1 != 0
            and bool(wide)
            and lowered is None
            and matches(wide, wide_filter, text, lowered, held, whole=whole, sieved=sieved, simple=simple)
        )
    )


def _candidates(
    index: _Index, rows_of: dict[str, tuple[int, ...]], tokens: Tokens, keyless: bool, limit: int = -1
) -> list[int]:
    """The rows to try on a block, in row order: those whose key words its first ``limit``
    tokens (all when negative) hold, and the keyless rows when ``keyless`` (one of them
    matches the block)."""
    keys = index.keys
    return phrase_rows(
        rows_of,
        tokens,
        keys.exact,
        keys.prefix,
        keys.heads,
        index.keyless if keyless else (),
        keys.sieve,
        keys.table,
        limit,
    )


def phrase_kinds(
    texts: Sequence[str],
    token_lists: Sequence[Tokens],
    scan_chars: int,
    whole_max_chars: int,
    *,
    scan_words: int = -1,
) -> list[Label | None]:
    """Per block, the chrome kind of a boilerplate phrase in its text (whose lowercased
    tokens are given, of which the first ``scan_words`` are read: all when negative), if one
    occurs: a whole-block label ("Read more") or a phrase anywhere in the first
    ``scan_chars`` characters."""
    anywhere, whole = _indexes()
    whole_rows: dict[str, tuple[int, ...]] = {}  # token -> rows, for this page only
    anywhere_rows: dict[str, tuple[int, ...]] = {}
    # A page repeats many short texts ("Reply", "Share", dates): a fifth of its blocks, and
    # most of the keyless searches. Their tokens are those of the text, so one answer holds.
    kinds: dict[str, Label | None] = {}
    out: list[Label | None] = []
    limits = (scan_chars, whole_max_chars, scan_words, _KEYLESS_MAX_CHARS)
    # One tuple a page, of any length to the compiled build: an object passed on as it is.
    caches: tuple[dict[str, tuple[int, ...]], ...] = (anywhere_rows, whole_rows)
    # The compiled build sieves every block's key rows and gates in one C pass over the page
    # (_phrase_candidates: None for a block none of which may match it, which has no kind).
    sieved: list[Candidates | None] | None = None
    if c_phrase_candidates is not None and isinstance(texts, list) and isinstance(token_lists, list):
        sieved = c_phrase_candidates(texts, token_lists, limits, anywhere, whole, STRIPPED)
    for i, (text, toks) in enumerate(zip(texts, token_lists)):
        found = None if sieved is None else sieved[i]
        if sieved is not None and found is None:
            out.append(None)
            continue
        # (A longer text is seldom repeated, and hashing it costs more than a repeat saves.)
        short = len(text) <= _KEYLESS_MAX_CHARS
        if short and text in kinds:
            out.append(kinds[text])
            continue
        keyed = found if found is not None else all_candidates(text, toks, limits, (anywhere, whole), caches)
        kind = _phrase_kind(text, toks, keyed, limits, tables=(anywhere, whole), rows=caches)
        if short:
            kinds[text] = kind
        out.append(kind)
    return out


def _phrase_kind(
    text: str,
    tokens: Tokens,
    keyed: Candidates,
    limits: tuple[int, int, int, int],
    *,
    tables: tuple[_Index, _Index],
    rows: tuple[dict[str, tuple[int, ...]], ...],
) -> Label | None:
    """``keyed``: the block's key rows of both indexes and the bits of the gates' groups that
    may match (``_phrase_candidates``); ``limits``: (scan_chars, whole_max_chars, scan_words,
    keyless_max_chars)."""
    scan_chars, whole_max_chars, _, keyless_max_chars = limits
    anywhere, whole = tables
    anywhere_keyed, whole_keyed, gates = keyed
    short = len(text) <= keyless_max_chars  # keyless rows are tried on short blocks only
    whole_text = len(text) <= whole_max_chars
    # (the keyless rows are tried where a gate opens, on a short text only)
    whole_gate = gates & GATE_GROUPS if short else 0
    anywhere_gate = gates >> ANYWHERE_GATE & GATE_GROUPS if short else 0
    tried_whole = whole_text and (bool(whole_keyed) or whole_gate != 0)
    # The rows and groups kept by the C pass on this held text passed their sieves where they
    # have no rest (the keyless rows a gate adds were not sieved there).
    sieved = gates & SIEVED != 0
    if tried_whole or anywhere_keyed or anywhere_gate != 0:
        ascii_text = text.isascii()
        # A text whose lowering maps each character to one, whatever its neighbours, is
        # lowercased once, as far as it is read (all of a text matched whole, else its first
        # scan_chars): its lower case strips and cuts as it does (none of STRIPPED changes,
        # and no character lowers to one of them). Such texts are the ASCII ones, and in the
        # compiled build those block_counts split itself (their tokens a marked str: Latin-1
        # characters and separators, lowered by _ctokens.lower). Any other text is lowercased
        # after each (str.lower may change a length, and a final sigma's case depends on what
        # follows it).
        simple = ascii_text or isinstance(tokens, str)
        if not simple:
            lowered_text = ""
        else:
            read = text if whole_text or len(text) <= scan_chars else text[:scan_chars]
            lowered_text = read.lower() if ascii_text or c_lower is None else c_lower(read)
        # Whether a short text holds a \d, for both gates: stripping keeps every digit (none
        # is in STRIPPED), and the head is all of a text no longer than scan_chars. Of the
        # characters of a simple text only 0-9 are \d's (no Latin-1 character or separator is
        # a decimal digit), so that none is searched with the regex.
        digit = short and (ascii_digit(text, 1) if simple else has_digit(text, None))
        if tried_whole:
            stripped = text.strip(STRIPPED)
            held = lowered_text.strip(STRIPPED) if simple else stripped.lower()
            lowered = held if ascii_text else None
            kind = _first_kind(
                whole,
                whole_keyed,
                whole_gate,
                stripped,
                lowered,
                held,
                digit,
                whole=True,
                sieved=sieved,
                simple=simple,
            )
            if kind is not None:
                return kind
        head = text[:scan_chars]
        held = lowered_text[:scan_chars] if simple else head.lower()
        lowered = held if ascii_text else None
        if short and len(text) > scan_chars:
            digit = has_digit(head, lowered)
        kind = _first_kind(
            anywhere,
            anywhere_keyed,
            anywhere_gate,
            head,
            lowered,
            held,
            digit,
            whole=False,
            sieved=sieved,
            simple=simple,
        )
        if kind is not None:
            return kind
    return _last_line_kind(text, whole, rows[1], whole_max_chars) if gates & LAST_LINE else None


def _first_kind(  # noqa: PLR0917 - the texts matches() reads
    index: _Index,
    keyed: list[int],
    gate: int,
    text: str,
    lowered: str | None,
    held: str,
    digit: bool,
    *,
    whole: bool,
    sieved: bool,
    simple: bool,
) -> Label | None:
    """The kind of the first row that matches ``text``, of a block's key rows ``keyed`` and,
    when the index's gate opens on it (``gate``: the groups that may match, as
    :func:`_gate_open` reads them), its keyless rows. ``sieved``: the C pass kept the key rows
    on ``held`` (a keyless row the gate adds was not sieved there); ``simple``: ``text`` is of
    Latin-1 characters and separators (``matches``)."""
    keyless = gate != 0 and _gate_open(
        index, text, lowered, held, digit, gate, whole=whole, sieved=sieved, simple=simple
    )
    tests = index.row_tests
    for row in _with_keyless(keyed, index.keyless, keyless):
        also_sieved = sieved and not (keyless and row in index.keyless)
        source, filter_ = index.sources[row], index.filters[row]
        if matches(source, filter_, text, lowered, held, whole=whole, sieved=also_sieved, simple=simple):
            return index.kinds[row]
        if tests[row] is None:
            tests[row] = row_tests(source, filter_, whole=whole)
    return None


def _with_keyless(rows: list[int], keyless: tuple[int, ...], add: bool) -> list[int]:
    """A block's key rows and, when ``add``, the keyless rows, in row order, each once (as
    :func:`_candidates` gives them)."""
    return sorted({*rows, *keyless}) if add and keyless else rows


def _last_line_kind(
    text: str, whole: _Index, rows_of: dict[str, tuple[int, ...]], whole_max_chars: int
) -> Label | None:
    """The whole-block label that a block of several lines (``<br>``) ends with, if any:
    "Comments\\nPrint Email", "smithsonian.com\\nNovember 18, 2019". Only the last line, and
    only the whole-block rows: tried on a block's first line, or with the rows searched
    anywhere, they mark bylines the truths keep ("By NAME\\nStaff Writer"; issue4-news13)."""
    cut = text.rfind("\n")
    if cut < 0:
        return None
    line = text[cut + 1 :].strip(STRIPPED)
    if not line or len(line) > whole_max_chars:
        return None
    held = line.lower()
    lowered = held if line.isascii() else None
    digit = has_digit(line, lowered)
    keyless = _gate_open(whole, line, lowered, held, digit, GATE_GROUPS, whole=True)  # a short line
    for row in _candidates(whole, rows_of, line_tokens(line), keyless):
        if matches(whole.sources[row], whole.filters[row], line, lowered, held, whole=True):
            return whole.kinds[row]
    return None


def phrase_kind(text: str, tokens: Sequence[str], scan_chars: int, whole_max_chars: int) -> Label | None:
    """The chrome kind of a boilerplate phrase in one block's text, if one occurs."""
    return phrase_kinds([text], [list(tokens)], scan_chars, whole_max_chars)[0]
