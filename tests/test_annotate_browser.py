"""The annotated view in headless Chromium: where the label colours land on the screen, and that
no page script runs."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from annotated import FIXTURES, PROSE
from boilerstrip import Label, annotate, extract
from boilerstrip._annotate import _HEAD
from boilerstrip._annotate_view import LABEL_COLOURS, tint
from chromium import find_chromium, read_png, screenshot

LAYOUT = FIXTURES / "annotate" / "layout.html"
PAGES = sorted(FIXTURES.glob("*.html"))
HOSTILE = sorted((FIXTURES / "hostile").glob("*.html"))


# -- in a browser -----------------------------------------------------------------------------

CHROMIUM = find_chromium()
_REQUIRED = os.environ.get("BOILERSTRIP_REQUIRE_CHROMIUM") == "1"
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not _REQUIRED,
    reason="no chromium binary on PATH (apt-get install chromium); "
    "with BOILERSTRIP_REQUIRE_CHROMIUM=1 this fails instead",
)
WINDOW = (1000, 700)
# The boxes of tests/fixtures/annotate/layout.html (left, top, right, bottom, in CSS pixels),
# each with the start of its block's text.
REGIONS = {
    "navigation bar": ((0, 0, 640, 40), "Home News"),
    "headline": ((0, 60, 440, 110), "Harbour town opens"),
    "first paragraph": ((0, 130, 440, 260), "The new ferry terminal"),
    "second paragraph": ((0, 280, 440, 410), "Fishermen who have"),
    "third paragraph": ((0, 430, 440, 560), "The council has promised"),
    "related links": ((460, 60, 640, 280), "Storm closes"),
    "footer": ((0, 580, 640, 640), "© 2026"),
}
_TOLERANCE = 6  # per channel: colour rounding in the compositor


@pytest.fixture(scope="module")
def layout_screenshot(tmp_path_factory: pytest.TempPathFactory) -> object:
    if CHROMIUM is None:
        pytest.fail("BOILERSTRIP_REQUIRE_CHROMIUM=1 but no chromium binary on PATH")
    folder = tmp_path_factory.mktemp("annotate-chromium")
    page, png = folder / "view.html", folder / "view.png"
    page.write_text(annotate(LAYOUT.read_bytes()), "utf-8")
    screenshot(page, png, width=WINDOW[0], height=WINDOW[1], binary=CHROMIUM)
    return read_png(png)


def _label_of(start: str) -> Label:
    return next(b.label for b in extract(LAYOUT.read_bytes()).blocks if b.text.startswith(start))


def _dominant(image: object, box: tuple[int, int, int, int]) -> tuple[int, int, int]:
    left, top, right, bottom = box
    inside = image.region(left + 4, top + 4, right - 4, bottom - 4)  # type: ignore[attr-defined]
    return Counter(inside).most_common(1)[0][0]  # type: ignore[no-any-return]


def test_layout_fixture_has_content_and_chrome() -> None:
    labels = {name: _label_of(start) for name, (_, start) in REGIONS.items()}
    assert labels["first paragraph"] is Label.CONTENT
    assert labels["navigation bar"] is Label.NAVIGATION
    assert not labels["footer"].is_content and not labels["related links"].is_content


@needs_chromium
@pytest.mark.parametrize("region", REGIONS)
def test_screenshot_shows_each_block_in_its_label_colour(layout_screenshot: object, region: str) -> None:
    box, start = REGIONS[region]
    image = layout_screenshot
    assert (image.width, image.height) == WINDOW  # type: ignore[attr-defined]
    expected = tint(_label_of(start))
    seen = _dominant(image, box)
    assert max(abs(a - b) for a, b in zip(seen, expected)) <= _TOLERANCE, (region, seen, expected)
    # Its outline: the label colour itself, on the box's edge.
    left, top, _, _ = box
    colour = LABEL_COLOURS[_label_of(start)]
    edge = image.pixels[(top + box[3]) // 2][left]  # type: ignore[attr-defined]
    assert max(abs(a - int(colour[i : i + 2], 16)) for a, i in zip(edge, (1, 3, 5))) <= _TOLERANCE


@needs_chromium
def test_screenshot_tells_content_from_chrome(layout_screenshot: object) -> None:
    def colours(*regions: str) -> set[tuple[int, int, int]]:
        return {_dominant(layout_screenshot, REGIONS[r][0]) for r in regions}

    content = colours("first paragraph", "third paragraph")
    chrome = colours("navigation bar", "related links", "footer")
    assert len(content) == 1 and not content & chrome
    assert len(chrome) == 3  # three kinds of chrome, three colours
    blank = _dominant(layout_screenshot, (0, 660, 640, 700))  # below the footer: no block
    assert blank == (255, 255, 255)


_PAINT_RED = "document.documentElement.style.setProperty('background', 'red', 'important')"
LIVE_PAYLOADS = (
    f'<img src="missing.png" onerror="{_PAINT_RED}">'
    f"<script>{_PAINT_RED}</script>"
    # parsed again, this <style>'s text becomes an <img> with a handler
    f'<svg><style><img src="missing.png" onerror="{_PAINT_RED}"></style></svg>'
)


def _blank_colour(html: str, folder: Path, name: str) -> tuple[int, int, int]:
    page, png = folder / f"{name}.html", folder / f"{name}.png"
    page.write_text(html, "utf-8")
    screenshot(page, png, width=800, height=400, binary=CHROMIUM)
    return _dominant(read_png(png), (0, 300, 400, 400))  # below the text, left of the panel


@needs_chromium
@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(f"<p>{PROSE}</p>{LIVE_PAYLOADS}", (255, 0, 0), id="the page: the payloads run"),
        pytest.param(annotate(f"<p>{PROSE}</p>{LIVE_PAYLOADS}"), (255, 255, 255), id="its view"),
        # The view's own head alone stops handlers and scripts that would get past the cleaning.
        pytest.param(
            f"<html><head>{_HEAD}</head><body>{LIVE_PAYLOADS}</body></html>",
            (255, 255, 255),
            id="policy only",
        ),
    ],
)
def test_no_page_script_runs_in_the_view(tmp_path: Path, page: str, expected: tuple[int, int, int]) -> None:
    if CHROMIUM is None:
        pytest.fail("BOILERSTRIP_REQUIRE_CHROMIUM=1 but no chromium binary on PATH")
    assert _blank_colour(page, tmp_path, "page") == expected


@needs_chromium
def test_a_page_hidden_until_its_scripts_run_is_shown(tmp_path: Path) -> None:
    """An anti-flicker snippet: the page stays transparent until a script removes a class."""
    if CHROMIUM is None:
        pytest.fail("BOILERSTRIP_REQUIRE_CHROMIUM=1 but no chromium binary on PATH")
    page = (
        '<html class="async-hide"><head><style>.async-hide{opacity:0!important}</style></head>'
        f'<body style="margin:0"><p style="margin:0;height:400px">{PROSE}</p></body></html>'
    )
    label = extract(page).blocks[0].label
    seen = _blank_colour(annotate(page), tmp_path, "view")
    assert max(abs(a - b) for a, b in zip(seen, tint(label))) <= _TOLERANCE, seen
