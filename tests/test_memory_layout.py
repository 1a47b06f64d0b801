"""What extract() does to keep a big page's peak memory low changes no output: coded
scorer columns give back the same bits, blocks relabelled in place equal label()'s,
the Features made apart equal compute_features()'s, and a page's equal link URLs are
one string; block texts kept as UTF-8 come back exactly, the traversal's counts in 4 bytes
give the same blocks (and a count too big for them the same result), and shared floats
keep their bits."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import pytest

from boilerstrip import Options, extract
from boilerstrip._combine import decide, label, relabel
from boilerstrip._compiled import compiled
from boilerstrip._extract import measure
from boilerstrip._features import _SHARE_FLOATS, _shared, compute_features, feature_columns, features_of
from boilerstrip._parse import body_of, page_info, parse
from boilerstrip._probability import score, smooth
from boilerstrip._score_table import CodedColumn, ScoreTable
from boilerstrip._segment import segment, traverse
from boilerstrip._segmented import Texts, finish
from chain import chain_in_use

FIXTURES = Path(__file__).parent / "fixtures"
# The compiled build keeps densities as C doubles and boxes a new float each time one is
# read: there is no float object to share, only the bits to keep.
NO_FLOAT_OBJECTS = compiled()
PAGES = ["news_seed.html", "forum_thread.html", "listing_page.html", "data_table.html"]


def _bits(values: list[float]) -> list[bytes]:
    return [struct.pack("<d", v) for v in values]


@pytest.mark.parametrize(
    ("column", "coded"),
    [
        ([0.0, 1.0, 0.0, 0.5], True),
        ([1, 0, True, 2.5], True),  # ints and bools come back as the floats an array gives
        ([0.0, -0.0, 1.0], False),  # a negative zero keeps the array: 0.0 == -0.0 as keys
        ([float(i) for i in range(300)], False),  # more than a byte can tell apart
        ([0.25, 0.75] * 3, True),
        ([-0.0, -0.0, -0.0], False),  # one value for the column: a float, its sign kept
        ([0.5, 0.5, 0.5, 0.5000000000000001], True),  # all but the last alike: not one value
    ],
)
def test_a_coded_column_gives_back_the_same_bits(column: list[float], coded: bool) -> None:
    packed = ScoreTable.pack(column, coded_min=1)
    assert isinstance(packed, CodedColumn) is coded
    table = ScoreTable(("s",), (packed,))
    assert _bits([table.row(i)[0] for i in range(len(column))]) == _bits([float(v) for v in column])


@pytest.mark.parametrize("coded_min", [None, 7])
def test_short_columns_are_not_coded(coded_min: int | None) -> None:
    assert not isinstance(ScoreTable.pack([0.0, 1.0, 0.0, 1.0], coded_min=coded_min), CodedColumn)


@pytest.mark.parametrize("page", PAGES)
def test_coding_changes_no_result(page: str) -> None:
    html = (FIXTURES / page).read_bytes()
    coded = extract(html, options=Options(coded_scores_min_blocks=1))
    plain = extract(html, options=Options(coded_scores_min_blocks=None))
    assert any(isinstance(c, CodedColumn) for c in coded.blocks[0].scoring.table.columns)
    assert coded == plain and coded.to_json() == plain.to_json()


@pytest.mark.parametrize("page", PAGES)
def test_relabel_in_place_equals_label(page: str) -> None:
    options = Options()
    measured = measure((FIXTURES / page).read_bytes(), options)
    blocks = measured.blocks
    scores = score(blocks, options)
    probabilities = smooth(blocks, scores.probabilities, options)
    expected = label(blocks, probabilities, scores, options, declared=measured.declared)
    owned = list(blocks)
    labels = decide(blocks, probabilities, options, declared=measured.declared)
    assert relabel(owned, labels, probabilities, scores.table) == expected
    assert all(a is not b for a, b in zip(owned, blocks))  # each entry was replaced


@pytest.mark.parametrize("page", PAGES)
def test_features_made_apart_equal_compute_features(page: str) -> None:
    tree = parse((FIXTURES / page).read_text(encoding="utf-8", errors="replace"))
    info = page_info(tree)
    segmented = segment(body_of(tree))
    columns, language = feature_columns(segmented, info.title, info.language, Options())
    whole = compute_features(segmented, info.title, info.language, Options())
    assert (features_of(columns, Options()), language) == whole


def test_equal_link_urls_are_one_string() -> None:
    stories = "".join(f"<p>Story {i} <a href=' /same '>read more</a></p>" for i in range(3))
    html = f"<body>{stories}</body>"
    links = [link for b in extract(html).blocks for link in b.markup.links]
    assert len(links) == 3 and links[0].href == "/same"
    assert all(link.href is links[0].href for link in links)


@pytest.mark.parametrize(
    "texts",
    [
        ["plain", "", "ünïcödé", "中文 text", "emoji 😀", "lone \ud800 surrogate", "pair \ud83d\ude00 apart"],
        ["one"],
    ],
)
def test_block_texts_come_back_exactly(texts: list[str]) -> None:
    kept = Texts()
    for text in texts:
        kept.append(text)
    assert len(kept) == len(texts) and list(kept) == texts
    assert [kept[i] for i in range(-len(texts), 0)] == texts
    kept.truncate(1)
    kept.append("after")
    assert list(kept) == [texts[0], "after"]
    kept.truncate(0)
    assert list(kept) == []


@pytest.mark.parametrize("page", PAGES)
def test_counts_in_four_bytes_change_no_segment(page: str) -> None:
    root = body_of(parse((FIXTURES / page).read_text(encoding="utf-8", errors="replace")))
    narrow = traverse(root, narrow=True)
    assert narrow.numbers.typecode == "i" and narrow.block_numbers.typecode == "i"
    assert finish(narrow) == finish(traverse(root))


def test_a_count_past_four_bytes_traverses_again_in_eight(monkeypatch: pytest.MonkeyPatch) -> None:
    html = (FIXTURES / PAGES[0]).read_bytes()
    expected = extract(html)
    calls: list[bool] = []

    def overflowing(*args: Any, narrow: bool = False, **kwargs: Any) -> Any:
        calls.append(narrow)
        if narrow:
            raise OverflowError("signed integer is greater than maximum")
        return traverse(*args, **kwargs)

    monkeypatch.setattr(chain_in_use(monkeypatch), "traverse", overflowing)
    assert extract(html) == expected and calls == [True, False]


@pytest.mark.parametrize(
    ("values", "same"),
    [
        ([0.5, 1 / 2, 2 / 4], True),
        ([1e-300, 1e-300 * 1.0], True),
        ([0.0, 0.0 * 1.0], True),
    ],
)
@pytest.mark.skipif(NO_FLOAT_OBJECTS, reason="compiled build: densities are C doubles")
def test_equal_densities_are_one_float(values: list[float], same: bool) -> None:
    known: dict[float, float] = {}
    shared = [_shared(known, v) for v in values]
    assert all((s is shared[0]) is same for s in shared) and shared == values


def test_shared_floats_keep_their_bits() -> None:
    known: dict[float, float] = {}
    values = [0.0, -0.0, 0.0 * -1.0, float("nan"), 0.25, float("inf"), -0.0 * 1.0]
    shared = [_shared(known, v) for v in values]
    assert _bits(shared) == _bits(values)
    assert NO_FLOAT_OBJECTS or (shared[1] is shared[2] and shared[0] is not shared[1])


def test_floats_are_shared_where_features_hold_objects() -> None:
    # features_of calls _shared in the Python source only: the compiled Features holds doubles.
    assert _SHARE_FLOATS is not NO_FLOAT_OBJECTS


def test_siblings_share_their_parents_index_object() -> None:
    # The parent's index is past 256 (ints below it are one object in any case).
    menu = "".join(f"<li>Item {i}</li>" for i in range(300))
    story = "".join(f"<p>Paragraph {i} of the story.</p>" for i in range(300))
    elements = segment(body_of(parse(f"<body><ul>{menu}</ul><div>{story}</div></body>"))).elements
    children = [e for e in elements if e.tag == "p"]
    assert len(children) == 300 and children[0].parent > 256
    assert all(e.parent is children[0].parent for e in children)
