"""Author bios: a kept block that repeats a JSON-LD Person's description is metadata
(_author_bios)."""

from __future__ import annotations

import json

import pytest

from blocks import make_block
from boilerstrip import Label, Options, OptionsError, extract
from boilerstrip._author_bios import person_descriptions, without_bios
from boilerstrip._metadata import json_ld_objects

_BIO = (
    "Dana Reyes is a freelance writer based in Lisbon who covers gardening, small farms and "
    "the food people grow on city balconies."
)  # 22 words
_BODY = (
    "The allotment waiting lists in the city grew again this spring, and the council says it "
    "cannot find new land before next year at the earliest."
)
_OPTIONS = Options()


def _descriptions(*objects: object) -> tuple[str, ...]:
    return person_descriptions(json_ld_objects([json.dumps(o) for o in objects]))


@pytest.mark.parametrize(
    ("objects", "found"),
    [
        # a Person of its own, in a @graph (Yoast's layout), or as an article's author
        (({"@type": "Person", "name": "Dana", "description": _BIO},), (_BIO,)),
        (({"@graph": [{"@type": "WebPage"}, {"@type": "Person", "description": _BIO}]},), (_BIO,)),
        (({"@type": "Article", "author": {"@type": "Person", "description": _BIO}},), (_BIO,)),
        (({"@type": "Article", "author": [{"@type": "Person", "description": _BIO}]},), (_BIO,)),
        (({"@type": ["Person", "Author"], "description": _BIO},), (_BIO,)),
        (({"@type": "https://schema.org/Person", "description": _BIO},), (_BIO,)),
        # found twice, read once
        (
            (
                {"@type": "Person", "description": _BIO},
                {"@type": "Article", "author": {"@type": "Person", "description": _BIO}},
            ),
            (_BIO,),
        ),
        # no person's: the article's, the page's and the organisation's own descriptions
        (({"@type": "Article", "description": _BODY},), ()),
        (({"@type": "Organization", "description": _BIO},), ()),
        (({"@type": "Person", "name": "Dana"},), ()),
        (({"@type": "Person", "description": "   "},), ()),
        (({"@type": "Person", "description": 42},), ()),
    ],
)
def test_person_descriptions(objects: tuple[object, ...], found: tuple[str, ...]) -> None:
    assert _descriptions(*objects) == found


def _labels(texts: list[str], bios: tuple[str, ...], options: Options = _OPTIONS) -> list[Label]:
    blocks = [make_block(i, text) for i, text in enumerate(texts)]
    return without_bios(blocks, [Label.CONTENT] * len(blocks), bios, options)


@pytest.mark.parametrize(
    ("bio_block", "label"),
    [
        (_BIO, Label.METADATA),
        (_BIO.upper(), Label.METADATA),  # case folded
        ("About the author: " + _BIO, Label.METADATA),  # 3 words of 25 not in it
        (_BIO[: _BIO.index(" who")] + ".", Label.CONTENT),  # 9 words: under 12
        (_BIO + " " + _BODY, Label.CONTENT),  # under 0.8 of its words in the bio
        (_BODY, Label.CONTENT),
    ],
)
def test_a_kept_block_that_repeats_a_bio_is_metadata(bio_block: str, label: Label) -> None:
    assert _labels([_BODY, bio_block], (_BIO,)) == [Label.CONTENT, label]


@pytest.mark.parametrize(
    ("options", "bios", "label"),
    [
        (_OPTIONS, (), Label.CONTENT),  # no Person in the page
        (Options(author_bio_min_words=0), (_BIO,), Label.CONTENT),  # off
        (Options(author_bio_min_words=23), (_BIO,), Label.CONTENT),  # 22 words
        (Options(author_bio_share=1.0), ("Dana Reyes writes.", _BIO), Label.METADATA),
        (Options(author_bio_share=0.1), (_BODY,), Label.METADATA),
    ],
)
def test_options_and_bios(options: Options, bios: tuple[str, ...], label: Label) -> None:
    assert _labels([_BIO], bios, options) == [label]


def test_a_dropped_block_stays_dropped() -> None:
    blocks = [make_block(0, _BIO)]
    assert without_bios(blocks, [Label.SIDEBAR], (_BIO,), _OPTIONS) == [Label.SIDEBAR]


@pytest.mark.parametrize(
    ("field", "value"),
    [("author_bio_min_words", -1), ("author_bio_share", 0.0), ("author_bio_share", 1.5)],
)
def test_the_options_are_checked(field: str, value: float) -> None:
    with pytest.raises(OptionsError):
        Options(**{field: value})  # type: ignore[arg-type]


_PARAGRAPHS = "".join(
    f"<p>{sentence} The allotment waiting lists grew again, the council said on Tuesday, "
    "and it cannot find new land for growers before next year at the earliest.</p>"
    for sentence in ("In March,", "By April,", "In May,", "Over the summer,", "This autumn,")
)
_PAGE = """<html><head><title>Waiting lists grow</title>{ld}</head><body>
<article><h1>Waiting lists grow</h1>{paragraphs}
<div class="writer"><p>{bio}</p></div></article></body></html>"""


@pytest.mark.parametrize("with_person", [True, False])
def test_extract_leaves_out_the_bio_the_json_ld_names(with_person: bool) -> None:
    person = {"@context": "https://schema.org", "@type": "Person", "name": "Dana Reyes", "description": _BIO}
    ld = f'<script type="application/ld+json">{json.dumps(person)}</script>' if with_person else ""
    result = extract(_PAGE.format(ld=ld, paragraphs=_PARAGRAPHS, bio=_BIO))
    bio = next(b for b in result.blocks if b.text == _BIO)
    assert "allotment waiting lists" in result.text
    assert bio.label is (Label.METADATA if with_person else Label.CONTENT)
    assert (_BIO in result.text) is not with_person
