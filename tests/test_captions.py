"""Captions of an article (_captions): dropped on a page that declares an article, numbered
figures aside, their pictures kept in the Markdown and HTML outputs (_figures); left to the
model on other pages."""

from __future__ import annotations

import pytest

from boilerstrip import Label, Options, extract
from boilerstrip._captions import is_numbered

_PROSE = (
    "<p>The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods "
    "of last spring and that the piers had shifted.</p>"
)
_PHOTO = (
    "<figure><img src='bridge.jpg' alt=''><figcaption>The old stone bridge over the river, seen "
    "from the north bank on a grey morning last spring.</figcaption></figure>"
)
_FIGURE = (
    "<figure><img src='arches.png' alt=''><figcaption>Figure 2: The cracks found in the two "
    "arches of the bridge, as the engineers measured them.</figcaption></figure>"
)
_ARTICLE = '<meta property="og:type" content="article">'
_OFF = Options(article_captions=False)
_ON = Options()


def _page(head: str, *parts: str) -> str:
    return (
        f"<html><head><title>The bridge</title>{head}</head><body>"
        f"<article><h1>The bridge</h1>{''.join(parts)}</article></body></html>"
    )


def _kept(html: str, mark: str) -> bool:
    """Whether ``mark`` is in the output with the rule on (the default); asserts first that the
    model keeps it with the rule off, so that each case tests the rule."""
    assert mark in extract(html, options=_OFF).text
    return mark in extract(html, options=_ON).text


def test_an_articles_caption_is_dropped_as_metadata() -> None:
    html = _page(_ARTICLE, _PROSE * 2, _PHOTO, _PROSE * 2)
    assert not _kept(html, "seen from the north bank")
    caption = next(b for b in extract(html, options=_ON).blocks if "north bank" in b.text)
    assert caption.label is not Label.CONTENT
    assert "before the winter" in extract(html, options=_ON).text  # the body stays


def test_a_numbered_figure_stays() -> None:
    assert _kept(_page(_ARTICLE, _PROSE * 2, _FIGURE, _PROSE * 2), "Figure 2: The cracks")


def test_a_page_that_declares_no_article_keeps_its_captions() -> None:
    assert _kept(_page("", _PROSE * 2, _PHOTO, _PROSE * 2), "seen from the north bank")


@pytest.mark.parametrize(
    ("text", "numbered"),
    [
        ("Figure 3: The cracks", True),
        ("Fig. 3 The cracks", True),
        ("fig 12", True),
        ("Table 6-1. Loads", True),
        ("Listing 9-3", True),
        ("Abbildung 4: Die Brücke", True),
        ("(Chart 2) Costs", True),
        ("Figures from the council show the cost", False),
        ("The table by the river", False),
        ("A figure on the bridge, 1902", False),
    ],
)
def test_a_numbered_caption_names_its_number_first(text: str, numbered: bool) -> None:
    assert is_numbered(text) is numbered


_IMAGE = "https://example.org/bridge.jpg"


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_a_dropped_captions_figure_stays_in_the_outputs_without_its_text(form: str) -> None:
    html = _page(_ARTICLE, _PROSE * 2, _PHOTO, _PROSE * 2)
    result = extract(html, url="https://example.org/story")
    out = result.to_markdown(images=True) if form == "markdown" else result.to_html(images=True)
    assert _IMAGE in out
    assert "north bank" not in out
    assert out.index("before the winter") < out.index(_IMAGE) < out.rindex("before the winter")
    plain = result.to_markdown() if form == "markdown" else result.to_html()
    assert _IMAGE not in plain  # images only when asked for


@pytest.mark.parametrize("form", ["markdown", "html"])
def test_a_kept_captions_figure_is_shown_once_with_its_text(form: str) -> None:
    html = _page(_ARTICLE, _PROSE * 2, _PHOTO, _PROSE * 2)
    result = extract(html, url="https://example.org/story", options=_OFF)
    out = result.to_markdown(images=True) if form == "markdown" else result.to_html(images=True)
    assert out.count(_IMAGE) == 1
    assert "north bank" in out
