"""The main region, the scorers, the combiner and the labels, each on hand-built input."""

from __future__ import annotations

import math

import pytest

from blocks import make_block
from boilerstrip import Label, Options
from boilerstrip._combine import decide, label
from boilerstrip._probability import score, smooth
from boilerstrip._region import in_overlay, region_roots
from boilerstrip._scorers import SCORERS
from boilerstrip._segmented import Element


# -- region ---------------------------------------------------------------------------------
def _element(tag: str, parent: int) -> Element:
    return Element(tag, parent, 0, "", "", tag, 0, 0, 1, 0)


def test_region_is_the_container_of_the_dense_paragraphs() -> None:
    # body > (nav > p), (div > p, p, p)
    elements = [
        _element("body", -1),
        _element("nav", 0),
        _element("p", 1),
        _element("div", 0),
        _element("p", 3),
        _element("p", 3),
        _element("p", 3),
    ]
    assert region_roots(elements, [2, 4, 5, 6], [0.5, 5.0, 5.0, 5.0], Options())[0] == 3


def test_no_dense_text_means_the_whole_page() -> None:
    assert region_roots([_element("body", -1)], [0], [0.0], Options()) == (0,)


def _named(tag: str, parent: int, names: str) -> Element:
    return Element(tag, parent, 0, names, "", tag, 0, 0, 1, 0)


@pytest.mark.parametrize(
    ("names", "overlay"),
    [
        ("modal fade", True),
        ("onetrust-consent-sdk", True),
        ("cookielawinfo-row", True),
        ("gdpr-banner__text", True),
        ("box article modal-enabled", False),  # page state on a wrapper, not the layer
        ("mm-use-consent-management-enabled", False),
        ("article-body", False),
        ("cmp-container", False),
    ],
)
def test_overlay_names(names: str, overlay: bool) -> None:
    # body > div[names] > p: the flag holds for the named element and what it encloses
    elements = [_element("body", -1), _named("div", 0, names), _element("p", 1)]
    assert in_overlay(elements) == [False, overlay, overlay]


@pytest.mark.parametrize(("reviews", "overlay"), [(False, False), (True, True)])
def test_customer_reviews_are_an_overlay_on_product_pages(reviews: bool, overlay: bool) -> None:
    elements = [_element("body", -1), _named("div", 0, "product-reviews"), _element("p", 1)]
    assert in_overlay(elements, reviews=reviews) == [False, overlay, overlay]


@pytest.mark.parametrize(("wrapper", "barred"), [("div", True), ("main", False), ("article", False)])
def test_the_page_footer_is_no_region(wrapper: str, barred: bool) -> None:
    # body > wrapper > footer > p: a footer inside <article>/<main> is the article's own
    elements = [_element("body", -1), _element(wrapper, 0), _element("footer", 1), _element("p", 2)]
    assert in_overlay(elements) == [False, False, barred, barred]


def test_the_body_s_state_names_are_no_overlay() -> None:
    assert in_overlay([_named("body", -1, "modal-open cookie-consent"), _element("p", 0)]) == [False, False]


# -- scorers, combiner, labels ------------------------------------------------------------


def test_every_scorer_returns_one_finite_number_per_block() -> None:
    blocks = [
        make_block(0, "a b c"),
        make_block(1, "d e f", link_density=1.0, container="navigation", container_strength=1.0),
        make_block(2, "g", phrase="promo", phrase_container="promo"),
    ]
    for name, scorer in SCORERS.items():
        values = scorer(blocks)
        assert len(values) == 3 and all(-10.0 <= v <= 10.0 for v in values), name
        assert scorer([]) == [], name


def test_container_scorer_names_its_kind() -> None:
    blocks = [make_block(0, "x", container="sidebar", container_strength=0.7)]
    assert SCORERS["container_sidebar"](blocks) == [0.7]
    assert SCORERS["container_navigation"](blocks) == [0.0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Former Gov. Jane Doe, left, speaks with a business owner during a campaign stop.", 1.0),
        ("Nigeria's Noah Akwu, second from left, crosses the finish line in a 200-metre heat.", 1.0),
        ("Turns out the position of the line (left, center, right) matters more than anything.", 0.0),
        ("The possible values are left, center, and right; use them for alignment.", 0.0),
        ("The council met on Tuesday, and the mayor, who left, said nothing.", 0.0),
    ],
)
def test_caption_scorer_reads_caption_style_text(text: str, expected: float) -> None:
    assert SCORERS["caption"]([make_block(0, text)]) == [expected]


def test_neighbour_scorer_reads_the_neighbours() -> None:
    blocks = [make_block(0, "a", link_density=1.0), make_block(1, "b"), make_block(2, "c", link_density=0.5)]
    assert SCORERS["neighbour_link_density"](blocks) == [0.0, 0.75, 0.0]


def test_score_is_the_logistic_of_the_weighted_sum() -> None:
    options = Options(weights=(("link_density", -4.0), ("bias", 2.0)), smoothing=())
    scores = score([make_block(0, "a"), make_block(1, "b", link_density=1.0)], options)
    assert scores.table.names == ("link_density",)
    assert (scores.table.row(0), scores.table.row(1)) == ((0.0,), (1.0,))
    assert scores.probabilities[0] == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert scores.probabilities[1] == pytest.approx(1 / (1 + math.exp(2.0)))


def test_smoothing_pulls_a_short_block_towards_its_neighbours() -> None:
    options = Options(smoothing=(("own", 1.0), ("neighbours", 1.0)))
    blocks = [make_block(i, "t") for i in range(3)]
    assert smooth(blocks, (0.95, 0.3, 0.95), options)[1] > 0.5


def test_label_names_the_kind_of_chrome() -> None:
    blocks = [
        make_block(0, "nav", container="navigation"),
        make_block(1, "ad", phrase="promo"),
        make_block(2, "box", container="sidebar", phrase_container="promo"),
        make_block(3, "links", link_density=0.9),
        make_block(4, "the headline of a related story", link_density=0.9),
        make_block(5, "kept"),
    ]
    options = Options(weights=(), smoothing=())
    labelled = label(blocks, (0.1, 0.1, 0.9, 0.1, 0.1, 0.9), score(blocks, options), options)
    assert [b.label for b in labelled] == [
        Label.NAVIGATION,
        Label.PROMO,
        Label.PROMO,
        Label.NAVIGATION,
        Label.SIDEBAR,
        Label.CONTENT,
    ]
    assert [b.score for b in labelled] == [0.1, 0.1, 0.9, 0.1, 0.1, 0.9]


def test_hard_rules_can_be_switched_off() -> None:
    blocks = [make_block(0, "box", phrase_container="promo")]
    options = Options(weights=(), smoothing=(), hard_rules=frozenset())
    assert label(blocks, (0.9,), score(blocks, options), options)[0].label is Label.CONTENT


_PROSE = " ".join(["The council approved the plan after a long debate on Tuesday."] * 4)


@pytest.mark.parametrize(
    ("declared", "undeclared_too", "byline"),
    [
        ("", False, Label.CONTENT),  # no declared type: left to its probability
        ("", True, Label.METADATA),
        ("article", False, Label.METADATA),
        ("article", True, Label.METADATA),
        ("sectioned", False, Label.METADATA),
        ("product", False, Label.METADATA),
    ],
)
def test_the_metadata_line_rule_decides_on_declared_pages(
    declared: str, undeclared_too: bool, byline: Label
) -> None:
    blocks = [make_block(0, "By Jane Doe, 3 March 2025", phrase="metadata"), make_block(1, _PROSE)]
    options = Options(weights=(), smoothing=(), decision="threshold", metadata_line_undeclared=undeclared_too)
    labels = decide(blocks, (0.9, 0.9), options, declared=declared)
    assert labels == [byline, Label.CONTENT]
