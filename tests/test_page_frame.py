"""The page's frame: kept blocks inside a <footer> or <nav> outside <article>/<main> are dropped."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Label, Options
from boilerstrip._combine import label
from boilerstrip._page_frame import in_page_frame
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED
from boilerstrip._probability import score

_POLICY = "Returns are accepted within thirty days of delivery, provided the item is unused and in its box."


@pytest.mark.parametrize(
    ("locator", "expected"),
    [
        ("body>footer:nth-of-type(1)>div:nth-of-type(2)>p:nth-of-type(1)", True),
        ("body>div:nth-of-type(5)>footer:nth-of-type(1)>p:nth-of-type(3)", True),
        ("body>main:nth-of-type(1)>footer:nth-of-type(1)>p:nth-of-type(1)", False),
        ("body>div:nth-of-type(1)>article:nth-of-type(1)>footer:nth-of-type(1)>p:nth-of-type(1)", False),
        ("body>div:nth-of-type(1)>p:nth-of-type(1)", False),
        ("body>div:nth-of-type(1)>footers:nth-of-type(1)>p:nth-of-type(1)", False),  # not the tag
        ("body>nav:nth-of-type(1)>ul:nth-of-type(1)>li:nth-of-type(2)", True),
        ("body>main:nth-of-type(1)>nav:nth-of-type(1)>p:nth-of-type(1)", False),
        ("body>div:nth-of-type(1)>navbar:nth-of-type(1)>p:nth-of-type(1)", False),
    ],
)
def test_in_page_frame(locator: str, expected: bool) -> None:
    assert in_page_frame(locator) is expected


def _labels(locator: str, declared: str, **changes: object) -> list[Label]:
    body = make_block(0, "An opening paragraph of the page's own text, long enough to be kept.")
    body = dataclasses.replace(body, locator="body>div:nth-of-type(1)>p:nth-of-type(1)")
    # A policy in a box named as a modal inside the footer: its container names the box.
    policy = dataclasses.replace(make_block(1, _POLICY, container="promo"), locator=locator)
    options = Options(weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, **changes)  # type: ignore[arg-type]
    blocks = [body, policy]
    return [b.label for b in label(blocks, (0.9, 0.9), score(blocks, options), options, declared=declared)]


@pytest.mark.parametrize("declared", ["", SECTIONED, PRODUCT, ARTICLE])
@pytest.mark.parametrize("frame", ["footer", "nav"])
def test_a_kept_block_of_the_page_frame_takes_its_own_label(declared: str, frame: str) -> None:
    locator = f"body>{frame}:nth-of-type(1)>div:nth-of-type(1)>p:nth-of-type(1)"
    assert _labels(locator, declared) == [Label.CONTENT, Label.PROMO]


def test_an_article_footer_is_left_alone() -> None:
    locator = "body>article:nth-of-type(1)>footer:nth-of-type(1)>p:nth-of-type(1)"
    assert _labels(locator, "") == [Label.CONTENT, Label.CONTENT]


def test_off() -> None:
    locator = "body>footer:nth-of-type(1)>p:nth-of-type(1)"
    assert _labels(locator, "", page_frame_drop=False) == [Label.CONTENT, Label.CONTENT]
