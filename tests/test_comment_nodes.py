"""Comments are nodes too (max_nodes): the parser puts every comment, bogus ones (``<!x>``,
``<?x>``, ``</3>``) included, in the tree, at 100-150 bytes each, so 2.8 MB of ``<!x>`` made a
tree of 101 MB. The limits scan counts them with the elements; ``</>`` and doctypes make none."""

from __future__ import annotations

from collections.abc import Callable

import pytest

import hostile_inputs as large
from boilerstrip import Options, _limits

SCANS: dict[str, Callable[..., _limits.Scan]] = {"python": _limits.scan_python, "installed": _limits.scan}
LIMITS = {"max_depth": None, "max_attributes": None, "max_depth_sum": None, "max_name_work": None}
HEAD = "<div><p>x</p>"
COMMENTS = ["<!---->", "<!-- a -->", "<!x>", "<?x>", "</3>", "<![CDATA[x]]>", "y<!---->", "<!doc>"]
NO_NODE = ["</>", "<!DOCTYPE html>", "<!doctype x>", "<!DocType a PUBLIC 'b'>", "y</i>"]


@pytest.mark.parametrize("scan", SCANS)
@pytest.mark.parametrize("token", COMMENTS)
def test_comments_count_as_nodes(token: str, scan: str) -> None:
    """A page of 2 elements and 1,000 comments, cut at max_nodes=600 before the 599th."""
    html = HEAD + token * 1_000
    for text in (html, html.encode()):
        found = SCANS[scan](text, max_nodes=600, **LIMITS)
        assert found.limit == "max_nodes"
        assert found.cut == len(HEAD) + 598 * len(token) + token.index("<")


@pytest.mark.parametrize("scan", SCANS)
@pytest.mark.parametrize("token", NO_NODE)
def test_doctypes_and_empty_end_tags_make_no_node(token: str, scan: str) -> None:
    html = HEAD + token * 1_000
    for text in (html, html.encode()):
        assert SCANS[scan](text, max_nodes=600, **LIMITS).cut is None


@pytest.mark.parametrize("make", [large.bogus_comments, large.comment_text])
def test_a_page_of_comments_is_cut_at_the_default(make: Callable[[], str]) -> None:
    html = make()
    found = _limits.scan(html, max_nodes=Options().max_nodes, **LIMITS)
    assert found.limit == "max_nodes" and found.cut is not None and found.cut < len(html) * 0.4
