"""Teaser cards below an article: other stories' linked titles, each over its teaser.

On a page that declares an article or no type, news and blog engines follow the story with
rails of other stories ("Recent Posts", "More in Autos", "Latest in Personal Tech"): each
card a title that is one link to another page, then a sentence or two of its teaser. The
teaser is plain prose, so the decision keeps it, and a rail of ten cards can outweigh a
short story several times.

A card here is a kept title line (a heading or a paragraph of
``Options.teaser_card_title_min_words`` to ``Options.teaser_card_title_max_words`` words
with a link density of at least ``Options.teaser_card_link_density``, linking to another
page, not to an anchor of this one, and holding no boilerplate phrase: a comment's linked
date is no title) and the kept block right after it, a paragraph or item of at most
``Options.teaser_card_teaser_words`` words with little link text; kept lines of at most
``Options.teaser_card_filler_words`` words around them (a date, "Read more »") belong to
the card. At least ``Options.teaser_card_min_cards`` cards one after the other make a
rail. The body is the first run of kept blocks (``_detached.kept_runs``) holding two
paragraphs of plain prose outside any rail, of ``Options.teaser_card_body_words`` words
together; a rail whose blocks all lie in runs after the body's, below a kept ``<h1>`` (the
story's headline), is dropped and takes the label its own evidence names. A rail inside
the body's run, or on a page with no such body or no kept headline above it (an index or
landing page declaring an article: its cards are its text), is left alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from ._detached import kept_runs
from ._model import Block, Label, Role, page_tuple
from ._options import Options
from ._tail import is_prose

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT
_HEADING: Final = Role.HEADING

_IN_PAGE = ("#", "javascript:")  # hrefs that do not lead to another page


def _is_title(block: Block, min_words: int, max_words: int, link_density: float) -> bool:
    """``min_words``, ``max_words`` and ``link_density``: the options ``teaser_card_title_*``
    and ``teaser_card_link_density``, read once a page (Options is not compiled)."""
    f = block.features
    return (
        min_words <= f.words <= max_words
        and f.link_density >= link_density
        and not (f.phrase or f.phrase_container)  # a comment's linked date, "Read more"
        and any(link.href and not link.href.startswith(_IN_PAGE) for link in block.markup.links)
    )


def _is_teaser(block: Block, max_words: int, link_density: float) -> bool:
    """``max_words`` and ``link_density``: the options ``teaser_card_teaser_words`` and
    ``teaser_card_teaser_link_density``, read once a page."""
    f = block.features
    return block.role is not _HEADING and 0 < f.words <= max_words and f.link_density < link_density


def teaser_rails(blocks: Sequence[Block], kept: Sequence[int], options: Options) -> list[list[int]]:
    """The rails of cards among the ``kept`` blocks (indices with words, in order): each
    rail the indices of its cards' blocks."""
    page = page_tuple(blocks)
    low, high = options.teaser_card_title_min_words, options.teaser_card_title_max_words
    density, filler = options.teaser_card_link_density, options.teaser_card_filler_words
    min_cards = options.teaser_card_min_cards  # read once, not per kept block
    title = [_is_title(page[i], low, high, density) for i in kept]
    # Each card holds a title of its own: with fewer titles than a rail's cards, no rail
    # (most pages; the rest of the pass not run).
    if title.count(True) < min_cards:
        return []
    teaser_words, teaser_density = options.teaser_card_teaser_words, options.teaser_card_teaser_link_density
    short = [page[i].features.words <= filler for i in kept]
    rails: list[list[int]] = []
    cards: list[list[int]] = []
    j = 0
    while j <= len(kept):
        if j + 1 < len(kept) and title[j] and _is_teaser(page[kept[j + 1]], teaser_words, teaser_density):
            card = [kept[j], kept[j + 1]]
            j += 2
            while j < len(kept) and short[j] and not title[j]:  # "Read more »", a date
                card.append(kept[j])
                j += 1
            cards.append(card)
            continue
        if cards and j + 1 < len(kept) and short[j] and title[j + 1]:
            cards[-1].append(kept[j])  # a line before the next card's title (its date)
            j += 1
            continue
        if len(cards) >= min_cards:
            rails.append([i for card in cards for i in card])
        cards = []
        j += 1
    return rails


def without_teaser_cards(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the rails of teaser cards after the body (see the module docstring)
    given ``dropped(block)``; ``Options.teaser_card_min_cards`` 0 turns it off."""
    page = page_tuple(blocks)
    if not options.teaser_card_min_cards:
        return labels
    kept = [i for i, kind in enumerate(labels) if kind is _CONTENT and page[i].features.words]
    rails = teaser_rails(blocks, kept, options)
    if not rails:
        return labels
    in_rails = {i for rail in rails for i in rail}
    prose_words, prose_density = options.teaser_card_prose_words, options.teaser_card_prose_link_density
    runs = kept_runs(blocks, labels)
    body = len(runs)
    for n, run in enumerate(runs):
        prose = [
            page[i].features.words
            for i in run
            if i not in in_rails and is_prose(page[i], prose_words, prose_density)
        ]
        if len(prose) >= 2 and sum(prose) >= options.teaser_card_body_words:
            body = n
            break
    run_of = {i: n for n, run in enumerate(runs) for i in run}
    headline = next((i for i in kept if page[i].role is Role.HEADING and page[i].heading_level == 1), -1)
    out = list(labels)
    for rail in rails:
        if 0 <= headline < rail[0] and all(run_of[i] > body for i in rail):
            for i in rail:
                out[i] = dropped(page[i])
    return out
