"""Inline svg bodies dropped before the parse (_svg_bodies): which go, and that the output is
the same with them dropped as with them kept."""

from __future__ import annotations

import pytest

from boilerstrip import Options, extract
from boilerstrip._limits import scan
from boilerstrip._svg_bodies import svg_droppable

ICON = (
    "<svg viewBox='0 0 24 24'>\n  <path d='M12 2 L22 22 L2 22 Z'/>\n"
    "  <g fill=red><circle r=4></circle></g>\n</svg>"
)


@pytest.mark.parametrize(
    ("body", "droppable"),
    [
        ("<path d='M0 0'/><g><circle r=1></circle></g>", True),
        ("\n  <path/>\n", True),
        ("", True),
        ("<a href='/x'><use href='#i'/></a>", True),
        ("<text>Sales</text>", False),  # text: a sibling's screen-reader check reads it
        ("x<path/>", False),  # text right after the start tag
        ("<path/>\u00a0", False),  # a no-break space is text, not markup's white space
        ("<title>Chart</title>", False),  # page_info reads the first <title> anywhere
        ("<TITLE></TITLE>", False),
        ("<time datetime='2026-01-01'/>", False),
        ("<script>x()</script>", False),
        ("<style>.a{}</style>", False),
        ("<g class='Price'/>", False),  # the product-grid count reads .price anywhere
        ("<g itemtype='https://schema.org/DiscussionForumPosting'/>", False),
        ("<foreignObject><div/></foreignObject>", False),
        ("<!-- c --><path/>", False),
        ("<![CDATA[x]]>", False),
        ("<path d='a>b'/>", False),  # a ">" in a value: read as text, kept to be safe
        ("< path/>", False),  # a "<" that starts no tag is text
        ("</ g>", False),
    ],
)
def test_svg_droppable(body: str, droppable: bool) -> None:
    page = f"<svg>{body}</svg>"
    assert svg_droppable(page, len("<svg>"), len(page) - len("</svg>")) is droppable


def _recorded(page: str) -> list[str]:
    bodies: list[int] = []
    scan(page, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    return [page[bodies[at] : bodies[at + 1]] for at in range(0, len(bodies), 2)]


@pytest.mark.parametrize(
    ("page", "recorded"),
    [
        (f"<p>a</p>{ICON}<p>b</p>", [ICON[ICON.index(">") + 1 : -len("</svg>")]]),
        ("<svg/><p>x</p>", []),  # closes itself: no body
        ("<svg><g></svg>", []),  # its end tag closes an open <g> too: kept
        ("<svg><p>x</p></svg>", []),  # <p> leaves the svg for HTML
        ("<math><svg><path/></svg></math>", []),  # opened inside math
        ("<svg><svg><path/></svg></svg>", ["<svg><path/></svg>"]),  # the outer one's body
        ("<b><svg><i></i></svg></b>", []),
        # An <svg .../> in HTML closes itself: what follows up to a stray </svg> is HTML, no body.
        ('<button><svg width="1"/><path d="1"/></svg></button>', []),
        ('<button><svg a="x" b"/><path d="1"/></svg></button>', []),  # a name may hold a quote
        ("<svg fill=red/><path/></svg>", []),  # the value is "red/", the svg open: kept all the same
    ],
)
def test_scan_records_svg_bodies(page: str, recorded: list[str]) -> None:
    assert _recorded(page) == recorded


_PROSE = "The harbour ferry now runs every hour, and the fishing boats land their catch at dawn. " * 4
_SCRIPT = "<script>" + "var x = 1;\n" * 7_000 + "</script>"  # enough raw text that the bodies go
_PAGES = {
    "icons": f"<html><head><title>Harbour</title>{_SCRIPT}</head><body><nav>{ICON}<a href=/>Home</a></nav>"
    f"<article><h1>Harbour news</h1><p>{_PROSE}</p>{ICON}<p>{_PROSE}</p></article></body></html>",
    "titled icon and no head title": f"<html><head>{_SCRIPT}</head><body>"
    f"<svg><title>Logo</title><path/></svg><p>{_PROSE}</p></body></html>",
    "screen-reader text beside an icon": f"<html><head>{_SCRIPT}</head><body><p>{_PROSE}</p>"
    f"<button><span class='sr-only'>Close</span>{ICON}</button></body></html>",
    "chart with labels": f"<html><head>{_SCRIPT}</head><body><p>{_PROSE}</p>"
    "<svg><text x=1>Sales</text><path/></svg></body></html>",
    # An <svg .../> closes itself, and a stray </svg> follows HTML elements (benchmarks/fuzz.py,
    # seed 227090: they went with the bodies, and the blocks' composite density moved).
    "self-closed svg": f"<html><head>{_SCRIPT}</head><body><div><p>{_PROSE}</p><button><svg width='20'/>"
    f"<path d='1'/><path d='2'/></svg></button></div><div><p>{_PROSE}</p></div></body></html>",
    "self-closed svg, a name holding a quote": f"<html><head>{_SCRIPT}</head><body><div><p>{_PROSE}</p>"
    '<button><svg aria-hidden="x" stroke"/><path d="1"/><g><g></g></g></svg></button></div></body></html>',
}


@pytest.mark.parametrize("name", sorted(_PAGES))
def test_output_is_the_same_with_svg_bodies_dropped(name: str) -> None:
    page = _PAGES[name]
    assert extract(page) == extract(page, options=Options(drop_raw_text_min_chars=None))  # all of it


def test_an_icons_body_goes_with_the_scripts() -> None:
    recorded = _recorded(_PAGES["icons"])
    assert recorded.count(ICON[ICON.index(">") + 1 : -len("</svg>")]) == 2
