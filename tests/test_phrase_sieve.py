"""The phrase sieves (_phrase_sieve, read by _pattern_reader.branch_literals and
branch_prefixes) give the answers of the regex calls they skip, on every row and gate of
the tables and on hand-made patterns; and the look-up of rows by key words (the longest
prefix key of a token) gives the rows of the plain look-up, key by key."""

from __future__ import annotations

import functools
import random
import sys
import unicodedata

import pytest
import regex

from boilerstrip._case_folds import FOLDS_APART
from boilerstrip._language import tokens
from boilerstrip._pattern_reader import branch_literals, branch_prefixes, top_level_branches
from boilerstrip._phrase_keys import _words
from boilerstrip._phrase_keys import key_words as _key_words
from boilerstrip._phrase_match import _compiled, matches
from boilerstrip._phrase_rows import MIN_PREFIX, PREFIX, _rows_of_token
from boilerstrip._phrase_sieve import may_start_one, phrase_filter, rare_place
from boilerstrip._phrase_sieve import sieve as make_sieve
from boilerstrip._phrase_table import PHRASES, WHOLE_BLOCK_PHRASES
from boilerstrip._phrases import (
    STRIPPED,
    _candidates,
    _indexes,
)

# Characters regex's IGNORECASE takes for another one of a different lower case, or that
# str.lower makes into two: what a lowercased literal must not be trusted on.
_TRICKY = {"s": "ſ", "i": "İ", "k": "\u212a", "в": "ᲀ", "о": "ᲃ", "σ": "ς", "μ": "µ", "ss": "ß"}

HAND_MADE = [
    "",
    " ",
    "Read more",
    "READ MORE »",
    "We use cookies",
    "we uſe cookies",
    "WE USE COOKIES.",
    "İnformation İS here",
    "Share on Facebook",
    "ſhare on facebook",
    "Kelvin \u212a and k",
    "ΣΥΝΕΧΕΙΑ ΣΤΟ ΑΡΘΡΟ",
    "© 2024 Example Ltd. All rights reserved.",
    "(c) 2020",
    "Copyright ２０２１",
    "（图片来源：新华社）",
    "(资料图片) 2023-05-01 12:30",
    "相关阅读 猜你喜欢",
    "责任编辑：张三",
    "Mehr zum Thema",
    "MEHR ZUM THEMA: Wahlen",
    "Свидетельство о регистрации СМИ Эл № ФС 77",
    "ᲀсе права защищены",
    "Leggi anche: il resto",
    "By Jane Smith, 3 May 2024",
    "Published on 3 May 2024 | Updated 4 May 2024",
    "$10 $25 $50 Other amount",
    "12.05.2024",
    "Loading…",
    "emoji 😀 share 👍🏽",
    "شارك على فيسبوك",
    "a\x00b\nc\td",
    "Ｒｅａｄ ｍｏｒｅ",
]
LONG = ["word " * 90 + "All Rights Reserved", "x" * 3000, "相关" * 500]


def _variants(text: str) -> list[str]:
    """``text`` in several cases, and with each tricky character put for its partner."""
    out = [text, text.upper(), text.title(), text.swapcase(), f"Intro: {text.title()} tail"]
    for plain, tricky in _TRICKY.items():
        if plain in text.lower():
            out.append(text.lower().replace(plain, tricky))
    return out


def _texts() -> list[str]:
    """The hand-made texts, and a sample of the tables' own words, each in its variants."""
    words = [" ".join(_words(p)) for _, _, p in (*PHRASES, *WHOLE_BLOCK_PHRASES)]
    rng = random.Random(18)
    mixed = [" ".join(rng.sample(w.split(), len(w.split()))) for w in rng.sample(words, 15) if w]
    return [v for t in (*HAND_MADE, *rng.sample(words, 20), *mixed) for v in _variants(t)] + LONG


TEXTS = _texts()


def _expected(pattern: str, text: str, whole: bool) -> bool:
    compiled = _compiled(pattern)
    return (compiled.fullmatch(text) if whole else compiled.search(text)) is not None


def _sieved(pattern: str, texts: list[str], whole: bool) -> list[bool]:
    sieves = phrase_filter(pattern, whole=whole)
    return [
        matches(pattern, sieves, t, t.lower() if t.isascii() else None, t.lower(), whole=whole) for t in texts
    ]


def _patterns() -> list[tuple[str, bool]]:
    anywhere, whole = _indexes()
    rows = [(p, False) for p in anywhere.sources] + [(p, True) for p in whole.sources]
    gates = [(g, False) for g in anywhere.gate if g] + [(g, True) for g in whole.gate if g]
    return rows + gates


@pytest.mark.parametrize(("pattern", "whole"), _patterns())
def test_sieve_gives_the_regex_answer_on_every_row(pattern: str, whole: bool) -> None:
    own = [v for b in top_level_branches(pattern) for v in _variants(" ".join(_words(b)))]
    texts = [*TEXTS, *own]
    texts = [t.strip(STRIPPED) for t in texts] if whole else texts
    assert _sieved(pattern, texts, whole) == [_expected(pattern, t, whole) for t in texts]


def test_sieves_rule_out_most_texts() -> None:
    """Not a sieve that lets everything through: most rows have strings for ASCII texts."""
    anywhere, whole = _indexes()
    filters = (*anywhere.filters, *whole.filters)
    assert sum(not f.ascii.rest for f in filters) > 0.9 * len(filters)
    assert sum(not f.wide.rest for f in filters) > 0.5 * len(filters)


# branch, then what the reader gives: its strings in ASCII texts, its prefixes in a
# fullmatch and in a search, its strings in any text ("s" and "i" take "ſ" and "İ" there).
HAND_PATTERNS = [
    (r"\bwe use cookies\b", ("we use cookies",), ("we use cookies",), (), ("e cook",)),
    (r"^(?:read|see) (?:more|also) ?:", ("more", "also"), ("read", "see"), ("read", "see"), ("read", "ee")),
    (r"(?:main )?menu", ("menu",), (), (), ("menu",)),
    (r"ab+c", ("ab",), ("ab",), (), ("ab",)),
    (r"a?bc", ("bc",), (), (), ("bc",)),
    (r"x\.y\d", ("x.y",), ("x.y",), (), ("x.y",)),
    (r"(?=.{1,60}$)foo", ("foo",), ("foo",), (), ("foo",)),
    (r"\d+ comments", (" comments",), (), (), (" comment",)),
    ("s[aeiou]t", ("s",), ("s",), (), ("t",)),
    ("\u212aelvin", ("kelvin",), ("kelvin",), (), ("kelv",)),  # the Kelvin sign lowers to "k"
    ("ſ", (), (), (), ()),  # takes "s", whose lower case is not its own
    (r"(?x)a b", (), (), (), ()),
    (r"[abc]", (), (), (), ()),
    (r"相关(?:阅读|文章)", ("阅读", "文章"), ("相关",), (), ("阅读", "文章")),
    (r"(?-i:\p{Lu})\w+ says", (" says",), (), (), ("ay",)),
]


@pytest.mark.parametrize(("branch", *"abcd"), HAND_PATTERNS)
def test_branch_reader_on_hand_made_patterns(
    branch: str, a: tuple[str, ...], b: tuple[str, ...], c: tuple[str, ...], d: tuple[str, ...]
) -> None:
    assert (
        branch_literals(branch, ascii_text=True),
        branch_prefixes(branch, ascii_text=True, anchored=True),
        branch_prefixes(branch, ascii_text=True, anchored=False),
        branch_literals(branch, ascii_text=False),
    ) == (a, b, c, d)


@pytest.mark.parametrize("branch", [p[0] for p in HAND_PATTERNS])
def test_hand_made_patterns_sieved_alike(branch: str) -> None:
    texts = [*TEXTS, "we use cookies", "ſat", "sat", "\u212aelvin", "kelvin", "abbbc", "x.y1", "2 comments"]
    texts += ["Bob says", "Bob ſays", "相关阅读", "ſ", "S", "a b", "ab", "Read more:", "ſee also:"]
    for whole in (False, True):
        assert _sieved(branch, texts, whole) == [_expected(branch, t, whole) for t in texts]


def _computed_folds_apart() -> set[int]:
    """From regex's own case tables (through its public IGNORECASE matching, not a private
    function, so that a regex upgrade keeps this test meaningful) and str.lower: see
    _case_folds. Only characters regex counts as cased or case-changing can match another
    one under IGNORECASE, so each of those is matched against all of them."""
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    apart = {ord(c) for c in everything if len(c.lower()) != 1 or c == "Σ"}
    case_changing = r"[\p{Cased}\p{Changes_When_Casefolded}\p{Changes_When_Casemapped}]"
    cased = "".join(regex.findall(case_changing, everything))
    for char in cased:
        lower = char.lower()
        if len(lower) != 1:
            continue
        others = [ord(o) for o in regex.findall(f"(?i){regex.escape(char)}", cased) if o.lower() != lower]
        if others:
            apart.update([ord(char), *others])
    return apart


def test_folds_apart_holds_every_character_lowercasing_cannot_trust() -> None:
    table = {code for first, last in FOLDS_APART for code in range(first, last + 1)}
    # Less the characters this Python's Unicode database leaves unassigned, whose case pairs
    # regex knows and str.lower does not (3.10's is Unicode 13: 80 of Unicode 14's Glagolitic,
    # Latin and Vithkuqi letters); the table is made on a Python that knows them.
    known = {code for code in _computed_folds_apart() if unicodedata.category(chr(code)) != "Cn"}
    assert known <= table


def test_strings_for_any_text_take_only_their_own_lower_case() -> None:
    """Every character of the strings the sieves read in any (non-ASCII) text, checked
    against all code points with the rows' IGNORECASE: each takes only characters whose
    lower case is its own."""
    anywhere, whole = _indexes()
    sieves = [
        f.wide for f in (*anywhere.filters, *whole.filters, *anywhere.gate_filters, *whole.gate_filters)
    ]
    chars = sorted({c for s in sieves for string in (*s.starts, *s.holds) for c in string})
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    wrong = {
        char: taken
        for char in chars
        if (taken := {t for t in _compiled(regex.escape(char)).findall(everything) if t.lower() != char})
    }
    assert wrong == {}


@functools.cache
def _row_keys(table: tuple[tuple[str, str, str], ...]) -> list[set[str]]:
    return [_key_words(pattern) or set() for _, _, pattern in table]


def _plain_rows(token: str, table: tuple[tuple[str, str, str], ...]) -> list[int]:
    """The rows whose key words a token matches, read key by key (the index's rule)."""
    rows = []
    for row, keys in enumerate(_row_keys(table)):
        for key in keys:
            if (len(key) >= MIN_PREFIX and token.startswith(key[:PREFIX])) or token == key:
                rows.append(row)
    return sorted(set(rows))


def _tokens() -> list[str]:
    keys = {k for _, _, p in (*PHRASES, *WHOLE_BLOCK_PHRASES) for k in _key_words(p) or ()}
    out = {"", "a", "x", "the", "2024", "ab", "ſhare"}
    for key in keys:
        out |= {key, key[:2], key[:3], key[:4], key[:5], key + "s", key + "ing", key[:-1], key[:4] + "q"}
    return sorted(out)


@pytest.mark.parametrize("which", [0, 1])
def test_rows_of_a_token_are_the_rows_of_its_keys(which: int) -> None:
    index, table = _indexes()[which], (PHRASES, WHOLE_BLOCK_PHRASES)[which]
    toks = _tokens()
    assert [
        sorted(set(_rows_of_token(t, index.keys.exact, index.keys.prefix, index.keys.heads))) for t in toks
    ] == [_plain_rows(t, table) for t in toks]


@pytest.mark.parametrize("which", [0, 1])
def test_exact_keys_are_shorter_than_prefix_keys(which: int) -> None:
    """_rows_of_token looks a token up in ``exact`` only when it is shorter than MIN_PREFIX."""
    index = _indexes()[which]
    assert index.keys.exact
    assert max(map(len, index.keys.exact)) < MIN_PREFIX <= min(map(len, index.keys.prefix))


@pytest.mark.parametrize("keyless", [False, True])
def test_candidates_are_the_sorted_rows_of_the_tokens(keyless: bool) -> None:
    index = _indexes()[0]
    rng = random.Random(5)
    pool = _tokens()
    blocks = [[], *[rng.sample(pool, rng.randint(1, 12)) for _ in range(300)], tokens(" ".join(HAND_MADE))]
    rows_of: dict[str, tuple[int, ...]] = {}
    got = [_candidates(index, rows_of, b, keyless) for b in blocks]
    base = set(index.keyless) if keyless else set()
    assert got == [sorted(base.union(*(_plain_rows(t, PHRASES) for t in b))) for b in blocks]


def test_every_branch_is_in_a_sieve_once() -> None:
    for pattern, whole in _patterns():
        f = phrase_filter(pattern, whole=whole)
        for sieve in f:
            rest = top_level_branches(sieve.rest) if sieve.rest else []
            assert set(rest) <= set(top_level_branches(pattern))


@pytest.mark.parametrize(
    "starts",
    [(), ("read more",), ("share", "«", "© "), ("", "x"), ("é", "Ω", "1 ")],
)
@pytest.mark.parametrize("held", ["", "read more", "x", "share it", "«", "é", "Ω", "1 2", "zz", "©"])
def test_first_characters_of_starts_give_startswith(starts: tuple[str, ...], held: str) -> None:
    """A sieve's first characters rule out only texts that start with none of its starts."""
    if held.startswith(starts):
        assert may_start_one(make_sieve(starts, (), ""), held)


def test_first_characters_of_the_tables_sieves() -> None:
    anywhere, whole = _indexes()
    sieves = [
        s
        for f in (*anywhere.filters, *whole.filters, *anywhere.gate_filters, *whole.gate_filters)
        for s in (f.ascii, f.wide)
    ]
    for s in sieves:
        for start in s.starts:
            for held in (start, start + " tail", start.upper().lower()):
                assert may_start_one(s, held)


@pytest.mark.parametrize(
    ("string", "place"),
    [
        ("edit ", 1),
        ("read more", 5),
        ("(c) ", 0),
        ("’s", 0),
        ("copyright ", 2),
        ("ee", 0),
        ("", 0),
        ("e" * 300 + "z", 0),
    ],
)
def test_a_holds_place_is_its_least_common_character(string: str, place: int) -> None:
    """The first of the least common characters (any but a space and the English letters is
    rarest); of a string's first 256 only."""
    assert rare_place(string) == place


def test_a_holds_place_on_generated_strings() -> None:
    """Against the first of the least ranks written out (a space and e the most common)."""
    order = " etaoinshrdlcumwfgypbvkjxqz"
    rng = random.Random(5)
    for _ in range(2000):
        string = "".join(rng.choice(order + "’.1é中") for _ in range(rng.randint(1, 12)))
        ranks = [len(order) - order.index(c) if c in order else 0 for c in string]
        assert rare_place(string) == ranks.index(min(ranks)), string
