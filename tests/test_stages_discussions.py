"""Declared discussions, product grids, posts in boxes and hidden product text, each on hand-built input."""

from __future__ import annotations

import pytest

from boilerstrip import Options, extract
from boilerstrip._parse import parse

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
