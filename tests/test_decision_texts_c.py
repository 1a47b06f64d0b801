"""The compiled build's C text tests of the decision's rules (``_cscore_rules.c``) give what
their Python gives: ``echo_head`` (_dumps) on hand-made and generated texts of every str
kind and of every kind of space str.split splits at; ``control_text`` (_controls) on ASCII
texts of every spacing and stripped character, None on any other; ``price_sieve``
(_product_cards) on ASCII texts, texts past ASCII and texts with digits past 0-9;
``shared_depths`` (_product_cards) on generated locators of one, two and four bytes a
character; ``same_ancestor`` (_copied_boxes) on the same; ``forms_of`` (_form_labels) on
hand-made and generated locators. Built with the C compiler where the compiled build is not
installed."""

from __future__ import annotations

import random
import sysconfig
from types import ModuleType

import pytest

import cscan_build
from boilerstrip import Role
from boilerstrip._controls import _STRIP, _STRIP_TABLE, control_text, is_control
from boilerstrip._copied_boxes import python_same_ancestor, same_ancestor
from boilerstrip._dumps import _CODE, _NOT_ECHOES, _TABLE_ROW, echo_head
from boilerstrip._form_labels import form_of, forms_of
from boilerstrip._product_cards import (
    _ASCII_CURRENCY,
    _digit,
    _shared_depths,
    price_sieve,
    python_price_sieve,
    shared_depths,
)
from made_pages import made_locators, odd_locators


@pytest.fixture(scope="module")
def cscore(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    flags = [*(sysconfig.get_config_var("CFLAGS") or "").split(), "-ffp-contract=off"]
    return cscan_build.installed_or_built("_cscore", tmp_path_factory, flags)


def _echo_head(text: str) -> bool:
    """The reference: _dumps.echo_head's Python."""
    head = text.split(None, 1)
    return len(head) >= 2 and head[0] in head[1]


def _control_text(text: str) -> str:
    """The reference: _controls.control_text's Python."""
    return " ".join(text.split()).strip(_STRIP)


_ECHO_TEXTS = [
    ("", False),
    ("   ", False),
    ("a", False),
    ("a ", False),  # one part: the rest is empty once its spaces are skipped
    (" \t a \n ", False),
    ("a a", True),
    ("a b", False),
    ("aa a", False),  # the first word longer than the rest
    ("a ba", True),  # inside a word
    ("ab xaby", True),
    ("Sort By: Sort By:", True),
    ("Request A Quote Request A Quote", True),
    ("request A Quote Request", False),  # case counts
    ("x\xa0x", True),  # no-break space: str.split splits there
    ("x\u3000x", True),  # ideographic space
    ("x\u2028x", True),  # line separator
    ("\x1cx\x1fx", True),  # the information separators are spaces to str.split
    ("x\u200bx", False),  # a zero-width space is not: one word
    ("x\x85x", True),  # NEL
    ("Привет мир Привет", True),
    ("Привет мир Приве", False),
    ("é e", False),
    ("é eé", True),
    ("😀 a😀", True),  # astral: a four-byte str
    ("😀a 😀b", False),
    ("ab " + "c" * 300 + "ab", True),
]


@pytest.mark.parametrize(("text", "expected"), _ECHO_TEXTS)
def test_echo_head_is_the_split_and_the_search(cscore: ModuleType, text: str, expected: bool) -> None:
    assert _echo_head(text) is expected
    assert cscore.echo_head(text) is expected
    assert echo_head(text) is expected


_ECHO_ALPHABET = ["a", "b", "ab", " ", "  ", "\t", "\n", "\xa0", "\u3000", "é", "Ж", "😀", "\x1c", "\u200b"]


@pytest.mark.parametrize("seed", range(4))
def test_echo_head_on_generated_texts(cscore: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    held = 0
    for _ in range(1500):
        text = "".join(rng.choice(_ECHO_ALPHABET) for _ in range(rng.randrange(0, 12)))
        expected = _echo_head(text)
        held += expected
        assert cscore.echo_head(text) is expected, repr(text)
    assert 100 < held < 1400  # both answers drawn


_CONTROL_TEXTS = [
    ("", ""),
    ("Compare", "Compare"),
    ("  Add  to\tcart  ", "Add to cart"),
    ("Sort by:", "Sort by"),
    ("» Show more « ✓", "Show more « ✓"),  # not ASCII: the Python's (C gives None)
    ("--Load more--", "Load more"),
    ("...", ""),
    (" . : ! ? | > + - ", ""),
    ("Quick\x1cview", "Quick view"),
    ("a.b", "a.b"),  # inside: kept
    ("View options |\n", "View options"),
    ("x" * 300 + " -", "x" * 300),  # past the C's buffer on the stack
]


@pytest.mark.parametrize(("text", "expected"), _CONTROL_TEXTS)
def test_control_text_is_the_split_join_and_strip(cscore: ModuleType, text: str, expected: str) -> None:
    assert _control_text(text) == expected
    assert control_text(text) == expected
    assert cscore.control_text(text, _STRIP_TABLE) == (expected if text.isascii() else None)


def test_a_text_that_needs_no_change_is_given_back(cscore: ModuleType) -> None:
    text = "Add to cart"
    assert cscore.control_text(text, _STRIP_TABLE) is text


def test_the_strip_table_holds_the_ascii_characters_of_the_strip() -> None:
    assert [chr(c) for c in range(128) if _STRIP_TABLE[c]] == sorted(c for c in _STRIP if c.isascii())


_CONTROL_ALPHABET = [*" .:!?|>+-\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f", "a", "B", "7", "ab", "(", "_"]


@pytest.mark.parametrize("seed", range(4))
def test_control_text_on_generated_ascii_texts(cscore: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(1500):
        text = "".join(rng.choice(_CONTROL_ALPHABET) for _ in range(rng.randrange(0, 20)))
        assert cscore.control_text(text, _STRIP_TABLE) == _control_text(text), repr(text)
        assert cscore.control_text(text + "é", _STRIP_TABLE) is None


@pytest.mark.parametrize(
    ("text", "control"),
    [
        ("  Add   to cart ", True),
        ("Sort by price:", True),
        ("Sort by: price", False),
        ("» Load more", True),
        ("Hello world.", False),
    ],
)
def test_controls_are_read_from_the_stripped_text(text: str, control: bool) -> None:
    assert is_control(text) is control


@pytest.mark.parametrize("role", list(Role))
def test_the_echo_roles_told_by_identity_are_the_table(role: Role) -> None:
    assert (role is _CODE or role is _TABLE_ROW) is (role in _NOT_ECHOES)


_PRICE_TEXTS = [
    ("", False, False),
    ("Add to cart", False, False),  # no digit
    ("Only 3 more", False, False),  # a digit, no currency
    ("$168.54", True, True),
    ("EUR 163.12", True, True),
    ("Usd 12", True, True),  # lowered
    ("previous price $185.39", True, True),
    ("Rs. 500", True, True),
    ("In 3 years", True, True),  # "rs": searched (the pattern then finds no price)
    ("12,90 €", True, True),  # past ASCII with a digit 0-9
    ("Café Noir", False, False),  # past ASCII, nothing from U+0660 up, no digit
    ("Ελλάδα", False, False),
    ("Prix en €", None, False),  # U+20AC: the digit class is searched
    ("٣٠ €", None, True),  # Arabic-Indic digits: the search finds them
    ("１２ €", None, True),  # fullwidth digits
    ("x" * 300 + " usd 1", True, True),  # past the C's buffer on the stack
]


@pytest.mark.parametrize(("text", "c", "expected"), _PRICE_TEXTS)
def test_price_sieve_is_the_digit_and_currency_tests(
    cscore: ModuleType, text: str, c: bool | None, expected: bool
) -> None:
    assert python_price_sieve(text) is expected
    assert price_sieve(text) is expected
    assert cscore.price_sieve(text, _ASCII_CURRENCY) is c


def test_no_digit_of_the_price_pattern_lies_below_u0660_but_0_to_9() -> None:
    """What the C's False for a text past ASCII rests on: the pattern's digit class matches
    no character below U+0660 but 0-9 (and matches U+0660)."""
    digit = _digit()
    assert [c for c in range(0x660) if digit.search(chr(c))] == list(range(0x30, 0x3A))
    assert digit.search("\u0660")


_PRICE_ALPHABET = [
    "a",
    "B",
    "1",
    "9",
    "$",
    "USD",
    "uSd",
    "Rs",
    "rs",
    "k",
    "r",
    " ",
    "€",
    "é",
    "٣",
    "１",
    "z",
    "ł",
]


@pytest.mark.parametrize("seed", range(4))
def test_price_sieve_on_generated_texts(cscore: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    decided = 0
    for _ in range(1500):
        text = "".join(rng.choice(_PRICE_ALPHABET) for _ in range(rng.randrange(0, 10)))
        expected = python_price_sieve(text)
        found = cscore.price_sieve(text, _ASCII_CURRENCY)
        assert found is None or found is expected, repr(text)
        decided += found is not None
        assert price_sieve(text) is expected
    assert decided > 700


def test_price_sieve_takes_only_ascii_currencies(cscore: ModuleType) -> None:
    with pytest.raises(TypeError):
        cscore.price_sieve("1 z", ("zł",))


def _wide(locator: str, rng: random.Random) -> str:
    """``locator`` with some steps' tags in another script (a two- or four-byte str)."""
    return ">".join(
        step.replace("div", rng.choice(["dív", "дiv", "d😀v"])) if rng.random() < 0.3 else step
        for step in locator.split(">")
    )


@pytest.mark.parametrize("seed", range(12))
def test_shared_depths_in_c_count_the_shared_steps(cscore: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    locators = [*odd_locators(seed), *made_locators(seed)]
    locators += [_wide(loc, rng) for loc in locators]
    # A locator that goes on past a path's step with more characters of it (not a ">").
    locators += [loc + "x" for loc in locators[::5]] + [loc + ">p" for loc in locators[::5]] + ["", ">"]
    for path in [*locators[::7], "", ">", "html>body"]:
        expected = _shared_depths(locators, path.split(">"))
        assert cscore.shared_depths(locators, path) == expected
        assert shared_depths(locators, path) == expected
    assert 0 < sum(cscore.shared_depths(locators, locators[3])) < 9 * len(locators)


@pytest.mark.parametrize(
    ("locator", "path", "depth"),
    [
        ("html>body>div>p", "html>body>div>h1", 3),
        ("html>body>div", "html>body>div>h1", 3),  # the h1's parent itself
        ("html>body>divx>p", "html>body>div>h1", 2),  # a longer tag is another step
        ("html>body>div>h1", "html>body>div>h1", 4),
        ("html>body>div>h1>span", "html>body>div>h1", 4),
        ("head", "html>body", 0),
        ("", "", 1),  # one empty step each
        ("html>bödy>p", "html>bödy>h1", 2),
        ("html>body>p", "html>bödy>h1", 1),  # a one-byte locator against a two-byte path
    ],
)
def test_shared_depths_by_hand(cscore: ModuleType, locator: str, path: str, depth: int) -> None:
    assert _shared_depths([locator], path.split(">")) == [depth]
    assert cscore.shared_depths([locator], path) == [depth]


@pytest.mark.parametrize("seed", range(8))
def test_same_ancestor_in_c_is_the_python(cscore: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    locators = [*odd_locators(seed), *made_locators(seed)]
    locators += [_wide(loc, rng) for loc in locators] + ["", ">", ">>", "div"]
    same = 0
    for levels in (0, 1, 2, 3, 12):
        for one in locators:
            for other in [*rng.sample(locators, 12), one, one + ">p", one + "x"]:
                expected = python_same_ancestor(one, other, levels)
                same += expected
                assert cscore.same_ancestor(one, other, levels) is expected, (one, other, levels)
                assert same_ancestor(one, other, levels) is expected
    assert same > 100


@pytest.mark.parametrize(
    ("one", "other", "levels", "same"),
    [
        ("html>body>div>p", "html>body>div>span", 1, True),
        ("html>body>div>p", "html>body>nav>p", 1, False),
        ("html>body>div>p", "html>body>nav>p", 2, True),
        ("html>body>div>p", "html>body>div>p>a", 1, False),  # ancestors of other lengths
        ("a>b", "a>c", 9, True),  # fewer steps than levels: cut at the first ">"
        ("ab", "ab", 1, True),  # no ">": the whole path
        ("ab", "ac", 1, False),
        ("html>bödy>p", "html>bödy>q", 1, True),
        ("html>body>p", "html>bödy>q", 1, False),  # a one-byte path against a two-byte one
        ("h😀>p", "h😀>q", 1, True),
    ],
)
def test_same_ancestor_by_hand(cscore: ModuleType, one: str, other: str, levels: int, same: bool) -> None:
    assert python_same_ancestor(one, other, levels) is same
    assert cscore.same_ancestor(one, other, levels) is same


_FORM_LOCATORS = [
    ("", ""),
    ("html>body>form:nth-of-type(2)>p", "html>body>form:nth-of-type(2)"),
    ("form:nth-of-type(1)>p", "form:nth-of-type(1)"),  # at the start
    (
        "html>form:nth-of-type(1)>div>form:nth-of-type(3)>p",
        "html>form:nth-of-type(1)>div>form:nth-of-type(3)",
    ),
    ("html>x-form:nth-of-type(1)>p", ""),  # not a step's start
    ("html>form:nth-of-type(12)", "html>form:nth-of-type(12)"),  # the path's last step
    ("html>form:nth-of-type()>p", ""),
    ("html>form:nth-of-type(1>p", ""),
    ("html>form:nth-of-type(x)>form:nth-of-type(4)>p", "html>form:nth-of-type(x)>form:nth-of-type(4)"),
    ("html>form:nth-of-type(4)>form:nth-of-type(x)>p", "html>form:nth-of-type(4)"),  # the last that is one
    ("html>form:nth-of-type(4)>form:nth-of-type(", "html>form:nth-of-type(4)"),
    ("html>bödy>form:nth-of-type(2)>p", "html>bödy>form:nth-of-type(2)"),  # Latin-1: read in C
]


@pytest.mark.parametrize(("locator", "form"), _FORM_LOCATORS)
def test_forms_of_in_c_is_form_of(cscore: ModuleType, locator: str, form: str) -> None:
    assert form_of(locator) == form
    assert cscore.forms_of([locator]) == [form]
    assert forms_of([locator, locator]) == [form, form]


@pytest.mark.parametrize(
    ("locator", "read"),
    [
        ("html>form:nth-of-type(٣)>p", False),  # a digit past ASCII: the pattern's
        ("html>form:nth-of-type(2٣)>p", False),  # past ASCII after the digits
        ("html>form:nth-of-type(2é)>p", False),
        ("html>form:nth-of-type(2)>é", True),  # past ASCII elsewhere: read in C
        ("html>dív>form:nth-of-type(2)>p", True),  # Latin-1: one byte a character
        ("html>дiv>form:nth-of-type(2)>p", False),  # two bytes a character
        ("html>d😀v>form:nth-of-type(2)>p", False),  # four
    ],
)
def test_forms_of_leaves_the_pattern_s_cases_to_the_python(
    cscore: ModuleType, locator: str, read: bool
) -> None:
    found = cscore.forms_of(["html>form:nth-of-type(1)>p", locator])
    assert found == (["html>form:nth-of-type(1)", form_of(locator)] if read else None)
    assert forms_of([locator]) == [form_of(locator)]


@pytest.mark.parametrize("seed", range(12))
def test_forms_of_in_c_on_generated_locators(cscore: ModuleType, seed: int) -> None:
    locators = [*odd_locators(seed), *made_locators(seed)]
    expected = [form_of(loc) for loc in locators]
    assert cscore.forms_of(locators) == expected
    assert forms_of(locators) == expected
    assert any(expected) or seed % 2
