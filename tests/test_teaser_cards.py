"""Teaser cards below an article: rails of other stories' linked titles over their teasers."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role
from boilerstrip._combine import label
from boilerstrip._model import Link, Markup
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED
from boilerstrip._probability import score
from boilerstrip._teaser_cards import teaser_rails

_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods."
)  # 32 words
_GAP = "More from the valley"  # dropped between the body and the rail
_TITLES = (
    "Flood defences to be raised along the north bank",
    "Library reopens after a year of repairs",
    "School choir wins the county prize again",
    "Farmers market moves to the old station yard",
)
_TEASER = "Work starts in March and should be finished before the next rains, the council says."  # 15
_HEADLINE = "Council agrees to rebuild the stone bridge"
_KEPT, _DROPPED = 0.9, 0.1


def _title(index: int, text: str, href: str, links: float, phrase: str = "") -> Block:
    block = make_block(index, text, role=Role.HEADING, link_density=links, phrase=phrase)
    return dataclasses.replace(
        block, heading_level=3, markup=Markup(links=(Link(0, len(text), href),) if href else ())
    )


def _headline(index: int) -> Block:
    return dataclasses.replace(make_block(index, _HEADLINE, role=Role.HEADING), heading_level=1)


def _labels(
    *,
    cards: int = 3,
    href: str = "https://example.org/2012/11/other-story.html",
    title_links: float = 1.0,
    titles: tuple[str, ...] = _TITLES,
    teaser: str = _TEASER,
    gap: str = _GAP,
    body: int = 2,
    headline: bool = True,
    filler: str = "",
    phrase: str = "",
    declared: str = ARTICLE,
    **changes: object,
) -> list[bool]:
    """Kept flags of: the ``<h1>`` with ``headline``, ``body`` prose paragraphs, a dropped
    ``gap`` line, then ``cards`` cards (a linked title, its teaser, then ``filler``)."""
    texts: list[tuple[str, float, str]] = [(_HEADLINE, _KEPT, "headline")] if headline else []
    texts += [(_PROSE, _KEPT, "prose")] * body
    if gap:
        texts.append((gap, _DROPPED, "gap"))
    for n in range(cards):
        texts += [(titles[n], _KEPT, "title"), (teaser, _KEPT, "teaser")]
        if filler:
            texts.append((filler, _KEPT, "filler"))
    blocks = [
        _title(i, text, href, title_links, phrase)
        if kind == "title"
        else _headline(i)
        if kind == "headline"
        else make_block(i, text)
        for i, (text, _, kind) in enumerate(texts)
    ]
    options = Options(  # type: ignore[arg-type]
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0, **changes
    )
    probabilities = tuple(p for _, p, _ in texts)
    labelled = label(blocks, probabilities, score(blocks, options), options, declared=declared)
    return [b.label is Label.CONTENT for b in labelled]


@pytest.mark.parametrize(
    ("cards", "filler", "declared"),
    [
        (3, "", ARTICLE),
        (4, "", ARTICLE),
        (3, "Read more »", ARTICLE),
        (4, "November 12", ARTICLE),
        (3, "", ""),
    ],
    ids=["three", "four", "read-more", "dates", "undeclared"],
)
def test_a_rail_of_cards_after_the_body_is_dropped(cards: int, filler: str, declared: str) -> None:
    kept = _labels(cards=cards, filler=filler, declared=declared)
    assert kept[:3] == [True, True, True]
    assert not any(kept[3:])


@pytest.mark.parametrize(
    "changes",
    [
        {"cards": 2},  # fewer than teaser_card_min_cards
        {"href": "#flood-defences"},  # an anchor on this page: a section's own heading
        {"href": ""},  # no link to follow
        {"title_links": 0.5},  # half a link: not a card's title
        {"titles": ("Flood defences", "Library reopens", "Choir wins")},  # 2-word titles: credits, labels
        {"teaser": " ".join([_TEASER] * 6)},  # 90 words: an article's section, not a teaser
        {"gap": ""},  # in the body's own run
        {"body": 1},  # one paragraph of prose: an index page's intro, its cards are its text
        {"headline": False},  # no kept <h1> above: a landing page's sections of cards
        {"declared": SECTIONED},  # only declared articles and pages declaring nothing
        {"declared": PRODUCT},
        {"phrase": "metadata", "declared": ""},  # a comment's linked date over its text: no title
        {"teaser_card_min_cards": 0},  # off
    ],
    ids=[
        "two-cards",
        "anchor",
        "no-href",
        "half-linked",
        "short-titles",
        "long-teaser",
        "same-run",
        "no-body",
        "no-headline",
        "sectioned",
        "product",
        "phrase",
        "off",
    ],
)
def test_what_is_not_a_rail_after_the_body_is_kept(changes: dict[str, object]) -> None:
    kept = _labels(**changes)  # type: ignore[arg-type]
    assert kept[0]
    assert kept[-1]  # the last teaser


def test_rails_are_split_by_a_block_that_is_no_card() -> None:
    title = _title(0, _TITLES[0], "/other", 1.0)
    teaser = make_block(1, _TEASER)
    blocks = [
        dataclasses.replace(b, index=i)
        for i, b in enumerate([title, teaser] * 3 + [make_block(0, _PROSE)] + [title, teaser] * 2)
    ]
    rails = teaser_rails(blocks, list(range(len(blocks))), Options())
    assert rails == [[0, 1, 2, 3, 4, 5]]


@pytest.mark.parametrize(
    "field",
    [
        "teaser_card_min_cards",
        "teaser_card_title_min_words",
        "teaser_card_teaser_words",
        "teaser_card_body_words",
    ],
)
def test_negative_counts_are_refused(field: str) -> None:
    with pytest.raises(OptionsError):
        Options(**{field: -1})  # type: ignore[arg-type]


def test_a_link_density_above_one_is_refused() -> None:
    with pytest.raises(OptionsError):
        Options(teaser_card_link_density=1.5)
