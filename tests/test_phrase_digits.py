"""A phrase row's digits are counted on a text of Latin-1 characters and separators (a
``simple`` text: its only ``\\d`` are 0-9) as on an ASCII one: ``_phrase_match._fullmatch``
and ``_found`` give such a text the regex's answer, and rule out without a regex call one
with fewer digits (or runs of them) than every match of the pattern has."""

from __future__ import annotations

import pytest
import regex

from boilerstrip import _phrase_match
from boilerstrip._compiled import compiled
from boilerstrip._phrase_match import _found, _fullmatch, _split, _whole_forms, matches
from boilerstrip._phrases import _indexes

# Latin-1 characters and separators (the dash, the quotes, the euro sign), with and without
# digits, one or two runs of them, as dates, prices and counts.
_TEXTS = [
    "© 2024 – Agentur für Energie",
    "Münster, 3. März 2024",
    "6. November 2023 – 14:30",
    "6. november 2023",
    "Lesezeit – 5 min read",
    "Reading time – fünf Minuten",
    "12 € – 15 € – Other amount",
    "“Dès 2021” – 3 commentaires",
    "Kommentare – keine",
    "Seite 2 von 10 ›",
]


def _digit_sources(whole: bool) -> list[str]:
    """The patterns of an index's rows and gate groups that every match needs a digit of."""
    index = _indexes()[1 if whole else 0]
    sources = [*index.sources, *(group for group in index.gate if group)]
    if whole:
        return [s for s in sources if _whole_forms(s).digits > 0 or _whole_forms(s).runs > 1]
    return [s for s in sources if min(_split(s).start_digits, _split(s).rest_digits) > 0]


@pytest.mark.parametrize("whole", [True, False])
@pytest.mark.parametrize("text", _TEXTS)
def test_a_simple_text_gets_the_regex_answer(text: str, whole: bool) -> None:
    sources = _digit_sources(whole)
    assert len(sources) >= 3
    for source in sources:
        expected = (regex.fullmatch if whole else regex.search)(source, text, regex.I | regex.V0) is not None
        matcher = _fullmatch if whole else _found
        assert matcher(source, text, None, text.lower(), simple=True) is expected, source


def _no_regex(pattern: str) -> regex.Pattern[str]:
    raise AssertionError(f"searched: {pattern}")


@pytest.mark.skipif(compiled(), reason="the compiled build's calls are not patched")
@pytest.mark.parametrize("text", ["© 2024 – Agentur für Energie", "Kommentare – keine"])
def test_a_simple_text_short_of_digits_is_not_searched(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-block gate's digit group (dates and prices: two runs of digits) on a text of
    one run or none: ruled out by its digits, where a text taken for other than ASCII was
    searched."""
    whole = _indexes()[1]
    group, filter_ = whole.gate.digit, whole.gate_filters[1]
    assert _whole_forms(filter_.wide.rest).runs >= 2  # (what a text that starts with no "#" is tried with)
    monkeypatch.setattr(_phrase_match, "_compiled", _no_regex)
    monkeypatch.setattr(_phrase_match, "_plain", _no_regex)
    assert matches(group, filter_, text, None, text.lower(), whole=True, simple=True) is False
    with pytest.raises(AssertionError, match="searched"):
        matches(group, filter_, text, None, text.lower(), whole=True)
