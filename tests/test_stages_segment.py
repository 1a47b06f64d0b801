"""Segmentation, decoding, class-name rules, phrases, language and bad input, each on hand-built input."""

from __future__ import annotations

import pytest

from blocks import segment_texts
from boilerstrip import Label, Role, extract
from boilerstrip._language import detect_language, tokens
from boilerstrip._parse import body_of, decode, parse
from boilerstrip._phrases import phrase_kind
from boilerstrip._rules import chrome_kind_of_name, normalise_name
from boilerstrip._segment import segment, traverse


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
    assert segment_texts(html) == blocks


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
    assert segment_texts(html) == ["deep"]


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


@pytest.mark.parametrize("junk", ["\x00", "\x07", "\x1b[31m", "\x7f", "\x85", "\x0c"])
def test_control_characters_never_reach_the_text(junk: str) -> None:
    [text] = segment_texts(f"<p>before{junk}after</p>")
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

    result = extract(data)
    assert (result.text, result.blocks, result.confidence) == ("", (), 0.0)


def test_text_with_a_few_control_characters_is_not_binary() -> None:
    from boilerstrip._parse import looks_binary

    page = "<p>" + "words " * 200 + "\x00\x07</p>"
    assert not looks_binary(page, 2) and not looks_binary(page.encode(), 2)
    assert not looks_binary("", 2) and not looks_binary(b"", 2)


# A merged row's structure: its cells' links moved by the text before their cell, the
# header when every cell is one, the cells' images; a layout row's cells keep theirs.
@pytest.mark.parametrize(
    ("html", "text", "links", "header", "images"),
    [
        (
            "<table><tr><td><a href='/one'>one</a></td><td>two <a href='/b'>b</a> <a href='/c'>c</a></td>"
            "<td>plain</td><td><a href='/d'>d</a></td></tr></table>",
            "one | two b c | plain | d",
            [(0, 3, "/one"), (10, 11, "/b"), (12, 13, "/c"), (24, 25, "/d")],
            False,
            0,
        ),
        (
            "<table><thead><tr><th>x<br>y</th><th><a href='/z'>z</a></th></tr></thead></table>",
            "x y | z",
            [(6, 7, "/z")],
            True,
            0,
        ),
        (
            "<table><tr><th>h</th><td><img src='/i.png' alt='i'>v <a href='/w'>w</a></td></tr></table>",
            "h | v w",
            [(6, 7, "/w")],
            False,
            1,
        ),
    ],
)
def test_a_merged_row_keeps_its_cells_links_and_structure(
    html: str, text: str, links: list[tuple[int, int, str]], header: bool, images: int
) -> None:
    (block,) = segment(body_of(parse(html))).blocks
    assert (block.text, block.role) == (text, Role.TABLE_ROW)
    assert [(k.start, k.end, k.href) for k in block.markup.links] == links
    assert [text[s:e] for s, e, _ in links] == [k.href.strip("/") for k in block.markup.links]
    assert block.markup.cells == tuple(text.split(" | "))
    assert (block.markup.header, len(block.markup.images), block.markup.table) == (header, images, 1)


def test_a_row_after_a_linked_row_keeps_its_own_links() -> None:
    html = (
        "<table><tr><td><a href='/a'>a</a></td><td>b</td></tr>"
        "<tr><td>c</td><td><a href='/d'>d</a></td></tr></table><p><a href='/e'>e</a></p>"
    )
    blocks = segment(body_of(parse(html))).blocks
    got = [(b.text, [(k.start, k.end, k.href) for k in b.markup.links]) for b in blocks]
    assert got == [("a | b", [(0, 1, "/a")]), ("c | d", [(4, 5, "/d")]), ("e", [(0, 1, "/e")])]


# -- what a walk with reveal would read more (Traversal.withheld) -------------------------
@pytest.mark.parametrize(
    ("html", "withheld"),
    [
        ("<p>Hello world, this is a page.</p>", False),
        ("<p>a</p><script>s</script><style>p{}</style><template><noscript>t</noscript></template>", False),
        (
            "<p>a</p><div style='color: red'>c</div><dialog open>o</dialog><div aria-hidden=true>i</div>",
            False,
        ),
        ("<p>a <span class='sr-only'>clipped</span></p><p><span class=sr-only>alone</span></p>", False),
        ("<p>a</p><noscript><p>Enable JavaScript</p></noscript>", True),
        ("<p>a</p><div hidden><p>streamed</p></div>", True),
        ("<p>a</p><p style='display: none'>later</p>", True),
        ("<p>a</p><dialog><p>prompt</p></dialog>", True),
        ("<p>a</p><div popover><noscript>n</noscript></div>", True),
    ],
)
def test_withheld_tells_whether_a_walk_with_reveal_reads_more(html: str, withheld: bool) -> None:
    root = body_of(parse(html))
    first, revealed = traverse(root), traverse(root, reveal=True)
    assert first.withheld is withheld
    assert revealed.withheld is False  # (nothing is left out that a further walk would read)
    # Not withheld: the walk with reveal records the very same columns (extract() skips it).
    assert (first[:8] == revealed[:8]) is not withheld
