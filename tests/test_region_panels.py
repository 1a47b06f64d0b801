"""Accordion panels written as ARIA regions (_region_panels): read where a hidden element is left out."""

from __future__ import annotations

import pytest

from boilerstrip import Options, extract
from boilerstrip._region_panels import is_region_panel
from boilerstrip._streamed import shown_later


@pytest.mark.parametrize(
    ("attrs", "panel"),
    [
        ({"role": "region", "aria-labelledby": "faq-1-button", "hidden": None}, True),
        ({"role": " Region ", "aria-labelledby": "h2"}, True),  # roles are read as the browser reads them
        ({"role": "region", "aria-labelledby": " "}, False),  # a label that names nothing
        ({"role": "region"}, False),  # a landmark without its header
        ({"role": "region", "aria-label": "Cookie banner"}, False),  # labelled by itself, no header
        ({"role": "dialog", "aria-labelledby": "title"}, False),  # a popup
        ({"role": "menu", "aria-labelledby": "menu-button"}, False),
        ({"aria-labelledby": "menu-button"}, False),  # a menu or a modal, as often as a panel
        ({"role": None, "aria-labelledby": "x"}, False),
    ],
)
def test_is_region_panel(attrs: dict[str, str | None], panel: bool) -> None:
    assert is_region_panel(attrs) is panel
    assert shown_later(attrs) is panel  # the walk's panel hook reads it (no other cue here)


SECTION = "The committee reviewed every grant in the spring and published its findings in June. " * 4


def _page(panel: str) -> str:
    menu = "".join(f"<li><a href='/{i}'>Section number {i}</a></li>" for i in range(30))
    return (
        f"<body><header><ul>{menu}</ul></header><main><h1>Annual report</h1>"
        f"<p>{SECTION}</p><button aria-expanded='false' aria-controls='p1' id='b1'>Findings</button>"
        f"{panel}</main><footer><p>Contact us. About. Careers.</p></footer></body>"
    )


@pytest.mark.parametrize(
    "opening",
    [
        "<div role='region' aria-labelledby='b1' id='p1' hidden>",
        "<section role='region' aria-labelledby='b1' id='p1' style='display: none'>",
    ],
)
def test_a_hidden_accordion_panel_is_read(opening: str) -> None:
    html = _page(
        f"{opening}<p>Findings: the grants doubled the number of trained nurses in rural counties.</p>"
        f"<p>{SECTION.replace('committee', 'board')}</p></{opening[1 : opening.index(' ')]}>"
    )
    assert "doubled the number of trained nurses" in extract(html).text
    # The option of the panels read beside it switches it off.
    assert (
        "doubled the number of trained nurses" not in extract(html, options=Options(reveal_panels=False)).text
    )


@pytest.mark.parametrize(
    "opening",
    [
        "<div role='dialog' aria-labelledby='b1' id='p1' hidden>",  # a popup stays hidden
        "<div aria-labelledby='b1' id='p1' hidden>",  # no region role: a menu or a modal as often
        "<div role='region' id='p1' hidden>",  # no header names it
    ],
)
def test_other_hidden_boxes_stay_hidden(opening: str) -> None:
    html = _page(
        f"{opening}<p>Findings: the grants doubled the number of trained nurses in rural counties.</p>"
        f"<p>{SECTION.replace('committee', 'board')}</p></div>"
    )
    assert "doubled the number of trained nurses" not in extract(html).text
