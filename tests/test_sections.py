"""Prose under a kept section heading, on pages declared multi-section (_sections)."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role
from boilerstrip._combine import label
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED, THREAD
from boilerstrip._probability import score

_KEPT = "We treat homes and offices for ants, spiders and termites, with a visit the same day you call."
_DROPPED = "Our office in the valley is open on weekdays, and our technicians know the pests of every street."


def _section(
    *, level: int = 2, heading_p: float = 0.9, prose_p: float = 0.3, text: str = _DROPPED, **features: object
) -> tuple[list[Block], list[float]]:
    """A section heading, a kept paragraph, and a paragraph that scores under the threshold."""
    heading = dataclasses.replace(
        make_block(0, "Pest control near you", role=Role.HEADING), heading_level=level
    )
    blocks = [heading, make_block(1, _KEPT), make_block(2, text, **features)]
    return blocks, [heading_p, 0.9, prose_p]


def _labels(blocks: list[Block], probabilities: list[float], declared: str, **changes: object) -> list[Label]:
    options = Options(
        weights=(),
        smoothing=(),
        decision="threshold",
        sectioned_decision="threshold",
        **changes,  # type: ignore[arg-type]
    )
    labelled = label(blocks, tuple(probabilities), score(blocks, options), options, declared=declared)
    return [b.label for b in labelled]


def test_the_prose_of_a_kept_section_is_kept() -> None:
    blocks, probabilities = _section()
    assert _labels(blocks, probabilities, SECTIONED) == [Label.CONTENT] * 3


@pytest.mark.parametrize("declared", ["", ARTICLE, PRODUCT, THREAD])
def test_only_on_multi_section_pages(declared: str) -> None:
    blocks, probabilities = _section()
    assert _labels(blocks, probabilities, declared)[2] is not Label.CONTENT


@pytest.mark.parametrize(
    ("section", "changes"),
    [
        ({"level": 1}, {}),  # the page's headline heads no section
        ({"heading_p": 0.1}, {}),  # the heading itself is dropped
        ({"prose_p": 0.1}, {}),  # under the floor
        ({"container": "promo"}, {}),  # a box named as chrome
        ({"phrase": "promo"}, {}),  # a boilerplate phrase
        ({"link_density": 0.5}, {}),  # links, not prose
        ({"stopword_density": 0.0}, {}),  # filler, not prose
        ({"text": "Call us today for a quote."}, {}),  # too short
        ({"text": _KEPT}, {}),  # a second rendering of kept text
        ({}, {"section_prose_min_words": 0}),  # the rule off
    ],
    ids=["h1", "heading-dropped", "floor", "chrome-box", "phrase", "links", "filler", "short", "copy", "off"],
)
def test_the_paragraph_stays_dropped(section: dict[str, object], changes: dict[str, object]) -> None:
    blocks, probabilities = _section(**section)  # type: ignore[arg-type]
    assert _labels(blocks, probabilities, SECTIONED, **changes)[2] is not Label.CONTENT


@pytest.mark.parametrize(
    "field", ["section_prose_floor", "section_prose_max_link_density", "section_prose_min_stopwords"]
)
def test_shares_are_validated(field: str) -> None:
    with pytest.raises(ValueError):
        Options(**{field: 1.5})  # type: ignore[arg-type]
