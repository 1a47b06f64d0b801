"""The predicted threshold and the hard rules, each on hand-built input."""

from __future__ import annotations

import dataclasses
import math

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role, extract
from boilerstrip._combine import label
from boilerstrip._hard_rules import HARD_RULES
from boilerstrip._model import Link, Markup
from boilerstrip._probability import score


# -- predicted threshold --------------------------------------------------------------------
def test_page_statistics_by_hand() -> None:
    from boilerstrip._cut import STATISTICS, page_statistics

    # weights 10 and 30 (words + 1); 40 words in all, 10 of them at or above 0.5
    stats = dict(zip(STATISTICS, page_statistics([0.9, 0.3], [9, 29])))
    assert stats["mean"] == pytest.approx((0.9 * 10 + 0.3 * 30) / 40)
    assert stats["above_half"] == pytest.approx(0.25)
    assert stats["doubtful_low"] == pytest.approx(0.75)
    assert stats["doubtful_high"] == pytest.approx(0.0)
    assert stats["margin"] == pytest.approx((0.8 * 10 + 0.4 * 30) / 40)
    assert stats["max"] == pytest.approx(0.9)
    assert stats["log_words"] == pytest.approx(math.log(40))


def test_predicted_threshold_takes_the_best_predicted_candidate() -> None:
    from boilerstrip._cut import STATISTICS, predicted_threshold

    n = 2 * len(STATISTICS) + 1
    above_half = STATISTICS.index("above_half")
    # the first candidate predicts F1 = above_half share, the second a constant 0.5
    first = tuple(1.0 if i == above_half else 0.0 for i in range(n))
    second = tuple(0.5 if i == len(STATISTICS) else 0.0 for i in range(n))
    model = ((0.3, first), (0.7, second))
    assert predicted_threshold([0.9, 0.9], [5, 5], model) == 0.3  # share 1.0 beats 0.5
    assert predicted_threshold([0.1, 0.1], [5, 5], model) == 0.7  # share 0.0 loses


@pytest.mark.parametrize(
    ("threshold", "expected_f1", "kept"),
    [
        # weights 10 and 30 (words + 1); expected true words 0.9 * 10 + 0.3 * 30 = 18
        (0.5, 2 * 9 / (10 + 18), 0.25),  # keeps the first block: 9 expected true words
        (0.2, 2 * 18 / (40 + 18), 1.0),  # keeps both
        (0.95, 0.0, 0.0),  # keeps nothing
    ],
)
def test_candidate_statistics_by_hand(threshold: float, expected_f1: float, kept: float) -> None:
    from boilerstrip._cut import CANDIDATE_STATISTICS, candidate_statistics

    stats = dict(zip(CANDIDATE_STATISTICS, candidate_statistics([0.9, 0.3], [9, 29], threshold)))
    assert stats == {"expected_f1": pytest.approx(expected_f1), "kept": pytest.approx(kept)}


@pytest.mark.parametrize(
    ("probabilities", "chosen"),
    [
        ([0.9, 0.3], 0.5),  # expected F1 0.643 at 0.5 against 0.621 at 0.2
        ([0.9, 0.45], 0.2),  # 0.554 at 0.5 against 0.720 at 0.2
    ],
)
def test_predicted_threshold_reads_the_candidates_own_statistics(
    probabilities: list[float], chosen: float
) -> None:
    from boilerstrip._cut import CANDIDATE_STATISTICS, STATISTICS, predicted_threshold

    # both candidates predict F1 = the plug-in expected F1 of their own cut
    position = 2 * len(STATISTICS) + 1 + CANDIDATE_STATISTICS.index("expected_f1")
    coefficients = tuple(1.0 if i == position else 0.0 for i in range(position + 1))
    model = ((0.2, coefficients), (0.5, coefficients))
    assert predicted_threshold(probabilities, [9, 29], model) == chosen


def test_empty_page_statistics_are_zero() -> None:
    from boilerstrip._cut import STATISTICS, candidate_statistics, page_statistics

    assert page_statistics([], []) == (0.0,) * len(STATISTICS)
    assert candidate_statistics([], [], 0.5) == (0.0, 0.0)


@pytest.mark.parametrize(
    ("heading_score", "reach", "phrase", "kept"),
    [
        (0.4, 3, "", [True, False, False, True]),  # kept: the section below it is
        (0.2, 3, "", [False, False, False, True]),  # below the floor
        (0.4, 1, "", [False, False, False, True]),  # the kept block is out of reach
        (0.4, 3, "sidebar", [False, False, False, True]),  # "You might also like": heads chrome
    ],
)
def test_a_heading_is_kept_with_its_section(
    heading_score: float, reach: int, phrase: str, kept: list[bool]
) -> None:
    blocks = [
        dataclasses.replace(make_block(0, "A headline", phrase=phrase), role=Role.HEADING, heading_level=1),
        make_block(1, "Nov. 21, 2016"),
        make_block(2, "Photo credit"),
        make_block(3, " ".join(["word"] * 30)),
    ]
    options = Options(  # the heading rule alone: no dateline kept (_datelines)
        weights=(),
        smoothing=(),
        decision="threshold",
        heading_reach=reach,
        hard_rules=frozenset(),
        dateline_max_words=0,
    )
    labelled = label(blocks, (heading_score, 0.1, 0.1, 0.9), score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == kept


_CONSENT_PARAGRAPH = (
    "<p>Cookies, pixels and similar technologies of our partners, advertisers and vendors "
    "store identifiers on your device, measure visits, clicks, scrolling and purchases, "
    "build profiles of your interests, and match them across devices, browsers and sites, "
    "for the purposes listed here, which you may refuse, change or withdraw at any time.</p>"
)


def test_the_main_region_is_not_sought_in_a_consent_panel() -> None:
    # The consent panel holds denser text than the product description (more commas,
    # longer paragraphs): the main region is still the description, and the panel, outside
    # it, is named by its id (names above the main region's root are not trusted).
    html = (
        "<html><head><title>Oak desk</title></head><body>"
        "<main><h1>Oak desk</h1>"
        "<div class='description'><p>A solid oak desk with two drawers and a cable tray, "
        "finished in natural oil and made to order in our workshop.</p>"
        "<p>The top is 140 cm wide and 70 cm deep; the legs are bolted for shipping.</p></div>"
        "</main>"
        f"<div id='onetrust-consent-sdk'><div class='ot-pc-content'>{_CONSENT_PARAGRAPH * 6}</div></div>"
        "</body></html>"
    )
    blocks = extract(html).blocks
    description = [b for b in blocks if "oak desk with" in b.text or "140 cm" in b.text]
    panel = [b for b in blocks if "pixels and similar" in b.text]
    assert len(description) == 2 and len(panel) == 6
    assert all(b.features.in_main_region for b in description)
    assert not any(b.features.in_main_region for b in panel)
    assert all(b.features.container == "legal" for b in panel)  # its name is trusted again


# -- hard rules: "read also" lines and headings of chrome boxes ---------------------------------
def _linked(text: str, *anchors: str, role: Role = Role.PARAGRAPH) -> Block:
    """A block whose ``anchors`` are links (by default, all the text after the colon)."""
    anchors = anchors or (text.split(": ", 1)[1],)
    links = tuple(Link(text.index(a), text.index(a) + len(a), "/x") for a in anchors)
    return dataclasses.replace(make_block(0, text), role=role, markup=Markup(links=links))


@pytest.mark.parametrize(
    ("block", "kind"),
    [
        (_linked("Lesen Sie auch: Wie der Winter in die Stadt kam"), "sidebar"),
        (_linked("PUEDES VER: ¿Qué es la Sunedu y para qué sirve?"), "sidebar"),
        (_linked("Read more: Prices rose again in May", role=Role.HEADING), "sidebar"),
        (_linked("Source: Reuters"), ""),  # a credit, not a headline
        (_linked("Posted by: Jane Doe | May 18, 2012 at 08:40", "Jane Doe", "May 18, 2012"), ""),  # byline
        (_linked("Read the report: it says why prices rose", "the report"), ""),  # link before the colon
        (_linked("The minister said on Tuesday in Berlin: prices rose"), ""),  # a sentence's colon
        (_linked("Lesen Sie auch: Wie der Winter in die Stadt kam", "Winter"), ""),  # a link in prose
        (_linked("Lesen Sie auch: Wie der Winter kam", role=Role.LIST_ITEM), ""),  # list items stay
    ],
    ids=lambda v: v.text[:30] if isinstance(v, Block) else repr(v),
)
def test_teaser_line_rule(block: Block, kind: str) -> None:
    assert HARD_RULES["teaser_line"](block, Options()) == kind


@pytest.mark.parametrize(
    ("role", "text", "phrase", "kind"),
    [
        (Role.HEADING, "Das könnte Sie auch interessieren", "sidebar", "sidebar"),
        (Role.HEADING, "Leave a comment", "comments", "comments"),
        (Role.PARAGRAPH, "Mehr Themen:", "sidebar", "sidebar"),  # a short line
        (Role.HEADING, "Contact", "navigation", ""),  # the heading of a section
        (Role.PARAGRAPH, "Read more about the new rules in our guide to the law", "sidebar", ""),  # long
    ],
)
def test_box_label_rule(role: Role, text: str, phrase: str, kind: str) -> None:
    block = dataclasses.replace(make_block(0, text, phrase=phrase), role=role)
    assert HARD_RULES["box_label"](block, Options()) == kind


_PROSE = "The council met on Tuesday and agreed to rebuild the bridge over the river before the winter."


@pytest.mark.parametrize(
    ("before", "after", "teaser_kept"),
    [
        (_PROSE, _PROSE, False),  # a linked line inside the article: a teaser for another story
        (_PROSE, None, True),  # the last kept block: left to the decision
        ("Short line.", _PROSE, True),  # not between prose
    ],
)
def test_linked_line_between_prose_is_a_teaser(before: str, after: str | None, teaser_kept: bool) -> None:
    texts = [before, "Also on example.com: Storm closes the harbour for a week", *([after] if after else [])]
    blocks = [make_block(i, t, link_density=0.95 if i == 1 else 0.0) for i, t in enumerate(texts)]
    options = Options(weights=(), smoothing=(), decision="threshold")
    labelled = label(blocks, (0.9,) * len(blocks), score(blocks, options), options)
    assert (labelled[1].label is Label.CONTENT) is teaser_kept
    assert labelled[0].label is Label.CONTENT


_COPY = "Free returns within 30 days on every order shipped to the mainland."


@pytest.mark.parametrize(
    ("first", "second", "levels", "copy_kept"),
    [
        ("body>div.page>div.info>p", "body>div.sticky>div.bar>p", 2, False),  # a second rendering
        ("body>div.page>ul>li:nth-of-type(1)", "body>div.page>ul>li:nth-of-type(2)", 2, True),  # one list
        ("body>main>div.a>div>p", "body>main>div.b>div>p", 3, True),  # they share main, 3 levels up
        ("body>div.page>div.info>p", "body>div.sticky>div.bar>p", 0, True),  # switched off
    ],
)
def test_a_copy_elsewhere_on_the_page_is_dropped(
    first: str, second: str, levels: int, copy_kept: bool
) -> None:
    texts = [_COPY, _PROSE, "  " + _COPY.upper()]  # case and spacing aside, the same text
    locators = [first, "body>div.page>p", second]
    blocks = [
        dataclasses.replace(make_block(i, t), locator=x) for i, (t, x) in enumerate(zip(texts, locators))
    ]
    options = Options(weights=(), smoothing=(), decision="threshold", copy_shared_ancestor_levels=levels)
    labelled = label(blocks, (0.9,) * 3, score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == [True, True, copy_kept]


_SAMPLE = "pip install boilerstrip\nboilerstrip page.html > page.txt"


@pytest.mark.parametrize(
    ("role", "copy_kept"),
    [
        (Role.CODE, True),  # documentation shows one sample in several tabs: each is content
        (Role.PARAGRAPH, False),  # the same text as prose in another box: a second rendering
    ],
)
def test_code_repeated_elsewhere_is_not_a_copy(role: Role, copy_kept: bool) -> None:
    texts = [_SAMPLE, _PROSE, _SAMPLE]
    locators = ["body>main>div.tab-linux>pre", "body>main>p", "body>main>section>div.tab-mac>pre"]
    blocks = [
        dataclasses.replace(make_block(i, t), locator=x, role=role if t == _SAMPLE else Role.PARAGRAPH)
        for i, (t, x) in enumerate(zip(texts, locators))
    ]
    options = Options(weights=(), smoothing=(), decision="threshold")
    labelled = label(blocks, (0.9,) * 3, score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == [True, True, copy_kept]
