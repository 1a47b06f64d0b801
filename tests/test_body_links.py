"""Linked lines in an article's body: short kept paragraphs that are all link."""

from __future__ import annotations

import pytest

from blocks import make_block
from boilerstrip import Label, Options, OptionsError, Role
from boilerstrip._combine import label
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED, THREAD
from boilerstrip._probability import score

_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods."
)  # 32 words
_HEADING = "What the work will cost"
_LINK = "How the ring road changed the town"  # 7 words
_KEPT = 0.9


def _kept(
    *,
    lines: tuple[str, ...] = (_LINK, _LINK),
    links: float = 1.0,
    role: Role = Role.PARAGRAPH,
    place: str = "inside",
    declared: str = ARTICLE,
    **changes: object,
) -> list[bool]:
    """Kept flags of the body: prose, a heading, the ``lines``, prose again (``place``
    "inside"), or the lines after the last prose paragraph ("after")."""
    line_blocks = [(line, role, links) for line in lines]
    body = [(_PROSE, Role.PARAGRAPH, 0.0), (_HEADING, Role.HEADING, 0.0)]
    if place == "inside":
        texts = [*body, *line_blocks, (_PROSE, Role.PARAGRAPH, 0.0)]
    else:
        texts = [(_PROSE, Role.PARAGRAPH, 0.0), *body, *line_blocks]
    blocks = [make_block(i, text, role=r, link_density=ld) for i, (text, r, ld) in enumerate(texts)]
    options = Options(  # type: ignore[arg-type]
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0, **changes
    )
    probabilities = (_KEPT,) * len(blocks)
    labelled = label(blocks, probabilities, score(blocks, options), options, declared=declared)
    return [b.label is Label.CONTENT for b in labelled]


@pytest.mark.parametrize("declared", [ARTICLE, SECTIONED])
@pytest.mark.parametrize(
    "lines",
    [(_LINK,), (_LINK, _LINK), (_LINK, _LINK, _LINK)],
    ids=["one-after-a-heading", "two-in-a-row", "three-in-a-row"],
)
def test_linked_lines_inside_the_body_are_dropped(lines: tuple[str, ...], declared: str) -> None:
    kept = _kept(lines=lines, declared=declared)
    assert kept[:2] == [True, True]  # the prose and the heading
    assert not any(kept[2:-1])  # the linked lines
    assert kept[-1]


@pytest.mark.parametrize(
    "changes",
    [
        {"links": 0.8},  # partly plain text: a sentence with a link in it
        {"lines": ("See how the new ring road changed traffic in the old town",)},  # 12 words
        {"role": Role.LIST_ITEM},  # a related-reading list or a table of contents
        {"place": "after"},  # after the last prose paragraph: the tail rules' business
        {"declared": ""},  # only declared articles and multi-section pages
        {"declared": THREAD},
        {"declared": PRODUCT},
        {"body_link_max_words": 0},  # off
        {"body_link_density": 1.0, "links": 0.95},
    ],
    ids=[
        "few-links",
        "long",
        "list-items",
        "after-body",
        "undeclared",
        "thread",
        "product",
        "off",
        "density",
    ],
)
def test_what_is_not_a_linked_line_in_the_body_is_kept(changes: dict[str, object]) -> None:
    assert all(_kept(**changes))  # type: ignore[arg-type]


@pytest.mark.parametrize(("field", "value"), [("body_link_max_words", -1), ("body_link_density", 1.5)])
def test_out_of_range_limits_are_refused(field: str, value: float) -> None:
    with pytest.raises(OptionsError):
        Options(**{field: value})  # type: ignore[arg-type]
