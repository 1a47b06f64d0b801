"""The compiled build's C for each block the segment stage makes (_cscan_record.c's ``block_text``
and ``record_steps``, _cscan_links.c's ``record_links``) gives exactly what their Python references
give (_segment_blocks._block_text_python and _record_steps_python, _markup.record_links_python),
on hand-made and generated inputs. Where the compiled build is not installed the extension is
built here with the C compiler (the tests skip without one)."""

from __future__ import annotations

import random
from array import array
from types import ModuleType
from typing import Any

import pytest

import cscan_build
from boilerstrip import _markup, _segment_blocks
from boilerstrip._segment_blocks import _block_text_python, _record_steps_python

# Characters a piece is made of: letters of each str kind, str.split's spaces (ASCII and not),
# the control characters the text drops, and newlines (which <pre> strips at the ends).
_ALPHABET = [
    "a",
    "b",
    "é",
    "\u0100",
    "\U0001f600",
    " ",
    "\t",
    "\n",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\xa0",
]
_ALPHABET += ["\u2028", "\u3000", "\x01", "\x7f", "\x9f", "\x00", "  ", "\n\n", "word"]


def _pieces(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 6))) for _ in range(count)]


def _breaks(rng: random.Random, count: int) -> list[int]:
    return sorted(rng.sample(range(count + 1), rng.randrange(0, min(count + 1, 4))))


_TEXTS = [
    ([], [], False),
    ([""], [], True),
    (["  a  ", "\n b\t", "c  "], [], False),
    (["\n\n  code\n", "  more\n\n"], [], True),
    (["\n \t\n"], [], True),  # whitespace alone in <pre>: ""
    (["x\x01y", "\x7f", "z\x9f"], [], False),
    (["x\x01y", "\x7f", "z\x9f"], [], True),
    (["one ", " two"], [1], False),
    (["one", "", "  ", "two"], [1, 2, 3], False),  # empty lines left out
    (["one", "", "  ", "two"], [1, 2, 3], True),  # kept in <pre>
    (["\n", "one", "\n"], [1, 2], True),
    (["é ", "\u0100", " \U0001f600"], [2], False),  # one buffer of the widest kind
    (["é\xa0\xa0x"], [], False),  # a Latin-1 space: collapsed
    (["a", "b", "c"], [5], False),  # a break past the end: sliced as Python slices
    (["a", "b", "c"], [2, 1], False),  # breaks out of order: an empty line
]


@pytest.mark.parametrize(("pieces", "breaks", "pre"), _TEXTS)
def test_block_text_is_the_python_text_on_hand_made_blocks(
    cscan: ModuleType, pieces: list[str], breaks: list[int], pre: bool
) -> None:
    assert cscan.block_text(pieces, breaks, pre) == _block_text_python(pieces, breaks, pre)


@pytest.mark.parametrize("seed", range(20))
def test_block_text_is_the_python_text_on_generated_blocks(cscan: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        pieces = _pieces(rng, rng.randrange(0, 8))
        breaks = _breaks(rng, len(pieces))
        pre = rng.random() < 0.3
        assert cscan.block_text(pieces, breaks, pre) == _block_text_python(pieces, breaks, pre), (
            pieces,
            breaks,
            pre,
        )


# Long runs of printable ASCII, with spaces single and doubled, at a piece's ends and between
# words of every length: what block_text copies eight bytes at a time, and the bytes that stop it.
_ASCII = ["word", "a", "xy", "longer words here", " ", "  ", "~", "!", "\x7f", "\t", "\n", "\x01", "\x1f"]
_ASCII += ["é"]


@pytest.mark.parametrize("seed", range(12))
def test_block_text_is_the_python_text_on_long_ascii_runs(cscan: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        weights = [30, 10, 10, 20, 25, 4, 3, 3, 1, 1, 1, 1, 1, rng.choice([0, 1])]
        count = rng.randrange(1, 5)
        pieces = ["".join(rng.choices(_ASCII, weights, k=rng.randrange(0, 24))) for _ in range(count)]
        breaks = _breaks(rng, len(pieces))
        pre = rng.random() < 0.3
        text = cscan.block_text(pieces, breaks, pre)
        assert text == _block_text_python(pieces, breaks, pre), (pieces, breaks, pre)
        assert text.isascii() == all(piece.isascii() for piece in pieces)  # (é is never dropped)


@pytest.mark.parametrize(
    "args", [([b"x"], [], False), (("x",), [], False), (["x"], (0,), False), (["x"], [])]
)
def test_block_text_rejects_what_its_caller_never_gives(cscan: ModuleType, args: tuple[Any, ...]) -> None:
    with pytest.raises(TypeError):
        cscan.block_text(*args)


def _frame(element: int, position: int) -> tuple[Any, ...]:
    """A block's frame as the walks make it: its element index first, its stack position at 10."""
    return (element, "p", None, None, None, None, None, 0, -1, 0, position, None, None)


def _steps_state(rng: random.Random) -> tuple[list[str], list[list[Any]], list[tuple[Any, ...]]]:
    """A stack of open elements, the block-level ones among them (frames) and their element rows,
    some with their steps made already (as by an earlier block)."""
    depth = rng.randrange(1, 9)
    tags = ["div", "p", "li", "span", "td", "x-é", "x-\u0100"]  # custom elements' names: any kind
    numbers = [1, 2, 3, 10, 99, 100, 12345, 2**40]
    stack = [[rng.choice(tags), rng.choice(numbers), None, None] for _ in range(depth)]
    stack[0][1] = 0  # the root
    positions = sorted(rng.sample(range(depth), rng.randrange(1, depth + 1)))
    frames = [_frame(k, position) for k, position in enumerate(positions)]
    elements: list[str] = []
    made = rng.randrange(0, len(frames) + 1)  # the outermost ones have theirs already
    for k in range(len(frames)):
        elements.extend((stack[positions[k]][0], "", "", f">made{k}" if k < made else ""))
    return elements, stack, frames


@pytest.mark.parametrize("seed", range(20))
def test_record_steps_makes_the_python_steps(cscan: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        elements, stack, frames = _steps_state(rng)
        known = {">p:nth-of-type(1)": ">p:nth-of-type(1)"} if rng.random() < 0.5 else {}
        steps: dict[str, dict[int, str]] = {"p": {1: ">p:nth-of-type(1)"}} if known else {}
        c_state: tuple[Any, ...] = (
            list(elements),
            stack,
            dict(known),
            {k: dict(v) for k, v in steps.items()},
        )
        py_state: tuple[Any, ...] = (
            list(elements),
            stack,
            dict(known),
            {k: dict(v) for k, v in steps.items()},
        )
        for end in range(len(frames), 0, -1):  # the innermost first, then each ancestor's own
            cscan.record_steps(*c_state, frames[:end])
            _record_steps_python(*py_state, frames[:end])
            assert c_state == py_state, (stack, frames)
        # the same step is one string, the one `strings` holds
        assert all(c_state[2].get(step, step) is step for step in c_state[0][3::4] if step)


def test_record_steps_of_a_deep_stack_and_its_errors(cscan: ModuleType) -> None:
    depth = 100_000
    stack = [["div", 0 if k == 0 else 1, None, None] for k in range(depth)]
    frames = [_frame(0, 0), _frame(1, depth - 1)]
    elements = ["div", "", "", "", "div", "", "", ""]
    cscan.record_steps(elements, stack, {}, {}, frames)
    assert elements[3] == "div" and elements[7] == ">div:nth-of-type(1)" * (depth - 1)
    with pytest.raises(IndexError):  # a frame past the elements
        cscan.record_steps([], stack, {}, {}, [_frame(0, 0)])
    with pytest.raises(TypeError):
        cscan.record_steps(elements, stack, {}, {}, [[0]])
    with pytest.raises(TypeError):
        cscan.record_steps(["", "", "", ""], [("div", 0)], {}, {}, [_frame(0, 0)])


_LINKS: list[tuple[list[str], list[tuple[int, int, str]], list[list[Any]], bool]] = [
    (["Home"], [(0, 1, "/")], [], False),
    (["  Home \n page "], [(0, 1, "/")], [], False),  # the anchor collapsed as the text is
    (["\nx = 1\n"], [(0, 1, "/code")], [], True),  # in <pre>: newlines stripped
    (["a ", "b", " c"], [(1, 2, "/b")], [[0, "/all"]], False),  # an open link sorted in
    (["a ", "b", " c"], [], [[0, None], [1, "/open"]], False),  # no href: no link
    (["a", "b", "a", "b"], [(0, 1, "/1"), (2, 3, "/2"), (3, 4, "/3")], [], False),
    (["x", "", "y"], [(1, 2, "/empty"), (2, 3, "/y")], [], False),  # an empty anchor skipped
    (["x", "y"], [(0, 2, "/xy"), (1, 2, "/y")], [], False),  # nested: the inner one after the outer
    (["x"] * 40, [(k, k + 1, f"/{k}") for k in range(40)], [], False),
    (["q"] + ["x"] * 40, [(0, 1, "/q"), *((k, k + 1, f"/{k}") for k in range(1, 41))], [], False),
]


def _both(  # noqa: PLR0917 - record_links' arguments, in order
    cscan: ModuleType,
    text: str,
    pieces: list[str],
    closed: list[tuple[int, int, str]],
    anchors: list[list[Any]],
    pre: bool,
    typecode: str = "q",
) -> None:
    spans, hrefs, c_spans, c_hrefs = array(typecode, [7]), ["/before"], array(typecode, [7]), ["/before"]
    found = _markup.record_links_python(text, pieces, closed, anchors, pre, spans, hrefs)
    assert cscan.record_links(text, pieces, list(closed), anchors, pre, c_spans, c_hrefs) == found
    assert (c_spans, c_hrefs) == (spans, hrefs), (text, pieces, closed, anchors, pre)


@pytest.mark.parametrize(("pieces", "closed", "anchors", "pre"), _LINKS)
def test_record_links_finds_the_python_links_on_hand_made_blocks(
    cscan: ModuleType,
    pieces: list[str],
    closed: list[tuple[int, int, str]],
    anchors: list[list[Any]],
    pre: bool,
) -> None:
    _both(cscan, _block_text_python(pieces, [], pre), pieces, closed, anchors, pre)
    _both(cscan, _block_text_python(pieces, [], pre), pieces, closed, anchors, pre, "i")
    _both(
        cscan, "x" + _block_text_python(pieces, [], pre)[::-1], pieces, closed, anchors, pre
    )  # mostly missed


@pytest.mark.parametrize("seed", range(20))
def test_record_links_finds_the_python_links_on_generated_blocks(cscan: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        pieces = _pieces(rng, rng.randrange(1, 12))
        pre = rng.random() < 0.3
        text = _block_text_python(pieces, _breaks(rng, len(pieces)), pre)
        closed = []
        for _ in range(rng.randrange(0, 6)):
            start = rng.randrange(0, len(pieces))
            closed.append((start, rng.randrange(start + 1, len(pieces) + 1), rng.choice(["/a", "/b", "/c"])))
        anchors = [
            [rng.randrange(0, len(pieces) + 1), rng.choice([None, "/o"])] for _ in range(rng.randrange(0, 3))
        ]
        _both(cscan, text, pieces, closed, anchors, pre, rng.choice("qi"))


def test_record_links_errors_reach_the_caller(cscan: ModuleType) -> None:
    with pytest.raises(TypeError):  # an array of neither "q" nor "i" (the traversal's two)
        cscan.record_links("y" * 200 + "x", ["x"], [], [[0, "/"]], False, array("b"), [])
    with pytest.raises(TypeError):
        cscan.record_links("x", ["x"], [(0, 1)], [], False, array("q"), [])
    with pytest.raises(TypeError):
        cscan.record_links("x", [b"x"], [(0, 1, "/")], [], False, array("q"), [])


def test_the_modules_use_the_c_when_the_build_has_it() -> None:
    module = cscan_build.installed("_cscan")
    if module is None:
        assert _segment_blocks._block_text is _block_text_python
        assert _segment_blocks._record_steps is _record_steps_python
        assert _markup._record_links is _markup.record_links_python
        assert _markup._collapse is _markup._collapse_python
    else:
        assert _segment_blocks._block_text is module.block_text
        assert _segment_blocks._record_steps is module.record_steps
        assert _markup._record_links is module.record_links
        assert _markup._collapse is module.join_words


def test_join_words_agrees_with_split_and_join_on_every_code_point(cscan: ModuleType) -> None:
    for form in (" a{}b ", "a{}b", "{}", "a {} b", "a{}"):  # the text kept as it is, or copied
        texts = [form.format(chr(c)) for c in range(0x110000)]
        assert [t for t in texts if cscan.join_words(t) != _markup._collapse_python(t)] == []


@pytest.mark.parametrize("seed", range(10))
def test_join_words_agrees_with_split_and_join_on_generated_text(cscan: ModuleType, seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(500):
        text = "".join(_pieces(rng, rng.randrange(0, 6)))
        assert cscan.join_words(text) == _markup._collapse_python(text), text
    with pytest.raises(TypeError):
        cscan.join_words(b"x")
