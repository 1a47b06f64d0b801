"""The markup boilerstrip adds to an annotated view: label colours, the style sheet, the
legend and the side panel. Pure functions from an Extraction to HTML text."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from ._model import Block, Extraction, Label

# One colour per label, far apart in hue and lightness so that their tints (TINT_ALPHA
# over white) stay apart too: the view's tests find the labels in a screenshot by them.
LABEL_COLOURS: Mapping[Label, str] = {
    Label.CONTENT: "#1a9641",  # green
    Label.NAVIGATION: "#2166ac",  # blue
    Label.HEADER: "#762a83",  # purple
    Label.FOOTER: "#8c510a",  # brown
    Label.SIDEBAR: "#f46d43",  # orange
    Label.PROMO: "#d7191c",  # red
    Label.SHARE: "#35b7c8",  # cyan
    Label.COMMENTS: "#e6ab02",  # yellow
    Label.LEGAL: "#e7298a",  # pink
    Label.METADATA: "#003c30",  # dark teal
    Label.OTHER: "#808080",  # grey
}
TINT_ALPHA = 0.3  # design: strong enough to find in a screenshot, light enough to read the text over
PANEL_WIDTH_PX = 320  # design: room for the score, the label and about 30 characters of text
_PREVIEW_WORDS = 10  # words of a block's text shown in the side panel
_PREVIEW_CHARS = 70
# Page style sheets may hide outlines or paint backgrounds with !important: three :not(#id)
# give our rules the specificity of three ids, more than page selectors usually carry.
_STRONG = ":not(#bs-x):not(#bs-x):not(#bs-x)"


def rgb(colour: str) -> tuple[int, int, int]:
    """The (red, green, blue) of a "#rrggbb" colour."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def tint(label: Label, under: tuple[int, int, int] = (255, 255, 255)) -> tuple[int, int, int]:
    """The colour a block of ``label`` shows over a background of colour ``under``."""
    return tuple(  # type: ignore[return-value]
        round(TINT_ALPHA * c + (1 - TINT_ALPHA) * u) for c, u in zip(rgb(LABEL_COLOURS[label]), under)
    )


def _label_rules(label: Label) -> str:
    colour = LABEL_COLOURS[label]
    red, green, blue = rgb(colour)
    marked = f'[data-bs-label="{label.value}"]{_STRONG}'
    # An inset shadow paints over the element's own background and under its text, so the
    # page keeps its colours, tinted; table rows paint through their cells.
    return (
        f"{marked}{{outline:2px solid {colour}!important;outline-offset:-2px!important;"
        f"box-shadow:inset 0 0 0 100vmax rgba({red},{green},{blue},{TINT_ALPHA})!important}}\n"
        f"tr{marked}>td,tr{marked}>th{{box-shadow:inset 0 0 0 100vmax "
        f"rgba({red},{green},{blue},{TINT_ALPHA})!important}}\n"
        f"[data-bs-outer]{marked}{{outline-style:dashed!important;box-shadow:none!important}}\n"
        f"#bs-panel .bs-l-{label.value}{_STRONG}{{background:{colour}!important}}\n"
    )


# Anti-flicker snippets hide the page (opacity 0 on <html> or <body>) until a script shows
# it, and no script runs in the view.
_PANEL_CSS = f"""
html{_STRONG},body{_STRONG}{{opacity:1!important;visibility:visible!important}}
html{_STRONG}{{margin-right:{PANEL_WIDTH_PX + 10}px!important}}
html:has(#bs-hide:checked){_STRONG}{{margin-right:0!important}}
[data-bs-label]:hover{_STRONG}{{outline-width:4px!important}}
[data-bs-label]:target{_STRONG}{{outline:5px double #000!important}}
#bs-panel,#bs-panel *,#bs-toggle,#bs-hide{{all:revert!important}}
#bs-hide{_STRONG}{{display:none!important}}
#bs-hide:checked~#bs-panel{_STRONG}{{display:none!important}}
#bs-toggle{_STRONG}{{position:fixed!important;top:4px!important;right:8px!important;
 z-index:2147483647!important;cursor:pointer!important;font:bold 12px/1.4 sans-serif!important;
 background:#fff!important;color:#000!important;border:1px solid #888!important;padding:0 4px!important}}
#bs-panel{_STRONG}{{display:block!important;position:fixed!important;top:0!important;right:0!important;
 bottom:0!important;width:{PANEL_WIDTH_PX}px!important;overflow:auto!important;box-sizing:border-box!important;
 z-index:2147483646!important;background:#fff!important;color:#000!important;
 border-left:2px solid #444!important;padding:6px 8px!important;font:12px/1.35 sans-serif!important;
 text-align:left!important}}
#bs-panel bs-h{_STRONG}{{display:block!important;font-weight:bold!important;margin:0 56px 4px 0!important}}
#bs-panel bs-p{_STRONG}{{display:block!important;margin:0 0 6px!important;color:#333!important}}
#bs-panel bs-legend{_STRONG}{{display:flex!important;flex-wrap:wrap!important;gap:2px 10px!important;
 margin:0 0 6px!important;padding:0 0 6px!important;border-bottom:1px solid #ccc!important}}
#bs-panel bs-key{_STRONG}{{display:inline-block!important;white-space:nowrap!important}}
#bs-panel bs-swatch{_STRONG}{{display:inline-block!important;width:10px!important;height:10px!important;
 margin:0 4px 0 0!important;vertical-align:-1px!important;border:1px solid #0006!important}}
#bs-panel .bs-row{_STRONG}{{display:block!important;color:#000!important;text-decoration:none!important;
 white-space:nowrap!important;overflow:hidden!important;text-overflow:ellipsis!important;
 border-bottom:1px solid #eee!important;padding:1px 0!important}}
#bs-panel a.bs-row:hover{_STRONG}{{background:#eef!important}}
#bs-panel .bs-lost{_STRONG}{{color:#777!important;font-style:italic!important}}
#bs-panel bs-n,#bs-panel bs-s{_STRONG}{{display:inline-block!important;text-align:right!important;
 margin:0 6px 0 0!important;font-variant-numeric:tabular-nums!important}}
#bs-panel bs-n{_STRONG}{{width:32px!important}}
#bs-panel bs-s{_STRONG}{{width:30px!important}}
"""

STYLE = "".join(_label_rules(label) for label in Label) + _PANEL_CSS


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a block is in the view: the anchor of its element, or why it has none."""

    anchor: str = ""  # the id to link to, "" when the block is not in the view
    missing: str = ""  # why it is not: "not located", "removed with unsafe markup"


def tooltip(blocks: list[Block]) -> str:
    """The hover text of an element: each of its blocks with its label and score."""
    return "\n".join(f"block {b.index}: {b.label.value}, score {b.score:.2f}" for b in blocks)


def _preview(text: str) -> str:
    words = text.split()
    shown = " ".join(words[:_PREVIEW_WORDS])
    if len(shown) > _PREVIEW_CHARS:
        shown = shown[: _PREVIEW_CHARS - 1].rstrip()
    return shown + ("…" if shown != " ".join(words) else "")


def _row(block: Block, place: Placement) -> str:
    swatch = f'<bs-swatch class="bs-l-{block.label.value}"></bs-swatch>'
    cells = (
        f"{swatch}<bs-n>{block.index}</bs-n><bs-s>{block.score:.2f}</bs-s>"
        f"{html.escape(block.label.value)}: {html.escape(_preview(block.text))}"
    )
    label = html.escape(tooltip([block]), quote=True)
    if place.anchor:
        href = html.escape("#" + place.anchor, quote=True)
        return f'<a class="bs-row" href="{href}" title="{label}">{cells}</a>'
    why = html.escape(place.missing)
    return f'<bs-row class="bs-row bs-lost" title="{label}">{cells} ({why})</bs-row>'


def panel(result: Extraction, places: Mapping[int, Placement], *, truncated: bool, note: str) -> str:
    """The legend and the side panel listing every block, as HTML to append to <body>."""
    counts = Counter(b.label for b in result.blocks)
    legend = "".join(
        f'<bs-key><bs-swatch class="bs-l-{label.value}"></bs-swatch>{label.value} ({counts[label]})</bs-key>'
        for label in Label
    )
    facts = [
        f"{len(result.blocks)} blocks, {counts[Label.CONTENT]} content",
        f"confidence {result.confidence:.2f}",
    ]
    if result.language:
        facts.append(f"language {result.language}")
    if truncated:
        facts.append("input cut at a limit")
    if note:
        facts.append(note)
    title = result.title or result.url or "untitled page"
    rows = "".join(_row(b, places.get(b.index, Placement(missing="not located"))) for b in result.blocks)
    return (
        '<input type="checkbox" id="bs-hide"><label for="bs-hide" id="bs-toggle" '
        'title="show or hide the block list">blocks</label>'
        '<bs-panel id="bs-panel">'
        f"<bs-h>boilerstrip: {html.escape(title)}</bs-h>"
        f"<bs-p>{html.escape(' · '.join(facts))}. Hover a block for its label and score.</bs-p>"
        f"<bs-legend>{legend}</bs-legend>{rows}</bs-panel>"
    )
