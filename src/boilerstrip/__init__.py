"""boilerstrip: the main content of web pages, with every block labelled content or chrome.

>>> from boilerstrip import extract
>>> result = extract("<html><body><nav><a href='/'>Home</a></nav><p>Hello.</p></body></html>")
"""

from typing import TYPE_CHECKING, Any

from ._compiled import compiled
from ._errors import (
    BoilerstripError,
    ExtractionTimeoutError,
    InputError,
    LimitError,
    OptionsError,
    UnknownOptionError,
)
from ._extract import extract
from ._model import Block, Extraction, Features, Image, Label, Link, Markup, Metadata, Role
from ._options import Options
from ._release import release_memory
from ._sourced import Sourced
from ._version import __version__

if TYPE_CHECKING:
    from ._annotate import annotate
    from ._json_out import json_schema

# Functions extract() never calls, imported when first asked for: the annotated view and
# the JSON output bring modules (html, json, the view's styles) that import would pay for.
_LAZY = {"annotate": "._annotate", "json_schema": "._json_out"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value  # found directly from now on
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "Block",
    "BoilerstripError",
    "Extraction",
    "ExtractionTimeoutError",
    "Features",
    "Image",
    "InputError",
    "Label",
    "LimitError",
    "Link",
    "Markup",
    "Metadata",
    "Options",
    "OptionsError",
    "Role",
    "Sourced",
    "UnknownOptionError",
    "__version__",
    "annotate",
    "compiled",
    "extract",
    "json_schema",
    "release_memory",
]
