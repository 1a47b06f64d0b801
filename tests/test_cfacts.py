"""The compiled build's C loops of the features stage's element passes (``_cfacts.c``,
``_cfacts_groups.c``) give what their Python references give: the composite densities bit for
bit, the phrase boxes' tallies, the repeated groups (the same Group objects' values, shared as
the Python code shares them), the overlay test with the names' memo, and each stage function
run through them (the module's C_FACTS set to the loops). Where the compiled build is not
installed the extension is built here with the C compiler, as hatch_build.py builds it (the
tests skip without a compiler)."""

from __future__ import annotations

import random
import struct
import sysconfig
from collections.abc import Callable
from types import ModuleType

import pytest

import cscan_build
from boilerstrip import _cfacts_loops, _element_facts, _region, _repeats
from boilerstrip._cfacts_loops import CFacts
from boilerstrip._element_facts import (
    _CHROME_ROLE_KINDS,
    _CHROME_TAG,
    _CHROME_TAG_KINDS,
    _NAME_STRENGTH,
    _SCOPED_CHROME_TAG,
    _TAG_STRENGTH,
    COMMENTS,
    PAGE_BAR_TAG,
    PAGE_TAG,
    SCOPE_TAG,
    TAG_FLAGS,
    Container,
    _phrase_tallies,
    _tallies_at,
    composite_density_python,
    enclosing_containers_python,
    phrase_boxes,
)
from boilerstrip._model import Label
from boilerstrip._name_verdicts import NameVerdicts
from boilerstrip._options import Options
from boilerstrip._region import in_overlay_python, points_of_python
from boilerstrip._repeats import _NONE, Group, repeated_groups_python
from boilerstrip._rules import CONTENT_ROLES
from boilerstrip._segmented import Element

_TAGS = ["div", "li", "p", "section", "article", "main", "nav", "footer", "span", "header", "aside", "body",
         "form", "menu", "dialog"]  # fmt: skip
_NAMES = ["", "", "card", "item", "post meta", "sidebar", "modal", "cookie-consent", "comments", "reviews",
          "entry-content", "share", "x y", "Ünïcode box"]  # fmt: skip
_CHARS = [0, 0, 1, 3, 40, 200, 1000, 123457]


@pytest.fixture(scope="module")
def cfacts(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    flags = [*(sysconfig.get_config_var("CFLAGS") or "").split(), "-ffp-contract=off"]
    return cscan_build.installed_or_built("_cfacts", tmp_path_factory, flags)


def _tree(seed: int, size: int) -> list[Element]:
    """A random tree in document order (each parent before its children), with few tags and
    names so that siblings repeat, and text counts from none to large."""
    rng = random.Random(seed)
    elements: list[Element] = []
    for index in range(size):
        parent = -1 if index == 0 else rng.randrange(max(0, index - 8), index)
        chars = rng.choice(_CHARS)
        tags = rng.choice([0, 1, 1, 3, 20])
        elements.append(
            Element(
                rng.choice(_TAGS) if index else "html",
                parent,
                0 if parent < 0 else elements[parent].depth + 1,
                rng.choice(_NAMES),
                rng.choice(["", "", "", "main", "article", "navigation", "banner", "dialog", "contentinfo"]),
                "",
                chars,
                rng.randrange(chars + 1),
                tags,
                rng.randrange(tags + 1),
            )
        )
    return elements


def _bits(values: list[float]) -> bytes:
    return struct.pack(f"{len(values)}d", *values)


_SEEDS = list(range(10))


@pytest.mark.parametrize("seed", _SEEDS)
def test_composite_density_bit_for_bit(cfacts: ModuleType, seed: int) -> None:
    elements = _tree(seed, 30 + 25 * seed)
    rng = random.Random(seed)
    runs = sorted(rng.randrange(len(elements)) for _ in range(2 * len(elements)))
    shuffled = [rng.randrange(-1, len(elements)) for _ in range(len(elements))]
    for owners in (runs, shuffled, [], [0]):
        expected = composite_density_python(elements, owners)
        got = cfacts.composite_density(elements, owners)
        assert _bits(got) == _bits(expected)
        assert cfacts.composite_density(tuple(elements), owners) == got


def test_composite_density_of_no_elements(cfacts: ModuleType) -> None:
    assert cfacts.composite_density([], []) == composite_density_python([], []) == []


@pytest.mark.parametrize(("seed", "with_titles"), [(s, t) for s in _SEEDS for t in (False, True)])
def test_box_tallies_at_the_nodes(cfacts: ModuleType, seed: int, with_titles: bool) -> None:
    elements = tuple(_tree(seed, 20 + 30 * seed))
    rng = random.Random(seed + 100)
    owners = [rng.randrange(len(elements)) for _ in range(3 * len(elements) // 2)]
    words = [rng.choice([0, 1, 4, 30, 500]) for _ in owners]
    titles = [rng.random() < 0.2 for _ in owners] if with_titles else []
    nodes = sorted(rng.sample(range(len(elements)), len(elements) // 3))
    expected = _tallies_at(elements, owners, words, titles, nodes)
    assert cfacts.box_tallies(elements, owners, words, titles, nodes) == expected


@pytest.mark.parametrize("seed", _SEEDS)
def test_phrase_tallies_as_python(cfacts: ModuleType, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    """The same nodes in the same order, the same tallies and words; a negative owner walks
    no step, as in Python."""
    monkeypatch.setattr(_element_facts, "C_FACTS", None)
    elements = tuple(_tree(seed, 20 + 30 * seed))
    rng = random.Random(seed + 500)
    kinds = [None, None, None, Label.METADATA, Label.SHARE, Label.PROMO, Label.COMMENTS, Label.NAVIGATION]
    owners = [rng.randrange(-1, len(elements)) for _ in range(3 * len(elements) // 2)]
    phrases = [rng.choice(kinds) for _ in owners]
    words = [rng.choice([0, 1, 4, 30, 500]) for _ in owners]
    values = [None if p is None else p.value for p in phrases]
    expected = _phrase_tallies(elements, owners, phrases, words)
    assert cfacts.phrase_tallies(elements, owners, values, words) == expected
    # kinds that are equal strs, not the same objects, count as one
    copies = [None if v is None else "".join(list(v)) for v in values]
    assert cfacts.phrase_tallies(elements, owners, copies, words) == expected


def test_phrase_tallies_of_many_kinds_are_left_to_python(cfacts: ModuleType) -> None:
    elements = _tree(1, 30)
    kinds = [f"kind{k}" for k in range(17)]
    assert cfacts.phrase_tallies(elements, list(range(17)), kinds, [1] * 17) is None
    assert cfacts.phrase_tallies(elements, list(range(16)), kinds[:16], [1] * 16) is not None


@pytest.mark.parametrize("seed", _SEEDS)
def test_inherit_takes_the_innermost_mark(cfacts: ModuleType, seed: int) -> None:
    elements = _tree(seed, 10 + 30 * seed)
    rng = random.Random(seed + 200)
    marks = sorted(rng.sample(range(len(elements)), len(elements) // 4))
    values = [rng.choice(["a", "b", "c"]) for _ in marks]
    expected: list[object] = []
    at = dict(zip(marks, values))
    for index, element in enumerate(elements):
        parent = expected[element.parent] if element.parent >= 0 else ""
        expected.append(at.get(index, parent))
    got = cfacts.inherit(elements, marks, values, "")
    assert got == expected
    assert all(g is e for g, e in zip(got, expected))  # the objects given, shared


@pytest.mark.parametrize(("seed", "min_siblings"), [(s, m) for s in _SEEDS for m in (0, 1, 2, 3, 5)])
def test_repeated_groups_as_python(cfacts: ModuleType, seed: int, min_siblings: int) -> None:
    elements = _tree(seed, 40 + 30 * seed)
    expected = repeated_groups_python(elements, min_siblings)
    got = cfacts.repeated_groups(elements, min_siblings, Group, _NONE)
    assert got == expected
    assert all(type(g) is Group for g in got)
    assert [_bits([g.link_density]) for g in got] == [_bits([g.link_density]) for g in expected]
    # an element in no group shares _NONE; a group's members share one object
    assert all((g is _NONE) == (e is _NONE) for g, e in zip(got, expected))
    assert len({id(g) for g in got}) == len({id(e) for e in expected})


@pytest.mark.parametrize(("seed", "reviews"), [(s, r) for s in _SEEDS for r in (False, True)])
def test_overlay_as_python(cfacts: ModuleType, seed: int, reviews: bool) -> None:
    elements = _tree(seed, 40 + 30 * seed)
    expected = in_overlay_python(elements, reviews, NameVerdicts())
    names = NameVerdicts()
    bits = (SCOPE_TAG, PAGE_BAR_TAG, PAGE_TAG)
    got = cfacts.overlay(elements, TAG_FLAGS, bits, names.memo(), names.c_reader(), reviews, COMMENTS)
    assert got == expected
    assert names.memo()  # the strings it asked for are in the memo, and a second pass reads them
    assert (
        cfacts.overlay(elements, TAG_FLAGS, bits, names.memo(), names.c_reader(), reviews, COMMENTS)
        == expected
    )


def _containers(
    module: ModuleType, elements: list[Element], above: list[bool], names: NameVerdicts
) -> object:
    return module.containers(
        elements,
        above,
        TAG_FLAGS,
        (SCOPE_TAG, _CHROME_TAG, _SCOPED_CHROME_TAG, PAGE_TAG),
        (_CHROME_TAG_KINDS, _CHROME_ROLE_KINDS, CONTENT_ROLES),
        names.memo(),
        names.c_reader(),
        Container,
        Container("", 0.0, False, False),
        (_TAG_STRENGTH, _NAME_STRENGTH),
    )


@pytest.mark.parametrize(("seed", "above_share"), [(s, a) for s in _SEEDS for a in (0.0, 0.1, 0.5)])
def test_containers_as_python(cfacts: ModuleType, seed: int, above_share: float) -> None:
    """The same containers, shared as the Python code shares them (one object per distinct
    value made, an element of its parent's values holding its parent's), with a memo that
    starts empty or already holds the page's names."""
    elements = _tree(seed, 40 + 30 * seed)
    rng = random.Random(seed + 400)
    above = [rng.random() < above_share for _ in elements]
    expected = enclosing_containers_python(elements, above, NameVerdicts())
    names = NameVerdicts()
    for _ in range(2):  # an empty memo, then a full one
        got = _containers(cfacts, elements, above, names)
        assert isinstance(got, list)
        assert got == expected
        for i, element in enumerate(elements[1:], 1):
            shares = expected[i] is expected[element.parent]
            assert (got[i] is got[element.parent]) == shares
        assert len({id(g) for g in got}) == len({id(e) for e in expected})


_READ_NAMES = [*_NAMES, "nav", "site-footer", "popup overlay", "comment-list", "share-buttons", "article",
               "ad-slot", "newsletter signup", "col-md-4 item", "Menü", "modal-backdrop", "[x]"]  # fmt: skip


@pytest.mark.parametrize(("seed", "loop"), [(s, loop) for s in _SEEDS for loop in ("overlay", "containers")])
def test_loops_find_verdicts_as_of(cfacts: ModuleType, ctokens: ModuleType, seed: int, loop: str) -> None:
    """With ``_ctokens.name_bits`` in the reader (as the compiled build's c_reader() has it),
    a loop fills the memo with the verdicts ``of`` gives, calling ``of`` only for the names
    that name_bits leaves to Python (no int), and gives what the Python loop gives."""
    rng = random.Random(seed + 500)
    elements = [e._replace(names=rng.choice(_READ_NAMES)) for e in _tree(seed, 60 + 20 * seed)]
    names = NameVerdicts()
    asked: list[str] = []

    def of(text: str) -> tuple[str, bool, bool]:
        asked.append(text)
        return names.of(text)

    reader = (ctokens.name_bits, *names.c_reader()[1:4], of)
    above = [False] * len(elements)
    if loop == "overlay":
        got = cfacts.overlay(
            elements, TAG_FLAGS, (SCOPE_TAG, PAGE_BAR_TAG, PAGE_TAG), names.memo(), reader, True, COMMENTS
        )
        assert got == in_overlay_python(elements, True, NameVerdicts())
    else:
        tables = (
            (SCOPE_TAG, _CHROME_TAG, _SCOPED_CHROME_TAG, PAGE_TAG),
            (_CHROME_TAG_KINDS, _CHROME_ROLE_KINDS, CONTENT_ROLES),
        )
        none, strengths = Container("", 0.0, False, False), (_TAG_STRENGTH, _NAME_STRENGTH)
        got = cfacts.containers(
            elements, above, TAG_FLAGS, *tables, names.memo(), reader, Container, none, strengths
        )
        assert got == enclosing_containers_python(elements, above, NameVerdicts())
    fresh = NameVerdicts()
    assert names.memo() and names.memo() == {text: fresh.of(text) for text in names.memo()}
    keys, decision = names.c_reader()[1:3]
    assert sorted(asked) == sorted(
        t for t in names.memo() if not isinstance(ctokens.name_bits(t, keys, decision), int)
    )


@pytest.mark.parametrize(
    ("call", "reads_parents"),
    [
        (lambda m, e: m.composite_density(e, [0]), False),
        (lambda m, e: m.box_tallies(e, [0], [1], [], [0]), True),
        (lambda m, e: m.inherit(e, [], [], ""), True),
        (lambda m, e: m.phrase_tallies(e, [0], ["promo"], [1]), True),
        (lambda m, e: m.repeated_groups(e, 2, Group, _NONE), True),
        (
            lambda m, e: m.overlay(e, TAG_FLAGS, (1, 8, 16), {}, NameVerdicts().c_reader(), False, COMMENTS),
            True,
        ),
        (lambda m, e: _containers(m, e, [False] * len(e), NameVerdicts()), True),
    ],
)
def test_malformed_elements_raise(
    cfacts: ModuleType, call: Callable[..., object], reads_parents: bool
) -> None:
    """A parent that does not come before its element, where the loop reads the parents, and
    an element that is no Element."""
    bad_parent = [Element("div", -1, 0, "", "", "", 1, 0, 1, 0), Element("p", 1, 1, "", "", "", 1, 0, 1, 0)]
    if reads_parents:
        with pytest.raises(ValueError, match="parent"):
            call(cfacts, bad_parent)
    with pytest.raises(TypeError):
        call(cfacts, [("div", -1)])


# Characters of the texts points_of counts: both commas, in strs of each kind.
_COMMA_TEXT = ["a", "word ", ",", "，", "é", "\U0001f600", " ", ", "]


@pytest.mark.parametrize("seed", range(8))
def test_points_as_python(cfacts: ModuleType, seed: int) -> None:
    """The points of each block, bit for bit the Python's: commas of both kinds in texts of every
    str kind, lengths past the cap of 3.0, link densities at and past the limit, words at it."""
    rng = random.Random(seed + 700)
    texts = ["".join(rng.choices(_COMMA_TEXT, k=rng.randrange(0, 400))) for _ in range(60)]
    words = [rng.choice([0, 9, 10, 11, 300]) for _ in texts]
    densities = [rng.choice([0.0, 0.1, 1 / 3, 0.35, 0.3500001, 0.9, 1]) for _ in texts]
    no_points = [rng.random() < 0.2 for _ in texts]
    for min_words, max_density in ((10, 0.35), (0, 1.0), (11, 0.1)):
        expected = points_of_python(
            texts, words, densities, no_points, min_words=min_words, max_link_density=max_density
        )
        got = cfacts.points(texts, words, densities, no_points, min_words, max_density)
        assert [struct.pack("<d", v) for v in got] == [struct.pack("<d", v) for v in expected]
        assert any(v > 0.0 for v in expected) and any(v == 0.0 for v in expected)
    with pytest.raises(IndexError):
        cfacts.points(texts, words[:-1], densities, no_points, 10, 0.35)
    with pytest.raises(TypeError):
        cfacts.points([b"x"], [30], [0.0], [False], 10, 0.35)


def _loops(module: ModuleType) -> CFacts:
    return CFacts(
        module.composite_density,
        module.box_tallies,
        module.phrase_tallies,
        module.inherit,
        module.repeated_groups,
        module.overlay,
        module.containers,
        module.points,
    )


_BOX_OPTIONS = [
    Options(),
    Options(phrase_box_min_hits=1, phrase_box_min_share=0.05, phrase_box_feed_titles=1),
    Options(phrase_box_min_hits=2, phrase_box_min_word_share=0.9, phrase_box_min_share=1.0),
]


@pytest.mark.parametrize(("seed", "which"), [(s, w) for s in _SEEDS for w in range(len(_BOX_OPTIONS))])
def test_the_stage_functions_through_the_loops(
    cfacts: ModuleType, monkeypatch: pytest.MonkeyPatch, seed: int, which: int
) -> None:
    """phrase_boxes, composite_density, repeated_groups, in_overlay and enclosing_containers
    give the same with
    C_FACTS set to the loops as without (in a pure install; the compiled build reads its own)."""
    elements = _tree(seed, 50 + 10 * seed)
    rng = random.Random(seed + 300)
    owners = sorted(rng.randrange(len(elements)) for _ in range(len(elements)))
    kinds = [None, None, None, Label.METADATA, Label.SHARE, Label.PROMO, Label.COMMENTS, Label.NAVIGATION]
    phrases = [rng.choice(kinds) for _ in owners]
    words = [rng.choice([1, 2, 4, 9, 30, 120]) for _ in owners]
    titles = [rng.random() < 0.2 for _ in owners] if seed % 2 else []
    above = [rng.random() < 0.05 for _ in elements]
    comments = [rng.random() < 0.3 for _ in elements]
    options = _BOX_OPTIONS[which]
    texts = ["".join(rng.choice(_COMMA_TEXT) for _ in range(rng.randrange(0, 90))) for _ in owners]
    densities = [rng.choice([0.0, 0.1, 0.35, 0.5, 1.0]) for _ in owners]
    no_points = [rng.random() < 0.1 for _ in owners]

    def run() -> tuple[object, ...]:
        boxes = phrase_boxes(
            elements, owners, phrases, words, titles=titles, above_region=above, in_comments=comments,
            options=options,
        )  # fmt: skip
        return (
            boxes,
            _bits(_element_facts.composite_density(elements, owners)),
            _repeats.repeated_groups(elements, 1 + which),
            _region.in_overlay(elements, reviews=bool(seed % 2)),
            _element_facts.enclosing_containers(elements, above, NameVerdicts()),
            _region.points_of(texts, words, densities, no_points, options),
        )

    for module in (_cfacts_loops, _element_facts, _region, _repeats):
        monkeypatch.setattr(module, "C_FACTS", None, raising=False)
    expected = run()
    for module in (_element_facts, _region, _repeats):
        monkeypatch.setattr(module, "C_FACTS", _loops(cfacts))
    assert run() == expected
