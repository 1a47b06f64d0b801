"""An undeclared article's dateline: the short dated line between its headline and body."""

from __future__ import annotations

import dataclasses

import pytest

from blocks import make_block
from boilerstrip import Label, Options, OptionsError, Role
from boilerstrip._combine import label
from boilerstrip._dates import holds_date
from boilerstrip._page_type import ARTICLE
from boilerstrip._probability import score

_HEADLINE = "Council agrees to rebuild the old bridge"
_DATELINE = "by Jane Smith on July 21, 2012"  # 7 words
_PROSE = (
    "The council met on Tuesday and agreed to rebuild the old stone bridge over the river "
    "before the winter, after engineers found that two of its arches had cracked in the floods."
)  # 32 words


def _labels(
    *,
    line: str = _DATELINE,
    locator: str = "body>div:nth-of-type(1)>p:nth-of-type(1)",
    headline_p: float = 0.9,
    level: int = 1,
    other_h1: bool = False,
    place: str = "between",
    declared: str = "",
    **changes: object,
) -> list[Label]:
    """Labels of a headline of ``level``, the dateline ``line`` and a prose paragraph
    (``place`` "between"), or of the headline, the prose and the line ("after"); with
    ``other_h1``, a dropped <h1> (the site's name) ends the page."""
    headline = dataclasses.replace(make_block(0, _HEADLINE, role=Role.HEADING), heading_level=level)
    dated = dataclasses.replace(make_block(1, line), locator=locator)
    prose = make_block(2, _PROSE)
    blocks = [headline, dated, prose] if place == "between" else [headline, prose, dated]
    probabilities = [headline_p, 0.1, 0.9] if place == "between" else [headline_p, 0.9, 0.1]
    if other_h1:
        site = make_block(3, "The Town Gazette", role=Role.HEADING)
        blocks.append(dataclasses.replace(site, heading_level=1))
        probabilities.append(0.1)
    blocks = [dataclasses.replace(b, index=i) for i, b in enumerate(blocks)]
    options = Options(  # type: ignore[arg-type]
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0, **changes
    )
    return [b.label for b in label(blocks, probabilities, score(blocks, options), options, declared=declared)]


@pytest.mark.parametrize(
    "line",
    [_DATELINE, "Nov. 6, 2012", "Thu Dec 27, 2007 7:00am EST", "STAN COLLYMORE 31/12/2007", "5 Nov 2012"],
)
def test_a_dateline_between_the_headline_and_the_body_is_kept(line: str) -> None:
    assert _labels(line=line) == [Label.CONTENT] * 3


def test_on_a_page_without_an_h1_the_first_kept_heading_is_the_headline() -> None:
    assert _labels(level=2) == [Label.CONTENT] * 3


@pytest.mark.parametrize(
    "changes",
    [
        {"declared": ARTICLE},  # a declared article's truths drop the dateline
        {"line": "by Jane Smith, Globe Staff | July 21, 2012"},  # 8 words: a byline with a title
        {"line": "by Jane Smith, Staff Writer"},  # no date
        {"locator": "body>article:nth-of-type(1)>header:nth-of-type(1)>p:nth-of-type(1)"},
        {"locator": "body>div:nth-of-type(1)>dl:nth-of-type(1)>dd:nth-of-type(1)"},  # a field
        {"headline_p": 0.1},  # no kept headline
        {"level": 2, "other_h1": True},  # the page has an <h1>: an <h2> is not its headline
        {"place": "after"},  # after the body: the tail rules' business
        {"dateline_max_words": 0},  # off
    ],
    ids=[
        "declared",
        "long",
        "no-date",
        "in-header",
        "term-value",
        "no-headline",
        "h2-beside-an-h1",
        "after-body",
        "off",
    ],
)
def test_what_is_not_a_dateline_stays_dropped(changes: dict[str, object]) -> None:
    labels = _labels(**changes)  # type: ignore[arg-type]
    dated = 2 if changes.get("place") == "after" else 1
    assert labels[dated] is not Label.CONTENT


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("Posted January 1, 2008 16:10:00", True),
        ("November 12th, 2012 by Linda", True),
        ("Fri, 6 Mar 2026", True),
        ("Updated 2012-07-23", True),
        ("12.12.2025", True),
        ("06/02/05 12:49", True),
        ("May the best team win in 2012", False),
        ("Page 3 of 12", False),
        ("Call 555 1234", False),
    ],
)
def test_holds_date(text: str, dated: bool) -> None:
    assert holds_date(text) is dated


def test_a_negative_limit_is_refused() -> None:
    with pytest.raises(OptionsError):
        Options(dateline_max_words=-1)
