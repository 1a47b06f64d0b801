"""`import boilerstrip` leaves out what the first extract() may not need: the output formats,
batch, CLI, bench and integrations (and the standard modules they bring), and the patterns
compiled on first use; a pattern so deferred is compiled once, when first asked for."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from typing import Any

import pytest

DEFERRED_MODULES = (
    "boilerstrip._annotate", "boilerstrip._annotate_view", "boilerstrip._json_out",
    "boilerstrip._markdown", "boilerstrip._html_out", "boilerstrip.batch", "boilerstrip._batch",
    "boilerstrip._batch_cli", "boilerstrip._batch_output", "boilerstrip._batch_supervisor",
    "boilerstrip._cli", "boilerstrip._bench",
    "boilerstrip.integrations", "boilerstrip._sources", "boilerstrip._extras",
    "boilerstrip._phrase_facts_data",
    "json", "html", "email", "datetime", "argparse", "pathlib", "gzip", "hashlib", "subprocess",
)  # fmt: skip

# (module, function): each returns a pattern compiled on its first call.
DEFERRED_PATTERNS = (
    ("_product_cards", "_price"),
    ("_product_cards", "_nth"),
    ("_page_type", "_ld_type"),
    ("_page_type", "_word"),
    ("_page_type", "_tag"),
    ("_page_type", "_thread_url_pattern"),
    ("_page_type", "_url_path"),
    ("_dates", "_other_forms"),
    ("_parse", "_meta_charset"),
    ("_markup", "_language"),
    ("_metadata", "_byline_pattern"),
)

SCRIPT = """
import sys
import boilerstrip
loaded = sorted(sys.modules)  # before this script's own imports
import importlib, json
caches = {
    f"{m}.{f}": getattr(importlib.import_module("boilerstrip." + m), f).cache_info().currsize
    for m, f in json.loads(sys.argv[1])
}
print(json.dumps({"modules": loaded, "caches": caches}))
"""


@pytest.fixture(scope="module")
def after_import() -> dict[str, Any]:
    """What a fresh interpreter holds right after `import boilerstrip`."""
    command = [sys.executable, "-c", SCRIPT, json.dumps(DEFERRED_PATTERNS)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    found: dict[str, Any] = json.loads(done.stdout)
    assert "boilerstrip._extract" in found["modules"]  # the import itself ran
    return found


@pytest.mark.parametrize("module", DEFERRED_MODULES)
def test_import_leaves_module_out(after_import: dict[str, Any], module: str) -> None:
    assert module not in after_import["modules"]


@pytest.mark.parametrize(("module", "function"), DEFERRED_PATTERNS)
def test_pattern_compiled_on_first_use_only(after_import: dict[str, Any], module: str, function: str) -> None:
    assert after_import["caches"][f"{module}.{function}"] == 0  # not compiled by the import
    get = getattr(importlib.import_module(f"boilerstrip.{module}"), function)
    first = get()
    assert get() is first  # compiled once
    patterns = first if isinstance(first, tuple) else (first,)
    assert patterns and all(callable(getattr(p, "search", None)) for p in patterns)
