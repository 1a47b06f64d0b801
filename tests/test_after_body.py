"""After the body's box: on a declared article, kept blocks after the element that holds the
sure prose paragraphs are dropped (_after_body), an <h1> and the main region's sure blocks
aside, unless they outweigh the body; on undeclared, multi-section and product pages with
their own limits."""

from __future__ import annotations

from dataclasses import replace

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError
from boilerstrip._after_body import Limits, body_box, in_sibling, inside, limits, tag_of, without_after_body
from boilerstrip._combine import decide
from boilerstrip._model import Role

_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge before the winter"
    " comes, after a long debate about the cost of the work and who should pay for it."
)  # 32 words
_OPTIONS = Options()
_BODY = "body>div.page>article"


def _dropped(block: Block) -> Label:
    return Label.OTHER


def _block(i: int, locator: str, *, words: int = 32, main: bool = True, level: int = 0) -> Block:
    text = " ".join((_PROSE.split() * 3)[i : i + words])  # another text a block: no copies
    block = make_block(i, text, role=Role.HEADING if level else Role.PARAGRAPH, in_main_region=main)
    return replace(block, locator=locator, heading_level=level)


# (locator, probability, words, in the main region, heading level) a block
_PAGE = (
    (f"{_BODY}>p:nth-of-type(1)", 0.95, 32, True, 0),
    (f"{_BODY}>p:nth-of-type(2)", 0.95, 32, True, 0),
    (f"{_BODY}>div.quote>p", 0.95, 32, True, 0),
    (f"{_BODY}>p:nth-of-type(3)", 0.95, 32, True, 0),
)


def _kept(
    after: tuple[tuple[str, float, int, bool, int], ...],
    options: Options = _OPTIONS,
    before: tuple[tuple[str, float, int, bool, int], ...] = (),
) -> list[bool]:
    rows = before + _PAGE + after
    blocks = [_block(i, loc, words=w, main=m, level=h) for i, (loc, _, w, m, h) in enumerate(rows)]
    probabilities = [p for _, p, _, _, _ in rows]
    labels = [Label.CONTENT] * len(blocks)
    out = without_after_body(blocks, labels, probabilities, options, _dropped)
    return [label is Label.CONTENT for label in out]


_ASIDE = "body>div.page>aside>p"


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        # a references list, a blurb, a call to action after the article's element go
        (((_ASIDE, 0.75, 30, False, 0), (_ASIDE, 0.7, 10, False, 0)), [False, False]),
        # ... in the main region too, below the keep probability
        (((_ASIDE, 0.79, 30, True, 0),), [False]),
        # the main region's sure blocks stay (a second part of the article in its own box,
        # short enough not to move the body's element)
        (((_ASIDE, 0.9, 12, True, 0), (_ASIDE, 0.8, 10, False, 0)), [True, False]),
        # a sure paragraph after it that moves the element: the element holds it too
        (((_ASIDE, 0.9, 30, False, 0),), [True]),
        # an <h1> stays
        (((_ASIDE, 0.6, 5, False, 1), (_ASIDE, 0.6, 10, False, 0)), [True, False]),
        # a heading of another level does not
        (((_ASIDE, 0.6, 5, False, 2),), [False]),
        # more words after the element than half the body's: the page goes on, nothing goes
        (((_ASIDE, 0.7, 40, False, 0), (_ASIDE, 0.7, 30, False, 0)), [True, True]),
        # a block still inside the body's element is the body's
        (((f"{_BODY}>ul>li", 0.3, 30, False, 0),), [True]),
    ],
)
def test_what_follows_the_body_element_is_dropped(
    after: tuple[tuple[str, float, int, bool, int], ...], kept: list[bool]
) -> None:
    assert _kept(after)[len(_PAGE) :] == kept


def test_blocks_before_the_body_are_left() -> None:
    before = (("body>div.page>header>p", 0.6, 12, False, 0),)
    after = ((_ASIDE, 0.6, 12, False, 0),)
    assert _kept(after, before=before) == [True, True, True, True, True, False]


@pytest.mark.parametrize(
    ("options", "dropped"),
    [
        (_OPTIONS, True),
        (Options(after_body_max_ratio=0.0), False),  # off
        (Options(after_body_max_ratio=0.05), False),  # 30 words after against 128 inside
        (Options(after_body_min_words=200), False),  # 128 sure words: too few
        (Options(after_body_prose_probability=0.99), False),  # no paragraph is sure enough
        (Options(after_body_prose_words=40), False),  # nor long enough
        (Options(after_body_keep_probability=0.75), False),  # the block after is sure enough
    ],
)
def test_the_options(options: Options, dropped: bool) -> None:
    assert _kept(((_ASIDE, 0.79, 30, True, 0),), options)[-1] is not dropped


@pytest.mark.parametrize(
    ("share", "box"),
    [
        (0.9, _BODY),  # the element holding every sure paragraph
        (0.7, _BODY),  # the quote's div holds a quarter: not it
        (0.2, f"{_BODY}>div.quote"),  # the innermost element holding a fifth
    ],
)
def test_the_body_box(share: float, box: str) -> None:
    blocks = [_block(i, loc) for i, (loc, *_) in enumerate(_PAGE)]
    labels = [Label.CONTENT] * len(blocks)
    found = body_box(blocks, labels, [0.95] * len(blocks), Options(after_body_share=share))
    assert found == box


def test_the_body_box_reads_only_kept_sure_paragraphs() -> None:
    blocks = [_block(i, loc) for i, (loc, *_) in enumerate(_PAGE)]
    labels = [Label.OTHER, Label.OTHER, Label.CONTENT, Label.OTHER]
    assert body_box(blocks, labels, [0.95] * 4, Options(after_body_min_words=20)) == f"{_BODY}>div.quote"
    assert body_box(blocks, [Label.CONTENT] * 4, [0.5] * 4, _OPTIONS) == ""


@pytest.mark.parametrize(
    ("locator", "box", "held"),
    [
        ("a>b>c", "a>b", True),
        ("a>b", "a>b", True),
        ("a>bc>d", "a>b", False),  # a sibling whose name starts the same
        ("a", "a>b", False),
    ],
)
def test_inside(locator: str, box: str, held: bool) -> None:
    assert inside(locator, box) is held


def _decided(declared: str, options: Options = _OPTIONS) -> bool:
    rows = (*_PAGE, (_ASIDE, 0.7, 30, False, 0))
    blocks = [_block(i, loc, words=w, main=m) for i, (loc, _, w, m, _) in enumerate(rows)]
    labels = decide(blocks, [p for _, p, *_ in rows], options, declared=declared)
    assert labels[: len(_PAGE)] == [Label.CONTENT] * len(_PAGE)
    return labels[-1] is Label.CONTENT


def test_decide_drops_it_by_declared_type() -> None:
    assert not _decided("article")
    assert _decided("article", Options(after_body_max_ratio=0.0))
    assert _decided("")  # 128 sure words: too few for a page that declares no type
    assert _decided("sectioned")  # ... and for a multi-section page
    assert not _decided("product")  # a product needs the article's 100
    assert _decided("product", Options(after_body_product_max_ratio=0.0))
    assert _decided("thread")


# A page that declares no type: its body a <section> of 8 sure paragraphs (256 words).
_MAIN = "body>main"
_SECTION = f"{_MAIN}>section:nth-of-type(1)"
_BARE_PAGE = tuple((f"{_SECTION}>p:nth-of-type({k})", 0.95, 32, True, Role.PARAGRAPH) for k in range(1, 9))
_Row = tuple[str, float, int, bool, Role]


def _bare_kept(
    after: tuple[_Row, ...], options: Options = _OPTIONS, declared: str = "", main: bool = True
) -> list[bool]:
    rows = _BARE_PAGE + after
    blocks = [
        replace(
            make_block(i, " ".join((_PROSE.split() * 3)[i : i + w]), role=r, in_main_region=m and main),
            locator=loc,
        )
        for i, (loc, _, w, m, r) in enumerate(rows)
    ]
    labels = [Label.CONTENT] * len(blocks)
    out = without_after_body(blocks, labels, [p for _, p, *_ in rows], options, _dropped, declared=declared)
    return [label is Label.CONTENT for label in out[len(_BARE_PAGE) :]]


_P = Role.PARAGRAPH


@pytest.mark.parametrize(
    ("after", "kept"),
    [
        # a blurb after the body's element goes
        (((f"{_MAIN}>aside>p", 0.7, 30, False, _P),), [False]),
        # ... and so does a paragraph in a sibling <div>
        (((f"{_MAIN}>div:nth-of-type(2)>p", 0.7, 30, False, _P),), [False]),
        # a list item stays (comments a news truth keeps)
        (((f"{_MAIN}>aside>ul>li", 0.7, 30, False, Role.LIST_ITEM),), [True]),
        # a sibling <section> stays: the document's next part
        (((f"{_MAIN}>section:nth-of-type(2)>p", 0.7, 30, False, _P),), [True]),
        # more than 0.3 times the body's words after it: nothing goes
        (((f"{_MAIN}>aside>p", 0.7, 40, False, _P), (f"{_MAIN}>aside>p", 0.7, 40, False, _P)), [True, True]),
    ],
)
def test_a_page_declaring_no_type(after: tuple[_Row, ...], kept: list[bool]) -> None:
    assert _bare_kept(after) == kept


_AFTER: tuple[_Row, ...] = ((f"{_MAIN}>aside>p", 0.7, 30, False, _P),)


@pytest.mark.parametrize(
    ("options", "declared", "main", "dropped"),
    [
        (_OPTIONS, "", True, True),
        (_OPTIONS, "article", True, True),
        (_OPTIONS, "", False, False),  # the body outside the main region
        (Options(after_body_bare_main_share=0.0), "", False, True),
        (Options(after_body_bare_max_ratio=0.0), "", True, False),  # off
        (Options(after_body_bare_max_ratio=0.0), "article", True, True),  # articles: their own
        (Options(after_body_bare_min_words=300), "", True, False),  # 256 sure words
        (Options(after_body_bare_max_ratio=0.1), "", True, False),  # 30 words against 256
        (_OPTIONS, "sectioned", True, False),  # 256 sure words: too few for sections
        (_OPTIONS, "product", True, True),  # a product's own limits
        (_OPTIONS, "thread", True, False),  # threads: left alone
    ],
)
def test_the_bare_options(options: Options, declared: str, main: bool, dropped: bool) -> None:
    assert _bare_kept(_AFTER, options, declared, main) == [not dropped]


# A multi-section or product page: its body 10 sure paragraphs (320 words), the kept text
# before it (blocks of 50 words the model is not sure of) and after it (30 words) as a case says.
_TYPED_BODY = "body>main>div:nth-of-type(1)"
_TYPED_PAGE = tuple((f"{_TYPED_BODY}>p:nth-of-type({k})", 0.95, 32, True, _P) for k in range(1, 11))


def _typed_dropped(
    declared: str,
    options: Options = _OPTIONS,
    *,
    before: int = 0,
    after_words: int = 30,
    role: Role = _P,
    after: str = "body>main>aside>p",
) -> bool:
    """Whether the block after the body goes on a page declaring ``declared`` with ``before``
    blocks of 50 words kept before the body."""
    rows = (
        *((f"body>header>div:nth-of-type({k})>p", 0.7, 50, False, _P) for k in range(1, before + 1)),
        *_TYPED_PAGE,
        (after, 0.7, after_words, False, role),
    )
    blocks = [
        replace(
            make_block(i, " ".join((_PROSE.split() * 9)[i : i + w]), role=r, in_main_region=m), locator=loc
        )
        for i, (loc, _, w, m, r) in enumerate(rows)
    ]
    labels = [Label.CONTENT] * len(blocks)
    out = without_after_body(blocks, labels, [p for _, p, *_ in rows], options, _dropped, declared=declared)
    assert out[:-1] == labels[:-1]  # the body and what precedes it stay
    return out[-1] is not Label.CONTENT


@pytest.mark.parametrize(
    ("declared", "options", "before", "after_words", "dropped"),
    [
        ("sectioned", _OPTIONS, 0, 30, True),
        ("product", _OPTIONS, 0, 30, True),
        ("thread", _OPTIONS, 0, 30, False),
        # kept text before the body: 150 words against 320 inside goes on a multi-section
        # page (under 0.5 times), 200 does not; a product allows 0.25 times (80 words)
        ("sectioned", _OPTIONS, 3, 30, True),
        ("sectioned", _OPTIONS, 4, 30, False),
        ("product", _OPTIONS, 1, 30, True),
        ("product", _OPTIONS, 2, 30, False),
        ("sectioned", Options(after_body_sectioned_before_ratio=0.7), 4, 30, True),
        ("product", Options(after_body_product_before_ratio=0.4), 2, 30, True),
        # the words after it: a multi-section page allows 0.5 times the body's, a product 0.8
        ("sectioned", _OPTIONS, 0, 170, False),
        ("product", _OPTIONS, 0, 170, True),
        ("product", _OPTIONS, 0, 260, False),
        ("sectioned", Options(after_body_sectioned_max_ratio=0.0), 0, 30, False),  # off
        ("product", Options(after_body_product_max_ratio=0.0), 0, 30, False),  # off
        # the sure words a body needs: 320 here
        ("sectioned", Options(after_body_sectioned_min_words=400), 0, 30, False),
        ("product", Options(after_body_min_words=400), 0, 30, False),  # the article's count
        ("article", Options(after_body_sectioned_min_words=400), 0, 30, True),  # not the article's
    ],
)
def test_sections_and_products(
    declared: str, options: Options, before: int, after_words: int, dropped: bool
) -> None:
    assert _typed_dropped(declared, options, before=before, after_words=after_words) is dropped


@pytest.mark.parametrize(
    ("declared", "role", "dropped"),
    [
        ("product", Role.TABLE_ROW, False),  # a product's specifications stay
        ("product", Role.TABLE_CELL, False),
        ("product", Role.LIST_ITEM, True),
        ("product", Role.HEADING, True),
        ("sectioned", Role.TABLE_ROW, True),  # a product's only
        ("article", Role.TABLE_ROW, True),
    ],
)
def test_a_products_tables_stay(declared: str, role: Role, dropped: bool) -> None:
    assert _typed_dropped(declared, role=role) is dropped


@pytest.mark.parametrize(
    ("declared", "after", "dropped"),
    [
        # a product's other details panels (its body is body>main>div:nth-of-type(1)) stay
        ("product", "body>main>div:nth-of-type(2)>ul>li", False),
        ("product", "body>main>div:nth-of-type(3)>h2", False),
        ("product", "body>main>section>p", True),  # another tag: no sibling panel
        ("product", "body>aside>div>p", True),  # outside the body's parent
        ("sectioned", "body>main>div:nth-of-type(2)>ul>li", True),  # a product's only
        ("article", "body>main>div:nth-of-type(2)>ul>li", True),
    ],
)
def test_a_products_sibling_panels_stay(declared: str, after: str, dropped: bool) -> None:
    assert _typed_dropped(declared, after=after) is dropped


@pytest.mark.parametrize(
    ("declared", "expected"),
    [
        ("article", Limits(100, 0.5, None)),
        ("", Limits(200, 0.3, None)),
        ("sectioned", Limits(300, 0.5, 0.5)),
        ("product", Limits(100, 0.8, 0.25)),
        ("thread", Limits(0, 0.0, None)),
    ],
)
def test_limits(declared: str, expected: Limits) -> None:
    assert limits(declared, _OPTIONS) == expected


@pytest.mark.parametrize(
    ("step", "tag"),
    [
        ("section:nth-of-type(2)", "section"),
        ("ul", "ul"),
        ("svg:x:nth-of-type(1)", "svg"),  # as the frame's C port (_ctokens_locators.c) reads it
        # a step holds a tag and its index only: "." and "#" are a tag's own (<div.page>)
        ("div.page:nth-of-type(1)", "div.page"),
        ("p#x:nth-of-type(1)", "p#x"),
    ],
)
def test_tag_of(step: str, tag: str) -> None:
    assert tag_of(step) == tag


@pytest.mark.parametrize(
    ("locator", "held"),
    [
        ("m>section:nth-of-type(2)>p", True),
        ("m>section:nth-of-type(2)", True),
        ("m>section:nth-of-type(1)>div>p", True),
        ("m>section.x:nth-of-type(1)>p", False),  # a tag so named (<section.x>) is no section
        ("m>div>section>p", False),  # a section further down is no sibling
        ("m>sections>p", False),
        ("n>section>p", False),
    ],
)
def test_in_sibling(locator: str, held: bool) -> None:
    assert in_sibling(locator, "m>", "section") is held
    assert not in_sibling(locator, "", "section")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("after_body_max_ratio", -0.5),
        ("after_body_share", 0.0),
        ("after_body_share", 1.5),
        ("after_body_prose_probability", 1.5),
        ("after_body_keep_probability", -0.1),
        ("after_body_prose_words", -1),
        ("after_body_min_words", -1),
        ("after_body_bare_min_words", -1),
        ("after_body_bare_max_ratio", -0.1),
        ("after_body_bare_main_share", 1.5),
        ("after_body_sectioned_min_words", -1),
        ("after_body_sectioned_max_ratio", -0.1),
        ("after_body_sectioned_before_ratio", -0.1),
        ("after_body_product_max_ratio", -0.1),
        ("after_body_product_before_ratio", -0.1),
    ],
)
def test_bad_options_are_refused(field: str, value: float) -> None:
    with pytest.raises(OptionsError):
        Options(**{field: value})
