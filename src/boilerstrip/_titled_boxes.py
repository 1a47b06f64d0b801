"""Titled boxes: a blog's or site's own widgets after the body, named by their heading.

Blogs and news sites set widgets of their own beside or below a post: the owner's profile
("About Me", a bio and "View my complete profile"), a feed of the latest posts with their
excerpts ("Recent Posts"), of the latest comments ("Latest Conversations"), a most-watched
list ("Most watched/listened"). Their text is plain prose or linked titles, so the model
keeps it, and a profile of 150 words can halve a short post's precision. Their headings
are fixed widget titles, listed in ``_phrase_table.BOX_TITLES``.

A heading whose whole text (stripped as for the whole-block phrases) is such a title, with
at least ``Options.titled_box_body_words`` kept words before it (the body comes first:
on a page whose own text is the feed, such as a blog's front page, nothing precedes it),
heads a box: the blocks right after it inside the heading's parent element, up to a
heading of its level or higher. When the box holds kept text, its kept blocks and the
heading are dropped and take the label their own evidence names.

A list of other stories after an article's body is titled in the same way ("More Great
WIRED Stories", "Related reads:", "You may also like"; ``_phrase_table.RELATED_TITLES``),
on a heading or on a line of at most ``Options.related_title_max_words`` words (such titles
are often a styled ``<div>``), and only on a page that declares an article or no type: on a
listing or a multi-section page the same words title the page's own feed. Such a title is
looked for only where the block right after it is kept (a list starts under its title; most
short lines sit among dropped chrome, and their texts are not read). Its box is dropped as a
widget's is, unless it holds a kept paragraph of prose (``_tail.is_prose``): a title set
inside the body leaves the body's text alone.

A blog's profile widget is also known by its closing link, whatever its heading says
("About Michael", "Chef John's Bio"): a line that is one of ``_phrase_table.PROFILE_LINKS``
("View my complete profile") marks its parent element as the profile, whose kept blocks
are dropped when at least ``Options.titled_box_body_words`` kept words lie outside it (a
page whose only kept text is the profile keeps it: the decision has missed the post).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Final

from ._match_facts import may_start, start_table
from ._model import Block, Label, Role, ancestor, page_tuple
from ._options import Options
from ._page_type import ARTICLE
from ._phrase_match import WholeRows, is_whole_row, whole_rows
from ._phrase_table import BOX_TITLES, PROFILE_LINKS, RELATED_TITLES
from ._phrases import STRIPPED
from ._row_starts import by_start, for_text
from ._tail import is_prose

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_HEADING: Final = Role.HEADING
_PARAGRAPH: Final = Role.PARAGRAPH
# The declared types whose pages a related-stories title is looked for on (see the docstring).
_RELATED_KINDS: Final = frozenset({ARTICLE, ""})


@functools.cache
def _tables() -> tuple[WholeRows, WholeRows, WholeRows]:
    """The tables of (BOX_TITLES, PROFILE_LINKS, RELATED_TITLES), made when a page first
    needs them (reading the patterns for their sieves would cost every import)."""
    return whole_rows(BOX_TITLES), whole_rows(PROFILE_LINKS), whole_rows(RELATED_TITLES)


@functools.cache
def _split_tables() -> tuple[tuple[WholeRows, ...], tuple[WholeRows, ...], tuple[WholeRows, ...]]:
    """Each of :func:`_tables` cut by a text's first character (_row_starts.by_start)."""
    titles, links, related = _tables()
    return by_start(titles), by_start(links), by_start(related)


@functools.cache
def _all_starts() -> tuple[bytes, bytes, bytes]:
    """The :func:`_starts` of each of :func:`_tables`."""
    titles, links, related = _tables()
    return _starts(titles.first), _starts(links.first), _starts(related.first)


def _starts(first: bytes) -> bytes:
    """Per ASCII character, 1 when a text that starts with it may be a row once stripped."""
    return start_table(first, STRIPPED)


# Longer than any widget's title, profile link or related title (the German row's longest form,
# "Dieses Beiträge könnten dich ebenfalls interessieren", has 52 characters; 40 until
# issue4-lang58): no match is tried. tests/test_titled_box_length.py measures every row against it.
_MAX_CHARS: Final = 60


def _is_whole(tables: tuple[WholeRows, ...], starts: bytes, text: str) -> bool:
    """Whether ``text``, stripped as the whole-block phrases are, is one of the table's rows:
    the phrase rows' own sieved, case-insensitive fullmatch (``starts``: the table's
    :func:`_starts`)."""
    # A text whose first character the strip leaves starts the stripped text: when no row
    # starts with it (is_whole_row's own first test), the text is not stripped. One look-up
    # (most texts are told here), not may_start's and then a search of STRIPPED.
    if not may_start(starts, text):
        return False
    stripped = text.strip(STRIPPED)
    return 0 < len(stripped) <= _MAX_CHARS and is_whole_row(for_text(tables, stripped), stripped)


def is_box_title(text: str) -> bool:
    """Whether ``text`` is a widget's title of ``BOX_TITLES`` (its whole text)."""
    return _is_whole(_split_tables()[0], _all_starts()[0], text)


def is_profile_link(text: str) -> bool:
    """Whether ``text`` is a profile widget's closing link of ``PROFILE_LINKS``."""
    return _is_whole(_split_tables()[1], _all_starts()[1], text)


def is_related_title(text: str) -> bool:
    """Whether ``text`` is the title of a list of other stories of ``RELATED_TITLES``."""
    return _is_whole(_split_tables()[2], _all_starts()[2], text)


def _is_related_title(block: Block, tables: tuple[WholeRows, ...], starts: bytes, max_words: int) -> bool:
    """Whether ``block`` (a heading, or a line of at most ``max_words`` words) is the title
    of a list of other stories."""
    role = block.role
    return (role is _HEADING or (role is _PARAGRAPH and block.features.words <= max_words)) and _is_whole(
        tables, starts, block.text
    )


def _box_end(blocks: Sequence[Block], i: int) -> int:
    """The index after the last block of the box headed by ``blocks[i]``."""
    heading = blocks[i]
    inside = ancestor(heading.locator) + ">"
    level = heading.heading_level
    j = i + 1
    while j < len(blocks):
        b = blocks[j]
        if not b.locator.startswith(inside) or (b.role is _HEADING and 0 < b.heading_level <= level):
            break
        j += 1
    return j


def _profile_box(blocks: Sequence[Block], i: int) -> range:
    """The blocks around ``blocks[i]`` inside its parent element."""
    inside = ancestor(blocks[i].locator) + ">"
    start, end = i, i + 1
    while start > 0 and blocks[start - 1].locator.startswith(inside):
        start -= 1
    while end < len(blocks) and blocks[end].locator.startswith(inside):
        end += 1
    return range(start, end)


def _dropped(
    blocks: Sequence[Block], labels: list[Label], box: range, dropped: Callable[[Block], Label]
) -> list[Label]:
    for j in box:
        if labels[j] is _CONTENT:
            labels[j] = dropped(blocks[j])
    return labels


def _holds_prose(blocks: Sequence[Block], labels: list[Label], box: range, options: Options) -> bool:
    words, links = options.tail_prose_words, options.tail_prose_link_density
    return any(labels[j] is _CONTENT and is_prose(blocks[j], words, links) for j in box)


def without_titled_boxes(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    dropped: Callable[[Block], Label],
    declared: str = "",
) -> list[Label]:
    """``labels`` with each titled box after the body and each blog profile given
    ``dropped(block)`` (see the module docstring); ``declared`` is the page's declared type.
    ``Options.titled_box_body_words`` 0 turns it off, ``Options.related_title_max_words`` 0
    the related-stories titles."""
    body_words = options.titled_box_body_words
    if not body_words:
        return labels
    out = labels  # copied before the first box is dropped (most pages drop none)
    titles, links, related = _split_tables()
    title_starts, link_starts, related_starts = _all_starts()  # once a page (cached: a generic call)
    related_words = options.related_title_max_words if declared in _RELATED_KINDS else 0
    kept_words = 0  # kept words before the block
    # A tuple's items and length read natively by the compiled build (a Sequence's by a
    # generic call each: about 100 instructions a block).
    items = page_tuple(blocks)
    i = 0
    while i < len(items):
        b = items[i]
        if kept_words >= body_words:
            widget = b.role is _HEADING and _is_whole(titles, title_starts, b.text)
            if widget or (
                related_words
                and i + 1 < len(items)
                and out[i + 1] is _CONTENT
                and _is_related_title(b, related, related_starts, related_words)
            ):
                end = _box_end(blocks, i)
                box = range(i + 1, end)
                # A title over no kept text is left to its own evidence (the box_label rule).
                if any(out[j] is _CONTENT for j in box) and (
                    widget or not _holds_prose(blocks, out, box, options)
                ):
                    out = _dropped(blocks, out if out is not labels else list(labels), range(i, end), dropped)
                    i = end
                    continue
        if out[i] is _CONTENT:
            kept_words += b.features.words
        i += 1
    total = sum(b.features.words for b, kind in zip(items, out) if kind is _CONTENT)
    for i, b in enumerate(items):
        if b.features.words <= 6 and _is_whole(links, link_starts, b.text):
            box = _profile_box(blocks, i)
            inside = sum(blocks[j].features.words for j in box if out[j] is _CONTENT)
            if inside and total - inside >= body_words:
                out = _dropped(blocks, out if out is not labels else list(labels), box, dropped)
                total -= inside
    return out
