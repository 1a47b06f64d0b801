"""Source forms the compiled build (mypyc) turns into native operations, kept in place: a
frozen model class's written-out ``__init__`` sets every field by ``object.__setattr__(self,
"<field>", value)`` spelt out (through any other name it is a generic call there), and the
tables read per element or block are ``Final`` (a C static, not a dict look-up)."""

from __future__ import annotations

import ast
import dataclasses
import sys
from pathlib import Path
from typing import Any

import pytest

from boilerstrip import _model, _open_elements, _score_table, _segment

_CLASSES = [_model.Features, _model.Block, _score_table.ScoreRow]


def _source_tree(module: Any) -> ast.Module:
    """The module's source, read from the ``.py`` file beside it: in a compiled build
    ``inspect.getsource`` cannot see the compiled classes, and ``__file__`` names the
    extension, but the package keeps its sources next to it."""
    here = Path(module.__file__)
    return ast.parse(here.with_name(module.__name__.rpartition(".")[2] + ".py").read_text())


def _init_setattr_names(cls: type) -> list[str]:
    (body,) = [
        n
        for n in _source_tree(sys.modules[cls.__module__]).body
        if isinstance(n, ast.ClassDef) and n.name == cls.__name__
    ]
    (init,) = [n for n in ast.walk(body) if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
    names: list[str] = []
    for node in ast.walk(init):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Name) and owner.id == "object" and node.func.attr == "__setattr__":
                field = node.args[1]
                assert isinstance(field, ast.Constant) and isinstance(field.value, str)
                names.append(field.value)
    return names


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda c: c.__name__)
def test_every_field_is_set_by_object_setattr_spelt_out(cls: Any) -> None:
    fields = [f.name for f in dataclasses.fields(cls)]
    assert _init_setattr_names(cls) == fields


def _final_names(module: Any) -> set[str]:
    tree = _source_tree(module)
    return {
        n.target.id
        for n in tree.body
        if isinstance(n, ast.AnnAssign)
        and isinstance(n.target, ast.Name)
        and "Final" in ast.unparse(n.annotation)
    }


@pytest.mark.parametrize(
    ("module", "name"),
    [(_open_elements, n) for n in ("KIND", "COMPLEX", "TRACKED", "SPECIAL", "ACTIVE", "_IS_TRACKED")]
    + [(_segment, "_NO_TAG"), (_model, "new_tuple")],
)
def test_tables_read_per_element_are_final(module: Any, name: str) -> None:
    assert name in _final_names(module)
