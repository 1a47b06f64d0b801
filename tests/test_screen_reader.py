"""Screen-reader-only text (class sr-only, visually-hidden, ...): left out where it copies
or labels what is beside it, or names a control; read where it alone says something."""

from __future__ import annotations

import pytest

from boilerstrip import Options, extract
from boilerstrip._features import locators
from boilerstrip._parse import body_of, parse
from boilerstrip._screen_reader import SCREEN_READER_CLASSES, is_screen_reader_only
from boilerstrip._segment import segment


def _texts(html: str, *, unseen: bool = True) -> list[str]:
    return [b.text for b in segment(body_of(parse(html)), unseen=unseen).blocks]


@pytest.mark.parametrize(
    ("html", "left_out", "read"),
    [
        # A price's copy beside the visible price.
        (
            "<div class='price'><span class='sr-only'>EUR 35.58</span><span>EUR 35.58</span></div>",
            ["EUR 35.58EUR 35.58"],
            ["EUR 35.58"],
        ),
        # A card's title copied beside its visible title.
        (
            "<li class='card'><a href='/p'><span class='visually-hidden'>Blue kettle, 1.7 litres</span>"
            "<img src='k.jpg' alt=''><b>Blue kettle</b></a></li>",
            ["Blue kettle, 1.7 litresBlue kettle"],
            ["Blue kettle"],
        ),
        # A label in a paragraph, beside the text it labels.
        (
            "<p>Posted <span class='screen-reader-text'>on</span> March 3 by Ann</p>",
            ["Posted on March 3 by Ann"],
            ["Posted March 3 by Ann"],
        ),
        # Controls: a gallery button's only text, a form's label, a menu summary.
        (
            "<p>Text</p><ul><li><button><span class='sr-only'>Load image 1</span></button></li></ul>",
            ["Text", "Load image 1"],
            ["Text"],
        ),
        (
            "<form><label class='screen-reader-text' for='q'>Search for:</label><input id='q'></form>"
            "<p>T</p>",
            ["Search for:", "T"],
            ["T"],
        ),
        (
            "<details><summary><span class='u-hidden-visually'>Menu</span></summary></details><p>T</p>",
            ["Menu", "T"],
            ["T"],
        ),
    ],
)
def test_copies_labels_and_controls_are_left_out(html: str, left_out: list[str], read: list[str]) -> None:
    assert _texts(html) == read
    assert _texts(html, unseen=False) == left_out


@pytest.mark.parametrize(
    "html",
    [
        # The only text of an icon link: nothing visible names it.
        "<div><a href='/print'><svg></svg><span class='sr-only'>Print this article</span></a></div>",
        # An icon in a table cell, read "Yes".
        "<table><tr><th>Waterproof</th><td><span class='visually-hidden'>Yes</span></td></tr></table>",
        # A link's external-link icon in a paragraph (Drupal wraps it in a span of its own).
        "<p>See <a href='http://x.example'>the report<span class='ext'>"
        "<span class='element-invisible'>(link is external)</span></span></a> for more.</p>",
        # A heading that names a section: structure, read.
        "<section><h2 class='sr-only'>Latest posts</h2><p>First post</p></section>",
    ],
)
def test_text_that_alone_says_something_is_read(html: str) -> None:
    assert _texts(html) == _texts(html, unseen=False)


@pytest.mark.parametrize(
    ("classes", "named"),
    [
        ("sr-only", True),
        ("skip-link screen-reader-text", True),
        ("price visually-hidden--inline visually-hidden", True),
        ("visually-hidden--inline", False),  # a modifier, not the class itself
        ("govuk-visually-hidden", False),  # a prefixed name is a class of its own
        ("srOnly", False),
        ("", False),
    ],
)
def test_class_tokens(classes: str, named: bool) -> None:
    assert is_screen_reader_only(classes) is named


@pytest.mark.parametrize("name", sorted(SCREEN_READER_CLASSES))
def test_every_class_name_passes_the_quick_test(name: str) -> None:
    assert is_screen_reader_only(f"card {name} wide")


def test_locators_of_other_elements_do_not_move() -> None:
    html = "<div><span class='sr-only'>Price</span><span>EUR 4</span><span><p>tail</p></span></div>"
    skipped = segment(body_of(parse(html)))
    read = segment(body_of(parse(html)), unseen=False)
    assert [b.text for b in skipped.blocks] == ["EUR 4", "tail"]
    assert [b.text for b in read.blocks] == ["PriceEUR 4", "tail"]
    # The left-out <span> is still counted: the <p> is in the third <span> either way.
    assert (
        locators(skipped)[-1]
        == locators(read)[-1]
        == "body>div:nth-of-type(1)>span:nth-of-type(3)>p:nth-of-type(1)"
    )


@pytest.mark.parametrize("skip", [True, False])
def test_option_switches_it(skip: bool) -> None:
    story = "The kettle boils a litre in three minutes and switches itself off when done. " * 4
    html = (
        f"<main><h1>Blue kettle</h1><p>{story}</p>"
        "<div class='price'><span class='sr-only'>Price EUR 35.58</span><span>EUR 35.58</span></div></main>"
    )
    text = extract(html, options=Options(skip_screen_reader_text=skip)).text
    assert ("Price EUR 35.58" in text) is not skip
