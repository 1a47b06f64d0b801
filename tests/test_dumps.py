"""A long block that keeps repeating its own words is a dump, not writing (_dumps)."""

from __future__ import annotations

import random

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role, extract
from boilerstrip._dumps import is_dump, is_echo, without_dumps
from boilerstrip._language import tokens

_TRACE = (
    'Traceback (most recent call last): File "/usr/lib/python3.12/asyncio/tasks.py", line 58, '
    "in run result = self.fn(*self.args) RuntimeError: event loop is closed"
)  # 27 words, 26 distinct
_LOG = "\n".join([_TRACE] * 25)  # 675 words, 26 distinct: a pasted log
_CHANT = "\n".join(["You will never walk alone"] * 100)  # 500 words, 5 distinct
# 800 words, 305 distinct (a test's stand-in for prose: its numbers are its new words).
_PROSE = " ".join(f"Site {3 * n} gave {3 * n + 1} samples over {3 * n + 2} days." for n in range(100))


def _block(text: str, role: Role = Role.PARAGRAPH, **changes: object) -> Block:
    # Words as the features stage counts them: \w+ tokens.
    return make_block(0, text, role=role, **{"words": len(tokens(text)), **changes})


@pytest.mark.parametrize(
    ("text", "role", "dump"),
    [
        (_LOG, Role.CODE, True),
        (_LOG, Role.PARAGRAPH, True),  # a log flattened into a paragraph
        (" ".join([_PROSE[:400]] * 12), Role.PARAGRAPH, True),  # one text rendered many times
        (_PROSE, Role.PARAGRAPH, False),  # over a third of its words distinct
        ("\n".join([_TRACE] * 18), Role.CODE, False),  # 486 words: under the minimum
        (_LOG, Role.TABLE_ROW, False),  # a table's rows repeat their cells by design
        (_LOG, Role.TABLE_CELL, False),
    ],
)
def test_a_long_block_of_few_distinct_words(text: str, role: Role, dump: bool) -> None:
    assert is_dump(_block(text, role), 500, 0.2) is dump


def test_cjk_characters_are_not_counted_as_repeated_words() -> None:
    # 1,800 characters of 60 distinct CJK characters: a long text in a script whose
    # characters repeat; its word count (600) passes the minimum, its non-CJK words do not.
    text = "".join(chr(0x4E00 + n % 60) for n in range(1800))
    assert not is_dump(_block(text, words=600), 500, 0.2)


def test_the_thresholds() -> None:
    chant = _block(_CHANT)
    assert is_dump(chant, 500, 0.2)
    assert not is_dump(chant, 501, 0.2)  # the same refrain a little shorter than the minimum
    assert not is_dump(_block(_LOG), 500, 0.03)
    assert is_dump(_block(_PROSE), 500, 0.5)


def _chrome(b: Block) -> Label:
    return Label.OTHER


@pytest.mark.parametrize(
    ("labels", "changes", "expected"),
    [
        ([Label.CONTENT, Label.CONTENT], {}, [Label.CONTENT, Label.OTHER]),
        ([Label.CONTENT, Label.SIDEBAR], {}, [Label.CONTENT, Label.SIDEBAR]),  # dropped stays as named
        ([Label.CONTENT, Label.CONTENT], {"dump_min_words": 0}, [Label.CONTENT, Label.CONTENT]),  # off
        ([Label.CONTENT, Label.CONTENT], {"dump_min_words": 700}, [Label.CONTENT, Label.CONTENT]),
        ([Label.CONTENT, Label.CONTENT], {"dump_max_distinct": 0.03}, [Label.CONTENT, Label.CONTENT]),
    ],
)
def test_without_dumps(labels: list[Label], changes: dict[str, object], expected: list[Label]) -> None:
    blocks = [_block(_PROSE), make_block(1, _LOG, role=Role.CODE, words=675)]
    options = Options(**changes)  # type: ignore[arg-type]
    assert without_dumps(blocks, labels, options, _chrome) == expected


def test_a_page_that_is_nothing_but_a_dump_keeps_it() -> None:
    # A log served as a page: its heading and the log, no paragraph of its own beside it.
    heading = make_block(0, "build.log", role=Role.HEADING)
    log = make_block(1, _LOG, role=Role.CODE, words=675)
    kept = [Label.CONTENT, Label.CONTENT]
    assert without_dumps([heading, log], kept, Options(), _chrome) == kept
    assert without_dumps([log], [Label.CONTENT], Options(), _chrome) == [Label.CONTENT]
    # A paragraph the decision dropped is not the page's own text either.
    prose = _block(_PROSE)
    assert without_dumps([prose, log], [Label.OTHER, Label.CONTENT], Options(), _chrome) == [
        Label.OTHER,
        Label.CONTENT,
    ]


@pytest.mark.parametrize(("name", "value"), [("dump_min_words", -1), ("dump_max_distinct", 1.5)])
def test_options_are_checked(name: str, value: object) -> None:
    with pytest.raises(OptionsError):
        Options(**{name: value})  # type: ignore[arg-type]


_PAGE = """<html><head><title>Deploy fails after the upgrade</title></head><body>
<nav><a href="/">Home</a> <a href="/latest">Latest</a></nav>
<main><article>
<h1>Deploy fails after the upgrade</h1>
<p>Since the upgrade last week every deploy of our site stops at the same step, although the
build itself passes. We changed nothing in the configuration and the same commit deployed
fine before. Has anyone seen this, and is there a setting we should look at first?</p>
<p>Here is the part of the log where it stops:</p>
<pre>{log}</pre>
<p>We tried clearing the cache and pinning the previous runtime version, with no change.
Any pointer to what the loop error means in this context would help us a lot.</p>
</article></main>
<footer><p>Community forum</p></footer>
</body></html>"""


def test_a_log_pasted_into_a_post_is_left_out() -> None:
    html = _PAGE.format(log=_LOG)
    assert "Traceback" in extract(html, options=Options(dump_min_words=0)).text
    text = extract(html).text
    assert "Traceback" not in text
    assert "every deploy of our site stops" in text
    assert "clearing the cache" in text


@pytest.mark.parametrize(
    ("text", "role", "echo"),
    [
        ("Request A Quote Request A Quote", Role.PARAGRAPH, True),  # a button and its animated copy
        ("Sort By:\nSort By:", Role.PARAGRAPH, True),  # lines count as words run together
        ("How to Save How to Save How to Save", Role.HEADING, True),  # three copies
        ("Swatch Swatch Swatch Swatch", Role.PARAGRAPH, True),  # a two-word run twice
        ("O O O", Role.PARAGRAPH, False),  # a one-word run: a board, a score
        ("Williamson Williamson", Role.LIST_ITEM, False),
        ("Request A Quote Request A", Role.PARAGRAPH, False),  # not whole copies
        ("New York, New York", Role.HEADING, False),  # the comma makes the runs differ
        ("Request A Quote Request A Quote", Role.CODE, False),  # a program's output
        ("Yes No Yes No", Role.TABLE_ROW, False),  # a row's cells
        ("Best Value Best Value", Role.TABLE_CELL, True),  # a layout table's cell is a box
        ("", Role.PARAGRAPH, False),
    ],
)
def test_an_echo_is_one_run_of_words_said_over(text: str, role: Role, echo: bool) -> None:
    assert is_echo(_block(text, role), 2, 30) is echo


def test_the_echo_thresholds() -> None:
    echo = _block("Hi, want 15% off? Hi, want 15% off?")  # 8 words as the features count them
    assert is_echo(echo, 2, 30)
    assert is_echo(echo, 4, 30)  # the run is 4 words long
    assert not is_echo(echo, 5, 30)
    assert not is_echo(echo, 2, 7)  # longer than the maximum
    assert not is_echo(echo, 0, 30)  # off
    # A sentence said three times (51 words) is past the default maximum: prose, not a label.
    sentence = "The committee met about the bridge on Tuesday and agreed, after a long debate, to fund it."
    said_over = _block(" ".join([sentence] * 3))
    assert is_echo(said_over, 2, 60)
    assert not is_echo(said_over, 2, Options().echo_max_words)


def test_without_echoes() -> None:
    prose, echo = _block(_PROSE), make_block(1, "Get a quote Get a quote", words=6)
    kept = [Label.CONTENT, Label.CONTENT]
    assert without_dumps([prose, echo], kept, Options(), _chrome) == [Label.CONTENT, Label.OTHER]
    assert without_dumps([prose, echo], kept, Options(echo_min_unit_words=0), _chrome) == kept
    # Beside no paragraph of the page's own, as a dump.
    assert without_dumps([echo], [Label.CONTENT], Options(), _chrome) == [Label.CONTENT]
    # The long dumps off, the echoes still on.
    assert without_dumps([prose, echo], kept, Options(dump_min_words=0), _chrome) == [
        Label.CONTENT,
        Label.OTHER,
    ]


@pytest.mark.parametrize(("name", "value"), [("echo_min_unit_words", -1), ("echo_max_words", -1)])
def test_echo_options_are_checked(name: str, value: object) -> None:
    with pytest.raises(OptionsError):
        Options(**{name: value})  # type: ignore[arg-type]


def _plain_is_echo(text: str, min_unit_words: int) -> bool:
    """is_echo as it was written first (for a block within the length and of a prose role):
    every run length tried on the split text."""
    words = text.split()
    n = len(words)
    first = words[0] if words else ""
    return bool(min_unit_words) and any(
        n % size == 0 and words[size] == first and words == words[:size] * (n // size)
        for size in range(min_unit_words, n // 2 + 1)
    )


_ECHO_WORDS = ("Request", "A", "Quote", "a", "quote", "Sort", "By:", "Sort By:", "", "x", "Quotes")


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("unit", [1, 2, 3])
def test_is_echo_is_the_plain_search(seed: int, unit: int) -> None:
    rnd = random.Random(seed)
    texts = ["", " ", "Request", "Request A Quote Request A Quote", " Sort By:\nSort By: "]
    for _ in range(300):
        run = [rnd.choice(_ECHO_WORDS) for _ in range(rnd.randint(1, 4))]
        words = run * rnd.randint(1, 4) + [rnd.choice(_ECHO_WORDS) for _ in range(rnd.randint(0, 1))]
        texts.append(rnd.choice([" ", "  ", "\n", "\t "]).join(words))
    answers = [is_echo(_block(text), unit, 1000) for text in texts]
    assert answers == [_plain_is_echo(text, unit) for text in texts]
    assert True in answers and False in answers
