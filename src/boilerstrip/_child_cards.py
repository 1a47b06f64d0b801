"""Card groups whose links lead below the page's own address: the page's own index.

A category, a collection or a listing page shows its members as a grid of cards, and
each card links to a page under the index's own path ("/jewelry/silver-earrings" lists
"/jewelry/silver-earrings/hoops-12"; "/catalogs/fasteners" lists
"/catalogs/fasteners/acme"). The cards' lines score low (short, linked, outside the
main region) and look, to every block and group feature, like the related-story rails
and other-product grids that the truths leave out; but those rails link elsewhere on the
site, not below the page. So, on a page declaring nothing or a multi-section type whose
address (its canonical URL, og:url or ``extract(url=...)``) has a path, a group of at
least ``Options.child_card_min_cards`` cards (``_card_slots.card_members``) whose links
lead below that path in at least ``Options.child_card_link_share`` of cases keeps its
dropped blocks of weak labels (as ``_card_groups``) at probability
``Options.child_card_floor`` or more. A site's home page (an empty path) is left alone:
every link of the site is below it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ._card_groups import with_groups_kept
from ._model import Block, Label
from ._options import Options
from ._urls import host_and_path


def with_child_cards(
    blocks: Sequence[Block],
    members: Sequence[tuple[int, int]],
    labels: list[Label],
    probabilities: Sequence[float],
    options: Options,
    *,
    address: str,
) -> list[Label]:
    """``labels`` with the doubtful dropped blocks of card groups linking below
    ``address`` kept (see the module); ``members`` as for
    :func:`~._card_groups.with_card_groups`."""
    share = options.child_card_link_share
    page = host_and_path(address) if share and address else None
    if page is None:
        return labels
    host, path = page[0], page[1].rstrip("/")
    if not path:
        return labels
    cards: dict[int, set[int]] = {}
    links: dict[int, int] = {}
    below: dict[int, int] = {}
    for (group, card), block in zip(members, blocks):
        if group < 0:
            continue
        cards.setdefault(group, set()).add(card)
        for link in block.markup.links:
            links[group] = links.get(group, 0) + 1
            if _is_below(link.href, address, host, path):
                below[group] = below.get(group, 0) + 1
    chosen = {
        g
        for g, c in cards.items()
        if len(c) >= options.child_card_min_cards and links.get(g, 0) and below.get(g, 0) >= share * links[g]
    }
    return with_groups_kept(members, labels, probabilities, chosen, options.child_card_floor)


def _is_below(href: str, address: str, host: str, path: str) -> bool:
    """Whether ``href``, resolved against ``address``, is on ``host`` under ``path`` (not
    ``path`` itself)."""
    target = host_and_path(href, address)
    if target is None or target[0] != host:
        return False
    return target[1].startswith(path + "/") and len(target[1].rstrip("/")) > len(path) + 1
