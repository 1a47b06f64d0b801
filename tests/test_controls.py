"""A grid's buttons and switches, kept with its cards, are dropped as chrome."""

from __future__ import annotations

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, extract
from boilerstrip._combine import label
from boilerstrip._controls import is_control
from boilerstrip._page_type import ARTICLE, SECTIONED
from boilerstrip._probability import score

_TEASER = "A short account of what the product is, long enough to be read as its description."


def _labels(texts: list[str], declared: str = SECTIONED, **changes: object) -> list[Label]:
    """Every block at probability 0.9 (all kept by the decision), then the rules."""
    blocks: list[Block] = [make_block(i, text) for i, text in enumerate(texts)]
    options = Options(weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, **changes)  # type: ignore[arg-type]
    labelled = label(blocks, (0.9,) * len(blocks), score(blocks, options), options, declared=declared)
    return [b.label for b in labelled]


@pytest.mark.parametrize(
    "text",
    [
        "Add to cart",
        "  ADD TO BAG ",
        "Add to Wishlist!",
        "Buy now",
        "Compare",
        "Compare:",
        "Quick view",
        "Choose options",
        "Sort by:",
        "Sort by price ascending",
        "Filters",
        "Clear all",
        "Loading...",
        "Show more",
        "+ More",
        "24 per page",
        "In den Warenkorb",
        "Ajouter au panier",
        "Trier par",
    ],
)
def test_a_kept_control_is_dropped(text: str) -> None:
    labels = _labels([_TEASER, text, _TEASER])
    assert labels[0] is Label.CONTENT and labels[2] is Label.CONTENT
    assert labels[1] is not Label.CONTENT


@pytest.mark.parametrize(
    "text",
    [
        "Sold out",  # stock notices: the truth keeps them on some shops
        "Save",
        "Compare prices before you buy a new phone this winter.",  # prose that starts like one
        "Add to cart: the button that changed shopping",  # a title
        "Filter coffee",
        "More than a shop",
    ],
)
def test_other_short_lines_stay(text: str) -> None:
    assert not is_control(text)
    assert _labels([_TEASER, text, _TEASER])[1] is Label.CONTENT


@pytest.mark.parametrize("declared", ["", ARTICLE, SECTIONED])
def test_every_page_type(declared: str) -> None:
    assert _labels([_TEASER, "Add to cart"], declared)[1] is not Label.CONTENT


def test_the_length_limit_and_the_switch() -> None:
    assert _labels([_TEASER, "Add to cart"], control_max_chars=10)[1] is Label.CONTENT  # 11 characters
    assert _labels([_TEASER, "Add to cart"], control_max_chars=11)[1] is not Label.CONTENT
    assert _labels([_TEASER, "Add to cart"], control_max_chars=0)[1] is Label.CONTENT


def test_invalid_values_are_refused() -> None:
    with pytest.raises(OptionsError):
        Options(control_max_chars=-1)


def _shop_grid(button: str) -> str:
    """A hand-made collection page: ten product cards, each a linked title, a description
    and ``button``."""
    cards = "".join(
        f'<li class="product-card"><h3><a href="/p/{i}">Walnut side table model {i}</a></h3>'
        "<p>A small side table of oiled walnut with a drawer and a shelf, finished by hand"
        f" in our workshop, number {i}.</p><button>{button}</button></li>"
        for i in range(1, 11)
    )
    return (
        '<html><head><title>Side tables</title><script type="application/ld+json">'
        '{"@type": "CollectionPage"}</script></head><body><main><h1>Side tables</h1>'
        f'<ul class="grid">{cards}</ul></main></body></html>'
    )


@pytest.mark.parametrize(("button", "kept"), [("Add to cart", False), ("Made to order", True)])
def test_a_grids_buttons_leave_the_text(button: str, kept: bool) -> None:
    html = _shop_grid(button)
    assert extract(html, options=Options(control_max_chars=0)).text.count(button) == 10  # kept before
    text = extract(html).text
    assert text.count("Walnut side table model") == 10
    assert text.count(button) == (10 if kept else 0)
