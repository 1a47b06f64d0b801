"""The label of each block once the decision has kept or dropped it: the page's hard rules
first (a block they name is chrome of that kind, kept or not), then CONTENT for a kept block,
or for a dropped one the kind its own evidence names (phrase, container, link density)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from ._hard_rules import HARD_RULES, HardRule, names_nothing
from ._model import Block, Label, page_tuple
from ._options import Options

# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions), and `Label(value)` runs
# EnumType.__call__ and __new__ in Python; the kinds the rules and features name are
# label values, looked up in a dict.
_CONTENT: Final = Label.CONTENT
_OTHER: Final = Label.OTHER
_SIDEBAR: Final = Label.SIDEBAR
_NAVIGATION: Final = Label.NAVIGATION
_COMMENTS: Final = Label.COMMENTS.value
_LABELS: Final = {label.value: label for label in Label}
_TABLE: Final = tuple(HARD_RULES.values())
# The table's (name, rule) pairs, read natively by the compiled build (a dict's items
# through its generic iterator).
_NAMED: Final = tuple(HARD_RULES.items())


def _left_out(declared: str, options: Options) -> str:
    """The hard rule that does not decide alone on a page of type ``declared``, or "": the
    metadata-line rule on a page that declares no type unless
    ``Options.metadata_line_undeclared``. The sets' truths split on short bylines and dates;
    on pages that declare no type they keep them more often than not (dragnet, l3s-gn1,
    cleaneval, wcxb listings), so there the line's own probability decides."""
    return "" if declared or options.metadata_line_undeclared else "metadata_line"


def hard_rules_of(declared: str, options: Options) -> frozenset[str]:
    """The hard rules that decide alone on a page of type ``declared``: ``Options.hard_rules``
    less :func:`_left_out`'s."""
    left = _left_out(declared, options)
    return options.hard_rules - {left} if left else options.hard_rules


def page_rules(declared: str, options: Options) -> tuple[HardRule, ...]:
    """The rules of :func:`hard_rules_of` in table order (not set order: the same output in
    every process), picked once a page, without making the set."""
    named, left = options.hard_rules, _left_out(declared, options)
    return tuple([rule for name, rule in _NAMED if name in named and name != left])


def label_of(b: Block, keep: bool, options: Options, rules: tuple[HardRule, ...]) -> Label:
    kind = rule_kind(b, options, rules, options.include_comments)
    if kind:
        return _LABELS[kind]
    if keep:
        return _CONTENT
    return dropped_label(b, options.link_list_density, options.headline_words)


def labels_of(
    blocks: Sequence[Block], kept: list[bool], options: Options, rules: tuple[HardRule, ...]
) -> list[Label]:
    """Each block's :func:`label_of`, the options it reads read once a page, not per block
    (Options is not compiled: each read is generic; about 1 M instructions on the profile's
    20 pages)."""
    page = page_tuple(blocks)
    comments = options.include_comments
    link_list, headline = options.link_list_density, options.headline_words
    # The table's own rules name nothing in most blocks, which names_nothing tells at once
    # (any other rule is asked of every block).
    sieved = all(rule in _TABLE for rule in rules)
    out: list[Label] = []
    for b, keep in zip(page, kept):
        kind = "" if sieved and names_nothing(b) else rule_kind(b, options, rules, comments)
        if kind:
            out.append(_LABELS[kind])
        else:
            out.append(_CONTENT if keep else dropped_label(b, link_list, headline))
    return out


def rule_kind(b: Block, options: Options, rules: tuple[HardRule, ...], include_comments: bool) -> str:
    """The chrome kind the first hard rule finds in ``b`` (comments only without
    ``include_comments``), or ""."""
    for rule in rules:
        kind = rule.kind(b, options)
        if kind and not (include_comments and kind == _COMMENTS):
            return kind
    return ""


def dropped_label(b: Block, link_list_density: float, headline_words: int) -> Label:
    """The label of a block the decision drops and no hard rule names."""
    f = b.features
    # The most specific name first; three tests, not a loop over a tuple (the compiled
    # build makes the tuple and iterates it generically, per block).
    if f.phrase_container:
        return _LABELS[f.phrase_container]
    if f.phrase:
        return _LABELS[f.phrase]
    if f.container:
        return _LABELS[f.container]
    if f.link_density < link_list_density:
        return _OTHER
    # Links of headline length are related content; short ones are menus.
    return _SIDEBAR if f.words >= headline_words else _NAVIGATION
