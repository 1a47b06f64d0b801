"""The compiled build's stack of open elements (_cstack.c, a port of _open_elements.py driven by
the limits scan's C loop) against the Python one, the reference: the C loop and the Python
loop give the same Scan and the same recorded bodies on inputs made of every name the
stack's tables hold (tests/test_cscan.py's generated pieces are a few tags of each kind), on
hand-made inputs for each step of the tree builder, and on hostile ones."""

from __future__ import annotations

import random
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hostile_inputs as large
from boilerstrip import _limits, _open_elements, _scan_patterns
from test_cscan import SETTINGS, _assert_same


@pytest.fixture(scope="module")
def loop(cscan: ModuleType) -> _limits.CLoop:
    found: _limits.CLoop = cscan.scan
    return found


def _table_names() -> list[str]:
    kinds, _, sets, _, _ = _open_elements.C_TABLES
    return sorted(set(kinds).union(*sets, _scan_patterns.TEXT_STARTS))


# Names the tables do not hold, each read another way: common, custom, longer than the C
# table's 16 bytes, non-ASCII, and non-ASCII that str.lower() makes a table name (the Kelvin
# sign lowers to "k": "<\u212aeygen>" is a <keygen>, void).
OTHER_NAMES = (
    "span",
    "x-card",
    "custom-element-with-a-long-name",
    "abcdefghijklmnopq",
    "\u017fpan",
    "\u212aeygen",
    "bloc\u212aquote",
    "\u212abd",
    "DİV",
)

# One case for each step of start_tag, end_tag and the stack's methods.
HAND_MADE: dict[str, str] = {
    "adoption agency": "<a href=1><div><a href=2>x</a></div></a><b><p>y</b>z</p>",
    "adoption deep": "<b>" + "<div>" * 70 + "</b>x",
    "adoption past 64": "<a href=1><i>" + "<div>" * 70 + "<b><a href=2>x</a><nobr>" + "<p>" * 66 + "</nobr>y",
    "noahs ark": "<p>" + "<b class=x>" * 6 + "</p>x<p>y" + "</b>" * 6,
    "noahs ark mixed keys": "<p><b class=x><b class=y><b class=x><b class=x><b class=x></p>x<i>y</i>z",
    "forget detached": "<p><i><b></p>x</b>y</i>z<p><u></p></u>w",
    "forget past 64": "<div>" + "<b id=k>" + "".join(f"<i id={i}>" for i in range(80)) + "</div></b>x",
    "formatting above": "<a href=1>" + "<b>" * 5 + "<div>" + "</a>x",
    "retired p in table": "<p>x<table><tr><td>a</td></tr></table></p>y<p>z",
    "table sections": "<table><tr><td>a<td>b</table><table><thead><th>c<tbody><td>d<tfoot><tr><td>e</table>",
    "table in table": "<table><table><td><table></table></td></table>",
    "cells outside tables": "<td>a<tr>b<th>c<tbody>d</td></tr>",
    "captions and colgroups": "<table><caption><b>x</caption><colgroup><col><td>y</table>",
    "lists": "<ul><li>a<div><li>b</div><li>c<p>d<li>e</ul><ol><li><span><li>x</ol>",
    "definitions": "<dl><dt>a<dd>b<div><dt>c</div><dd>d<address><dd>e</dl>",
    "headings": "<h1>a<h2>b</h3>c<h4><p>d</h1>e<h5><div></h6>",
    "options": "<select><option>a<option>b<optgroup><option>c</select><option>x<optgroup>y",
    "buttons and nobr": "<button>a<button>b<nobr>c<nobr>d<div><nobr>e</nobr></button>",
    "p end tags": "</p><button><p>x</button></p><p><b>y</p></p>",
    "br end tag": "<p><b>x</p></br>y</br>",
    "frameset": "<frameset><div><p></div></p><frame></frameset><b></b>",
    "templates": "<template><b>x<td>y</template>z<template><template></template>",
    "markers": "<b><applet><i>x</applet>y<object><u>z<marquee>w</object></b>",
    "foreign breakout": "<svg><g><p>x</g></svg><math><mi><b>y</mi><mo/><ul></math>",
    "foreign self closing": "<svg><path/><path d=M0/><rect x='1'/><rect x = \"2\" /><g/ ></svg>x",
    "foreign integration": "<svg><foreignObject><div>x</div></foreignObject><desc><b>y</desc>"
    "<title>z</title></svg>",
    "foreign points by namespace": "<math><desc><b>a<title><i>b</title></desc><foreignObject><p>c</math>"
    "<svg><mi><b>d<mtext><i>e</mtext><ms><mo><mn><p>f</svg><svg><desc><b>g<title><i>h</i></title></svg>",
    "math text points": "<math><mi><b>a<mglyph><i>b</mglyph><malignmark/><mtext><p>c<mglyph><u>d</math>x",
    "annotation-xml": "<math><annotation-xml><b>a<svg><desc><p>b</svg></annotation-xml>"
    "<annotation-xml encoding=text/html><i>c<svg><desc><u>d</math><math><svg><desc><p>e</math>",
    "breakout to a point": "<svg><foreignObject><svg><g><p>a</p></svg><desc><svg><desc><svg><g><div>b</svg>"
    "<math><mi><mglyph><ul>c</math><math><annotation-xml encoding=text/html><math><mi><p>d",
    "foreign raw text": "<svg><script>a<b></script><style>c</style></svg><script>d</script>",
    "scoped ends": "<div><span><section>x</div></span></section><object><div></object>",
    "form end": "<form><div></form>x</div></form>",
    "ignored names": "<html><head><body><p>x</body></html></head><html>",
    "upper and mixed case": "<B><I>x</b></I><TABLE><TD>y</Td></TaBlE><SVG><PATH/></SVG>",
    "names past the table": "<abcdefghijklmnopq><abcdefghijklmnop></abcdefghijklmnopq></abcdefghijklmnop>",
    "kelvin sign": "<\u212aEYGEN><p>x<bloc\u212aquote>y</BLOCKQUOTE><\u212abd>z</kbd>",
    "unknown ends": "<x-a><x-b></x-a></x-c><span><span></span>",
    "raw text in select": "<select><style>x</style><textarea>y</textarea><script>z</script></select>",
    "raw text in frameset": "<frameset><title>x</title><script>y</script>",
    "plaintext in svg": "<svg><plaintext><p>x</p></svg>",
    "raw text ends": "<script>a</scrip>b</script >c<style>d</STYLE/>e<title>f</title\n><xmp>g</xmp>"
    "<iframe>h</iframex></iframe><noembed>i</noembed><noframes>j</noframes><textarea>k</textarea\t>",
    "raw text ends folded": "<script>a</\u017fcript>b<style>c</\u017ftyle>d<title>e</t\u0130tle>"
    "f<iframe>g</\u0131frame>h<script></scr\u0130pt></script>",
    "raw text ends non-ASCII": "<script>a</scr\u00efpt>b</script\u00a0>c</script>",
    "raw text end at the end": "<script>a</script",
    "raw text end cut": "<style>a</sty",
    "deep formatting": "<b>" * 200 + "<p>x</p>" * 10,
    "deep nesting": "<div>" * 10_000 + "x",
    "formatting bomb": large.formatting_bomb(40, 150),
}


# The encoding attributes of annotation-xml (an HTML integration point when it says HTML), as
# the tokenizer reads attributes and character references.
ENCODINGS = (
    "encoding=text/html",
    "ENCODING='Text/HTML'",
    'encoding="application/xhtml+xml"',
    "encoding = text/html",
    "encoding\t=\n'text/html'",
    "/encoding=text/html",
    "x encoding=text/html",
    "x=encoding encoding=text/html",
    "encoding=text/html encoding=x",
    "encoding=x encoding=text/html",
    "encoding encoding=text/html",
    "encoding= text/html/",
    "encoding=text/html/",
    "encoding=' text/html'",
    "encoding='text/html '",
    "encoding=text/htm",
    "encoding=text/htmlx",
    "encoding='text&sol;html'",
    "encoding='text&#47;html'",
    "encoding='text&#047html'",
    "encoding='text&#x2F;html'",
    "encoding='text&#X2f;html'",
    "encoding='&#116;ext/html'",
    "encoding='text&#1;/html'",
    "encoding='text&#x110000000000000000000000002F;html'",
    # past Python's 4,300 digits of a decimal int(); leading zeros before a character
    "encoding='text&#" + "1" * 5_000 + ";html'",
    "encoding='text&#" + "0" * 5_000 + "47;html'",
    "encoding='text&#x" + "0" * 5_000 + "2f;html'",
    "encoding='text&#;html'",
    "encoding='text&#x;html'",
    "encoding='text&sol html'",
    "encoding='application&sol;xhtml&plus;xml'",
    "encoding='application/xhtml&plusxml'",
    "encoding='text&amp;/html'",
    "encoding='t\u0130xt/html'",
    "encoding='\u212a'",
    "encod\u0130ng=text/html",
    "=encoding=text/html",
    "encoding=''",
    "encoding",
)


@pytest.mark.parametrize("attribute", ENCODINGS)
def test_annotation_xml_encoding(loop: _limits.CLoop, attribute: str) -> None:
    _assert_same(loop, f"<math><annotation-xml {attribute}>" + "<b>x" * 6 + "<div>y</math>z")
    inside = f"<annotation-xml {attribute}><svg><desc><p>b"
    _assert_same(loop, f"<div><math><ANNOTATION-XML {attribute}/><i>a{inside}")


ATTRIBUTE_PIECES = (
    *("encoding", "ENCODING", "=", " ", "\t", "/", '"', "'", "text/html", "TEXT", "/html", "x"),
    *("&sol;", "&#47;", "&#x2f", "&#", "&plus;", "application", "xhtml+xml", "\u0130", ">"),
)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(attributes=st.lists(st.sampled_from(ATTRIBUTE_PIECES), max_size=12))
def test_annotation_xml_attributes_random(loop: _limits.CLoop, attributes: list[str]) -> None:
    _assert_same(loop, "<math><annotation-xml " + "".join(attributes) + "><b>x<b>y<div>z")


def _generated(seed: int) -> str:
    """Random tags of every table name and a few others, with keys that repeat."""
    rng = random.Random(seed)
    names = [*_table_names(), *OTHER_NAMES]
    pieces: list[str] = []
    for _ in range(rng.randint(0, 400)):
        roll = rng.random()
        name = rng.choice(names)
        if rng.random() < 0.2:
            name = name.upper()
        if roll < 0.45:
            attributes = rng.choice(
                ["", "", " class=x", " id=1", f" id={rng.randint(0, 3)}", " d=a/", " x='y'"]
            )
            pieces.append(f"<{name}{attributes}{rng.choice(['>', '>', '/>', ' />'])}")
        elif roll < 0.8:
            pieces.append(f"</{name}>")
        else:
            pieces.append(rng.choice(["text", " ", "<!-- c -->", "\u4e2d", "x"]))
    return "".join(pieces)


@pytest.mark.parametrize("name", sorted(HAND_MADE))
def test_hand_made(loop: _limits.CLoop, name: str) -> None:
    _assert_same(loop, HAND_MADE[name])


@pytest.mark.parametrize("seed", range(400))
def test_generated(loop: _limits.CLoop, seed: int) -> None:
    _assert_same(loop, _generated(seed))


@settings(max_examples=200, deadline=None)
@given(
    tags=st.lists(
        st.tuples(
            st.sampled_from([*_table_names(), *OTHER_NAMES]), st.booleans(), st.sampled_from(["", " id=1"])
        ),
        max_size=120,
    )
)
def test_random_tags(loop: _limits.CLoop, tags: list[tuple[str, bool, str]]) -> None:
    _assert_same(loop, "".join(f"</{n}>" if end else f"<{n}{a}>x" for n, end, a in tags))


@pytest.mark.parametrize(
    "text",
    [large.deep_nesting(100_000), large.formatting_bomb(300, 1_000)],
    ids=["100,000-deep nesting", "formatting bomb 300 x 1,000"],
)
def test_hostile(loop: _limits.CLoop, text: str) -> None:
    """No recursion and the same count on the hostile inputs, with and without limits."""
    for setting in (SETTINGS[0], SETTINGS[3]):
        assert _limits.scan_c(loop, text, **setting) == _limits.scan_python(text, **setting)


def test_every_table_name_is_read(loop: _limits.CLoop) -> None:
    """Each table name alone, as start and end tag, in each case: the same as the Python stack
    (the C table gives every name its sets)."""
    for name in _table_names():
        for written in (name, name.upper()):
            _assert_same(loop, f"<p><{written} id=1>x</{written}>y<{written}/>z")


def _attribute_counts_agree(loop: _limits.CLoop, text: str) -> None:
    """The C loop's attribute count of the long tags equals _ATTRIBUTE.findall's: for every
    limit from 0 to 600, the same cut (given text and given its UTF-8 bytes)."""
    for data in (text, text.encode("utf-8", "surrogatepass")):
        for limit in range(0, 600, 7):
            setting = {"max_nodes": None, "max_depth": None, "max_attributes": limit}
            assert _limits.scan_c(loop, data, **setting) == _limits.scan_python(data, **setting), limit


# Long tags (the count starts at 512 characters): quotes closed and not, values quoted and
# bare, "=" with and without names, and the spaces \s reads beyond the tokenizer's (U+00A0,
# U+0085, U+3000, U+2028; in bytes, Latin-1's 0x85 and 0xA0).
LONG_TAGS: dict[str, str] = {
    "bare values": "<div " + "a=b c = d e= f=g " * 40 + ">x",
    "quoted values": "<div " + 'a="b c" d=\'e f\' g = "h>i" ' * 20 + ">x",
    "unclosed quote": "<div " + "a=b " * 140 + 'c="d e f>g h=i>x',
    "unclosed single quote": "<div " + "a=b " * 140 + "c='d e f>x",
    "equals alone": "<div " + "= =a b= =c " * 60 + ">x",
    "slashes": "<div " + "a/b/=c /d=/e " * 50 + ">x",
    "unicode spaces": "<div " + "a\u00a0b\u3000c=\u2028d\u0085e= \u00a0f " * 40 + ">x",
    "latin-1 spaces as bytes": "<div " + "a\x85b\xa0c=\xa0d " * 60 + ">x",
    "quotes in names": "<div " + "a\"b c'd e=\"f\"g'h' " * 40 + ">x",
}


@pytest.mark.parametrize("name", sorted(LONG_TAGS))
def test_attribute_count(loop: _limits.CLoop, name: str) -> None:
    assert len(LONG_TAGS[name]) >= 512
    _attribute_counts_agree(loop, LONG_TAGS[name])


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(piece=st.text(alphabet="ab=\"' \t/\u00a0\u0085\u3000\u2028\u00e9", min_size=1, max_size=60))
def test_attribute_count_random(loop: _limits.CLoop, piece: str) -> None:
    _attribute_counts_agree(loop, "<div " + (piece * (520 // len(piece) + 1)).replace(">", "") + ">x<b>y")
