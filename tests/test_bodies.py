"""The raw text of scripts and style sheets is dropped before the parse (_bodies.without_bodies):
only where the parser would end it at its end tag, never JSON, never in svg or math, never on a
frameset page, and the result of extract() is the same as with every body kept."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from boilerstrip import Options, _bodies, _limits, extract
from boilerstrip._input import prepare_input
from boilerstrip._parse import Utf8, Utf8Page

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))[:8]


MINIMUM = Options().drop_raw_text_min_chars or 0


def _dropped(text: str, min_chars: int | None = 0) -> str:
    """What without_bodies gives for ``text``, as text."""
    bodies: list[int] = []
    _limits.scan(text, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    result = _bodies.without_bodies(text, bodies, min_chars)
    return result.data.decode("utf-8") if isinstance(result, Utf8) else result


# (markup, what is left of it) with no minimum to drop.
CASES = {
    "script": ("<p>a</p><script>var x = '<b>';</script><p>b", "<p>a</p><script></script><p>b"),
    "style": ("<style>p { color: red }</style ><p>x", "<style></style ><p>x"),
    "upper case": ("<SCRIPT src=x>f()</ScRiPt\n>y", "<SCRIPT src=x></ScRiPt\n>y"),
    "wide text": (
        "<p>\u4e2d</p><script>\u00e9</script>\U0001f600",
        "<p>\u4e2d</p><script></script>\U0001f600",
    ),
    "json-ld kept": ('<script type="application/ld+json">{"a": 1}</script>',) * 2,
    "any json kept": ("<script type=APPLICATION/JSON>[1]</script>",) * 2,
    "comment in a script kept": ("<script><!-- <script>x</script> --></script><p>y",) * 2,
    "svg style kept": ("<svg><style>.a { }</style><script>x</script></svg><p>y",) * 2,
    "frameset page kept": ("<frameset><script>x</script></frameset>",) * 2,
    "unclosed script kept": ("<p>x<script>var a = 1;",) * 2,
    "script in a comment kept": ("<!-- <script>x</script> --><p>y",) * 2,
    "script in an attribute kept": ('<div title="<script>x</script>">y</div>',) * 2,
    "textarea and title kept": ("<title>a</title><textarea>b</textarea>",) * 2,
    # A select inserts what it holds (the parser reads it as a customizable select).
    "script in a select": ("<select><script>x</script></select>", "<select><script></script></select>"),
    "style in a select": ("<select><style>p{}</style></select>", "<select><style></style></select>"),
    "script in a select's title kept": ("<select><title><script>x</script></title></select><p>y",) * 2,
    "script in a select's textarea kept": ("<select><textarea><script>x</script></textarea></select>",) * 2,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_what_is_dropped(name: str) -> None:
    markup, left = CASES[name]
    assert _dropped(markup) == left


@pytest.mark.parametrize(("size", "min_chars"), [(10, MINIMUM), (MINIMUM - 1, MINIMUM), (10**6, None)])
def test_below_the_minimum_the_text_is_given_back(size: int, min_chars: int | None) -> None:
    text = "<p>x</p><script>" + "a" * size + "</script>"
    bodies: list[int] = []
    _limits.scan(text, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    assert _bodies.without_bodies(text, bodies, min_chars) is text


@pytest.mark.parametrize("size", [MINIMUM, 3 * MINIMUM])
def test_from_the_minimum_the_bodies_go(size: int) -> None:
    text = "<p>x</p><script>" + "a" * size + "</script>"
    assert _dropped(text, MINIMUM) == "<p>x</p><script></script>"


def test_a_lone_surrogate_gives_text() -> None:
    """UTF-8 cannot hold it: the text is given as a str, which the parser encodes itself."""
    text = "<p>a\ud800</p><script>x</script>"
    bodies: list[int] = []
    _limits.scan(text, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    assert _bodies.without_bodies(text, bodies, 0) == "<p>a\ud800</p><script></script>"


def _script_heavy(name: str) -> str:
    """A fixture page with a big script and a big style sheet in its head and body."""
    html = (FIXTURES / name).read_text(encoding="utf-8")
    script = "<script>var data = " + "[1, '<div>x</div>', 2], " * 4_000 + "0;</script>"
    style = "<style>" + ".a > .b { margin: 0 } " * 2_000 + "</style>"
    head = html.lower().find("</head>")
    body = html.lower().rfind("</body>")
    if head < 0 or body < head:
        return script + style + html + script
    return html[:head] + script + style + html[head:body] + script + html[body:]


@pytest.mark.parametrize("name", PAGES)
def test_the_result_is_the_same_with_every_body_kept(name: str) -> None:
    html = _script_heavy(name)
    assert len(_dropped(html, MINIMUM)) < len(html) // 2  # the bodies do go
    dropped = extract(html).to_dict()
    assert extract(html, options=Options(drop_raw_text_min_chars=None)).to_dict() == dropped


PIECE = _bodies._PIECE_CHARS


# Kept spans of 0 to 3 pieces and more, of characters of 1, 2 and 4 bytes: encoded piece by
# piece, never a span at once (a span sliced whole and its encoder's buffer took up to 8
# bytes a character at once), the same UTF-8 as the spans' text.
@pytest.mark.parametrize("char", ["a", "\u00e9", "\U0001f600"])
@pytest.mark.parametrize("size", [0, 1, PIECE - 1, PIECE, PIECE + 1, 3 * PIECE + 5])
def test_kept_spans_are_encoded_piece_by_piece(char: str, size: int) -> None:
    kept = f"<p>{char * size}</p>"
    text = kept + "<script>" + "x" * (MINIMUM + size) + "</script>" + kept
    keep = [0, len(kept) + len("<script>"), text.index("</script>"), len(text)]
    pieces = list(_bodies._pieces(text, keep))
    assert "".join(pieces) == kept + "<script></script>" + kept
    assert max(len(piece) for piece in pieces) <= PIECE
    assert len(pieces) == -(-keep[1] // PIECE) + -(-(keep[3] - keep[2]) // PIECE)  # each span's ceiling
    result = _bodies.without_bodies(text, _recorded(text), MINIMUM)
    assert isinstance(result, Utf8)
    assert result.data == (kept + "<script></script>" + kept).encode("utf-8")
    page = Utf8Page(text.encode("utf-8"))
    from_bytes = _bodies.without_bodies(page, _recorded(page.data), MINIMUM)
    assert isinstance(from_bytes, Utf8)
    assert from_bytes.data == result.data


def _recorded(text: str | bytes) -> list[int]:
    bodies: list[int] = []
    _limits.scan(text, max_nodes=None, max_depth=None, max_attributes=None, bodies=bodies)
    return bodies


# Pages cut at a limit where the tag that fires it opens a script, a style sheet or an svg,
# or just before or after it: the scan has recorded that body by then. (limit's name, its
# value, the page.)
_BIG = "x" * 3_000
_HELLO = "<p>hello world</p>"
_CUT_PAGES = (
    {
        f"{name} at depth {depth}": ("max_depth", 8, _HELLO + "<div>" * depth + body + "<p>more</p>")
        for depth in range(4, 9)
        for name, body in (
            ("script", f"<script>{_BIG}</script>"),
            ("style", f"<style>{_BIG}</style>"),
            ("svg", f"<svg><g>{_BIG}</g></svg>"),
        )
    }
    | {
        f"script at node {nodes}": ("max_nodes", 8, _HELLO + "<b>x</b>" * nodes + f"<script>{_BIG}</script>")
        for nodes in range(2, 7)
    }
    | {
        "script past the attribute limit": (
            "max_attributes",
            2,
            f'{_HELLO}<script a="1" b="2" c="3">{_BIG}</script><p>more</p>',
        ),
    }
)


@pytest.mark.parametrize("name", sorted(_CUT_PAGES))
@pytest.mark.parametrize("as_bytes", [False, True], ids=["text", "bytes"])
def test_a_cut_page_drops_no_body_past_its_cut(name: str, as_bytes: bool) -> None:
    """A body recorded past the cut names text that is gone: the compiled copy of the kept
    spans raised on it (ValueError: a script or style sheet at the depth limit); Python's
    slices passed over it."""
    limit, value, page = _CUT_PAGES[name]
    options = Options(drop_raw_text_min_chars=1_000, **{limit: value})
    bodies: list[int] = []
    text, cut = prepare_input(page, None, options, bodies=bodies)
    assert isinstance(text, str)
    assert all(end <= len(text) for end in bodies[1::2])
    given: str | bytes = page.encode("utf-8") if as_bytes else page
    result = extract(given, options=options)
    assert result.text.startswith("hello world")
    kept = extract(given, options=replace(options, drop_raw_text_min_chars=None))
    assert result.to_dict() == kept.to_dict()
    assert result.truncated == cut
