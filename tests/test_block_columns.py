"""The blocks made from the segment stage's columns (_features.blocks_of): each Block's text,
role, heading level, row and markup are its item of each column, its locator and features the
paths' and Features' items, in order; columns of different lengths are refused."""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from boilerstrip import Options
from boilerstrip._features import blocks_of, feature_columns, features_of, locators
from boilerstrip._model import Block, Role
from boilerstrip._segment import traverse
from boilerstrip._segmented import finish

_PAGES = [
    "<p>one</p>",
    "<h2>Title</h2><p>a <a href='/x'>link</a> b</p><ul><li>x</li><li>y</li></ul>",
    "<table><tr><th>h</th><th>k</th></tr><tr><td>1</td><td><a href='/2'>2</a></td></tr></table>",
    "<div>" * 30 + "<p>deep</p>" + "</div>" * 30 + "<pre class='language-py'>code</pre>",
]


@pytest.mark.parametrize("html", _PAGES)
def test_blocks_are_the_columns_items(html: str) -> None:
    segmented = finish(traverse(LexborHTMLParser(html).body))
    columns, _ = feature_columns(segmented, "", "", Options())
    features, paths = features_of(columns, Options()), locators(segmented)
    blocks = blocks_of(segmented.columns, paths, features)
    raw = segmented.blocks
    assert [type(b) for b in blocks] == [Block] * len(raw) and len(raw) > 0
    assert [b.index for b in blocks] == list(range(len(raw)))
    assert [(b.text, b.role, b.heading_level, b.row, b.markup) for b in blocks] == [
        (r.text, r.role, r.heading_level, r.row, r.markup) for r in raw
    ]
    assert [b.locator for b in blocks] == [segmented.elements[r.element].locator for r in raw]
    assert [b.features for b in blocks] == list(features)
    assert all(isinstance(b.role, Role) for b in blocks)


@pytest.mark.parametrize(("paths_cut", "features_cut"), [(1, 0), (0, 1), (1, 1)])
def test_blocks_of_refuses_columns_of_other_lengths(paths_cut: int, features_cut: int) -> None:
    segmented = finish(traverse(LexborHTMLParser(_PAGES[1]).body))
    columns, _ = feature_columns(segmented, "", "", Options())
    features, paths = features_of(columns, Options()), locators(segmented)
    with pytest.raises(ValueError, match="differ in length"):
        blocks_of(segmented.columns, paths[paths_cut:], features[features_cut:])
