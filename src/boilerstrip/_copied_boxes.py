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

from ._compiled import c_function, c_functions
from ._model import Block, Features, Label, Role, label_list, page_tuple
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


# The compiled build's :func:`copy_key` in one pass in C (a list of every word of a long text
# made, joined and lowered cost it about 6,600 instructions a block), checked against its last
# line, and :func:`copy_hash` in C: of an ASCII text read in one pass without making its key
# (the key, its str and str's hash cost about 2,400 instructions a block), one hash a key
# (tests/test_ctokens_rows.py); None in a pure install.
_C_COPIES: Final = c_functions("_ctokens", "copy_key", "copy_hash")
_c_copy_key: Final = cast("Callable[[str], str] | None", _C_COPIES[0])
_c_copy_hash: Final = cast("Callable[[str], int] | None", _C_COPIES[1])


def copy_key(text: str) -> str:
    """A block's text as the copy rules compare it: case and spacing aside."""
    if _c_copy_key is not None:
        return _c_copy_key(text)
    return " ".join(text.split()).lower()


def copy_hash(text: str) -> int:
    """A hash of a block's :func:`copy_key`: what the decision holds per kept block. Two
    texts of one key have one hash; the rules compare the keys where hashes match. In a pure
    install the key's str hash, where compiled one made in C (not the same numbers: the
    hashes are compared with each other, never kept)."""
    if _c_copy_hash is not None:
        return _c_copy_hash(text)
    return hash(copy_key(text))


# Sigs are counted in at most this many buckets, and no more than twice the page's blocks (a
# list of 1,024 made and freed twice cost a one-paragraph page 18 K instructions); a sig's
# bucket is its remainder by their number. Two sigs of one bucket are taken for one, which
# only keeps a block looked at that need not be.
MAX_SIG_BUCKETS: Final = 1024


def copy_sig(features: Features) -> int:
    """What two blocks of one key (:func:`copy_key`) always share, read from their features
    without their texts: their words and share of stopwords (in sixteenths), which are counted
    on the text's tokens, the runs of word characters of the lowered text; spacing is no word
    character, and the key is the text lowered with its spacing made one space, so both texts
    have the same tokens. Two blocks of different sigs have different keys. A share that is not
    a number in [0, 1] counts as 0 (one value for every NaN)."""
    d = features.stopword_density
    return features.words * 16 + (int(d * 15.0) if 0.0 <= d <= 1.0 else 0)


def shared_sigs(blocks: Sequence[Block], labels: Sequence[Label]) -> list[int]:
    """Per bucket of :func:`copy_sig` (its remainder by the list's length), how many CONTENT
    blocks with words hold a sig of it, counted up to 2: a block whose bucket holds 1 repeats
    no kept text, and no kept text repeats it. Buckets in a list of small ints, not a set of
    sigs (a set's add and test of a boxed number cost about 160 instructions each)."""
    page = page_tuple(blocks)
    kinds = label_list(labels)
    counts = [0] * (min(2 * len(kinds), MAX_SIG_BUCKETS) + 1)
    size = len(counts)
    # A zip of a tuple and a list, read in place by the compiled build (a Sequence's items
    # by a generic call each).
    for b, kind in zip(page, kinds):
        if kind is _CONTENT:
            f = b.features
            if f.words:
                bucket = copy_sig(f) % size
                n = counts[bucket]
                if n < 2:
                    counts[bucket] = n + 1
    return counts


def copy_hashes(
    blocks: Sequence[Block], labels: Sequence[Label], shared: list[int] | None = None
) -> list[int]:
    """Per block, its :func:`copy_hash` when it is CONTENT, holds words and another such block
    holds a :func:`copy_sig` of its bucket (:func:`shared_sigs`; the others repeat no kept
    text: their hashes are made only by a rule that asks), else 0: made once a page by the
    decision for every rule that compares kept texts (the copy rules read the same blocks'
    keys again). A rule reads a block's hash as ``hashes[i] or copy_hash(blocks[i].text)``,
    which is its hash either way (a hash of 0 is made again), and compares two blocks' keys
    where their hashes match: the same output as with the keys themselves, which held a
    second copy of the kept text through the whole decision (the 50 MB page's peak memory:
    9.9x its size with the keys, 9.4x with the hashes). About half the kept blocks of the
    profile's pages hold a sig of their own. ``shared``: :func:`shared_sigs` of the same
    blocks and labels, when the caller has them."""
    page = page_tuple(blocks)
    kinds = label_list(labels)
    if shared is None:
        shared = shared_sigs(page, kinds)
    size = len(shared)
    out: list[int] = []
    for b, kind in zip(page, kinds):
        if kind is _CONTENT:
            f = b.features
            if f.words and shared[copy_sig(f) % size] > 1:
                out.append(copy_hash(b.text))
                continue
        out.append(0)
    return out


def first_kept(blocks: Sequence[Block], labels: Sequence[Label], hashes: list[int]) -> dict[int, list[int]]:
    """The CONTENT blocks, for :func:`is_kept_text`: by their :func:`copy_sig` (a text can
    only be one of the blocks of its own sig), without their hashes (most are
    never compared: those of blocks whose sig no other kept block holds were not made)."""
    page = page_tuple(blocks)
    kept: dict[int, list[int]] = {}
    for i, (b, kind) in enumerate(zip(page, labels)):
        if kind is _CONTENT:
            sig = copy_sig(b.features)
            found = kept.get(sig)
            if found is None:
                kept[sig] = [i]
            else:
                found.append(i)
    return kept


def is_kept_text(
    blocks: Sequence[Block], labels: Sequence[Label], hashes: list[int], first: dict[int, list[int]], i: int
) -> bool:
    """Whether block ``i``'s key is a CONTENT block's (of ``labels``; ``first`` from
    :func:`first_kept` on them): among the blocks of its sig, one of its hash and
    then of its key."""
    b = blocks[i]
    found = first.get(copy_sig(b.features))
    if found is None:
        return False
    text = b.text
    h = hashes[i] or copy_hash(text)
    key = ""
    for j in found:
        other = blocks[j].text
        if (hashes[j] or copy_hash(other)) == h:
            if not key:
                key = copy_key(text)
            if copy_key(other) == key:
                return True
    return False


def ancestor_end(locator: str, levels: int) -> int:
    """Where :func:`~._model.ancestor` of ``locator`` ends in it (the ancestor is its prefix):
    at the ``levels``-th ">" from the end, at the first when it holds fewer, at its end when it
    holds none."""
    end = len(locator)
    for _ in range(levels):
        cut = locator.rfind(">", 0, end)
        if cut < 0:
            break
        end = cut
    return end


# The compiled build's :func:`same_ancestor` in one C call (the two ends' searches and the
# slice cost about 700 instructions a copy); None in a pure install.
_C_SAME_ANCESTOR: Final = cast(
    "Callable[[str, str, int], bool] | None", c_function("_cscore", "same_ancestor")
)


def same_ancestor(one: str, other: str, levels: int) -> bool:
    """``ancestor(one, levels) == ancestor(other, levels)``, without the split of each path
    into a list (``rsplit``: about 600 instructions a copy on long paths)."""
    if _C_SAME_ANCESTOR is not None:
        return _C_SAME_ANCESTOR(one, other, levels)
    return python_same_ancestor(one, other, levels)


def python_same_ancestor(one: str, other: str, levels: int) -> bool:
    """:func:`same_ancestor` in Python (the pure path, and the C's reference in the tests)."""
    end = ancestor_end(one, levels)
    return end == ancestor_end(other, levels) and one.startswith(other[:end])


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
    page = page_tuple(blocks)
    min_blocks, min_words = options.copy_box_min_blocks, options.copy_box_min_words
    # Two boxes of min_blocks kept blocks each are looked at, or none: a page of fewer blocks
    # holds no copy (told before its boxes are made).
    if not min_blocks or len(page) < 2 * min_blocks:
        return labels
    boxes: dict[str, list[int]] = {}  # parent's CSS path -> its kept blocks, in page order
    parent = ""  # the last block's parent (its ancestor()) and box
    box: list[int] = []
    for i, b in enumerate(page):
        if labels[i] is _CONTENT and b.features.words and b.role not in NEVER_COPIES:
            locator = b.locator
            cut = locator.rfind(">")
            # A sibling of the last block (most kept blocks): its box without the parent's
            # path made and hashed again (about 450 instructions a block on long paths).
            if box and cut == len(parent) and locator.startswith(parent):
                box.append(i)
                continue
            parent = locator[:cut] if cut >= 0 else locator
            found = boxes.get(parent)  # not setdefault: a list made for every block
            if found is None:
                box = boxes[parent] = [i]
            else:
                box = found
                box.append(i)
    # The boxes that are looked at, and their words block by block: a box whose words no other
    # box's repeat holds texts of its own (each text's words are its key's: see copy_sig), so
    # it is no copy, and no later box's texts are told apart by it (a box is a copy exactly
    # when an earlier box holds its texts).
    looked = [
        members
        for members in boxes.values()
        if len(members) >= min_blocks and sum(page[i].features.words for i in members) >= min_words
    ]
    if len(looked) < 2:
        return labels
    words = [tuple([page[i].features.words for i in members]) for members in looked]
    seen: set[tuple[int, ...]] = set()
    repeated: set[tuple[int, ...]] = set()
    for key in words:
        if key in seen:
            repeated.add(key)
        else:
            seen.add(key)
    if not repeated:
        return labels
    # A box's texts' hashes -> the first box with them, and that box's texts once needed.
    first: dict[tuple[int, ...], list[int]] = {}
    first_texts: dict[tuple[int, ...], tuple[str, ...]] = {}
    # The texts of the later boxes whose hashes matched a first box's and whose texts did not.
    others: set[tuple[str, ...]] = set()
    out = list(labels)
    for members, key in zip(looked, words):  # dicts keep insertion order: boxes in page order
        if key not in repeated:
            continue
        sums = tuple([hashes[i] or copy_hash(page[i].text) for i in members])
        head = first.setdefault(sums, members)
        if head is members:
            continue
        texts = tuple([copy_key(page[i].text) for i in members])
        head_texts = first_texts.get(sums)
        if head_texts is None:
            head_texts = first_texts[sums] = tuple([copy_key(page[i].text) for i in head])
        if texts == head_texts or texts in others:
            for i in members:
                out[i] = relabel(page[i])
        else:
            others.add(texts)
    return out


def without_copies(
    blocks: Sequence[Block],
    labels: list[Label],
    options: Options,
    chrome: Callable[[Block], Label],
    hashes: list[int],
    *,
    shared: list[int] | None = None,
) -> list[Label]:
    """A CONTENT block whose text, case and spacing aside, repeats an earlier CONTENT
    block's is a second rendering of it and takes the label its own evidence names,
    unless the two share their ancestor ``Options.copy_shared_ancestor_levels`` levels up
    (items or paragraphs repeated in one box are the page's own), or it is code
    (NEVER_COPIES). ``hashes`` are the blocks' :func:`copy_hashes`, ``shared`` their
    :func:`shared_sigs` at ``labels`` (made here when not given)."""
    page = page_tuple(blocks)
    levels = options.copy_shared_ancestor_levels
    if not levels:
        return labels
    # A block is a copy of the first CONTENT block of its key, whatever the blocks between:
    # one whose copy_sig bucket no other kept block holds has a key of its own and is passed over.
    if shared is None:
        shared = shared_sigs(blocks, labels)
    size = len(shared)
    out: list[Label] | None = None  # made at the first copy: ``labels`` itself on most pages
    first: dict[int, int] = {}  # a key's hash -> index of the first CONTENT block with it
    keys: dict[int, str] = {}  # the key of each first block a later one's hash matched
    others: dict[str, int] = {}  # a key whose hash a first block of another key holds -> its first
    for i, b in enumerate(page):
        if labels[i] is not _CONTENT:
            continue
        f = b.features
        if not f.words or shared[copy_sig(f) % size] < 2:
            continue
        text = b.text
        j = first.setdefault(hashes[i] or copy_hash(text), i)
        if j == i:  # most blocks are first
            continue
        # The same text has the same key: not made (most copies are written alike).
        if text != page[j].text:
            key = copy_key(text)
            head = keys.get(j)
            if head is None:
                head = keys[j] = copy_key(page[j].text)
            if head != key:
                j = others.setdefault(key, i)
        # The ancestors are compared only for a copy (j != i).
        if j != i and b.role not in NEVER_COPIES and not same_ancestor(page[j].locator, b.locator, levels):
            if out is None:
                out = list(labels)
            out[i] = chrome(b)
    return labels if out is None else out
