"""The compiled build's ``_ctokens.locator_marks`` gives, per locator of a kept block, the
answers of ``_page_frame.in_page_frame`` and of ``_stray_text``'s tooltip pattern (the
references), each locator read from the steps it does not share with the kept one before, and
0 for the other blocks: on hand-made locators
(each tag at a step's start, end and middle, empty steps, a last newline, steps that part at
eight-byte boundaries), in every order that makes them share or part, and on random paths of
random trees; None for a locator not ASCII. The rules give the same labels with the marks as
without. Where the compiled build is not installed the extension is built here with the C
compiler (the comparisons skip without one)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from types import ModuleType

import pytest

from blocks import make_block
from boilerstrip import Label, Options
from boilerstrip._page_frame import FRAME, TOOLTIP, in_page_frame, without_page_frame
from boilerstrip._stray_text import _TOOLTIP_STEP, without_stray_text

LOCATORS = [
    "",
    ">",
    ">>",
    "footer",
    "nav",
    "nav:",
    "nav>",
    ">nav",
    "navx",
    "na",
    "main>nav",
    "nav>main",
    "article:nth-of-type(1)>footer:nth-of-type(1)",
    "body>footer:nth-of-type(1)>div:nth-of-type(2)>p:nth-of-type(1)",
    "body>footer:nth-of-type(1)>div:nth-of-type(2)>p:nth-of-type(2)",
    "body>div:nth-of-type(5)>footer:nth-of-type(1)>p:nth-of-type(3)",
    "body>main:nth-of-type(1)>footer:nth-of-type(1)>p:nth-of-type(1)",
    "body>div:nth-of-type(1)>footers:nth-of-type(1)>p:nth-of-type(1)",
    "body>div.nav:nth-of-type(1)>p",
    "body>mainx>nav",
    "body>articles>footer",
    "body>arti>footer",
    "body>foot>nav:x",
    "abcdefg>nav",
    "abcdefgh>nav",
    "abcdefghi>nav",
    "abcdefghijklmno>footer",
    "abcdefghijklmnop>footer",
    "tooltip",
    "tool-tip",
    "tool-ti",
    "toolti",
    "popover",
    "popove",
    "x-popover-y:z",
    "tooltip\n",
    "tooltip\n\n",
    "tooltip\n>p",
    "tooltip\nx",
    "tooltip.x",
    "tooltip :",
    "div.tooltip",
    "div>x-tool-tip>p",
    "div>x-tool-tip",
    "div>tool--tip",
    "div>tooltoolpopover",
    "div>ttooltip:nth-of-type(2)",
    "div>TOOLTIP",
    "div>tooltip9-",
    "div>tooltip9-\n",
    "body>div:nth-of-type(1)>tool-tip:nth-of-type(1)>div:nth-of-type(1)",
    "body>cms-popover:nth-of-type(2)",
    "body>toolbar:nth-of-type(1)>p:nth-of-type(1)",
    "abcdefg>tooltip",
    "abcdefgh>popover>",
    "abcdefghijklmnopqrstuvw>x>tooltip:",
]


_KEPT = Label.CONTENT


def _expected(locators: Sequence[str], labels: Sequence[Label] | None = None) -> bytes:
    kept = [True] * len(locators) if labels is None else [kind is _KEPT for kind in labels]
    return bytes(
        [
            (in_page_frame(loc) * FRAME + (_TOOLTIP_STEP.search(loc) is not None) * TOOLTIP) * k
            for loc, k in zip(locators, kept)
        ]
    )


def _marks(
    ctokens: ModuleType, locators: Sequence[str], labels: Sequence[Label] | None = None
) -> bytes | None:
    kinds = [_KEPT] * len(locators) if labels is None else list(labels)
    found: bytes | None = ctokens.locator_marks(list(locators), kinds, _KEPT)
    return found


@pytest.mark.parametrize("locator", LOCATORS)
def test_each_after_each(ctokens: ModuleType, locator: str) -> None:
    # The locator alone, and after every other: whatever steps it shares with the one before.
    for before in ["", *LOCATORS]:
        assert _marks(ctokens, [before, locator]) == _expected([before, locator])
    # ... and after it with a dropped block between (read from the kept one before).
    for before in LOCATORS:
        labels = [_KEPT, Label.OTHER, _KEPT]
        assert _marks(ctokens, [before, "nav>p", locator], labels) == _expected(
            [before, "nav>p", locator], labels
        )


def test_in_order(ctokens: ModuleType) -> None:
    for locators in (LOCATORS, sorted(LOCATORS), LOCATORS[::-1]):
        assert _marks(ctokens, locators) == _expected(locators)


def _random_locators(rng: random.Random) -> list[str]:
    tags = ["div", "nav", "footer", "main", "article", "tooltip", "tool-tip", "popover", "x-", "p", "li"]
    tails = ["", ":nth-of-type(2)", ":nth-of-type(13)", ":", ".c", "s", " "]
    paths: list[list[str]] = [["html", "body"]]
    out: list[str] = []
    for _ in range(rng.randrange(1, 200)):
        base = list(rng.choice(paths))
        for _ in range(rng.randrange(0, 4)):
            base.append(rng.choice(tags) + rng.choice(["", "", "", "-x", "x"]) + rng.choice(tails))
        if rng.random() < 0.1:
            base = base[rng.randrange(len(base)) :]  # capped: the path from a later step
        if rng.random() < 0.5:
            paths.append(base)
        out.append(">".join(base) + ("\n" if rng.random() < 0.05 else ""))
        if rng.random() < 0.3:  # the next block in the same element or an ancestor
            out.append(">".join(base[: rng.randrange(1, len(base) + 1)]))
    return out


def test_random_trees(ctokens: ModuleType) -> None:
    rng = random.Random(5)
    differing = []
    frames = tooltips = 0
    for _ in range(400):
        locators = _random_locators(rng)
        labels = [_KEPT if rng.random() < 0.7 else Label.OTHER for _ in locators]
        expected = _expected(locators, labels)
        frames += sum(m & FRAME for m in expected)
        tooltips += sum(m & TOOLTIP for m in expected) // TOOLTIP
        if _marks(ctokens, locators, labels) != expected:
            differing.append(locators)
    assert differing[:1] == []
    assert frames > 1000 and tooltips > 1000  # both marks are met often


def test_left_to_python(ctokens: ModuleType) -> None:
    assert _marks(ctokens, ["body>nav", "body>nav>café"]) is None
    assert _marks(ctokens, []) == b""
    with pytest.raises(TypeError):
        ctokens.locator_marks(("nav",), [_KEPT], _KEPT)
    with pytest.raises(TypeError):
        ctokens.locator_marks(["nav", b"footer"], [_KEPT, _KEPT], _KEPT)
    with pytest.raises(ValueError, match="not a label a locator"):
        ctokens.locator_marks(["nav"], [], _KEPT)


@pytest.mark.parametrize("tooltips", [True, False])
def test_rules_alike_with_the_marks(ctokens: ModuleType, tooltips: bool) -> None:
    blocks = [
        dataclasses.replace(make_block(i, f"Block {i} of the page, a few words long."), locator=loc)
        for i, loc in enumerate(LOCATORS)
    ]
    labels = [Label.CONTENT if i % 3 else Label.OTHER for i in range(len(blocks))]
    options = Options(tooltips_dropped=tooltips)
    marks = ctokens.locator_marks([b.locator for b in blocks], labels, _KEPT)
    dropped = lambda b: Label.NAVIGATION  # noqa: E731
    framed = without_page_frame(blocks, labels, options, dropped)
    assert without_page_frame(blocks, labels, options, dropped, marks) == framed
    assert framed != labels  # the rule drops some
    stray = without_stray_text(blocks, labels, options, dropped)
    assert without_stray_text(blocks, labels, options, dropped, marks) == stray
    assert (stray != labels) is tooltips
