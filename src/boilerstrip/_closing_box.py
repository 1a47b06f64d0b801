"""The closing box: a short kept paragraph after the article, in a box of its own.

The text after an article's last paragraph that the decision still keeps is often one
short paragraph set in a box of its own below the body: an appeal, a "send us your
feedback" line, a credit or a site's one-line description. When the last kept block is
such a paragraph (at most ``Options.closing_box_max_words`` words), outside the main
region, in another parent element than the kept paragraph of plain prose before it, and
that paragraph is inside the main region, it is dropped and takes the label its own
evidence names. The wider rule (any kept block outside the region after the body) lost
on every set whose truth keeps a second region after the body (references, a closing
section): the parent and the prose before it keep this one to a box of one line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ._model import Block, Label, Role, ancestor
from ._options import Options
from ._tail import last_kept


def _is_closing_line(block: Block, prose: Block, options: Options) -> bool:
    f, p = block.features, prose.features
    return (
        block.role is Role.PARAGRAPH
        and 0 < f.words <= options.closing_box_max_words
        and not f.in_main_region
        and p.in_main_region
        and ancestor(block.locator) != ancestor(prose.locator)
        and prose.role is Role.PARAGRAPH
        and p.words >= options.tail_prose_words
        and p.link_density < options.tail_prose_link_density
    )


def without_closing_box(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the last CONTENT block given ``dropped(block)`` when it is a closing
    line (see the module docstring); ``Options.closing_box_max_words`` 0 turns it off."""
    if not options.closing_box_max_words:
        return labels
    last = last_kept(labels, len(labels))  # the last two kept blocks, read from the end
    before = last_kept(labels, last) if last >= 0 else -1
    if before < 0 or not _is_closing_line(blocks[last], blocks[before], options):
        return labels
    out = list(labels)
    out[last] = dropped(blocks[last])
    return out
