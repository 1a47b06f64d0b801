"""The optional compiled build (hatch_build.py): which path runs, and the results' traps.

The same tests run on both paths: a default install runs the Python source, and a wheel
built with ``BOILERSTRIP_COMPILE=1`` runs the modules of ``COMPILED_MODULES`` compiled by
mypyc, whose classes pickle, copy and ``dataclasses.replace`` differently unless told how.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import pickle
from importlib.machinery import EXTENSION_SUFFIXES, ExtensionFileLoader, SourceFileLoader
from pathlib import Path
from typing import Any

import pytest

import boilerstrip
from boilerstrip import compiled, extract
from boilerstrip._compiled import COMPILED_MODULES

PACKAGE = Path(boilerstrip.__file__).parent
SEED = (Path(__file__).parent / "fixtures" / "news_seed.html").read_bytes()


def _has_extension(name: str) -> bool:
    return any((PACKAGE / f"{name}{suffix}").exists() for suffix in EXTENSION_SUFFIXES)


def test_compiled_tells_which_files_are_installed() -> None:
    assert compiled() == all(_has_extension(name) for name in COMPILED_MODULES)


@pytest.mark.parametrize("name", COMPILED_MODULES)
def test_module_runs_the_path_compiled_tells(name: str) -> None:
    module = importlib.import_module(f"boilerstrip.{name}")
    expected = ExtensionFileLoader if compiled() else SourceFileLoader
    assert isinstance(module.__loader__, expected)
    if not compiled():
        assert module.__file__ == str(PACKAGE / f"{name}.py")  # the pure path: the source itself


@pytest.mark.parametrize("name", COMPILED_MODULES)
def test_source_of_each_compiled_module_is_kept(name: str) -> None:
    assert (PACKAGE / f"{name}.py").is_file()


def test_version_names_the_path(capsys: pytest.CaptureFixture[str]) -> None:
    from boilerstrip import _lexbor_walk
    from boilerstrip._cli import main

    with pytest.raises(SystemExit):
        main(["--version"])
    expected = (
        "(compiled)"
        if _lexbor_walk.WALKER is not None
        else "(compiled; the walk in Python for this selectolax)"
    )
    assert capsys.readouterr().out.strip().endswith(expected if compiled() else "(pure Python)")


@pytest.mark.parametrize(
    ("is_compiled", "walker", "name"),
    [
        (False, None, "pure Python"),
        (True, object(), "compiled"),
        (True, None, "compiled; the walk in Python for this selectolax"),
    ],
)
def test_build_name_says_where_the_walk_runs(
    monkeypatch: pytest.MonkeyPatch, is_compiled: bool, walker: object, name: str
) -> None:
    from boilerstrip import _cli, _lexbor_walk

    monkeypatch.setattr(_cli, "compiled", lambda: is_compiled)
    monkeypatch.setattr(_lexbor_walk, "WALKER", walker)
    assert _cli.build_name() == name


def _parts() -> list[tuple[str, Any]]:
    result = extract(SEED, url="https://example.org/a")
    assert result.blocks and result.metadata.title.value  # the parts below are not empty
    return [
        ("extraction", result),
        ("block", result.blocks[0]),
        ("scoring", result.blocks[0].scoring),
        ("features", result.blocks[0].features),
        ("markup", result.blocks[0].markup),
        ("metadata", result.metadata),
        ("sourced", result.metadata.title),
    ]


PARTS = _parts()


@pytest.mark.parametrize(("kind", "value"), PARTS, ids=[kind for kind, _ in PARTS])
def test_result_parts_pickle_and_copy(kind: str, value: Any) -> None:
    for clone in (pickle.loads(pickle.dumps(value)), copy.copy(value), copy.deepcopy(value)):
        assert type(clone) is type(value)
        assert clone == value


DATACLASSES = [(kind, value) for kind, value in PARTS if kind != "markup"]  # Markup: a named tuple


@pytest.mark.parametrize(("kind", "value"), DATACLASSES, ids=[kind for kind, _ in DATACLASSES])
def test_result_parts_replace(kind: str, value: Any) -> None:
    first = dataclasses.fields(value)[0].name
    assert dataclasses.replace(value) == value
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(value, first, getattr(value, first))
