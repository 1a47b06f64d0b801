"""The shortcuts taken for speed give the answers of the plain computations they replace."""

from __future__ import annotations

import math

import pytest
import regex

from boilerstrip._language import _CJK_CHAR, is_cjk_char, tokens
from boilerstrip._parse import body_of, parse
from boilerstrip._pattern_reader import is_digit, is_wide, needs, reads_alike_lowered
from boilerstrip._phrase_keys import _words
from boilerstrip._phrase_match import _compiled, _found, _split, has_digit, opened_branches
from boilerstrip._phrase_rows import has_ascii_digit
from boilerstrip._phrase_table import PHRASES, WHOLE_BLOCK_PHRASES
from boilerstrip._phrases import (
    STRIPPED,
    _gate_open,
    _indexes,
    phrase_kind,
    phrase_kinds,
    top_level_branches,
)
from boilerstrip._probability import _add_weighted, _sigmoid
from boilerstrip._segment import segment
from boilerstrip._segment_blocks import _CONTROL, _HAS_CONTROL

SHORT_TEXTS = [
    "$10 $25 $50 Other amount",
    "3 May 2024",
    "Monday, 12th of March 2023",
    "London: 21 °C, sunny",
    "Loading",
    "×",
    "© 2024 Example Ltd",
    "Copyright 2019 The Authors",
    "2023-05-01 12:30",
    "(资料图片)",
    "The council met on Tuesday.",
    "",
    "Read more",
]


# Short texts with and without digits, ASCII and not, and ones a keyless branch of each
# group matches only just (a digit or a non-ASCII sign in the middle).
GATE_TEXTS = [
    *SHORT_TEXTS,
    "Dismiss",
    "Print this page",
    "Edit this page on GitHub",
    "$5 $10",
    "€ 10,00 / € 25,00",
    "12.05.2024",
    "May 3, 2024 at 10:30 am",
    "Berlin: -3 °C",
    "21°",
    "✕",
    "Loading…",
    "(c) 2020",
    "2023年05月01日 12:30",
    "（图片来源：新华社）",
    "（张三 摄）",
    "Ｃopyright ２０２１",  # fullwidth: non-ASCII letters and \d digits
    "copyright 2O21",
    "Photo ©",
    "Temperature 21 ℃",
]


@pytest.mark.parametrize("text", GATE_TEXTS)
def test_keyless_rows_as_one_alternation(text: str) -> None:
    anywhere, whole = _indexes()
    stripped = text.strip(STRIPPED)
    each = any(_compiled(whole.sources[r]).fullmatch(stripped) for r in whole.keyless)
    assert bool(_compiled(whole.any_keyless).fullmatch(stripped)) == each
    each = any(_compiled(anywhere.sources[r]).search(text) for r in anywhere.keyless)
    assert bool(_compiled(anywhere.any_keyless).search(text)) == each


@pytest.mark.parametrize("text", GATE_TEXTS)
def test_keyless_gate_gives_the_alternation_answer(text: str) -> None:
    anywhere, whole = _indexes()
    stripped = text.strip(STRIPPED)
    expected = _compiled(whole.any_keyless).fullmatch(stripped) is not None
    assert (
        _gate_open(whole, stripped, None, stripped.lower(), has_digit(stripped, None), 7, whole=True)
        == expected
    )
    expected = _compiled(anywhere.any_keyless).search(text) is not None
    assert _gate_open(anywhere, text, None, text.lower(), has_digit(text, None), 7, whole=False) == expected


def test_keyless_gate_groups_every_branch_once() -> None:
    for index in _indexes():
        branches = top_level_branches(index.any_keyless)
        grouped = [b for group in index.gate if group for b in top_level_branches(group)]
        assert sorted(grouped) == sorted(branches)
        wide, digit, _ = index.gate
        # every branch put in a group is one whose every match holds what the group needs
        assert all(needs(b, is_wide) for b in (top_level_branches(wide) if wide else []))
        assert all(needs(b, is_digit) for b in (top_level_branches(digit) if digit else []))
    # the groups are not empty on today's tables: the gate skips something
    anywhere, whole = _indexes()
    assert anywhere.gate.wide and anywhere.gate.digit and whole.gate.digit and whole.gate.other


@pytest.mark.parametrize(
    ("pattern", "digit", "wide"),
    [
        (r"\d", True, False),
        (r"\d+", True, False),
        (r"\d*", False, False),
        (r"\d?x", False, False),
        (r"\d{0,2}", False, False),
        (r"\d{,2}", False, False),
        (r"\d{2,}", True, False),
        (r"\d{1,2}?", True, False),
        (r"\d*+a", False, False),
        (r"a|\d", False, False),  # one branch holds no digit
        (r"a\d|b\d", True, False),
        (r"(?:a|\d)\d", True, False),
        (r"(?:a|b\d)", False, False),
        (r"(?:a\d|b\d)", True, False),
        (r"(?:x\d)?y", False, False),
        (r"(?:x\d){2,}", True, False),
        (r"(\d)", True, False),
        (r"(?-i:\d)", True, False),
        (r"(?=\d)\w", False, False),  # a lookahead consumes nothing
        (r"(?<=\d)x", False, False),
        (r"(?>\d)", False, False),  # not read: counts as not required
        (r"(?x)a # \d", False, False),
        (r"\\d", False, False),  # a backslash and a "d"
        (r"[\d]", False, False),  # a class is not read as \d
        (r"[^\d]", False, False),
        (r"\D", False, False),
        (r"x{2", False, False),  # a brace that is no quantifier: not read
        (r"[]\d]", False, False),
        ("©", False, True),
        ("©?", False, False),
        ("[©]", False, False),
        ("\u212a", False, False),  # the Kelvin sign matches "k" under IGNORECASE
        ("ſ", False, False),  # the long s matches "s"
        ("é", False, True),
        ("(?:资料|供图)", False, True),
        ("(?:资料|x)", False, False),
        ("[(（](?:资料图片?|[^)）]{0,10}摄)[)）]", False, True),
        ("\\©", False, False),  # an escaped character is not read: under-claimed
        (r"\p{L}", False, False),
    ],
)
def test_needs_reads_what_every_match_consumes(pattern: str, digit: bool, wide: bool) -> None:
    assert needs(pattern, is_digit) == digit
    assert needs(pattern, is_wide) == wide


def test_needs_reads_every_row() -> None:
    for _, _, pattern in (*PHRASES, *WHOLE_BLOCK_PHRASES):
        needs(pattern, is_digit)  # no row makes the reader fail
    # The date line's row (found by what it matches, not by its place in the table): every
    # match holds a digit.
    date_row = next(p for _, _, p in WHOLE_BLOCK_PHRASES if regex.fullmatch(p, "May 3, 2024"))
    assert needs(date_row, is_digit)


def test_keyless_alternation_finds_matches() -> None:
    anywhere, whole = _indexes()
    assert _compiled(whole.any_keyless).fullmatch("$10 $25 $50 Other amount")
    assert _compiled(anywhere.any_keyless).search("© 2024 Example Ltd")


# Texts where rows with ``^`` branches match at the start, in the middle only, or not at all.
FOUND_TEXTS = [
    *SHORT_TEXTS,
    "Posts: 1,024",
    "Joined: March 2020",
    "Thread starter Alice Smith",
    "More on this story",
    "We also have more on this story and you may want to read more on this story.",
    "Leggi anche: il resto",
    "Dear readers, we use cookies to improve this site. All rights reserved.",
    "Published on 3 May 2024 | Updated 4 May 2024",
    "Start the conversation",
    "Our free weekly newsletter",
    "Sign up for our newsletter",
    "Foto: dpa",
    "By Jane Smith, 3 May 2024",
    "(资料图片) 2023-05-01 12:30",
]


@pytest.mark.parametrize("text", FOUND_TEXTS)
def test_found_gives_the_search_answer(text: str) -> None:
    anywhere, _ = _indexes()
    for pattern in (*anywhere.sources, anywhere.any_keyless):
        assert _found(pattern, text) == (_compiled(pattern).search(text) is not None), pattern


def test_split_keeps_every_branch_once() -> None:
    anywhere, whole = _indexes()
    for pattern in (*anywhere.sources, *whole.sources):
        branches = top_level_branches(pattern)
        assert "|".join(branches) == pattern
        for branch in branches:  # a branch cut inside a group or class would not compile
            regex.compile(branch)
        start, rest = _split(pattern).start, _split(pattern).rest
        got = (start.split("|") if start else []) + (rest.split("|") if rest else [])
        opened = [part for branch in branches for part in opened_branches(pattern, branch)]
        assert sorted(got) == sorted("|".join(opened).split("|"))


@pytest.mark.parametrize(
    ("branch", "opened"),
    [
        ("(?:^|[|·•] ?)published", ["^published", "[|·•] ?published"]),
        ("(?:^|\\()photo (?:by|of)", ["^photo (?:by|of)", "\\(photo (?:by|of)"]),
        ("(?:^|x|)a", ["^a", "xa", "a"]),
        ("(?:^|x)+a", ["(?:^|x)+a"]),  # repeated: not opened
        ("(?:^|x){1,2}a", ["(?:^|x){1,2}a"]),
        ("(?:^|x)?a", ["(?:^|x)?a"]),
        ("(^|x)a", ["(^|x)a"]),  # a capturing group: not opened
        ("(?:a|x)b", ["(?:a|x)b"]),  # no ^ alternative
        ("(?:^|x)(a)\\1", ["(?:^|x)(a)\\1"]),  # a backreference: not opened
        ("a(?:^|x)", ["a(?:^|x)"]),
    ],
)
def test_opened_branches(branch: str, opened: list[str]) -> None:
    assert opened_branches(branch, branch) == opened
    texts = ["published", "x | published", "a", "xa", "ya", "b a", "(photo by", "photo of", "aa", "xaa"]
    for text in texts:
        whole = regex.search(branch, text, regex.IGNORECASE) is not None
        assert whole == any(regex.search(b, text, regex.IGNORECASE) for b in opened), text
        assert whole == _found(branch, text, text.lower() if text.isascii() else None), text


def test_found_tries_start_branches_at_the_start_only() -> None:
    assert _found("^more on this story|\\bdonate now\\b", "More on this story")
    assert not _found("^more on this story|\\bdonate now\\b", "Read more on this story")
    assert _found("^more on this story|\\bdonate now\\b", "Please donate now")
    assert _split("\\bdonate now\\b").start == ""
    assert _split("^support us").rest == ""


def test_control_search_matches_the_translation_table() -> None:
    for code in [*range(0x00, 0x200), 0x2028, 0xFEFF, 0x10FFFF]:
        assert (_HAS_CONTROL.search(chr(code)) is not None) == (code in _CONTROL)


def test_cjk_shortcut_at_the_boundary() -> None:
    for char in ["a", "1", "é", "\u2e7f", "\u2e80", "の", "カ", "中", "\uff66", "한"]:
        assert is_cjk_char(char) == (_CJK_CHAR.match(char) is not None)


@pytest.mark.parametrize(
    ("html", "texts"),
    [
        ("<p>a\x01b\u0085c</p>", ["abc"]),  # control characters dropped, as before
        ("<pre>x\x02\n  y</pre>", ["x\n  y"]),
        ("<div>one<br>two<br><br>three</div>", ["one\ntwo", "three"]),
        ("<div> <span> </span> </div><p>x</p>", ["x"]),  # whitespace-only runs make no block
        ("<p><br>lead</p>", ["lead"]),
    ],
)
def test_block_text(html: str, texts: list[str]) -> None:
    assert [b.text for b in segment(body_of(parse(html))).blocks] == texts


def test_locators_share_prefixes() -> None:
    seg = segment(body_of(parse("<div><p>a</p><p>b</p></div><div><ul><li>c</li></ul></div>")))
    owners = [seg.elements[b.element].locator for b in seg.blocks]
    assert owners == [
        "body>div:nth-of-type(1)>p:nth-of-type(1)",
        "body>div:nth-of-type(1)>p:nth-of-type(2)",
        "body>div:nth-of-type(2)>ul:nth-of-type(1)>li:nth-of-type(1)",
    ]


def test_phrase_kinds_of_repeated_texts() -> None:
    texts = ["Read more", "A long paragraph of the article itself.", "Read more", "Share"]
    token_lists = [tokens(t) for t in texts]
    assert phrase_kinds(texts, token_lists, 400, 60) == [phrase_kind(t, tokens(t), 400, 60) for t in texts]


_ROW = "body>table:nth-of-type(1)>tbody:nth-of-type(1)>tr:nth-of-type(1)"


@pytest.mark.parametrize(
    ("html", "located"),
    [
        # a merged data-table row is located at its <tr>, built once its cells are closed
        (
            "<table><tr><td>a</td><td>b</td></tr></table><p>c</p>",
            [("a | b", _ROW), ("c", "body>p:nth-of-type(1)")],
        ),
        # text after a nested block belongs to the element still open around it
        (
            "<div>x<p>y</p>z</div>",
            [
                ("x", "body>div:nth-of-type(1)"),
                ("y", "body>div:nth-of-type(1)>p:nth-of-type(1)"),
                ("z", "body>div:nth-of-type(1)"),
            ],
        ),
        # paragraphs in a layout cell: the row stays as it is, each paragraph its own path
        (
            "<table><tr><td><p>p1</p><p>p2</p></td></tr></table>",
            [
                ("p1", f"{_ROW}>td:nth-of-type(1)>p:nth-of-type(1)"),
                ("p2", f"{_ROW}>td:nth-of-type(1)>p:nth-of-type(2)"),
            ],
        ),
        (
            "<ul><li>a<ul><li>b</li></ul>c</li></ul>",
            [
                ("a", "body>ul:nth-of-type(1)>li:nth-of-type(1)"),
                ("b", "body>ul:nth-of-type(1)>li:nth-of-type(1)>ul:nth-of-type(1)>li:nth-of-type(1)"),
                ("c", "body>ul:nth-of-type(1)>li:nth-of-type(1)"),
            ],
        ),
    ],
)
def test_block_locators(html: str, located: list[tuple[str, str]]) -> None:
    seg = segment(body_of(parse(html)))
    assert [(b.text, seg.elements[b.element].locator) for b in seg.blocks] == located


def test_only_block_owners_have_locators() -> None:
    """The cells of a merged row own no block: they keep no path."""
    seg = segment(body_of(parse("<table><tr><td>a</td><td>b</td></tr></table>")))
    assert [e.locator for e in seg.elements if e.locator] == [_ROW]


_NAN, _INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("weight", "column"),
    [
        (1.5, [0.0] * 10),
        (-0.7, [0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.3, 0.0]),  # sparse: only the non-zeros added
        (2.0, [0.1, 0.2, 0.0, 0.4, 0.5]),  # dense
        (-1.0, [-0.0, 0.0, 0.0, 1.0, 0.0, 0.0]),
        (0.5, [0.0, _NAN, 0.0, 0.0, 0.0]),  # a NaN output is not zero
        (_INF, [0.0, 0.0, 1.0, 0.0, 0.0]),  # inf * 0.0 is NaN: added densely
        (0.0, [1.0, 0.0, 0.0, 0.0]),
    ],
)
@pytest.mark.parametrize("start", [0.0, -0.0, 0.25, -3.0])
def test_weighted_sum_skips_zero_outputs_exactly(weight: float, column: list[float], start: float) -> None:
    z = [start + 0.125 * i for i in range(len(column))]
    dense = [zi + weight * v for zi, v in zip(z, column)]
    _add_weighted(z, weight, column)
    assert [repr(_sigmoid(x)) for x in z] == [repr(_sigmoid(x)) for x in dense]
    assert [x == y or (math.isnan(x) and math.isnan(y)) for x, y in zip(z, dense)] == [True] * len(z)


@pytest.mark.parametrize(
    ("pattern", "alike"),
    [
        (r"\bdonate now\b", True),
        (r"^more on this (?:story|topic)\b|\bread more\b", True),
        (r"[a-z]+ ?[|·•] ?\d{4}", True),
        (r"^(?=.{1,120}$)x\s\S\w\W", True),
        (r"(?<!a)b(?!c)", True),
        (r"mis à jour|\p{L}{3}", True),  # "à" matches no ASCII character in any case
        (r"[^)）]{0,10}摄", True),
        (r"(?-i:\p{Lu})x", False),  # needs the text's own case
        (r"\p{Lu}", False),  # under IGNORECASE it also takes "a"; without, "a" is no Lu
        (r"(?i:x)", False),  # a group that sets flags
        (r"ICP\d+", False),  # upper-case letters: never in a lowered text
        (r"[A-Z]", False),
        (r"[+-Z]", False),  # a range over upper-case letters
        ("\u212a", False),  # the Kelvin sign matches "k" under IGNORECASE
        ("ſ", False),  # the long s matches "s"
        ("[À-ſ]", False),
        (r"(a)\1", False),  # a back reference
        (r"\Aa", False),  # an assertion not on the list
        (r"(?x)a b", False),
        (r"x{2", False),
    ],
)
def test_reads_alike_lowered(pattern: str, alike: bool) -> None:
    assert reads_alike_lowered(pattern) == alike


def _cased(text: str) -> list[str]:
    return [text, text.upper(), text.title(), text.swapcase(), f"X {text.title()} y"]


def test_rows_read_lowered_ascii_texts_alike() -> None:
    """Every row, and every group of the keyless gates, that reads lowercased ASCII texts
    alike finds a match in each of many ASCII texts (the hand-made ones, and each row's
    own words in several cases) exactly when its IGNORECASE form does in the text itself."""
    anywhere, whole = _indexes()
    patterns = [*anywhere.sources, *whole.sources, *anywhere.gate, *whole.gate]
    texts = [t for t in (*GATE_TEXTS, *FOUND_TEXTS) if t.isascii()]
    texts += [" ".join(_words(p)) for p in patterns if " ".join(_words(p)).isascii()]
    texts = [c for t in texts for c in _cased(t)]
    alike = [p for p in patterns if p and reads_alike_lowered(p)]
    assert len(alike) > 0.9 * len(patterns)
    for pattern in alike:
        folded, plain = _compiled(pattern), regex.compile(pattern)
        for text in texts:
            lowered = text.lower()
            assert (folded.search(text) is None) == (plain.search(lowered) is None), (pattern, text)
            assert (folded.fullmatch(text) is None) == (plain.fullmatch(lowered) is None), (pattern, text)
            assert _found(pattern, text, text.lower()) == (folded.search(text) is not None)


def test_ascii_digits_are_what_regex_takes_for_digits() -> None:
    for code in range(128):
        char = chr(code)
        assert has_ascii_digit(char) == (_compiled(r"\d").search(char) is not None)


@pytest.mark.parametrize("text", [t for t in GATE_TEXTS if t.isascii()])
def test_keyless_gate_on_lowered_ascii(text: str) -> None:
    anywhere, whole = _indexes()
    for variant in _cased(text):
        stripped = variant.strip(STRIPPED)
        lowered, low = stripped.lower(), variant.lower()
        expected = _compiled(whole.any_keyless).fullmatch(stripped) is not None
        assert (
            _gate_open(whole, stripped, lowered, lowered, has_digit(stripped, lowered), 7, whole=True)
            == expected
        )
        expected = _compiled(anywhere.any_keyless).search(variant) is not None
        assert _gate_open(anywhere, variant, low, low, has_digit(variant, low), 7, whole=False) == expected


@pytest.mark.parametrize("code", range(128))
def test_an_ascii_texts_lower_case_strips_and_cuts_as_it(code: int) -> None:
    """_phrase_kind lowercases an ASCII text once, then strips and cuts the lower case."""
    char = chr(code)
    for text in (f"{char}{char.upper()}Ab {char}> cD{char}", f"{char}.{char}", char, f"- Read More{char}"):
        assert text.lower().strip(STRIPPED) == text.strip(STRIPPED).lower()
        assert all(text.lower()[:cut] == text[:cut].lower() for cut in range(len(text) + 1))


@pytest.mark.parametrize(
    "text", ["", "abc", "a1", "٣ أيام", "١٢", "日本 2024", "日本", "x\uff11", "ab\u0966"]
)
def test_has_digit_is_regex_digit(text: str) -> None:
    lowered = text.lower() if text.isascii() else None
    assert has_digit(text, lowered) == (_compiled(r"\d").search(text) is not None)
