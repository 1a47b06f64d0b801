"""A grid's buttons and switches, kept with its cards, are dropped as chrome."""

from __future__ import annotations

import random
import subprocess
import sys

import pytest
import regex

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, extract
from boilerstrip._combine import label
from boilerstrip._controls import _STRIP, CONTROLS, is_control
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


def _plain_is_control(text: str) -> bool:
    """is_control as it was written first: the rows' case-insensitive alternation tried on
    every text."""
    pattern = regex.compile("|".join(f"(?:{p})" for _, _, p in CONTROLS), regex.IGNORECASE)
    return pattern.fullmatch(" ".join(text.split()).strip(_STRIP)) is not None


# Words of the rows and their near misses, in other cases and scripts: "ſ" and "K" (the
# Kelvin sign) fold to ASCII letters, "İ" lowers to two characters, "١٢" are digits.
_CONTROL_WORDS = (
    "add", "added", "to", "cart", "BAG", "wish list", "wishlist", "Favorites", "compare", "buy", "it", "now",
    "shop", "in den", "Warenkorb", "ajouter au panier", "añadir", "AL CARRITO", "koszyka", "quick", "view",
    "select", "options", "sort", "ſort", "by", "order", "price", "filter", "filters", "clear", "all",
    "loading", "...", "…", "lädt", "show", "more", "voir", "plus", "ver", "más", "grid", "list", "as",
    "per", "page", "24", "١٢", "items", "İtems", "Kompare", "Sortieren", "nach", "x", "",
)  # fmt: skip


def _control_texts(seed: int) -> list[str]:
    rnd = random.Random(seed)
    texts = []
    for _ in range(400):
        words = [rnd.choice(_CONTROL_WORDS) for _ in range(rnd.randint(0, 5))]
        text = rnd.choice([" ", "  ", "\n", "-"]).join(words)
        # Starts the split and the strip remove (ASCII spaces, punctuation), or not ("(", a
        # space that is not ASCII: no first-character test rules it out).
        start = rnd.choice(["", " ", "+ ", "» ", "...", "\t", "\x1f", "(", "\xa0", "\n- "])
        texts.append(start + text + rnd.choice(["", ":", "!", " ›", "\t"]))
    return texts


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_is_control_is_the_plain_fullmatch(seed: int) -> None:
    texts = _control_texts(seed)
    answers = [is_control(text) for text in texts]
    assert answers == [_plain_is_control(text) for text in texts]
    assert True in answers and False in answers


def test_the_table_is_made_on_first_use() -> None:
    """Importing boilerstrip reads no control pattern (the sieve's reading of the patterns
    would cost every import)."""
    code = "import boilerstrip, boilerstrip._controls as c; print(c._table.cache_info().currsize)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "0"
