"""Raw text opened in a ``<noscript>`` and running past it, cut before the parse.

Lexbor parses as a browser with scripts off: a ``<noscript>``'s content is markup. Browsers
run scripts, and for them it is raw text, ended by the first ``</noscript>``. The two agree
until the content opens a raw-text element that it does not close: tag managers write
``<noscript><iframe src="..." /></noscript>``, and as markup ``<iframe />`` opens an iframe
(its "/" means nothing), whose raw text runs to the next ``</iframe>``, which may never come:
the rest of the page became one iframe's text (two wcxb dev pages; one lost nine tenths of
its main text). :func:`_limits.scan` finds each such element (``runaways``) and reads on
from the noscript's end tag, as a browser does; :func:`without_runaways` then cuts the
element's start tag and its text up to that end tag, which nothing reads either way.
"""

from __future__ import annotations

from typing import TypeVar

Page = TypeVar("Page", str, bytes)


def without_runaways(page: Page, runaways: list[int]) -> Page:
    """``page`` without the spans ``runaways[0]:runaways[1]``, ``runaways[2]:runaways[3]``, ...
    (in order, not overlapping, as :func:`_limits.scan` records them)."""
    pieces: list[Page] = []
    at = 0
    for start in range(0, len(runaways), 2):
        pieces.append(page[at : runaways[start]])
        at = runaways[start + 1]
    pieces.append(page[at:])
    return page[:0].join(pieces)
