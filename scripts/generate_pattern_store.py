"""Write src/boilerstrip/_patterns.pickle: the phrase and name rows' regexes compiled by the
installed regex (``boilerstrip._pattern_store``). Run after editing a table, or after
changing the ``dev`` extra's regex pin:

    python scripts/generate_pattern_store.py
"""

from __future__ import annotations

import regex

from boilerstrip._pattern_keys import stored_keys
from boilerstrip._pattern_store import STORE_PATH, read_store, store_bytes


def main() -> None:
    keys = stored_keys()
    # regex writes a set of characters in each pattern's code in an order that changes from
    # one process to the next: a store of the same keys and regex is left as it is.
    if sorted(read_store(STORE_PATH, regex.__version__)) == keys:
        print(f"{STORE_PATH}: current ({len(keys)} patterns, regex {regex.__version__})")
        return
    data = store_bytes(keys)
    with open(STORE_PATH, "wb") as file:
        file.write(data)
    print(f"{STORE_PATH}: {len(keys)} patterns, {len(data):,} bytes, regex {regex.__version__}")


if __name__ == "__main__":
    main()
