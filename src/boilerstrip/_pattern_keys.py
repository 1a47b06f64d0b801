"""What ``_pattern_store`` stores: every (pattern, flags) that the phrase rows, the gates,
the controls' labels, the titled boxes' titles, the class/id name rules, the page type's and
the byline's and the product cards' patterns may compile.
Read by the store's generator (scripts/generate_pattern_store.py) and by the test that the
store is current; never on the extraction path."""

from __future__ import annotations

from . import _controls, _metadata, _page_type, _product_cards, _rules, _titled_boxes
from ._pattern_store import Key
from ._phrase_match import WholeRows
from ._phrases import stored_keys as phrase_keys
from ._row_tests import compiled_keys


def _whole_rows_keys(table: WholeRows) -> set[Key]:
    return compiled_keys(table.source, table.sieve, whole=True)


def stored_keys() -> list[Key]:
    """The keys, sorted."""
    keys = phrase_keys() | _whole_rows_keys(_controls._table())
    for table in _titled_boxes._tables():
        keys |= _whole_rows_keys(table)
    keys |= _rules.stored_keys()
    keys |= {*_page_type.STORED_KEYS, *_product_cards.STORED_KEYS, *_metadata.STORED_KEYS}
    return sorted(keys)
