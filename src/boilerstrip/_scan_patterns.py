"""The patterns of the limits scan's tokenizer (:func:`_limits.scan_python`): the tokens of the
markup as the HTML tokenizer reads them, the raw text elements and where their text ends. The
C loop reads the same by hand (``_cscan_tokens.c``, ``_cscan.h``)."""

from __future__ import annotations

import functools
import re
import sys
from typing import Final

RAW_TEXT = frozenset("script style textarea title xmp iframe noembed noframes".split())
# Attributes up to the ">" that ends the tag, as the tokenizer reads them: a quoted value may
# hold ">" and markup (an unclosed quote runs to the end of the input, where the tag is
# dropped); an unquoted value runs to a space or ">"; "=" with no name before it is a name.
# The repeats are possessive where re has them (Python 3.11): all that follows a tag's name,
# or the first character of a bogus comment, is optional up to the end of the pattern, so
# the first greedy path always matches and the regex never backtracks into them: the same
# matches, without the backtracking state (about 0.7x the time of the regex).
_P: Final = "+" if sys.version_info >= (3, 11) else ""
_ATTRIBUTES = (
    rf"""(?:[\t\n\f\r /]+{_P}|[^\t\n\f\r />][^\t\n\f\r /=>]*{_P}"""  # a name may start with "=" or a quote
    rf"""(?:[\t\n\f\r ]*{_P}=[\t\n\f\r ]*{_P}(?:"[^"]*{_P}"?|'[^']*{_P}'?|[^\t\n\f\r >]*{_P}))?{_P})*{_P}>?"""
)
TOKEN = re.compile(
    r"<(?:!--(?:-?>|.*?(?:--!?>|\Z))"  # a comment; "<!-->" and "<!--->" are empty ones
    rf"|[!?][^>]*{_P}>?"  # doctype, CDATA, processing instruction: bogus comments to the next ">"
    rf"|/(?:>|[^A-Za-z>][^>]*{_P}>?)"  # "</>" and "</ junk>"
    rf"|/?(?P<name>[A-Za-z][^\t\n\f\r />]*{_P}){_ATTRIBUTES})",
    re.S,
)
TEXT_STARTS = RAW_TEXT | {"plaintext"}
RAW_END = {name: re.compile(rf"</(?i:{name})[\t\n\f\r />]") for name in RAW_TEXT}
BODIES = frozenset({"script", "style"})  # the raw text _limits.scan(bodies=...) records
# Where a noscript's raw text ends for a browser that runs scripts (_limits.scan(runaways=...)):
# ASCII letters in any case, as the C loop reads them (re.A: no other letter folds to them).
NOSCRIPT_END = re.compile("</noscript", re.I | re.A)


def makes_comment(text: str | bytes, start: int) -> bool:
    """Whether the token at ``start`` that is no tag (a TOKEN match without a name) is one the
    parser puts in the tree as a comment node: all but ``</>`` and a doctype. (A CDATA section
    in svg or math is text, not a node: counted too, on the safe side.)"""
    head = text[start + 1 : start + 9]
    word = head.decode("latin-1") if isinstance(head, bytes) else head
    return word[:2] != "/>" and not (word.isascii() and word.lower() == "!doctype")


# The same patterns for a page given as UTF-8 bytes, read one character a byte as Latin-1
# reads them: neither holds a class that reads a byte above 0x7F otherwise ((?i) folds no
# Latin-1 letter to ASCII). _merged_attributes.count_attributes' \s does (0x85 and 0xA0): it
# reads a tag's bytes as Latin-1 text. Compiled on first use, not at import (only bytes need them);
# the cache holds one value that depends on nothing.
@functools.cache
def bytes_patterns() -> tuple[re.Pattern[bytes], dict[str, re.Pattern[bytes]], re.Pattern[bytes]]:
    raw_end = {name: re.compile(pattern.pattern.encode("ascii")) for name, pattern in RAW_END.items()}
    noscript_end = re.compile(NOSCRIPT_END.pattern.encode("ascii"), re.I)
    return re.compile(TOKEN.pattern.encode("ascii"), re.S), raw_end, noscript_end
