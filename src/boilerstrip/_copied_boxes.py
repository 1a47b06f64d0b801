"""Boxes rendered twice: a box whose kept texts repeat, in order, an earlier box's.

A responsive product page or a tab set often writes one description twice: the same
paragraphs, in the same order, in a desktop and a mobile box, or in a tab panel and the
accordion that replaces it on small screens. The copy rule (_combine) leaves copies that
share their grandparent alone (a refrain, a test page's filler repeated side by side),
and the two renderings are often siblings under one parent, so it misses them. Here the
unit is the box: the kept blocks with one parent element, taken in page order; when that
sequence of texts (case and spacing aside, at least ``Options.copy_box_min_blocks`` of
them, ``Options.copy_box_min_words`` words in all) is an earlier box's, the later box is a
second rendering and its blocks are dropped. Code is never a copy (a sample shown per
platform is the page's own, as in _combine).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final, cast

from ._compiled import c_module
from ._model import Block, Label, Role, ancestor
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT

# Roles never taken for a second rendering, by this rule or _combine's copy rule:
# documentation shows one code sample in several places (a tab per platform, the sample
# again beside its explanation), and its truth keeps each. Dev, every set (block dumps):
# wcxb documentation +0.0015, forum -0.0001, no other set or type moved; table rows left
# alone too: cleaneval -0.0007.
NEVER_COPIES = frozenset({Role.CODE})


def _c_copy() -> Callable[[str], str] | None:
    """The compiled build's :func:`copy_key` in one pass in C (a list of every word of a
    long text made, joined and lowered cost it about 6,600 instructions a block), checked
    against its last line (tests/test_ctokens_rows.py); None in a pure install."""
    module = c_module("_ctokens")
    if module is None:
        return None
    return cast(Callable[[str], str], module.copy_key)


_c_copy_key: Final = _c_copy()


def copy_key(text: str) -> str:
    """A block's text as the copy rules compare it: case and spacing aside."""
    if _c_copy_key is not None:
        return _c_copy_key(text)
    return " ".join(text.split()).lower()


def copy_keys(blocks: Sequence[Block], labels: Sequence[Label]) -> list[str]:
    """Per block, its :func:`copy_key` when it is CONTENT and holds words, else "": made
    once a page by the decision for every rule that compares kept texts (the copy rules
    read the same blocks' keys again). A rule reads a block's key as ``keys[i] or
    copy_key(blocks[i].text)``, which is its key either way (an empty key is made again)."""
    return [
        copy_key(b.text) if kind is _CONTENT and b.features.words else "" for b, kind in zip(blocks, labels)
    ]


def without_copied_boxes(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    relabel: Callable[[Block], Label],
    keys: Sequence[str],
) -> list[Label]:
    """``labels`` with the CONTENT blocks of every box that repeats an earlier box's kept
    texts (see the module's doc) given ``relabel(block)``; ``keys`` are the blocks'
    :func:`copy_keys`."""
    min_blocks, min_words = options.copy_box_min_blocks, options.copy_box_min_words
    if not min_blocks:
        return labels
    boxes: dict[str, list[int]] = {}  # parent's CSS path -> its kept blocks, in page order
    for i, b in enumerate(blocks):
        if labels[i] is _CONTENT and b.features.words and b.role not in NEVER_COPIES:
            boxes.setdefault(ancestor(b.locator), []).append(i)
    first: set[tuple[str, ...]] = set()
    out = list(labels)
    for members in boxes.values():  # dicts keep insertion order: boxes in page order
        if len(members) < min_blocks or sum(blocks[i].features.words for i in members) < min_words:
            continue
        texts = tuple(keys[i] or copy_key(blocks[i].text) for i in members)
        if texts in first:
            for i in members:
                out[i] = relabel(blocks[i])
        else:
            first.add(texts)
    return out
