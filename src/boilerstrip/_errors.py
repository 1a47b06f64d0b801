"""The exceptions boilerstrip raises: all derive from :class:`BoilerstripError`."""

from __future__ import annotations

import time


class BoilerstripError(Exception):
    """Base class of every error boilerstrip raises."""


class OptionsError(BoilerstripError, ValueError):
    """An :class:`~boilerstrip.Options` value is out of range or of the wrong type."""


class InputError(BoilerstripError, TypeError):
    """``extract()`` was given something that is not HTML text or bytes."""


class LimitError(BoilerstripError, ValueError):
    """The input exceeds a limit of :class:`~boilerstrip.Options` (size, elements, depth or
    attributes) and ``Options.on_limit`` is ``"raise"``."""


class ExtractionTimeoutError(BoilerstripError, TimeoutError):
    """``extract()`` ran past ``Options.time_budget``."""


def check_deadline(deadline: float | None) -> None:
    """Raise :class:`ExtractionTimeoutError` once ``time.monotonic()`` is past ``deadline``."""
    if deadline is not None and time.monotonic() > deadline:
        raise ExtractionTimeoutError("extraction ran past Options.time_budget")


class MissingExtraError(BoilerstripError, ImportError):
    """A feature needs an optional dependency that is not installed; the message names the
    extra to install, e.g. ``pip install 'boilerstrip[warc]'``."""
