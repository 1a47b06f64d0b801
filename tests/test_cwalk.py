"""The segment walk over Lexbor's nodes in C (``_cwalk.c``, ``_segment._walk_c``) gives exactly
what the Python walk (``_segment._walk``) gives, on hand-made pages: the same Segmented, in
every mode of the walk, and the same events as the reads through selectolax's API."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from selectolax import lexbor

from boilerstrip import _lexbor_walk, _markup, _segment
from boilerstrip._compiled import is_extension
from boilerstrip._errors import ExtractionTimeoutError
from boilerstrip._parse import body_of, parse
from boilerstrip._rules import REVEALED_SKIPPED_TAGS, SKIPPED_TAGS
from boilerstrip._screen_reader import SCREEN_READER_CLASSES
from boilerstrip._segment_blocks import _State, _traversal
from boilerstrip._segmented import Segmented, Traversal, finish
from cscan_build import checked_cwalk, installed

# Class names for the screen-reader pre-check's places (see "screen reader places" below).
SCREEN_READER_PLACES = ("sr-only", "visually-hidden", "screen-reader-text", "element-invisible", "clipped")
SCREEN_READER_PLACES += ("assistive-text", "sr", "cl", "hi")  # (and their first two letters alone)
PAGES = {
    "empty": "",
    "text only": "just text",
    "paragraphs": "<p>one</p><p>two <b>bold</b> and <i>it</i></p>",
    "hidden": "<div hidden>gone</div><p style='display: none'>no</p><p style='Visibility:Hidden'>x</p>"
    "<dialog>d</dialog><dialog open>shown</dialog><p popover>pop</p><p>seen</p>",
    "panels": "<div class='tab-panel' hidden>panel text</div><div aria-hidden=true>icon</div><p>body</p>",
    "screen reader": "<p>EUR 3 <span class='sr-only'>EUR 3</span></p><td><span class=sr-only>Yes</span></td>"
    "<button><span class='visually-hidden'>Close</span></button><h2 class=sr-only>Section</h2>"
    "<p><span class='screen-reader-text'>alone</span><script>x</script><!-- c --></p>"
    "<p><span class=sr-only>a</span><b> <i>t</i></b></p><p><span class=sr-only>b</span><b> </b></p>",
    # the screen-reader classes' pre-check at the class's ends and on near misses
    "screen reader edges": "<p>a <span class='x visually-hidden'>ends</span> b</p>"
    "<p><span class=hidden>h</span></p>"
    "<p>c <span class='sr-onl hidde'>near</span> <span class='h s a c r i'>one letter</span></p>"
    "<p>d <span class='element-invisible'>inv</span> <span class='assistive-text'>as</span></p>"
    "<p>e <span class='clipped'>cl</span> <span class='u-clippe'>no</span>"
    " <span class='screen-reader'>sr</span></p>",
    "table": "<table><thead><tr><th>A</th><th>B</th></tr></thead><tr><td>1</td><td><a href=/x>2</a></td></tr>"
    "<tr><td><p>layout</p><p>cell</p></td></tr></table>",
    "lists": "<ol start=3><li>a<ul><li>b</li><li>c</li></ul></li><li>d</li></ol>"
    "<dl><dt>t</dt><dd>d</dd></dl>",
    "pre": "<pre class='language-python'>  a = 1\n\n  b = 2  </pre>"
    "<div class=highlight-go><pre><code>x\ty</code></pre></div>",
    "nested blocks": "<div id=a><section class='s t' itemprop=body><div><p>deep <span>text</span></p></div>"
    "tail</section><blockquote><p>q</p></blockquote><figure><img src=/i.png alt=' a  b '><figcaption>c"
    "</figcaption></figure></div>",
    "breaks": "<p>a<br>b<br><br>c<br> <br>d</p><br><br>",
    "links": "<p><a href=' /a '>one</a> and <a href=''>none</a> <a>bare</a><a href=/b>two <b>x</b></a></p>",
    "links in C": "<a href=/o>open <div>one</div><div>two <a href=/i>in</a></div> tail</a>"
    "<p><a href='\u00a0/nb\u00a0'>nb</a> <a href=/o>again</a> <a href=/o>and</a><a href=/e></a>"
    "<a href>v</a></p><table><tr><th><a href=/h>H</a></th><td><a href=/c>C</a></td></tr>"
    "<thead><tr><td><a href=/t>T</a></td></tr></thead></table><pre><a href=/p>\ncode\n</a></pre>"
    "<p><a href=/x>a<br>b</a> <a href=/y>c</a></p>"
    "<p><a href=/s>x<svg><a href=/z>in svg</a></svg>y</a> z</p>"
    "<a href=/o><table><tr><td>pre <a href=/i>in</a></td><td><a href=/j>j</a> <a href=/k>k</a></td></tr>"
    "</table></a><p>" + "".join(f"<a href=/l{i % 7}>l{i}</a> " for i in range(80)) + "</p>",
    "recorder reads": "<p>a<img class=x src=' /a.png ' data-src=/b.png alt=' A  b ' srcset='x 1x' width=3>"
    "<img data-src=/c.png alt=c loading=lazy><img src='data:x' alt=d></p>"
    "<ol start=' 4 ' class=o type=a reversed><li>four</li></ol><pre data-lang=Rust class=z id=q>r</pre>"
    "<pre><code class='language-go' data-x=1>g</code></pre>",
    "entities": "<p>&amp;&lt;&gt;&quot;&#39;&nbsp;&eacute;&#x1F600;&#0;&#128;&bogus;</p>",
    "non-ASCII": "<p class='é 中'>日本語のテキスト \U0001f600 Ωμέγα</p><p>\u200b\u3000\x0b\x1f</p>",
    "controls": "<p>a\x00b\x07c\x7fd\x85e</p><pre>\x01x\x9fy</pre>",
    "skipped": "<script>s</script><style>p{}</style><noscript><p>no script</p></noscript><template><p>t</p>"
    "</template><svg><text>v</text></svg><select><option>o</option></select><iframe>f</iframe><p>kept</p>",
    "custom": "<my-card data-x=1><x-y>custom</x-y></my-card><_odd>u</_odd><p>p</p>",
    "attributes": "<p data-a data-b='' ID=Up CLASS='c' role=' Note ' itemprop=text>a</p>",
    "whitespace": "   \n\t <p> \n </p>  <div>\u00a0</div>  <pre> \n <b>\t</b><pre> </pre> </pre> <i> </i>",
    "invalid bytes": "<p>a\ufffdb</p>",
    # More names than the walker keeps decoded (32), names past its 24 bytes, non-ASCII names.
    "many attributes": "".join(f"<p data-n{i}='{i}' class=c{i % 3}>{i}</p>" for i in range(40))
    + "<p data-a-very-long-attribute-name-past-24=x data-a-very-long-attribute-name-past-25=y>l</p>"
    + "<p data-é=1 data-e=2 DATA-É=3>n</p><p data-n1=again data-n39=last>r</p>",
    # The hidden test in C: the style's case, non-ASCII letters that lower to ASCII (U+212A,
    # U+0130), empty and valueless styles, popover, dialog open, hidden with a value.
    "hidden styles": "<p style='DISPLAY:NONE'>a</p><p style='Visibility: Hidden;'>b</p>"
    "<p style='d\u0130splay:none'>i</p><p style='display:\u212aone'>k</p>"
    "<p style='color:red; visibility:hidden'>v</p><p style=''>e</p><p style>n</p>"
    "<div popover=manual>p</div><dialog open=''>o</dialog><p hidden=hidden>h</p><p>end</p>",
    "hidden panels": "<div role=' TabPanel ' hidden>t1</div>"
    "<div class='accordion-panel' style='display:none'>t2</div><div id=tab-2 hidden>t3</div>"
    "<div hidden class=other>t4</div><div class=tabs><p hidden>t5</p></div>",
    "screen reader in controls": "<label>Name <span class=sr-only>required</span></label>"
    "<form><p><span class='visually-hidden'>in form</span></p></form>"
    "<h3><span class=sr-only>h</span>x</h3><summary class=sr-only>s</summary>"
    "<p><b class='SR-ONLY'>case</b>t</p><p><i class='x hidden-visually y'>z</i></p>"
    "<p><i class='hiddenfoo'>no</i> beside</p><div><span class=sr-only>only</span></div>",
    "names and roles": "<div id=only-id>a</div><div itemprop=articleBody>b</div>"
    "<div class='' id=x itemprop=''>c</div><div class>d</div><section role=BANNER>e</section>"
    "<nav role='\u0130tem'>f</nav><div role=''>g</div><div data-x=1>h</div>"
    "<aside class='a  b' id='c' itemprop='d'>i</aside><p class='é' id='中'>j</p>",
    # More distinct child tags than an :nth-of-type table starts with, repeated, nested.
    "siblings": "<div>"
    + "".join(f"<{t}>{t}</{t}>" for t in "p span x-a b x-b i p x-c em x-a u p s x-d span q".split())
    + "<div><p>1</p><x-a>2</x-a><p>3</p></div><p>last</p></div>",
    "rows": "<table><tr><th>h<a href=/a>1</a></th><td>c <b>d</b></td></tr>"
    "<tr><td><table><tr><td>in</td><td>ner</td></tr></table></td></tr>"
    "<tr><td>x</td><th><p>y</p></th></tr></table><tr><td>stray</td></tr>",
    "code": "<div class='highlight-rust'><div><pre><code class='language-go'>x</code></pre></div></div>"
    "<pre data-lang=Python><code>y</code></pre><pre><pre>nested</pre> after </pre>"
    "<p><code class=language-c>inline</code></p><pre class=none><code class=lang-js> z </code></pre>",
    "lists and images": "<ol start=' 7 '><li><img src=' /a.png ' alt='x  y'><p>p</p></li></ol>"
    "<img data-src=/b.png><img src='data:x'><ul><li><ul><li>d</li></ul></li><li></li></ul>"
    "<ol start=x><li>e</li></ol>",
    # The C walk keeps the names of the last class/id/itemprop values met: repeated, evicted,
    # too long to keep, and values that join into the same names.
    "repeated names": "<div class='a b'>1</div><div class=a id=b>2</div><div class='a b'>3</div>"
    "<div class=a itemprop=b>4</div><div class=a id=b>5</div>"
    + "".join(f"<p class='c{i % 70}' id=p{i % 3}>{i}</p>" for i in range(300))
    + f"<p class='{'x' * 70}'>long</p>" * 2,
    "links in blocks": "<a href=/x><div>block in link</div>tail</a><p><a href=/y>a<br>b</a><br><br>c</p>"
    "<pre><a href=/z> x </a></pre><a href=' '>blank</a><a href>none</a>",
    # The Recorder's links kept in C (_cwalk_links.c): hrefs in Unicode spaces, a link open across
    # blocks and around another, a block of many links (past the misses' cap), links broken by <br>,
    # repeated URLs, links in a merged row.
    "link edges": "<p><a href='\u3000/u\xa0'>wide spaces</a> <a href='\n\t'>ws</a>"
    " <a href='\u2028'>ls</a></p>"
    "<a href=/open><p>one</p><p>two <a href=/in>in</a> three</p>four</a>"
    + "<p>"
    + "".join(f"<a href=/{i % 5}>w{i}</a> " for i in range(50))
    + "</p>"
    "<p><a href=/m>x<br>y</a> <a href=/m>x</a><a href=/m></a></p>"
    "<div> <a href=/o> <p>x</p>y</a></div>"  # open past dropped whitespace
    "<table><tr><td><a href=/c1>c1</a></td><td>two <a href=/c2>c2</a></td></tr></table>",
    # Whitespace of many pieces dropped (the list's allocation freed past 256: _cwalk_segment.h).
    "long whitespace": "<div><a href=/w>"
    + " <b> </b>" * 300
    + "<p>x</p></a>"
    + " <i> </i>" * 100
    + "<p>y</p></div>",
    # The Recorder's quote depth, which the C block end counts itself (_cwalk_block.c): nested,
    # closed, hidden and left out quotes, blocks of no other structure in and after them.
    "quotes": "<blockquote>a<blockquote><p>b</p>c</blockquote>d</blockquote><p>e</p>"
    "<blockquote hidden>h</blockquote><blockquote class=sr-only>s</blockquote><p>f</p>"
    "<div><blockquote></blockquote>g</div><blockquote><pre>x</pre><br><br>y</blockquote>z",
    # Items counted by the C walk (_cwalk_enter.c's enter_item, Recorder.markup's check of the
    # innermost list): stray items, several blocks per item and per cell (one Markup shared),
    # text after an inner list closed, items in hidden and left-out elements, nested <li>s.
    "list items": "<li>stray</li><ul><li><p>a</p><p>b</p>c<ul><li>in</li><li><p>x</p>y</li></ul>after"
    "</li><li hidden>h</li><li class=sr-only>s</li><li><li>double</li></li></ul>"
    "<ol start=999999999><li>big</li><li><blockquote><p>q</p><p>r</p></blockquote></li></ol>"
    "<table><tr><td><p>c1</p><p>c2</p></td><td>c3</td><th>h</th><th>i</th></tr></table>"
    "<ul><li><pre class=language-js>p1</pre><pre class=language-js>p2</pre></li></ul><li>end</li>",
    # Line breaks: blank lines of whitespace pieces, of links, breaks before any text, in <pre>.
    "break edges": "<br><p><br> <br>a<br> <b> </b><br>b<br><a href=/l> </a><br>c</p>"
    "<pre>x<br>\n<br>y</pre><p><a href=/o>o<br><br>p</a></p><td>t<br><br></td>",
    # Rows the C walk tests before _merge_row (_cwalk_block.c's may_merge): a cell of two blocks
    # (an empty block-level child between), a block-level child of the row, a nested table's
    # row, a layout cell, an empty row, rows of one cell and of a heading.
    # The style's one-pass search (_cwalk_enter.c's hiding_style): two spaces, a space before the
    # colon, inside other words, cut short at the end, the second pattern after a near miss.
    "style edges": "<p style='display:  none'>a</p><p style='display :none'>b</p>"
    "<p style='xdisplay:nonex'>c</p><p style='visibility:hidde'>d</p><p style='display:'>e</p>"
    "<p style='display: nonE'>f</p><p style='visibility: visibility: hidden'>g</p><p style='v'>h</p>"
    "<p style='display:block;display:none'>i</p><p style='DISPLAY: NONE'>j</p><p>k</p>",
    # The screen-reader classes' sixteen-place pre-check (_cwalk_enter.c's pair_hits): a class
    # naming each needle at each place of classes of up to 50 bytes (in a block of 16, at its
    # last place, in the zero-padded tail, at either end), and their first two letters alone.
    "screen reader places": "".join(
        f"<p>t<span class='{'x' * at} {name} {'y' * after}'>{name} {at} {after}</span></p>"
        for name in SCREEN_READER_PLACES
        for at in (0, 1, 7, 13, 14, 15, 16, 29, 30)
        for after in (0, 1, 7, 16)
    ),
    # White space alone between tags, kept once decoded per length and ends (_cwalk_segment.c's
    # spaces_of): the same slot with other bytes, past the kept length, non-ASCII and
    # control spaces, in <pre> and in links, which count its characters.
    "whitespace kept": "<div>"
    + "".join(f"<p>{ws}a</p>{ws}<i>{ws}</i>" for ws in ("\n", " ", "\n  ", " \t", "\t ", "\n\n", "\r\n"))
    + "".join(f"<b>{' ' * n}</b>{chr(10) * (n % 3)}" for n in range(1, 80, 3))
    + "<p>\x1c\x1f \x0b</p><p>\xa0 </p><p> \u3000</p><p>\f</p>"
    + "<pre> \n <b>  </b>\n</pre><pre>\n  </pre><a href=/s>  <b> </b>x</a><a href=/t> </a></div>",
    # The attribute names read, found once per name's id (_cwalk_enter.c's read_attributes):
    # more names than its 64 slots, names with a prefix or a colon, names alike but for case or
    # a part, the names read on one element among many others.
    "attribute ids": "".join(f"<p data-k{i}=1 class=c{i}>{i}</p>" for i in range(90))
    + "<p xlink:href=/x xml:lang=en CLASS=up Role=note>a</p><a xlink:href=/y href=/z>b</a>"
    + "<p data-class=no classes=no clas=no hidden-x style-y=1>c</p><p ID=i ItemProp=j>d</p>"
    + "<svg><a xlink:href=/s role=img><text class=t>s</text></a></svg><math><mi xlink:href=/m>m</mi></math>"
    + "<p hidden class=h>e</p><p popover>f</p><div id=z style='display:none'>g</div><p>end</p>",
    # The names kept by a hash of the values' bytes (_cwalk_enter.c's names_of): values of the
    # same lengths but other bytes, values that join into the same names from other lengths, long
    # class lists (past the 64 bytes kept) repeated and differing in their last byte, non-ASCII
    # and replaced bytes, more names than the slots.
    "names kept": "".join(
        f"<div class='{c}' id='{i}' itemprop='{p}'>{n}</div>"
        for n, (c, i, p) in enumerate(
            [
                ("ab", "", ""),
                ("ba", "", ""),
                ("a b", "c", ""),
                ("a", "b c", ""),
                ("a b c", "", ""),
                ("a", "", "b c"),
                ("", "a b", "c"),
                ("", "", "a b c"),
                ("ab", "", ""),
                ("a b", "c", ""),
            ]
            * 2
        )
    )
    + "".join(f"<p class='{'u-' * 40}{i % 3}'>{i}</p><p class='{'u-' * 40}'>-</p>" for i in range(9))
    + "".join(f"<p class='{'v' * 100}{k}' id='{'w' * 70}'>{k}</p>" for k in "abab")
    + "".join(f"<p class='é {k}' id='中{k}'>{k}</p><p class='\ufffd{k}'>r</p>" for k in "xyxy")
    + "".join(f"<section class='s{i % 300}'>{i}</section>" for i in range(700)),
    # The URLs kept by their href's bytes (_cwalk_links.c's close_link): hrefs of the same length,
    # the same URL in other white space (one str for both), hrefs that strip to nothing, more
    # URLs than 64 slots, repeated.
    "urls kept": "<p>"
    + "".join(
        f"<a href='{h}'>{n}</a> "
        for n, h in enumerate(["/a", "/b", " /a", "/a ", "/a", "/b", " ", "", "/é", "/é"])
    )
    + "</p>"
    + "".join(f"<p><a href=/u{i % 150}>u{i}</a> <a href='/u{i % 150} '>v</a></p>" for i in range(400)),
    # Recorder.enter of an <img> in C (_cwalk_image.c): src in Unicode spaces, empty, valueless or
    # blank (then data-src), data: URLs in any case and after spaces, a "data:" short of its colon,
    # alt absent, valueless, empty and in runs of white space, non-ASCII, more pending images
    # than the Recorder keeps (8) before a block, images in a list item, a link and a <pre>.
    "images": "<p>a<img src='\u3000/u.png\xa0' alt=' x \n y '><img src='' data-src=/d.png alt>"
    "<img src data-src=' /e.png '><img src=' ' data-src=/f.png alt=''><img src=/g.png src=/h.png>"
    "<img src=' DATA:x'><img src='Data:y' data-src=/no.png><img src='data'><img src=' data:'>"
    "<img src=/\u00e9.png alt='\u00e9  \u4e2d'><img data-src=''><img alt=only><img SRC=/up.png></p>"
    + "".join(f"<img src=/g{i}.png alt='g {i}'>" for i in range(12))
    + "<p>after the gallery</p><ul><li><img src=/li.png>item</li></ul>"
    "<a href=/l><img src=/in-link.png alt=link></a> text<pre><img src=/pre.png>code</pre>"
    "<figure><img src=/fig.png alt='a\tb'><figcaption>cap</figcaption></figure>",
    # is_screen_reader_only of an ASCII class in C (_cwalk_hidden.c): each class alone, among
    # others, in ASCII white space of every kind (\x1c-\x1f too, as str.split() reads them),
    # near misses (a prefix, a suffix, another case, a hyphen more), and non-ASCII classes (the
    # Python function's: a no-break space does not split, U+2003 does).
    "screen reader words": "".join(
        f"<p>t<span class='{c}'>{n}</span> u</p>"
        for n, c in enumerate(
            [
                *sorted(SCREEN_READER_CLASSES),
                "x\tsr-only\ny",
                "a\x1csr-only",
                "sr-only\x1f",
                "\x0bclipped\x0c",
                "\rvisually-hidden",
                "sr-onl",
                "sr-only-x",
                "SR-ONLY",
                "visually--hidden",
                "hidden",
                "hidden-visuallyx",
                "é sr-only",
                "sr-only\u00a0x",
                "x\u2003sr-only",
                "sr-only\u00e9",
            ]
        )
    ),
    "row merges": "<table><tr><td>a<div></div>b</td><td>c</td></tr><tr><td>x</td><th>y</th></tr>"
    "<tr><div>d</div><td>e</td></tr><tr><td><table><tr><td>n1</td><td>n2</td></tr></table></td>"
    "<td>o</td></tr><tr><td><p>l1</p></td><td>l2</td></tr><tr></tr><tr><td>one</td></tr>"
    "<tr><td><h2>h</h2></td><td>t</td></tr><tr> <td> </td><td>z</td></tr></table>",
}
DEEP = 100_000  # inline elements: Lexbor parses 100,000 nested <div>s in about 40 s (20,000 here)


def _walked(
    html: str,
    walker: Any,
    *,
    reveal: bool = False,
    panels: bool = False,
    unseen: bool = True,
    narrow: bool = False,
    pack_at: int | None = None,
) -> Traversal:
    tree = parse(html)
    st = _State(reveal, panels, "i" if narrow else "q", pack_at)
    skipped = REVEALED_SKIPPED_TAGS if reveal else SKIPPED_TAGS
    if walker is None:
        _segment._walk(st, body_of(tree), skipped, None, unseen)
    else:
        _segment._walk_c(st, body_of(tree), skipped, None, unseen, walker=walker)
    return _traversal(st)


def _segmented(html: str, walker: Any, **options: Any) -> Segmented:
    return finish(_walked(html, walker, **options))


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return checked_cwalk(tmp_path_factory)


@pytest.fixture(scope="module")
def walker(module: Any) -> Any:
    """The module's Walker, bound, whether the probe accepts it or not (test_probe does)."""
    assert module.bind(lexbor.__file__)
    return module.Walker


class _Reads(dict[str, "str | None"]):
    """A dict that keeps the keys read of it."""

    read: set[str]

    def get(self, key: str, default: Any = None) -> Any:
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> str | None:
        self.read.add(key)
        return super().__getitem__(key)


def test_enter_reads() -> None:
    """The C walk gives Recorder.enter the attributes of _markup.ENTER_READS alone (its table in
    _cwalk_enter.c): they are all Recorder.enter reads of any tag of READS_ATTRIBUTES."""
    source = (Path(_markup.__file__).parent / "_cwalk_enter.c").read_text(encoding="utf-8")
    table = re.search(r"recorder_reads\[\] = \{([^}]*)\}", source)
    assert table is not None
    assert tuple(re.findall(r'"([^"]*)"', table.group(1))) == _markup.ENTER_READS
    if is_extension(_markup):
        pytest.skip("the compiled Recorder reads a dict natively")
    for tag in _markup.READS_ATTRIBUTES:
        for in_pre in (0, 1):
            attrs = _Reads(
                {name: "x" for name in ("start", "src", "data-src", "alt", "class", "data-lang", "id")}
            )
            attrs.read = set()
            _markup.Recorder().enter(tag, attrs, in_pre, "")
            assert attrs.read <= set(_markup.ENTER_READS), tag


@pytest.mark.parametrize(
    ("constant", "value"),
    [("MAX_PENDING_IMAGES", _markup._MAX_PENDING_IMAGES)],
)
def test_image_constants(constant: str, value: int) -> None:
    """The C walk's Recorder.enter of an <img> (_cwalk_image.c) keeps as many pending images as
    the Recorder, and reads the attributes Recorder.enter reads of an <img> (all among ENTER_READS)."""
    source = (Path(_markup.__file__).parent / "_cwalk_image.c").read_text(encoding="utf-8")
    defined = re.search(rf"#define {constant} (\d+)", source)
    assert defined is not None
    assert int(defined.group(1)) == value
    table = re.search(r"image_reads\[I_COUNT\] = \{([^}]*)\}", source)
    assert table is not None
    reads = re.findall(r'"([^"]*)"', table.group(1))
    assert reads == ["src", "data-src", "alt"]
    assert set(reads) <= set(_markup.ENTER_READS)


def test_screen_reader_classes() -> None:
    """The C walk's is_screen_reader_only of an ASCII class (_cwalk_hidden.c) knows the classes
    _screen_reader knows."""
    source = (Path(_markup.__file__).parent / "_cwalk_hidden.c").read_text(encoding="utf-8")
    table = re.search(r"SCREEN_READER_CLASSES\[\] = \{([^}]*)\}", source)
    assert table is not None
    assert frozenset(re.findall(r'"([^"]*)"', table.group(1))) == SCREEN_READER_CLASSES


def test_probe(module: Any) -> None:
    """On a checked selectolax, the module is trusted: the segment stage would use it."""
    assert _lexbor_walk.walker_of(module) is module.Walker


@pytest.mark.parametrize("mode", ["default", "reveal", "panels", "all seen", "narrow", "packed"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_segmented(walker: Any, name: str, mode: str) -> None:
    options = {
        "reveal": mode == "reveal",
        "panels": mode == "panels",
        "unseen": mode != "all seen",
        "narrow": mode == "narrow",
        "pack_at": 3 if mode == "packed" else None,  # the texts in one buffer from the third block
    }
    html = PAGES[name]
    assert _segmented(html, walker, **options) == _segmented(html, None, **options)


@pytest.mark.parametrize("mode", ["default", "reveal", "panels", "all seen"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_withheld(walker: Any, name: str, mode: str) -> None:
    """The C walk tells as the Python walk whether it left out what a walk with reveal reads."""
    options = {"reveal": mode == "reveal", "panels": mode == "panels", "unseen": mode != "all seen"}
    html = PAGES[name]
    assert _walked(html, walker, **options).withheld is _walked(html, None, **options).withheld


@pytest.mark.parametrize("every", [0, 1, 2, 7])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_events(walker: Any, name: str, every: int) -> None:
    root = body_of(parse(PAGES[name]))
    pieces: list[str] = []
    read = list(walker(root, root.mem_id, SKIPPED_TAGS, SKIPPED_TAGS, every, pieces))
    expected: list[str] = []
    assert read == list(_lexbor_walk.events(root, SKIPPED_TAGS, every, expected))
    assert pieces == expected


@pytest.mark.parametrize(
    "html",
    [
        "<span>" * DEEP + "deep" + "</span>" * DEEP + "<p>after</p>",
        "<p>" + "<b>" * DEEP + "x",
        "<div>" * (DEEP // 5) + "<p>deep</p>" + "</div>" * (DEEP // 5) + "tail",
        # Text, classes and links at every level: a table of :nth-of-type counts per level.
        "".join(f"<span class=c{i % 3}>{i}<i>.</i><a href=/{i % 7}>" for i in range(DEEP)),
    ],
)
def test_deep_nesting(walker: Any, html: str) -> None:
    assert _segmented(html, walker) == _segmented(html, None)


@pytest.mark.parametrize("nodes", [10, 5_000])
def test_deadline(walker: Any, nodes: int) -> None:
    """A deadline already past raises at the same node count (every _CHECK_EVERY nodes)."""
    root = body_of(parse("<p>x</p>" * nodes))
    outcomes = []
    for use in (walker, None):
        st = _State(False)
        try:
            if use is None:
                _segment._walk(st, root, SKIPPED_TAGS, 0.0, True)
            else:
                _segment._walk_c(st, root, SKIPPED_TAGS, 0.0, True, walker=use)
            outcomes.append(("done", len(st.texts)))
        except ExtractionTimeoutError:
            outcomes.append(("timeout", len(st.texts)))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == ("done" if nodes * 2 < _segment._CHECK_EVERY else "timeout")


def test_the_build_walks_in_c() -> None:
    """The compiled build's segment stage uses the C walk (the probe passes on this selectolax)."""
    module = installed("_cwalk")
    if module is None:
        pytest.skip("a pure install: the segment stage walks in Python")
    assert _segment.WALKER is not None
    assert _segment.WALKER is module.Walker


def test_errors_of_the_python_reach_the_caller(walker: Any) -> None:
    """An exception in what the segment mode calls (here the block's text) ends the walk with it."""

    def fail(pieces: list[str], breaks: list[int], pre: bool) -> str:
        raise RuntimeError("from the hook")

    root = body_of(parse("<p>a</p><p>b</p>"))
    st = _State(False)
    events = walker(root, root.mem_id, SKIPPED_TAGS, SKIPPED_TAGS, 0, st.pieces)
    hooks = list(_segment._C_HOOKS)
    hooks[hooks.index(_segment._block_text)] = fail
    events.segment(st, True, tuple(hooks))
    with pytest.raises(RuntimeError, match="from the hook"):
        list(events)


def test_segment_mode_is_set_once_on_the_walk_s_own_state(walker: Any) -> None:
    root = body_of(parse("<p>a</p>"))
    st = _State(False)
    with pytest.raises(ValueError, match="pieces"):  # not the list the Walker appends to
        walker(root, root.mem_id, SKIPPED_TAGS, SKIPPED_TAGS, 0, []).segment(st, True, _segment._C_HOOKS)
    events = walker(root, root.mem_id, SKIPPED_TAGS, SKIPPED_TAGS, 0, st.pieces)
    with pytest.raises(ValueError, match="once"):
        events.segment(st, True, _segment._C_HOOKS[:-1])
    events.segment(st, True, _segment._C_HOOKS)
    with pytest.raises(ValueError, match="once"):
        events.segment(st, True, _segment._C_HOOKS)
    assert list(events) == []  # no deadline: no events, the walk done in C
    assert st.texts == ["a"]


def test_a_count_past_a_4_byte_row_is_an_overflow(walker: Any) -> None:
    """With 4-byte rows, an element's count past the row's range raises the OverflowError the
    Python walk makes of struct's error (here a range of one byte, as _C_HOOKS' last item)."""
    root = body_of(parse("<p>" + "x" * 200 + "</p><p>y</p>"))
    for limit, raises in ((127, True), (1000, False)):
        st = _State(False, False, "i")
        events = walker(root, root.mem_id, SKIPPED_TAGS, SKIPPED_TAGS, 0, st.pieces)
        events.segment(st, True, (*_segment._C_HOOKS[:-1], limit))
        if raises:
            with pytest.raises(OverflowError, match="'i' format requires"):
                list(events)
        else:
            assert list(events) == []
