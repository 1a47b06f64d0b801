"""The phrase and name rows' regexes, compiled once at development time and stored with
the package (``_patterns.pickle``), so that a process loads them instead of compiling them.

Compiling a row with ``regex`` runs its parser and optimiser in Python: about 70 us plus
4 us per pattern character, 0.25 s for the rows a process meets over the issue's
300-page sample, all of it inside the first pages it extracts. ``regex`` pickles a
compiled pattern as its engine's code, and loads it without parsing (about 13 us a
pattern). The store holds each row's pickle, read on first use of that row.

The code of a pattern is what one version of ``regex`` compiles it to: the store records
that version and is used only when the installed ``regex`` is the same one (the ``dev``
extra pins it, so that the tests compare every stored pattern with a fresh compile). Any
other version, a missing or unreadable store, or a pattern it does not hold: the pattern
is compiled, which gives the same pattern object. Output never depends on the store.

Regenerate it after editing a table: ``python scripts/generate_pattern_store.py``
(tests/test_pattern_store.py fails, naming this command, when it is not current).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import Final

import regex

# (os.path, not pathlib: pathlib would add 8 ms to `import boilerstrip`)
STORE_PATH: Final = os.path.join(os.path.dirname(__file__), "_patterns.pickle")
# Bump when the layout below changes (a store of another layout is ignored).
_LAYOUT: Final = 1

Key = tuple[str, int]  # (pattern, flags)


@functools.cache
def compiled(pattern: str, flags: int) -> regex.Pattern[str]:
    """``regex.compile(pattern, flags)``, loaded from the store when it holds it; once per
    process and pattern (the value depends only on its arguments: never changes an output).
    Callers pass the version flag (``regex.VERSION0``) explicitly, so that a program that
    changes ``regex.DEFAULT_VERSION`` gets the same patterns as the store's."""
    stored = _stored().get((pattern, flags))
    if stored is not None:
        import pickle  # (here, not at import: pickle costs `import boilerstrip` 2 to 8 ms)

        loaded = pickle.loads(stored)  # (the package's own file)
        if isinstance(loaded, regex.Pattern) and loaded.pattern == pattern:
            return loaded
    return regex.compile(pattern, flags)


@functools.cache
def _stored() -> dict[Key, bytes]:
    return read_store(STORE_PATH, regex.__version__)


def read_store(path: str | os.PathLike[str], version: str) -> dict[Key, bytes]:
    """The store at ``path`` when it was written by ``regex`` ``version``, else {} (also
    when it is missing, unreadable or of another layout)."""
    data = _load(path)
    if data is None or data.get("layout") != _LAYOUT or data.get("regex") != version:
        return {}
    patterns = data.get("patterns")
    return patterns if isinstance(patterns, dict) else {}


def _load(path: str | os.PathLike[str]) -> dict[str, object] | None:
    """The store file's top-level dict; None when it is missing, unreadable or not a dict."""
    import pickle

    try:
        with open(path, "rb") as file:
            data = pickle.loads(file.read())  # (the package's own file)
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    return data if isinstance(data, dict) else None


def store_bytes(keys: Iterable[Key]) -> bytes:
    """The store of ``keys``, each compiled by the installed ``regex`` (the generator's)."""
    import pickle

    patterns = {key: pickle.dumps(regex.compile(*key), protocol=4) for key in sorted(set(keys))}
    return pickle.dumps({"layout": _LAYOUT, "regex": regex.__version__, "patterns": patterns}, protocol=4)


def stored_version(path: str | os.PathLike[str] = STORE_PATH) -> str | None:
    """The ``regex`` version the store at ``path`` was written by (None: no readable store)."""
    data = _load(path)
    version = data.get("regex") if data is not None else None
    return version if isinstance(version, str) else None
