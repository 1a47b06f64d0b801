"""The hard rules' sieve (``_hard_rules.names_nothing``): a block it passes is named by no rule
of HARD_RULES under any options, and the decision's labels with the sieve are those of
every rule asked of every block."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, Role
from boilerstrip._block_labels import labels_of, rule_kind
from boilerstrip._compiled import compiled
from boilerstrip._hard_rules import HARD_RULES, HardRule, names_nothing
from boilerstrip._model import Link, Markup

PHRASES = ["", "metadata", "sidebar", "share", "comments", "promo", "navigation", "legal"]
TEXTS = ["Read also: A long headline of the other story here", "By Jane Doe", "Share", "x: y", ""]
OPTIONS = [
    Options(),
    Options(include_comments=True),
    Options(
        box_label_max_words=100, metadata_line_max_words=100, teaser_min_words=0, teaser_label_max_chars=80
    ),
    Options(teaser_link_share=0.0, teaser_label_max_chars=1000),
]


def _blocks(seed: int, count: int) -> list[Block]:
    rng = random.Random(seed)
    out = []
    for i in range(count):
        text = rng.choice(TEXTS)
        links = tuple(
            Link(rng.randrange(0, 10), rng.randrange(10, 60), "/a") for _ in range(rng.choice([0, 1, 1, 2]))
        )
        block = make_block(
            i,
            text,
            role=rng.choice(list(Role)),
            phrase=rng.choice(PHRASES),
            phrase_container=rng.choice(PHRASES),
            words=rng.choice([0, 1, 3, 9, 40]),
            link_density=rng.random(),
        )
        out.append(replace(block, markup=Markup(links=links)))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_a_block_the_sieve_passes_is_named_by_no_rule(seed: int) -> None:
    blocks = _blocks(seed, 300)
    passed = [b for b in blocks if names_nothing(b)]
    named = [b for b in blocks if any(rule.kind(b, o) for rule in HARD_RULES.values() for o in OPTIONS)]
    assert passed and named  # both kinds drawn
    for b, options, rule in itertools.product(passed, OPTIONS, HARD_RULES.values()):
        assert rule.kind(b, options) == ""


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("options", OPTIONS)
def test_labels_with_the_sieve_are_every_rules(seed: int, options: Options) -> None:
    blocks = _blocks(100 + seed, 200)
    rules = tuple(HARD_RULES.values())
    kept = [i % 3 != 0 for i in range(len(blocks))]
    labels = labels_of(blocks, kept, options, rules)
    for b, keep, got in zip(blocks, kept, labels, strict=True):
        kind = rule_kind(b, options, rules, options.include_comments)
        if kind:
            assert got is Label(kind)
        elif keep:
            assert got is Label.CONTENT
        else:
            assert got is not Label.CONTENT


@pytest.mark.skipif(compiled(), reason="the compiled build's HardRule takes no interpreted subclass")
def test_a_rule_outside_the_table_is_asked_of_every_block() -> None:
    class Everything(HardRule):
        """A rule outside the table: asked of every block, sieve or not."""

        def kind(self, b: Block, options: Options) -> str:
            return "legal"

    blocks = [make_block(i, "plain prose words") for i in range(5)]
    assert all(names_nothing(b) for b in blocks)
    rules = (*HARD_RULES.values(), Everything())
    assert labels_of(blocks, [True] * 5, Options(), rules) == [Label.LEGAL] * 5
