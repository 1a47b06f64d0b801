"""Streamed segments: content a server-rendered page sends hidden, to be shown by a script.

React's streaming server render (Next.js's App Router, Remix and others) writes each
Suspense boundary's content, once it is ready, as ``<div hidden id="S:3">...</div>``,
usually after the page's shell, and an inline script (``$RC("B:3", "S:3")``) moves it into
the place its ``<template id="B:3">`` holds and so shows it. A browser shows that text as
soon as the page has loaded: it is the page's own, often its whole body (an article, a
product's specifications), never a popup or a menu. The segment walk reads such an element
where it would leave a hidden one out (_segment._is_hidden, through
:func:`shown_later`, the walk's panel hook in both builds).
"""

from __future__ import annotations

import re
from typing import Final

from ._region_panels import is_region_panel
from ._rules import is_disclosure_panel

# The ids React gives a streamed segment ("S:0", "S:1f"): a letter, a colon, the segment's
# number in base 32 (React's formatting of its id). Postponed and other holes ("P:", "B:")
# hold no content of their own.
STREAMED_ID_RULE = r"S:[0-9a-z]+"
_STREAMED_ID: Final = re.compile(STREAMED_ID_RULE)


def is_streamed_segment(attrs: dict[str, str | None]) -> bool:
    """The element (its attributes) is a streamed segment a script shows: written with
    ``hidden`` and an id of :data:`STREAMED_ID_RULE`."""
    if "hidden" not in attrs:
        return False
    name = attrs.get("id")
    return name is not None and _STREAMED_ID.fullmatch(name) is not None


def shown_later(attrs: dict[str, str | None]) -> bool:
    """A hidden element that a click or the page's own script shows: a panel of a tab set
    or accordion (_rules.is_disclosure_panel, _region_panels.is_region_panel), or a
    streamed segment."""
    return is_disclosure_panel(attrs) or is_region_panel(attrs) or is_streamed_segment(attrs)
