"""The compiled build's C token loop (_ctokens.c) gives exactly what its Python reference
gives (_token_stats.block_counts and stop_counts, over _language.tokens and the regex): on
hand-made texts of every kind of str (ASCII, Latin-1, accents, CJK, RTL, emoji, control
characters, empty) and on generated ones. Where the compiled build is not installed the
extension is built here with the C compiler (the comparisons skip without one)."""

from __future__ import annotations

import collections
import random
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import cscan_build
from boilerstrip import _language, _token_stats
from boilerstrip._language import _TOKEN, language_hits, stopwords, token_list, tokens
from boilerstrip._phrase_candidates import separator
from boilerstrip._token_stats import block_counts, stop_counts


def _c(module: ModuleType, texts: list[str], title: str) -> object:
    """The C loop's counts, each block's tokens as a list (it gives most joined by spaces)."""
    made = _joined(module, texts, title)
    return ([token_list(t) for t in made[0]], *made[1:])


def _joined(module: ModuleType, texts: list[str], title: str) -> tuple[list[list[str] | str], ...]:
    made: tuple[list[list[str] | str], ...] = module.block_counts(
        texts, frozenset(tokens(title)), tokens, _token_stats._cjk_count
    )
    return made


_TEXTS = [
    "",
    " ",
    "Hello, World!",
    "snake_case and CamelCase_2024 x1y2",
    "a" * 300,
    "...---...",
    "Ça va? Über straße, ÆØÅ æøå, ÿ and Ÿ",
    "× ÷ ² ³ ¹ ¼ ª º µ ¿ « » \xa0 \xad",  # Latin-1 signs: ² and ¼ are no \w, ª º µ are
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞ",
    "Kelvin \u212a and İstanbul",  # two-byte: lowered to ASCII / to two characters
    "中文字 hello 世界",
    "ひらがな カタカナ 漢字",
    "\u2e80\u2e81 \u3005\u3007 \uff71",  # radicals, ideographic marks, half-width katakana
    "שלום עולם مرحبا بالعالم",  # RTL
    "emoji 😀 in text 👍🏽 ok",
    "a\x00b\x01c\x7f d\x85e",  # control characters
    "tab\there\nnewline\r\n",
    "ǅungla ǈ ǋ",  # title-case digraphs
    "combining e\u0301 and a\u0308",
    "Ａｂｃ １２３",  # full-width forms
    " ".join(f"w{i}" for i in range(64)),  # the C loop's stack buffer of tokens, filled
    " ".join(f"Wörd{i}" for i in range(65)),  # and grown, once
    "“" + " ".join(f"word {i}" for i in range(300)) + "”",  # and more than once
]


@pytest.mark.parametrize("text", _TEXTS)
def test_one_text_gives_the_python_counts(ctokens: ModuleType, text: str) -> None:
    assert _c(ctokens, [text], "Hello world") == block_counts([text], frozenset(tokens("Hello world")))


@pytest.mark.parametrize(
    "text", [*_TEXTS, "The Title | Site Name", "Ça va — “ok” the the THE", "Ελληνικά ΤΙΤΛΟΣ"]
)
def test_token_set_is_the_frozenset_of_the_tokens(ctokens: ModuleType, text: str) -> None:
    """The title's words (token_set): split in C for a text of Latin-1 characters and
    separators, by ``tokens`` for any other; each time the frozenset of tokens(text)."""
    assert ctokens.token_set(text, tokens) == frozenset(tokens(text))
    asked: list[str] = []

    def counted(given: str) -> list[str]:
        asked.append(given)
        return tokens(given)

    assert ctokens.token_set(text, counted) == frozenset(tokens(text))
    split_here = all(ord(c) <= 0xFF or separator(ord(c)) for c in text)
    assert asked == ([] if split_here else [text])


def test_token_set_refuses_what_is_no_str(ctokens: ModuleType) -> None:
    with pytest.raises(TypeError):
        ctokens.token_set(b"bytes", tokens)
    with pytest.raises(TypeError):
        ctokens.token_set("a", tokens, 1)


@pytest.mark.parametrize("code", range(256))
def test_each_latin1_character_splits_as_the_regex(ctokens: ModuleType, code: int) -> None:
    char = chr(code)
    for text in (char, "a" + char + "b", char * 3, "É" + char, " " + char + " Z"):
        made = _c(ctokens, [text], "")
        assert made == block_counts([text], frozenset())
        assert made[0][0] == _TOKEN.findall(text.lower())  # type: ignore[index]


# Every code point of the first two planes (all that _ctokens.c splits itself lie there), and
# every 251st past them.
_PAST_LATIN1 = [
    range(0x100, 0x8000),
    range(0x8000, 0x10000),
    range(0x10000, 0x20000),
    range(0x20000, 0x110000, 251),
]


@pytest.mark.parametrize("codes", _PAST_LATIN1)
def test_every_code_point_past_latin1_splits_as_the_regex(ctokens: ModuleType, codes: range) -> None:
    # Beside Latin-1 letters (the texts of Latin-1 and separators are split in C).
    texts = [f"Ça{chr(c)}va {chr(c)}" for c in codes]
    made = _c(ctokens, texts, "ça va")
    reference = block_counts(texts, frozenset(tokens("ça va")))
    differ = [hex(c) for c, a, b in zip(codes, zip(*made), zip(*reference)) if a != b]  # type: ignore[call-overload]
    assert differ == []


@pytest.mark.parametrize(
    "text",
    [
        "It\u2019s \u201cquoted\u201d \u2014 and\u2026 \u2018this\u2019 \u2022 \u20ac5 \u2192 next",
        "Caf\u00e9 \u2013 na\u00efve \u2122 r\u00e9sum\u00e9\u2009\u2011x",
        "emoji \U0001f600 \U0001f44d and \u2764\ufe0f (a variation selector: a mark, so \\w)",
        "joiner a\u200db a\u200cb a\u200bb",
        "\u2018\u2019",
    ],
)
def test_typographic_texts_give_the_python_counts(ctokens: ModuleType, text: str) -> None:
    assert _c(ctokens, [text], "quoted") == block_counts([text], frozenset(tokens("quoted")))


@pytest.mark.parametrize(
    ("title", "texts"),
    [
        ("Headline of the day | Site", ["Headline of the day", "headline", "Other words here"]),
        ("One", ["one", "one one one", "one one one one", "two"]),  # over three times the title
        ("", ["anything", ""]),
        ("Straße café", ["Straße café", "STRASSE CAFÉ", "café"]),
        ("中文 标题", ["中文", "中文 标题 网站"]),
        ("a b c d e", ["a b c d", "a b", "a b c d e f g h i j k l m n o p"]),
    ],
)
def test_title_matches_as_python(ctokens: ModuleType, title: str, texts: list[str]) -> None:
    assert _c(ctokens, texts, title) == block_counts(texts, frozenset(tokens(title)))


_ALPHABET = [chr(c) for c in range(256)] + list("\u0100中ひカא😀\u2e80\u212aİǅ\u0301")


@pytest.mark.parametrize("seed", range(20))
def test_generated_texts_give_the_python_counts(ctokens: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    words = ["the", "and", "der", "und", "le", "la", "de", "Über", "Ça", "中", "x"]
    texts = []
    for _ in range(300):
        pool = _ALPHABET if rng.random() < 0.3 else _ALPHABET[:256]
        parts = [
            rng.choice(words) if rng.random() < 0.5 else rng.choice(pool) for _ in range(rng.randint(0, 40))
        ]
        texts.append("".join(p + (" " if rng.random() < 0.5 else "") for p in parts))
    title = " ".join(rng.choice(words) for _ in range(4))
    made = _c(ctokens, texts, title)
    assert made == block_counts(texts, frozenset(tokens(title)))
    joined = _joined(ctokens, texts, title)[0]
    assert any(isinstance(t, str) for t in joined)
    assert any(isinstance(t, list) for t in joined)
    for language in ("en", "de", "fr", "zh", "xx"):
        stop = stopwords(language)
        assert ctokens.stop_counts(joined, stop) == stop_counts(joined, stop) == stop_counts(made[0], stop)  # type: ignore[index]


def marked(words: list[str]) -> str:
    """Tokens as block_counts gives a one-byte text's: each after its length (0 past 31)."""
    return "".join(chr(len(w) if len(w) <= 31 else 0) + w for w in words)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "  ,; ",
        "One",
        "  Ab,  ÉCOLE\tx!! ",
        "It\u2019s \u201cquoted\u201d",
        "a\xa0b\u3000c",  # (U+3000 is no Latin-1 separator: the regex's list)
        "x" * 31 + " " + "y" * 32 + ".z" + "é" * 300,  # the longest marked by length, and longer
        "w " * 3000,  # past the stack's buffer
    ],
)
def test_one_byte_texts_give_their_tokens_marked(ctokens: ModuleType, text: str) -> None:
    (made,), *_ = _joined(ctokens, [text], "")
    assert token_list(made) == tokens(text)
    if isinstance(made, str):
        assert made == marked(tokens(text))
        assert made.isascii() == marked(tokens(text)).isascii()  # the narrowest kind, as Python makes


def test_the_token_strings_are_plain_str(ctokens: ModuleType) -> None:
    (found,), *_ = _joined(ctokens, ["Ab ÉCOLE x"], "")
    assert found == "\x02ab\x05école\x01x"
    assert type(found) is str
    (found,), *_ = _joined(ctokens, ["Ab ECOLE x"], "")
    assert found == "\x02ab\x05ecole\x01x"
    assert found.isascii()


@pytest.mark.parametrize(
    "args",
    [
        (("a",), frozenset(), tokens, _token_stats._cjk_count),  # not a list
        (["a"], {"a"}, tokens, _token_stats._cjk_count),  # not a frozenset
        ([b"a"], frozenset(), tokens, _token_stats._cjk_count),  # not a str
        (["\u0100"], frozenset(), lambda text: tuple(tokens(text)), _token_stats._cjk_count),
        (["a"], frozenset(), tokens),
    ],
)
def test_block_counts_rejects_what_its_caller_never_gives(
    ctokens: ModuleType, args: tuple[object, ...]
) -> None:
    with pytest.raises(TypeError):
        ctokens.block_counts(*args)


def test_stop_counts_rejects_what_its_caller_never_gives(ctokens: ModuleType) -> None:
    for args in (([("a",)], frozenset()), ((["a"],), frozenset()), ([["a"]], ["a"]), ([["a"]],)):
        with pytest.raises(TypeError):
            ctokens.stop_counts(*args)


def test_token_stats_uses_the_loops_when_the_build_has_them() -> None:
    module = cscan_build.installed("_ctokens")
    if module is None:  # a pure install (or an extension a test built elsewhere): the Python path
        assert _token_stats._c_block_counts is None
        assert _token_stats._c_stop_counts is None
    else:
        assert _token_stats._c_block_counts is module.block_counts
        assert _token_stats._c_stop_counts is module.stop_counts


_LOOKUPS = """
import collections, importlib
calls = collections.Counter()
find = importlib.import_module
def counting(name, package=None):
    calls[name.rsplit(".", 1)[-1]] += 1
    return find(name, package)
importlib.import_module = counting
from boilerstrip import extract
extract("<p>A page of one paragraph, read once.</p>")
print(sorted(calls.items()))
"""


def test_each_module_looks_its_c_loops_up_once() -> None:
    """A fresh interpreter's import and first extract() look each C module up once per
    module of the source that loads it (a pure install's failed lookup searches the path:
    _token_stats did it twice)."""
    source = Path(__file__).parent.parent / "src" / "boilerstrip"
    loaders: collections.Counter[str] = collections.Counter()
    for path in source.glob("*.py"):
        # Every lookup goes through _compiled.c_module (compiled() looks every module up when asked),
        # directly or through c_function / c_functions (one lookup a call).
        assert path.name == "_compiled.py" or 'import_module(f"{__package__}' not in path.read_text()
        loaders.update(re.findall(r'\bc_(?:module|functions?)\("(_c\w+)"', path.read_text()))
    # _ctokens: 9 modules since the phrase pass's candidates and branch facts moved to C;
    # _cscore: 7 since five of the decision's rule modules read _cscore_rules.c's loops.
    assert loaders == {"_cscan": 7, "_ctokens": 9, "_cscore": 7, "_cwalk": 1, "_cfacts": 1}
    done = subprocess.run([sys.executable, "-c", _LOOKUPS], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(sorted(loaders.items()))


def _spread(lists: list[list[str]], limit: int, index: dict[str, tuple[int, ...]], n: int) -> list[int]:
    """Each language's tokens as detection reads them, written out plainly: every token of
    the lists up to the one that reaches ``limit``, one for each of its languages."""
    hits, seen = [0] * n, 0
    for toks in lists:
        for tok in toks:
            for number in index.get(tok, ()):
                hits[number] += 1
        seen += len(toks)
        if seen >= limit:
            break
    return hits


@pytest.mark.parametrize("seed", range(10))
@pytest.mark.parametrize("limit", [0, 1, 7, 50, 3000])
def test_language_hits_as_the_reference(ctokens: ModuleType, seed: int, limit: int) -> None:
    """The C loop, the reference (a Counter, then each token's count spread over its
    languages) and the plain count agree; neither reads past the list that reaches the limit."""
    rng = random.Random(seed)
    texts = ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 60))) for _ in range(40)]
    lists = [tokens(text) for text in texts]
    seen = sorted({t for toks in lists for t in toks})
    index = {
        t: tuple(sorted(rng.sample(range(5), rng.randint(1, 3)))) for t in rng.sample(seen, len(seen) // 3)
    }
    made, reference = iter(lists), iter(lists)
    counted = ctokens.language_hits(made, limit, index, 5)
    assert counted == language_hits(reference, limit, index, 5) == _spread(lists, limit, index, 5)
    assert list(made) == list(reference)


def test_language_hits_of_nothing_and_its_errors(ctokens: ModuleType) -> None:
    assert ctokens.language_hits(iter([]), 3000, {}, 3) == [0, 0, 0]
    assert ctokens.language_hits([[], ["a", "a"]], 1, {"a": (0, 2)}, 3) == [2, 0, 2]
    assert ctokens.language_hits([["b", "a"], ["a", "c"]], 1, {"a": (1,)}, 2) == [0, 1]
    assert ctokens.language_hits([["b", "a"], ["a", "c"]], 4, {"a": (0,), "c": (0, 1)}, 2) == [3, 1]
    bad_types = [
        ([("a",)], 5, {}, 1),
        ([["a"]], "5", {}, 1),
        (None, 5, {}, 1),
        ([["a"]], 5, {}),
        ([["a"]], 5, [], 1),
    ]
    for args in (*bad_types, ([["a"]], 5, {"a": [0]}, 1), ([["a"]], 5, {"a": ("0",)}, 1)):
        with pytest.raises(TypeError):
            ctokens.language_hits(*args)
    for args in (([["a"]], 5, {"a": (1,)}, 1), ([["a"]], 5, {"a": (-1,)}, 1), ([["a"]], 5, {}, -1)):
        with pytest.raises(ValueError, match="out of range"):
            ctokens.language_hits(*args)


def test_detect_language_uses_the_count_when_the_build_has_it() -> None:
    module = cscan_build.installed("_ctokens")
    if module is None:  # a pure install (or an extension a test built elsewhere): the Python path
        assert _language._c_language_hits is None and _language._word_table is None
        assert _language.stop_table("en") is None
    else:
        assert _language._c_language_hits is module.language_hits
        assert _language._word_table is module.word_table
