"""A listing's or a shop's controls: buttons and switches kept as if they were its text.

On a multi-section page the decision keeps whole grids and feeds, and with them the
short lines that work the page rather than tell anything: a product tile's "Add to cart",
"Compare" or "Quick view" button, the grid's "Sort by" and "Filter" switches, a "Loading..."
placeholder, a "Show more" link under a feed. Their truths leave them out (wcxb listing
and collection pages, kept on main: 54 of 663 words of such lines are in the truth, on 76
pages). A kept block of at most ``Options.control_max_chars`` characters whose whole
text, stripped of surrounding punctuation, is one of :data:`CONTROLS` takes the label its
own evidence names.
Stock notices ("Sold out", "In stock") and "Save" are not here: the truth keeps them on
some shops (kept on wcxb listing, collection and product pages: 29 of 71 words true).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Final, cast

from ._compiled import c_function
from ._match_facts import may_start, start_table
from ._model import Block, Label, page_tuple
from ._options import Options
from ._phrase_match import WholeRows, is_whole_row, whole_rows
from ._row_starts import by_start, for_text

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT

# (what it is, language, pattern matched against the whole stripped, lowercased text).
CONTROLS: tuple[tuple[str, str, str], ...] = (
    ("cart button", "en", r"(?:add(?:ed)?|move) to (?:cart|bag|basket|trolley|wish ?list|favou?rites)"),
    ("cart button", "en", r"(?:add(?:ed)?|move) to compare"),
    ("cart button", "en", r"buy (?:it )?now|shop now"),
    ("cart button", "de", r"in den warenkorb|zum warenkorb|auf den merkzettel"),
    ("cart button", "fr", r"ajouter au panier"),
    ("cart button", "es", r"(?:añadir|agregar) al carrito"),
    ("cart button", "it", r"aggiungi al carrello"),
    ("cart button", "nl", r"(?:toevoegen aan|in) (?:winkelwagen|winkelmand)"),
    ("cart button", "pl", r"(?:dodaj )?do koszyka"),
    ("compare", "en", r"compare"),
    ("compare", "de", r"vergleichen"),
    ("compare", "fr", r"comparer"),
    ("compare", "es", r"comparar"),
    ("tile button", "en", r"quick ?(?:view|shop|look|add)|(?:choose|select|view|see) options"),
    ("tile button", "en", r"view (?:details|product)"),
    ("sort", "en", r"sort(?: by| order)?|sort by(?: \w+){1,3}"),
    ("sort", "de", r"sortieren(?: nach)?|sortierung"),
    ("sort", "fr", r"trier(?: par)?"),
    ("sort", "es", r"ordenar(?: por)?"),
    ("filter", "en", r"filters?|filter by|refine(?: by)?|(?:show|hide) filters|clear(?: all)?(?: filters)?"),
    ("filter", "de", r"filtern|filter (?:anzeigen|zurücksetzen)"),
    ("filter", "fr", r"filtrer(?: par)?"),
    ("filter", "es", r"filtrar(?: por)?"),
    ("placeholder", "en", r"loading(?:\.\.\.|…)?"),
    ("placeholder", "de", r"(?:wird geladen|lädt)(?:\.\.\.|…)?"),
    ("more", "en", r"(?:load|show|see|view) (?:more|all)|more"),
    ("more", "de", r"mehr (?:anzeigen|laden)|alle anzeigen"),
    ("more", "fr", r"voir (?:plus|tout)|afficher plus"),
    ("more", "es", r"ver (?:más|todo)"),
    ("view switch", "en", r"(?:grid|list) view|view as(?: grid| list)?|\d+ per page|(?:items )?per page"),
)
_STRIP = " .:!?…·|»«›‹>+-"


# Made on first use, not at import (as _titled_boxes' tables): reading the patterns for the
# sieve, and compiling the case-insensitive alternation, would cost every import. The cache
# holds one value that depends on nothing.
@functools.cache
def _table() -> WholeRows:
    return whole_rows(CONTROLS)


@functools.cache
def _tables() -> tuple[WholeRows, ...]:
    """:func:`_table` cut by a text's first character (_row_starts.by_start)."""
    return by_start(_table())


# The ASCII characters the spaces' normalising (str.split's spaces) and the strip remove
# from a text's start.
_SKIPPED_ASCII: Final = _STRIP + "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"


@functools.cache
def _starts() -> bytes:
    """The first characters a text may start with to be a label once split and stripped."""
    return start_table(_table().first, _SKIPPED_ASCII)


# Per ASCII character, 1 for those of _STRIP: the compiled build's C strip reads it.
_STRIP_TABLE: Final = bytes(1 if chr(c) in _STRIP else 0 for c in range(128))


# The compiled build's :func:`control_text` of an ASCII text in one C pass (the split's list
# and words, the joined and the stripped str cost about 900 instructions a short line), None
# for any other text; None in a pure install.
_C_CONTROL_TEXT: Final = cast(
    "Callable[[str, bytes], str | None] | None", c_function("_cscore", "control_text")
)


def control_text(text: str) -> str:
    """``text`` as a control's label is matched: its spaces normalised (one space between
    two words, none around them) and the characters of ``_STRIP`` taken from both ends."""
    if _C_CONTROL_TEXT is not None:
        found = _C_CONTROL_TEXT(text, _STRIP_TABLE)
        if found is not None:
            return found
    return " ".join(text.split()).strip(_STRIP)


def is_control(text: str) -> bool:
    """Whether ``text``, its spaces normalised and surrounding punctuation stripped, is
    wholly a control's label (:data:`CONTROLS`): the case-insensitive fullmatch of the
    rows' alternation, sieved as the phrase rows are (_phrases.matches)."""
    return _is_control(_tables(), _starts(), text)


def _is_control(tables: tuple[WholeRows, ...], starts: bytes, text: str) -> bool:
    # A text that starts with an ASCII character no label starts with, and that neither the
    # split nor the strip removes, is no label: told before the text is split and joined
    # (is_whole_row reads the same first character of the stripped text).
    if not may_start(starts, text):
        return False
    stripped = control_text(text)
    return is_whole_row(for_text(tables, stripped), stripped)


def without_controls(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the kept controls given ``dropped(block)``, the label their own
    evidence names (see the module)."""
    limit = options.control_max_chars
    if not limit:
        return labels
    # Once a page, not per block (the compiled build calls a cache generically).
    tables = _tables()
    starts = _starts()
    page = page_tuple(blocks)
    # ``labels`` itself where no block is a control (most pages): no list made and freed.
    out: list[Label] | None = None
    for i, kind in enumerate(labels):
        if kind is _CONTENT:
            text = page[i].text
            if len(text) <= limit and _is_control(tables, starts, text):
                if out is None:
                    out = list(labels)
                out[i] = dropped(page[i])
    return labels if out is None else out
