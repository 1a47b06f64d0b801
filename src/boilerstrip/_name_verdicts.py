"""What each distinct class/id string of a page names (:class:`NameVerdicts`), read by the
region's overlay test and by the containers.

A name gets the verdict ``_rules.chrome_kind_of_name``, ``names_content`` and
``names_overlay`` give it, with fewer regex calls. A name of ASCII letters, digits and
spaces (nineteen in twenty on dev pages) is read word by word: a rule ``\\b(?:a|b|...)\\b``
whose alternatives are spelled in words (``_pattern_reader.spellings``) matches such a name
exactly where one spelling's words are consecutive words of the name, one space apart (a
match starts and ends at a word boundary, and only spaces separate its words), so table
look-ups decide every chrome row and the content rule there. Only the overlay rule (its
match depends on the words after it) is still searched, on names holding its key words.
Any other name is searched for its key words (``_rules._key_bits``) and only with the
rules they carry, a rule that one of them matches alone needing no search.

In the compiled build every ASCII name but a page builder's is decided in C: the runs of
``\\w`` of any name are read as those words (a spelling in words of ``\\w`` matches there as it
does in a plain name), and the overlay rule's names and the states of its lookahead
(:func:`overlay_words`) are read on the runs, so that no search is left.

The compiled build normalises an ASCII name and reads its bits in one C call
(``_ctokens.name_bits``; ``name_words`` gives its words, the reference the tests read:
tests/test_cname_words.py checks both against the Python path). A word that the tables'
sieve rules out (``_name_sieve.sifted_words``: most words of a name, "item", "wrapper", "col", "12")
is skipped there, as :func:`spaced_bits` skips ``_OTHER_WORD``, the one shared string
``name_words`` gives in its place: no table holds it, so such a word is never made, hashed
or looked up, and neither are its first letters. Only the words the sieve lets through are
made as strings (to look them up in the tables' dicts); a spelling of several words is the
buffer's slice across them, not a concatenation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final, NamedTuple, cast

from ._compiled import WordTable, c_module
from ._name_sieve import _OTHER_WORD, name_table, sieve, spaced_words
from ._pattern_reader import spellings, top_level_branches
from ._rules import (
    _CONTENT_BIT,
    _KEY_PREFIX,
    _OVERLAY_BIT,
    _OVERLAY_NAMES,
    _WORD_END,
    _WORD_START,
    CONTENT_NAME_RULE,
    NAME_RULES,
    OVERLAY_NAME_RULE,
    _name_patterns,
    _NamePatterns,
    names_overlay,
    normalise_name,
)

# A name's bits (_Tables): below _ALONE, the rules that its key words carry (_rules: a
# rule that matches has a key word in the name); from _ALONE up, the same bits for the
# rules that match it (found without a search); _OPENS marks a word that begins a
# spelling of several words (in _Tables.words) and the first words of one (in
# _Tables.phrases), after which a name's next word is tried.
_ALONE: Final = 16
_OPENS_BIT: Final = 40
_OPENS: Final = 1 << _OPENS_BIT
_ROWS: Final = len(NAME_RULES)
_DECIDED_RULES: Final = (1 << (_ROWS + 1)) - 1  # the rows and the content rule
_NOTHING: Final = ("", False, False)


# What ``_ctokens.name_bits`` reads of the ASCII tables (_Tables.c_keys): the sieve, the
# words, the key prefixes, the stems, the phrases, _OPENS's bit, _KEY_PREFIX, the key
# words and the word table of those four dicts (``_name_sieve.name_table``; it leaves out the
# ``always`` bits, which the caller adds).
_Stems = dict[str, tuple[tuple[str, int], ...]]
_CKeys = tuple[
    bytes, dict[str, int], dict[str, int], _Stems, dict[str, int], int, int, dict[str, int], bytes | None
]
_NameBits = tuple[str, int, bool]
_Words = tuple[str, ...] | None
# (always, searched, _ROWS, _ALONE, the overlay rule's names and states): _Tables.decision
_Decision = tuple[int, int, int, int, _Words, _Words]
_Verdict = tuple[str, bool, bool]
# What NameVerdicts holds of the tables, typed as tuples of any length: the compiled build
# keeps a tuple of fixed length as a C struct, and made a new tuple object of one at each
# use (the tables for every call of name_bits, a verdict for each one stored).
_Held = tuple[object, ...]


_NameBitsOf = Callable[[str, _Held, _Held], _NameBits | int | None]


def _c_functions() -> tuple[_NameBitsOf | None, WordTable | None]:
    """The compiled build's ``_ctokens.name_bits``: (normalise_name(raw), its bits, whether
    its words are letters and digits) of an ASCII name, the bits :func:`spaced_bits` reads
    from its words, or :func:`found_bits` where spaced_words is None (less the ``always``
    bits); or, where those bits decide the verdict without a search (most names), its number
    in _Tables.verdicts; None where it leaves the name to Python. And ``word_table``, which
    makes the table it finds the words' bits in (``_name_sieve.name_table``). None in a pure install."""
    module = c_module("_ctokens")
    if module is None:
        return None, None
    return cast(_NameBitsOf, module.name_bits), cast(WordTable, module.word_table)


_C_FUNCTIONS: Final = _c_functions()
_name_bits: Final = _C_FUNCTIONS[0]
_word_table: Final = _C_FUNCTIONS[1]


class _Tables(NamedTuple):
    patterns: _NamePatterns
    words: dict[str, int]  # a word -> its key bits, its alone bits, _OPENS
    stems: dict[str, tuple[tuple[str, int], ...]]  # a key prefix -> (stem of a "\w*" spelling, alone bits)
    phrases: dict[str, int]  # a spelling of several words -> alone bits; its first words -> _OPENS
    searched: int  # rules not read from words alone (a spelling this reader does not know)
    kinds: tuple[str, ...]  # the rows' kinds' values, in row order
    sieve: bytes  # a bit per sieve_slot of each word that can matter to spaced_bits
    c_keys: _CKeys  # what _ctokens.name_bits reads of these tables (for the ASCII ones)
    decision: _Decision  # what it reads to decide a verdict (see _Decision)
    # The verdicts it decides, by number: none, content, each row's kind; then the same, each
    # naming an overlay.
    verdicts: tuple[_Verdict, ...]


def _spelled_words(rule: str) -> list[str] | None:
    """Every string that ``rule`` (``\\b(?:a|b|...)\\b``) matches, ``\\w*`` written "*";
    None when one cannot be read as words: ``spellings`` of an alternative is None, or a
    spelling is empty, starts or ends with a space, holds two spaces, or has a "*" other
    than at the end of a one-word spelling of at least _KEY_PREFIX letters (as the key
    prefixes are)."""
    out: list[str] = []
    for alternative in top_level_branches(rule[len(_WORD_START) : -len(_WORD_END)]):
        spelled = spellings(alternative)
        if spelled is None:
            return None
        for text in spelled:
            star = text.find("*")
            if not text.strip() or text != text.strip() or "  " in text:
                return None
            if star >= 0 and (star != len(text) - 1 or " " in text or star < _KEY_PREFIX):
                return None
            out.append(text)
    return out


@functools.cache
def _tables(ascii_only: bool) -> _Tables:
    """Made on first use from the rules only (never changes an output)."""
    patterns = _name_patterns(ascii_only)
    words = dict(patterns.exact)
    stems: dict[str, list[tuple[str, int]]] = {}
    phrases: dict[str, int] = {}
    searched = 0
    for bit, rule in enumerate([*(p for _, p in NAME_RULES), CONTENT_NAME_RULE]):
        alone = 1 << (bit + _ALONE)
        spelled = _spelled_words(rule)
        if spelled is None or not all(map(_IN_WORDS.fullmatch, spelled)):
            searched |= 1 << bit
            continue
        for text in spelled:
            if text.endswith("*"):
                stems.setdefault(text[:_KEY_PREFIX], []).append((text[:-1], alone))
            elif " " in text:
                phrases[text] = phrases.get(text, 0) | alone
                parts = text.split(" ")
                words[parts[0]] = words.get(parts[0], 0) | _OPENS
                for end in range(2, len(parts)):
                    start = " ".join(parts[:end])
                    phrases[start] = phrases.get(start, 0) | _OPENS
            else:
                words[text] = words.get(text, 0) | alone
    assert _OVERLAY_BIT < 1 << _ALONE and _DECIDED_RULES << _ALONE < _OPENS < 1 << 63
    stem_table = {start: tuple(found) for start, found in stems.items()}
    slots = sieve(words, phrases, [*patterns.prefix, *stems])
    kinds = tuple(kind.value for kind, _ in NAME_RULES)
    table = name_table(_word_table, words, patterns.prefix, phrases, patterns.exact) if ascii_only else None
    verdicts = (_NOTHING, ("", True, False), *((kind, False, False) for kind in kinds))
    return _Tables(
        patterns,
        words,
        stem_table,
        phrases,
        searched,
        kinds,
        slots,
        (slots, words, patterns.prefix, stem_table, phrases, _OPENS_BIT, _KEY_PREFIX, patterns.exact, table),
        (patterns.always, searched, _ROWS, _ALONE, *overlay_words()),
        (*verdicts, *((kind, content, True) for kind, content, _ in verdicts)),
    )


# A spelling in words of \w: the runs of \w of a name (the C reader's words) are then what a
# rule of such spellings matches on any name, not only one of letters, digits and spaces.
_IN_WORDS: Final = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*|[a-z0-9]+\*")
# _rules.OVERLAY_NAME_RULE after its names: the states it is not followed by, as read in C.
_OVERLAY_STATES: Final = re.compile(r"\(\?! \(\?:\\w\+ \)\?\(\?:([a-z0-9]+(?:\|[a-z0-9]+)*)\)\\b\)")


def overlay_words() -> tuple[_Words, _Words]:
    """OVERLAY_NAME_RULE as ``_ctokens.name_bits`` reads it: the one-word spellings of its
    names ("cookie*" a stem) and the words of its lookahead's states; (None, None) where the
    rule is not of that shape (its names then searched by Python)."""
    names = _spelled_words(_OVERLAY_NAMES)
    tail = OVERLAY_NAME_RULE[len(_OVERLAY_NAMES) :] if OVERLAY_NAME_RULE.startswith(_OVERLAY_NAMES) else ""
    states = _OVERLAY_STATES.fullmatch(tail)
    if names is None or states is None or any(" " in name or not _IN_WORDS.fullmatch(name) for name in names):
        return None, None
    return tuple(names), tuple(states.group(1).split("|"))


def spaced_bits(tables: _Tables, words: list[str]) -> int:
    """The bits (see _ALONE) of a name of ``words`` (from ``_name_sieve.spaced_words``): the key
    words' bits, and the rules that a word, a stem's word or consecutive words match."""
    known, starts, stems, phrases = tables.words, tables.patterns.prefix, tables.stems, tables.phrases
    bits = tables.patterns.always
    count = len(words)
    for index in range(count):
        word = words[index]
        if not word or word == _OTHER_WORD:  # no table holds _OTHER_WORD: nothing to look up
            continue
        entry = known.get(word, 0)
        if entry:
            bits |= entry
            if entry & _OPENS:
                phrase = word
                for after in range(index + 1, count):
                    if not words[after]:
                        break  # two spaces: no spelling spans them
                    phrase = phrase + " " + words[after]
                    found = phrases.get(phrase, 0)
                    bits |= found
                    if not found & _OPENS:
                        break  # no longer spelling starts with these words
        if len(word) >= _KEY_PREFIX:  # a shorter word starts with no key prefix
            start = word[:_KEY_PREFIX]
            found = starts.get(start, 0)
            if found:
                bits |= found
                for stem, alone in stems.get(start, ()):
                    if word.startswith(stem):
                        bits |= alone
    return bits & ~_OPENS


def found_bits(tables: _Tables, name: str) -> int:
    """The bits (see _ALONE) of any name: its key words found by the key words' pattern
    (each a whole run of ``\\w``), and the rules one of them matches alone."""
    patterns = tables.patterns
    known, starts = tables.words, patterns.prefix
    bits = patterns.always
    found: list[str] = patterns.keys.findall(name)
    for word in found:
        bits |= known.get(word, 0) | starts.get(word[:_KEY_PREFIX], 0)
    return bits & ~_OPENS


class NameVerdicts:
    """What each distinct class/id string of one page names, matched once per page (pages
    repeat the same names on many elements, and both the region's overlay test and the
    containers read them): (chrome kind's value or "", names content, names an overlay).
    Make one per page: it only memoises pure functions of the string."""

    __slots__ = ("_always", "_ascii", "_c_keys", "_decision", "_searched", "_seen", "_verdicts")

    def __init__(self) -> None:
        self._seen: dict[str, object] = {}  # a name -> its verdict (see _Held)
        self._ascii = _tables(True)  # read once a page, not once a name (a generic call)
        self._c_keys: _Held = self._ascii.c_keys
        self._decision: _Held = self._ascii.decision
        self._verdicts: _Held = self._ascii.verdicts
        self._searched = self._ascii.searched
        self._always = self._ascii.patterns.always

    def __call__(self, names: str) -> tuple[str, bool, bool]:
        return self.of(names)

    def memo(self) -> dict[str, object]:
        """The verdicts met so far, by names string: what :meth:`of` reads first, and what
        the compiled build's loops (``_cfacts``) read and fill with :meth:`c_reader`'s."""
        return self._seen

    def c_reader(self) -> tuple[object, ...]:
        """What ``_cfacts``' loops read to find a verdict as :meth:`of` does, without calling
        it (see _cfacts.c's name_verdict): (name_bits, its two tables, the verdicts by number,
        :meth:`of`, called only where name_bits leaves a name to Python)."""
        return (_name_bits, self._c_keys, self._decision, self._verdicts, self.of)

    def of(self, names: str) -> tuple[str, bool, bool]:
        """The verdict on ``names``. The stages call this method, not the instance: a native
        call in the compiled build (a call of the instance is a generic one there), and a
        cheaper one in Python (no ``__call__`` slot look-up)."""
        verdict = self._seen.get(names)
        if verdict is None:
            split = _name_bits(names, self._c_keys, self._decision) if _name_bits is not None else None
            if split is None:
                verdict = verdict_of(normalise_name(names), self._ascii)
            elif isinstance(split, int):  # decided in C: no str made for the name, no tuple
                verdict = self._verdicts[split]
            else:
                name, bits, plain = split
                searched = self._searched if plain else _DECIDED_RULES
                verdict = _decided_by_bits(name, bits | self._always, searched, self._ascii)
            self._seen[names] = verdict
        return cast(_Verdict, verdict)


def verdict_of(name: str, ascii_tables: _Tables | None = None) -> tuple[str, bool, bool]:
    """The verdict on a normalised name: the rows tried in order, as ``chrome_kind_of_name``
    tries them, but only those its key words carry, and searched only when its words do
    not decide them. ``ascii_tables``: ``_tables(True)``, when the caller holds it."""
    ascii_only = name.isascii()
    tables = ascii_tables if ascii_only and ascii_tables is not None else _tables(ascii_only)
    return decided(name, spaced_words(name) if ascii_only else None, tables)


def decided(name: str, words: list[str] | None, tables: _Tables) -> tuple[str, bool, bool]:
    """:func:`verdict_of` given ``tables`` for the name's characters and its
    ``_name_sieve.spaced_words`` (None for a name not ASCII)."""
    if words is None:
        bits, searched = found_bits(tables, name), _DECIDED_RULES
    else:
        bits, searched = spaced_bits(tables, words), tables.searched
    return _decided_by_bits(name, bits, searched, tables)


def _decided_by_bits(name: str, bits: int, searched: int, tables: _Tables) -> tuple[str, bool, bool]:
    """:func:`decided` given the name's bits (see _ALONE) and the rules to search for those
    its words do not decide."""
    if not bits:
        return _NOTHING
    patterns = tables.patterns
    kind = ""
    for index in range(_ROWS):
        if (bits >> index) & 1 == 0:
            continue
        if (bits >> (index + _ALONE)) & 1 != 0 or (
            (searched >> index) & 1 != 0 and patterns.rows[index][1].search(name) is not None
        ):
            kind = tables.kinds[index]
            break
    content = (
        not kind
        and bits & _CONTENT_BIT != 0
        and (
            (bits >> _ALONE) & _CONTENT_BIT != 0
            or (searched & _CONTENT_BIT != 0 and patterns.content.search(name) is not None)
        )
    )
    overlay = bits & _OVERLAY_BIT != 0 and names_overlay(name)
    return kind, content, overlay
