"""The segment walk's traversal in C (``boilerstrip._cwalk``, the compiled build), when it can
be trusted here: looked up once, at import.

``_cwalk.Walker`` reads Lexbor's nodes through the functions selectolax's extension exports
(found in the loaded extension, by name) and a text node's data at Lexbor's struct layout,
which was checked on the selectolax versions of :data:`CHECKED`. It is used only when the
installed selectolax is one of them, every function is found, and a probe page read both ways
(:func:`events`, the same reads through selectolax's API) gives the same events; otherwise
:data:`WALKER` is None and the segment stage walks in Python (the same output, more time).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final

from ._compiled import c_module
from ._rules import SKIPPED_TAGS

CHECKED: Final = frozenset({"1.0.2"})  # selectolax versions whose Lexbor layout _cwalk.c was checked on
# Every kind of node and read the walk meets: entities, non-ASCII text, valueless and
# repeated attributes, comments, a skipped element, custom and SVG elements, <br>, empty
# elements, a doctype.
PROBE: Final = (
    "<!DOCTYPE html><html><head><title>t</title></head><body class='a b' data-x>"
    "<p id=p1>x &amp; y &eacute;\u00e9\u4e2d\U0001f600<br>z<!--c--></p><script>s()</script>"
    "<my-box hidden>in<b></b></my-box><svg><text>v</text></svg><ul><li>1</li><li></li></ul>"
    "<a href='/h?q=1&amp;r'>l</a><img src=x alt=''><pre> \n<b> </b><i></i></pre> <pre></pre></body></html>"
)


def events(root: Any, skipped: frozenset[str], every: int, pieces: list[str]) -> Iterator[object]:
    """What ``_cwalk.Walker`` gives for the subtree at ``root``, read through selectolax's API
    as ``_segment._walk`` reads it (the texts appended to ``pieces``); every element is
    entered (no skip())."""
    tags: dict[int, str] = {}
    parents: list[tuple[Any, bool]] = []  # with whether each is a <pre>
    node, left, in_pre = root, every, 0
    while node is not None:
        if every:
            left -= 1
            if not left:
                left = every
                yield ""
        raw = node.text_content
        enter = False
        if raw is None:
            tag = tags.get(node.tag_id)
            if tag is None:
                name = node.tag
                gone = not name or (name[0] in "-_!" and name != "-text") or name in skipped
                tag = tags[node.tag_id] = "" if gone else name
            if tag == "br":
                yield "br"
            elif tag and tag != "-text":
                yield (tag, node.attributes)
                enter = True
        elif raw:
            pieces.append(raw)
            visible = len(raw.strip())
            if visible or in_pre:
                yield visible
        if enter:
            child = node.first_child
            if child is not None:
                in_pre += tag == "pre"
                parents.append((node, tag == "pre"))
                node = child
                continue
            yield None
        following = None
        while parents:
            following = node.next
            if following is not None:
                break
            node, pre = parents.pop()
            in_pre -= pre
            yield None
        node = following


_MODULE: Final = c_module("_cwalk")  # looked up once, for the Walker and page_marks


def _walker() -> Any:
    """``_cwalk.Walker`` when it is built, bound and reads the probe as selectolax does; else None."""
    if _MODULE is None:
        return None
    return walker_of(_MODULE)


def walker_of(module: Any) -> Any:
    """The Walker of a built ``_cwalk`` module, bound to the loaded selectolax, or None when it
    cannot be trusted (see the module's docstring)."""
    import selectolax
    from selectolax import lexbor
    from selectolax.lexbor import LexborHTMLParser

    if getattr(selectolax, "__version__", None) not in CHECKED or not module.bind(lexbor.__file__):
        return None
    root = LexborHTMLParser(PROBE).root
    if root is None:
        return None
    for every in (0, 3):
        pieces: list[str] = []
        read = list(module.Walker(root, root.mem_id, SKIPPED_TAGS, SKIPPED_TAGS, every, pieces))
        expected: list[str] = []
        if read != list(events(root, SKIPPED_TAGS, every, expected)) or pieces != expected:
            return None
    return module.Walker


WALKER: Final = _walker()  # _cwalk.Walker, or None: the segment stage walks in Python

# Elements each of _page_type's whole-tree selectors finds, and near misses (case, white space,
# a value's absence, a template's content), in a quirks-mode and a standards-mode document.
MARKS_PROBE: Final = (
    "<p itemprop=price class='a price'>1</p><b class=PRICE itemprop=Price>2</b><i class='price\vx'>3</i>"
    "<template><p class=price></p></template><u class='x\tprice\n'>4</u><s itemprop class>5</s>"
    "<div itemtype='https://schema.org/DiscussionForumPosting'><svg><g class=price /></svg></div>"
)
THREAD_SELECTOR: Final = '[itemtype*="schema.org/DiscussionForumPosting"]'
PRICE_SELECTOR: Final = '[itemprop="price"], .price'


def _page_marks() -> Any:
    """``_cwalk.page_marks`` where the Walker is trusted and it reads the probe pages as the
    selectors do (:data:`MARKS_PROBE`); else None: _page_type asks the selectors."""
    return None if _MODULE is None or WALKER is None else page_marks_of(_MODULE)


def page_marks_of(module: Any) -> Any:
    """The ``page_marks`` of a built and bound ``_cwalk`` module, or None where it reads a probe
    page otherwise than the selectors do."""
    from selectolax.lexbor import LexborHTMLParser

    for page in (MARKS_PROBE, "<!DOCTYPE html>" + MARKS_PROBE, "<p class=x>", "<p class='a PRICE'>"):
        root = LexborHTMLParser(page).root
        if root is None:
            return None
        found = len(root.css(PRICE_SELECTOR))
        thread = root.css_first(THREAD_SELECTOR) is not None
        if module.page_marks(root, root.mem_id, 0, 1) != thread:
            return None
        for enough in range(1, found + 3):
            if module.page_marks(root, root.mem_id, 1, enough) not in (-1, int(found >= enough)):
                return None
    return module.page_marks


PAGE_MARKS: Final = _page_marks()  # _cwalk.page_marks, or None

# The page readers' searches (_cwalk_reads.c): JSON-LD scripts (and near misses: a type in other
# cases, an SVG script, a template's), <time> elements, a head's metas, canonical links and titles.
READS_PROBE: Final = (
    "<html><head><title>a &amp; b\u00e9</title><link rel='x Canonical' href=x><link rel=canon href=y>"
    "<meta name=a content=b><noscript><meta name=b></noscript><template><meta name=c></template>"
    "<title>b<b>c</b></title><script type='application/ld+json'>{\"a\": 1}</script></head><body>"
    "<time>x</time><time datetime='2020-01-02'>y</time><script type=application/ld+json>[1, 2]</script>"
    "<script type=text/javascript>x</script><script type>y</script><svg><script>z</script></svg>"
    "<template><script type='application/ld+json'>no</script></template></body></html>"
)
HEAD_SELECTOR: Final = 'meta, link[rel*="canonical" i], title'
LD_TYPE: Final = "application/ld+json"


def document_of(tree: Any) -> int | None:
    """The address of ``tree``'s document node, the root of ``tree.tags()``'s search, where the C
    readers may search it (:data:`READERS`; not a fragment: its root has no parent); else None."""
    if READERS is None:
        return None
    root = tree.root
    document = root.parent if root is not None else None
    return None if document is None else int(document.mem_id)


def _readers() -> Any:
    """The ``_cwalk`` module for its readers (``document_reads``, ``head_marks``)
    where the Walker is trusted and they read the probe page as selectolax's API does; else None."""
    if _MODULE is None or WALKER is None:
        return None
    return readers_of(_MODULE)


def readers_of(module: Any) -> Any:
    """``module`` where its readers read :data:`READS_PROBE` as selectolax's API does and find
    the marks of :data:`MARKS_PROBE`'s pages as the selectors do, else None."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(READS_PROBE)
    head, root = tree.head, tree.root
    if head is None or root is None or root.parent is None:
        return None
    document = root.parent.mem_id
    scripts = [node for node in tree.tags("script") if node.attributes.get("type") == LD_TYPE]
    times = [node.attributes["datetime"] for node in tree.tags("time") if "datetime" in node.attributes]
    marks = [
        (node.tag, node.attributes, node.text() if node.tag == "title" else "")
        for node in head.css(HEAD_SELECTOR)
    ]
    texts = tuple(node.text(deep=True) for node in scripts)
    if (
        module.document_reads(document, 1_000)[:2] != (texts, times[0])
        or module.document_reads(document, 9)[:2] != (('{"a": 1}', "["), times[0])
        or module.head_marks(head.mem_id) != (marks, sum(tag == "meta" for tag, _, _ in marks))
    ):
        return None
    for page in (MARKS_PROBE, "<!DOCTYPE html>" + MARKS_PROBE, "<p class=x>", "<p class='a PRICE'>"):
        root = LexborHTMLParser(page).root
        if root is None or root.parent is None:
            return None
        _, _, thread, sure, loose = module.document_reads(root.parent.mem_id, 1)
        found = len(root.css(PRICE_SELECTOR))
        if thread != (root.css_first(THREAD_SELECTOR) is not None) or not sure <= found <= sure + loose:
            return None
    return module


READERS: Final = _readers()  # _cwalk with its page readers, or None
