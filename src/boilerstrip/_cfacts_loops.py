"""The compiled build's C loops of the features stage's element passes (``_cfacts``:
_cfacts.c, _cfacts_boxes.c, _cfacts_groups.c, _cfacts_containers.c), looked up once for
_element_facts, _region and _repeats."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from ._compiled import c_module

if TYPE_CHECKING:
    from ._segmented import Element


# NameVerdicts.c_reader(): (name_bits, its two tables, the verdicts by number, of)
_Reader = tuple[object, ...]


class CFacts(NamedTuple):
    """The C loops, each giving what its Python function in _element_facts, _region or
    _repeats gives (the reference, which tests/test_cfacts.py compares with it)."""

    composite_density: Callable[[Sequence[Element], Sequence[int]], list[float]]
    # (elements, owners, words, titles, nodes): _box_tallies' three lists at the nodes only
    box_tallies: Callable[
        [Sequence[Element], Sequence[int], Sequence[int], Sequence[bool], Sequence[int]],
        tuple[list[int], list[int], list[int]],
    ]
    # (elements, owners, kinds, words): _element_facts._phrase_tallies, or None
    phrase_tallies: Callable[
        [Sequence[Element], Sequence[int], Sequence[str | None], Sequence[int]],
        tuple[list[int], list[dict[str, int]], list[int]] | None,
    ]
    # (elements, marks, values, default): per element its mark's value, else its parent's
    inherit: Callable[[Sequence[Element], Sequence[int], Sequence[object], object], list[object]]
    # (elements, min_siblings, Group, _NONE): _repeats.repeated_groups
    repeated_groups: Callable[[Sequence[Element], int, type[tuple[object, ...]], object], list[object]]
    # (elements, TAG_FLAGS, bits, memo, c_reader, reviews, COMMENTS): _region.in_overlay
    overlay: Callable[
        [Sequence[Element], dict[str, int], tuple[int, int, int], dict[str, object], _Reader, bool, str],
        list[bool],
    ]
    # (elements, above_region, TAG_FLAGS, bits, tables, memo, c_reader, Container, none,
    # strengths): _element_facts.enclosing_containers
    containers: Callable[..., list[object]]
    # (texts, words, link_density, no_points, min_words, max_link_density): _region.points_of
    points: Callable[[list[str], list[int], list[float], list[bool], int, float], list[float]]


def _c_facts() -> CFacts | None:
    """The C loops of ``_cfacts``, or None in a pure install (looked up once, here, for
    _element_facts, _region and _repeats)."""
    module = c_module("_cfacts")
    if module is None:
        return None
    return CFacts(
        cast(Callable[..., list[float]], module.composite_density),
        cast(Callable[..., tuple[list[int], list[int], list[int]]], module.box_tallies),
        cast(Callable[..., tuple[list[int], list[dict[str, int]], list[int]] | None], module.phrase_tallies),
        cast(Callable[..., list[object]], module.inherit),
        cast(Callable[..., list[object]], module.repeated_groups),
        cast(Callable[..., list[bool]], module.overlay),
        cast(Callable[..., list[object]], module.containers),
        cast(Callable[..., list[float]], module.points),
    )


C_FACTS: Final = _c_facts()
