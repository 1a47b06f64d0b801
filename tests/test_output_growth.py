"""The output formats stay proportionate to the page: no format does work or takes memory
that grows as the square of the page (a wide table, a row of many linked cells), and
to_json's memory is that of its text, whatever the depth of the blocks."""

from __future__ import annotations

import dataclasses
import json
import tracemalloc

import pytest

from boilerstrip import extract
from boilerstrip._json_out import to_dict
from boilerstrip._model import Markup
from structured_pages import content_of


@pytest.mark.parametrize("n", [300, 1_000])
def test_markdown_of_a_wide_table_is_linear(n: int) -> None:
    """A row of n cells over n rows of one: the header is padded to n cells, the short
    rows are not (GFM fills them), so the Markdown is not n * n cells."""
    page = "<table><tr>" + "<td>a</td>" * n + "</tr>" + "<tr><td>b</td></tr>" * n + "</table>"
    lines = content_of(page).to_markdown().split("\n")
    assert lines[0] == "| " + " | ".join(["a"] * n) + " |"
    assert lines[1] == "|" + "|".join(["---"] * n) + "|"
    assert lines[2:] == ["| b |"] * n
    assert sum(map(len, lines)) < 10 * len(page)


def test_a_narrow_table_still_pads_its_short_rows() -> None:
    page = "<table><tr><td>1</td><td>2</td><td>3</td></tr><tr><td>4</td></tr></table>"
    assert content_of(page).to_markdown() == "| 1 | 2 | 3 |\n|---|---|---|\n| 4 |  |  |"


class _CountedLinks(tuple):  # type: ignore[type-arg]
    """A block's links that count how often they are read through."""

    reads = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).reads += 1
        return super().__iter__()


@pytest.mark.parametrize("fmt", ["markdown", "html"])
@pytest.mark.parametrize("n", [50, 500])
def test_the_links_of_a_row_are_read_once(fmt: str, n: int) -> None:
    """Each cell's links were once found by reading all the row's links (n cells, n links:
    n * n steps, 0.86 s for 4,000); now the row's links are read once."""
    page = "<table><tr><th>h</th></tr><tr>" + "<td><a href='/x'>cell</a></td>" * n + "</tr></table>"
    result = content_of(page, url="https://ex.org/")
    row = result.blocks[-1]
    assert len(row.markup.links) == n
    counted = _CountedLinks(row.markup.links)
    lists, quotes, language, table, cells, header, _, images = row.markup
    markup = Markup(lists, quotes, language, table, cells, header, counted, images)  # type: ignore[arg-type]
    blocks = (*result.blocks[:-1], dataclasses.replace(row, markup=markup))
    shown = dataclasses.replace(result, blocks=blocks)
    _CountedLinks.reads = 0
    out = shown.to_markdown(links=True) if fmt == "markdown" else shown.to_html(links=True)
    assert out.count("https://ex.org/x") == n
    assert _CountedLinks.reads <= 2


DEEP = "<body>" + "<ul><li>" * 480 + "<li>word word</li>" * 200


@pytest.mark.parametrize("indent", [None, 0, 2, 4])
def test_to_json_is_the_json_of_to_dict(indent: int | None) -> None:
    for page in (DEEP, "<p>One.</p><ul><li>a</li></ul>", ""):
        result = extract(page)
        assert result.to_json(indent=indent) == json.dumps(to_dict(result), ensure_ascii=False, indent=indent)


@pytest.mark.parametrize("blocks", [100, 200])
def test_to_json_of_deep_blocks_takes_about_its_text(blocks: int) -> None:
    """Blocks each under 480 lists: to_dict holds a dict per list per block, 4.5 times
    the JSON; to_json holds one block's at a time (its peak: the parts and the whole)."""
    result = extract("<body>" + "<ul><li>" * 480 + "<li>word word</li>" * blocks)
    tracemalloc.start()
    try:
        text = result.to_json()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(text) > 30 * blocks * 480
    assert peak < 2.5 * len(text)


@pytest.mark.parametrize("quotes", [20, 900])
def test_markdown_quotes_are_written_at_most_16_deep(quotes: int) -> None:
    """A code block of many lines under many quotes: each line carries at most 16 ">"."""
    page = "<blockquote>" * quotes + "<p>Said.</p><pre>" + "let x = 1;\n" * 1_000 + "</pre>"
    md = content_of(page).to_markdown()
    assert md.startswith("> " * 16 + "Said.\n" + ">" + " >" * 15 + "\n" + "> " * 16 + "```\n")
    assert "> " * 17 not in md
    assert len(md) < 5 * len(page)


def test_markdown_quotes_up_to_16_deep_are_kept() -> None:
    md = content_of("<blockquote>" * 16 + "<p>Deep.</p>").to_markdown()
    assert md == "> " * 16 + "Deep."
