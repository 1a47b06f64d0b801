"""Related-stories titles: a list of other stories after an article's body, under a title
such as "More Great Stories" or "Related reads:" (a heading or a short line), is dropped on
pages that declare an article or nothing (_titled_boxes, RELATED_TITLES)."""

from __future__ import annotations

import pytest

from boilerstrip import Options, OptionsError, extract
from boilerstrip._titled_boxes import is_box_title, is_related_title

_PARAGRAPHS = (
    "<p>The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods "
    "of last spring.</p>"
    "<p>Work will start in October, and the road over the bridge will be closed to cars for "
    "four months while masons replace the broken stones and strengthen the piers, the council "
    "said in a statement.</p>"
    "<p>Residents who cross the river every day to reach the market will be able to use a "
    "temporary footbridge that the army will put up beside the old one in the last week of "
    "September.</p>"
)
_STORIES = (
    ("The mill by the ford", "reopens after forty years of silence"),
    ("How the valley's farmers", "are changing the crops they sow"),
    ("A walk along the old towpath", "from the lock to the weir"),
    ("Why the ferry across the estuary", "still runs every hour"),
)
_MARK = "towpath"  # a word of the list only
# Each story half linked, as WIRED writes them: the model keeps such a list.
_LIST = (
    "<ul>"
    + "".join(f'<li>{a} <a href="/news/{i}">{b}</a></li>' for i, (a, b) in enumerate(_STORIES))
    + "</ul>"
)
_PROSE = (
    "<p>The engineers will report again in the spring, when the river is high and the piers "
    "can be seen under load, and the council will then decide whether the second phase of the "
    "work needs a larger budget than the one it agreed this week.</p>"
)
_OFF = Options(related_title_max_words=0)
_DECLARED = {
    "article": '<script type="application/ld+json">{"@type": "NewsArticle"}</script>',
    "none": "",
    "listing": '<meta property="og:type" content="website">',
}


def _page(title: str, *, tag: str = "div", declared: str = "article", after: str = "") -> str:
    title_line = f'<{tag} class="heading">{title}</{tag}>'
    body = f'<div class="article-body">{_PARAGRAPHS}{title_line}{_LIST}{after}</div>'
    return (
        f"<html><head><title>The bridge</title>{_DECLARED[declared]}</head>"
        f"<body><article><h1>The bridge</h1>{body}</article></body></html>"
    )


def _kept(html: str, options: Options | None = None) -> bool:
    """Whether the list's text is in the output; asserts first that it is kept with the
    rule off, so that each case tests the rule."""
    assert _MARK in extract(html, options=_OFF).text
    return _MARK in extract(html, options=options).text


@pytest.mark.parametrize(
    ("title", "tag", "declared"),
    [
        ("More Great Stories", "div", "article"),
        ("More Great Stories", "h3", "article"),
        ("Related reads:", "p", "article"),
        ("You may also like", "h2", "none"),
        ("MOST READ", "div", "none"),
        ("Next Valley Story", "div", "article"),
    ],
    ids=["more-great-stories", "heading", "colon", "undeclared", "capitals", "next-story"],
)
def test_a_list_under_a_related_title_is_dropped(title: str, tag: str, declared: str) -> None:
    assert not _kept(_page(title, tag=tag, declared=declared))


@pytest.mark.parametrize(
    ("title", "changes"),
    [
        ("More Great Stories", {"declared": "listing"}),  # a listing's own feed
        ("More Great Stories", {"after": _PROSE}),  # the box holds the body's prose
        ("More stories about the bridge and the river ahead", {}),  # a line of the text
        ("More great photos", {}),  # not a list of stories
    ],
    ids=["listing", "prose-after", "longer-line", "photos"],
)
def test_a_near_list_is_kept(title: str, changes: dict[str, str]) -> None:
    assert _kept(_page(title, **changes))


def test_the_rule_is_off_at_zero_and_checked() -> None:
    assert _kept(_page("More Great Stories"), _OFF)
    assert _kept(_page("More Great Stories"), Options(titled_box_body_words=0))
    with pytest.raises(OptionsError):
        Options(related_title_max_words=-1)


@pytest.mark.parametrize(
    ("text", "related"),
    [
        ("More Great WIRED Stories", True),
        ("more news", True),
        ("Related Articles", True),
        ("Related articles and links:", True),
        ("More great bread recipes", True),
        ("Trending stories »", True),
        ("You might also enjoy", True),
        ("Most popular", True),
        ("- Next Auto News", True),
        ("Previous article »", True),
        ("Previous Posts", False),  # a blog's archive
        ("More from the author", False),
        ("Further reading", False),
        ("Stories", False),
        ("", False),
        # the other languages (a German title longer than 40 characters too)
        ("Diese Artikel könnten dich ebenfalls interessieren:", True),
        ("Artikel und Videos zum Thema", True),
        ("À lire aussi", True),
        ("Noticias relacionadas", True),
        ("Czytaj także", True),
        ("Читайте также", True),
        ("Siehe auch", False),  # "See also", as in English
        ("Weitere Informationen", False),
    ],
)
def test_the_table_matches_whole_texts(text: str, related: bool) -> None:
    assert is_related_title(text) is related
    assert not is_box_title(text)
