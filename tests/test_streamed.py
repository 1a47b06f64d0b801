"""React's streamed segments (_streamed): read where a hidden element is left out."""

from __future__ import annotations

import pytest

from boilerstrip import Options, extract
from boilerstrip._streamed import is_streamed_segment


@pytest.mark.parametrize(
    ("attrs", "streamed"),
    [
        ({"hidden": None, "id": "S:0"}, True),
        ({"hidden": "", "id": "S:1f"}, True),  # React numbers its segments in base 32
        ({"hidden": None, "id": "S:0", "class": "x"}, True),
        ({"id": "S:0"}, False),  # not hidden: nothing to reveal
        ({"hidden": None, "id": "P:0"}, False),  # a postponed hole
        ({"hidden": None, "id": "B:0"}, False),  # a boundary's placeholder
        ({"hidden": None, "id": "xS:0"}, False),
        ({"hidden": None, "id": "S:"}, False),
        ({"hidden": None, "id": "S:0 menu"}, False),
        ({"hidden": None}, False),
        ({"hidden": None, "id": None}, False),
    ],
)
def test_is_streamed_segment(attrs: dict[str, str | None], streamed: bool) -> None:
    assert is_streamed_segment(attrs) is streamed


def _page(body: str) -> str:
    # React's streaming render: the shell (menu, footer) is visible, the body comes after it
    # in a hidden segment that an inline script moves into its <template> and shows.
    menu = "".join(f"<li><a href='/{i}'>Section number {i}</a></li>" for i in range(40))
    return (
        f"<body><header><ul>{menu}</ul></header><main><template id='B:0'></template></main>"
        f"<footer><p>Contact us. About. Careers.</p></footer>{body}"
        "<script>$RC('B:0','S:0')</script></body>"
    )


STORY = "The database grew tenfold in a year, and the team rewrote its storage engine. " * 4


def test_a_streamed_body_is_read_on_a_page_with_a_visible_shell() -> None:
    html = _page(f"<div hidden id='S:0'><h1>How we scaled</h1><p>{STORY}</p><p>{STORY}</p></div>")
    assert "rewrote its storage engine" in extract(html).text
    # The option of the panels read beside them switches it off.
    assert "rewrote its storage engine" not in extract(html, options=Options(reveal_panels=False)).text


@pytest.mark.parametrize(
    "hidden",
    [
        "<div hidden class='modal'>",  # a hidden popup stays hidden
        "<div hidden id='P:0'>",
        "<div id='S:0' style='display:none'>",  # React writes its segments with `hidden`
    ],
)
def test_other_hidden_boxes_stay_hidden(hidden: str) -> None:
    html = _page(f"{hidden}<h1>How we scaled</h1><p>{STORY}</p><p>{STORY}</p></div>")
    assert "rewrote its storage engine" not in extract(html).text
