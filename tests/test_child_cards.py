"""Card groups whose links lead below the page's own address are the page's own index."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, extract
from boilerstrip._combine import label
from boilerstrip._model import Link, Markup
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED, THREAD
from boilerstrip._probability import score
from boilerstrip._urls import host_and_path
from chain import chain_in_use

_GRID = "body>main>div"
_PAGE = "https://shop.example/jewelry/earrings"


def _cards(
    count: int, *, href: str = "/jewelry/earrings/hoop-{i}", low: float = 0.3
) -> tuple[list[Block], list[float]]:
    """``count`` cards, each a linked title (``href`` with the card's number) and a price
    line, both scoring ``low``: a menu line and a short line to their own evidence;
    after a kept paragraph above the grid (the page's own text)."""
    intro = make_block(0, "Earrings of sterling silver, made by hand in our own workshop by the sea.")
    blocks: list[Block] = [dataclasses.replace(intro, locator="body>main>p:nth-of-type(1)")]
    probabilities: list[float] = [0.9]
    for i in range(1, count + 1):
        card = f"{_GRID}>article:nth-of-type({i})"
        text = f"Silver hoop earrings {i}"
        title = make_block(len(blocks), text, link_density=1.0, ends_sentence=False)
        markup = Markup(links=(Link(0, len(text), href.format(i=i)),))
        title_at = f"{card}>h3:nth-of-type(1)>a:nth-of-type(1)"
        blocks.append(dataclasses.replace(title, locator=title_at, markup=markup))
        price = make_block(len(blocks), f"Priced at {i} dollars in sterling silver", ends_sentence=False)
        blocks.append(dataclasses.replace(price, locator=f"{card}>p:nth-of-type(1)"))
        probabilities += [low, low]
    return blocks, probabilities


def _labels(
    blocks: list[Block],
    probabilities: list[float],
    declared: str = SECTIONED,
    address: str = _PAGE,
    **changes: object,
) -> list[Label]:
    options = Options(
        weights=(),
        smoothing=(),
        decision="threshold",
        sectioned_decision="",  # the threshold on multi-section pages too
        tail_max_blocks=0,
        card_slot_keep_share=0.0,
        **changes,  # type: ignore[arg-type]
    )
    labelled = label(
        blocks, tuple(probabilities), score(blocks, options), options, declared=declared, address=address
    )
    assert labelled[0].label is Label.CONTENT
    return [b.label for b in labelled[1:]]  # the cards' lines


@pytest.mark.parametrize(
    ("declared", "address", "href"),
    [
        ("", _PAGE, "/jewelry/earrings/hoop-{i}"),
        (SECTIONED, _PAGE, "/jewelry/earrings/hoop-{i}"),
        (SECTIONED, _PAGE + "/", "hoop-{i}"),  # relative to the page's directory
        (SECTIONED, _PAGE, "https://SHOP.example/jewelry/earrings/hoop-{i}?colour=silver"),
    ],
    ids=["undeclared", "sectioned", "relative", "absolute"],
)
def test_cards_linking_below_the_page_are_kept(declared: str, address: str, href: str) -> None:
    blocks, probabilities = _cards(4, href=href)
    assert Label.CONTENT not in _labels(blocks, probabilities, declared, address, child_card_link_share=0.0)
    assert all(kind is Label.CONTENT for kind in _labels(blocks, probabilities, declared, address))


@pytest.mark.parametrize(
    ("page", "declared", "address", "changes"),
    [
        ({}, ARTICLE, _PAGE, {}),  # an article's cards are related-story rails
        ({}, PRODUCT, _PAGE, {}),  # a product page's cards are other products
        ({}, THREAD, _PAGE, {}),  # a thread's posts have their own rule
        ({}, SECTIONED, "", {}),  # no address: nothing to be below
        ({}, SECTIONED, "https://shop.example/", {}),  # a home page: every link is below it
        ({"href": "/blog/story-{i}"}, SECTIONED, _PAGE, {}),  # links elsewhere on the site
        ({"href": "https://other.example/jewelry/earrings/hoop-{i}"}, SECTIONED, _PAGE, {}),  # another site
        ({"href": "/jewelry/earrings-{i}"}, SECTIONED, _PAGE, {}),  # a sibling, not a child
        ({"href": "/jewelry/earrings/?page={i}"}, SECTIONED, _PAGE, {}),  # the page itself
        ({"count": 2}, SECTIONED, _PAGE, {}),  # too few cards
        ({"low": 0.05}, SECTIONED, _PAGE, {}),  # the lines under the floor
        ({}, SECTIONED, _PAGE, {"child_card_link_share": 0.0}),  # the rule off
    ],
    ids=[
        "article", "product", "thread", "no-address", "home-page", "elsewhere", "other-site",
        "sibling", "itself", "few-cards", "floor", "off",
    ],
)  # fmt: skip
def test_the_cards_stay_dropped(
    page: dict[str, Any], declared: str, address: str, changes: dict[str, object]
) -> None:
    blocks, probabilities = _cards(**{"count": 4, **page})
    assert Label.CONTENT not in _labels(blocks, probabilities, declared, address, **changes)


def test_the_share_is_of_the_group_links() -> None:
    # 5 cards, 4 linking below the page: 0.8 of the links, enough for 0.8 and not for 0.9.
    blocks, probabilities = _cards(5)
    elsewhere = dataclasses.replace(blocks[9], markup=Markup(links=(Link(0, 5, "/blog/story"),)))
    blocks[9] = elsewhere
    assert Label.CONTENT in _labels(blocks, probabilities, child_card_link_share=0.8)
    assert Label.CONTENT not in _labels(blocks, probabilities, child_card_link_share=0.9)


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("https://Shop.Example/a/b", None, ("shop.example", "/a/b")),
        ("https://shop.example", None, ("shop.example", "/")),
        ("c/d", "https://shop.example/a/b/", ("shop.example", "/a/b/c/d")),
        ("/c", "https://shop.example/a/b", ("shop.example", "/c")),
        ("http://[::1", None, None),  # an invalid IPv6 host
    ],
)
def test_host_and_path(url: str, base: str | None, expected: tuple[str, str] | None) -> None:
    assert host_and_path(url, base) == expected


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        ('<link rel="canonical" href="https://shop.example/rings">', None, "https://shop.example/rings"),
        ('<link rel="canonical" href="https://shop.example/rings">', "https://x.example/y", "https://shop.example/rings"),
        ("", "https://x.example/y", "https://x.example/y"),
        ("", None, ""),
    ],
    ids=["canonical", "canonical-first", "url", "none"],
)  # fmt: skip
def test_extract_gives_the_decision_the_page_address(
    monkeypatch: pytest.MonkeyPatch, head: str, url: str | None, expected: str
) -> None:
    seen: list[str] = []
    chain = chain_in_use(monkeypatch)
    decide: Callable[..., list[Label]] = chain.decide

    def recording(*args: Any, address: str = "", **kwargs: Any) -> list[Label]:
        seen.append(address)
        return decide(*args, address=address, **kwargs)

    monkeypatch.setattr(chain, "decide", recording)
    body = "<p>A paragraph of the page, long enough to keep.</p>"
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    extract(html, url=url)
    assert seen == [expected]


@pytest.mark.parametrize(
    "changes", [{"child_card_min_cards": -1}, {"child_card_link_share": 1.5}, {"child_card_floor": -0.1}]
)
def test_invalid_values_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options(**changes)  # type: ignore[arg-type]
