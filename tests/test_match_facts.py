"""What _match_facts reads from a phrase pattern (the ASCII characters a match can start
with, the digits it consumes and their runs, each branch's facts and strings) rules out only texts the
regex does not match: on hand-made patterns with the answers written out, and on every row
and gate of both tables against the regex calls it lets _phrase_match skip (texts that
match, near misses, every ASCII first character, each branch's own words)."""

from __future__ import annotations

import functools
import sys

import pytest
import regex

from boilerstrip._digit_runs import min_runs
from boilerstrip._match_facts import (
    _CLASS_MEMBERS,
    branch_facts,
    class_members,
    first_chars,
    may_match,
    may_start,
    min_digits,
)
from boilerstrip._pattern_reader import top_level_branches
from boilerstrip._phrase_keys import _words
from boilerstrip._phrase_match import _compiled, _found, _fullmatch
from boilerstrip._phrases import _indexes

_DIGITS = "0123456789"


def _chars(mask: bytes) -> str:
    return "".join(chr(c) for c in range(128) if mask[c]) if mask else ""


# (pattern, anchored, its first characters as a string: "" for no mask)
FIRST = [
    (r"^\d{4}-\d\d", False, _DIGITS),
    (r"\d{4}-\d\d", True, _DIGITS),
    (r"\d{4}-\d\d", False, ""),  # not anchored: no mask
    (r"^abc|^Xy", False, "AXax"),
    (r"\(?\d+ reviews?", True, "(" + _DIGITS),
    (r"(?:[$€£] ?\d+){2,}", True, "$"),
    (r"(?:a|b?)c", True, "ABCabc"),  # an alternative that may match nothing: the next atom too
    (r"\bshare\b", True, "Ss"),  # an assertion is passed over
    (r"(?=x)yes", True, "Yy"),  # so is a lookaround
    (r"a?", True, ""),  # may match the empty text
    (r"^(?-i:A)b", False, ""),  # flags set inside: not read
    (r"(?x) a", True, ""),  # verbose: not read
    (r"(?P<x>a)b", True, ""),  # a named group: not read
    (r".x", True, ""),  # every character but a newline... and a newline is ruled out
    (r"k", True, "Kk"),  # (the Kelvin sign is not ASCII: always tried)
    (r"[^a]b", True, ""),
    (r"\p{Lu}\d", True, ""),  # IGNORECASE: every letter
]


@pytest.mark.parametrize(("pattern", "anchored", "expected"), FIRST)
def test_first_chars_of_hand_made_patterns(pattern: str, anchored: bool, expected: str) -> None:
    got = _chars(first_chars(pattern, anchored=anchored))
    if pattern == r".x":
        assert got == "".join(chr(c) for c in range(128) if c != 10)
    elif pattern in (r"[^a]b", r"\p{Lu}\d"):  # the engine's own answer for the first atom
        atom = pattern[:4] if pattern.startswith("[") else pattern[:6]
        assert got == "".join(chr(c) for c in range(128) if regex.fullmatch(atom, chr(c), regex.I))
    else:
        assert got == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\d{4}", 4),
        (r"\d\d|x", 0),
        (r"(?:\d\d|\d{3}){2}", 4),
        (r"a\d?\d+", 1),
        (r"(?=\d)\d", 1),  # a lookaround consumes nothing
        (r"(?-i:\d)\d", 1),  # a group with flags is not read
        (r"(?:\d{2}){0,3}\d", 1),
        (r"[0-9]\d", 1),  # a class is not read as a digit
        (r"(?x) \d", 0),
        ("", 0),
    ],
)
def test_min_digits_of_hand_made_patterns(pattern: str, expected: int) -> None:
    assert min_digits(pattern) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\d{4}", 1),
        (r"\d+ \d+", 2),
        (r"\d+ ?\d+", 1),  # the space may be missing: one run
        (r"(?:[$€£] ?\d+){2,}", 2),
        (r"(?:[$€£] ?\d+)+", 1),
        (r"\d{1,2}[./-]\d{1,2}[./-]\d{4}", 3),
        (r"\d+(?:x)?\d", 1),
        (r"(?:\d|x)\d", 1),
        (r"\d\D\d", 2),
        (r"\d.\d", 1),  # "." may be a digit
        (r"\d\w\d", 1),
        (r"\d(?=x)\d", 1),  # a lookaround consumes nothing
        (r"\d(?-i:x)\d", 1),  # a group with flags may be anything
        (r"\d\b\d", 1),
        (r"(?:\d+ )+\d+|\d+ \d+ \d+", 2),
        (r"\d \d|x", 0),
        (r"[0-9] [0-9]", 0),  # an atom but \d is read as one that may match a non-digit
        (r"1 \d", 1),
        (r"(?x) \d \d", 0),
        ("", 0),
    ],
)
def test_min_runs_of_hand_made_patterns(pattern: str, expected: int) -> None:
    assert min_runs(pattern) == expected


def _runs(text: str) -> int:
    return len(regex.findall("[0-9]+", text))


@pytest.mark.parametrize(
    "pattern",
    [
        r"\d+ ?\d+",
        r"(?:[$£] ?\d+(?:[.,]\d{2})? ?[/|,]? ?){2,}",
        r"(?:\d{1,2}\.? )?\d{1,2}(?:a|\.)?\d?",
        r"(?:a+ )?(?:\d{1,2}\.? a{2,}\.? \d{2}|\d[./-]\d[./-]\d{2})(?: ?\d[:.]\d)?",
        r"\d(?:\d|a)*\d|\d a? \d",
    ],
)
def test_min_runs_holds_for_every_short_text(pattern: str) -> None:
    """Every text of up to six characters of "1", "a", " ", "." and the pattern's other signs
    that the pattern matches, or holds a match of, has at least min_runs runs of digits."""
    runs, folded = min_runs(pattern), regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)
    alphabet = "1a ." + "".join(sorted(set(pattern) & set("$£/|,:-")))
    texts = [""]
    for _ in range(6):
        texts += [t + c for t in texts[-(len(alphabet) ** _) :] for c in alphabet]
    matched = [t for t in texts if folded.search(t)]
    assert runs > 0 and matched
    assert all(_runs(t) >= runs for t in matched), [t for t in matched if _runs(t) < runs][:5]


def _patterns() -> list[str]:
    anywhere, whole = _indexes()
    patterns = [*anywhere.sources, *whole.sources, *anywhere.gate, *whole.gate]
    return [
        p for p in (*patterns, anywhere.any_keyless, whole.any_keyless) if p
    ]  # ("": a gate without branches)


# Texts the rows and gates match or nearly match, and one text per ASCII first character.
TEXTS = [
    "2024-05-01 12:30",
    "2024年5月1日 12:30",
    "12.05.2024",
    "March 1, 2024",
    "By Jane Doe, 18 August 2010",
    "Nov. 6 43 Responses",
    "3 Reasons to Keep Going",
    "$10 $25 $50 Other amount",
    "$10 $25",
    "£5 · €10",
    "(3) reviews",
    "12 reviews",
    "1,234 Ratings",
    "#12",
    "21 likes",
    "(c) 2020 Example",
    "Copyright 2021",
    "© 2024",
    "1 2 3 … 10",
    "Previous 1 2 3 Next",
    "Photo: Jane Doe",
    "(Photo: AP)",
    "Read more",
    "٣ reviews",  # Arabic-Indic digits: \d takes them, the ASCII count does not see them
    "２０２４-05-01 12:30",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_skipped_calls_match_nothing(text: str) -> None:
    """_fullmatch and _found give the regex's answer on every pattern; and where the facts
    rule a text out, the regex indeed finds nothing."""
    lowered = text.lower() if text.isascii() else None
    for pattern in _patterns():
        folded = _compiled(pattern)
        assert _fullmatch(pattern, text, lowered) == (folded.fullmatch(text) is not None), pattern
        assert _found(pattern, text, lowered) == (folded.search(text) is not None), pattern
        if not may_start(first_chars(pattern, anchored=True), text):
            assert folded.fullmatch(text) is None, pattern
        start = "|".join(b for b in top_level_branches(pattern) if b.startswith("^"))
        if start and not may_start(first_chars(start, anchored=False), text):
            assert _compiled(start).match(text) is None, pattern
        digits = min_digits(pattern)
        if text.isascii() and sum(c in _DIGITS for c in text) < digits:
            assert folded.search(text) is None, pattern
        if text.isascii() and _runs(text) < min_runs(pattern):
            assert folded.search(text) is None, pattern


@functools.cache
def _masked() -> list[tuple[regex.Pattern[str], bytes, bool]]:
    """(compiled, first characters, whether matched at the start only) for every pattern
    with a mask: all of a pattern for a fullmatch, its ``^`` branches for a search."""
    out = []
    for pattern in _patterns():
        mask = first_chars(pattern, anchored=True)
        if mask:
            out.append((_compiled(pattern), mask, False))
        start = "|".join(b for b in top_level_branches(pattern) if b.startswith("^"))
        mask = first_chars(start, anchored=False) if start else b""
        if mask:
            out.append((_compiled(start), mask, True))
    return out


@pytest.mark.parametrize("code", range(128))
def test_every_ascii_first_character(code: int) -> None:
    """A date, a price, a count of reviews, words after each ASCII character: matched only
    where the mask lets the character start a match."""
    for tail in ("2024-05-01 12:30", "$10 $25", "12 reviews", "hare this", "ead more"):
        text = chr(code) + tail
        for compiled, mask, at_start in _masked():
            if not may_start(mask, text):
                found = compiled.match(text) if at_start else compiled.fullmatch(text)
                assert found is None, compiled.pattern


# (pattern, anchored, ASCII texts: per branch, its digits, whether it has a first-character
# mask, its starts and its needs), "" patterns give ()
BRANCH_FACTS = [
    (r"\bwe use cookies\b", False, None),  # one string: what the sieve asks already
    (
        r"\bopen government licen[cs]e\b|\b(?:company|reg\.?) ?(?:no|nr)\.? ?\d",
        False,
        [
            (0, False, (), (("open government licen",), ("e",), ("c", "s"))),
            (1, False, (), (("company", "reg"), ("no", "nr"))),
        ],
    ),
    (
        r"(?:[$€£] ?\d+){2,}|\d{4}-\d\d|#\d",
        True,
        [(2, True, (), (("$", "€", "£"),)), (6, True, (), (("-",),)), (1, False, ("#",), ())],
    ),
    (
        r"^(?:read|see) (?:more|also) ?:",
        False,
        [(0, False, ("read", "see"), (("more", "also"), (" ",), (":",)))],
    ),
    (r"about(?: us)?|contact(?: us)?", True, None),  # a start each, nothing more
    (r"(?x) a b|c d", True, None),  # verbose: not read
    ("", True, None),
]


@pytest.mark.parametrize(("pattern", "anchored", "expected"), BRANCH_FACTS)
def test_branch_facts_of_hand_made_patterns(
    pattern: str,
    anchored: bool,
    expected: list[tuple[int, bool, tuple[str, ...], tuple[tuple[str, ...], ...]]] | None,
) -> None:
    facts = branch_facts(pattern, anchored=anchored, ascii_text=True)
    if expected is None:
        assert facts == ()
    else:
        assert [(f.digits, bool(f.first), f.starts, f.needs) for f in facts] == expected


@pytest.mark.parametrize(
    ("atom", "expected"),
    [
        ("[$€£]", "$€£"),
        ("[-年/.]", "-年/."),
        (r"[\]a]", "]a"),
        (r"[\.,]", ".,"),
        ("[a-z]", None),  # a range
        ("[^ab]", None),  # negated
        (r"[\d,.]", None),  # a class escape
        ("[[:alpha:]]", None),
        ("x", None),
        ("[]", None),
    ],
)
def test_class_members(atom: str, expected: str | None) -> None:
    assert class_members(atom) == expected


def _classes() -> list[str]:
    """Every class of a few literal members that the rows' and gates' facts read."""
    found = set()
    for pattern in _patterns():
        for branch in top_level_branches(pattern):
            for atom in regex.findall(r"\[(?:\\.|[^\]\\])*\]", branch):
                members = class_members(atom)
                if members and len(members) <= _CLASS_MEMBERS:
                    found.add(atom)
    return sorted(found)


@functools.cache
def _everything() -> str:
    return "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


@pytest.mark.parametrize("atom", _classes())
def test_a_class_takes_what_its_members_take(atom: str) -> None:
    """Under the rows' IGNORECASE, a class takes exactly the characters one of its members,
    written alone, takes (checked on every code point): a match holds one of them."""
    members = class_members(atom)
    assert members
    taken = set(_compiled(atom).findall(_everything()))
    assert taken == {c for m in members for c in _compiled(regex.escape(m)).findall(_everything())}


def _branch_texts(pattern: str) -> list[str]:
    words = [" ".join(_words(b)) for b in top_level_branches(pattern)]
    return [*TEXTS, *words, *(w.upper() for w in words), *(f"x {w} 2024-05-01 12:30 $5 $6" for w in words)]


@pytest.mark.parametrize("pattern", _patterns())
def test_texts_no_branch_may_match_are_not_matched(pattern: str) -> None:
    """Where no branch's facts let a text match, neither the pattern's search (its ``^``
    branches and the others apart, as _found reads them) nor its fullmatch finds one."""
    branches = top_level_branches(pattern)
    start = "|".join(b for b in branches if b.startswith("^"))
    rest = "|".join(b for b in branches if not b.startswith("^"))
    for text in _branch_texts(pattern):
        lowered = text.lower() if text.isascii() else None
        ascii_text = lowered is not None
        if not may_match(
            branch_facts(pattern, anchored=True, ascii_text=ascii_text), text, text.lower(), lowered
        ):
            assert _compiled(pattern).fullmatch(text) is None, (pattern, text)
        for part, search in ((start, False), (rest, True)):
            facts = branch_facts(part, anchored=False, ascii_text=ascii_text)
            if part and not may_match(facts, text, text.lower(), lowered):
                compiled = _compiled(part)
                assert (compiled.search(text) if search else compiled.match(text)) is None, (part, text)
