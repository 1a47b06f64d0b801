"""Whether a page's text can hold what two readers of its tree look for, told from the text
before the parse: a ``<time>`` (``_metadata._first_datetime``) and a JSON-LD script
(``_page_type.json_ld_texts``). Each reader walks every node of the tree (``tree.tags``,
which misses the caches on a big page), and most pages hold neither (of score.py's sample
of 300 pages, 66 hold a ``<time`` tag, 93 a script tag with "json" or "&#").

The test reads the text without the tree builder's state (a scan that follows it, as
_limits.scan does, would miss a tag where its state is not the parser's: after a script
whose ``<!--`` hides its first end tag, say), at every "<":

- a ``<time>`` element is made only of ``<time`` (its name in any ASCII case: the tokenizer
  folds ASCII only) then a space, "/" or ">";
- a script's type is ``application/ld+json`` only if its start tag, as the tokenizer reads
  it from ``<script`` (_limits._TOKEN: a quoted value may hold ">"), holds "json" in any
  ASCII case, or a numeric character reference "&#": no named one gives "j", "s", "o" or
  "n" but ``&fjlig;`` ("fj", which the type never holds).

So where the test finds neither, the reader's walk finds nothing either. The text must be
what the parser reads (a str's lone surrogates, which its encoder drops, may join a name:
the caller walks a str that is not ASCII). The compiled build runs the same test in C
(_cscan_tokens.c's ``page_marks``); tests/test_text_marks.py checks that both agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Final, cast

from ._compiled import c_module
from ._limits import _TOKEN, _bytes_patterns

TIME: Final = 1  # the text may hold a <time> element
LD_SCRIPT: Final = 2  # the text may hold a JSON-LD script
ALL: Final = TIME | LD_SCRIPT  # a page whose text is not read here (a caller's tree)


# Compiled on first use, not at import: the compiled build runs the C test. The cache holds
# one value that depends on nothing.
@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[bytes], re.Pattern[bytes]]:
    time, script = r"<(?i:time)[\t\n\f\r />]", r"<(?i:script)[\t\n\f\r />]"
    return (
        re.compile(time, re.A),
        re.compile(script, re.A),
        re.compile(time.encode("ascii")),
        re.compile(script.encode("ascii")),
    )


def text_marks_python(text: str | bytes) -> int:
    """:data:`TIME` if ``text`` holds ``<time`` (any ASCII case) then a space, "/" or ">";
    plus :data:`LD_SCRIPT` if a ``<script`` start tag (the same) holds "json" in any ASCII
    case or "&#". Bytes are read one character a byte (a page's UTF-8)."""
    time, script, time_bytes, script_bytes = _patterns()
    marks = 0
    if isinstance(text, str):
        if time.search(text) is not None:
            marks |= TIME
        for found in script.finditer(text):
            tag = _TOKEN.match(text, found.start())
            # (str.lower() makes no ASCII letter of another character but the Kelvin sign's "k")
            if tag is not None and ("&#" in tag[0] or "json" in tag[0].lower()):
                return marks | LD_SCRIPT
        return marks
    if time_bytes.search(text) is not None:
        marks |= TIME
    for found_bytes in script_bytes.finditer(text):
        tag_bytes = _bytes_patterns()[0].match(text, found_bytes.start())
        if tag_bytes is not None and (b"&#" in tag_bytes[0] or b"json" in tag_bytes[0].lower()):
            return marks | LD_SCRIPT
    return marks


def _c_marks() -> Callable[[str | bytes], int]:
    """:func:`text_marks_python`, or in the compiled build the same in C, looked up once."""
    module = c_module("_cscan")
    if module is None:
        return text_marks_python
    return cast(Callable[[str | bytes], int], module.page_marks)


text_marks: Final = _c_marks()
