"""Each stage on its own, on hand-built input."""

from __future__ import annotations

import dataclasses
import math

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role, extract
from boilerstrip._assemble import confidence, layout, title
from boilerstrip._combine import decide, label
from boilerstrip._language import detect_language, tokens
from boilerstrip._model import Link, Markup
from boilerstrip._parse import body_of, decode, parse
from boilerstrip._phrases import phrase_kind
from boilerstrip._probability import score, smooth
from boilerstrip._region import in_overlay, region_roots
from boilerstrip._rules import chrome_kind_of_name, normalise_name
from boilerstrip._scorers import HARD_RULES, SCORERS
from boilerstrip._segment import segment
from boilerstrip._segmented import Element


def _texts(html: str) -> list[str]:
    return [b.text for b in segment(body_of(parse(html))).blocks]


# -- segment ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        ("<p>one <b>bold</b> <a href='#'>link</a> two</p>", ["one bold link two"]),
        ("<div>a<p>b</p>c</div>", ["a", "b", "c"]),
        ("<p>line one<br>line two</p>", ["line one\nline two"]),
        ("<div>para one<br><br>para two</div>", ["para one", "para two"]),
        ("<p>x</p><script>var a = 1;</script><style>p{}</style><noscript>n</noscript>", ["x"]),
        ("<p>x</p><template><p>t</p></template><svg><text>s</text></svg>", ["x"]),
        ("<p>x</p><div hidden>h</div><p style='display: none'>d</p>", ["x"]),
        # Shown only by a script or a click: a popover, a dialog without "open".
        ("<p>x</p><div popover id='pwa'><p>Add to Home Screen</p></div>", ["x"]),
        ("<p>x</p><i-card popover='manual'><ol><li>Tap Share.</li></ol></i-card>", ["x"]),
        ("<p>x</p><dialog class='consent'><p>We use cookies</p></dialog>", ["x"]),
        ("<p>x</p><dialog open><p>shown</p></dialog>", ["x", "shown"]),
        ("<ul><li>one</li><li><p>two</p></li></ul>", ["one", "two"]),
        ("<pre>  a\n    b</pre>", ["  a\n    b"]),
        ("<p>  spaced \n\t out  </p>", ["spaced out"]),
        ("", []),
    ],
)
def test_segment_blocks(html: str, blocks: list[str]) -> None:
    assert _texts(html) == blocks


def test_segment_roles_and_rows() -> None:
    seg = segment(
        body_of(
            parse(
                "<h2>H</h2><ul><li>i</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
                "<blockquote><p>q</p></blockquote><figure><figcaption>c</figcaption></figure><pre>x</pre>"
            )
        )
    )
    got = [(b.text, b.role, b.heading_level) for b in seg.blocks]
    assert got == [
        ("H", Role.HEADING, 2),
        ("i", Role.LIST_ITEM, 0),
        ("a | b", Role.TABLE_ROW, 0),
        ("q", Role.QUOTE, 0),
        ("c", Role.CAPTION, 0),
        ("x", Role.CODE, 0),
    ]


@pytest.mark.parametrize(
    ("html", "blocks"),
    [
        # data rows become one block each, cells joined
        (
            "<table><tr><th>a</th><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
            [("a | b", Role.TABLE_ROW), ("c | d", Role.TABLE_ROW)],
        ),
        # a layout table: a cell holding paragraphs keeps its blocks apart
        (
            "<table><tr><td>menu<br><br>links</td><td><p>story</p></td></tr></table>",
            [("menu", Role.TABLE_CELL), ("links", Role.TABLE_CELL), ("story", Role.PARAGRAPH)],
        ),
        # a nested data table stays a row of its own
        (
            "<table><tr><td><table><tr><td>i</td><td>j</td></tr></table></td><td>k</td></tr></table>",
            [("i | j", Role.TABLE_ROW), ("k", Role.TABLE_CELL)],
        ),
    ],
)
def test_table_rows(html: str, blocks: list[tuple[str, Role]]) -> None:
    assert [(b.text, b.role) for b in segment(body_of(parse(html))).blocks] == blocks


def test_segment_counts_link_characters_and_subtree_totals() -> None:
    seg = segment(body_of(parse("<div><p>abc <a href='#'>link</a></p></div>")))
    assert seg.blocks[0].link_chars == 4
    div = seg.elements[1]
    # characters of each text node without its surrounding whitespace: "abc" + "link"
    assert (div.tag, div.chars, div.link_chars, div.link_tags) == ("div", 7, 4, 1)


def test_segment_survives_deep_nesting() -> None:
    html = "<div>" * 5000 + "deep" + "</div>" * 5000
    assert _texts(html) == ["deep"]


# -- parse --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("<p>café</p>".encode(), "<p>café</p>"),
        (b"\xef\xbb\xbf<p>caf\xc3\xa9</p>", "<p>café</p>"),
        (
            '<meta charset="iso-8859-5"><p>\xc0\xe3</p>'.encode("latin-1"),
            '<meta charset="iso-8859-5"><p>Ру</p>',
        ),
        (b"<p>caf\xe9</p>", "<p>café</p>"),  # not UTF-8, no declaration: windows-1252
        (b"<meta charset='utf-8'><p>\xff\xfe bad</p>", "<meta charset='utf-8'><p>\ufffd\ufffd bad</p>"),
        (b"<meta charset='no-such-codec'><p>ok</p>", "<meta charset='no-such-codec'><p>ok</p>"),
    ],
)
def test_decode(data: bytes, text: str) -> None:
    assert decode(data) == text


# -- rules and phrases ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("relatedPosts", Label.SIDEBAR),
        ("c-share-bar__item", Label.SHARE),
        ("newsletter-signup", Label.PROMO),
        ("cookie_banner", Label.LEGAL),
        ("entry-meta byline", Label.METADATA),
        ("main-nav", Label.NAVIGATION),
        ("site-footer", Label.FOOTER),
        ("article-body", None),
        ("page has-sidebar", None),
        ("post hentry category-news tag-promotion", None),  # taxonomy slugs are no role
        ("tag-list", Label.METADATA),
        ("_3xk9Q", None),
        ("cmp-text aem-GridColumn", None),  # Adobe Experience Manager's component prefix
        ("a-expander-content reviewText review-text-content", Label.COMMENTS),
        # page builders' module wrappers are no sidebar; the module's own type still names it
        ("elementor-widget-container", None),
        ("elementor-element elementor-widget elementor-widget-text-editor", None),
        ("elementor-widget elementor-widget-nav-menu", Label.NAVIGATION),
        ("so-widget-sow-editor so-widget-sow-editor-base", None),
        ("span12 widget-span widget-type-custom_widget dnd-module", None),
        ("hs_cos_wrapper hs_cos_wrapper_widget hs_cos_wrapper_type_rich_text", None),
        ("widget widget_text", Label.SIDEBAR),  # a WordPress sidebar widget stays one
        ("sidebar-widget", Label.SIDEBAR),
        ("widget-span widget-type-cell", None),
        ("elementor-widget elementor-widget-wp-widget-recent-posts", Label.SIDEBAR),
        # a forum post's signature is the poster's, not the post
        ("message-signature", Label.METADATA),
        ("postsignature postmsg", Label.METADATA),
        ("signaturecontainer", Label.METADATA),
        ("post-signature-block", Label.METADATA),
        ("signed-in", None),
    ],
)
def test_class_names(raw: str, kind: Label | None) -> None:
    assert chrome_kind_of_name(normalise_name(raw)) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Sign up for our free weekly newsletter", Label.PROMO),
        ("We use cookies to improve your experience on our website.", Label.LEGAL),
        ("© 2024 Example. All rights reserved.", Label.LEGAL),
        ("Alle Rechte vorbehalten", Label.LEGAL),
        ("Все права защищены", Label.LEGAL),
        ("版权所有", Label.LEGAL),
        ("The minister said the talks would continue next week.", None),
        ("jane_doe says:", Label.COMMENTS),
        ("Bob Smith says :", Label.COMMENTS),
        ("Hans Müller sagt:", Label.COMMENTS),
        ("He says: the talks would continue next week and then stop.", None),
        ("Weiterführende Links", Label.SIDEBAR),
        ("Die weiterführende Schule plant einen Ausbau und stellt neue Lehrer ein.", None),
        ("Schreibe einen Kommentar", Label.COMMENTS),
        ("Temas relacionados", Label.SIDEBAR),
        ("To view the full story, please subscribe to The Daily.", Label.PROMO),
    ],
)
def test_phrases(text: str, kind: Label | None) -> None:
    assert phrase_kind(text, tokens(text), 400, 60) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Comments\nPrint Email", Label.SHARE),  # a whole-block label on the block's last line
        ("LATEST ARTICLE\nA Six-Month Road Test\nOver six months we drove it daily.", Label.SIDEBAR),
        ("Latest news\nThe bridge will reopen in May.", Label.SIDEBAR),  # a rail's label, first line
        ("example.com\nNovember 18, 2019", Label.METADATA),
        ("A short teaser of the story.\nRead more", Label.NAVIGATION),
        ("Print Email\nThe minister said the talks would continue.", None),  # the first line: not read
        ("By Jane Smith\nStaff Writer", None),  # a byline row on the first line: not read
        ("Comments\nPrint Email and send it to the minister today", None),  # not the whole line
        ("Comments\n" + "x" * 61, None),  # a last line longer than the whole-block limit
    ],
)
def test_phrases_on_a_blocks_last_line(text: str, kind: Label | None) -> None:
    assert phrase_kind(text, tokens(text), 400, 60) is kind


# -- language -------------------------------------------------------------------------------
def test_tokens_count_cjk_characters() -> None:
    assert tokens("Hello, World 你好") == ["hello", "world", "你", "好"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("the cat sat on the mat and it was not happy about that at all", "en"),
        ("der Hund ist nicht mit dem Auto in die Stadt gefahren und das ist gut", "de"),
        ("il a dit que les élèves sont dans la classe pour une heure de plus", "fr"),
        ("он сказал что это не так и мы все были там когда это было", "ru"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language([tokens(text)]) == language


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
_block = make_block


def test_every_scorer_returns_one_finite_number_per_block() -> None:
    blocks = [
        _block(0, "a b c"),
        _block(1, "d e f", link_density=1.0, container="navigation", container_strength=1.0),
        _block(2, "g", phrase="promo", phrase_container="promo"),
    ]
    for name, scorer in SCORERS.items():
        values = scorer(blocks)
        assert len(values) == 3 and all(-10.0 <= v <= 10.0 for v in values), name
        assert scorer([]) == [], name


def test_container_scorer_names_its_kind() -> None:
    blocks = [_block(0, "x", container="sidebar", container_strength=0.7)]
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
    assert SCORERS["caption"]([_block(0, text)]) == [expected]


def test_neighbour_scorer_reads_the_neighbours() -> None:
    blocks = [_block(0, "a", link_density=1.0), _block(1, "b"), _block(2, "c", link_density=0.5)]
    assert SCORERS["neighbour_link_density"](blocks) == [0.0, 0.75, 0.0]


def test_score_is_the_logistic_of_the_weighted_sum() -> None:
    options = Options(weights=(("link_density", -4.0), ("bias", 2.0)), smoothing=())
    scores = score([_block(0, "a"), _block(1, "b", link_density=1.0)], options)
    assert scores.table.names == ("link_density",)
    assert (scores.table.row(0), scores.table.row(1)) == ((0.0,), (1.0,))
    assert scores.probabilities[0] == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert scores.probabilities[1] == pytest.approx(1 / (1 + math.exp(2.0)))


def test_smoothing_pulls_a_short_block_towards_its_neighbours() -> None:
    options = Options(smoothing=(("own", 1.0), ("neighbours", 1.0)))
    blocks = [_block(i, "t") for i in range(3)]
    assert smooth(blocks, (0.95, 0.3, 0.95), options)[1] > 0.5


def test_label_names_the_kind_of_chrome() -> None:
    blocks = [
        _block(0, "nav", container="navigation"),
        _block(1, "ad", phrase="promo"),
        _block(2, "box", container="sidebar", phrase_container="promo"),
        _block(3, "links", link_density=0.9),
        _block(4, "the headline of a related story", link_density=0.9),
        _block(5, "kept"),
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
    blocks = [_block(0, "box", phrase_container="promo")]
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
    blocks = [_block(0, "By Jane Doe, 3 March 2025", phrase="metadata"), _block(1, _PROSE)]
    options = Options(weights=(), smoothing=(), decision="threshold", metadata_line_undeclared=undeclared_too)
    labels = decide(blocks, (0.9, 0.9), options, declared=declared)
    assert labels == [byline, Label.CONTENT]


# -- assemble --------------------------------------------------------------------------------
def _labelled(index: int, text: str, role: Role, row: int = -1, level: int = 0) -> Block:
    b = _block(index, text)
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
    assert confidence([_block(0, "x")]) == 0.0
    assert 0.0 < confidence([_labelled(0, "x", Role.PARAGRAPH)]) <= 1.0


def test_reveal_reads_hidden_and_noscript_text() -> None:
    html = "<p>x</p><div hidden><p>streamed</p></div><noscript><p>no scripts</p></noscript>"
    assert _texts(html) == ["x"]
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
    blocks = [_block(i, " ".join(["word"] * 10)) for i in range(3)]
    options = Options(
        weights=(), smoothing=(), decision=decision, expected_f1_floor=floor, adaptive_margin=margin
    )
    labelled = label(blocks, (0.9, 0.45, 0.1), score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == kept


# Expected F1 with 11 weighted words a block and 9.35 expected true words: keeping the
# best 1, 2, 3 blocks gives 9.9/20.35 = 0.49, 16.5/31.35 = 0.53, 18.7/42.35 = 0.44.
@pytest.mark.parametrize(("never_empty", "kept"), [(True, [True, True, False]), (False, [False] * 3)])
def test_a_page_below_the_threshold_keeps_its_likeliest_block(never_empty: bool, kept: list[bool]) -> None:
    blocks = [_block(i, " ".join(["word"] * 10)) for i in range(3)]
    options = Options(weights=(), smoothing=(), decision="threshold", never_empty=never_empty)
    labelled = label(blocks, (0.3, 0.45, 0.1), score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == kept


@pytest.mark.parametrize("junk", ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x0c"])
def test_control_characters_never_reach_the_text(junk: str) -> None:
    [text] = _texts(f"<p>before{junk}after</p>")
    assert text.replace("[31m", "") in ("beforeafter", "before after", "before\ufffdafter")
    assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in text)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
        b"%PDF-1.4\n" + bytes((i * 97) % 256 for i in range(6000)),
        __import__("gzip").compress(b"<p>hello</p>" * 2000),
        bytes(range(256)).decode("latin-1") * 10,
    ],
    ids=["png", "pdf", "gzip", "binary-as-str"],
)
def test_binary_input_gives_an_empty_result(data: bytes | str) -> None:
    from boilerstrip import extract

    result = extract(data)
    assert (result.text, result.blocks, result.confidence) == ("", (), 0.0)


def test_text_with_a_few_control_characters_is_not_binary() -> None:
    from boilerstrip._parse import looks_binary

    page = "<p>" + "words " * 200 + "\x00\x07</p>"
    assert not looks_binary(page) and not looks_binary(page.encode())
    assert not looks_binary("") and not looks_binary(b"")


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
    blocks = [_block(i, " ".join(["word"] * 10)) for i in range(3)]
    options = Options(weights=(), smoothing=(), decision="threshold")
    labelled = label(blocks, (0.9, 0.45, 0.1), score(blocks, options), options, declared=declared)
    assert [b.label is Label.CONTENT for b in labelled] == kept


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
        dataclasses.replace(_block(0, "A headline", phrase=phrase), role=Role.HEADING, heading_level=1),
        _block(1, "Nov. 21, 2016"),
        _block(2, "Photo credit"),
        _block(3, " ".join(["word"] * 30)),
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
    return dataclasses.replace(_block(0, text), role=role, markup=Markup(links=links))


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
    block = dataclasses.replace(_block(0, text, phrase=phrase), role=role)
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
    blocks = [_block(i, t, link_density=0.95 if i == 1 else 0.0) for i, t in enumerate(texts)]
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
    blocks = [dataclasses.replace(_block(i, t), locator=x) for i, (t, x) in enumerate(zip(texts, locators))]
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
        dataclasses.replace(_block(i, t), locator=x, role=role if t == _SAMPLE else Role.PARAGRAPH)
        for i, (t, x) in enumerate(zip(texts, locators))
    ]
    options = Options(weights=(), smoothing=(), decision="threshold")
    labelled = label(blocks, (0.9,) * 3, score(blocks, options), options)
    assert [b.label is Label.CONTENT for b in labelled] == [True, True, copy_kept]


# -- declared discussions -------------------------------------------------------------------
_QUESTION = "How do I keep bread fresh, soft and crusty for days, without a freezer, a bag or a box? " * 4
_ANSWER = "Wrap it in a cotton cloth and keep it cut side down on the board."
_QA_PAGE = (
    "<html><head>{head}</head><body><main><div class='question'><p>{q}</p></div>"
    "<div class='comments'><div class='comment'><p>{a}</p></div><div class='comment'><p>{a}</p></div>"
    "</div></main></body></html>"
)


@pytest.mark.parametrize(
    ("head", "answer_container"),
    [
        ("", "comments"),  # the answers hold under half of the dense text: comments below a post
        ('<script type="application/ld+json">{"@type": "QAPage"}</script>', ""),  # a declared thread
        ('<link rel="canonical" href="https://example.org/news/bread-keeping/">', "comments"),
        ('<link rel="canonical" href="https://example.org/viewtopic.php?t=77">', ""),  # a phpBB thread URL
    ],
)
def test_thread_posts_are_not_comments(head: str, answer_container: str) -> None:
    from boilerstrip._extract import measure

    blocks = measure(_QA_PAGE.format(head=head, q=_QUESTION, a=_ANSWER), Options()).blocks
    answers = [b for b in blocks if b.text == _ANSWER]
    assert len(answers) == 2
    assert all(b.features.container == answer_container for b in answers)


@pytest.mark.parametrize(
    ("declared", "url", "treated_as"),
    [
        ("", "https://forum.example.org/viewtopic.php?t=123", "thread"),  # phpBB
        ("", "https://example.org/community/showthread.php?t=42", "thread"),  # vBulletin
        ("sectioned", "https://example.org/threads/best-budget-tents.123456/", "thread"),  # XenForo
        ("sectioned", "https://discuss.example.org/t/first-telescope/155/4", "thread"),  # Discourse
        ("article", "https://community.example.org/topic/18427/release-notes", "thread"),  # NodeBB
        ("", "/d/2068-threads-as-a-discussion-engine", "thread"),  # Flarum, a relative URL
        ("", "https://www.reddit.com/r/science/comments/1rku5x9/hair_follicles/", "thread"),
        ("", "https://www.example.org/community/index.php?topic=589061.0", "thread"),  # Simple Machines
        ("sectioned", "https://www.example.com/groups/fish/new-fish-t17351.html", "thread"),  # Tapatalk
        ("", "https://www.example.org/community/index.php?board=12.0", ""),  # a board, not a topic
        ("", "https://news.example.com/2024/05/t-shirts-on-sale.html", ""),
        ("product", "https://example.org/threads/a-product.123/", "product"),  # a declared product stays
        ("", "https://news.example.com/id/4829/ns/health/t/us-pledges-aid/", ""),  # a news section "t"
        ("", "https://shop.example.com/topic/headphones", ""),  # a shop's topic page: no topic id
        ("article", "https://example.com/2024/05/threads-of-gold/", "article"),
        ("", "", ""),
    ],
)
def test_page_type_from_thread_url(declared: str, url: str, treated_as: str) -> None:
    from boilerstrip._page_type import page_type

    assert page_type(declared, url, Options()) == treated_as


@pytest.mark.parametrize(
    ("options", "treated_as"),
    [
        (Options(), "thread"),
        (Options(thread_urls_over_article=False), "article"),
        (Options(thread_urls=False), "article"),
    ],
)
def test_thread_url_options(options: Options, treated_as: str) -> None:
    from boilerstrip._page_type import page_type

    assert page_type("article", "https://example.org/threads/tents.123456/", options) == treated_as


@pytest.mark.parametrize(
    ("url", "answer_container"),
    [
        (None, "comments"),
        ("https://example.org/news/bread-keeping/", "comments"),
        ("https://example.org/viewtopic.php?t=77", ""),  # no canonical link: the address tells
    ],
)
def test_thread_url_from_the_callers_address(url: str | None, answer_container: str) -> None:
    from boilerstrip._extract import measure

    blocks = measure(_QA_PAGE.format(head="", q=_QUESTION, a=_ANSWER), Options(), url=url).blocks
    answers = [b for b in blocks if b.text == _ANSWER]
    assert len(answers) == 2
    assert all(b.features.container == answer_container for b in answers)


@pytest.mark.parametrize(
    ("head", "treated_as"),
    [
        # The JSON-LD names the thread by a search-friendly address, its og:url by the
        # software's own: any address the page gives itself tells.
        ('<meta property="og:url" content="https://example.org/showthread.php?t=1488296">', "thread"),
        ('<link rel="canonical" href="https://example.org/showthread.php?t=1488296">', "thread"),
        ('<meta property="og:url" content="https://example.org/beginners/1488296-a-method.html">', "article"),
    ],
)
def test_thread_url_from_any_address_of_the_page(head: str, treated_as: str) -> None:
    from boilerstrip._extract import measure

    ld = '{"@type": "Article", "url": "https://example.org/beginners/1488296-a-method.html"}'
    script = f'<script type="application/ld+json">{ld}</script>'
    page = f"<html><head>{head}{script}</head><body><p>Hi.</p></body></html>"
    assert measure(page, Options()).declared == treated_as


_PRICE = "<span class='price'>$19</span>"


@pytest.mark.parametrize(
    ("declared", "prices", "price_markup", "options", "treated_as"),
    [
        ("", 7, _PRICE, Options(), "sectioned"),  # a product grid: its cards are its content
        ("", 7, "<b itemprop='price'>19</b>", Options(), "sectioned"),  # microdata prices
        ("", 6, _PRICE, Options(), ""),  # too few prices to tell
        ("", 7, "<span class='price-note'>$19</span>", Options(), ""),  # not a price element
        ("article", 7, _PRICE, Options(), "article"),  # a declared article stays one
        ("product", 7, _PRICE, Options(), "product"),
        ("", 7, _PRICE, Options(listing_min_prices=0), ""),  # the rule off
    ],
)
def test_page_type_of_a_product_grid(
    declared: str, prices: int, price_markup: str, options: Options, treated_as: str
) -> None:
    from boilerstrip._page_type import page_type

    cards = "".join(f"<div><a href='/{i}'>No. {i}</a>{price_markup}</div>" for i in range(prices))
    tree = parse(f"<html><body><main>{cards}</main></body></html>")
    assert page_type(declared, "https://shop.example.com/chairs/", options, tree) == treated_as


# -- posts in boxes of post lines ----------------------------------------------------------
_POST_PROSE = "Wrap the loaf in a cotton cloth and keep it cut side down on a board, away from the oven. " * 2
_POST = "<div class='post'><p>{a}</p><div>Reply</div><div>Add a comment</div><div>Share</div></div>"
_POSTS_PAGE = (
    "<html><body><article><h1>Bread</h1>{body}</article>"
    "<section class='{section}'>{posts}</section></body></html>"
)


@pytest.mark.parametrize(
    ("section", "box"),
    [
        ("answers", ""),  # an answer with its "Reply", "Share" lines: a post, not a box of them
        ("comments", "comments"),  # the same inside a comment section: the prose is the comments
    ],
)
def test_a_box_of_post_lines_with_much_prose_is_a_post(section: str, box: str) -> None:
    from boilerstrip._extract import measure

    paragraph = "Bread goes stale as its starch crystallises again, fastest in the fridge. " * 6
    body = f"<p>{paragraph}</p>" * 3
    html = _POSTS_PAGE.format(body=body, section=section, posts=_POST.format(a=_POST_PROSE) * 2)
    posts = [b for b in measure(html, Options()).blocks if b.text == _POST_PROSE.strip()]
    assert len(posts) == 2
    assert all(b.features.phrase_container == box for b in posts)


_FEED_CARD = "<div class='card'>{title}<p>By Jane Doe</p><p>Mar 7, 2026 · 4 min read</p></div>"


@pytest.mark.parametrize(
    ("titles", "options", "box"),
    [
        (4, Options(), ""),  # four dated, signed cards each under its title: a feed of posts
        (2, Options(), "metadata"),  # two titles: a box of bylines and dates
        (0, Options(), "metadata"),
        (4, Options(phrase_box_feed_titles=0), "metadata"),  # the rule off
        (4, Options(phrase_box_feed_titles=5), "metadata"),
    ],
)
def test_a_metadata_box_of_titled_cards_is_a_feed(titles: int, options: Options, box: str) -> None:
    from boilerstrip._extract import measure

    cards = "".join(
        _FEED_CARD.format(title=f"<h2>How to keep bread fresh, part {i}</h2>" if i < titles else "")
        for i in range(4)
    )
    paragraph = "Bread goes stale as its starch crystallises again, fastest in the fridge. " * 6
    feed = f"<div class='feed'>{cards}</div>"
    html = f"<html><body><main><h1>Bread</h1><p>{paragraph}</p>{feed}</main></body></html>"
    dates = [b for b in measure(html, options).blocks if b.text.startswith("Mar 7")]
    assert len(dates) == 4
    assert all(b.features.phrase_container == box for b in dates)


# -- product pages hidden until scripts run -------------------------------------------------
_DESCRIPTION = "A dark roast of arabica and robusta beans, ground for drip machines and French presses alike."
_HIDDEN_PRODUCT = (
    "<html><head>{ld}</head><body><nav><a href='/'>Home</a> <a href='/shop'>Shop</a></nav>"
    "<div style='display:none'><h1>Dark Roast</h1><p>{d}</p></div>"
    "<footer><p>Questions? Write to us any day of the week, we answer within a day.</p>"
    "<p>Free returns within thirty days. Our roastery is open to visitors on Saturdays from nine"
    " to five, with tastings every hour and a shop that sells every bean we roast.</p></footer></body></html>"
)


@pytest.mark.parametrize(
    ("ld", "found"),
    [
        ('{{"@type": "Product", "description": "<p>{d}</p>"}}', True),  # described: read hidden text
        ('{{"@type": "Product", "description": "Dark roast."}}', False),  # too short to tell
        ('{{"@type": "Organization", "description": "{d}"}}', False),  # not a product page
    ],
)
def test_hidden_product_description_reads_hidden_text(ld: str, found: bool) -> None:
    script = '<script type="application/ld+json">' + ld.format(d=_DESCRIPTION) + "</script>"
    options = Options(reveal_below_chars=0)  # the page is short: only the description may reveal it
    text = extract(_HIDDEN_PRODUCT.format(ld=script, d=_DESCRIPTION), options=options).text
    assert (_DESCRIPTION in text) is found


@pytest.mark.parametrize(
    ("texts", "hidden"),
    [
        ([], True),
        (["A dark roast of arabica beans"], True),  # 6 of 16 words visible
        (["A dark roast of arabica and robusta beans, ground for drip machines"], False),  # 11 of 16
    ],
)
def test_description_hidden_counts_visible_words(texts: list[str], hidden: bool) -> None:
    from boilerstrip._page_type import description_hidden

    assert description_hidden(_DESCRIPTION, texts, Options()) is hidden
