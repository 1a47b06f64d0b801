"""Write src/boilerstrip/_patterns.pickle: the phrase and name rows' regexes compiled by the
installed regex (``boilerstrip._pattern_store``). Run after editing a table, or after
changing the ``dev`` extra's regex pin:

    python scripts/generate_pattern_store.py
"""

from __future__ import annotations

import regex

from boilerstrip._pattern_keys import stored_keys
from boilerstrip._pattern_store import STORE_PATH, store_bytes


def main() -> None:
    keys = stored_keys()
    data = store_bytes(keys)
    STORE_PATH.write_bytes(data)
    print(f"{STORE_PATH}: {len(keys)} patterns, {len(data):,} bytes, regex {regex.__version__}")


if __name__ == "__main__":
    main()
