"""The compiled build's ``_ctokens.name_words`` gives exactly what the Python path gives:
``_rules.normalise_name`` of the name and ``_name_verdicts.spaced_words`` of that, on
hand-made class/id strings (camelCase, digits, every separator and runs of them, state
flags, empty, long) and on generated ones; and None, leaving the name to Python, for a name
not ASCII or one holding a taxonomy or page-builder prefix. Where the compiled build is not
installed the extension is built here with the C compiler (the comparisons skip without one)."""

from __future__ import annotations

import random
from types import ModuleType

import pytest

from boilerstrip._name_verdicts import spaced_words
from boilerstrip._rules import normalise_name

NAMES = [
    "",
    " ",
    "  ",
    "relatedPosts c-share-bar__item",
    "ArticleBody",
    "HTMLParser x2Y aB9C",
    "a1B 1A Z9z",
    "block__item--mod",
    "a---b a___b a-_b a_-_b -lead trail_",
    "nav:item site.header path/to/x a:.b",
    "a -b c_ d",
    "has-sidebar is-active no-js with-image without-ads show-menu hide-x toggle-nav",
    "hasSidebar isOpen noJs",
    "this is a thing this-is-x",
    "has  x has- is_ is",
    "washes-x logo-no-x bis-y",
    "is-a is-b is-c",
    "has-x-y has-x_y has-x.y",
    "with with-with with-",
    "post#1 +plus !bang (x) a&b",
    "c-nav 123 4five six7",
    "UPPER lower MiXeD",
    "sidebarWidget Tag-news Category-x",
    "tab\tpane\nnew",
    "long-" * 400 + "tail",
    "relatedPosts " * 200,
]

FALLBACK = [
    "tag-news post",
    "category-ads",
    "elementor-widget-container",
    "so-widget-sow-editor",
    "café-menu",
    "nav—item",
    "日本 nav",
]


def _python(raw: str) -> tuple[str, list[str] | None]:
    name = normalise_name(raw)
    return name, spaced_words(name)


@pytest.mark.parametrize("raw", NAMES)
def test_same_as_python(ctokens: ModuleType, raw: str) -> None:
    assert ctokens.name_words(raw) == _python(raw)


@pytest.mark.parametrize("raw", FALLBACK)
def test_left_to_python(ctokens: ModuleType, raw: str) -> None:
    assert ctokens.name_words(raw) is None


def test_generated_names(ctokens: ModuleType) -> None:
    """Random strings of the characters these rules read (letters of both cases, digits,
    separators, spaces, state words' letters, other punctuation): the first that differs."""
    rng = random.Random(7)
    pieces = [
        "a",
        "B",
        "z",
        "Q",
        "0",
        "9",
        "-",
        "_",
        ":",
        ".",
        "/",
        " ",
        "#",
        "has ",
        "no ",
        "is-",
        "with",
        "out",
        "show",
        "hide",
        "toggle",
        "Is",
        "x",
    ]
    names = ["".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(5000)]
    differing = [raw for raw in names if ctokens.name_words(raw) != _python(raw)]
    assert differing[:1] == []


def test_takes_only_str(ctokens: ModuleType) -> None:
    with pytest.raises(TypeError):
        ctokens.name_words(b"nav")
