"""The model classes whose ``__init__`` is written out (for the compiled build, _model.py)
behave as the frozen slotted dataclasses dataclass would make: the same parameters in
field order, with the same defaults, every field set from its argument, by keyword or by
position; still frozen, slotted, equal, hashable, copied by ``replace`` and pickled."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from boilerstrip._model import Block, Features, Label, Markup, Role
from boilerstrip._score_table import ScoreRow, ScoreTable

_FEATURES = {
    "words": 12,
    "chars": 61,
    "link_density": 0.25,
    "text_density": 7.5,
    "stopword_density": 0.375,
    "composite_density": -0.0,
    "position": 0.5,
    "depth": 9,
    "in_main_region": True,
    "container": "sidebar",
    "container_strength": 0.7,
    "content_hint": False,
    "phrase": "share",
    "phrase_container": "metadata",
    "ends_sentence": True,
    "title_match": False,
    "repeat_chars": 480,
    "repeat_link_density": 0.875,
}
_TABLE = ScoreTable(("a",), (0.5,))
_BLOCK = {
    "index": 3,
    "text": "Some text.",
    "role": Role.PARAGRAPH,
    "heading_level": 0,
    "locator": "body>p",
    "features": Features(**_FEATURES),
    "label": Label.CONTENT,
    "score": 0.875,
    "scoring": ScoreRow(_TABLE, 0),
    "row": 4,
    "markup": Markup(quote_depth=1),
}
# (class, a value for every field, in field order)
CASES = [(Features, _FEATURES), (Block, _BLOCK)]
IDS = ["Features", "Block"]


def _same(a: object, b: object) -> bool:
    """The same type and value, a zero's sign included."""
    return type(a) is type(b) and repr(a) == repr(b)


def _generated_twin(cls: type) -> type:
    """The class dataclass makes from ``cls``'s fields, with its generated __init__."""
    specs = [
        (f.name, f.type, dataclasses.field(default=f.default, repr=f.repr)) for f in dataclasses.fields(cls)
    ]
    return dataclasses.make_dataclass(cls.__name__, specs, frozen=True, slots=True)


@pytest.mark.parametrize(("cls", "values"), CASES, ids=IDS)
def test_the_parameters_are_the_generated_ones(cls: type, values: dict[str, Any]) -> None:
    check_generated_parameters(cls, values)


def check_generated_parameters(cls: type, values: dict[str, Any]) -> None:
    """``values`` name ``cls``'s fields in order, and its ``__init__`` takes the parameters
    the generated one would (also read by test_page_objects_init)."""
    assert list(values) == [f.name for f in dataclasses.fields(cls)]
    try:
        ours = inspect.signature(cls)
    except ValueError:  # a compiled __init__ may not expose its signature
        pytest.skip("no signature to read")
    twin = inspect.signature(_generated_twin(cls)).parameters.values()
    shape = [(p.name, p.kind, p.default) for p in twin]
    assert [(p.name, p.kind, p.default) for p in ours.parameters.values()] == shape
    # The annotations too, where the signature has them: the pure path's does; the compiled
    # build's text signature gives names only (the class's own annotations are unchanged).
    # The return annotation is "None" here (from __future__ import annotations), None there.
    if any(p.annotation is not inspect.Parameter.empty for p in ours.parameters.values()):
        assert list(ours.parameters.values()) == list(twin)


@pytest.mark.parametrize(("cls", "values"), CASES, ids=IDS)
@pytest.mark.parametrize("how", ["keywords", "positions"])
def test_every_field_is_set_from_its_argument(cls: type, values: dict[str, Any], how: str) -> None:
    made = cls(**values) if how == "keywords" else cls(*values.values())
    for name, value in values.items():  # the compiled build keeps floats and ints unboxed: compared by repr
        assert _same(getattr(made, name), value), name
    twin = _generated_twin(cls)(**values)
    assert [getattr(made, n) for n in values] == [getattr(twin, n) for n in values]
    assert made == cls(**values)
    assert hash(made) == hash(cls(**values))


@pytest.mark.parametrize(("cls", "values"), CASES, ids=IDS)
def test_still_frozen_slotted_copied_and_pickled(cls: type, values: dict[str, Any]) -> None:
    made = cls(**values)
    first = next(iter(values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, first, values[first])
    assert not hasattr(made, "__dict__")
    other = dataclasses.replace(made, **{first: values[first] + 1})
    assert getattr(other, first) == values[first] + 1
    assert other != made
    assert pickle.loads(pickle.dumps(made)) == made
    assert repr(made).startswith(f"{cls.__name__}(")


def test_the_defaults_are_the_generated_ones() -> None:
    required = {
        k: v
        for k, v in _BLOCK.items()
        if k in ("index", "text", "role", "heading_level", "locator", "features")
    }
    made, twin = Block(**required), _generated_twin(Block)(**required)
    for f in dataclasses.fields(Block):
        if f.name not in required:
            assert _same(getattr(made, f.name), f.default), f.name
            assert _same(getattr(twin, f.name), f.default), f.name


@pytest.mark.parametrize(("cls", "values"), CASES, ids=IDS)
def test_a_missing_or_unknown_argument_is_refused(cls: type, values: dict[str, Any]) -> None:
    names = list(values)
    with pytest.raises(TypeError):
        cls(**{k: v for k, v in values.items() if k != names[0]})
    with pytest.raises(TypeError):
        cls(**values, unknown=1)
