"""The phrase tables' facts as data (``_phrase_facts_data``): current, the same as those the
readers give, and holding every pattern the tables make; a pattern it does not hold, or
another regex version, is read as before."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import regex

from boilerstrip import (
    _phrase_facts,
    _phrase_facts_data,
    _phrase_keys,
    _phrase_match,
    _phrases,
    _titled_boxes,
)
from boilerstrip._controls import _table as controls_table
from boilerstrip._pattern_reader import top_level_branches
from boilerstrip._phrase_match import read_split, read_whole, split_of, whole_forms_of
from boilerstrip._phrase_sieve import phrase_filter, read_filter

sys.path.insert(0, str(Path(__file__).parent.parent / "scripts"))
from generate_phrase_facts import COMMAND, TARGET, render


def test_data_module_is_current() -> None:
    current = TARGET.read_text(encoding="utf-8") == render()
    assert current, f"{TARGET.name} is not what the tables give now: run {COMMAND}"


@pytest.mark.parametrize("whole", [True, False])
def test_stored_facts_are_those_read(whole: bool) -> None:
    forms = _phrase_facts._table("WHOLE_FORMS" if whole else "SPLIT_FORMS")
    stored, read = (whole_forms_of, read_whole) if whole else (split_of, read_split)
    assert forms
    for pattern in forms:
        assert stored(pattern) == read(pattern), pattern
    filters = _phrase_facts._table("WHOLE_FILTERS" if whole else "FOUND_FILTERS")
    for pattern in filters:
        assert phrase_filter(pattern, whole=whole) == read_filter(pattern, whole=whole), pattern


def test_stored_keys_and_gates_are_those_read() -> None:
    for pattern in _phrase_facts._table("KEY_WORDS"):
        assert _phrase_keys.stored_key_words(pattern) == _phrase_keys.key_words(pattern), pattern
    indexes = _phrases._indexes()
    assert {index.any_keyless for index in indexes} == set(_phrase_facts._table("GATES"))
    for index in indexes:
        assert index.gate == _phrase_keys.read_gate(top_level_branches(index.any_keyless))


def _made_patterns() -> list[tuple[str, bool]]:
    """Every pattern the tables give ``_phrase_match.matches`` at run time (whole: as a
    whole text), read from the indexes and tables themselves."""
    anywhere, whole = _phrases._indexes()
    made: list[tuple[str, bool]] = []
    for index, is_whole in ((anywhere, False), (whole, True)):
        made += [(p, is_whole) for p in (*index.sources, *index.gate) if p]
        for found in (*index.filters, *index.gate_filters):
            made += [(s.rest, is_whole) for s in found if s.rest]
    for table in (controls_table(), *_titled_boxes._tables()):
        made += [(p, True) for p in (table.source, table.sieve.ascii.rest, table.sieve.wide.rest) if p]
    return made


def test_every_pattern_the_tables_make_is_stored() -> None:
    made = _made_patterns()
    assert len(made) > 400
    for pattern, is_whole in made:
        forms = _phrase_facts._table("WHOLE_FORMS" if is_whole else "SPLIT_FORMS")
        assert pattern in forms, pattern
    anywhere, whole = _phrases._indexes()
    assert {*anywhere.sources, *anywhere.gate} - {""} <= set(_phrase_facts._table("FOUND_FILTERS"))
    tables = (controls_table(), *_titled_boxes._tables())
    sources = {*whole.sources, *whole.gate, *(table.source for table in tables)} - {""}
    assert sources <= set(_phrase_facts._table("WHOLE_FILTERS"))


@pytest.mark.parametrize(
    ("pattern", "whole"), [(r"\bmy own (?:row|rows)\b|^\d+ items", False), (r"my own (?:row|label)", True)]
)
def test_a_pattern_not_stored_is_read(pattern: str, whole: bool) -> None:
    assert _phrase_facts.whole_form(pattern) is None
    assert _phrase_facts.split_form(pattern) is None
    assert _phrase_facts.phrase_filter(pattern, whole=whole) is None
    if whole:
        assert whole_forms_of(pattern) == read_whole(pattern)
    else:
        assert split_of(pattern) == read_split(pattern)
    assert phrase_filter(pattern, whole=whole) == read_filter(pattern, whole=whole)


def test_another_default_version_keeps_the_stored_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows are compiled with version 0 given, as the stored facts were read: a program
    that makes version 1 the default (IGNORECASE folding fully) changes neither."""
    pattern = next(iter(_phrase_facts._table("WHOLE_FORMS")))
    assert _phrase_facts_data.REGEX_VERSION == 0
    stored = _phrase_facts.whole_form(pattern)
    assert stored is not None
    monkeypatch.setattr(regex, "DEFAULT_VERSION", regex.VERSION1)
    assert _phrase_facts.regex_version() == 0
    assert _phrase_facts.whole_form(pattern) == stored
    assert _phrase_match.folded(pattern).flags & regex.VERSION0
    assert _phrase_match.folded("strasse").fullmatch("STRASSE")
    assert not _phrase_match.folded("strasse").fullmatch("straße")  # folded simply


@pytest.mark.parametrize("first", [b"", bytes(128), bytes(c in b"ab(" for c in range(128))])
def test_a_mask_is_stored_as_its_characters(first: bytes) -> None:
    assert _phrase_facts.mask(_phrase_facts.chars_of(first)) == first
