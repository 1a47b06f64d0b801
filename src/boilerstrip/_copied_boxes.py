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
NEVER_COPIES: Final = frozenset({Role.CODE})


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


def copy_hash(text: str) -> int:
    """The hash of a block's :func:`copy_key`: what the decision holds per kept block."""
    return hash(copy_key(text))


def copy_hashes(blocks: Sequence[Block], labels: Sequence[Label]) -> list[int]:
    """Per block, its :func:`copy_hash` when it is CONTENT and holds words, else 0: made once
    a page by the decision for every rule that compares kept texts (the copy rules read the
    same blocks' keys again). A rule reads a block's hash as ``hashes[i] or
    copy_hash(blocks[i].text)``, which is its hash either way (a hash of 0 is made again),
    and compares two blocks' keys where their hashes match: the same output as with the keys
    themselves, which held a second copy of the kept text through the whole decision (the
    50 MB page's peak memory: 9.9x its size with the keys, 9.4x with the hashes)."""
    return [
        hash(copy_key(b.text)) if kind is _CONTENT and b.features.words else 0
        for b, kind in zip(blocks, labels)
    ]


def first_kept(blocks: Sequence[Block], labels: Sequence[Label], hashes: list[int]) -> dict[int, int]:
    """The CONTENT blocks' texts, for :func:`is_kept_text`: each hash of their keys (see
    :func:`copy_hashes`) and the first such block's index."""
    first: dict[int, int] = {}
    for i, b in enumerate(blocks):
        if labels[i] is _CONTENT:
            first.setdefault(hashes[i] or copy_hash(b.text), i)
    return first


def is_kept_text(
    blocks: Sequence[Block], labels: Sequence[Label], hashes: list[int], first: dict[int, int], i: int
) -> bool:
    """Whether block ``i``'s key is a CONTENT block's (of ``labels``; ``first`` from
    :func:`first_kept` on them): its hash among theirs, then its key compared."""
    text = blocks[i].text
    j = first.get(hashes[i] or copy_hash(text))
    if j is None:
        return False
    key = copy_key(text)
    if copy_key(blocks[j].text) == key:
        return True
    # Another key with the same hash came first: look through every kept block.
    return any(kind is _CONTENT and copy_key(b.text) == key for b, kind in zip(blocks, labels))


def without_copied_boxes(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    relabel: Callable[[Block], Label],
    hashes: list[int],
) -> list[Label]:
    """``labels`` with the CONTENT blocks of every box that repeats an earlier box's kept
    texts (see the module's doc) given ``relabel(block)``; ``hashes`` are the blocks'
    :func:`copy_hashes`."""
    min_blocks, min_words = options.copy_box_min_blocks, options.copy_box_min_words
    if not min_blocks:
        return labels
    boxes: dict[str, list[int]] = {}  # parent's CSS path -> its kept blocks, in page order
    for i, b in enumerate(blocks):
        if labels[i] is _CONTENT and b.features.words and b.role not in NEVER_COPIES:
            boxes.setdefault(ancestor(b.locator), []).append(i)
    # A box's texts' hashes -> the first box with them, and that box's texts once needed.
    first: dict[tuple[int, ...], list[int]] = {}
    first_texts: dict[tuple[int, ...], tuple[str, ...]] = {}
    # The texts of the later boxes whose hashes matched a first box's and whose texts did not.
    others: set[tuple[str, ...]] = set()
    out = list(labels)
    for members in boxes.values():  # dicts keep insertion order: boxes in page order
        if len(members) < min_blocks or sum(blocks[i].features.words for i in members) < min_words:
            continue
        sums = tuple([hashes[i] or copy_hash(blocks[i].text) for i in members])
        head = first.setdefault(sums, members)
        if head is members:
            continue
        texts = tuple([copy_key(blocks[i].text) for i in members])
        head_texts = first_texts.get(sums)
        if head_texts is None:
            head_texts = first_texts[sums] = tuple([copy_key(blocks[i].text) for i in head])
        if texts == head_texts or texts in others:
            for i in members:
                out[i] = relabel(blocks[i])
        else:
            others.add(texts)
    return out
