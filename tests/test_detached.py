"""Detached boxes: short kept runs after an article's body, set apart from it by dropped text."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role
from boilerstrip._combine import label
from boilerstrip._detached import kept_runs
from boilerstrip._page_type import ARTICLE, PRODUCT
from boilerstrip._probability import score

_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods."
)  # 32 words
_RAIL = "Most read this week on the site"  # dropped between the body and the box
_BOX = "Sign up for our weekly letter and get the valley's news in your inbox."  # 14 words
_KEPT, _DROPPED = 0.9, 0.1


def _labels(
    *,
    box: tuple[str, ...] = (_BOX,),
    box_in_region: bool = False,
    box_links: float = 0.0,
    gap: str = _RAIL,
    boxes: int = 1,
    declared: str = ARTICLE,
    title: bool = False,
    **changes: object,
) -> list[bool]:
    """Kept flags of: body prose, then ``boxes`` times (a dropped ``gap`` line, the box's
    lines, the first of them an ``<h1>`` with ``title``)."""
    texts: list[tuple[str, float, bool, Role]] = [(_PROSE, _KEPT, True, Role.PARAGRAPH)] * 2
    for _ in range(boxes):
        texts.append((gap, _DROPPED, False, Role.PARAGRAPH))
        texts += [(line, _KEPT, box_in_region, Role.PARAGRAPH) for line in box]
    blocks = [
        make_block(i, text, role=role, in_main_region=region, link_density=box_links if i > 1 else 0.0)
        for i, (text, _, region, role) in enumerate(texts)
    ]
    if title:
        blocks[3] = dataclasses.replace(blocks[3], role=Role.HEADING, heading_level=1)
    options = Options(  # type: ignore[arg-type]
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0, **changes
    )
    probabilities = tuple(p for _, p, _, _ in texts)
    labelled = label(blocks, probabilities, score(blocks, options), options, declared=declared)
    return [b.label is Label.CONTENT for b in labelled]


@pytest.mark.parametrize(
    ("box", "boxes"),
    [((_BOX,), 1), (("Stay in the loop", _BOX), 1), ((_BOX,), 2)],
    ids=["one-line", "heading-and-line", "two-boxes"],
)
def test_short_boxes_after_the_body_are_dropped(box: tuple[str, ...], boxes: int) -> None:
    kept = _labels(box=box, boxes=boxes)
    assert kept[:2] == [True, True]
    assert not any(kept[2:])


@pytest.mark.parametrize("links", [0.5, 1.0])
def test_lists_of_links_after_the_body_are_dropped_in_the_region_too(links: float) -> None:
    kept = _labels(box=(_BOX,) * 3, box_in_region=True, box_links=links)  # 42 words of links
    assert kept == [True, True, False, False, False, False]


@pytest.mark.parametrize(
    "changes",
    [
        {"box_in_region": True},  # in the main region: a closing section of the article
        {"box": (_PROSE,)},  # a paragraph of prose: a closing section too
        {"box": (_BOX,) * 5},  # 70 words: more than detached_max_words
        {"box": (_BOX,) * 3, "box_in_region": True, "box_links": 0.4},  # in the region, few links
        {"box": (_BOX,) * 3, "box_in_region": True, "box_links": 1.0, "detached_link_density": 0.0},
        {"boxes": 3},  # more runs after the body than detached_max_runs: a listing's cards
        {"gap": ""},  # nothing dropped between: the body's own last lines
        {"declared": ""},  # only declared articles and products
        {"declared": PRODUCT, "detached_products": False},
        {"detached_max_words": 0},  # off
    ],
    ids=[
        "in-region",
        "prose",
        "long",
        "few-links",
        "links-off",
        "many-runs",
        "no-gap",
        "undeclared",
        "product-off",
        "off",
    ],
)
def test_what_is_not_a_detached_box_is_kept(changes: dict[str, object]) -> None:
    kept = _labels(**changes)  # type: ignore[arg-type]
    assert kept[:2] == [True, True]
    assert any(kept[2:])


@pytest.mark.parametrize(
    ("box", "title", "dropped"),
    [
        ((_BOX,), False, True),  # a delivery note or a brand's blurb below the product
        (("Recently viewed", "Trail Runner 1"), False, True),
        (("Trail Runner 2", _BOX), True, False),  # the product's <h1>, set apart by a dropped price
        (("Size:", "One size"), False, False),  # a line of the product's facts
        (("Material: recycled polyester",), False, False),
        (("Order today and we ship it within two days: free",), False, True),  # no short label
    ],
    ids=["blurb", "recently-viewed", "title", "size-label", "material", "long-label"],
)
def test_detached_boxes_on_product_pages(box: tuple[str, ...], title: bool, dropped: bool) -> None:
    kept = _labels(box=box, title=title, declared=PRODUCT)
    assert kept[:2] == [True, True]
    assert not any(kept[2:]) if dropped else all(kept[3:])


@pytest.mark.parametrize(
    ("labels", "runs"),
    [
        ("ccdcc", [[0, 1], [3, 4]]),
        ("cec", [[0, 2]]),  # an empty dropped block divides nothing
        ("cedc", [[0], [3]]),
        ("dccd", [[1, 2]]),
        ("ddd", []),
    ],
)
def test_kept_runs_are_split_by_dropped_text(labels: str, runs: list[list[int]]) -> None:
    blocks: list[Block] = [
        make_block(i, "" if kind == "e" else "Some words here.", words=0 if kind == "e" else 3)
        for i, kind in enumerate(labels)
    ]
    kinds = [Label.CONTENT if kind == "c" else Label.SIDEBAR for kind in labels]
    assert kept_runs(blocks, kinds) == runs


@pytest.mark.parametrize(
    ("field", "value"),
    [("detached_max_words", -1), ("detached_max_runs", 0), ("detached_link_density", 1.5)],
)
def test_out_of_range_limits_are_refused(field: str, value: float) -> None:
    with pytest.raises(OptionsError):
        Options(**{field: value})  # type: ignore[arg-type]
