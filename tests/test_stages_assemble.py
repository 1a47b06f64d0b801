"""Assembly, revealed text, the decisions and declared page types, each on hand-built input."""

from __future__ import annotations

import pytest

from blocks import make_block, segment_texts
from boilerstrip import Block, Label, Options, Role, extract
from boilerstrip._assemble import confidence, layout, title
from boilerstrip._combine import label
from boilerstrip._parse import body_of, parse
from boilerstrip._probability import score
from boilerstrip._segment import segment


# -- assemble --------------------------------------------------------------------------------
def _labelled(index: int, text: str, role: Role, row: int = -1, level: int = 0) -> Block:
    b = make_block(index, text)
    return Block(
        index=index,
        text=text,
        role=role,
        heading_level=level,
        locator="p",
        features=b.features,
        label=Label.CONTENT,
        score=0.9,
        row=row,
    )


def test_layout() -> None:
    blocks = [
        _labelled(0, "Title", Role.HEADING, level=1),
        _labelled(1, "Para.", Role.PARAGRAPH),
        _labelled(2, "one", Role.LIST_ITEM),
        _labelled(3, "two", Role.LIST_ITEM),
        _labelled(4, "a", Role.TABLE_CELL, row=7),
        _labelled(5, "b", Role.TABLE_CELL, row=7),
        _labelled(6, "c", Role.TABLE_CELL, row=8),
        _labelled(7, "End.", Role.PARAGRAPH),
    ]
    assert layout(blocks) == "Title\n\nPara.\n\none\ntwo\n\na | b\nc\n\nEnd."


def test_title_prefers_the_content_h1_named_by_the_page_title() -> None:
    blocks = [_labelled(0, "Big news", Role.HEADING, level=1)]
    assert title(blocks, "Big news | Example Times") == "Big news"
    assert title([], "Big news | Example Times") == "Big news"


def test_confidence_is_zero_without_content() -> None:
    assert confidence([make_block(0, "x")]) == 0.0
    assert 0.0 < confidence([_labelled(0, "x", Role.PARAGRAPH)]) <= 1.0


def test_reveal_reads_hidden_and_noscript_text() -> None:
    html = "<p>x</p><div hidden><p>streamed</p></div><noscript><p>no scripts</p></noscript>"
    assert segment_texts(html) == ["x"]
    assert [b.text for b in segment(body_of(parse(html)), reveal=True).blocks] == [
        "x",
        "streamed",
        "no scripts",
    ]


@pytest.mark.parametrize(
    ("hidden", "read"),
    [
        ("<div role='tabpanel' hidden><p>spec</p></div>", True),
        ("<div class='tab-pane' style='display:none'><p>spec</p></div>", True),
        ("<div id='specsTabPanel' hidden><p>spec</p></div>", True),
        ("<div class='accordion__body' style='display: none'><p>spec</p></div>", True),
        ("<dd class='faq-item is-collapsed collapsible' hidden><p>spec</p></dd>", True),
        ("<div class='popup' hidden><p>spec</p></div>", False),  # a popup stays hidden
        ("<div class='mega-menu' style='display:none'><p>spec</p></div>", False),
        ("<div id='S:0' hidden><p>spec</p></div>", True),  # a streamed segment (_streamed)
        ("<div id='S:1f' hidden><p>spec</p></div>", True),
        ("<div id='S:0' style='display:none'><p>spec</p></div>", False),  # not React's form
        ("<div id='P:0' hidden><p>spec</p></div>", False),  # a postponed hole
        ("<div id='xS:0' hidden><p>spec</p></div>", False),
        ("<div class='table-wrap' hidden><p>spec</p></div>", False),  # "table" is no tab
        ("<div class='tabs-content' hidden><p>spec</p></div>", False),  # share forms in tabs
    ],
)
def test_hidden_tab_and_accordion_panels_are_read(hidden: str, read: bool) -> None:
    root = body_of(parse(f"<p>x</p>{hidden}"))
    assert [b.text for b in segment(root, panels=True).blocks] == (["x", "spec"] if read else ["x"])
    assert [b.text for b in segment(root).blocks] == ["x"]  # without panels: hidden


def test_reveal_panels_option_reads_a_hidden_specification_tab() -> None:
    spec = "The frame is made of aluminium and weighs two kilograms without the battery pack. " * 3
    visible = f"<p>{spec}</p>" * 3  # longer than reveal_below_chars: the page is not read whole
    html = f"<main><h1>Bike</h1>{visible}<div role='tabpanel' hidden><p>Warranty: {spec}</p></div></main>"
    assert "Warranty:" in extract(html).text
    assert "Warranty:" not in extract(html, options=Options(reveal_panels=False)).text


def test_a_page_visible_only_after_scripts_is_read() -> None:
    from boilerstrip import extract

    story = "A long paragraph of the story, rendered by the server, hidden until scripts swap it in. " * 3
    html = f"<body><div id='root'></div><div hidden><h1>Title</h1><p>{story}</p></div></body>"
    assert "rendered by the server" in extract(html).text


def test_interpolate_is_piecewise_linear_and_flat_outside() -> None:
    from boilerstrip._assemble import interpolate

    points = ((0.2, 0.1), (0.6, 0.5), (1.0, 0.9))
    assert [interpolate(points, x) for x in (0.0, 0.2, 0.4, 0.8, 1.0, 1.5)] == pytest.approx(
        [0.1, 0.1, 0.3, 0.7, 0.9, 0.9]
    )


@pytest.mark.parametrize(
    ("decision", "floor", "margin", "kept"),
    [
        ("threshold", 0.2, 0.6, [True, False, False]),
        # expected F1 with 11 weighted words a block: keeping 1, 2, 3 blocks gives
        # 19.8/26.95 = 0.73, 29.7/37.95 = 0.78, 31.9/48.95 = 0.65: keep two
        ("expected_f1", 0.2, 0.6, [True, True, False]),
        ("expected_f1", 0.5, 0.6, [True, False, False]),  # nothing below the floor
        # the page's margin is (0.8 + 0.1 + 0.8) / 3 = 0.57: unsure below 0.6, sure below 0.5
        ("adaptive", 0.2, 0.6, [True, True, False]),
        ("adaptive", 0.2, 0.5, [True, False, False]),
    ],
)
def test_decisions(decision: str, floor: float, margin: float, kept: list[bool]) -> None:
    blocks = [make_block(i, " ".join(["word"] * 10)) for i in range(3)]
    options = Options(
        weights=(), smoothing=(), decision=decision, expected_f1_floor=floor, adaptive_margin=margin
    )
    labelled = label(blocks, (0.9, 0.45, 0.1), score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == kept


# Expected F1 with 11 weighted words a block and 9.35 expected true words: keeping the
# best 1, 2, 3 blocks gives 9.9/20.35 = 0.49, 16.5/31.35 = 0.53, 18.7/42.35 = 0.44.
@pytest.mark.parametrize(("never_empty", "kept"), [(True, [True, True, False]), (False, [False] * 3)])
def test_a_page_below_the_threshold_keeps_its_likeliest_block(never_empty: bool, kept: list[bool]) -> None:
    blocks = [make_block(i, " ".join(["word"] * 10)) for i in range(3)]
    options = Options(weights=(), smoothing=(), decision="threshold", never_empty=never_empty)
    labelled = label(blocks, (0.3, 0.45, 0.1), score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == kept


# -- declared page type ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("head", "declared"),
    [
        ('<meta property="og:type" content="article">', "article"),
        ('<meta property="og:type" content="website">', "sectioned"),
        ('<meta property="og:type" content="product.item">', "sectioned"),
        ('<meta property="og:type" content="product">', "product"),
        ('<script type="application/ld+json">{"@type": "Product", "name": "x"}</script>', "product"),
        (
            '<meta property="og:type" content="product">'
            '<script type="application/ld+json">{"@type": "BlogPosting"}</script>',
            "article",
        ),
        ('<script type="application/ld+json">{"@type": ["QAPage"]}</script>', "thread"),
        (  # a forum's og:type is often "article": the JSON-LD's discussion says more
            '<meta property="og:type" content="article">'
            '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>',
            "thread",
        ),
        (  # an article with its comments marked up stays an article
            '<script type="application/ld+json">[{"@type": "NewsArticle"}, '
            '{"@type": "DiscussionForumPosting"}]</script>',
            "article",
        ),
        ('<meta property="og:type" content="discussionforumposting">', "sectioned"),  # og alone: no
        ('<script type="application/ld+json">{"@type": "https://schema.org/ItemList"}</script>', "sectioned"),
        (
            '<meta property="og:type" content="website">'
            '<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
            "article",
        ),
        ('<script type="application/ld+json">{"@type": "Organization"}</script>', ""),
        ('<script>var x = {"@type": "Product"};</script>', ""),  # not JSON-LD
        ("", ""),
    ],
)
def test_declared_type(head: str, declared: str) -> None:
    from boilerstrip._page_type import declared_type

    assert declared_type(parse(f"<html><head>{head}</head><body><p>x</p></body></html>")) == declared


@pytest.mark.parametrize(
    ("head", "body", "declared"),
    [
        ("", '<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><p>x</p></div>', "thread"),
        (  # og:type "website" and a microdata thread: a thread
            '<meta property="og:type" content="website">',
            '<article itemscope itemtype="http://schema.org/DiscussionForumPosting"><p>x</p></article>',
            "thread",
        ),
        (  # an article whose comments are marked up as posts stays an article
            '<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
            '<div itemscope itemtype="https://schema.org/DiscussionForumPosting"><p>x</p></div>',
            "article",
        ),
        # Stack Exchange's microdata Q&A page is not taken for a thread, nor a comment for a post.
        ("", '<div itemscope itemtype="https://schema.org/QAPage"><p>x</p></div>', ""),
        ("", '<div itemscope itemtype="https://schema.org/Comment"><p>x</p></div>', ""),
    ],
)
def test_declared_type_reads_a_microdata_thread(head: str, body: str, declared: str) -> None:
    from boilerstrip._page_type import declared_type

    assert declared_type(parse(f"<html><head>{head}</head><body>{body}</body></html>")) == declared


@pytest.mark.parametrize(
    ("declared", "kept"), [("", [True, False, False]), ("sectioned", [True, True, False])]
)
def test_sectioned_pages_keep_sections_by_expected_f1(declared: str, kept: list[bool]) -> None:
    blocks = [make_block(i, " ".join(["word"] * 10)) for i in range(3)]
    options = Options(weights=(), smoothing=(), decision="threshold")
    labelled = label(blocks, (0.9, 0.45, 0.1), score(blocks, options), options, declared=declared)
    assert [b.label is Label.CONTENT for b in labelled] == kept
