"""The segment walk over Lexbor's nodes in C (``_cwalk.c``, ``_segment._walk_c``) gives exactly
what the Python walk (``_segment._walk``) gives, on hand-made pages: the same Segmented, in
every mode of the walk, and the same events as the reads through selectolax's API."""

from __future__ import annotations

from typing import Any

import pytest
import selectolax
from selectolax import lexbor

from boilerstrip import _lexbor_walk, _segment
from boilerstrip._errors import ExtractionTimeoutError
from boilerstrip._parse import body_of, parse
from boilerstrip._rules import REVEALED_SKIPPED_TAGS, SKIPPED_TAGS
from boilerstrip._segment_blocks import _State, _traversal
from boilerstrip._segmented import Segmented, finish
from cscan_build import installed, installed_or_built

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
}
DEEP = 100_000  # inline elements: Lexbor parses 100,000 nested <div>s in about 40 s (20,000 here)


def _segmented(
    html: str, walker: Any, reveal: bool = False, panels: bool = False, unseen: bool = True
) -> Segmented:
    tree = parse(html)
    st = _State(reveal, panels, "q", None)
    skipped = REVEALED_SKIPPED_TAGS if reveal else SKIPPED_TAGS
    if walker is None:
        _segment._walk(st, body_of(tree), skipped, None, unseen)
    else:
        _segment._walk_c(st, body_of(tree), skipped, None, unseen, walker=walker)
    return finish(_traversal(st))


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> Any:
    if selectolax.__version__ not in _lexbor_walk.CHECKED:
        pytest.skip("this selectolax is not one _cwalk was checked on")
    return installed_or_built("_cwalk", tmp_path_factory)


@pytest.fixture(scope="module")
def walker(module: Any) -> Any:
    """The module's Walker, bound, whether the probe accepts it or not (test_probe does)."""
    assert module.bind(lexbor.__file__)
    return module.Walker


def test_probe(module: Any) -> None:
    """On a checked selectolax, the module is trusted: the segment stage would use it."""
    assert _lexbor_walk.walker_of(module) is module.Walker


@pytest.mark.parametrize("mode", ["default", "reveal", "panels", "all seen"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_same_segmented(walker: Any, name: str, mode: str) -> None:
    options = {"reveal": mode == "reveal", "panels": mode == "panels", "unseen": mode != "all seen"}
    html = PAGES[name]
    assert _segmented(html, walker, **options) == _segmented(html, None, **options)


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
