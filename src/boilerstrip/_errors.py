"""The exceptions boilerstrip raises: all derive from :class:`BoilerstripError`."""

from __future__ import annotations


class BoilerstripError(Exception):
    """Base class of every error boilerstrip raises."""


class OptionsError(BoilerstripError, ValueError):
    """An :class:`~boilerstrip.Options` value is out of range or of the wrong type."""


class InputError(BoilerstripError, TypeError):
    """``extract()`` was given something that is not HTML text or bytes."""
