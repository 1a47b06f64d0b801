"""The features stage's element passes give the answers of their plain forms (the code they
replaced, kept here as the reference): repeated groups by slot, phrase boxes tallied from the
phrase blocks up, the region's roots ranked among the elements with the share of the best
score only, containers shared by value, and name verdicts read from a name's words."""

from __future__ import annotations

import random

import pytest
import regex

from boilerstrip._element_facts import (
    COMMENTS,
    Container,
    _own_container,
    enclosing_containers,
    not_comments,
    phrase_boxes,
)
from boilerstrip._features import _without_comments
from boilerstrip._model import Label
from boilerstrip._name_sieve import spaced_words
from boilerstrip._name_verdicts import (
    NameVerdicts,
    _tables,
    found_bits,
    spaced_bits,
    verdict_of,
)
from boilerstrip._options import Options
from boilerstrip._region import _is_ancestor, above_roots, in_overlay, inside_roots, region_roots
from boilerstrip._repeats import _NONE, Group, repeated_groups
from boilerstrip._rules import (
    CONTENT_NAME_RULE,
    CONTENT_SCOPE_TAGS,
    NAME_RULES,
    OVERLAY_NAME_RULE,
    _key_bits,
    _name_patterns,
    normalise_name,
)
from boilerstrip._segmented import Element

_TAGS = ["div", "li", "p", "section", "article", "nav", "footer", "span", "header"]
_NAMES = ["", "card", "item", "post meta", "sidebar", "entry-content", "share", "x y"]


def _tree(seed: int, size: int) -> list[Element]:
    """A random tree in document order (each parent before its children), with few tags and
    names so that siblings repeat."""
    rng = random.Random(seed)
    elements: list[Element] = []
    for index in range(size):
        parent = -1 if index == 0 else rng.randrange(max(0, index - 6), index)
        chars = rng.choice([0, 0, 3, 40, 200, 1000])
        elements.append(
            Element(
                rng.choice(_TAGS),
                parent,
                0 if parent < 0 else elements[parent].depth + 1,
                rng.choice(_NAMES),
                rng.choice(["", "", "main", "navigation"]),
                "",
                chars,
                rng.randrange(chars + 1),
                1,
                0,
            )
        )
    return elements


def _plain_groups(elements: list[Element], min_siblings: int) -> list[Group]:
    keys = [(e.parent, e.tag, e.names) for e in elements]
    totals: dict[tuple[int, str, str], list[int]] = {}
    for key, element in zip(keys, elements):
        total = totals.setdefault(key, [0, 0, 0])
        total[0] += element.chars
        total[1] += element.link_chars
        total[2] += 1
    groups = {
        key: Group(chars, links / chars if chars else 0.0, members)
        for key, (chars, links, members) in totals.items()
        if members >= min_siblings and key[0] >= 0
    }
    out: list[Group] = []
    for key, element in zip(keys, elements):
        out.append(groups.get(key, out[element.parent] if element.parent >= 0 else _NONE))
    return out


@pytest.mark.parametrize(("seed", "min_siblings"), [(s, m) for s in range(8) for m in (0, 1, 2, 3, 5)])
def test_repeated_groups_as_the_plain_tally(seed: int, min_siblings: int) -> None:
    elements = _tree(seed, 60 + 20 * seed)
    assert repeated_groups(elements, min_siblings) == _plain_groups(elements, min_siblings)


def _blocks(seed: int, elements: list[Element]) -> tuple[list[int], list[Label | None], list[int]]:
    rng = random.Random(seed + 1000)
    count = 3 * len(elements) // 2
    owners = [rng.randrange(len(elements)) for _ in range(count)]
    kinds = [None, None, None, Label.METADATA, Label.SHARE, Label.PROMO, Label.COMMENTS, Label.NAVIGATION]
    phrases = [rng.choice(kinds) for _ in range(count)]
    words = [rng.choice([1, 2, 4, 9, 30, 120]) for _ in range(count)]
    return owners, phrases, words


def _plain_boxes(
    elements: list[Element],
    owners: list[int],
    phrases: list[Label | None],
    words: list[int],
    *,
    titles: list[bool],
    above_region: list[bool],
    in_comments: list[bool],
    options: Options,
) -> list[str]:
    """phrase_boxes as it was: float tallies of every element's subtree, then the rules."""
    size = len(elements)
    hits, counts, hit_words, all_words = [0.0] * size, [0.0] * size, [0.0] * size, [0.0] * size
    title_counts = [0.0] * size if titles else []
    for i, (owner, phrase, n) in enumerate(zip(owners, phrases, words)):
        counts[owner] += 1.0
        all_words[owner] += n + 1.0
        if phrase is not None:
            hits[owner] += 1.0
            hit_words[owner] += n + 1.0
        if titles and titles[i]:
            title_counts[owner] += 1.0
    for index in range(size - 1, 0, -1):
        parent = elements[index].parent
        if parent >= 0:
            for tally in (hits, counts, hit_words, all_words, *([title_counts] if titles else [])):
                tally[parent] += tally[index]
    kinds: dict[int, dict[str, int]] = {}
    for owner, phrase in zip(owners, phrases):
        node = owner
        while phrase is not None and node >= 0:
            kinds.setdefault(node, {})[phrase.value] = kinds.get(node, {}).get(phrase.value, 0) + 1
            node = elements[node].parent
    line_kinds = {Label.METADATA.value, Label.COMMENTS.value, Label.SHARE.value}
    out: list[str] = []
    for index, element in enumerate(elements):
        box = (
            hits[index] >= options.phrase_box_min_hits
            and hits[index] >= options.phrase_box_min_share * counts[index]
            and not above_region[index]
        )
        tally = kinds.get(index, {})
        kind = max(sorted(tally), key=tally.__getitem__) if box else ""
        if (
            kind == Label.METADATA.value
            and title_counts
            and title_counts[index] >= options.phrase_box_feed_titles
        ):
            kind = ""
        if kind and (
            kind not in line_kinds
            or (kind != Label.METADATA.value and in_comments[index])
            or hit_words[index] >= options.phrase_box_min_word_share * all_words[index]
        ):
            out.append(kind)
        else:
            out.append(out[element.parent] if element.parent >= 0 else "")
    return out


_BOX_OPTIONS = [
    Options(),
    Options(phrase_box_min_hits=1, phrase_box_min_share=0.05, phrase_box_feed_titles=1),
    Options(phrase_box_min_hits=2, phrase_box_min_word_share=0.9, phrase_box_min_share=1.0),
]


@pytest.mark.parametrize(("seed", "which"), [(s, w) for s in range(8) for w in range(len(_BOX_OPTIONS))])
def test_phrase_boxes_as_the_plain_tallies(seed: int, which: int) -> None:
    elements = _tree(seed, 50 + 10 * seed)
    owners, phrases, words = _blocks(seed, elements)
    rng = random.Random(seed + 2000)
    titles = [rng.random() < 0.2 for _ in owners] if seed % 2 else []
    above = [rng.random() < 0.05 for _ in elements]
    comments = [rng.random() < 0.3 for _ in elements]
    options = _BOX_OPTIONS[which]
    got = phrase_boxes(
        elements,
        owners,
        phrases,
        words,
        titles=titles,
        above_region=above,
        in_comments=comments,
        options=options,
    )
    expected = _plain_boxes(
        elements,
        owners,
        phrases,
        words,
        titles=titles,
        above_region=above,
        in_comments=comments,
        options=options,
    )
    assert got == expected


def test_phrase_boxes_without_phrases_are_empty() -> None:
    elements = _tree(3, 20)
    owners = list(range(20))
    got = phrase_boxes(
        elements,
        owners,
        [None] * 20,
        [5] * 20,
        titles=[],
        above_region=[False] * 20,
        in_comments=[False] * 20,
        options=Options(),
    )
    assert got == [""] * 20


def _plain_roots(
    elements: list[Element], owners: list[int], points: list[float], options: Options
) -> tuple[int, ...]:
    score = [0.0] * len(elements)
    for owner, value in zip(owners, points):
        if value <= 0.0:
            continue
        node = elements[owner].parent if elements[owner].tag in {"p", "li", "span"} else owner
        for share in (1.0, 0.5, 0.25):
            if node < 0:
                break
            score[node] += share * value
            node = elements[node].parent
    ranked = sorted(range(len(elements)), key=lambda i: (-score[i], i))
    best = score[ranked[0]]
    if best <= 0.0:
        return (0,)
    roots: list[int] = []
    for index in ranked:
        if score[index] < options.region_secondary_share * best or len(roots) >= options.region_max_count:
            break
        if any(_is_ancestor(elements, r, index) or _is_ancestor(elements, index, r) for r in roots):
            continue
        roots.append(index)
    return tuple(roots)


_REGION_OPTIONS = [Options(), Options(region_secondary_share=1.0), Options(region_max_count=1)]


@pytest.mark.parametrize(("seed", "which"), [(s, w) for s in range(10) for w in range(len(_REGION_OPTIONS))])
def test_region_roots_as_the_full_ranking(seed: int, which: int) -> None:
    # Only p, li and span of _PARAGRAPH_TAGS are among _TAGS: the reference gives their points up.
    elements = _tree(seed, 40 + 15 * seed)
    rng = random.Random(seed + 3000)
    owners = [rng.randrange(len(elements)) for _ in range(len(elements))]
    # Few distinct values, so that scores tie; no points at all on seed 0.
    points = [0.0 if seed == 0 else rng.choice([0.0, 0.0, 1.0, 2.5, 4.0]) for _ in owners]
    options = _REGION_OPTIONS[which]
    assert region_roots(elements, owners, points, options) == _plain_roots(elements, owners, points, options)


@pytest.mark.parametrize("seed", range(6))
def test_equal_containers_are_one_object(seed: int) -> None:
    elements = _tree(seed, 80)
    above = [False] * len(elements)
    containers = enclosing_containers(elements, above, NameVerdicts())
    by_value: dict[Container, Container] = {}
    for container in containers:
        assert by_value.setdefault(container, container) is container


@pytest.mark.parametrize("seed", range(6))
def test_thread_containers_lose_comments_as_each_alone(seed: int) -> None:
    # A thread page's containers without their comments kind, each copy made once per
    # (content hint, in scope): the values each container's not_comments gives.
    rng = random.Random(seed + 4000)
    made = [
        Container(kind, strength, hint, scope)
        for kind in ("", COMMENTS, "navigation")
        for strength in (0.0, 0.7, 1.0)
        for hint in (False, True)
        for scope in (False, True)
    ]
    containers = [rng.choice(made) for _ in range(200)]
    assert _without_comments(containers) == [not_comments(c) for c in containers]


# Names around the rules' words: each word alone, in pairs and threes (the rules' phrases
# among them), glued, cut, doubled spaces, digits, punctuation, upper case, non-ASCII and
# state flags; raw (before normalise_name), as the stages give them.
def _rule_words() -> list[str]:
    found = set()
    for rule in [*(p for _, p in NAME_RULES), CONTENT_NAME_RULE, OVERLAY_NAME_RULE]:
        found.update(regex.findall(r"[a-z]{2,}", rule))
    return sorted(found)


_WORDS = _rule_words()


def _raw_names() -> list[str]:
    rng = random.Random(7)
    extra = ["x", "1", "us", "of", "on", "up", "ad", "col", "bar", "", "ü", "Nav", "has", "is-open"]
    pool = [*_WORDS, *extra]
    names = [*pool, "table of contents", "table  of contents", "table of-contents", "side  bar"]
    for _ in range(3000):
        words = [rng.choice(pool) for _ in range(rng.randrange(1, 5))]
        glue = rng.choice([" ", "-", "_", "  ", "__", ".", " #", ":"])
        name = glue.join(words)
        if rng.random() < 0.2:
            name = name[: rng.randrange(len(name) + 1)]
        if rng.random() < 0.1:
            name = name.title().replace(" ", "")
        names.append(name)
    return names


_RAW_NAMES = _raw_names()


def _plain_verdict(raw: str) -> tuple[str, bool, bool]:
    """The verdict the plain way: the normalised name searched by every rule, in order."""
    name = normalise_name(raw)
    kind = next((k.value for k, pattern in NAME_RULES if regex.search(pattern, name)), "")
    content = not kind and regex.search(CONTENT_NAME_RULE, name) is not None
    return kind, content, regex.search(OVERLAY_NAME_RULE, name) is not None


@pytest.mark.parametrize("part", range(6))
def test_name_verdicts_as_every_rule_searched(part: int) -> None:
    verdicts = NameVerdicts()
    for raw in _RAW_NAMES[part::6]:
        assert verdicts.of(raw) == _plain_verdict(raw), raw


@pytest.mark.parametrize("part", range(3))
def test_word_bits_carry_the_key_bits(part: int) -> None:
    """Below bit 16, both readings of a name give ``_rules._key_bits``; above it, the rules
    found to match do match."""
    for raw in _RAW_NAMES[part::3]:
        name = normalise_name(raw)
        ascii_only = name.isascii()
        tables = _tables(ascii_only)
        readings = [found_bits(tables, name)]
        words = spaced_words(name) if ascii_only else None
        if words is not None:
            readings.append(spaced_bits(tables, words))
        for bits in readings:
            assert bits & 0xFFFF == _key_bits(_name_patterns(ascii_only), name), name
            rules = [*(p for _, p in NAME_RULES), CONTENT_NAME_RULE]
            assert all(regex.search(rules[b], name) for b in range(len(rules)) if bits >> (16 + b) & 1), name


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("side bar", ["side", "bar"]),
        ("side  bar", ["side", "", "bar"]),
        (" nav ", ["", "nav", ""]),
        ("a1 b2", ["a1", "b2"]),
        ("nav#top", None),
        ("nav_top", None),  # "_" is a word character: not split, not read word by word
        ("", [""]),
    ],
)
def test_spaced_words(name: str, words: list[str] | None) -> None:
    assert spaced_words(name) == words


@pytest.mark.parametrize(
    ("name", "verdict"),
    [
        ("table of contents", ("navigation", False, False)),
        ("table  of contents", ("", False, False)),  # two spaces: no phrase
        ("table of", ("", False, False)),
        ("advertisement", ("promo", False, False)),
        ("adverb", ("", False, False)),  # the key prefix "adver", not the stem "advert"
        ("post content", ("", True, False)),
        ("main content widget", ("sidebar", False, False)),
        ("cookie banner", ("legal", False, True)),
        ("cookie enabled", ("legal", False, False)),
        ("menü", ("", False, False)),
        ("side bar ü", ("sidebar", False, False)),
    ],
)
def test_verdicts_of_normalised_names(name: str, verdict: tuple[str, bool, bool]) -> None:
    assert verdict_of(name) == verdict == verdict_of(name, _tables(True))


# Tags, roles and names that every branch of the containers and the overlay test meets.
_PAGE_TAGS = ["html", "body", "div", "main", "article", "aside", "menu", "nav", "footer", "header", "p"]
_PAGE_ROLES = ["", "", "", "main", "article", "navigation", "banner", "contentinfo", "dialog"]
_PAGE_NAMES = ["", "", "modal-open", "cookie-consent", "comments", "sidebar", "entry-content", "card", "x"]


def _page_tree(seed: int, size: int) -> list[Element]:
    rng = random.Random(seed + 5000)
    elements: list[Element] = []
    for index in range(size):
        parent = -1 if index == 0 else rng.randrange(max(0, index - 8), index)
        tag = "html" if index == 0 else rng.choice(_PAGE_TAGS)
        role, names = rng.choice(_PAGE_ROLES), rng.choice(_PAGE_NAMES)
        depth = 0 if parent < 0 else elements[parent].depth + 1
        elements.append(Element(tag, parent, depth, names, role, "", 10, 0, 1, 0))
    return elements


def _plain_containers(elements: list[Element], above: list[bool]) -> list[Container]:
    out: list[Container] = []
    none = Container("", 0.0, False, False)
    names = NameVerdicts()
    for index, element in enumerate(elements):
        parent = out[element.parent] if element.parent >= 0 else none
        in_scope = parent.in_scope or element.tag in CONTENT_SCOPE_TAGS
        kind, strength, hint = _own_container(element, parent.in_scope, names)
        if not kind or above[index]:
            kind, strength = parent.kind, parent.strength
        out.append(Container(kind, strength, hint or parent.content_hint, in_scope))
    return out


def _plain_overlay(elements: list[Element], reviews: bool) -> list[bool]:
    names = NameVerdicts()
    out: list[bool] = []
    scoped: list[bool] = []
    for element in elements:
        inside = element.parent >= 0 and out[element.parent]
        in_scope = (element.parent >= 0 and scoped[element.parent]) or element.tag in CONTENT_SCOPE_TAGS
        scoped.append(in_scope)
        if not inside and element.tag in ("footer", "nav") and not in_scope:
            inside = True
        if not inside and element.names and element.tag not in ("html", "body"):
            kind, _, overlay = names.of(element.names)
            inside = overlay or (reviews and kind == Label.COMMENTS.value)
        out.append(inside)
    return out


@pytest.mark.parametrize("seed", range(12))
def test_element_passes_as_their_plain_forms(seed: int) -> None:
    """The containers read inline, the overlay test and the region's ancestry (one tag look-up
    an element) give what the plain forms give."""
    elements = _page_tree(seed, 30 + 25 * seed)
    rng = random.Random(seed)
    roots = tuple(sorted(rng.sample(range(len(elements)), rng.randrange(0, 4))))
    above = [False] * len(elements)
    for root in roots:
        node = root
        while node >= 0:
            above[node] = True
            node = elements[node].parent
    inside = [any(_is_ancestor(elements, r, i) for r in roots) for i in range(len(elements))]
    assert above_roots(elements, roots) == above
    assert inside_roots(elements, roots) == inside
    assert enclosing_containers(elements, above, NameVerdicts()) == _plain_containers(elements, above)
    for reviews in (False, True):
        assert in_overlay(elements, reviews=reviews) == _plain_overlay(elements, reviews)
