"""The objects made once a page without their generated constructors (for the compiled
build, where those run in the interpreter) are the ones the generated constructors make:
the dataclasses whose ``__init__`` is written out (Metadata, Extraction, Scores,
ScoreTable) take the same parameters, set every field, stay frozen, slotted, equal,
hashable, copied by ``replace`` and pickled; the named tuples made by ``new_tuple`` and the
Sourced values made by ``_metadata._sourced`` equal the class calls' ones."""

from __future__ import annotations

import dataclasses
import pickle
from typing import Any

import pytest
from selectolax.lexbor import LexborHTMLParser

import boilerstrip
from boilerstrip._extract import Measured
from boilerstrip._features import Columns
from boilerstrip._metadata import _sourced
from boilerstrip._model import NO_METADATA, Extraction, Metadata, new_tuple
from boilerstrip._parse import PageInfo, Utf8Page, page_info
from boilerstrip._probability import Scores
from boilerstrip._score_table import ScoreTable
from boilerstrip._sourced import Sourced
from boilerstrip._token_stats import TokenStats
from test_model_init import _generated_twin, _same, check_generated_parameters

_TABLE = ScoreTable(("a", "b"), (0.5, 0.25))
_METADATA = {
    "title": Sourced("T", "html"),
    "authors": Sourced(("Ann", "Bo"), "json-ld"),
    "published": Sourced("2024-01-02", "meta"),
    "site_name": Sourced("Site", "open-graph"),
    "language": Sourced("en", "html"),
    "canonical_url": Sourced("https://e.com/x", "link"),
    "description": Sourced("D", "meta"),
    "image": Sourced("https://e.com/i.png", "twitter"),
}
_EXTRACTION = {
    "text": "Some text.",
    "title": "T",
    "blocks": (),
    "confidence": 0.875,
    "url": "https://e.com/x",
    "language": "en",
    "truncated": True,
    "metadata": Metadata(**_METADATA),
}
# (class, a value for every field in field order, another value for the first field)
CASES = [
    (Metadata, _METADATA, Sourced("U", "page")),
    (Extraction, _EXTRACTION, "Other text."),
    (Scores, {"table": _TABLE, "probabilities": (0.5, -0.0)}, ScoreTable((), ())),
    (ScoreTable, {"names": ("a",), "columns": (0.5,)}, ("b",)),
]
IDS = ["Metadata", "Extraction", "Scores", "ScoreTable"]


@pytest.mark.parametrize(("cls", "values", "other"), CASES, ids=IDS)
def test_the_parameters_are_the_generated_ones(cls: type, values: dict[str, Any], other: Any) -> None:
    check_generated_parameters(cls, values)


@pytest.mark.parametrize(("cls", "values", "other"), CASES, ids=IDS)
@pytest.mark.parametrize("how", ["keywords", "positions"])
def test_every_field_is_set_from_its_argument(
    cls: type, values: dict[str, Any], other: Any, how: str
) -> None:
    made = cls(**values) if how == "keywords" else cls(*values.values())
    for name, value in values.items():
        assert _same(getattr(made, name), value), name
    twin = _generated_twin(cls)(**values)
    assert repr(made) == repr(twin).replace(type(twin).__qualname__, cls.__qualname__, 1)
    if cls is not ScoreTable:  # eq=False: compared by identity, as before
        assert made == cls(**values)
        assert hash(made) == hash(cls(**values))


@pytest.mark.parametrize(("cls", "values", "other"), CASES, ids=IDS)
def test_still_frozen_slotted_copied_and_pickled(cls: type, values: dict[str, Any], other: Any) -> None:
    made = cls(**values)
    first = next(iter(values))
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{first}'"):
        setattr(made, first, other)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(made, first)
    assert not hasattr(made, "__dict__")
    changed = dataclasses.replace(made, **{first: other})
    assert getattr(changed, first) == other
    assert [getattr(changed, n) for n in list(values)[1:]] == list(values.values())[1:]
    copy = pickle.loads(pickle.dumps(made))
    assert type(copy) is cls
    assert repr(copy) == repr(made)
    assert changed != made
    if cls not in (ScoreTable, Scores):  # a ScoreTable is equal to itself only, as before
        assert copy == made


def test_the_defaults_are_the_generated_ones() -> None:
    for made, twin in [
        (Metadata(), _generated_twin(Metadata)()),
        (Extraction("t", "T", (), 0.5), _generated_twin(Extraction)("t", "T", (), 0.5)),
    ]:
        for f in dataclasses.fields(made):
            assert _same(getattr(made, f.name), getattr(twin, f.name)), f.name
    assert Metadata() == NO_METADATA
    assert Metadata().authors == Sourced(())


@pytest.mark.parametrize(("cls", "values", "other"), CASES, ids=IDS)
def test_a_missing_or_unknown_argument_is_refused(cls: type, values: dict[str, Any], other: Any) -> None:
    with pytest.raises(TypeError):
        cls(**values, unknown=1)
    with pytest.raises(TypeError):
        cls(*values.values(), other)
    if cls is not Metadata:  # every field of Metadata has a default
        with pytest.raises(TypeError):
            cls(**{k: v for k, v in values.items() if k != next(iter(values))})


@pytest.mark.parametrize(
    ("value", "source"),
    [("x", "meta"), ((), ""), (("Ann",), "page"), ("", "link")],
    ids=["str", "none", "names", "empty"],
)
def test_sourced_is_the_class_calls(value: Any, source: str) -> None:
    made, called = _sourced(value, source), Sourced(value, source)
    assert type(made) is Sourced
    assert made == called
    assert hash(made) == hash(called)
    assert repr(made) == repr(called)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = value  # type: ignore[misc]


@pytest.mark.parametrize(
    ("cls", "size"),
    [(PageInfo, 2), (Utf8Page, 1), (TokenStats, 6), (Columns, 15), (Measured, 6)],
    ids=["PageInfo", "Utf8Page", "TokenStats", "Columns", "Measured"],
)
def test_named_tuples_by_new_tuple_are_the_class_calls(cls: type[tuple[Any, ...]], size: int) -> None:
    fields = tuple([i] for i in range(size))
    assert len(cls._fields) == size  # type: ignore[attr-defined]
    made = new_tuple(cls, fields)
    assert type(made) is cls
    assert made == cls(*fields)
    assert made._asdict() == cls(*fields)._asdict()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("html", "title", "language"),
    [
        ("<html lang='en-GB'><head><title> A  title </title></head><body></body></html>", "A title", "en"),
        ("<html><head><meta property='og:title' content='Og'></head><body></body></html>", "Og", ""),
    ],
    ids=["title", "og"],
)
def test_page_info_and_the_result(html: str, title: str, language: str) -> None:
    info = page_info(LexborHTMLParser(html))
    assert type(info) is PageInfo
    assert info == PageInfo(title, language)
    result = boilerstrip.extract(
        html.replace("</body>", "<p>Hello world, this is a page of text.</p></body>")
    )
    assert type(result) is Extraction
    assert result.title == title
    assert pickle.loads(pickle.dumps(result)) == result
