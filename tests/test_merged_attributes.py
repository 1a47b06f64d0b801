"""The attributes repeated <body> and <html> tags merge onto one element (_merged_attributes):
the limits scan counts each element's distinct names against max_attributes, as the tokenizer
reads them, never fewer than Lexbor merges, and cuts the page at the tag past the limit; the
same names repeated (which cost Lexbor nothing) are counted once."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from selectolax.lexbor import LexborHTMLParser

import hostile_inputs as large
from boilerstrip import Options, _limits, extract

# Where repeated tags merge (and a few where the parser ignores them: counted all the same),
# and names the tokenizer reads oddly: capitals, quotes and "=" in names, values holding ">".
PAGES: dict[str, str] = {
    "body": "".join(f"<body a{i}=1>" for i in range(300)),
    "html": "".join(f"<html a{i}=1>" for i in range(300)),
    "after the body's end": "<p>x</p></body></html>" + "".join(f"<body a{i}>" for i in range(300)),
    "html in a frameset": "<frameset>" + "".join(f"<html a{i}>" for i in range(300)),
    "in the head": "<head>" + "".join(f"<body a{i} b{i}>" for i in range(150)),
    "in a table cell": "<table><tr><td>" + "".join(f"<body a{i}>" for i in range(300)),
    "in svg": "<svg>" + "".join(f"<body a{i}>" for i in range(300)),
    "in a template": "<template>" + "".join(f"<html a{i}>" for i in range(300)),
    "capitals fold": "".join(f"<BODY A{i}=1 a{i}=2>" for i in range(300)),
    "quotes and = in names": "".join(f"<body x\"{i}' ='{i} a=\"x>y\" b{i}='p q'>" for i in range(300)),
    "many a tag": "".join("<html " + " ".join(f"a{i}x{j}" for j in range(40)) + ">" for i in range(10)),
    "slashes and no spaces": "".join(f"<body/a{i}='1'b{i}=2/c{i}>" for i in range(150)),
}
LIMITS = (0, 2, 100, 256)
SCANS: dict[str, Callable[..., _limits.Scan]] = {"python": _limits.scan_python, "installed": _limits.scan}


def _merged(html: str) -> int:
    """The most attributes Lexbor's html or body element holds after parsing ``html``."""
    tree = LexborHTMLParser(html)
    body = tree.body
    return max(len(tree.root.attributes) if tree.root else 0, len(body.attributes) if body else 0)


@pytest.mark.parametrize("scan", list(SCANS))
@pytest.mark.parametrize("limit", LIMITS)
@pytest.mark.parametrize("name", list(PAGES))
def test_the_cut_page_merges_no_more_than_the_limit(name: str, limit: int, scan: str) -> None:
    html = PAGES[name]
    for text in (html, html.encode()):
        found = SCANS[scan](text, max_nodes=None, max_depth=None, max_attributes=limit, max_depth_sum=None)
        kept = html if found.cut is None else html[: found.cut]
        assert _merged(kept) <= limit
        if found.cut is not None:
            assert found.limit == "max_attributes"


@pytest.mark.parametrize("scan", list(SCANS))
@pytest.mark.parametrize("tag", ["body", "html", "BODY"])
def test_the_same_names_repeated_are_counted_once(tag: str, scan: str) -> None:
    html = f"<{tag} class=a id=b>" + f"<p>x<{tag} class=c ID=d data-x>" * 5_000
    assert SCANS[scan](html, max_nodes=None, max_depth=None, max_attributes=3, max_depth_sum=None).cut is None


@pytest.mark.parametrize(
    "html",
    [large.merged_attributes(40_000, "body"), large.merged_attributes(40_000, "html"), large.merged_dense()],
)
def test_merged_attributes_give_a_truncated_result(html: str) -> None:
    result = extract(html)
    assert result.truncated
    found = _limits.scan(html, max_nodes=None, max_depth=None, max_attributes=Options().max_attributes)
    assert found.limit == "max_attributes" and found.cut is not None and found.cut < 20_000
