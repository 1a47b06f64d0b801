"""Closing appeals: a promo line that closes the kept text is dropped whatever its length
(_closing_appeals); inside the body it is left to the model."""

from __future__ import annotations

import pytest

from boilerstrip import Options, OptionsError, extract

_PROSE = (
    "<p>The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods "
    "of last spring and that the piers had shifted.</p>"
)
_OFFER = (
    "<p>Get Example Monthly delivered to your home every month and never miss a story about "
    "bridges, rivers and the towns beside them. 12 issues for £11.99. Click here for more.</p>"
)
_SHARE = "<p>Like this story? Share it with a friend and tell us what you think of the bridge.</p>"
_DONATE = (
    "<p>Our readers keep this newsroom going: every story about the valley, its bridges and "
    "its rivers is paid for by people like you. Please donate today to keep it free for all.</p>"
)
_TAGS = "<p>Tags: bridges</p>"
_OFF = Options(closing_appeals=False)


def _page(*parts: str) -> str:
    body = "".join(parts)
    return (
        "<html><head><title>The bridge</title></head><body>"
        f"<article><h1>The bridge</h1>{body}</article></body></html>"
    )


def _kept(html: str, mark: str, options: Options | None = None) -> bool:
    """Whether ``mark`` is in the output; asserts first that the model keeps it with the
    rule off, so that each case tests the rule."""
    assert mark in extract(html, options=_OFF).text
    return mark in extract(html, options=options).text


@pytest.mark.parametrize(
    ("appeal", "mark"),
    [(_OFFER, "12 issues"), (_SHARE, "Like this story"), (_DONATE, "donate today")],
)
def test_an_appeal_that_closes_the_kept_text_is_dropped(appeal: str, mark: str) -> None:
    assert not _kept(_page(_PROSE * 4, appeal), mark)


def test_a_phrase_line_after_the_appeal_does_not_shield_it() -> None:
    assert not _kept(_page(_PROSE * 4, _OFFER, _TAGS), "12 issues")


@pytest.mark.parametrize(
    ("after_words", "dropped"),
    [(0, False), (200, True)],
)
def test_prose_after_the_appeal_keeps_it_unless_the_limit_allows(after_words: int, dropped: bool) -> None:
    html = _page(_PROSE * 3, _DONATE, _PROSE)
    assert _kept(html, "donate today", Options(closing_appeal_after_words=after_words)) is not dropped


def test_the_limit_must_not_be_negative() -> None:
    with pytest.raises(OptionsError):
        Options(closing_appeal_after_words=-1)
