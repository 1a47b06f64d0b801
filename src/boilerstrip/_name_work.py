"""Lexbor's name-table work: what the tag and attribute names of a page cost the parser.

Lexbor (selectolax 1.0.2) looks each tag and attribute name up in its static tables, and puts
any other into a hash of the document's (core/hash.c; tags and attributes apart, ASCII capitals
lowered, Jenkins' one-at-a-time hash) of 128 chained buckets that never grows: each occurrence
of a name walks its bucket's chain. 145,000 distinct end tags take seconds, and so do a few
thousand names that fall in one bucket, repeated. :class:`NameWork` counts that walk for the
limits scan (``max_name_work``): per occurrence of a name outside the static tables, the
distinct names in its bucket so far. A name with a character outside ASCII or a NUL (which the
tokenizer replaces) is counted as in every bucket: its own walk as the longest chain, and it
lengthens every other's. So the count is never below Lexbor's walk.
"""

from __future__ import annotations

from typing import Final

from ._merged_attributes import _ASCII_LOWER, _ATTRIBUTE

# The names Lexbor's static tables hold (selectolax 1.0.2): the tags whose tag_id is a static
# id, the attributes whose repeats do not walk a crowded bucket (tests/test_name_work.py checks
# both against the installed selectolax). A name left out is only counted, never missed.
STATIC_TAGS: Final = frozenset(
    """a abbr acronym address altglyph altglyphdef altglyphitem animatecolor animatemotion
    animatetransform annotation-xml applet area article aside audio b base basefont bdi bdo bgsound
    big blink blockquote body br button canvas caption center cite clippath code col colgroup data
    datalist dd del desc details dfn dialog dir div dl dt em embed feblend fecolormatrix
    fecomponenttransfer fecomposite feconvolvematrix fediffuselighting fedisplacementmap
    fedistantlight fedropshadow feflood fefunca fefuncb fefuncg fefuncr fegaussianblur feimage
    femerge femergenode femorphology feoffset fepointlight fespecularlighting fespotlight fetile
    feturbulence fieldset figcaption figure font footer foreignobject form frame frameset glyphref
    h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe image img input ins isindex kbd keygen
    label legend li lineargradient link listing main malignmark map mark marquee math menu meta
    meter mfenced mglyph mi mn mo ms mtext multicol nav nextid nobr noembed noframes noscript
    object ol optgroup option output p param path picture plaintext pre progress q radialgradient
    rb rp rt rtc ruby s samp script search section select selectedcontent slot small source spacer
    span strike strong style sub summary sup svg table tbody td template textarea textpath tfoot th
    thead time title tr track tt u ul var video wbr xmp""".split()
)
STATIC_ATTRIBUTES: Final = frozenset(
    """active alt charset checked class color content dir disabled face focus for height hover href
    html http-equiv id is maxlength multiple placeholder pool public readonly rel required scheme
    selected size slot src style system title type width xmlns""".split()
)
_STATIC: Final = (STATIC_TAGS, STATIC_ATTRIBUTES)
STATIC_NAMES: Final = (tuple(sorted(STATIC_TAGS)), tuple(sorted(STATIC_ATTRIBUTES)))  # for the C loop
BUCKETS: Final = 128
_WILD: Final = -1  # a name whose bucket is not computed (a character outside ASCII, or a NUL)
_FREE: Final = -2  # a static name


def bucket(name: str) -> int:
    """The bucket of Lexbor's hash that the ASCII name ``name`` (lowered) falls in."""
    h = 0
    for c in name.encode("ascii"):
        h = (h + c) & 0xFFFFFFFF
        h = (h + (h << 10)) & 0xFFFFFFFF
        h ^= h >> 6
    h = (h + (h << 3)) & 0xFFFFFFFF
    h ^= h >> 11
    h = (h + (h << 15)) & 0xFFFFFFFF
    return h % BUCKETS


class NameWork:
    """The work of one page's names so far (tags: kind 0, attributes: kind 1)."""

    __slots__ = ("chains", "longest", "seen", "wild", "work")

    def __init__(self) -> None:
        self.seen: tuple[dict[str, int], dict[str, int]] = ({}, {})  # a name's bucket, _WILD or _FREE
        self.chains = ([0] * BUCKETS, [0] * BUCKETS)  # the distinct names in each bucket
        self.longest = [0, 0]  # the longest chain
        self.wild = [0, 0]  # the distinct names of no computed bucket
        self.work = 0

    def add(self, kind: int, name: str) -> None:
        """Counts one occurrence of ``name`` (as the tokenizer reads it, capitals not lowered)."""
        lower = name.lower() if name.isascii() else name.translate(_ASCII_LOWER)
        seen = self.seen[kind]
        found = seen.get(lower)
        if found is None:  # a new name
            if lower in _STATIC[kind]:
                found = _FREE
            elif not lower.isascii() or "\0" in lower:
                found = _WILD
                self.wild[kind] += 1
            else:
                found = bucket(lower)
                chains = self.chains[kind]
                chains[found] += 1
                self.longest[kind] = max(self.longest[kind], chains[found])
            seen[lower] = found
        if found >= 0:
            self.work += self.chains[kind][found] + self.wild[kind]
        elif found == _WILD:
            self.work += self.longest[kind] + self.wild[kind]

    def tag(self, text: str | bytes, name_start: int, name_end: int, end: int) -> int:
        """Counts the tag whose name is ``text[name_start:name_end]`` and which ends at ``end``
        (its ">" or the input's end), its attributes' names too (end tags' as well: the
        tokenizer reads them); the work so far. Bytes are read one character a byte."""
        if isinstance(text, bytes):
            self.add(0, text[name_start:name_end].decode("latin-1"))
            rest = text[name_end:end].decode("latin-1")
        else:
            self.add(0, text[name_start:name_end])
            rest = text[name_end:end]
        if len(rest) > 1:
            for found in _ATTRIBUTE.finditer(rest[:-1] if rest[-1] == ">" else rest):
                self.add(1, found[1])
        return self.work


def name_work(text: str | bytes, tags: list[tuple[int, int, int]]) -> int:
    """The work of the tags ``tags`` (their name's start and end, the tag's end) of ``text``."""
    work = NameWork()
    for name_start, name_end, end in tags:
        work.tag(text, name_start, name_end, end)
    return work.work
