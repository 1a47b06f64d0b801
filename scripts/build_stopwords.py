#!/usr/bin/env python3
"""Generate ``src/boilerstrip/_stopwords_data.py`` and ``STOPWORDS_LICENSE.txt``.

Build-time only. Needs the PyPI packages ``stopwordsiso`` (the stopwords-iso
collection, MIT) and ``stop-words`` (python-stop-words, BSD-3-Clause) installed in
the running interpreter; the generated module needs nothing at run time.

Sources and how they are combined:

* **stopwords-iso** (via ``stopwordsiso``) is the primary source: every language
  it has is emitted with its whole list (no trimming is needed, the module stays
  well under the ~600 KB budget).
* **python-stop-words** (package ``stop-words``) fills two gaps of stopwords-iso:
  - languages stopwords-iso does not have (only ``nb``: stopwords-iso has
    Norwegian as ``no``; stop-words files its Norwegian list under ``nb``);
  - languages whose stopwords-iso list is very short (fewer than
    ``THIN_LIST_MIN`` entries): the two lists are united. This matters for
    ``uk``, where stopwords-iso has 73 words and lacks the commonest ones
    (в, і, на, у, не); stop-words has 385.

Normalisation of every entry: NFC, lowercase (``str.lower``), inner whitespace
collapsed, leading/trailing punctuation and symbols stripped, entries without any
letter (digits, punctuation such as ``。``) dropped, duplicates removed.
Multi-word entries of the sources (many in vi and ko, a few in ru, uk, ca, es, fa,
lt, ur) are kept as they are.

To reproduce the committed output, install the versions named in its header, e.g.
``pip install stopwordsiso==0.7.1 stop-words==2025.11.4``.

Usage::

    .venv/bin/python scripts/build_stopwords.py [--check]

``--check`` exits 1 if the committed files differ from what would be generated.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from importlib import metadata, resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_MODULE = ROOT / "src" / "boilerstrip" / "_stopwords_data.py"
OUT_LICENSE = ROOT / "src" / "boilerstrip" / "STOPWORDS_LICENSE.txt"

THIN_LIST_MIN = 150

# Separator used inside the per-language string literal in the generated module.
# No source entry contains it (checked below).
SEP = "|"

# Each language's list is written as one string literal (wrapped over lines by
# implicit concatenation) and split when first used. Measured with ``python -X importtime``
# on CPython 3.11 for the same data: about 5 ms this way, about 41 ms when written
# as ``frozenset({"...", ...})`` literals.
LINE_WIDTH = 110  # pyproject.toml line-length; the output is ruff-format-stable at it

# stopwords-iso ships its licence only in its per-language repositories and npm
# packages (e.g. stopwords-en 0.3.0, file LICENSE), not in the stopwordsiso
# wheel or sdist, whose metadata only says "License-Expression: MIT". This is
# that file's text, verbatim.
STOPWORDS_ISO_LICENSE = """\
The MIT License (MIT)

Copyright (c) 2016 Gene Diaz

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""


def normalise(word: str) -> str | None:
    """Return the normalised entry, or None if it should be dropped."""
    w = unicodedata.normalize("NFC", word).lower()
    w = " ".join(w.split())
    # Strip leading/trailing punctuation (P*) and symbols (S*).
    start, end = 0, len(w)
    while start < end and unicodedata.category(w[start])[0] in "PS":
        start += 1
    while end > start and unicodedata.category(w[end - 1])[0] in "PS":
        end -= 1
    w = w[start:end].strip()
    if not w or not any(c.isalpha() for c in w):
        return None
    return w


def clean(words: list[str]) -> list[str]:
    """Normalise, drop unusable entries and de-duplicate, keeping order."""
    seen: set[str] = set()
    out: list[str] = []
    for word in words:
        w = normalise(word)
        if w is not None and w not in seen:
            seen.add(w)
            out.append(w)
    return out


def load_stopwords_iso() -> dict[str, list[str]]:
    text = resources.files("stopwordsiso").joinpath("stopwords-iso.json").read_text("utf-8")
    data: dict[str, list[str]] = json.loads(text)
    return {lang: clean(words) for lang, words in data.items()}


def load_stop_words() -> dict[str, list[str]]:
    """python-stop-words lists keyed by the ISO 639-1 code in its languages.json."""
    root = resources.files("stop_words").joinpath("stop-words")
    mapping: dict[str, str] = json.loads(root.joinpath("languages.json").read_text("utf-8"))
    return {
        code: clean(root.joinpath(f"{name}.txt").read_text("utf-8").splitlines())
        for code, name in mapping.items()
    }


def combine(
    iso: dict[str, list[str]], sw: dict[str, list[str]]
) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Return (words per language, provenance note per language)."""
    words: dict[str, list[str]] = {}
    origin: dict[str, str] = {}
    for lang, lst in iso.items():
        words[lang] = list(lst)
        origin[lang] = "stopwords-iso"
    for lang, lst in sw.items():
        if lang not in words:
            words[lang] = list(lst)
            origin[lang] = "stop-words"
        elif len(words[lang]) < THIN_LIST_MIN:
            have = set(words[lang])
            added = [w for w in lst if w not in have]
            if added:
                words[lang] += added
                origin[lang] = f"stopwords-iso + {len(added)} more from stop-words"
    return words, origin


def width(text: str) -> int:
    """Display width roughly as ruff counts it: wide chars 2, combining marks 0."""
    total = 0
    for c in text:
        if unicodedata.category(c) in {"Mn", "Me", "Cf"}:
            continue
        total += 2 if unicodedata.east_asian_width(c) in {"W", "F"} else 1
    return total


def literal(text: str) -> str:
    """A double-quoted Python string literal, as ruff format writes it.

    Characters that are not printable (e.g. the ZERO WIDTH NON-JOINER inside
    Persian words) are written as ``\\uXXXX`` escapes.
    """
    out = ['"']
    for c in text:
        if c in '"\\':
            out.append("\\" + c)
        elif c.isprintable():
            out.append(c)
        elif ord(c) <= 0xFFFF:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(f"\\U{ord(c):08x}")
    out.append('"')
    return "".join(out)


def render_entry(lang: str, words: list[str]) -> list[str]:
    """Lines for one ``"xx": "w1|w2|...",`` item, wrapped to ``LINE_WIDTH``."""
    one_line = f"    {literal(lang)}: {literal(SEP.join(words))},"
    if width(one_line) <= LINE_WIDTH:
        return [one_line]
    indent = " " * 8
    # Each piece ends with the separator except the last one.
    pieces = [w + SEP for w in words[:-1]] + [words[-1]]
    chunks: list[str] = []
    cur = ""
    for piece in pieces:
        if cur and width(indent + literal(cur + piece)) > LINE_WIDTH:
            chunks.append(cur)
            cur = piece
        else:
            cur += piece
    chunks.append(cur)
    return [f"    {literal(lang)}: (", *(indent + literal(c) for c in chunks), "    ),"]


def render_module(
    *,
    words: dict[str, list[str]],
    origin: dict[str, str],
    iso_version: str,
    iso_licence: str,
    sw_version: str,
    sw_licence: str,
    sw_licence_text: str,
) -> str:
    lines: list[str] = [
        (
            f"# generated by scripts/build_stopwords.py from stopwordsiso {iso_version}"
            f" + stop-words {sw_version},"
        ),
        f"# licence {iso_licence} + {sw_licence}; do not edit",
        "#",
        "# Stopword lists keyed by ISO 639-1 code; entries are NFC-normalised and lowercased.",
        "# Each list is stored as one string, split by _language.py when first used: that",
        "# imports faster than frozenset({...}) literals. Provenance per language is at the",
        "# end of this header.",
        "#",
        "# Licence notice for the stopwords-iso data (https://github.com/stopwords-iso),",
        f"# PyPI package stopwordsiso {iso_version}:",
        "#",
    ]
    lines += [f"#   {ln}".rstrip() for ln in STOPWORDS_ISO_LICENSE.splitlines()]
    lines += [
        "#",
        f"# Licence notice for python-stop-words, PyPI package stop-words {sw_version}:",
        "#",
    ]
    lines += [f"#   {ln}".rstrip() for ln in sw_licence_text.strip().splitlines()]
    lines += ["#", "# Provenance:"]
    for lang in sorted(words):
        lines.append(f"#   {lang}: {len(words[lang])} entries, {origin[lang]}")
    lines += [
        "",
        "from __future__ import annotations",
        "",
    ]
    lines += [f"SEP = {literal(SEP)}", "", "STOPWORD_TEXT: dict[str, str] = {"]
    for lang in sorted(words):
        lines += render_entry(lang, sorted(words[lang]))
    lines += [
        "}",
        "",
    ]
    return "\n".join(lines)


def licence_file(iso_version: str, iso_licence: str, sw_version: str, sw_licence: str, sw_text: str) -> str:
    rule = "=" * 78
    return "\n".join(
        [
            "boilerstrip's stopword lists (src/boilerstrip/_stopwords_data.py) are generated",
            "by scripts/build_stopwords.py from the two sources below and are redistributed",
            "under their licences.",
            "",
            rule,
            "1. stopwords-iso (https://github.com/stopwords-iso), via the PyPI package",
            f"   stopwordsiso {iso_version} (licence {iso_licence})",
            rule,
            "",
            STOPWORDS_ISO_LICENSE.rstrip(),
            "",
            rule,
            "2. python-stop-words (https://github.com/Alir3z4/python-stop-words), via the",
            f"   PyPI package stop-words {sw_version} (licence {sw_licence})",
            rule,
            "",
            sw_text.strip(),
            "",
        ]
    )


def licence_of(dist: str) -> str:
    """The SPDX licence expression declared in a distribution's metadata."""
    meta = metadata.metadata(dist)
    for field in ("License-Expression", "License"):
        if field in meta:
            return str(meta[field])
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare, write nothing")
    args = parser.parse_args()

    iso_version = metadata.version("stopwordsiso")
    iso_licence = licence_of("stopwordsiso")
    if iso_licence != "MIT":
        raise SystemExit(f"stopwordsiso licence is {iso_licence!r}, not MIT: review before use")
    sw_version = metadata.version("stop-words")
    sw_licence = licence_of("stop-words")
    if sw_licence != "BSD-3-Clause":
        raise SystemExit(f"stop-words licence is {sw_licence!r}: review before use")
    sw_text = None
    for f in metadata.files("stop-words") or []:
        if f.name == "LICENSE" and "dist-info" in str(f):
            sw_text = f.read_text("utf-8")
    if not sw_text or "Redistribution and use in source and binary forms" not in sw_text:
        raise SystemExit("stop-words LICENSE text not found or changed: review before use")

    iso = load_stopwords_iso()
    sw = load_stop_words()
    words, origin = combine(iso, sw)
    for lang, lst in words.items():
        if any(SEP in w for w in lst):
            raise SystemExit(f"separator {SEP!r} occurs in a {lang} entry")

    module = render_module(
        words=words,
        origin=origin,
        iso_version=iso_version,
        iso_licence=iso_licence,
        sw_version=sw_version,
        sw_licence=sw_licence,
        sw_licence_text=sw_text,
    )
    licence = licence_file(iso_version, iso_licence, sw_version, sw_licence, sw_text)

    if args.check:
        stale = [
            p
            for p, text in ((OUT_MODULE, module), (OUT_LICENSE, licence))
            if not p.exists() or p.read_text("utf-8") != text
        ]
        for p in stale:
            print(f"stale: {p.relative_to(ROOT)}", file=sys.stderr)
        return 1 if stale else 0

    OUT_MODULE.parent.mkdir(parents=True, exist_ok=True)
    OUT_MODULE.write_text(module, "utf-8")
    OUT_LICENSE.write_text(licence, "utf-8")
    total = sum(len(v) for v in words.values())
    print(
        f"wrote {OUT_MODULE.relative_to(ROOT)}: {len(words)} languages, {total} entries,"
        f" {OUT_MODULE.stat().st_size} bytes"
    )
    print(f"wrote {OUT_LICENSE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
