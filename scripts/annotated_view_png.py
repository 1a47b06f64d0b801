"""Make docs/annotated-view.png, the README's screenshot of the annotated view.

    python scripts/annotated_view_png.py [PAGE.html] [--out docs/annotated-view.png]

Renders the view of PAGE (default tests/fixtures/news_seed.html) in headless Chromium with
the tests' helper (tests/chromium.py), then stores it with a palette of its 256 most
frequent colours (every other colour takes the nearest of them) to keep the file small.
"""

from __future__ import annotations

import argparse
import struct
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from boilerstrip import annotate  # noqa: E402
from chromium import Image, read_png, screenshot  # noqa: E402

WINDOW = (1000, 700)  # wide enough for the page and the side panel, small enough for a README
PALETTE_SIZE = 256


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def write_indexed_png(image: Image, path: Path) -> None:
    """Write ``image`` as an 8-bit palette PNG of its most frequent colours."""
    counts = Counter(p for row in image.pixels for p in row)
    palette = [colour for colour, _ in counts.most_common(PALETTE_SIZE)]

    def nearest(colour: tuple[int, int, int]) -> int:
        return min(range(len(palette)), key=lambda i: sum((a - b) ** 2 for a, b in zip(colour, palette[i])))

    index = {colour: nearest(colour) for colour in counts}
    rows = b"".join(b"\x00" + bytes(index[p] for p in row) for row in image.pixels)
    header = struct.pack(">IIBBBBB", image.width, image.height, 8, 3, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"PLTE", bytes(v for colour in palette for v in colour))
        + _chunk(b"IDAT", zlib.compress(rows, 9))
        + _chunk(b"IEND", b"")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", nargs="?", type=Path, default=ROOT / "tests" / "fixtures" / "news_seed.html")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "annotated-view.png")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="boilerstrip-view-") as folder:
        view, png = Path(folder) / "view.html", Path(folder) / "view.png"
        view.write_text(annotate(args.page.read_bytes()), "utf-8")
        screenshot(view, png, width=WINDOW[0], height=WINDOW[1])
        image = read_png(png)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_indexed_png(image, args.out)
    print(f"{args.out}: {image.width}x{image.height}, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
