"""The exceptions boilerstrip raises: all derive from :class:`BoilerstripError`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class BoilerstripError(Exception):
    """Base class of every error boilerstrip raises."""


class OptionsError(BoilerstripError, ValueError):
    """An :class:`~boilerstrip.Options` value is out of range or of the wrong type."""


class UnknownOptionError(OptionsError, TypeError):
    """:class:`~boilerstrip.Options` was given a field it does not have (``Options(treshold=0.6)``):
    an :class:`OptionsError`, and the ``TypeError`` Python raises for an unknown keyword."""


class InputError(BoilerstripError, TypeError):
    """``extract()`` was given something that is not HTML text or bytes."""


class LimitError(BoilerstripError, ValueError):
    """The input exceeds a limit of :class:`~boilerstrip.Options` (size, elements, depth or
    attributes) and ``Options.on_limit`` is ``"raise"``."""


class ExtractionTimeoutError(BoilerstripError, TimeoutError):
    """``extract()`` ran past ``Options.time_budget``."""


class MissingExtraError(BoilerstripError, ImportError):
    """A feature needs an optional dependency that is not installed; the message names the
    extra to install, e.g. ``pip install 'boilerstrip[warc]'``."""


@contextmanager
def json_nesting_checked(name: str) -> Iterator[None]:
    """Reading the JSON text of a setting ``name``: json's ``RecursionError`` on text nested too
    deep (a traceback that ended the program) as an :class:`OptionsError` naming the setting."""
    try:
        yield
    except RecursionError:
        raise OptionsError(f"{name}: its JSON nests too deep to be read") from None


# Defined in a module of its own, compiled in the compiled build, and imported here, where
# every stage imports it from: the exception classes above stay Python classes.
from ._deadline import check_deadline as check_deadline  # noqa: E402, PLC0414
