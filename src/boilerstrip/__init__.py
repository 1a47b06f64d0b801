"""boilerstrip: the main content of web pages, with every block labelled content or chrome.

>>> from boilerstrip import extract
>>> result = extract("<html><body><nav><a href='/'>Home</a></nav><p>Hello.</p></body></html>")
"""

from ._annotate import annotate
from ._errors import BoilerstripError, ExtractionTimeoutError, InputError, LimitError, OptionsError
from ._extract import extract
from ._model import Block, Extraction, Features, Label, Role
from ._options import Options
from ._version import __version__

__all__ = [
    "Block",
    "BoilerstripError",
    "Extraction",
    "ExtractionTimeoutError",
    "Features",
    "InputError",
    "Label",
    "LimitError",
    "Options",
    "OptionsError",
    "Role",
    "__version__",
    "annotate",
    "extract",
]
