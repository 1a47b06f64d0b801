"""boilerstrip: the main content of web pages, with every block labelled content or chrome.

>>> from boilerstrip import extract
>>> result = extract("<html><body><nav><a href='/'>Home</a></nav><p>Hello.</p></body></html>")
"""

from ._annotate import annotate
from ._compiled import compiled
from ._errors import BoilerstripError, ExtractionTimeoutError, InputError, LimitError, OptionsError
from ._extract import extract
from ._json_out import json_schema
from ._model import Block, Extraction, Features, Image, Label, Link, Markup, Metadata, Role
from ._options import Options
from ._sourced import Sourced
from ._version import __version__

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
    "__version__",
    "annotate",
    "compiled",
    "extract",
    "json_schema",
]
