"""The compiled build's phrase sieve in C (_ctokens_sieve.c: sieve_passes) gives what its Python
reference gives (_phrase_sieve.passes): on hand-made sieves and texts of each str kind (ASCII,
Latin-1, two-byte, astral; strings of a wider kind than the text; empty ones) and on every
sieve of the phrase tables against texts that hold their strings. Where the compiled build is
not installed the extension is built here with the C compiler (the comparisons skip without
one)."""

from __future__ import annotations

import random
from types import ModuleType

import pytest

import cscan_build
from boilerstrip import _phrase_sieve
from boilerstrip._phrase_sieve import Sieve, passes, rare_place, sieve
from boilerstrip._phrases import _indexes

_STRINGS = [
    "",
    "a",
    "ab",
    "abc",
    "b",
    "é",
    "éa",
    "ÿ",
    "中",
    "中文",
    "😀",
    "a😀",
    "\u0100",
    "read more",
    "’s",
    " ",
    "©",
]
_TEXTS = [
    "",
    "a",
    "abc",
    "xxab",
    "éab",
    "aé",
    "中文字",
    "x中文",
    "😀x",
    "xa😀",
    "\u0100",
    "read more »",
    "it’s read more",
    "©2024 ÿ",
    "ab" * 100 + "c",
    "b" * 300,
]


@pytest.mark.parametrize("text", _TEXTS)
def test_sieve_passes_is_passes(ctokens: ModuleType, text: str) -> None:
    rng = random.Random(text)
    made = [sieve((), (), ""), sieve(("",), (), ""), sieve((), ("",), ""), sieve(tuple(_STRINGS), (), "")]
    made += [sieve((), tuple(_STRINGS), "")]
    for _ in range(60):
        starts = tuple(rng.sample(_STRINGS, rng.randint(0, 4)))
        holds = tuple(rng.sample(_STRINGS, rng.randint(0, 4)))
        made.append(sieve(starts, holds, "x"))
    for s in made:
        assert ctokens.sieve_passes(s, text) is passes(s, text), s
    # (a sieve whose first characters' bytes say no start can begin the text: not asked)
    closed = Sieve(("a",), (), "", bytes(128))
    assert ctokens.sieve_passes(closed, "abc") is passes(closed, "abc") is False


@pytest.mark.parametrize("text", _TEXTS)
def test_any_place_of_a_hold_gives_the_same_answer(ctokens: ModuleType, text: str) -> None:
    """The places of the holds' least common characters only speed the search: any place,
    one past a string's end, or places missing or of another length give passes' answer."""
    rng = random.Random(text)
    for _ in range(40):
        holds = tuple(rng.sample(_STRINGS, rng.randint(1, 5)))
        made = sieve((), holds, "")
        expected = passes(made, text)
        assert made.places == bytes(rare_place(h) for h in holds)
        for places in (b"", bytes(len(holds)), bytes(len(holds) + 1), bytes(len(holds) - 1)):
            assert ctokens.sieve_passes(made._replace(places=places), text) is expected, places
        for _ in range(5):
            places = bytes(rng.randint(0, len(h) + 1) for h in holds)
            assert ctokens.sieve_passes(made._replace(places=places), text) is expected, places
        assert ctokens.sieve_passes(made[:4], text) is expected  # (a tuple of the four fields before)


def test_the_tables_sieves_as_passes(ctokens: ModuleType) -> None:
    """Every sieve of both phrase indexes, against texts made of its own strings and others'."""
    rng = random.Random(7)
    sieves = [
        s
        for index in _indexes()
        for phrase_filter in (*index.filters, *index.gate_filters)
        for s in phrase_filter
    ]
    strings = sorted({t for s in sieves for t in (*s.starts, *s.holds)})
    for s in sieves:
        own = [*s.starts, *s.holds] or ["x"]
        for _ in range(6):
            parts = [rng.choice(own if rng.random() < 0.4 else strings) for _ in range(rng.randint(0, 3))]
            text = rng.choice(["", " ", "«", "x"]).join(parts)
            for held in (text, text.upper(), text[1:], text[:-1]):
                assert ctokens.sieve_passes(s, held) is passes(s, held), (s, held)


@pytest.mark.parametrize(
    "args",
    [
        (("a",), "a"),
        (Sieve(("a",), (), "", bytes(128)), b"a"),
        (Sieve(["a"], (), "", bytes(128)), "a"),  # type: ignore[arg-type]
        (Sieve(("a",), (), "", bytes(127)), "a"),
        (Sieve((b"a",), (), "", bytes(b"\x01" * 128)), "abc"),  # type: ignore[arg-type]
        (Sieve((), (1,), "", bytes(128)), "abc"),  # type: ignore[arg-type]
        (Sieve((), (), "", bytes(128)),),
    ],
)
def test_sieve_passes_takes_a_sieve_and_a_str(ctokens: ModuleType, args: tuple[object, ...]) -> None:
    with pytest.raises(TypeError):
        ctokens.sieve_passes(*args)


def test_the_phrase_match_reads_the_c_sieve_in_this_build() -> None:
    module = cscan_build.installed("_ctokens")
    assert _phrase_sieve.sieve_passes is (passes if module is None else module.sieve_passes)


# Characters whose bytes meet in a two-byte text: "ę" (U+0119) and "’" (U+2019) share a low
# byte, "ą" (U+0105) has the low byte of U+2005, "\u0a00" holds a zero byte, "ÿ" (U+00FF) is 0xFF.
_ALPHABET = "ab e" + "\u0119\u2019\u0105\u2005\u0a00\xff\u0100\u0161" + "中\u3000"


@pytest.mark.parametrize("seed", range(30))
def test_searches_of_generated_texts(ctokens: ModuleType, seed: int) -> None:
    """Texts of characters whose bytes meet (two-byte texts, one-byte ones, their strings cut
    from them or made apart), every string searched as a hold and as a start."""
    rng = random.Random(seed)
    alphabet = _ALPHABET if seed % 3 else "abé e\xff"  # (one-byte texts too)
    for _ in range(40):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 40)))
        cut = rng.randint(0, len(text))
        strings = [text[cut : cut + rng.randint(0, 6)], "".join(rng.choices(alphabet, k=rng.randint(1, 3)))]
        for string in strings:
            for made in (sieve((), (string,), ""), sieve((string,), (), "")):
                assert ctokens.sieve_passes(made, text) is passes(made, text), (made, text)
