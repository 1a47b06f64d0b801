"""Shortcuts of the features stage that must give the plain forms' answers: class/id names
split on separators by ``str.replace`` where that equals the separator regex, ASCII tokens
found by a class of ASCII characters, the page's name memo read by method, the phrase
boxes' tallies in one pass, and the module constants read per element or block kept
``Final`` (a C static in the compiled build)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from boilerstrip._element_facts import _box_tallies
from boilerstrip._language import tokens
from boilerstrip._name_verdicts import NameVerdicts
from boilerstrip._region import subtree_totals
from boilerstrip._rules import _CAMEL, normalise_name
from boilerstrip._segmented import Element

_SEPARATOR_RUNS = re.compile(r"[-_:./]+")


def _plain_name(raw: str) -> str:
    """normalise_name with every separator run replaced by the regex (no taxonomy, widget or
    state-flag words in the names below, so those steps take nothing out)."""
    if not raw.islower():
        raw = _CAMEL.sub(" ", raw)
    return _SEPARATOR_RUNS.sub(" ", raw).lower()


@pytest.mark.parametrize(
    "raw",
    [
        "site-footer",
        "nav_menu",
        "c-share-bar__item",
        "card--featured",
        "block__element--modifier",
        "a---b",  # a run of three: two spaces after the replaces, so the regex decides
        "a___b",
        "a-_b",
        "a_-b",
        "a----b",
        "a__-__b",
        "a- b",  # a separator beside a space: two spaces either way
        "a -b",
        "a  b",  # two spaces written in the name
        "lg:hidden md:flex",
        "w-1/2 text.center",
        "a:b",  # the other separators made hyphens: one alone, doubled, in runs
        "a::b",
        "a.-b",
        "a:-b",
        "a/_b",
        "a:_b",
        "a.:/b",
        "a. b",
        ":a.",
        "x/y__z--w",
        "-lead trail_ __x__ --y--",
        "relatedPosts c-share-bar__item",
        "menü--oben_ünten",
        "",
        "-",
        "__",
        "---",
    ],
)
def test_separators_replaced_as_the_regex_does(raw: str) -> None:
    assert normalise_name(raw) == _plain_name(raw)


@pytest.mark.parametrize(
    "text",
    [
        "Read more about it_now 42 times",
        "snake_case and CamelCase, 3.14 and x-ray",
        "\u212a is the Kelvin sign",  # lowercases to an ASCII "k"
        "___ __init__ a1b2",
        "",
        "!!! ...",
    ],
)
def test_ascii_tokens_are_the_word_runs(text: str) -> None:
    lowered = text.lower()
    assert lowered.isascii()
    assert tokens(text) == re.findall(r"\w+", lowered)


def test_non_ascii_tokens_keep_the_unicode_pattern() -> None:
    assert tokens("Straße 東京 naïve") == ["straße", "東", "京", "naïve"]


@pytest.mark.parametrize("raw", ["site-footer", "comment-list", "modal-overlay", "entry-content", "x"])
def test_verdict_method_is_the_call(raw: str) -> None:
    assert NameVerdicts().of(raw) == NameVerdicts()(raw)


# The modules' source files in the checkout: a compiled build's modules have no source to
# inspect, and the annotations are a property of the source either way.
_SOURCES = Path(__file__).resolve().parents[1] / "src" / "boilerstrip"


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("_region", ["_PARAGRAPH_TAGS", "_LEVEL_SHARES"]),
        (
            "_element_facts",
            ["SCOPE_TAG", "PAGE_BAR_TAG", "PAGE_TAG", "TAG_FLAGS", "_CHROME_TAG_KINDS", "_CHROME_ROLE_KINDS"],
        ),
        (
            "_card_slots",
            ["_MIN_CARDS", "_MIN_CARD_BLOCKS", "_SEGMENT_SHIFT", "_COMPLETED", "_COMPLETED_CONTAINERS"],
        ),
        ("_language", ["_ASCII_TOKEN", "_TOKEN", "_CJK_CHAR", "DETECTION_TOKENS"]),
        ("_rules", ["_CAMEL", "_SEPARATORS", "_STATE_WORDS", "_TAXONOMY", "_OVERLAY_NAME"]),
        ("_name_verdicts", ["_ALONE", "_ROWS", "_NOTHING"]),
    ],
)
def test_constants_read_per_element_are_final(module: str, names: list[str]) -> None:
    tree = ast.parse((_SOURCES / f"{module}.py").read_text(encoding="utf-8"))
    final = {
        node.target.id
        for node in tree.body
        if isinstance(node, ast.AnnAssign)
        and isinstance(node.target, ast.Name)
        and "Final" in ast.unparse(node.annotation)
    }
    assert set(names) <= final


def _element(parent: int) -> Element:
    return Element("div", parent, 0, "", "", "", 0, 0, 1, 0)


@pytest.mark.parametrize("with_titles", [True, False])
def test_box_tallies_are_the_subtree_totals(with_titles: bool) -> None:
    # A root, two boxes under it, a box under the first; blocks owned at every level but
    # the last box's.
    # The last element owns no block: its subtree adds nothing.
    elements = [_element(-1), _element(0), _element(0), _element(1), _element(2)]
    owners = [0, 1, 1, 3, 3, 2, 0]
    words = [5, 2, 40, 3, 1, 12, 0]
    titles = [False, False, True, False, True, True, False] if with_titles else []

    def total(flags: list[bool], amounts: list[int] | None = None) -> list[float]:
        own = [0.0] * len(elements)
        for i, (owner, flag) in enumerate(zip(owners, flags)):
            if flag:
                own[owner] += 1.0 if amounts is None else amounts[i] + 1.0
        return subtree_totals(elements, own)

    every = [True] * len(owners)
    expected = (total(every), total(every, words), total(titles) if titles else [])
    assert _box_tallies(tuple(elements), owners, words, titles) == expected
