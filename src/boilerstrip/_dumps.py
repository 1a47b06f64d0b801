"""A long block that keeps repeating its own words is a dump, not writing.

Writing of several hundred words uses many words once: the long paragraphs, posts and
manual pages the development truths keep use at least a fifth of their words only once
over (the lowest, a manual page in a ``<pre>``, 0.22; prose 0.32 and up). What falls far
below is text a machine wrote or copied: a program's log pasted into a post (tracebacks
repeated a dozen times, a build's timestamped lines), a page's generated markup shown as a
listing, or one text rendered several times over in one element (a shop's reviews, a
pasted news page, each eight or ten times). The truths leave these out, or keep the first
lines a reader sees above the scroll; a block cannot be cut, so the whole block goes.

A kept block of ``Options.dump_min_words`` words or more whose distinct words are under
``Options.dump_max_distinct`` of its words is dropped. Short blocks repeat on purpose and
are left alone: a table row of "Yes | Yes | Yes", a refrain, a comment that is one line
said over and over (which a thread's truth keeps), a code sample's keywords; table rows of
any length are a table's (``_table_rows`` keeps a table whole). Words are counted without
CJK characters, whose repeats are the script's, not the text's. Dumps are dropped only
beside a paragraph the page keeps of its own: a page that is nothing but a dump (a log or a
paste served as a page) has nothing else to give.

A short block can be a dump too: an echo, one run of words said over in full two or more
times and nothing else ("Request A Quote Request A Quote", a rail's title three times over,
"Sort By: Sort By:"). It is a widget's text with its animated, responsive or hidden copies
run together; the truths of every set leave out the run as well as its copies. A kept block
of at most ``Options.echo_max_words`` words made of one run of at least
``Options.echo_min_unit_words`` words, repeated whole, is dropped as a dump is (code and
table rows aside: a listing's output or a row's cells may repeat by design). A run of one
word is not enough: "O O O" and "15 15 15" are a game's board and a score the truths keep.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, cast

from ._compiled import c_function
from ._language import is_cjk_char, tokens
from ._model import TABLE_ROLES, Block, Label, Role, label_list, page_tuple
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_PARAGRAPH: Final = Role.PARAGRAPH

# A program's output and a data table's cells repeat by design (told by identity per block:
# a set's test hashes the member).
_NOT_ECHOES: Final = frozenset({Role.CODE, Role.TABLE_ROW})
_CODE: Final = Role.CODE
_TABLE_ROW: Final = Role.TABLE_ROW


# The compiled build's :func:`echo_head` in one C pass (the split's list and its two strs,
# the second a copy of nearly all the text, cost about 600 instructions a short kept block);
# None in a pure install.
_C_ECHO_HEAD: Final = cast("Callable[[str], bool] | None", c_function("_cscore", "echo_head"))


def echo_head(text: str) -> bool:
    """Whether the first word of ``text`` occurs (as a word or inside one) after the spaces
    that end it: a text said over starts again with its first word."""
    if _C_ECHO_HEAD is not None:
        return _C_ECHO_HEAD(text)
    head = text.split(None, 1)
    return len(head) >= 2 and head[0] in head[1]


def is_dump(block: Block, min_words: int, max_distinct: float) -> bool:
    """Whether ``block`` has ``min_words`` words or more, under ``max_distinct`` of them
    distinct (see the module)."""
    if block.features.words < min_words or block.role in TABLE_ROLES:
        return False
    words = [t for t in tokens(block.text) if not (len(t) == 1 and is_cjk_char(t))]
    return len(words) >= min_words and len(set(words)) < max_distinct * len(words)


def is_echo(block: Block, min_unit_words: int, max_words: int) -> bool:
    """Whether ``block`` (at most ``max_words`` words) is one run of ``min_unit_words``
    words or more said over two or more times (see the module)."""
    if not min_unit_words or block.features.words > max_words:
        return False
    role = block.role
    if role is _CODE or role is _TABLE_ROW:  # _NOT_ECHOES
        return False
    # A run said over starts again with its first word: a text whose first word does not
    # recur after it is none (most blocks), told without splitting all of it.
    if not echo_head(block.text):
        return False
    words = block.text.split()
    n = len(words)
    first = words[0] if words else ""
    # The run's length divides the block's, and the run starts again with its first word.
    return any(
        n % size == 0 and words[size] == first and words == words[:size] * (n // size)
        for size in range(min_unit_words, n // 2 + 1)
    )


def without_dumps(
    blocks: Sequence[Block], labels: list[Label], options: Options, chrome: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the kept dumps dropped when a kept paragraph that is not one
    remains (see the module); ``chrome`` names the label of a dropped block."""
    page = page_tuple(blocks)
    min_words, unit = options.dump_min_words, options.echo_min_unit_words
    if not (min_words or unit):
        return labels
    most, distinct = options.echo_max_words, options.dump_max_distinct
    kinds = label_list(labels)
    dumps: list[int] = []
    own = False  # a kept paragraph that is no dump
    for i in range(len(kinds)):  # no list of the kept blocks' indices: read in place
        if kinds[i] is not _CONTENT:
            continue
        b = page[i]
        if (min_words and is_dump(b, min_words, distinct)) or is_echo(b, unit, most):
            dumps.append(i)
        elif b.role is _PARAGRAPH:
            own = True
    # Beside a paragraph of the page's own (a post, an article, a product's description);
    # a page that is nothing but the dump (a log or a paste served as a page) is the dump.
    if not dumps or not own:
        return labels
    out = list(labels)
    for i in dumps:
        out[i] = chrome(page[i])
    return out
