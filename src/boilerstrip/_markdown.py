"""Markdown of the content blocks: headings, nested lists, pipe tables, fenced code, quotes.

A pure function of the blocks and their :class:`~boilerstrip._model.Markup`; links and
images are written only when asked, with unsafe URLs (``javascript:`` ...) left out.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from ._figures import is_figure_only, shown_blocks
from ._model import Block, Image, Link, Role
from ._urls import cell_spans, link_runs, safe_url

# Characters that start inline markup anywhere, and line starts that make a block. An "&"
# that starts what CommonMark reads as an entity or character reference ("&amp;", "&#38;") is
# escaped too: a page's literal "&nbsp;" (a manual's text, a site's doubly escaped entity)
# would otherwise be shown as the character it names.
_ENTITY = r"&(?=[A-Za-z][A-Za-z0-9]{0,31};|#[0-9]{1,7};|#[xX][0-9A-Fa-f]{1,6};)"
_INLINE = regex.compile(r"([\\`*\[\]<>]|" + _ENTITY + r"|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}]))")
_ENTITY_START = regex.compile(_ENTITY)
_LINE_START = regex.compile(r"^(\s*)([#>+=|~]|-(?=\s|$))", regex.MULTILINE)
_NUMBERED = regex.compile(r"^(\s*\d+)([.)])(?=\s|$)", regex.MULTILINE)
_BACKTICKS = regex.compile(r"`{3,}")
_PADDED = 64  # the widest table whose short rows are padded
# The deepest blockquote written: each line of a quoted block carries its ">" marks, so a
# code block of many lines under many quotes grew as their product (4,000 lines under 900
# quotes: 7.3 MB of a 55 KB page); Markdown readers nest no deeper (markdown-it: 20 levels).
_QUOTES = 16


def escape(text: str) -> str:
    """``text`` with the characters that Markdown would read as markup escaped."""
    text = _INLINE.sub(r"\\\1", text)
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\1\\\2", text))


def _inline(text: str, spans: Sequence[Link], base: str | None, links: bool) -> str:
    """``text``, escaped, with its links when asked; a <br> is a hard line break."""
    if not (links and spans):
        out = escape(text)
    else:
        out = "".join(
            escape(run) if href is None else f"[{escape(run)}]({_destination(href)})"
            for run, href in link_runs(text, spans, base)
        )
    return out.replace("\n", "\\\n")


def _destination(url: str) -> str:
    url = _ENTITY_START.sub(r"\\&", url)  # read as a reference there too
    if any(c in url for c in " ()<>"):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def _image(image: Image, base: str | None) -> str | None:
    src = safe_url(image.src, base)
    if src is None:
        return None
    alt = image.alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
    alt = _ENTITY_START.sub(r"\\&", alt)
    return f"![{alt}]({_destination(src)})"


def _code(block: Block) -> str:
    longest = max((len(m) for m in _BACKTICKS.findall(block.text)), default=2)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{block.markup.language}\n{block.text}\n{fence}"


def _table(rows: Sequence[Block], base: str | None, links: bool) -> str:
    """A pipe table: the first row is the header row (Markdown tables need one)."""
    cells = [_cells(row, base, links) for row in rows]
    width = max(len(c) for c in cells)
    lines = []
    for number, row in enumerate(cells):
        # The header row is padded to the widest row (a wider row would be cut to it); the
        # others only in a table up to _PADDED cells wide, for the raw text's sake (GFM
        # fills a short row): padding every row of a wide table is quadratic (a row of
        # 4,000 cells over 4,000 rows of one cell made 48 MB of a 116 KB page).
        pad = width - len(row) if number == 0 or width <= _PADDED else 0
        lines.append("| " + " | ".join(row + [""] * pad) + " |")
        if number == 0:
            lines.append("|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def _cells(row: Block, base: str | None, links: bool) -> list[str]:
    cells = row.markup.cells or (row.text,)
    return [
        _inline(cell, spans, base, links).replace("|", "\\|").replace("\\\n", " ")
        for cell, spans in zip(cells, cell_spans(cells, row.markup.links))
    ]


def _list_item(block: Block, previous: Block | None, body: str, hidden: int) -> str:
    """A list item's marker and indentation from its enclosing lists; a second block of
    the same item is a paragraph indented under it. The ``hidden`` outer levels are not
    indented for (their items are not shown: the run of items began in a nested list)."""
    levels = (block.markup.lists or ((0, "ul", 1),))[hidden:]
    indent = "".join(" " * len(_marker(kind, number)) for _, kind, number in levels[:-1])
    _, kind, number = levels[-1]
    marker = _marker(kind, number)
    lines = body.split("\n")
    pad = indent + " " * len(marker)
    if (
        previous is not None
        and previous.role is Role.LIST_ITEM
        and previous.markup.lists == block.markup.lists
    ):
        return "\n".join(pad + line for line in lines)
    return "\n".join([indent + marker + lines[0], *(pad + line for line in lines[1:])])


def _marker(kind: str, number: int) -> str:
    # CommonMark's list numbers are 0 or more: "-3. " would be a line of text, no list item
    # (an <ol start="-3">: its items are numbered from 0, as Markdown renumbers them anyway).
    return f"{max(number, 0)}. " if kind == "ol" else "- "


def _separator(previous: Block, block: Block) -> str:
    """One newline between items of one list and rows of one table, else a blank line."""
    a, b = previous.markup, block.markup
    if a.quote_depth and b.quote_depth:  # one quote goes on (a line of ">" keeps it open)
        return "\n" + ("> " * min(a.quote_depth, b.quote_depth, _QUOTES)).rstrip() + "\n"
    if previous.role is Role.TABLE_ROW and block.role is Role.TABLE_ROW and a.table == b.table:
        return "\n"
    one_list = a.lists and b.lists and a.lists[0][0] == b.lists[0][0]  # one outermost list
    if previous.role is Role.LIST_ITEM and block.role is Role.LIST_ITEM and one_list:
        return "\n" if a.lists != b.lists else "\n\n"
    return "\n\n"


def render(
    blocks: Sequence[Block], base: str | None = None, *, links: bool = False, images: bool = False
) -> str:
    """The Markdown of the content blocks (``base``: the page's URL, for relative links)."""
    content = shown_blocks(blocks, images=images)
    parts: list[str] = []
    previous: Block | None = None
    i = hidden = 0
    while i < len(content):
        block = content[i]
        if block.role is Role.TABLE_ROW:  # the rows of one table go together
            j = i + 1
            while (
                j < len(content)
                and content[j].role is Role.TABLE_ROW
                and content[j].markup.table == block.markup.table
            ):
                j += 1
            body, last = _table(content[i:j], base, links), content[j - 1]
        else:
            if block.role is Role.LIST_ITEM:
                hidden = _hidden_levels(block, previous, hidden)
            body, last, j = _body(block, previous, base, links, hidden), block, i + 1
        if images:
            shown = [s for s in (_image(m, base) for m in block.markup.images) if s]
            if is_figure_only(block):  # a dropped caption's figure: its images, not its text
                if not shown:
                    i += 1
                    continue
                body = "\n\n".join(shown)
            elif shown:
                body = "\n\n".join([*shown, body])
        if block.markup.quote_depth:
            prefix = "> " * min(block.markup.quote_depth, _QUOTES)
            body = "\n".join((prefix + line).rstrip() for line in body.split("\n"))
        if previous is not None:
            parts.append(_separator(previous, block))
        parts.append(body)
        previous, i = last, j
    return "".join(parts)


def _hidden_levels(block: Block, previous: Block | None, hidden: int) -> int:
    """The outer list levels of a list item not shown: those above the first item of its
    run of items (items of one outermost list, one after another)."""
    depth = max(len(block.markup.lists), 1)
    a, b = previous.markup.lists if previous is not None else (), block.markup.lists
    if previous is None or previous.role is not Role.LIST_ITEM or not (a and b) or a[0][0] != b[0][0]:
        return depth - 1  # a new run: its first item is not indented
    return min(hidden, depth - 1)


def _body(block: Block, previous: Block | None, base: str | None, links: bool, hidden: int) -> str:
    if block.role is Role.CODE:
        return _code(block)
    text = _inline(block.text, block.markup.links, base, links)
    if block.role is Role.HEADING:
        return "#" * max(1, min(block.heading_level, 6)) + " " + text.replace("\\\n", " ")
    if block.role is Role.LIST_ITEM:
        return _list_item(block, previous, text, hidden)
    return text
