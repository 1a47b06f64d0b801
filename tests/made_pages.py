"""Made-up pages for the decision shortcuts' tests: block locators of random box trees, and the
labels a test gives a block."""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence

from boilerstrip import Block, Label

_STEPS = ("div", "form", "x-form", "li", "p", "section", "", "form:nth-of-type(x)", "form:nth-of-type()")


def made_locators(seed: int) -> list[str]:
    """A made-up page's block locators in document order: a random tree of boxes, with
    runs of alike siblings (cards) and, now and then, a path that recurs apart (as capped
    deep locators do)."""
    rng = random.Random(seed)
    out: list[str] = []

    def walk(path: str, depth: int) -> None:
        for n in range(rng.randint(1, 5)):
            tag = rng.choice(("div", "div", "li", "article", "p", "section", "a"))
            step = f"{path}>{tag}:nth-of-type({n + 1 if rng.random() < 0.8 else 1})"
            if depth >= 5 or rng.random() < 0.35:
                out.append(step)
            else:
                walk(step, depth + 1)
            if out and rng.random() < 0.05:
                out.append(out[rng.randrange(len(out))])

    walk("body", 0)
    if rng.random() < 0.5:
        out.insert(rng.randrange(len(out)), "html>body")
    return out


def odd_locators(seed: int) -> list[str]:
    """Locators of random steps, numbered or not, with odd ones among them: empty steps
    (a leading, trailing or doubled ">"), steps that look like a form's and are not."""
    rng = random.Random(seed)
    out = []
    for _ in range(30):
        steps = []
        for _ in range(rng.randint(1, 9)):
            tag = rng.choice(_STEPS)
            steps.append(f"{tag}:nth-of-type({rng.randint(1, 12)})" if tag and rng.random() < 0.7 else tag)
        out.append(">".join(steps))
    return out


def canonical(keys: Sequence[Hashable]) -> list[int]:
    """Each key as the order of its first occurrence (names that differ, same partition)."""
    first: dict[Hashable, int] = {}
    return [first.setdefault(k, len(first)) for k in keys]


def chrome(b: Block) -> Label:
    return Label.OTHER if b.index % 2 else Label.NAVIGATION


def kept(b: Block) -> Label:
    return Label.CONTENT if b.index % 3 else Label.METADATA
