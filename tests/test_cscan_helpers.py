"""The compiled build's C helpers of the segment stage (_cscan.c's ``has_control`` and
``new_tuple``) give exactly what their Python fallbacks give (the regex of
_segment_blocks, ``tuple.__new__``); and the walk, which reads a node's text before its
tag, reads text, empty text nodes and other nodes as before. Where the compiled build is
not installed the extension is built here with the C compiler (the tests skip without one)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from types import ModuleType
from typing import Any, NamedTuple

import pytest
from selectolax.lexbor import LexborHTMLParser

import cscan_build
from boilerstrip import _model, _segment, _segment_blocks, _segmented
from boilerstrip._segment import segment

_KINDS = ("", "é", "\u0100", "\U0001f600")  # ASCII, Latin-1, two- and four-byte strings


def _regex(text: str) -> bool:
    return _segment_blocks._HAS_CONTROL.search(text) is not None


def test_has_control_agrees_with_the_regex_on_every_code_point(cscan: ModuleType) -> None:
    differ = [c for c in range(0x110000) if cscan.has_control(chr(c)) is not _regex(chr(c))]
    assert differ == []


@pytest.mark.parametrize("kind", _KINDS)
@pytest.mark.parametrize("code", [*range(0x00, 0xB0), 0x2028, 0x3000, 0xFEFF, 0xFFFD, 0x10FFFF])
def test_has_control_finds_one_anywhere_in_each_kind_of_str(cscan: ModuleType, kind: str, code: int) -> None:
    char = chr(code)
    for text in (kind + char, char + kind, kind * 3 + "text " + char + " more" + kind, kind + "x" * 40):
        assert cscan.has_control(text) is _regex(text)


def test_has_control_takes_only_a_str(cscan: ModuleType) -> None:
    assert cscan.has_control("") is False
    with pytest.raises(TypeError):
        cscan.has_control(b"\x01")


class _Pair(NamedTuple):
    a: int
    b: str


class _Loose(tuple[Any, ...]):
    """A tuple subclass with a __dict__: it may refer to itself through it."""


def _runtime(*items: Any) -> tuple[Any, ...]:
    """A new exact tuple, tracked as every new tuple is (a literal may be a constant a
    collection has untracked already)."""
    return tuple(list(items))


# (class, a function of the extension making the fields, whether new_tuple leaves the tuple tracked)
_ROWS: list[tuple[type[Any], Callable[[ModuleType], tuple[Any, ...]], bool]] = [
    (_Pair, lambda c: (1, "x"), False),
    (_model.Link, lambda c: (0, 4, "/a"), False),
    (_model.Image, lambda c: ("/i.png", "alt", 3), False),
    # a Markup's lists, their items and its cells: new exact tuples of atoms, untracked as the
    # collector's next pass would untrack them
    (
        _model.Markup,
        lambda c: (_runtime(_runtime(0, "ul", 1)), 1, "py", 2, _runtime("a", "b"), True, (), ()),
        False,
    ),
    (_segmented.Element, lambda c: ("p", 0, 2, "main", "", "body>p", 10, 0, 1, 0), False),
    (
        _segmented.RawBlock,
        lambda c: ("text", 3, _model.Role.PARAGRAPH, 0, 0, -1, _model.NO_MARKUP),
        True,
    ),  # an enum
    (_Pair, lambda c: (), False),  # too few fields: as tuple.__new__ (no check of the count)
    (_Pair, lambda c: (1, []), True),  # a list
    (_Pair, lambda c: (1, _runtime(())), False),  # an exact tuple of an untracked one
    (_Pair, lambda c: (1, _runtime(_runtime([]))), True),  # a list two levels down
    (_Pair, lambda c: (1, _runtime(_runtime(_runtime(1)))), True),  # atoms past the two levels looked into
    (_Pair, lambda c: (1, {}), True),  # a dict, even an untracked one (it may be filled)
    (_Pair, lambda c: (1, tuple.__new__(_model.Link, (0, 1, "/"))), True),  # a tracked named tuple
    (_Pair, lambda c: (1, c.new_tuple(_model.Link, (0, 1, "/"))), False),  # an untracked one
    (_Loose, lambda c: (1, "x"), True),  # a __dict__
]


@pytest.mark.parametrize(("cls", "make", "tracked"), _ROWS)
def test_new_tuple_makes_what_tuple_new_makes(
    cscan: ModuleType, cls: type[Any], make: Callable[[ModuleType], tuple[Any, ...]], tracked: bool
) -> None:
    fields = make(cscan)
    made, reference = cscan.new_tuple(cls, fields), tuple.__new__(cls, fields)
    assert type(made) is cls
    assert made == reference
    assert tuple(made) == fields
    # Untracked when no item may be in a reference cycle (see settle in _cscan_helpers.c);
    # tracked otherwise, as tuple.__new__'s.
    assert gc.is_tracked(made) == tracked
    assert gc.is_tracked(reference)


@pytest.mark.parametrize(
    "args",
    [(tuple, (1,)), (_Pair, [1, "x"]), (int, (1,)), (_Pair,), (_Pair, (1, "x"), 3), ("Pair", (1, "x"))],
)
def test_new_tuple_rejects_what_its_callers_never_give(cscan: ModuleType, args: tuple[Any, ...]) -> None:
    with pytest.raises(TypeError):
        cscan.new_tuple(*args)


def test_the_modules_use_the_helpers_when_the_build_has_them() -> None:
    module = cscan_build.installed("_cscan")
    if module is None:  # a pure install (or an extension a test built elsewhere): the Python path
        assert _model.new_tuple == tuple.__new__
        assert _segment_blocks._has_control == _segment_blocks._HAS_CONTROL.search
        assert _segment_blocks._collapse is _segment_blocks._collapse_python
    else:
        assert _model.new_tuple is module.new_tuple
        assert _segment_blocks._has_control is module.has_control
        assert _segment_blocks._collapse is module.collapse


@pytest.mark.parametrize(
    ("html", "texts"),
    [
        ("<p>a<!-- a comment --> b</p>", ["a b"]),
        ("<p>a<?pi x?>b</p>", ["ab"]),  # a processing instruction: a node with no tag
        ("<p>x<svg><![CDATA[y]]></svg>z</p>", ["xz"]),  # skipped subtree, text and all
        ("<div>one<p>two</p>  \n <p>three</p>four</div>", ["one", "two", "three", "four"]),
        ("<p>a<br>b</p><p>c</p>", ["a\nb", "c"]),
        ("<p>\x01bell\x7fdel\x85\x0bvt</p>", ["belldelvt"]),
    ],
)
def test_the_walk_reads_text_and_other_nodes_as_before(html: str, texts: list[str]) -> None:
    root = LexborHTMLParser(html).body
    assert [b.text for b in segment(root).blocks] == texts


def test_an_empty_text_node_adds_nothing() -> None:
    tree = LexborHTMLParser("<div><p>a<b>x</b></p></div>")
    paragraph = tree.css_first("p")
    assert paragraph is not None
    before = segment(tree.body)
    paragraph.insert_child("")  # an empty text node after <b>
    after = segment(tree.body)
    assert [(b.text, b.element) for b in after.blocks] == [(b.text, b.element) for b in before.blocks]
    assert after.elements == before.elements


def _hidden_reference(attrs: dict[str, str | None], tag: str) -> bool:
    """_segment._is_hidden's test as it was written before the style was lowered once."""
    style = attrs.get("style")
    return (
        "hidden" in attrs
        or "popover" in attrs
        or (tag == "dialog" and "open" not in attrs)
        or (bool(style) and any(s in style.lower() for s in _segment._HIDDEN_STYLE))  # type: ignore[union-attr]
    )


@pytest.mark.parametrize(
    "attrs",
    [
        {},
        {"hidden": None},
        {"popover": ""},
        {"open": None},
        {"style": None},
        {"style": ""},
        {"style": "color: red"},
        {"style": "DISPLAY:NONE"},
        {"style": "margin:0; display: none !important"},
        {"style": "Visibility: Hidden"},
        {"style": "visibility:hiddenx"},
        {"style": "display:  none"},  # two spaces: not one of the patterns
        {"style": "display:block", "hidden": "hidden"},
        {"class": "x", "style": "visibility:visible"},
    ],
)
@pytest.mark.parametrize("tag", ["div", "dialog"])
def test_hidden_elements_are_found_as_before(attrs: dict[str, str | None], tag: str) -> None:
    assert _segment._is_hidden(attrs, False, tag) is _hidden_reference(attrs, tag)
