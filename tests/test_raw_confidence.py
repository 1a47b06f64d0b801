"""_assemble.raw_confidence, one loop over the blocks, is _combine.margin of their scores and
word counts bit for bit (the sum() it replaces adds the same terms in the same order)."""

from __future__ import annotations

import random
import struct

import pytest

from blocks import make_block
from boilerstrip._assemble import raw_confidence
from boilerstrip._combine import margin
from boilerstrip._model import Block, Label


def _blocks(seed: int, n: int) -> list[Block]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        b = make_block(i, "w", words=rnd.choice([0, 1, 7, 250, 10**5]))
        score = rnd.choice([0.5, 0.0, 1.0, rnd.random(), 1e-9, 1 - 1e-9])
        out.append(
            Block(
                index=b.index,
                text=b.text,
                role=b.role,
                heading_level=0,
                locator="p",
                features=b.features,
                label=Label.CONTENT,
                score=score,
            )
        )
    return out


@pytest.mark.parametrize("n", [0, 1, 2, 5, 60, 700])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_raw_confidence_is_the_margin(n: int, seed: int) -> None:
    blocks = _blocks(seed * 31 + n, n)
    expected = margin([b.score for b in blocks], [b.features.words for b in blocks])
    for given in (blocks, tuple(blocks)):
        assert struct.pack("d", raw_confidence(given)) == struct.pack("d", expected)
