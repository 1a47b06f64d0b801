"""_scorer_pass.page_columns, the compiled score stage's one pass over the blocks, gives
every column SCORERS gives (the same outputs, compared as their bits) and a mask whose clear
bits are only columns of zeros; and the score stage gives the same table and probabilities
with it as without it, whichever weights the options hold."""

from __future__ import annotations

import math
import random
import struct
import sysconfig
from array import array
from collections.abc import Sequence
from types import ModuleType

import pytest

import cscan_build
from blocks import make_block
from boilerstrip import Options, _probability
from boilerstrip._model import Block, Role
from boilerstrip._scorer_pass import INDEX, NAMES, page_columns
from boilerstrip._scorers import CHROME_KINDS, SCORERS, _may_hold_tail, _neighbour_mean

_KINDS = ["", "", "", *(k.value for k in CHROME_KINDS), "content"]
_CAPTIONS = [
    "Jane Doe, left, speaks with John Roe at the meeting on Monday.",
    "Somebody, right",
    "A line, second from left, of nothing",
    "Ünïcode Näme, centre, at the front",
    "plain text, with a comma",
]


def _page(seed: int, n: int) -> list[Block]:
    rnd = random.Random(seed)
    roles = list(Role)
    blocks = []
    for i in range(n):
        words = rnd.choice([0, 1, 3, 4, 5, 12, 80, 500])
        text = rnd.choice([" ".join(["word"] * words), *_CAPTIONS])
        blocks.append(
            make_block(
                i,
                text,
                role=rnd.choice(roles),
                words=words,
                link_density=rnd.choice([0.0, 0.0, -0.0, 1.0, rnd.random()]),
                text_density=rnd.choice([rnd.uniform(0, 30), 20.0, 0.0, -0.0, float(rnd.randint(1, 25))]),
                stopword_density=rnd.choice([0.0, -0.0, rnd.random()]),
                composite_density=rnd.choice([0.0, 3.0, rnd.uniform(0, 9)]),
                position=i / max(n - 1, 1),
                in_main_region=rnd.random() < 0.5,
                container=rnd.choice(_KINDS),
                container_strength=rnd.choice([0.0, 0.7, 1.0, rnd.random()]),
                content_hint=rnd.random() < 0.1,
                phrase=rnd.choice(_KINDS),
                phrase_container=rnd.choice(_KINDS),
                ends_sentence=rnd.random() < 0.5,
                repeat_chars=rnd.choice([0, 0, 40, 5000, 10**6]),
                repeat_link_density=rnd.choice([0.0, rnd.random()]),
                title_match=rnd.random() < 0.05,
            )
        )
    return blocks


def _bits(values: Sequence[float]) -> bytes:
    return struct.pack(f"{len(values)}d", *values)


def test_names_are_the_scorers_in_their_order() -> None:
    assert list(NAMES) == list(SCORERS)


@pytest.fixture(scope="module")
def cscore(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    flags = [*(sysconfig.get_config_var("CFLAGS") or "").split(), "-ffp-contract=off"]
    return cscan_build.installed_or_built("_cscore", tmp_path_factory, flags)


@pytest.mark.parametrize("c_heads", [False, True])
@pytest.mark.parametrize("n", [1, 2, 3, 17, 300])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_page_columns_are_the_scorers_columns(
    request: pytest.FixtureRequest, n: int, seed: int, c_heads: bool
) -> None:
    blocks = tuple(_page(seed * 1000 + n, n))
    heads = request.getfixturevalue("cscore").caption_heads if c_heads else None
    columns = page_columns(blocks, heads)
    assert len(columns) == len(NAMES)
    for i, name in enumerate(NAMES):
        expected = SCORERS[name](blocks)
        if name.startswith("neighbour_"):
            assert columns[i] == []
        elif not columns[i]:
            assert _bits(expected) == bytes(8 * n), name  # a column of zeros is not made
        else:
            assert _bits(columns[i]) == _bits(expected), name


@pytest.mark.parametrize(
    ("link", "text", "shared"),
    [(1.0, 1.0, True), (1.0, 7.0, True), (1.0, 19.0, True), (0.5, 2.5, False), (0.25, 0.5, False)],
)
def test_a_link_block_and_a_whole_text_density_share_their_floats(
    link: float, text: float, shared: bool
) -> None:
    blocks = tuple(make_block(i, "a b c", words=3, link_density=link, text_density=text) for i in range(3))
    columns = page_columns(blocks)
    links, texts = columns[INDEX["link_density"]], columns[INDEX["text_density"]]
    assert _bits(texts) == _bits(SCORERS["text_density"](blocks))
    assert (texts[0] is texts[2]) == shared  # one float for the page's blocks, not one a block
    assert _bits(links) == _bits(SCORERS["link_density"](blocks))
    if link == 1.0:  # (another density is the features' float, shared where they share it)
        assert links[0] is links[2]


def test_a_page_of_plain_paragraphs_makes_no_kind_column() -> None:
    blocks = tuple(make_block(i, "some words in a sentence here.", ends_sentence=False) for i in range(4))
    columns = page_columns(blocks)
    zeros = {name for i, name in enumerate(NAMES) if not columns[i]}
    assert {f"container_{k.value}" for k in CHROME_KINDS} <= zeros
    assert {"caption", "heading", "ends_sentence", "short_block", "repeated_text"} <= zeros
    assert "main_region" not in zeros


_HEAD_TEXTS = [
    "",
    ",",
    ", ",
    ", left",
    ", Left of",
    ", LEFT",
    ", lef",
    "x, rear",
    "a,, right",
    ", \u00e9",
    ", abc\u00e9de",
    ", abcdef\u00e9",
    "Jane Doe, left, speaks",
    "Jane Doe, speaks, right",
    "x" * 155 + ", left",
    "x" * 156 + ", left",
    "x" * 157 + ", left",
    "x" * 158 + ", left",
    "\u4e2d" * 150 + ", top",
    "\U0001f600" * 3 + ", bottom",
    "\U0001f600" * 158 + ", bottom",
    "a, b, c, d, e, front",
    ", centre",
    ", center",
    ", second from left",
    ", topper",
    ", to",
    "\u017f" + ", ok",
    ", \u017fecond",
]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_caption_heads_is_may_hold_tail(cscore: ModuleType, seed: int) -> None:
    rnd = random.Random(seed)
    pieces = [", ", ",", " ", "left", "RIGHT", "Top", "x", "\u00e9", "\u4e2d", "\U0001f600", "rear", "a b"]
    texts = [*_HEAD_TEXTS, *("".join(rnd.choices(pieces, k=rnd.randint(0, 80))) for _ in range(400))]
    assert list(cscore.caption_heads(texts)) == [int(_may_hold_tail(t)) for t in texts]
    with pytest.raises(TypeError):
        cscore.caption_heads([b"x"])


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 9, 100])
def test_weigh_neighbours_is_the_neighbours_mean_weighed(cscore: ModuleType, n: int) -> None:
    rnd = random.Random(n)
    for weight in (1.2065, -0.7255, 0.0, math.inf):
        values = [rnd.choice([0.0, -0.0, 1.0, 1, rnd.random(), 1e308, -1e308, math.inf]) for _ in range(n)]
        z, expected_z = array("d", [0.25] * n), array("d", [0.25] * n)
        expected = _neighbour_mean(values)
        raw = cscore.weigh_neighbours(z, weight, values)
        if any(math.isnan(v) for v in expected):
            assert raw is None and z == expected_z
            continue
        assert raw == struct.pack(f"{n}d", *expected)
        for i, v in enumerate(expected):
            expected_z[i] += weight * v
        assert _bits([0.0 if math.isnan(v) else v for v in z]) == _bits(
            [0.0 if math.isnan(v) else v for v in expected_z]
        )


def _weigh(z: array[float], weight: float, column: Sequence[float]) -> bytes:
    """_cscore.weigh in Python (tests/test_cscore.py compares the two)."""
    for i, value in enumerate(column):
        z[i] += weight * value
    return struct.pack(f"{len(column)}d", *column)


def _sigmoids(z: array[float], cap: float) -> tuple[float, ...]:
    return tuple(_probability._sigmoid(v) for v in z)


_OPTIONS = [
    Options(),
    Options(include_comments=True),
    Options(coded_scores_min_blocks=1),
    Options(disabled_scorers=frozenset({"caption", "phrase_share"})),
    Options(weights=(("phrase_other", 1.0), ("link_density", -1.0), ("bias", 0.5))),
    Options(weights=(("container_footer", math.inf), ("phrase_share", math.nan), ("bias", 0.0))),
]


@pytest.mark.parametrize("options", _OPTIONS)
@pytest.mark.parametrize("n", [0, 1, 5, 120])
def test_score_with_the_pass_is_the_python_score(options: Options, n: int) -> None:
    blocks = _page(n + 7, n)
    active = _probability.active_weights(options)
    expected = _probability._score_python(blocks, options, active)
    result = _probability._score_c(blocks, options, active, _weigh, _sigmoids, page_columns)
    assert [math.isnan(p) for p in result.probabilities] == [math.isnan(p) for p in expected.probabilities]
    assert _bits([0.0 if math.isnan(p) else p for p in result.probabilities]) == _bits(
        [0.0 if math.isnan(p) else p for p in expected.probabilities]
    )
    assert result.table.names == expected.table.names
    assert repr(result.table.columns) == repr(expected.table.columns)


@pytest.mark.parametrize("options", _OPTIONS)
@pytest.mark.parametrize("n", [0, 1, 2, 5, 120])
def test_score_with_the_c_pass_is_the_python_score(cscore: ModuleType, options: Options, n: int) -> None:
    blocks = _page(n + 11, n)
    active = _probability.active_weights(options)
    expected = _probability._score_python(blocks, options, active)
    result = _probability._score_c(
        blocks,
        options,
        active,
        cscore.weigh,
        cscore.sigmoids,
        lambda page: page_columns(page, cscore.caption_heads),
        cscore.weigh_neighbours,
    )
    assert _bits([0.0 if math.isnan(p) else p for p in result.probabilities]) == _bits(
        [0.0 if math.isnan(p) else p for p in expected.probabilities]
    )
    assert [math.isnan(p) for p in result.probabilities] == [math.isnan(p) for p in expected.probabilities]
    assert result.table.names == expected.table.names
    assert repr(result.table.columns) == repr(expected.table.columns)


@pytest.mark.parametrize(
    ("coded_min", "n", "used"),
    [(None, 120, True), (4096, 120, True), (121, 120, True), (120, 120, False), (1, 5, False)],
)
def test_the_pass_is_left_to_pages_whose_columns_are_not_coded(
    coded_min: int | None, n: int, used: bool
) -> None:
    """A big page (its columns coded) makes each column in turn: the pass's columns of floats,
    all alive at once, raised the 50 MB page's peak by 10 MB. Either way, the same scores."""
    blocks = _page(n, n)
    options = Options(coded_scores_min_blocks=coded_min)
    active = _probability.active_weights(options)
    calls: list[int] = []

    def columns_of(page: tuple[Block, ...]) -> list[list[float]]:
        calls.append(len(page))
        return page_columns(page)

    result = _probability._score_c(blocks, options, active, _weigh, _sigmoids, columns_of)
    expected = _probability._score_python(blocks, options, active)
    assert calls == ([len(blocks)] if used else [])
    assert repr(result.table.columns) == repr(expected.table.columns)
    assert _bits(list(result.probabilities)) == _bits(list(expected.probabilities))
