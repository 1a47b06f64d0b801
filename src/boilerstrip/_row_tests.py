"""The tests the phrase pass's C sieve (``_phrase_candidates``, ``_ctokens_phrase.c``) asks of
a row's or a gate's pattern before its regex, and the regexes a pattern may compile: each
made once from the pattern alone by ``_phrase_match``'s forms (``_whole_forms``, ``_split``),
so that every test gives the regex's answer where it rules a text out."""

from __future__ import annotations

from ._pattern_reader import reads_alike_lowered
from ._pattern_store import Key
from ._phrase_match import _FOLDED, _PLAIN, Facts, _split, _whole_forms
from ._phrase_sieve import PhraseFilter

# _phrase_candidates' facts of a sieve's rest (:func:`rest_facts`).
RestFacts = tuple[int, bytes, int, int, int, int, int, Facts, Facts]


def rest_facts(pattern: str, *, whole: bool, ascii_text: bool = True) -> RestFacts:
    """The tests :func:`_fullmatch` (``whole``) or :func:`_found` make of ``pattern`` before
    its regex: whether it has branches tried at the start (all of a fullmatch's; the ``^`` ones
    of a search), the ASCII characters they start with (``may_start``'s mask), the digits and
    runs of digits each holds (``lacks_digits``), and whether it has others, with theirs; then
    the branch facts of each part (``may_match``: of ASCII texts, or of any text when not
    ``ascii_text``). A text these rule out is not matched."""
    if not pattern:
        return 0, b"", 0, 0, 0, 0, 0, (), ()
    if whole:
        forms = _whole_forms(pattern)
        facts = forms.ascii_facts if ascii_text else forms.wide_facts
        return 1, forms.first, forms.digits, forms.runs, 0, 0, 0, facts, ()
    split = _split(pattern)
    start_ascii, start_wide = split.start_facts
    rest_ascii, rest_wide = split.rest_facts
    return (
        int(bool(split.start)),
        split.first,
        split.start_digits,
        split.start_runs,
        int(bool(split.rest)),
        split.rest_digits,
        split.rest_runs,
        start_ascii if ascii_text else start_wide,
        rest_ascii if ascii_text else rest_wide,
    )


# A key row's tests for _phrase_candidates' pass: the facts of its pattern (of ASCII texts, of
# any other), asked where its sieve passes, and of its sieve's rest (the same), asked where not.
RowTests = tuple[tuple[RestFacts, RestFacts], tuple[RestFacts, RestFacts]]


def sieve_rests(filter_: PhraseFilter, *, whole: bool) -> tuple[RestFacts, RestFacts]:
    """The :func:`rest_facts` of ``filter_``'s sieves' rests: the ASCII one's for ASCII texts,
    the wide one's for any other (a row's, and a gate group's in ``_phrases._Index``)."""
    ascii_rest = rest_facts(filter_.ascii.rest, whole=whole)
    return ascii_rest, rest_facts(filter_.wide.rest, whole=whole, ascii_text=False)


def row_tests(pattern: str, filter_: PhraseFilter, *, whole: bool) -> RowTests:
    """The :data:`RowTests` of a row whose pattern is ``pattern`` and filter ``filter_``."""
    return (
        (rest_facts(pattern, whole=whole), rest_facts(pattern, whole=whole, ascii_text=False)),
        sieve_rests(filter_, whole=whole),
    )


def compiled_keys(pattern: str, filter_: PhraseFilter, *, whole: bool) -> set[Key]:
    """The (pattern, flags) that :func:`matches` of ``pattern`` through ``filter_`` may
    compile: the pattern or its filter's other branches, whole or split, folded and (where
    they read lowercased ASCII alike) plain. ``_pattern_store``'s generator stores them."""
    keys: set[Key] = set()
    for source in {pattern, filter_.ascii.rest, filter_.wide.rest} - {""}:
        if whole:
            parts, alike = [source], reads_alike_lowered(source)
        else:
            split = _split(source)
            parts, alike = [split.start, split.rest], split.alike
        for part in filter(None, parts):
            keys.add((part, _FOLDED))
            if alike:
                keys.add((part, _PLAIN))
    return keys
