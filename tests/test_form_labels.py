"""A small form's labels ("Name", "Website", "Submit"), kept among the page's text, are dropped."""

from __future__ import annotations

import random
import re
from dataclasses import replace

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role, extract
from boilerstrip._combine import decide
from boilerstrip._form_labels import form_of, without_form_labels
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED, THREAD

_PROSE = "A paragraph of the article that tells the reader what happened and why it matters to them."
_BODY = "body>main:nth-of-type(1)>p:nth-of-type({})"
_FORM = "body>main:nth-of-type(1)>div:nth-of-type(2)>form:nth-of-type(1)>p:nth-of-type({})"


def _block(index: int, text: str, locator: str, role: Role = Role.PARAGRAPH) -> Block:
    return replace(make_block(index, text, role=role), locator=locator)


def _page(labels_in_form: list[str], prose_blocks: int = 6, role: Role = Role.PARAGRAPH) -> list[Block]:
    """``prose_blocks`` paragraphs of the article, then a form holding ``labels_in_form``."""
    blocks = [_block(i, _PROSE, _BODY.format(i + 1)) for i in range(prose_blocks)]
    for n, text in enumerate(labels_in_form, 1):
        blocks.append(_block(len(blocks), text, _FORM.format(n), role))
    return blocks


def _dropped(b: Block) -> Label:
    return Label.OTHER


def _after(blocks: list[Block], **changes: object) -> list[Label]:
    options = Options(**changes)  # type: ignore[arg-type]
    return without_form_labels(blocks, [Label.CONTENT] * len(blocks), options, _dropped)


@pytest.mark.parametrize(
    ("locator", "form"),
    [
        ("body>div:nth-of-type(1)>p:nth-of-type(2)", ""),
        ("body>form:nth-of-type(1)", "body>form:nth-of-type(1)"),
        ("body>div:nth-of-type(3)>form:nth-of-type(2)>p:nth-of-type(1)",
         "body>div:nth-of-type(3)>form:nth-of-type(2)"),
        # the innermost form, and no tag that merely ends in "form"
        ("body>form:nth-of-type(1)>div:nth-of-type(1)>form:nth-of-type(1)>p:nth-of-type(1)",
         "body>form:nth-of-type(1)>div:nth-of-type(1)>form:nth-of-type(1)"),
        ("body>x-form:nth-of-type(1)>p:nth-of-type(1)", ""),
    ],
)  # fmt: skip
def test_the_innermost_form(locator: str, form: str) -> None:
    assert form_of(locator) == form


@pytest.mark.parametrize(
    "labels",
    [
        ["Name (required)", "Mail (will not be published) (required)", "Website"],
        ["Name", "Email", "Submit"],
        ["E-Mail-Adresse (Pflichtfeld)", "Nachricht", "Absenden"],
        ["Price", "Size", "Colour", "Clear all"],
    ],
)
def test_a_small_forms_labels_are_dropped(labels: list[str]) -> None:
    blocks = _page(labels)
    out = _after(blocks)
    assert out[:6] == [Label.CONTENT] * 6  # the article stays
    assert out[6:] == [Label.OTHER] * len(labels)


def test_long_lines_table_rows_and_big_forms_stay() -> None:
    long_line = "Tell us what you think of the article in a few words please"  # 13 words
    assert _after(_page(["Name", long_line]))[6:] == [Label.OTHER, Label.CONTENT]
    assert _after(_page(["Name | Email"], role=Role.TABLE_ROW))[6] is Label.CONTENT
    # A form that wraps the page (ASP.NET pages put the body in one): its lines are the page.
    wrapped = [_block(i, _PROSE, _FORM.format(i + 1)) for i in range(6)]
    wrapped.append(_block(6, "Share", _FORM.format(7)))
    assert _after(wrapped) == [Label.CONTENT] * 7


def test_the_limits_and_the_switch() -> None:
    blocks = _page(["Your email address", "Website"])  # 3 words and 1
    assert _after(blocks, form_label_max_words=2)[6:] == [Label.CONTENT, Label.OTHER]
    assert _after(blocks, form_label_max_words=0)[6:] == [Label.CONTENT, Label.CONTENT]
    # The form's 4 words against 6 paragraphs of 17: a share of 0.04.
    assert _after(blocks, form_label_max_share=0.03)[6:] == [Label.CONTENT, Label.CONTENT]


@pytest.mark.parametrize(
    ("declared", "dropped"),
    [("", True), (ARTICLE, True), (SECTIONED, True), (THREAD, False), (PRODUCT, False)],
)
def test_threads_and_products_keep_their_forms(declared: str, dropped: bool) -> None:
    blocks = _page(["Name", "Website"])
    options = Options(
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0
    )
    labels = decide(blocks, (0.9,) * len(blocks), options, declared=declared)
    assert labels[0] is Label.CONTENT
    assert (labels[-1] is not Label.CONTENT) is dropped


@pytest.mark.parametrize("change", [{"form_label_max_words": -1}, {"form_label_max_share": 1.5}])
def test_invalid_values_are_refused(change: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options(**change)  # type: ignore[arg-type]


def _paragraph(n: str) -> str:
    return (
        f"<p>We set out early on the {n} morning and followed the towpath past the old mills, where"
        " the water runs fast under the bridges and herons wait on the weirs for the fish to come.</p>"
    )


# A hand-made post with a question box between its paragraphs (the tail rule does not reach it).
_POST = (
    "<html><head><title>A walk along the river</title></head><body><main><article>"
    "<h1>A walk along the river</h1>"
    + "".join(map(_paragraph, ("first", "second", "third")))
    + "<form action='/ask' method='post'><p><label>Full name</label><input name='n'></p>"
    "<p><label>Home page</label><input name='u'></p><p><textarea name='c'></textarea></p>"
    "<p><button>Send it</button></p></form>"
    + "".join(map(_paragraph, ("fourth", "fifth", "sixth")))
    + "</article></main></body></html>"
)


def test_a_posts_question_box_leaves_the_text() -> None:
    before = extract(_POST, options=Options(form_label_max_words=0)).text
    after = extract(_POST).text
    assert "Home page" in before and "Send it" in before  # kept on main
    assert "Home page" not in after and "Send it" not in after and "Full name" not in after
    assert after.count("towpath") == 6


def _form_of_by_pattern(locator: str) -> str:
    """form_of as the pattern alone finds it: the innermost form step's path."""
    at = locator.rfind("form:nth-of-type(")
    while at >= 0:
        if at == 0 or locator[at - 1] == ">":
            step = re.compile(r"form:nth-of-type\(\d+\)").match(locator, at)
            if step is not None:
                return locator[: step.end()]
        at = locator.rfind("form:nth-of-type(", 0, at)
    return ""


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_form_of_reads_the_step_as_the_pattern_does(seed: int) -> None:
    rnd = random.Random(seed)
    steps = [
        "div",
        "form:nth-of-type(1)",
        "form:nth-of-type(12)",
        "form:nth-of-type()",
        "form:nth-of-type(1",
        "form:nth-of-type(\u0663)",
        "form:nth-of-type(1\u0663)",
        "form:nth-of-type(\u00b2)",
        "form:nth-of-type(3x)",
        "form:nth-of-type(4\u00e9)",
        "xform:nth-of-type(5)",
        "p:nth-of-type(2)",
    ]
    for _ in range(500):
        locator = ">".join(rnd.choices(steps, k=rnd.randint(1, 5)))
        if rnd.random() < 0.2:
            locator = locator[: rnd.randint(0, len(locator))]
        assert form_of(locator) == _form_of_by_pattern(locator), locator
