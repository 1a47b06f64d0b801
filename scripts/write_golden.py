"""Write the Markdown golden files of the hand-made fixtures: tests/fixtures/golden/NAME.md.

    python scripts/write_golden.py            # every fixture
    python scripts/write_golden.py tutorial   # some

Read every file it changes (``git diff tests/fixtures/golden``) and judge it before
committing: tests/test_golden.py then holds the Markdown output to it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import boilerstrip

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
GOLDEN = FIXTURES / "golden"


def golden_markdown(html: bytes) -> str:
    """The golden file's text: the default Markdown of the page, ending with one newline."""
    markdown = boilerstrip.extract(html).to_markdown()
    return markdown + "\n" if markdown else ""


def main(names: list[str]) -> int:
    GOLDEN.mkdir(exist_ok=True)
    pages = [FIXTURES / f"{n}.html" for n in names] if names else sorted(FIXTURES.glob("*.html"))
    for page in pages:
        target = GOLDEN / f"{page.stem}.md"
        text = golden_markdown(page.read_bytes())
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old != text:
            target.write_text(text, encoding="utf-8")
            print(f"{'wrote' if old is None else 'changed'} {target.relative_to(FIXTURES.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
