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
    for group, card in members:
        if group >= 0:
            cards.setdefault(group, set()).add(card)
    # Resolving the links is this rule's cost: only those of groups with cards enough are
    # resolved, each distinct href once, and a group's only until its answer is known (a
    # rail linking elsewhere misses after a few): the same groups are chosen.
    large = {g for g, c in cards.items() if len(c) >= options.child_card_min_cards}
    links: dict[int, int] = {}
    for (group, _card), block in zip(members, blocks):
        if group in large:
            links[group] = links.get(group, 0) + len(block.markup.links)
    below: dict[int, int] = {}
    elsewhere: dict[int, int] = {}
    resolved: dict[str, bool] = {}
    for (group, _card), block in zip(members, blocks):
        if group not in large:
            continue
        needed = share * links[group]
        for link in block.markup.links:
            if below.get(group, 0) >= needed or links[group] - elsewhere.get(group, 0) < needed:
                break  # chosen whatever the rest are, or missed even if all the rest lead below
            is_below = resolved.get(link.href)
            if is_below is None:
                is_below = resolved[link.href] = _is_below(link.href, address, host, path)
            if is_below:
                below[group] = below.get(group, 0) + 1
            else:
                elsewhere[group] = elsewhere.get(group, 0) + 1
    chosen = {g for g in large if links[g] and below.get(g, 0) >= share * links[g]}
    return with_groups_kept(members, labels, probabilities, chosen, options.child_card_floor)


def _is_below(href: str, address: str, host: str, path: str) -> bool:
    """Whether ``href``, resolved against ``address``, is on ``host`` under ``path`` (not
    ``path`` itself)."""
    target = host_and_path(href, address)
    if target is None or target[0] != host:
        return False
    return target[1].startswith(path + "/") and len(target[1].rstrip("/")) > len(path) + 1
