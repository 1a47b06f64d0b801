"""The compiled build's C loops of the decision's copy keys and of the phrase look-up
(_ctokens.c: phrase_rows, has_ascii_digit; _ctokens_copies.c: copy_key) give exactly what their Python
references give (_copied_boxes.copy_key's own line, _phrase_rows.candidates and
has_ascii_digit): on hand-made texts and tokens (ASCII, Latin-1, case partners, CJK, every
kind of space) and on generated ones. Where the compiled build is not installed the
extension is built here with the C compiler (the comparisons skip without one)."""

from __future__ import annotations

import random
import re
from types import ModuleType

import pytest
import regex

import cscan_build
from boilerstrip import _copied_boxes, _phrase_rows, _token_stats
from boilerstrip._language import tokens
from boilerstrip._phrase_keys import key_words as _key_words
from boilerstrip._phrase_rows import (
    SIEVE_BYTES,
    Keys,
    candidates,
    has_ascii_digit,
    key_slot,
    pair_rows,
    rows_table,
)
from boilerstrip._phrase_table import PHRASES, WHOLE_BLOCK_PHRASES
from boilerstrip._phrases import _Index, _indexes, phrase_kinds
from test_ctokens import marked


def _copy_key(text: str) -> str:
    """_copied_boxes.copy_key's Python line."""
    return " ".join(text.split()).lower()


_COPY_TEXTS = [
    "",
    " ",
    "\t\n\r\x0b\x0c",
    "Hello,  World!",
    "  Leading and trailing  ",
    "Tab\there\nnewline\r\nCRLF",
    "File\x1cGroup\x1dRecord\x1eUnit\x1fseparators",  # ASCII whitespace to str.split
    "no-break\xa0space and next\x85line",
    "Ça va? Über STRASSE, ÆØÅ æøå, ÿ and Ÿ",
    "Kelvin \u212a and İstanbul and ǅungla",  # lowered to ASCII, to two characters, title case
    "ΟΔΟΣ  ΟΔΟΣ\nΣ ΑΣ.",  # final sigma: lowered by its neighbours
    "em\u2003space thin\u2009space ideographic\u3000space",
    "zero\u200bwidth is no space",
    "中文字 Hello 世界",
    "emoji 😀 in TEXT 👍🏽 ok",
    "line\u2028separator\u2029paragraph",
    "A" * 300 + "\n\n" + "B" * 300,
]


@pytest.mark.parametrize("text", _COPY_TEXTS)
def test_copy_key_is_the_python_line(ctokens: ModuleType, text: str) -> None:
    assert ctokens.copy_key(text) == _copy_key(text)
    assert type(ctokens.copy_key(text)) is str


# Every code point of the first plane and every 97th past it, between letters of both cases.
@pytest.mark.parametrize("codes", [range(0, 0x8000), range(0x8000, 0x10000), range(0x10000, 0x110000, 97)])
def test_copy_key_of_each_code_point(ctokens: ModuleType, codes: range) -> None:
    differ = [
        hex(c)
        for c in codes
        for text in (f"Ab{chr(c)}Cd {chr(c)}", f"{chr(c)} x{chr(c)}{chr(c)}Y")
        if ctokens.copy_key(text) != _copy_key(text)
    ]
    assert differ == []


def test_copy_key_of_every_code_point_in_runs(ctokens: ModuleType) -> None:
    # Every code point, 64 at a time in one text; U+0130 and U+03A3 (which make the C loop hand
    # a whole text to str.lower) are left out, so that each run is lowered in C.
    differ = []
    for start in range(0, 0x110000, 64):
        run = "".join(chr(c) for c in range(start, start + 64) if c not in {0x130, 0x3A3})
        text = f"Ab{run}Cd \u00e9{run.upper()}"
        if ctokens.copy_key(text) != _copy_key(text):
            differ.append(hex(start))
    assert differ == []


@pytest.mark.parametrize("seed", range(10))
def test_copy_key_of_generated_texts(ctokens: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    alphabet = list("aZ \t\n\x1c\xa0\u2003\u3000ΣσİßÉé中😀\u212a.")
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 60))) for _ in range(200)]
    assert [ctokens.copy_key(t) for t in texts] == [_copy_key(t) for t in texts]


def _ascii_texts(rng: random.Random) -> list[str]:
    # Words, spacing of every kind and length, A-Z, bytes under a space and "!" after spaces
    # (which the eight-byte test takes for spaces), across eight-byte boundaries.
    alphabet = [*"aZ!", "  ", " ", "\t", "\n", "\x1c", "\x01", "wordsABC", "Hello World", "x" * 9]
    return ["".join(rng.choices(alphabet, k=rng.randint(0, 30))) for _ in range(300)]


@pytest.mark.parametrize("seed", range(10))
def test_copy_key_of_ascii_texts(ctokens: ModuleType, seed: int) -> None:
    texts = _ascii_texts(random.Random(seed))
    assert [ctokens.copy_key(t) for t in texts] == [_copy_key(t) for t in texts]


@pytest.mark.parametrize("seed", range(10))
def test_copy_hash_one_a_key(ctokens: ModuleType, seed: int) -> None:
    # The same hash for texts of one key however they are written (case, spacing, a Kelvin
    # sign, a dotted capital I, a final sigma), and its own key's; a small int.
    rng = random.Random(seed)
    texts = _ascii_texts(rng)
    texts += [
        "".join(rng.choices(list("aZk \t\u212aİi\u0307Σσς中 "), k=rng.randint(0, 20))) for _ in range(300)
    ]
    by_key: dict[str, set[int]] = {}
    for text in texts:
        h = ctokens.copy_hash(text)
        assert 0 <= h < 2**62 and h == ctokens.copy_hash(_copy_key(text))
        by_key.setdefault(_copy_key(text), set()).add(h)
        for variant in (text.upper(), f" {text}\n", text.replace(" ", "\t  ")):
            if _copy_key(variant) == _copy_key(text):
                by_key[_copy_key(text)].add(ctokens.copy_hash(variant))
    assert [key for key, hashes in by_key.items() if len(hashes) > 1] == []
    hashes = [next(iter(found)) for found in by_key.values()]
    assert len(set(hashes)) == len(hashes)  # distinct keys, distinct hashes (here)
    assert ctokens.copy_hash("K") == ctokens.copy_hash("\u212a") == ctokens.copy_hash(" k ")


def test_the_compiled_build_uses_the_c_loops_when_it_has_them() -> None:
    module = cscan_build.installed("_ctokens")
    # A pure install (or the extension built by the fixture above): the Python functions.
    if module is None:  # a pure install (or an extension a test built elsewhere): the Python path
        assert _copied_boxes._c_copy_key is None
        assert _copied_boxes._c_copy_hash is None
        assert _phrase_rows.phrase_rows is candidates
        assert _phrase_rows.ascii_digit is has_ascii_digit
        assert all(index.keys.table is None for index in _indexes())
        return
    assert _copied_boxes._c_copy_key is module.copy_key
    assert _copied_boxes._c_copy_hash is module.copy_hash
    assert _phrase_rows.phrase_rows is module.phrase_rows
    assert _phrase_rows.ascii_digit is module.has_ascii_digit
    assert _phrase_rows._word_table is module.word_table
    assert all(isinstance(index.keys.table, bytes) for index in _indexes())


@pytest.mark.parametrize("codes", [range(0, 0x3000), range(0xFF00, 0xFF20), range(0x1D7CE, 0x1D800)])
def test_ascii_digits_as_the_pattern(ctokens: ModuleType, codes: range) -> None:
    # Other scripts' digits (Arabic-Indic, full-width, mathematical) are not "0"-"9".
    texts = [f"a{chr(c)}" for c in codes] + ["".join(map(chr, codes))]
    assert [ctokens.has_ascii_digit(t) for t in texts] == [has_ascii_digit(t) for t in texts]
    assert [ctokens.has_ascii_digit(t) for t in texts] == [re.search("[0-9]", t) is not None for t in texts]


_COUNTED = ["", "a", "1", "12", "a1b2c3", "١٢٣", "２０２４", "2024-05-01 12:30", "x9" * 40, "é1", "中1中2"]
_COUNTED += ["😀3😀", "\u2019" + "7" * 5]


@pytest.mark.parametrize("text", _COUNTED)
@pytest.mark.parametrize("count", [-1, 0, 1, 2, 3, 4, 9, 40, 41])
def test_ascii_digit_counts_as_the_pattern(ctokens: ModuleType, text: str, count: int) -> None:
    expected = len(re.findall("[0-9]", text)) >= count
    assert ctokens.has_ascii_digit(text, count) == expected
    assert has_ascii_digit(text, count) == expected


@pytest.mark.parametrize("text", [*_COUNTED, "1 2", "12 3", "a1-2-3b", "1é2", "1\u20192", "٣1٣2", "中1中"])
@pytest.mark.parametrize("count", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("runs", [2, 3, 4, 41])
def test_ascii_digit_runs_as_the_pattern(ctokens: ModuleType, text: str, count: int, runs: int) -> None:
    found = re.findall("[0-9]+", text)
    expected = len(found) >= runs and len("".join(found)) >= count
    assert ctokens.has_ascii_digit(text, count, runs) == expected
    assert has_ascii_digit(text, count, runs) == expected
    assert _phrase_rows.ascii_digits(text, count, runs) == expected


def _token_pool() -> list[str]:
    """Every key of both tables cut and grown, case partners and look-alikes, non-ASCII."""
    keys = {k for _, _, p in (*PHRASES, *WHOLE_BLOCK_PHRASES) for k in _key_words(p) or ()}
    out = {"", "a", "x", "2024", "ab", "ſhare", "share", "Share", "SHARE", "ß", "straße", "i̇", "\u212aey"}
    out |= {"中", "文", "ひ", "カ", "😀", "émail", "e-mail", "naïve"}
    for key in keys:
        out |= {key, key[:2], key[:3], key[:4], key[:5], key + "s", key + "ing", key[:-1], key[:4] + "q"}
        out |= {key.upper(), key.title(), key + "é", key[:3] + "中"}
    return sorted(out)


@pytest.mark.parametrize("which", [0, 1])
@pytest.mark.parametrize("keyless", [False, True])
def test_phrase_rows_are_the_python_candidates(ctokens: ModuleType, which: int, keyless: bool) -> None:
    index = _indexes()[which]
    rng = random.Random(which * 2 + keyless)
    pool = _token_pool()
    blocks = [[], [""], *[rng.sample(pool, rng.randint(1, 12)) for _ in range(400)]]
    blocks.append(tokens("Read more · SHARE this on Facebook — Straße 中文 2024 comments"))
    rows = index.keyless if keyless else ()
    c_rows: dict[str, tuple[int, ...]] = {}  # each side fills its own page cache
    py_rows: dict[str, tuple[int, ...]] = {}
    made = [
        ctokens.phrase_rows(c_rows, b, index.keys.exact, index.keys.prefix, index.keys.heads, rows)
        for b in blocks
    ]
    assert made == [
        candidates(py_rows, b, index.keys.exact, index.keys.prefix, index.keys.heads, rows) for b in blocks
    ]
    assert c_rows == py_rows
    # With the index's head sieve: the same rows; a token it passes over is not cached, and
    # has no rows.
    sieved: dict[str, tuple[int, ...]] = {}
    args = (index.keys.exact, index.keys.prefix, index.keys.heads, rows, index.keys.sieve)
    assert [ctokens.phrase_rows(sieved, b, *args) for b in blocks] == made
    assert sieved.items() <= py_rows.items()
    assert all(not found for token, found in py_rows.items() if token not in sieved)
    assert len(sieved) < len(py_rows)
    # With the index's word table (the compiled build's): the same rows, and no page cache.
    table = rows_table(index.keys.exact, index.keys.prefix, index.keys.heads, ctokens.word_table)
    unread: dict[str, tuple[int, ...]] = {}
    assert [ctokens.phrase_rows(unread, b, *args, table) for b in blocks] == made
    assert unread == {}
    every = b"\xff" * len(index.keys.sieve)  # a sieve that passes every token: all looked up in the table
    assert [ctokens.phrase_rows({}, b, *args[:-1], every, table) for b in blocks] == made
    assert [ctokens.phrase_rows(unread, b, *args, None) for b in blocks] == made  # None: no table


@pytest.mark.parametrize("which", [0, 1])
@pytest.mark.parametrize("limit", [-1, 0, 1, 3, 80])
def test_phrase_rows_of_joined_tokens_and_a_limit(ctokens: ModuleType, which: int, limit: int) -> None:
    """A block's tokens marked in one str (block_counts' one-byte texts) give the rows their
    list gives, with the word table, the sieve, or the page cache alone; ``limit`` reads the
    first tokens only, as the reference reads them."""
    index = _indexes()[which]
    rng = random.Random(which * 100 + limit)
    pool = [t for t in _token_pool() if t and t.isalnum() and t == t.lower() and max(map(ord, t)) < 0x100]
    blocks = [[], *[rng.sample(pool, rng.randint(1, 90)) for _ in range(150)]]
    blocks.append(["a" * 40, "newsletter" * 4, "share", "x" * 31, "newsletters"])  # marked 0 past 31
    table = rows_table(index.keys.exact, index.keys.prefix, index.keys.heads, ctokens.word_table)
    args = (index.keys.exact, index.keys.prefix, index.keys.heads, index.keyless[:2])
    expected = [candidates({}, b, *args, limit=limit) for b in blocks]
    assert expected == [candidates({}, b[:limit] if limit >= 0 else b, *args) for b in blocks]
    assert [candidates({}, marked(b), *args, limit=limit) for b in blocks] == expected
    for sieve, word_table in (
        (index.keys.sieve, table),
        (index.keys.sieve, None),
        (b"\xff" * len(index.keys.sieve), None),
    ):
        cache: dict[str, tuple[int, ...]] = {}
        joined = [ctokens.phrase_rows(cache, marked(b), *args, sieve, word_table, limit) for b in blocks]
        assert joined == expected
        assert [ctokens.phrase_rows({}, b, *args, sieve, word_table, limit) for b in blocks] == expected
        assert all(type(k) is str and k.isalnum() for k in cache)


@pytest.mark.parametrize("which", [0, 1])
def test_key_sieve_holds_every_one_byte_key(which: int) -> None:
    """Every exact and prefix key a one-byte token can be or start with has its bit; few
    other slots do."""
    index = _indexes()[which]
    set_bits = sum(bin(byte).count("1") for byte in index.keys.sieve)
    keys = [*index.keys.exact, *index.keys.prefix]
    for key in keys:
        if max(map(ord, key)) < 0x100:
            slot = key_slot(key)
            assert index.keys.sieve[slot >> 3] >> (slot & 7) & 1
    assert set_bits <= len(keys) < len(index.keys.sieve)


# Tokens each of whose first characters the sieve must let through or may rule out: a key,
# a key's own first characters cut short, a key grown, a look-alike, and no key at all.
_SIEVED = ["by", "b", "byx", "share", "shares", "shar", "sha", "shall", "ſhare", "zzzzz", "é", "éé", "ab"]


@pytest.mark.parametrize("token", _SIEVED)
def test_the_sieve_rules_out_only_tokens_without_rows(ctokens: ModuleType, token: str) -> None:
    for index in _indexes():
        cache: dict[str, tuple[int, ...]] = {}
        args = (index.keys.exact, index.keys.prefix, index.keys.heads, (), index.keys.sieve)
        rows = ctokens.phrase_rows(cache, [token], *args)
        assert rows == candidates({}, [token], index.keys.exact, index.keys.prefix, index.keys.heads, ())
        if token not in cache:  # passed over: it has no rows
            assert not rows


@pytest.mark.parametrize(
    "args",
    [
        ({}, ("a",), {}, {}, frozenset(), ()),  # tokens not a list
        ({}, [1], {}, {}, frozenset(), ()),  # a token not a str
        ({}, ["a"], {}, {}, frozenset(), [1]),  # keyless not a tuple
        ({"a": [1]}, ["a"], {}, {}, frozenset(), ()),  # a cached row list not a tuple
        ({}, ["a"], {}, {}),  # too few
        ({}, ["a"], {}, {}, frozenset(), (), bytearray(8)),  # the sieve not bytes
        ({}, ["abc"], {}, {}, frozenset(), (), b"\xff" * 8, b"no table"),  # the word table not one
        ({}, "a b", {}, {}, frozenset(), (), b"\xff" * 8, None, "1"),  # the limit not an int
        ({}, "a \u0100", {}, {}, frozenset(), ()),  # a joined str not one-byte
    ],
)
def test_phrase_rows_rejects_what_it_is_never_given(ctokens: ModuleType, args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError):
        ctokens.phrase_rows(*args)


@pytest.mark.parametrize("limit", [-1, 0, 1, 3, 80])
@pytest.mark.parametrize("both", [False, True])
def test_pair_rows_are_the_python_pair(ctokens: ModuleType, limit: int, both: bool) -> None:
    """Both indexes' key rows read in one pass (the compiled build's ``pair_rows``) are the
    reference's, which asks :func:`candidates` of each: on token lists and marked strs."""
    anywhere, whole = _indexes()
    rng = random.Random(limit * 2 + both)
    pool = _token_pool()
    one_byte = [t for t in pool if t and t.isalnum() and t == t.lower() and max(map(ord, t)) < 0x100]
    blocks: list[list[str] | str] = [[], [""], *[rng.sample(pool, rng.randint(1, 90)) for _ in range(200)]]
    blocks += [marked(rng.sample(one_byte, rng.randint(1, 90))) for _ in range(100)]
    blocks.append(tokens("Read more · SHARE this on Facebook — Straße 中文 2024 comments"))

    def keys(index: _Index) -> Keys:
        table = rows_table(index.keys.exact, index.keys.prefix, index.keys.heads, ctokens.word_table)
        return Keys(index.keys.exact, index.keys.prefix, index.keys.heads, index.keys.sieve, table)

    first, second = keys(anywhere), keys(whole) if both else None
    caches: tuple[dict[str, tuple[int, ...]], dict[str, tuple[int, ...]]] = ({}, {})
    made = [ctokens.pair_rows(b, limit, first, second, ({}, {})) for b in blocks]
    assert made == [pair_rows(b, limit, first, second, caches) for b in blocks]
    for b, (anywhere_rows, whole_rows) in zip(blocks, made):
        assert anywhere_rows == candidates(
            {}, b, anywhere.keys.exact, anywhere.keys.prefix, anywhere.keys.heads, (), limit=limit
        )
        expected = (
            candidates({}, b, whole.keys.exact, whole.keys.prefix, whole.keys.heads, (), limit=limit)
            if both
            else []
        )
        assert whole_rows == expected


@pytest.mark.parametrize(
    "args",
    [
        (("a",), -1, None, None, ({}, {})),  # tokens not a list or str
        (["a"], "1", None, None, ({}, {})),  # the limit not an int
        (["a"], -1, ({}, {}, frozenset(), b"\xff" * SIEVE_BYTES), None, ({}, {})),  # keys too short
        (["a"], -1, ({}, {}, frozenset(), bytearray(8), None), None, ({}, {})),  # the sieve not bytes
        (["abc"], -1, ({}, {}, frozenset(), b"\xff" * SIEVE_BYTES, None), None, ({}, {})),  # no word table
        (["a"], -1),  # too few
    ],
)
def test_pair_rows_rejects_what_it_is_never_given(ctokens: ModuleType, args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError):
        ctokens.pair_rows(*args)


def test_pair_rows_reads_sieves_of_their_size(ctokens: ModuleType) -> None:
    index = _indexes()[0]
    table = rows_table(index.keys.exact, index.keys.prefix, index.keys.heads, ctokens.word_table)
    for size in (8, SIEVE_BYTES // 2, SIEVE_BYTES * 2):
        with pytest.raises(ValueError, match="SIEVE_BYTES"):
            ctokens.pair_rows(
                ["abc"],
                -1,
                Keys(index.keys.exact, index.keys.prefix, index.keys.heads, b"\xff" * size, table),
                None,
                (),
            )
    assert len(index.keys.sieve) == SIEVE_BYTES


def test_the_phrase_pass_reads_both_indexes_by_the_c_loop_when_it_has_one() -> None:
    module = cscan_build.installed("_ctokens")
    assert _phrase_rows.both_rows is (pair_rows if module is None else module.pair_rows)


def test_lower_is_str_lower_on_every_code_point(ctokens: ModuleType) -> None:
    # Every code point beside letters of both cases, alone and 64 at a time in one text: those
    # past Latin-1 that are no separators hand the text to str.lower.
    singles = [f"Ab{chr(c)}Cd" for c in range(0x110000) if c < 0x3000 or c % 61 == 0]
    runs = ["".join(map(chr, range(start, start + 64))) for start in range(0, 0x3000, 64)]
    texts = singles + runs + [run.upper() for run in runs]
    differ = [
        t for t in texts if ctokens.lower(t) != t.lower() or ctokens.lower(t).isascii() != t.lower().isascii()
    ]
    assert differ == []


_LOWERED = [
    "",
    "A",
    "Read MORE »",
    "Ça VA — “Über” STRASSE…",
    "ÀÞ×÷ßÿµªº",
    "\u2019Quoted\u2019 €5",
    "ΟΔΟΣ ΟΔΟΣ",
]
_LOWERED += ["İstanbul", "中文 Ab", "😀 Emoji 🙂", "\u212aelvin"]


@pytest.mark.parametrize("text", _LOWERED)
def test_lower_of_hand_made_texts(ctokens: ModuleType, text: str) -> None:
    assert ctokens.lower(text) == text.lower()
    assert type(ctokens.lower(text)) is str
    assert ctokens.lower(text).isascii() == text.lower().isascii()  # (a str of the narrowest kind)


def test_lower_takes_a_str(ctokens: ModuleType) -> None:
    for arg in (b"a", None, ["a"]):
        with pytest.raises(TypeError):
            ctokens.lower(arg)


_PHRASED = [
    "Read more »",
    "» Read more",
    "Share this: Facebook · Twitter",
    "“Leave a reply” — Cancel reply",
    "Posted in News\u2019s section | 3 Comments",
    "Ça va — Lire la suite…",
    "Copyright © 2024 Ünïcode Café. All rights reserved.",
    "Newsletter: SIGN UP » ",
    "Verwandte Artikel: Straße",
    "Kommentare (12)\nTeilen ›",
    "…Weiterlesen…",
    "A long paragraph about nothing in particular that goes on, “quoted”, past the scan.  " * 8 + "Read more",
]


@pytest.mark.parametrize("scan_chars", [40, 400])
def test_phrase_kinds_of_marked_tokens_are_those_of_lists(ctokens: ModuleType, scan_chars: int) -> None:
    """A text whose tokens block_counts gives as a marked str (Latin-1 and separators) is
    lowercased once, before it is stripped or cut: the same kinds as when its tokens are a
    list, and it is lowercased after each."""
    texts = [*_PHRASED, *(t.upper() for t in _PHRASED), *(t.title() for t in _PHRASED)]
    made = ctokens.block_counts(texts, frozenset(), tokens, _token_stats._cjk_count)[0]
    assert all(isinstance(t, str) for t in made)
    listed = [tokens(t) for t in texts]
    for whole_max_chars in (30, 200):
        expected = phrase_kinds(texts, listed, scan_chars, whole_max_chars)
        assert phrase_kinds(texts, made, scan_chars, whole_max_chars) == expected
    assert any(phrase_kinds(texts, listed, scan_chars, 200))


@pytest.mark.parametrize("codes", [range(0, 0x10000), range(0x10000, 0x20000)])
def test_a_simple_texts_digits_are_0_to_9(ctokens: ModuleType, codes: range) -> None:
    """Every character a text may hold whose tokens block_counts gives as a marked str (the
    texts _phrases reads as simple) is a regex ``\\d`` only when it is one of 0-9, and
    lowers to one character: such a text is tested for digits without the regex."""
    texts = [f"a{chr(c)}" for c in codes]
    made = ctokens.block_counts(texts, frozenset(), tokens, _token_stats._cjk_count)[0]
    simple = [t[1] for t, toks in zip(texts, made) if isinstance(toks, str)]
    assert len(simple) > 256
    digit = regex.compile(r"\d", regex.IGNORECASE | regex.VERSION0)
    assert [c for c in simple if digit.match(c)] == [c for c in "0123456789" if ord(c) in codes]
    assert [c for c in simple if len(c.lower()) != 1] == []
