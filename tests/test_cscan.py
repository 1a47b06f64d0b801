"""The limits scan's C loop (_cscan.c, the compiled build) gives exactly the Scan of the
Python loop, the reference: on hand-made, hostile and generated inputs, under several
settings of the limits. Where the compiled build is not installed the extension is built
here from the source with the C compiler (the test skips without one)."""

from __future__ import annotations

import functools
import random
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cscan_build
import hostile_inputs as large
from boilerstrip import _limits, _parse

_LIMITS = (
    "max_nodes",
    "max_depth",
    "max_attributes",
    "max_depth_sum",
    "max_name_work",
    "max_total_attributes",
)
SETTINGS: tuple[dict[str, Any], ...] = tuple(
    dict(zip(_LIMITS, values, strict=True))
    for values in (
        (250_000, 1000, 256, 2_000_000, 8_000_000, 500_000),
        (60, 8, 2, 400, 40, None),
        (7, 3, 0, 30, 3, None),
        (None, None, None, None, None, None),
        (50, None, None, None, None, None),
        (None, None, None, 500, None, None),
        (None, None, None, None, 12, None),
        (None, None, None, None, None, 40),
        (10**30, -5, -1, 10**30, 10**30, 10**30),  # past 64 bits
    )
)

# Hostile and odd markup, each a case the tokenizer or the stack reads differently.
HAND_MADE: dict[str, str] = {
    "empty": "",
    "text only": "just text",
    "lone lt": "a < b <",
    "lt at the end": "<",
    "end tag opener at the end": "x </",
    "empty end tag": "</><p>x",
    "junk end tag": "</ 3><p></ p>x",
    "huge attributes": "<div" + ' a="x"' * 5_000 + ">x</div>",
    "huge attribute value": '<img alt="' + "v" * 100_000 + '">',
    "long tag of spaces": "<span" + " " * 600 + ">x",
    "long two-byte tags": "\u4e2d<div" + ' a="x>\u4e2d"' * 60 + " b='z>" + "<p c=" + "'y" * 300 + ">",
    "many attributes": large.attribute_bomb(2_000),
    "deep nesting": "<div>" * 3_000,
    "deep spans": "<span>" * 3_000 + "</span>" * 1_000,
    "formatting bomb": large.formatting_bomb(50, 200),
    "unterminated tag": "<div><span class='x",
    "unterminated attribute": '<div title="x>y',
    "unterminated tag name": "<p>text<div",
    "comments": "<!-- a --><!----><!--><!---><!-- b --!><div><!-- <div> -->",
    "unterminated comment": "<div><!-- <div><div>",
    "comment of dashes": "<!------><p>x<!--->-->",
    "cdata": "<![CDATA[<div>]]><p>x<![CDATA[",
    "doctype and pi": "<!DOCTYPE html><?xml version='1.0'?><p>x<!x",
    "quoted gt": "<a title=\"a>b\" href='c>d'>x</a><em title=<x>>",
    "unquoted slash": "<svg><path d=M0/><path fill=red/></svg><p>x",
    "equals first": "<span =x a= b = c>x",
    "upper case": "<DIV><P>X</p></DiV><SCRIPT>x</ScRiPt>",
    "raw text": "<script><div></script><style>p{}</style ><title><b></title><textarea></textarea>",
    "unclosed script": "<script>var a = '<div>';",
    "plaintext": "<p><plaintext><div><div>",
    "scripts and styles": "<head><script>a<b</script><style>p{}</style><SCRIPT type=x>1</SCRIPT \n></head>"
    "<body><script><!--<script></script>--></script><p><style>x</style>y<script>z",
    "bodies kept and dropped": "<script type=application/ld+json>{}</script><style data-x=JsOn>p{}</style>"
    "<script src=jsonp.js></script><script>a<!-</script><script>a<!--</script><style><!--x--></style>"
    "<script>x<!--><script>y</script><script>\u4e2d<!-- </script><script data-j\u017fon=1>z</script>",
    "svg and math": "<svg><style><div></style><foreignObject><p>x</p></foreignObject></svg>"
    "<math><mi><b>x</math>",
    "svg bodies kept and dropped": "<svg viewBox='0 0 9 9'>\n <path d='M0 0'/><g><circle r=1></circle></g>"
    "</svg>"
    "<svg><title>x</title></svg><SVG><G class=Price></G></SVG><svg><g></svg><svg/><p><svg><p>x</svg>"
    "<math><svg><path/></svg></math><svg><svg><path/></svg></svg><svg> >x</svg><svg><!-- c --></svg>"
    "<svg>\u4e2d</svg><svg><a href=x><path/></a></svg><b><svg><i></i></svg></b>",
    "noscript runaways": "<noscript><iframe src=x /></noscript><p>a<NOSCRIPT><TEXTAREA></NoScript>b"
    "<noscript><iframe></iframe></noscript><noscript><title>x</noscript><noscript><script>x</noscript>"
    "<noscript><p><plaintext>y</noscript>z<noscript><b><noembed>\u4e2d</noscript ><p>w",
    "merged attributes": "<html lang=en><body class=a ID=b><p>x<BODY class=c id=d data-x>"
    "<html LANG=fr x'y=1 =z>"
    "<body/a='1'b=2/c><body x\"0' ='0 a=\"x>y\" b0='p q'><template><body t=1></template><svg><html s=1>"
    '<head h=1><body \u00c9=1 \u00e9=2 \u017f=3 S=4><body a="x>',
    "tables": "<table><td>a<td>b<tr><th>c</table><table><caption>x<tbody><tr><td>",
    "lists and headings": "<ul><li>a<li>b<p>c<li>d</ul><h1><h2>x</h1></h2><dl><dt>a<dd>b",
    "formatting across blocks": "<b><i><div></b>x</i><p><a href=1><a href=2><nobr><nobr>x</p>y",
    "select and frameset": "<select><option>a<optgroup><option>b</select><frameset><div></frameset>",
    "stray end tags": "<div><div></p></br></p><b></p>x</b></div><p></p></p></BR></div></p>",
    "options in and out of selects": "<option>a<select><option>b<OPTION selected>c<div><option>d</div>"
    "<select><option>e</select><option>f<select><option>g<option>h",
    "template and marker": "<template><b>x</template><td><b>y</td><applet><i>z</applet>w",
    "buttons": "<button><p>x<button>y</button></p>",
    "non-ASCII names": "<\u017fpan>x</\u017fPAN><span\u017f><\u0130mg><DİV>x</dİv>",
    "non-BMP text": "<p>\U0001f600<b>\U0001f600</b>\U0001f600</p>",
    "two-byte text": "<p>\u0100\u4e2d<div title='\u4e2d'>\u4e2d</div>",
    # The tokenizer runs one copy per kind of str (one, two or four bytes a character): each
    # kind with comments, quoted and unquoted values, raw text and an unterminated tag.
    # A script whose "<!--" and "<script" hide its end tag (the parser's double-escaped state):
    # no body is recorded after it; without the "<script", or with "-" not "<!--", they are.
    "script hiding its end tag": "<style>a</style><script><!--<script></script><style>--></script><p>x"
    "<svg><path d=1/></svg><script>y</script><style>z</style>",
    "script hiding it, in capitals": "<script>a<!-- b <SCRIPT>c</script><style>d</style>--></script>"
    "<style>e</style>",
    "script with a comment only": "<script><!-- a --></script><style>b</style><script>c<!--</script>"
    "<style>d</style>",
    "script with <scrip only": "<script><!-- <scrip </script><style>b</style><script>x<!-<script></script>"
    "<style>y</style>",
    "script hiding it, two-byte": "<script>\u4e2d<!--<script>\u4e2d</script><style>--></script>"
    "<style>\u4e2d</style>",
    "one-byte kind": "<!-- \xe9 --><div title='\xe9>' id=\xe9>\xe9<script>\xe9</SCRIPT\t><b \xe9=\"x",
    "two-byte kind": "<!-- \u4e2d --><div title='\u4e2d>' id=\u4e2d>\u4e2d<script>\u4e2d</SCRIPT\t>"
    '<b \u4e2d="x',
    "four-byte kind": "<!-- \U0001f600 --><div title='\U0001f600>' id=\U0001f600>\U0001f600<script>"
    '\U0001f600</SCRIPT\t><b \U0001f600="x',
    "two-byte comments": "\u4e2d<!--\u4e2d--!><!--->x<!-- - -- ->\u4e2d<?x \u4e2d><!x><p>\u4e2d<!--",
    "four-byte bogus": "\U0001f600</\U0001f600><p></ \U0001f600 ><!\U0001f600><?\U0001f600",
    # Two-byte characters one of whose bytes is "<", "-", ">" or a quote (U+013C, U+3C3C,
    # U+2D2D, U+3E01, U+2222, U+2701), near a tag and past the 32 characters read first.
    "two-byte false hits": "\u013c" * 40
    + "<p>"
    + "\u3c3c\u013c" * 30
    + "<!--"
    + "\u2d2d-" * 30
    + "-->"
    + '<a title="'
    + "\u2222\u0122" * 30
    + "\">x</a><i title='"
    + "\u2701" * 40
    + "'>"
    + "\u3e01" * 40
    + "<?pi "
    + "\u3e3e" * 40
    + "><em>"
    + "\u4e2d" * 33
    + "<",
    # The svg check's search for the inner words' letters and a tag's ends (_cscan_text.c's
    # next_inner_stop, sixteen or eight characters at once): each at each place of a long
    # path, in text of each kind.
    **{
        f"svg stops, {kind}": kind
        + "".join(
            f"<svg><path d='{'9' * at}{stop}{'0' * after}'/></svg>"
            for stop in ("price", "PRICE", "Itemprop", "itemtype", "pr", "i", "P", "<title", ">x", "")
            for at in (0, 1, 7, 8, 15, 16, 17, 31)
            for after in (0, 9, 20)
        )
        for kind in ("", "\xe9", "\u4e2d", "\U0001f600")
    },
    "lone surrogates": "<p>\udcff<div>\ud800</div><b\udcff>x",
    "replacement characters": _parse.decode(b"<p>\xff\xfe<div>\x80\x81<b>\xc3(</b>"),
    "control characters": "<p\v>x<div\x00>y</div\x0b><a\x0c href=x>z",
    # Lexbor's name-table work (_name_work): names outside its static tables, in any case, with
    # NULs and characters outside ASCII (counted as in every bucket), in end tags and cut tags.
    "custom names": "<x-a data-b=1 DATA-B=2 Onclick=x rel=y><X-A></x-a><g><G/></g><\u00e9l \u00e9=1 =z>"
    "<a\x00b c\x00d=1></a\x00B><svg><path d=1 Fill=red><feComponentTransfer/><feSpecularLighting>"
    "<x-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa data-bbbbbbbbbbbbbbbbbbbbbbb=1 data-bbbbbbbbbbbbbbbbbbbbbbbB=2></svg>"
    "<p \u4e2d=\u4e2d></p x=1><x-b y=1 z='",
    "names in one bucket": large.colliding_end_tags(40, 400) + "<br a=1>" * 20,
    # The C loop's name work reads a short ASCII name fast (its key: up to 24 characters), any
    # other slowly, and skips a tables' tag it knows static: each way, and across each border.
    "svg and MathML names looked up again": "<svg viewBox=1 VIEWBOX=2 xlink:HREF=3 xlink:actuate=4><clipPath>"
    + "<FECOMPONENTTRANSFER/></clippath><foreignObject><math definitionurl=1 xmlns:xlink=x></svg>",
    "fast and slow names": "<link/><lin\u212a href=1><LINK REL=x><lin\u212a><a\u212a></A\u212a>"
    + "<b></b ><b x=1></b><DIV/>"
    + "".join(
        f"<x-{'t' * n} {'a' * n}=1 {'A' * n}B='2' data-{'b' * n}></x-{'T' * n}>"
        for n in (20, 21, 22, 23, 24, 28, 29, 30, 31)
    )
    + "<p \x00a=1 a\x00=2 =\x00 a\x00b\x00c \x00></p \x00><q \u00e9=1 a\u00e9 \u4e2d\u4e2d=2 \U0001f600>"
    + "<svg><path D=1 d=2 STYLE=x CLASS=y><feComponentTransfer></svg>",
    "distinct names": large.distinct_end_tags(300) + large.distinct_attributes(3, 40),
    # The name work reads the names the tokenizer found in a tag closed by its ">" (up to 32 of
    # them; past that, or in a tag the text's end cuts, it walks the tag itself), and tells the
    # commonest static names from their characters: names that begin or end like them, in
    # capitals, before a space or a "/", on each side of 32 attributes, values holding ">".
    "common attribute names": "<a class=x classes=1 clas=2 CLASS=3 class =4 class/id=5 i=6 ids=7 hreflang=8>"
    + "<img src=1 srcset=2 alt alt= title='>' type=\"a>b\" target content width height href rel style/>"
    + "".join(f"<p{' class=x' * n}{' data-x=1' * (n % 3)}>" for n in (31, 32, 33, 40))
    + "<x-y class=1 data-z=2 style='x>y'></x-y class=1 data-q=2><b class=\"open>",
}


def _generated(seed: int) -> str:
    """Random runs of the pieces the loop's branches turn on."""
    rng = random.Random(seed)
    pieces = [
        "<span>",
        "</span>",
        "<SPAN class='x'>",
        '<a href="/x">',
        "</a>",
        "</A >",
        "<b>",
        "</b>",
        "<i>",
        "<br>",
        "</br>",
        "<img src=x/>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<li>",
        "</li>",
        "<ul>",
        "</ul>",
        "<table><td>",
        "</td>",
        "<tr>",
        "</table>",
        "<svg>",
        "</svg>",
        "<path/>",
        "<nobr>",
        "</nobr>",
        "<h2>",
        "</h2>",
        "<em title='<x>'>",
        "<font size=2>",
        "</font>",
        "<frameset>",
        "<select>",
        "<option>",
        "<template>",
        "</template>",
        "<caption>",
        "<math>",
        "<mi>",
        "<svg>",
        "</svg>",
        "<svg/>",
        "<path d='M0'/>",
        "<g>",
        "</g>",
        "<p>",
        " price ",
        "<foreignObject>",
        "<title>",
        "</title>",
        "<noscript>",
        "</noscript>",
        "</NOSCRIPT>",
        "<iframe/>",
        "<textarea>",
        "<script>x</script>",
        "<style>",
        "</style>",
        "<plaintext>",
        "<!-- c -->",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<?x>",
        "</ x>",
        "text ",
        "< 3 ",
        "\u017f",
        "\U0001f600",
        "<span" + " a=b" * 130 + ">",
        '"',
        "'",
        "=",
        ">",
        "<",
        "/",
    ]
    return "".join(rng.choice(pieces) for _ in range(rng.randint(0, 300)))


@pytest.fixture(scope="module")
def loop(tmp_path_factory: pytest.TempPathFactory) -> _limits.CLoop:
    installed = _limits.c_loop()
    if installed is not None:
        return installed
    cc = cscan_build.compiler()
    if cc is None:
        pytest.skip("no C compiler, and the compiled build is not installed")
    return cscan_build.build(tmp_path_factory.mktemp("cscan"), cc)


def _recorded(
    scan: Callable[..., _limits.Scan], text: str | bytes, setting: dict[str, Any], spans: str
) -> tuple[_limits.Scan, list[int]]:
    """``scan`` of ``text`` at ``setting``, and the spans it recorded in its list named ``spans``."""
    recorded: list[int] = []
    if spans == "bodies":
        return scan(text, **setting, bodies=recorded), recorded
    return scan(text, **setting, runaways=recorded), recorded


def _assert_same(loop: _limits.CLoop, text: str) -> None:
    """The same Scan, and the same spans recorded: the scripts and style sheets that may go
    (``bodies``), the raw text that runs past its noscript (``runaways``); and the text's
    UTF-8 scanned as bytes the same as its Latin-1 text, in both loops."""
    data = text.encode("utf-8", "surrogatepass")
    in_c = functools.partial(_limits.scan_c, loop)
    for setting in SETTINGS:
        for spans in ("bodies", "runaways"):
            found = _recorded(in_c, text, setting, spans)
            assert found == _recorded(_limits.scan_python, text, setting, spans), (setting, spans)
            if spans == "bodies":
                assert in_c(text, **setting) == found[0], setting  # bodies change nothing else
            as_text = _recorded(_limits.scan_python, data.decode("latin-1"), setting, spans)
            for scan in (_limits.scan_python, in_c):
                assert _recorded(scan, data, setting, spans) == as_text, (setting, spans)


@pytest.mark.parametrize("name", sorted(HAND_MADE))
def test_hand_made(loop: _limits.CLoop, name: str) -> None:
    _assert_same(loop, HAND_MADE[name])


@pytest.mark.parametrize("name", sorted(HAND_MADE))
def test_hand_made_cut_anywhere(loop: _limits.CLoop, name: str) -> None:
    text = HAND_MADE[name][:5_000]
    for end in range(0, len(text), max(1, len(text) // 60)):
        _assert_same(loop, text[:end])


@pytest.mark.parametrize("seed", range(300))
def test_generated(loop: _limits.CLoop, seed: int) -> None:
    _assert_same(loop, _generated(seed))


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="<>/!?-=\"' \t\nabdipsvAB\u017f\U0001f600", max_size=200))
def test_random_markup(loop: _limits.CLoop, text: str) -> None:
    _assert_same(loop, text)


_SVG_PIECES = [
    "<",
    ">",
    "/",
    " ",
    "\n",
    "!",
    "x",
    "<path/>",
    "<g>",
    "</g>",
    "<title>",
    "<TiMe",
    "ItemProp",
    "price",
    "pric",
    "<foreignObject>",
    "<!--",
    "\u00a0",
    "\u4e2d",
    "\U0001f600",
    "='",
    "<svg>",
    "</svg>",
    "<p>",
]


@settings(max_examples=300, deadline=None)
@given(body=st.lists(st.sampled_from(_SVG_PIECES), max_size=40))
def test_random_svg_bodies(loop: _limits.CLoop, body: list[str]) -> None:
    """The svg bodies recorded (_svg_bodies): the C loop's check and the pattern agree."""
    _assert_same(loop, "<p>a<svg viewBox='0 0 1 1'>" + "".join(body) + "</svg>b")


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=300))
def test_bytes_not_utf8(loop: _limits.CLoop, data: bytes) -> None:
    _assert_same(loop, _parse.decode(b"<p><div title='x'>" + data + b"<b>y</b>"))


def test_cuts_are_found(loop: _limits.CLoop) -> None:
    """The settings above do reach every limit (else agreeing would prove little)."""
    found = {
        _limits.scan_c(loop, text, **setting).limit for text in HAND_MADE.values() for setting in SETTINGS
    }
    assert set(_LIMITS) <= found


@pytest.mark.parametrize(
    "make",
    [
        large.distinct_end_tags,
        large.distinct_elements,
        large.distinct_svg_elements,
        large.distinct_attributes,
        large.colliding_end_tags,
        large.adjusted_attributes,
        large.adjusted_tags,
    ],
)
def test_hostile_names(loop: _limits.CLoop, make: Callable[[], str]) -> None:
    html = make()  # cut by max_name_work at its default, and at five times it
    in_c = functools.partial(_limits.scan_c, loop)
    for setting in (SETTINGS[0], {**SETTINGS[3], "max_name_work": 20_000_000}):
        for text in (html, html.encode()):
            found = in_c(text, **setting)
            assert found == _limits.scan_python(text, **setting) and found.limit == "max_name_work"
