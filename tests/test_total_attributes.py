"""The attributes of all tags (max_total_attributes): Lexbor keeps every attribute the tokenizer
reads, end tags' too (130-270 bytes each), so tags dense with attributes made a tree 76 times
the page's size. The limits scan counts them and cuts the page before the tag past the limit."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import hostile_inputs as large
from boilerstrip import LimitError, Options, OptionsError, _limits, extract

SCANS: dict[str, Callable[..., _limits.Scan]] = {"python": _limits.scan_python, "installed": _limits.scan}
UNLIMITED = {"max_nodes": None, "max_depth": None, "max_attributes": None, "max_name_work": None}
# A page: a head, then a tag repeated until the page holds 1,000 attributes; a limit of 600
# cuts it at the tag that holds the 601st.
PAGES: dict[str, tuple[str, str, int]] = {
    "start tags": ("<p>x</p>", "<br a b c d>", 4),
    "start tags with values": ("<p>x</p>", "<br a=1 b='2' c=\"3\" d>", 4),
    "end tags": ("<p>x</p>", "</i a b c d>", 4),
    "text between end tags": ("<p>x", "y</i a b c d>", 4),
    "one attribute a tag": ("<p>x</p>", "<span a></span>", 1),
}


@pytest.mark.parametrize("scan", SCANS)
@pytest.mark.parametrize("name", PAGES)
def test_the_tag_past_the_limit_is_cut(name: str, scan: str) -> None:
    head, tag, per_tag = PAGES[name]
    html = head + tag * (1_000 // per_tag)
    found = SCANS[scan](html, **UNLIMITED, max_total_attributes=600)
    assert found.limit == "max_total_attributes"
    # (text before the tag is kept: the cut is at the tag's "<")
    assert found.cut == len(head) + (600 // per_tag) * len(tag) + tag.index("<")
    for text in (html, html.encode()):
        assert SCANS[scan](text, **UNLIMITED, max_total_attributes=1_000).cut is None


def test_dense_attributes_are_cut_at_the_default() -> None:
    html = large.dense_attributes()  # 5 MB, 1.7 M attributes
    found = _limits.scan(html, **UNLIMITED, max_total_attributes=Options().max_total_attributes)
    assert found.limit == "max_total_attributes"
    assert found.cut is not None and found.cut < len(html) * 0.3  # 500,000 of 1,725,000


def test_extract_truncates_or_raises() -> None:
    head, tag, _ = PAGES["start tags"]
    html = head + tag * 250
    assert extract(html, options=Options(max_total_attributes=600)).truncated
    assert not extract(html, options=Options(max_total_attributes=None)).truncated
    with pytest.raises(LimitError, match="max_total_attributes"):
        extract(html, options=Options(max_total_attributes=600, on_limit="raise"))


@pytest.mark.parametrize("value", [0, -1, 2.5, "9"])
def test_the_option_is_checked(value: object) -> None:
    with pytest.raises(OptionsError):
        Options(max_total_attributes=value)  # type: ignore[arg-type]
