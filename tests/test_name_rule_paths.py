"""The class/id name rules' shortcuts (first letters, key words, word-by-word verdicts,
state words, the ``re`` path) give the answers of the plain rules they replace."""

from __future__ import annotations

import re

import pytest
import regex

from boilerstrip._name_verdicts import NameVerdicts
from boilerstrip._pattern_reader import spellings
from boilerstrip._rules import (
    _CAMEL,
    _PORTABLE,
    _SEPARATORS,
    _STATE_FLAGS,
    _STATE_WORDS,
    CONTENT_NAME_RULE,
    NAME_RULES,
    OVERLAY_NAME_RULE,
    _by_first_letter,
    _holds_state_word,
    _key_bits,
    _key_words,
    _name_patterns,
    chrome_kind_of_name,
    names_content,
    names_overlay,
    normalise_name,
)

CLASS_NAMES = [
    "relatedPosts c-share-bar__item",
    "site-footer",
    "comment-list",
    "customerReviews",
    "ad-slot",
    "advertisement",
    "has-sidebar main",
    "entry-content",
    "articleBody",
    "nav_menu",
    "headline",
    "Navigation",
    "menü-oben",  # non-ASCII: regex only
    "article_body",
]


@pytest.mark.parametrize("raw", CLASS_NAMES)
def test_name_rows_on_re_agree_with_regex(raw: str) -> None:
    name = normalise_name(raw)
    expected = next((kind for kind, pattern in NAME_RULES if regex.search(pattern, name)), None)
    assert chrome_kind_of_name(name) is expected
    assert names_content(name) == (regex.search(CONTENT_NAME_RULE, name) is not None)


@pytest.mark.parametrize(("raw", "name"), [("shareBar", "share bar"), ("a--b__c:d.e/f", "a b c d e f")])
def test_normalise_name_on_re(raw: str, name: str) -> None:
    assert normalise_name(raw) == name


def _names_from(rule: str) -> list[str]:
    """Strings on and around the literal words of ``rule``: each word alone, cut short,
    lengthened, glued to a neighbour, between other words, in ASCII and not."""
    names = []
    for word in regex.findall(r"[a-z][a-z ]*[a-z]", rule):
        names += [word, word[:-1], word + "s", word + "x", "x" + word, f"a {word} b", f"é {word}", f"{word}ü"]
    return names


@pytest.mark.parametrize(
    "rules", [[p for _, p in NAME_RULES], *([p] for _, p in NAME_RULES), [CONTENT_NAME_RULE]]
)
def test_alternatives_by_first_letter_match_where_the_rules_do(rules: list[str]) -> None:
    grouped = regex.compile(_by_first_letter(rules))
    for name in [n for rule in rules for n in _names_from(rule)] + ["", "x", "main"]:
        assert (grouped.search(name) is not None) == any(regex.search(r, name) for r in rules), name


def test_name_rows_grouped_give_the_first_matching_row() -> None:
    """The rows are tried in order, each grouped by first letter: the first that matches
    is the first of the plain rules that does, on names made from every rule's words."""
    names = [n for _, rule in NAME_RULES for n in _names_from(rule)]
    names += [f"{a} {b}" for a in names[::37] for b in names[::41]]  # two rules' words at once
    for name in names:
        expected = next((kind for kind, pattern in NAME_RULES if regex.search(pattern, name)), None)
        assert chrome_kind_of_name(name) is expected, name


@pytest.mark.parametrize(
    ("rules", "name", "found"),
    [
        ([r"\b(?:s?hare|sx)\b"], "hare", True),  # a quantified first letter is no prefix
        ([r"\b(?:ads?|advert\w*)\b", r"\b(?:nav)\b"], "adverts nav", True),
        ([r"\b(?:ads?|advert\w*)\b"], "add", False),
        ([r"\b(?:a(?:b|c)|x)\b"], "ac", True),
    ],
)
def test_alternatives_by_first_letter(rules: list[str], name: str, found: bool) -> None:
    assert (regex.search(_by_first_letter(rules), name) is not None) is found


def test_alternatives_by_first_letter_need_word_rules() -> None:
    with pytest.raises(ValueError, match="not a"):
        _by_first_letter([r"(?:nav)\b"])


@pytest.mark.parametrize("ascii_only", [True, False])
def test_name_patterns_by_first_letter(ascii_only: bool) -> None:
    patterns = _name_patterns(ascii_only)
    any_row, content = patterns.any_row, patterns.content
    for name in ["share bar", "site footer", "entry content", "headline", "has sidebar", "menü oben"]:
        assert (any_row.search(name) is not None) == any(regex.search(p, name) for _, p in NAME_RULES)
        assert (content.search(name) is not None) == (regex.search(CONTENT_NAME_RULE, name) is not None)


def _verdict(name: str) -> tuple[str, bool, bool]:
    """A name's verdict the plain way: each rule searched by regex, the rows in order."""
    kind = next((k.value for k, pattern in NAME_RULES if regex.search(pattern, name)), "")
    content = not kind and regex.search(CONTENT_NAME_RULE, name) is not None
    return kind, content, regex.search(OVERLAY_NAME_RULE, name) is not None


_VERDICT_NAMES = [
    *(n for _, rule in NAME_RULES for n in _names_from(rule)),
    *_names_from(CONTENT_NAME_RULE),
    *_names_from(OVERLAY_NAME_RULE),
    "cookie-banner-enabled",
    "modal is-open",
    "gdpr x visible",
    "consentManager",
    "entry-content comments",
    "",
    "x",
]


_RULES_BY_BIT = [*(p for _, p in NAME_RULES), CONTENT_NAME_RULE, OVERLAY_NAME_RULE]


@pytest.mark.parametrize("ascii_only", [True, False])
def test_key_words_carry_every_rule_that_matches(ascii_only: bool) -> None:
    """A name's key words carry the bit of every chrome row, of the content rule and of
    the overlay rule that matches it, alone or with another rule's words (it fails if a
    rule's key word is left out); a name without one gets no bit."""
    patterns = _name_patterns(ascii_only)
    names = [*_VERDICT_NAMES, *(f"{a} {b}" for a in _VERDICT_NAMES[::29] for b in _VERDICT_NAMES[::31])]
    for name in [n for n in names if not ascii_only or n.isascii()]:
        bits = _key_bits(patterns, name)
        matching = [bit for bit, rule in enumerate(_RULES_BY_BIT) if regex.search(rule, name)]
        assert all(bits >> bit & 1 for bit in matching), name
        assert bits or not any(_verdict(name)), name


def test_every_name_rule_has_key_words() -> None:
    """The rules' syntax is read whole (no rule searched on every name), and "nav", a row's
    word, carries that row alone."""
    for ascii_only in (True, False):
        patterns = _name_patterns(ascii_only)
        assert patterns.always == 0
        row = next(i for i, (_, p) in enumerate(NAME_RULES) if "navbar" in p)
        assert _key_bits(patterns, "x nav y") == 1 << row


@pytest.mark.parametrize(
    ("alternative", "spelled"),
    [
        ("ads?", ["ads", "ad"]),
        (r"advert\w*", ["advert*"]),
        ("article ?body", ["article body", "articlebody"]),
        ("(?:customer|user) review", ["customer review", "user review"]),
        ("repl(?:y|ies)s?", ["replys", "reply", "repliess", "replies"]),
        ("(?:the )?nav", ["the nav", "nav"]),
        ("[ab]c", None),
        ("a{2}", None),
        ("ab+", None),
        ("(?:a(?:b))", None),
        (r"a\d", None),
        ("Nav", None),
    ],
)
def test_spellings_of_an_alternative(alternative: str, spelled: list[str] | None) -> None:
    assert spellings(alternative) == spelled


@pytest.mark.parametrize(
    ("rule", "keys"),
    [
        (r"\b(?:ads?|advert\w*|sign up)\b", ({"ad", "ads", "sign"}, {"adver"})),
        (r"\b(?:(?:the )?nav|x ?y)\b", ({"the", "nav", "x", "xy"}, set())),
        (r"\b(?:promo\w*)\b", (set(), {"promo"})),
        (r"\b(?:ad\w*)\b", None),  # shorter than a key's five letters
        (r"\b(?:a\w*b)\b", None),  # \w* inside the first word
        (r"\b(?: nav)\b", None),  # no first word
        (r"\b(?:nav|[ab]x)\b", None),
    ],
)
def test_key_words_of_a_rule(rule: str, keys: tuple[set[str], set[str]] | None) -> None:
    assert _key_words(rule) == keys


@pytest.mark.parametrize("raw", [*CLASS_NAMES, *_VERDICT_NAMES[::7]])
def test_name_verdicts_as_the_plain_rules_give_them(raw: str) -> None:
    name = normalise_name(raw)
    verdicts = NameVerdicts()
    assert verdicts(raw) == _verdict(name)
    kind = chrome_kind_of_name(name)
    assert verdicts(raw) == (
        "" if kind is None else kind.value,
        kind is None and names_content(name),
        names_overlay(name),
    )


@pytest.mark.parametrize(
    "name",
    [
        *_STATE_WORDS,
        *(f"x{word}y" for word in _STATE_WORDS),
        *(word[:-1] for word in _STATE_WORDS),
        "has x",
        "no",
        "without",
        "a toggle b",
        "shows ",
        "this is ",
        "",
        "ha s",
    ],
)
def test_state_word_found_where_one_is_a_substring(name: str) -> None:
    assert _holds_state_word(name) == (re.search("|".join(_STATE_WORDS), name) is not None)


@pytest.mark.parametrize(
    "raw",
    [
        "has-sidebar main",
        "hide-on-mobile nav",
        "without-sidebar",
        "is-active",
        "no js",
        "toggle-menu",
        "with-image",
        "showcase",
        "bishop",
        "nothing",
        "shower-head",
        "menü has-x",
    ],
)
def test_state_flags_skipped_only_where_none_can_match(raw: str) -> None:
    plain = _SEPARATORS.sub(" ", raw if raw.islower() else _CAMEL.sub(" ", raw)).lower()
    assert normalise_name(raw) == _STATE_FLAGS.sub(" ", plain)


def test_portable_syntax_excludes_regex_only_patterns() -> None:
    assert _PORTABLE.fullmatch(r"\b(?:nav|menus?|advert\w*)\b")
    assert not _PORTABLE.fullmatch(r"\b\p{L}+\b")
    assert not _PORTABLE.fullmatch(r"[[:alpha:]]")
