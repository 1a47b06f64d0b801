"""Every column of :data:`_scorers.SCORERS` made in one pass over a page's blocks (the
compiled build's score stage, ``_probability._score_c``; the scorers, one pass each, stay
the reference and the pure path's).

Each block's features are read once, and a kind's or a flag's column is a page of the
shared zero with its other outputs set where the block has them: where the scorers made 42
lists a page, each a loop, a read of the block's features and a comparison of its kinds
with their own (42 calls through the table, and two string comparisons a block for each of
the 20 kinds' columns). A column no block sets is not made at all: the score stage neither
weighs nor packs a column it knows to be zeros.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Final, cast

from ._model import Block, Role
from ._scorers import (
    _CAPTION_SCAN_CHARS,
    _CAPTION_TAIL,
    _CAPTION_TEXT,
    _CETD_CAP,
    _LENGTH_WORDS,
    _LENGTHS,
    _ONE,
    _REPEAT_SCALE,
    _TEXT_DENSITY_CAP,
    _ZERO,
    CHROME_KINDS,
    SHORT_WORDS,
    _agree,
    _log1p,
    _may_hold_tail,
)

_HEADING: Final = Role.HEADING
_LIST_ITEM: Final = Role.LIST_ITEM
_CAPTION: Final = Role.CAPTION

# The columns, in SCORERS' order: every scorer's (tests/test_scorer_pass.py checks the names).
NAMES: Final[tuple[str, ...]] = (
    "link_density",
    "text_density",
    "neighbour_text_density",
    "neighbour_link_density",
    "stopword_density",
    "block_length",
    "short_block",
    "composite_density",
    "repeated_text",
    "repeated_links",
    "main_region",
    "main_region_long",
    "page_edge",
    "ends_sentence",
    "heading",
    "title_match",
    "list_item",
    "caption",
    "content_name",
    "boilerplate_phrase",
    "phrase_box",
    "chrome_agreement",
    *(f"container_{k.value}" for k in CHROME_KINDS),
    *(f"phrase_{k.value}" for k in CHROME_KINDS),
)
INDEX: Final[dict[str, int]] = {name: i for i, name in enumerate(NAMES)}
_KINDS: Final[tuple[str, ...]] = tuple(k.value for k in CHROME_KINDS)
_KIND_COUNT: Final = len(CHROME_KINDS)
_CONTAINERS: Final = 22  # the first container kind's column
_PHRASES: Final = _CONTAINERS + _KIND_COUNT  # the first phrase kind's column
_COUNT: Final = _PHRASES + _KIND_COUNT


# boilerplate_phrase's output per word count (the same floats: the same operations), up to
# _LENGTH_WORDS: one float a count, not one a block.
_BOILER: Final[tuple[object, ...]] = tuple(1.0 / (1.0 + w / 40.0) for w in range(_LENGTH_WORDS + 1))


# text_density's output for a whole number k of words per line below the cap (the same
# operations: min(k, cap) is k, then the quotient): one float a number, not one a block.
_TEXT_SHARES: Final[tuple[object, ...]] = tuple(
    min(float(k), _TEXT_DENSITY_CAP) / _TEXT_DENSITY_CAP for k in range(int(_TEXT_DENSITY_CAP))
)


Heads = Callable[[list[str]], bytes]  # _cscore.caption_heads: _may_hold_tail per text


def page_columns(  # noqa: PLR0915 - one loop, every column's test inlined
    blocks: tuple[Block, ...], heads: Heads | None = None
) -> list[list[float]]:
    """Every column of :data:`NAMES` for ``blocks`` (the outputs of SCORERS[name](blocks),
    the same objects or equal floats), but the two neighbours' means, which are left empty
    (``_scorers._neighbour_mean`` of columns 1 and 0 makes them), and the columns of zeros,
    which are empty too. ``heads``: ``_may_hold_tail`` of every block's text at once."""
    n = len(blocks)
    empty: list[object] = []  # a column not made (never written: each is replaced)
    cols: list[list[object]] = [empty] * _COUNT
    link: list[object] = [_ZERO] * n
    text: list[object] = [_ZERO] * n
    stop: list[object] = [_ZERO] * n
    length: list[object] = [_ZERO] * n
    composite: list[object] = [_ZERO] * n
    edge: list[object] = [_ZERO] * n
    short, rtext, rlinks, region, rlong, ends, head = empty, empty, empty, empty, empty, empty, empty
    title, items, caps, hints, boiler, boxes, agree = empty, empty, empty, empty, empty, empty, empty
    texts: list[str] = [""] * n
    last_repeat, last_volume = 0, 0.0  # the last repeated_text output, and its group's text
    for i in range(n):
        b = blocks[i]
        f = b.features
        words = f.words
        texts[i] = b.text
        # A density of +0.0 (most blocks' links, many short lines' stopwords) is the shared
        # zero already in its place: no float made and freed for it (-0.0 and NaN are set).
        # The same for a density of 1.0 (a link's block, a capped one), the shared one (and
        # so for others below).
        value = f.link_density
        if value == 1.0:
            link[i] = _ONE
        elif value != 0.0 or math.copysign(1.0, value) < 0.0:
            link[i] = value
        # A whole words per line below the cap (a block of one line: its words, 8 blocks
        # in 10) is its shared quotient of _TEXT_SHARES.
        density = f.text_density
        whole = int(density) if 1.0 <= density < _TEXT_DENSITY_CAP else 0
        if whole and whole == density:
            text[i] = _TEXT_SHARES[whole]
        else:
            value = min(density, _TEXT_DENSITY_CAP) / _TEXT_DENSITY_CAP
            if value == 1.0:
                text[i] = _ONE
            elif value != 0.0 or math.copysign(1.0, value) < 0.0:
                text[i] = value
        value = f.stopword_density
        if value != 0.0 or math.copysign(1.0, value) < 0.0:
            stop[i] = value
        length[i] = _LENGTHS[min(words, _LENGTH_WORDS)]
        value = min(f.composite_density, _CETD_CAP) / _CETD_CAP
        if value == 1.0:
            composite[i] = _ONE
        elif value != 0.0 or math.copysign(1.0, value) < 0.0:
            composite[i] = value
        position = f.position
        value = 1.0 - 2.0 * min(position, 1.0 - position)
        if value == 1.0:  # the first block and the last
            edge[i] = _ONE
        elif value != 0.0 or math.copysign(1.0, value) < 0.0:
            edge[i] = value
        if words < SHORT_WORDS:
            if not short:
                short = [_ZERO] * n
            short[i] = _ONE
        repeat = f.repeat_chars
        if repeat:
            if not rtext:
                rtext, rlinks = [_ZERO] * n, [_ZERO] * n
            if repeat != last_repeat:  # a group's blocks follow each other: log1p once for them
                last_repeat = repeat
                last_volume = min(_log1p(repeat) / _REPEAT_SCALE, 1.0)
            rtext[i] = last_volume
            value = f.repeat_link_density
            if value == 1.0:
                rlinks[i] = _ONE
            elif value != 0.0 or math.copysign(1.0, value) < 0.0:
                rlinks[i] = value
        if f.in_main_region:
            if not region:
                region, rlong = [_ZERO] * n, [_ZERO] * n
            region[i] = _ONE
            rlong[i] = _LENGTHS[min(words, _LENGTH_WORDS)]
        if f.ends_sentence:
            if not ends:
                ends = [_ZERO] * n
            ends[i] = _ONE
        role = b.role
        if role is _HEADING:
            if not head:
                head = [_ZERO] * n
            head[i] = _ONE
        elif role is _LIST_ITEM:
            if not items:
                items = [_ZERO] * n
            items[i] = _ONE
        elif role is _CAPTION:
            if not caps:
                caps = [_ZERO] * n
            caps[i] = _ONE
        if f.title_match:
            if not title:
                title = [_ZERO] * n
            title[i] = _ONE
        if f.content_hint:
            if not hints:
                hints = [_ZERO] * n
            hints[i] = _ONE
        if f.phrase_container:
            if not boxes:
                boxes = [_ZERO] * n
            boxes[i] = _ONE
        kind = f.container
        if kind:
            for k in range(_KIND_COUNT):
                if kind == _KINDS[k]:
                    column = cols[_CONTAINERS + k]
                    if not column:
                        column = [_ZERO] * n
                        cols[_CONTAINERS + k] = column
                    value = f.container_strength
                    if value == 1.0:  # a tag's or a role's
                        column[i] = _ONE
                    elif value != 0.0 or math.copysign(1.0, value) < 0.0:
                        column[i] = value
                    break
        phrase = f.phrase
        if phrase:
            if not boiler:
                boiler = [_ZERO] * n
            boiler[i] = _BOILER[words] if 0 <= words <= _LENGTH_WORDS else 1.0 / (1.0 + words / 40.0)
            if _agree(f):
                if not agree:
                    agree = [_ZERO] * n
                agree[i] = _ONE
            for k in range(_KIND_COUNT):
                if phrase == _KINDS[k]:
                    column = cols[_PHRASES + k]
                    if not column:
                        column = [_ZERO] * n
                        cols[_PHRASES + k] = column
                    column[i] = _ONE
                    break
    # A caption written as one: the pattern's ", " and the words after it looked for in every
    # text at once (in C where the build has it), then the tail and the whole pattern.
    held = heads(texts) if heads is not None else bytes([_may_hold_tail(t) for t in texts])
    for i in range(n):
        if held[i] and (not caps or caps[i] is not _ONE):
            t = texts[i]
            if (
                _CAPTION_TAIL.search(t, 0, _CAPTION_SCAN_CHARS) is not None
                and _CAPTION_TEXT.search(t[:_CAPTION_SCAN_CHARS]) is not None
            ):
                if not caps:
                    caps = [_ZERO] * n
                caps[i] = _ONE
    cols[0], cols[1], cols[4], cols[5], cols[6], cols[7] = link, text, stop, length, short, composite
    cols[8], cols[9], cols[10], cols[11], cols[12], cols[13] = rtext, rlinks, region, rlong, edge, ends
    cols[14], cols[15], cols[16], cols[17], cols[18], cols[19] = head, title, items, caps, hints, boiler
    cols[20], cols[21] = boxes, agree
    return cast("list[list[float]]", cols)
