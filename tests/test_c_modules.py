"""The compiled build's C extensions that hold no C state (_cscan, _ctokens, _cscore, _cfacts) use
multi-phase initialisation (PEP 489: their init function gives a module definition, not a
module, and each import makes a module of its own) and declare that they run without the
GIL (``Py_mod_gil``, read by free-threaded builds from 3.13). Where the compiled build is
not installed each extension is built here with the C compiler (the tests skip without one)."""

from __future__ import annotations

import ctypes
import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

import cscan_build

_NAMES = ("_cscan", "_ctokens", "_cscore", "_cfacts")
_SOURCES = Path(__file__).parent.parent / "src" / "boilerstrip"


@pytest.fixture(scope="module", params=_NAMES)
def extension(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return cscan_build.installed_or_built(request.param, tmp_path_factory)


def _fresh(module: ModuleType) -> ModuleType:
    """The extension loaded again from its file, as a new module object."""
    loader = importlib.machinery.ExtensionFileLoader(module.__name__, module.__file__ or "")
    spec = importlib.util.spec_from_file_location(module.__name__, module.__file__, loader=loader)
    assert spec is not None
    fresh = importlib.util.module_from_spec(spec)
    loader.exec_module(fresh)
    return fresh


def test_the_init_function_gives_a_module_definition(extension: ModuleType) -> None:
    """PyInit_<name> returns a PyModuleDef (multi-phase), whose type is PyModuleDef_Type;
    a single-phase init returns a module."""
    short = extension.__name__.rpartition(".")[2]
    library = ctypes.PyDLL(extension.__file__ or "")
    init = getattr(library, f"PyInit_{short}")
    init.restype = ctypes.c_void_p
    made = init()
    assert made
    type_of = ctypes.cast(made + ctypes.sizeof(ctypes.c_ssize_t), ctypes.POINTER(ctypes.c_void_p))[0]
    assert type_of == ctypes.addressof(ctypes.c_char.in_dll(ctypes.pythonapi, "PyModuleDef_Type"))


def test_each_load_is_a_module_of_its_own_that_works(extension: ModuleType) -> None:
    again = _fresh(extension)
    assert again is not extension
    assert again.__dict__ is not extension.__dict__
    if extension.__name__.endswith("_ctokens"):
        for module in (extension, again):
            assert module.has_ascii_digit("a1", 1) and not module.has_ascii_digit("ab")
            assert module.block_counts(["Ça va, Zoë?"], frozenset(), lambda t: [], lambda t, k: 0)[1] == [3]
    elif extension.__name__.endswith("_cscore"):
        for module in (extension, again):
            assert module.sigmoids(__import__("array").array("d", [0.0]), 12.0) == (0.5,)
    elif extension.__name__.endswith("_cfacts"):
        for module in (extension, again):
            root = ("body", -1, 0, "", "", "", 0, 0, 1, 0)
            assert module.inherit([root, ("p", 0, *root[2:])], [1], ["x"], "") == ["", "x"]
    else:
        for module in (extension, again):
            assert module.has_control("a\x01") and module.collapse(" a  b ") == "a b"


@pytest.mark.parametrize("name", _NAMES)
def test_the_sources_declare_no_gil_and_no_global_state(name: str) -> None:
    """Each extension's init declares Py_mod_gil (not used) and makes its module from a
    definition; the files it is built from hold no C variable that is not constant."""
    paths = [_SOURCES / f"{file}.c" for file in cscan_build.FILES.get(name, (name,))]
    inits = [text for text in (path.read_text() for path in paths) if "PyMODINIT_FUNC" in text]
    assert len(inits) == 1  # (_cscan's is _cscan_module.c)
    assert "Py_MOD_GIL_NOT_USED" in inits[0] and "PyModuleDef_Init(&definition)" in inits[0]
    for path in paths:
        for line in path.read_text().splitlines():
            stripped = line.strip()
            if (
                stripped.startswith("static ")
                and "(" not in stripped.split("=")[0]
                and stripped.endswith(("];", ";", "{"))
            ):
                declared = stripped.split("=")[0]
                assert "const" in declared or "PyMethodDef" in declared or "PyModuleDef" in declared, (
                    f"{path.name}: {stripped}"
                )
