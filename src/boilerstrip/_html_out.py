"""Clean HTML of the content blocks, built from the blocks (never copied from the page).

Only h1-h6, p, ul/ol/li, table/thead/tbody/tr/th/td, pre/code, blockquote, figure,
figcaption, br, and a/img when asked are written. Every text and attribute value is
escaped, and the only attributes are href, src, alt, start and a code block's
class="language-x" (its name limited to letters, digits and ``+#._-``); URLs other than
http(s), mailto and relative ones are dropped. So no script, style or event handler
can reach the output, whatever the page holds.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import regex

from ._figures import is_figure_only, shown_blocks
from ._model import Block, Link, Markup, Role
from ._urls import cell_spans, link_runs, safe_url

_LANGUAGE_NAME = regex.compile(r"[^\w+#.\-]")


def _inline(text: str, spans: Sequence[Link], base: str | None, links: bool) -> str:
    """``text`` escaped, with its links when asked; a <br> of the page is a <br>."""
    if not (links and spans):
        out = escape(text)
    else:
        out = "".join(
            escape(run) if href is None else f'<a href="{escape(href)}">{escape(run)}</a>'
            for run, href in link_runs(text, spans, base)
        )
    return out.replace("\n", "<br>\n")


def _images(markup: Markup, base: str | None) -> list[str]:
    shown = []
    for image in markup.images:
        src = safe_url(image.src, base)
        if src is not None:
            shown.append(f'<img src="{escape(src)}" alt="{escape(image.alt)}">')
    return shown


def _row(block: Block, base: str | None, links: bool) -> str:
    cell_tag = "th" if block.markup.header else "td"
    texts = block.markup.cells or (block.text,)
    cells = [
        f"<{cell_tag}>{_inline(cell, spans, base, links)}</{cell_tag}>"
        for cell, spans in zip(texts, cell_spans(texts, block.markup.links))
    ]
    return "<tr>" + "".join(cells) + "</tr>"


def _table(rows: Sequence[Block], base: str | None, links: bool) -> str:
    head = 0
    while head < len(rows) and rows[head].markup.header:
        head += 1
    parts = ["<table>"]
    if head:
        parts += ["<thead>", *(_row(r, base, links) for r in rows[:head]), "</thead>"]
    if head < len(rows):
        parts += ["<tbody>", *(_row(r, base, links) for r in rows[head:]), "</tbody>"]
    parts.append("</table>")
    return "\n".join(parts)


class _Writer:
    """The open lists and blockquotes of the output, closed and opened as blocks need."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.lists: list[tuple[int, str, int]] = []  # open lists, with the open item's number
        self.quotes = 0

    def lists_to(self, levels: Sequence[tuple[int, str, int]]) -> bool:
        """Make the open lists those of ``levels``; True when the block continues the open item."""
        keep = 0
        while keep < min(len(self.lists), len(levels)) and self.lists[keep][0] == levels[keep][0]:
            keep += 1
        while len(self.lists) > keep:
            self.parts.append(f"</li></{self.lists.pop()[1]}>")
        if keep:
            if self.lists[-1] == levels[keep - 1]:
                if keep == len(levels):
                    return True  # the item goes on (after a nested list, or a second paragraph)
            else:  # the next item of the innermost list kept
                self.parts.append("</li>\n<li>")
                self.lists[-1] = levels[keep - 1]
        for level in levels[keep:]:
            _, kind, number = level
            start = f' start="{number}"' if kind == "ol" and number != 1 else ""
            self.parts.append(f"<{kind}{start}>\n<li>")
            self.lists.append(level)
        return False

    def quotes_to(self, depth: int) -> None:
        if depth != self.quotes:
            self.lists_to(())
        while self.quotes > depth:
            self.parts.append("</blockquote>")
            self.quotes -= 1
        while self.quotes < depth:
            self.parts.append("<blockquote>")
            self.quotes += 1


def render(
    blocks: Sequence[Block], base: str | None = None, *, links: bool = False, images: bool = False
) -> str:
    """The content blocks as an ``<article>`` of clean HTML (``base``: the page's URL)."""
    content = shown_blocks(blocks, images=images)
    out = _Writer()
    out.parts.append("<article>")
    i = 0
    while i < len(content):
        block = content[i]
        markup = block.markup
        out.quotes_to(markup.quote_depth)
        shown = _images(markup, base) if images else []
        if is_figure_only(block):  # a dropped caption's figure: its images, not its text
            out.lists_to(())
            if shown:
                out.parts.append("<figure>" + "".join(shown) + "</figure>")
            i += 1
            continue
        if block.role is Role.LIST_ITEM:
            continued = out.lists_to(markup.lists or ((0, "ul", 1),))
            body = _inline(block.text, markup.links, base, links)
            out.parts.extend(shown)
            out.parts.append(f"<p>{body}</p>" if continued else body)
            i += 1
            continue
        out.lists_to(())
        if block.role is Role.TABLE_ROW:
            j = i + 1
            while (
                j < len(content)
                and content[j].role is Role.TABLE_ROW
                and content[j].markup.table == markup.table
            ):
                j += 1
            out.parts.extend(shown)
            out.parts.append(_table(content[i:j], base, links))
            i = j
            continue
        out.parts.append(_element(block, shown, base, links))
        i += 1
    out.quotes_to(0)
    out.lists_to(())
    out.parts.append("</article>")
    return "\n".join(out.parts).replace("<li>\n", "<li>").replace("\n</li>", "</li>")


def _element(block: Block, shown: list[str], base: str | None, links: bool) -> str:
    markup = block.markup
    if block.role is Role.CODE:
        language = _LANGUAGE_NAME.sub("", markup.language)
        attr = f' class="language-{language}"' if language else ""
        return "\n".join([*shown, f"<pre><code{attr}>{escape(block.text)}</code></pre>"])
    body = _inline(block.text, markup.links, base, links)
    if block.role is Role.CAPTION:
        return "<figure>" + "".join(shown) + f"<figcaption>{body}</figcaption></figure>"
    if block.role is Role.HEADING:
        level = max(1, min(block.heading_level, 6))
        return "\n".join([*shown, f"<h{level}>{body}</h{level}>"])
    return "\n".join([*shown, f"<p>{body}</p>"])
