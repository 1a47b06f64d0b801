"""Titled boxes: a blog's own widgets after the body ("About Me", "Recent Posts") and a blog
profile closed by "View my complete profile" are dropped (_titled_boxes)."""

from __future__ import annotations

import pytest
import regex

from boilerstrip import Options, OptionsError, extract
from boilerstrip._phrase_table import BOX_TITLES, PROFILE_LINKS
from boilerstrip._titled_boxes import is_box_title, is_profile_link

_POST = (
    "<p>The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods "
    "of last spring.</p>"
)  # 33 words
_BIO = (
    "<p>I am a retired teacher who writes about bridges, rivers and the towns that grew up "
    "beside them. I have walked every crossing of the valley and photographed most of them "
    "twice, and I keep notes on the stone, the masons and the floods that each of them has "
    "seen over the last two hundred years, which readers of this blog send me more of every "
    "week.</p>"
) * 2  # 124 words: the model keeps it
_MARK = "retired teacher"  # a phrase of the box only
_OFF = Options(titled_box_body_words=0)


def _page(title: str, *, body: int = 3, box_first: bool = False, closer: str = "") -> str:
    post = f'<div class="post"><h1>The bridge</h1>{_POST * body}</div>'
    box = f'<div class="box"><h2>{title}</h2><div class="inner">{_BIO}{closer}</div></div>'
    parts = (box, post) if box_first else (post, box)
    return f"<html><head><title>The bridge</title></head><body><div>{''.join(parts)}</div></body></html>"


def _kept(html: str, options: Options | None = None) -> bool:
    """Whether the box's text is in the output; asserts first that the model keeps it with
    the rule off, so that each case tests the rule."""
    assert _MARK in extract(html, options=_OFF).text
    return _MARK in extract(html, options=options).text


@pytest.mark.parametrize(
    "title",
    [
        "About Me",
        "About this blog",
        "Recent Posts",
        "Latest Conversations!",
        "Most watched/listened",
        "Über mich",
    ],
)
def test_a_titled_box_after_the_body_is_dropped(title: str) -> None:
    assert not _kept(_page(title))


@pytest.mark.parametrize(
    ("title", "changes"),
    [
        ("About the bridge", {}),  # a section of the page's own text, not a widget's title
        ("About the Author", {}),  # the truths keep most authors' bios
        ("About Me and the bridge", {}),  # more than the title: a heading of the text
        ("About Me", {"box_first": True}),  # nothing kept before it: the page's own text
        ("About Me", {"body": 1}),  # 33 kept words before it: under titled_box_body_words
    ],
    ids=["section", "author-bio", "longer-heading", "box-first", "short-body"],
)
def test_a_near_box_is_kept(title: str, changes: dict[str, object]) -> None:
    assert _kept(_page(title, **changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "changes", "kept"),
    [
        ("Chef John's Bio", {}, False),  # any heading: the closing link names the widget
        ("Chef John's Bio", {"box_first": True}, False),  # before the post too
        ("Chef John's Bio", {"body": 1}, True),  # under titled_box_body_words kept words besides
    ],
    ids=["after", "before", "short-rest"],
)
def test_a_blog_profile_is_dropped_by_its_closing_link(
    title: str, changes: dict[str, object], kept: bool
) -> None:
    closer = '<div><a href="/profile/1">View my complete profile</a></div>'
    assert _kept(_page(title, closer=closer, **changes)) is kept  # type: ignore[arg-type]


def test_the_rule_is_off_at_zero_and_checked() -> None:
    assert _kept(_page("About Me"), _OFF)
    with pytest.raises(OptionsError):
        Options(titled_box_body_words=-1)


@pytest.mark.parametrize(
    ("text", "title", "link"),
    [
        ("Recent Posts", True, False),
        ("  RECENT COMMENTS: ", True, False),
        ("Articles récents", True, False),
        ("Recent posts about the bridge", False, False),
        ("View my complete profile", False, True),
        ("View my complete profile on Facebook", False, False),
        ("", False, False),
    ],
)
def test_the_tables_match_whole_texts(text: str, title: bool, link: bool) -> None:
    assert (is_box_title(text), is_profile_link(text)) == (title, link)


def _plain(rows: tuple[tuple[str, str, str], ...], text: str) -> bool:
    """The tables' answer without the sieve: the whole pattern on the stripped text."""
    stripped = text.strip(" .:!?…·|»«›‹>-")
    pattern = regex.compile("|".join(f"(?:{p})" for _, _, p in rows), regex.IGNORECASE)
    return 0 < len(stripped) <= 40 and pattern.fullmatch(stripped) is not None


# Each row's phrases, in other cases, with case partners that lowercase apart ("ſ" for "s",
# "K" the Kelvin sign for "k", "İ"), accents dropped, and words that only start alike.
_TEXTS = [
    *(s for _, _, p in BOX_TITLES + PROFILE_LINKS for s in p.replace("(?:", "").replace(")", "").split("|")),
    "About Me",
    "ABOUT ME",
    "Recent Poſts",
    "Recent Comments",
    "Popular Posts",
    "Most Watched / Listened",
    "most commented",
    "Über mich",
    "ÜBER MICH",
    "Uber mich",
    "À PROPOS DE MOI",
    "Sobre mi",
    "SOBRE MÍ",
    "Chi sono?",
    "ver meu perfil completo",
    "VIEW MY COMPLETE PROFILE",
    "View my complete profile »",
    "view my complete Kelvin",
    "vİew my complete profile",
    "Mein Profil vollständig anzeigen",
    "Recently",
    "Mostly",
    "About",
    "Latest",
    "Comentários recentes",
    "recente reacties",
    "ßober mich",
    "日本語のタイトル",
    # Texts whose first character starts no row (ruled out before they are lowered).
    "(About Me)",
    "1 Recent Posts",
    "#recent posts",
    "Share this",
    "Profile",
    "Äbout me",
    # Texts the strip changes at their start, or leaves as they are.
    " About Me",
    "» Recent Posts",
    "...View my complete profile",
    "\tAbout Me",
    "\xa0About Me",
]


@pytest.mark.parametrize("text", _TEXTS)
def test_the_sieve_gives_the_patterns_answer(text: str) -> None:
    assert is_box_title(text) == _plain(BOX_TITLES, text)
    assert is_profile_link(text) == _plain(PROFILE_LINKS, text)
