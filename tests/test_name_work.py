"""Lexbor's name-table work (_name_work, max_name_work): the limits scan counts, per occurrence of
a tag or attribute name outside Lexbor's static tables, the distinct names in its hash bucket (a
name outside ASCII or with a NUL as in every bucket), in the Python loop and the installed one,
on text and bytes; it cuts the page at the first tag past the limit, cuts each hostile family
early, and leaves ordinary markup of max_nodes elements whole."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

import hostile_inputs as large
from boilerstrip import Options, OptionsError, _limits, extract
from boilerstrip._name_work import ADJUSTED, STATIC_ATTRIBUTES, STATIC_TAGS, bucket

SCANS: dict[str, Callable[..., _limits.Scan]] = {"python": _limits.scan_python, "installed": _limits.scan}
FIXTURES = Path(__file__).parent / "fixtures"
# Names that all fall in Lexbor's bucket 0.
ONE_BUCKET = [name for name in (f"x{i}" for i in range(2_000)) if bucket(name) == 0]


def _cut(scan: str, text: str | bytes, limit: int | None) -> _limits.Scan:
    return SCANS[scan](text, max_nodes=None, max_depth=None, max_attributes=None, max_name_work=limit)


def _work(scan: str, text: str | bytes) -> int:
    """The page's whole name work: the least limit that leaves it uncut."""
    high = 1
    while _cut(scan, text, high).cut is not None:
        high *= 2
    low = 0
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if _cut(scan, text, middle).cut is None else (middle + 1, high)
    return low


# Pages and their work, counted by hand.
COUNTED: dict[str, tuple[str, int]] = {
    "static names only": ("<div class=a id=b><p style=c>x</p><svg><path></path></svg></div>", 0),
    "one custom element": ("<x-a></x-a>", 2),
    "capitals fold": ("<x-a></X-A><X-a>", 3),
    "attributes, static and not": ("<br data-a=1 DATA-A=2 class=c rel=d onclick=e>", 3),
    "end tags' attributes": ("</p data-a=1><p data-a>", 2),
    "svg's g and d are no static names": ("<svg><g></g><path d=1></svg>", 3),
    "two names in one bucket": (f"</{ONE_BUCKET[0]}></{ONE_BUCKET[1]}></{ONE_BUCKET[0]}>", 5),
    "outside ASCII: every bucket": ("<x-a><l\u00e9><x-a>", 5),  # 1; longest 1 + 1 wild; 1 + 1 wild
    "a NUL: every bucket": ("<a\x00b></a\x00B>", 2),
    "values and quotes skipped": ("<br data-a='data-b c=d' data-c=\"e>f\" data-d=g>", 3),
    "a tag cut by the end": ("<x-a data-b='1", 2),
    "raw text is not read": ("<script><x-a data-b></script><textarea><x-c></textarea>", 0),
    "static attributes": ("<p lang=a target=b align=c accept-charset=d valign=e vlink=f>", 0),
    # the names the tree builder looks up again, each in its own bucket (72 and 9; 13 and 126;
    # 122, 17, 11, 81 and 82): the tokenizer's name, then each adjusted one
    "svg attributes looked up again": ("<svg viewBox=1 VIEWBOX=2></svg>", 4),  # 1 + 1, 1 + 1
    "svg tags looked up again": ("<svg><clipPath></clipPath></svg>", 2),  # (clippath static) 1, 1
    "MathML and foreign attributes": ("<math definitionURL=x xlink:href=y xlink:actuate=z>", 7),
}


@pytest.mark.parametrize("scan", list(SCANS))
@pytest.mark.parametrize("name", list(COUNTED))
def test_the_work_is_counted_as_lexbor_walks_its_chains(name: str, scan: str) -> None:
    html, work = COUNTED[name]
    for text in (html, html.encode()):
        assert _work(scan, text) == work


@pytest.mark.parametrize("scan", list(SCANS))
@pytest.mark.parametrize("limit", [0, 3, 40, 1_000])
@pytest.mark.parametrize(
    "html",
    [
        large.colliding_end_tags(60, 600),
        large.distinct_attributes(20, 30),
        "".join(f"<x{i} data-{i % 7}=1>t</x{i % 5}>" for i in range(400)),
        "<p>\u00e9" + "".join(f"<l\u00e9{i % 9} y{i}\u00e9=1>" for i in range(300)),
    ],
    ids=["one bucket", "distinct attributes", "mixed", "outside ASCII"],
)
def test_the_cut_is_at_the_first_tag_past_the_limit(html: str, limit: int, scan: str) -> None:
    for text in (html, html.encode()):
        found = _cut(scan, text, limit)
        assert found.cut is not None and found.limit == "max_name_work"
        assert _cut(scan, text[: found.cut], limit).cut is None  # what is kept stays within it
        past = text.index(b">" if isinstance(text, bytes) else ">", found.cut) + 1
        assert _cut(scan, text[:past], limit).cut == found.cut  # and the cut tag passes it


HOSTILE = {
    "145,000 distinct end tags": large.distinct_end_tags,
    "250,000 viewbox in a crowded bucket of viewBox": large.adjusted_attributes,
    "250,000 clippath in a crowded bucket of clipPath": large.adjusted_tags,
    "145,000 distinct elements": large.distinct_elements,
    "145,000 distinct svg elements": large.distinct_svg_elements,
    "800 <br> of 250 distinct attributes": large.distinct_attributes,
    "4,000 names in one bucket": large.colliding_end_tags,
}


@pytest.mark.parametrize("scan", list(SCANS))
@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_names_are_cut_early(name: str, scan: str) -> None:
    html = HOSTILE[name]()
    limits = {"max_nodes": None, "max_depth": None, "max_attributes": None, "max_depth_sum": None}
    found = SCANS[scan](html, **limits, max_name_work=Options().max_name_work)
    assert found.limit == "max_name_work" and found.cut is not None and found.cut < len(html) // 3
    began = time.perf_counter()
    LexborHTMLParser(html[: found.cut])
    assert time.perf_counter() - began < 5  # a loose bound against hangs (0.02-0.12 s alone; 2-16 s whole)


@pytest.mark.parametrize("scan", list(SCANS))
@pytest.mark.parametrize("page", sorted(path.name for path in FIXTURES.glob("*.html")))
def test_ordinary_markup_of_max_nodes_elements_is_not_cut(page: str, scan: str) -> None:
    html = (FIXTURES / page).read_text(encoding="utf-8")
    elements = _limits.scan_python(html, max_nodes=None, max_depth=None, max_attributes=None).elements
    html *= Options().max_nodes // max(elements, 1) + 1
    found = SCANS[scan](
        html, max_nodes=None, max_depth=None, max_attributes=None, max_name_work=Options().max_name_work
    )
    assert found.cut is None


def test_static_tags_are_lexbors() -> None:
    for name in [*sorted(STATIC_TAGS), "g", "x-a", "circle", "font-face", "foo"]:
        tree = LexborHTMLParser(f"<body><{name}></{name}><svg><{name}></{name}></svg>")
        ids = [node.tag_id for node in tree.root.traverse() if node.tag == name] if tree.root else []
        # a static name has a static id; the others, the address of an entry of the hash
        assert ids and all((id_ < 0x1000) == (name in STATIC_TAGS) for id_ in ids), name


@pytest.mark.parametrize("value", [0, -1, 1.5, "many"])
def test_the_limit_is_validated(value: object) -> None:
    with pytest.raises(OptionsError):
        Options(max_name_work=value)  # type: ignore[arg-type]


def test_none_lifts_the_limit() -> None:
    html = "<p>x</p>" + large.colliding_end_tags(200, 2_000)
    assert extract(html, options=Options(max_name_work=1_000)).truncated
    assert not extract(html, options=Options(max_name_work=None)).truncated


def test_static_names_fit_the_c_loops_keys() -> None:
    # _cscan_namework.c looks static and adjusted names up by their key of KEY (24) ASCII bytes
    adjusted = {name for kind in ADJUSTED for names in kind.values() for name in names}
    names = STATIC_TAGS | STATIC_ATTRIBUTES | adjusted | {name for kind in ADJUSTED for name in kind}
    assert all(name.isascii() and 0 < len(name) <= 24 for name in names)
    assert not adjusted & (STATIC_TAGS | STATIC_ATTRIBUTES)  # (counted as they are: none static)


# Lexbor 3.1.0 (selectolax 1.0.2's sdist, lexbor/source/lexbor/): dom/interfaces/attr_res.h's
# static attribute names (lxb_dom_attr_res_shs_data, all of which its look-up finds), written out
# here to pin _name_work's copy.
LEXBOR_STATIC_ATTRIBUTES = """accept accept-charset active align alink alt axis bgcolor charset checked
class clear codetype color compact content declare defer dir direction disabled enctype face focus
for frame height hover href hreflang html http-equiv id is lang language link maxlength media method
multiple nohref noresize noshade nowrap placeholder pool public readonly rel required rev rules
scheme scope scrolling selected shape size slot src style system target text title type valign
valuetype vlink width xmlns""".split()
# The same Lexbor: html/tag_res.h's svg tag names (lxb_html_tag_res_fixname_svg), html/tree_res.h's
# svg attribute names (lxb_html_tree_res_attr_adjust_svg_map, "to") and foreign attributes
# (lxb_html_tree_res_attr_adjust_foreign_map: qualified name and local name, "xmlns" left out:
# it looks nothing up), html/tree.c's MathML definitionURL.
LEXBOR_SVG_TAGS = """altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform
clipPath feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur
feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
feTurbulence foreignObject glyphRef linearGradient radialGradient textPath""".split()
LEXBOR_SVG_ATTRIBUTES = """attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits
diffuseConstant edgeMode filterUnits glyphRef gradientTransform gradientUnits kernelMatrix
kernelUnitLength keyPoints keySplines keyTimes lengthAdjust limitingConeAngle markerHeight markerUnits
markerWidth maskContentUnits maskUnits numOctaves pathLength patternContentUnits patternTransform
patternUnits pointsAtX pointsAtY pointsAtZ preserveAlpha preserveAspectRatio primitiveUnits refX refY
repeatCount repeatDur requiredExtensions requiredFeatures specularConstant specularExponent
spreadMethod startOffset stdDeviation stitchTiles surfaceScale systemLanguage tableValues targetX
targetY textLength viewBox viewTarget xChannelSelector yChannelSelector zoomAndPan""".split()
LEXBOR_FOREIGN_ATTRIBUTES = [
    ("xlink:actuate", "actuate"),
    ("xlink:arcrole", "arcrole"),
    ("xlink:href", "href"),
    ("xlink:role", "role"),
    ("xlink:show", "show"),
    ("xlink:title", "title"),
    ("xlink:type", "type"),
    ("xml:lang", "lang"),
    ("xml:space", "space"),
    ("xmlns:xlink", "xlink"),
]


def test_static_attributes_are_lexbors() -> None:
    assert sorted(STATIC_ATTRIBUTES) == sorted(LEXBOR_STATIC_ATTRIBUTES)


def test_adjusted_names_are_lexbors() -> None:
    assert ADJUSTED[0] == {name.lower(): (name,) for name in LEXBOR_SVG_TAGS}
    local = {qualified: (qualified, name) for qualified, name in LEXBOR_FOREIGN_ATTRIBUTES}
    # a local name Lexbor finds static is looked up in no hash
    foreign = {
        key: names[:1] if names[1] in LEXBOR_STATIC_ATTRIBUTES else names for key, names in local.items()
    }
    svg = {name.lower(): (name,) for name in LEXBOR_SVG_ATTRIBUTES}
    assert ADJUSTED[1] == {**svg, "definitionurl": ("definitionURL",), **foreign}
    # the C loop looks an adjusted tag up only among static names, an attribute among the others
    assert set(ADJUSTED[0]) <= STATIC_TAGS and not set(ADJUSTED[1]) & STATIC_ATTRIBUTES
