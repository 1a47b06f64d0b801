"""Limits: a cheap pass over the markup that bounds what the C parser will build.

A call into Lexbor cannot be interrupted, and some small inputs make it slow or huge: each block start
tag looks down the open elements for a ``<p>`` to close (8,000 nested ``<div>`` take 0.08 s, 32,000 take
4.6 s); formatting elements closed by a block end are re-created at the next text, so n distinct unclosed
``<b id=i>`` and m ``</p><p>x`` build n x m elements (90 KB make ten million); one tag's attributes are
compared pairwise (40,000 of them take 3.6 s), as are those repeated ``<body>`` and ``<html>`` tags merge
onto one element (_merged_attributes.py).

:func:`scan` follows the HTML tree builder closely enough to bound all three: one regex pass with a stack
of open elements, the implied ends that real pages rely on (``<p>``, ``<li>``, table cells, ...), scopes,
and the detached formatting elements. Where it is unsure it keeps elements open, so that crafted input
cannot make it count less than the parser builds. It gives the offset of the first tag past a limit: the
text is cut there.

The compiled build also holds ``_cscan``, the same loop in C (``_cscan.c``): its tokenizer reads
``_scan_patterns.TOKEN``'s matches by hand, and its stack of open elements is a port of
``_open_elements.py`` on C arrays (``_cstack.c``, ``_ctags.c``), so that the loop calls Python
only for a raw text end where a non-ASCII character may fold into its name; :func:`scan` runs it
when present, else :func:`scan_python`, which is the reference (tests/test_cscan.py and
tests/test_cstack.py check that the two agree).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, NamedTuple, cast

from ._bodies import droppable, hides_its_end
from ._compiled import c_module
from ._merged_attributes import count_attributes, merge
from ._model import new_tuple
from ._name_work import LEXBOR_NAMES, NameWork
from ._open_elements import (
    ACTIVE,
    BASE_DEPTH,
    C_TABLES,
    COMPLEX,
    IGNORED,
    KIND,
    PLAIN_START,
    SPECIAL,
    TRACKED,
    VOID,
    OpenElements,
)
from ._scan_costs import END_WALK_SHIFT, OPTION_WORK_SHIFT
from ._scan_patterns import BODIES, NOSCRIPT_END, RAW_END, TEXT_STARTS, TOKEN, bytes_patterns, makes_comment
from ._svg_bodies import svg_droppable
from ._text_runs import KEEPS, TEXT_RUN_SHIFT, TextRuns
from ._tree_steps import end_tag, start_tag

_LONG_TAG = 512  # attributes are counted only in tags this long (in characters) or longer


# A named tuple, not a frozen dataclass: defining one costs a fifth as much at import.
class Scan(NamedTuple):
    """What :func:`scan` found: the estimated element count and depth of the parsed tree,
    and where the text must be cut for the limits to hold (None: nowhere)."""

    elements: int
    depth: int
    # The depths of all the elements added up, and a select's options counted up
    # (OPTION_WORK_SHIFT): the parser's and locators' work.
    depth_sum: int
    cut: int | None = None
    limit: str = ""  # the limit that set the cut: "max_nodes", "max_depth", ... or ""


# What the C loop is given besides the text and the limits: the tables of its stack (a port
# of _open_elements.py's), the ones of this module and Lexbor's names (_name_work.LEXBOR_NAMES).
TABLES: Final[tuple[object, ...]] = (
    C_TABLES,
    TEXT_STARTS,
    BODIES,
    RAW_END,
    BASE_DEPTH,
    _LONG_TAG,
    OPTION_WORK_SHIFT,
    TEXT_RUN_SHIFT,
    END_WALK_SHIFT,
    *LEXBOR_NAMES,
)
_C_BOUND = 2**62  # the C loop counts in 64 bits: limits past this are the same as none
CLoop = Callable[
    [str | bytes, int, int, int, int, int, int, tuple[object, ...], "list[int] | None", "list[int] | None"],
    tuple[int, int, int, "int | None", str],
]


def c_loop() -> CLoop | None:
    """The C loop of the compiled build, or None (a pure-Python install)."""
    module = c_module("_cscan")
    return None if module is None else cast(CLoop, module.scan)


_C_LOOP = c_loop()


def _limits(length: int, max_nodes: int | None, max_depth: int | None, *others: int | None) -> list[int]:
    """The limits the loop compares with, in scan()'s order (None: more than the text can
    reach), the depth's less the elements that always exist."""
    unlimited = length**2 + 1
    nodes = unlimited if max_nodes is None else max_nodes
    depth = (unlimited if max_depth is None else max_depth) - BASE_DEPTH
    return [nodes, depth, *[unlimited if limit is None else limit for limit in others]]


def scan(
    text: str | bytes,
    *,
    max_nodes: int | None,
    max_depth: int | None,
    max_attributes: int | None,
    max_depth_sum: int | None = None,
    max_name_work: int | None = None,
    max_total_attributes: int | None = None,
    bodies: list[int] | None = None,
    runaways: list[int] | None = None,
) -> Scan:
    """Estimated elements, depth and depth sum of the tree Lexbor builds from ``text``, and
    the offset of the first tag past a limit (None disables a limit). With ``bodies``, the
    end of the start tag and the end tag's offset of every ``<script>`` and ``<style>``
    outside svg and math whose end tag closes it and whose raw text may go (:func:`droppable`)
    are appended to it, and the same of every ``<svg>`` outside svg and math closed by its
    own end tag whose body nothing reads (:func:`_svg_bodies.svg_droppable`): the spans
    :func:`_bodies.without_bodies` drops; none after a script that may hide its end tag
    (:func:`_bodies.hides_its_end`). ``text`` as bytes is read one character a byte, as its
    Latin-1 text would be (a page's UTF-8: its markup is ASCII).

    With ``runaways``, where a raw-text element (not a script or style sheet) opened in a
    ``<noscript>`` runs past a ``</noscript`` (any ASCII case), its start and that end tag's
    offset are appended, and the scan reads on from there (_noscript); its counts are then
    those of neither page."""
    if _C_LOOP is None:
        return scan_python(
            text,
            max_nodes=max_nodes,
            max_depth=max_depth,
            max_attributes=max_attributes,
            max_depth_sum=max_depth_sum,
            max_name_work=max_name_work,
            max_total_attributes=max_total_attributes,
            bodies=bodies,
            runaways=runaways,
        )
    return scan_c(
        _C_LOOP,
        text,
        max_nodes=max_nodes,
        max_depth=max_depth,
        max_attributes=max_attributes,
        max_depth_sum=max_depth_sum,
        max_name_work=max_name_work,
        max_total_attributes=max_total_attributes,
        bodies=bodies,
        runaways=runaways,
    )


def scan_c(
    loop: CLoop,
    text: str | bytes,
    *,
    max_nodes: int | None,
    max_depth: int | None,
    max_attributes: int | None,
    max_depth_sum: int | None = None,
    max_name_work: int | None = None,
    max_total_attributes: int | None = None,
    bodies: list[int] | None = None,
    runaways: list[int] | None = None,
) -> Scan:
    """:func:`scan` with the C loop ``loop``."""
    given = (max_nodes, max_depth, max_attributes, max_depth_sum, max_name_work, max_total_attributes)
    nodes, depth, attributes, depth_sum, work, total = [
        max(-_C_BOUND, min(n, _C_BOUND)) for n in _limits(len(text), *given)
    ]
    tables = TABLES if isinstance(text, str) else (*TABLES[:3], bytes_patterns()[1], *TABLES[4:])
    # (new_tuple: the named tuple's class call is Python code, compiled too)
    fields = loop(text, nodes, depth, attributes, depth_sum, work, total, tables, bodies, runaways)
    return new_tuple(Scan, fields)


def scan_python(  # noqa: PLR0915 - one loop, its common cases inlined for speed
    text: str | bytes,
    *,
    max_nodes: int | None,
    max_depth: int | None,
    max_attributes: int | None,
    max_depth_sum: int | None = None,
    max_name_work: int | None = None,
    max_total_attributes: int | None = None,
    bodies: list[int] | None = None,
    runaways: list[int] | None = None,
) -> Scan:
    """:func:`scan` in Python: the reference, and the path of a pure-Python install."""
    stack = OpenElements()
    # The stack's lists are changed in place, never replaced: read once here.
    names, keys, where, special = stack.names, stack.keys, stack.where, stack.special
    detached, foreign = stack.detached, stack.foreign
    elements = depth = volume = 0
    node_limit, depth_limit, attribute_limit, volume_limit, work_limit, total_limit = _limits(
        len(text), max_nodes, max_depth, max_attributes, max_depth_sum, max_name_work, max_total_attributes
    )
    names_work = NameWork()  # Lexbor's name-table work (_name_work)
    runs = TextRuns()  # the text nodes Lexbor appends to (_text_runs)

    def result(cut: int | None = None, limit: str = "") -> Scan:
        return Scan(elements, depth + BASE_DEPTH, volume, cut, limit)

    # Bytes are read one character a byte: a byte's value against the markup's characters.
    gt, slash = (">", "/") if isinstance(text, str) else (ord(">"), ord("/"))

    pos = previous_end = 0
    had_text = False
    svg_at = svg_end = -1  # an svg opened outside svg and math: its place on the stack, its start tag's end
    options = 0  # the options of the select opened last, up to this tag
    merged: dict[str, set[str]] = {}  # the attribute names merged onto html and body
    while pos < len(text):
        resume = -1
        for match in (
            TOKEN.finditer(text, pos) if isinstance(text, str) else bytes_patterns()[0].finditer(text, pos)
        ):
            start, end = match.span()
            if start > previous_end:  # text, which Lexbor may append to the node before (_text_runs)
                had_text = True
                volume += runs.units(text, previous_end, start, names, elements)
                if volume > volume_limit:
                    return result(start, "max_depth_sum")
            previous_end = end
            name: str | bytes | None = match[1]  # the tag's name, None for other tokens
            if name is None:  # a comment, a doctype, a processing instruction or "</" junk
                runs.other(text, start)
                if makes_comment(text, start):  # a node too: one fewer element allowed
                    node_limit -= 1
                    if elements > node_limit:
                        return result(start, "max_nodes")
                continue
            if names_work.tag(text, match.start(1), match.end(1), end) > work_limit:  # (a cut tag's too)
                return result(start, "max_name_work")
            if names_work.attributes > total_limit:  # each one Lexbor's memory, end tags' too
                return result(start, "max_total_attributes")
            if text[end - 1] != gt:
                return result()  # a tag cut by the end: dropped
            if end - start >= _LONG_TAG and count_attributes(text, start, end) > attribute_limit:
                return result(start, "max_attributes")
            if had_text and detached:  # text re-creates the detached formatting elements
                added = stack.reconstruct()
                elements += added
                volume += added * len(names)
            had_text = False
            lower = name.lower() if isinstance(name, str) else name.decode("latin-1").lower()
            if svg_at >= 0 and (len(names) <= svg_at or names[svg_at] != "svg"):
                svg_at = -1  # closed, or left for HTML, by an earlier tag
            keeps = lower in KEEPS or bool(where.get("frameset"))  # the text runs go on (_text_runs)
            if text[start + 1] == slash:
                if not names or names[-1] != lower:
                    volume += len(names) >> END_WALK_SHIFT  # Lexbor looks down its stack for it
                    if volume > volume_limit:
                        return result(start, "max_depth_sum")
                    added = end_tag(stack, lower)  # a stray </p> or </br> makes an element
                    if added:
                        elements += added
                        volume += added * (len(names) + BASE_DEPTH)
                        if elements > node_limit:
                            return result(start, "max_nodes")
                        if volume > volume_limit:
                            return result(start, "max_depth_sum")
                    if keeps:
                        runs.keep(len(names), elements)
                    continue
                if svg_at == len(names) - 1 and bodies is not None and svg_droppable(text, svg_end, start):
                    bodies += (svg_end, start)  # its own end tag closes it (names[-1] is "svg")
                kind = KIND.get(lower, 0)
                if foreign or kind & COMPLEX:
                    stack.pop_to(len(names) - 1, own=lower)  # what end_tag does first
                else:  # the common case, inline: pop_to(own=lower) of the current element alone
                    names.pop()  # (its own key is never detached)
                    keys.pop()
                    if kind & TRACKED:
                        where[lower].pop()
                    if kind & SPECIAL:
                        special.pop()
                if keeps:
                    runs.keep(len(names), elements)
                continue
            if lower in IGNORED:  # html's and body's attributes merge onto one element (_merged_attributes)
                if merge(merged, lower, text, match.end(1), end, limit=attribute_limit):
                    return result(start, "max_attributes")
                continue
            # Raw text only where the parser inserts the element: svg's <style> holds markup,
            # and a frameset ignores all of them but <script>. A select inserts them all:
            # Lexbor (selectolax 1.0 on) parses its content as the HTML standard's
            # customizable select does, not as a list of options. Read before the tag changes
            # the stack; only for the few names that can start it.
            follows = ""  # "raw": raw text up to the element's end tag; "all": the rest is text
            if lower in TEXT_STARTS and not (foreign and stack.in_foreign(lower)):
                if lower == "plaintext":
                    follows = "all"
                elif lower == "script" or not where.get("frameset"):
                    follows = "raw"
            opens_svg = lower == "svg" and not foreign
            if foreign or detached:
                added = (
                    start_tag(stack, lower, text, start, end)
                    if isinstance(text, str)
                    else start_tag(stack, lower, _tag(text, start, end), 0, end - start)
                )
            elif lower in PLAIN_START and not where.get("p") and not where.get("frameset"):
                # The common cases, inline: a void element, a block with no <p> open.
                kind = KIND.get(lower, 0)
                if lower in VOID:
                    pass
                elif kind & COMPLEX:
                    stack.push(lower)
                else:  # push(lower), inline
                    if kind & TRACKED:
                        where.setdefault(lower, []).append(len(names))
                    if kind & SPECIAL:
                        special.append(len(names))
                    names.append(lower)
                    keys.append("")
                added = 1
            elif lower == "a" and not where.get("a") and not where.get("frameset"):
                # A link with none open (a sixth of the start tags of 20 dev pages): what
                # start_tag does then, inline: it opens, its tag kept as its key.
                where.setdefault("a", []).append(len(names))
                names.append("a")
                keys.append(text[start:end] if isinstance(text, str) else _tag(text, start, end))
                added = 1
            elif lower == "li" and not where.get("li") and not where.get("p") and not where.get("frameset"):
                # A list item with none open (the list's items are closed) and no <p> to
                # close: what start_tag does then, inline.
                where.setdefault("li", []).append(len(names))
                special.append(len(names))
                names.append("li")
                keys.append("")
                added = 1
            elif lower in ACTIVE or lower in KIND:
                added = (
                    start_tag(stack, lower, text, start, end)
                    if isinstance(text, str)
                    else start_tag(stack, lower, _tag(text, start, end), 0, end - start)
                )
            else:
                names.append(lower)  # the common case, inline: an element that only opens
                keys.append("")
                added = 1
            elements += added
            volume += added * (len(names) + BASE_DEPTH)
            if keeps:
                runs.keep(len(names), elements)
            if lower == "option":
                if where.get("select"):
                    # Lexbor reads the select's options at each new one (OPTION_WORK_SHIFT).
                    options += 1
                    volume += options >> OPTION_WORK_SHIFT
            elif lower == "select":
                options = 0
            # A start tag ending in "/>" is never read as opening a body: Lexbor closes an
            # <svg .../> at once, and the scan's stack keeps it open where unsure.
            if opens_svg and text[end - 2] != slash and names and names[-1] == "svg":
                svg_at, svg_end = len(names) - 1, end
            if follows == "raw":
                close = (
                    RAW_END[lower].search(text, end)
                    if isinstance(text, str)
                    else bytes_patterns()[1][lower].search(text, end)
                )
                resume = close.start() if close else len(text)
                if bodies is not None and close and not foreign and lower in BODIES:
                    if droppable(text, start, end, resume):
                        bodies += (end, resume)
                    elif lower == "script" and hides_its_end(text, end, resume):
                        bodies = None  # what follows is not sure: no later body recorded
            elif follows:
                resume = len(text)
            if follows and runaways is not None and lower not in BODIES and "noscript" in names:
                found = (
                    NOSCRIPT_END.search(text, end, resume)
                    if isinstance(text, str)
                    else bytes_patterns()[2].search(text, end, resume)
                )
                if found:  # a raw text that runs past its noscript: read on from the noscript's end
                    runaways += (start, found.start())
                    resume = found.start()
            if len(names) > depth:
                depth = len(names)
                if depth > depth_limit:
                    return result(start, "max_depth")
            if elements > node_limit:
                return result(start, "max_nodes")
            if volume > volume_limit:
                return result(start, "max_depth_sum")
            if resume >= 0:
                break
        if resume < 0:
            break
        pos = previous_end = resume
    return result()


def _tag(text: str | bytes, start: int, end: int) -> str:
    """The tag ``text[start:end]`` as text: bytes read one character a byte (Latin-1)."""
    return text[start:end] if isinstance(text, str) else text[start:end].decode("latin-1")
