"""Which inline ``<svg>`` bodies may go before the parse, with the scripts' and style sheets'.

The segment stage never reads inside an svg element (``_rules.SKIPPED_TAGS``), but Lexbor
builds every path and group of it: icons and charts are about 6% of the dev pages' bytes
(a third of the pages hold one). A body goes only where nothing else reads it either: it
holds no text (the screen-reader check reads a sibling's text, svg's too), no element the
page-level readers look for anywhere (a title, a time, a script, a meta; microdata; a
"price" class) and no markup whose tokens the limits scan reads otherwise than Lexbor does
(comments, CDATA, a "<" that starts no tag, HTML inside a foreignObject).
"""

from __future__ import annotations

import functools
import re
from typing import Final

# Any match keeps the body. Case folds ASCII letters only, as the HTML tokenizer's do.
_KEPT: Final = (
    r"<(?![a-z/])|</(?![a-z])|>[^<]*?[^\t\n\f\r <]"  # a "<" that starts no tag; text
    r"|<title|<time|<script|<style|<meta|<foreignobject|itemtype|itemprop|price"
)
_KEPT_TEXT: Final = re.compile(_KEPT, re.I | re.A)


@functools.cache  # one pattern, made the first time a page comes as bytes
def _kept_bytes() -> re.Pattern[bytes]:
    return re.compile(_KEPT.encode("ascii"), re.I)


def svg_droppable(text: str | bytes, end: int, close: int) -> bool:
    """Whether the body ``text[end:close]`` of an svg element (its start tag ending at
    ``end``, its end tag at ``close``) may be dropped before the parse, as the module's
    docstring says. Read from the start tag's ">", so that text right after it counts. The C
    loop checks the same in C (_cscan_text.c's ``svg_droppable``)."""
    kept = (
        _KEPT_TEXT.search(text, end - 1, close)
        if isinstance(text, str)
        else _kept_bytes().search(text, end - 1, close)
    )
    return kept is None
