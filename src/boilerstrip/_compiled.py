"""Which path runs: the Python source, or the optional compiled build of the hot modules.

``BOILERSTRIP_COMPILE=1 pip install .`` compiles the modules of :data:`COMPILED_MODULES`
with mypyc (hatch_build.py at the project root reads the list from here); their source is
the pure-Python path, and a default install runs it. Both give the same output.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.machinery import ExtensionFileLoader
from types import ModuleType
from typing import Any

# The stages' modules that the compiled build compiles. Not compiled: _options (mypyc
# compiles it, but a native class checks each field's type when it is set: ill-typed values
# would raise TypeError, not OptionsError, or be refused where Python takes them), _sourced
# (a generic dataclass, which mypyc cannot compile), _extract (extract() itself, a plain
# Python function in both builds: its one call goes to the compiled _pipeline, the stages'
# chain; the tests and benchmarks that wrap the stages do so on an interpreted copy of it,
# _chain_source), the output formats, the CLI, the annotated view and the data tables (no
# loops to speed up).
COMPILED_MODULES = (
    "_after_body",
    "_assemble",
    "_block_labels",
    "_bodies",
    "_body_links",
    "_captions",
    "_card_groups",
    "_card_slots",
    "_child_cards",
    "_closing_appeals",
    "_closing_box",
    "_collector",
    "_combine",
    "_controls",
    "_copied_boxes",
    "_cut",
    "_datelines",
    "_dates",
    "_deadline",
    "_described",
    "_detached",
    "_dumps",
    "_element_facts",
    "_features",
    "_float_sum",
    "_form_labels",
    "_hard_rules",
    "_head_marks",
    "_input",
    "_language",
    "_limits",
    "_markup",
    "_match_facts",
    "_metadata",
    "_name_sieve",
    "_name_verdicts",
    "_model",
    "_open_elements",
    "_page_frame",
    "_page_type",
    "_parse",
    "_pattern_reader",
    "_phrase_keys",
    "_phrase_match",
    "_phrase_rows",
    "_phrase_sieve",
    "_phrases",
    "_pipeline",
    "_probability",
    "_product_cards",
    "_region",
    "_repeats",
    "_row_starts",
    "_row_tests",
    "_rules",
    "_score_table",
    "_scorer_pass",
    "_scorers",
    "_screen_reader",
    "_sections",
    "_segment",
    "_segment_blocks",
    "_segmented",
    "_stray_text",
    "_table_rows",
    "_tail",
    "_teaser_cards",
    "_thread_chrome",
    "_titled_boxes",
    "_trailing_boxes",
    "_token_stats",
    "_tree_steps",
    "_urls",
    "_weights",
)


# The compiled build's plain-C extensions and their source files in src/boilerstrip (without
# ".c"): read by hatch_build.py, as COMPILED_MODULES is, and by the tests that build them, so
# that a file added to an extension is listed once.
C_EXTENSION_FILES = {
    "_cscan": (
        "_cscan", "_cscan_tokens", "_cnames", "_cstack", "_ctags", "_cscan_helpers", "_cscan_elements",
        "_cscan_blocks", "_cscan_record", "_cscan_links", "_cscan_text", "_cscan_svg", "_csteps", "_clinks",
        "_cscan_attributes", "_cscan_namework", "_cscan_runs", "_cscan_module",
    ),
    "_ctokens": (
        "_ctokens", "_ctokens_rows", "_ctokens_names", "_ctokens_verdicts", "_ctokens_decision",
        "_ctokens_copies", "_ctokens_locators", "_ctokens_words", "_ctokens_sieve", "_ctokens_language",
        "_ctokens_phrase", "_ctokens_stops",
    ),
    "_cwalk": (
        "_cwalk", "_cwalk_walker", "_cwalk_segment", "_cwalk_enter", "_cwalk_hidden", "_cwalk_links",
        "_cwalk_block", "_cwalk_reads", "_cwalk_head", "_csteps", "_clinks", "_cwalk_image",
    ),
    "_cscore": ("_cscore", "_cscore_columns", "_cscore_cut", "_cscore_page", "_cscore_rules"),
    "_cfacts": ("_cfacts", "_cfacts_boxes", "_cfacts_groups", "_cfacts_containers"),
}  # fmt: skip


def compiled() -> bool:
    """Whether this install runs the compiled build (True) or the Python source (False)."""
    return all(is_extension(importlib.import_module(f"{__package__}.{name}")) for name in COMPILED_MODULES)


def is_extension(module: ModuleType) -> bool:
    """Whether ``module`` was loaded from a compiled extension (not from its source)."""
    return isinstance(module.__loader__, ExtensionFileLoader)


# ``_ctokens.word_table(keys, values)``: the table its C loops find a token's values in
# (read by _language, _name_verdicts and _phrase_rows).
WordTable = Callable[[list[str], list[tuple[int, ...]]], bytes]


def c_function(module: str, name: str) -> Any | None:
    """The function ``name`` of the compiled build's C extension ``module``, or None in a pure
    install (read once, at import, by the module that calls it: see :func:`c_module`)."""
    return c_functions(module, name)[0]


def c_functions(module: str, *names: str) -> tuple[Any | None, ...]:
    """:func:`c_function` of each of ``names``, the extension looked up once."""
    found = c_module(module)
    return tuple(None if found is None else getattr(found, name) for name in names)


def c_module(name: str) -> ModuleType | None:
    """The compiled build's C extension ``name`` ("_cscan", "_cscore", "_ctokens", ...), or None in
    a pure install. Each module that reads one calls this once, at import, and keeps what it
    needs: a pure install's failed import searches the whole path each time."""
    try:
        return importlib.import_module(f"{__package__}.{name}")
    except ImportError:
        return None
