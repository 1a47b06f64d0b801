"""JSON output: every fixture's JSON validates against the schema shipped in the package."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest

import boilerstrip
from boilerstrip import Features, Label, Metadata, Role, extract

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.stem for p in FIXTURES.glob("*.html"))
VALIDATOR = jsonschema.Draft202012Validator(boilerstrip.json_schema())


def test_schema_is_valid_draft_2020_12() -> None:
    schema = boilerstrip.json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", PAGES)
def test_fixture_json_validates(name: str) -> None:
    result = extract((FIXTURES / f"{name}.html").read_bytes(), url=f"https://example.org/{name}")
    data = json.loads(result.to_json())
    VALIDATOR.validate(data)
    assert data == result.to_dict()
    assert data["schema_version"] == 1
    assert len(data["blocks"]) == len(result.blocks)


def test_schema_describes_every_field() -> None:
    """The schema names exactly the fields of the dataclasses, and describes each."""
    schema = boilerstrip.json_schema()
    block = schema["$defs"]["block"]["properties"]
    assert set(block["features"]["properties"]) == {f.name for f in fields(Features)}
    assert set(schema["properties"]["metadata"]["properties"]) == {f.name for f in fields(Metadata)}
    assert block["label"]["enum"] == [label.value for label in Label]
    assert block["role"]["enum"] == [role.value for role in Role]
    described = [
        schema["properties"],
        block,
        block["features"]["properties"],
        schema["$defs"]["markup"]["properties"],
    ]
    for properties in described:
        for name, spec in properties.items():
            assert spec.get("description") or "$ref" in spec, name


BROKEN = {
    "score above one": ("blocks", 0, "score", 1.5),
    "unknown label": ("blocks", 0, "label", "ad"),
    "metadata without source": ("metadata", "title", "source", None),
}


@pytest.mark.parametrize("path", list(BROKEN.values()), ids=list(BROKEN))
def test_schema_rejects_wrong_output(path: tuple[object, ...]) -> None:
    """The schema is strict enough to catch a wrong value (a test that can fail)."""
    data = extract((FIXTURES / "tutorial.html").read_bytes()).to_dict()
    *keys, last, value = path
    target = data
    for key in keys:
        target = target[key]  # type: ignore[index]
    target[last] = value  # type: ignore[index]
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(data)


def test_schema_ships_in_the_package() -> None:
    path = Path(boilerstrip.__file__).parent / "schema" / "extraction-1.json"
    assert json.loads(path.read_text(encoding="utf-8")) == boilerstrip.json_schema()


def test_structure_is_in_the_json() -> None:
    data = extract((FIXTURES / "tutorial.html").read_bytes()).to_dict()
    code = next(b for b in data["blocks"] if b["role"] == "code")
    assert code["markup"]["language"] == "python"
    nested = next(b for b in data["blocks"] if b["text"].startswith("the referrer"))
    assert [level["kind"] for level in nested["markup"]["lists"]] == ["ol", "ul"]
    header = next(b for b in data["blocks"] if b["text"].startswith("Version |"))
    assert header["markup"]["header"] is True
    assert header["markup"]["cells"] == ["Version", "Peak memory", "Run time"]
