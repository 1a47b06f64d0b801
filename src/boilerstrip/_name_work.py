"""Lexbor's name-table work: what the tag and attribute names of a page cost the parser.

Lexbor (selectolax 1.0.2) looks each tag and attribute name up in its static tables, and puts
any other into a hash of the document's (core/hash.c; tags and attributes apart, ASCII capitals
lowered, Jenkins' one-at-a-time hash) of 128 chained buckets that never grows: each occurrence
of a name walks its bucket's chain. 145,000 distinct end tags take seconds, and so do a few
thousand names that fall in one bucket, repeated. :class:`NameWork` counts that walk for the
limits scan (``max_name_work``): per occurrence of a name outside the static tables, the
distinct names in its bucket so far. A name with a character outside ASCII or a NUL (which the
tokenizer replaces) is counted as in every bucket: its own walk as the longest chain, and it
lengthens every other's. The tree builder looks some names up again, in the same hashes, when
it makes an svg or MathML element (``ADJUSTED``: ``viewBox`` for ``viewbox``, ``clipPath`` for
``clippath``, ...): these are counted at each occurrence of the name they adjust, wherever it
stands. So the count is never below Lexbor's walk.
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
# Lexbor's static attribute names: dom/interfaces/attr_res.h (Lexbor 3.1.0, in selectolax 1.0.2),
# the names its tokenizer finds there before the document's hash (a test pins them).
STATIC_ATTRIBUTES: Final = frozenset(
    """accept accept-charset active align alink alt axis bgcolor charset checked class clear codetype
    color compact content declare defer dir direction disabled enctype face focus for frame height
    hover href hreflang html http-equiv id is lang language link maxlength media method multiple
    nohref noresize noshade nowrap placeholder pool public readonly rel required rev rules scheme
    scope scrolling selected shape size slot src style system target text title type valign
    valuetype vlink width xmlns""".split()
)
# The names the tree builder looks up again when it makes an svg or MathML element (Lexbor 3.1.0,
# in selectolax 1.0.2; a test pins them): an svg tag's name in its case (html/tag_res.h's svg
# fixnames, into the tag hash as written), an svg attribute's (html/tree_res.h's svg map) and
# MathML's definitionURL (html/tree.c), as written, into the attribute hash; a foreign attribute's
# qualified name, and its local name where not static (html/tree_res.h's foreign map). Each is
# counted as a name of its own at each occurrence of the name it adjusts (the lowered key).
_SVG_TAGS: Final = """altGlyph altGlyphDef altGlyphItem animateColor animateMotion animateTransform clipPath
    feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
    feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
    feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight feSpecularLighting
    feSpotLight feTile feTurbulence foreignObject glyphRef linearGradient radialGradient
    textPath""".split()
_SVG_ATTRIBUTES: Final = """attributeName attributeType baseFrequency baseProfile calcMode clipPathUnits
    diffuseConstant edgeMode filterUnits glyphRef gradientTransform gradientUnits kernelMatrix
    kernelUnitLength keyPoints keySplines keyTimes lengthAdjust limitingConeAngle markerHeight
    markerUnits markerWidth maskContentUnits maskUnits numOctaves pathLength patternContentUnits
    patternTransform patternUnits pointsAtX pointsAtY pointsAtZ preserveAlpha preserveAspectRatio
    primitiveUnits refX refY repeatCount repeatDur requiredExtensions requiredFeatures
    specularConstant specularExponent spreadMethod startOffset stdDeviation stitchTiles
    surfaceScale systemLanguage tableValues targetX targetY textLength viewBox viewTarget
    xChannelSelector yChannelSelector zoomAndPan""".split()
_FOREIGN_ATTRIBUTES: Final = """xlink:actuate xlink:arcrole xlink:href xlink:role xlink:show xlink:title
    xlink:type xml:lang xml:space xmlns:xlink""".split()  # (and xmlns, which looks nothing up)
ADJUSTED: Final[tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]] = (
    {name.lower(): (name,) for name in _SVG_TAGS},
    {
        **{name.lower(): (name,) for name in _SVG_ATTRIBUTES},
        "definitionurl": ("definitionURL",),
        **{
            name: (name,) if name.partition(":")[2] in STATIC_ATTRIBUTES else (name, name.partition(":")[2])
            for name in _FOREIGN_ATTRIBUTES
        },
    },
)
_STATIC: Final = (STATIC_TAGS, STATIC_ATTRIBUTES)
# For the C loop: the static names of each kind, sorted, then the adjusted ones, sorted pairs.
LEXBOR_NAMES: Final = (
    tuple(sorted(STATIC_TAGS)),
    tuple(sorted(STATIC_ATTRIBUTES)),
    *(tuple(sorted(adjusted.items())) for adjusted in ADJUSTED),
)
BUCKETS: Final = 128
_WILD: Final = -1  # a name whose bucket is not computed (a character outside ASCII, or a NUL)
_FREE: Final = -2  # a static name


def bucket(name: str) -> int:
    """The bucket of Lexbor's hash that the ASCII name ``name`` falls in (as written: the
    tokenizer's names lowered, the tree builder's in their case)."""
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

    __slots__ = ("attributes", "chains", "longest", "seen", "wild", "work")

    def __init__(self) -> None:
        self.seen: tuple[dict[str, int], dict[str, int]] = ({}, {})  # a name's bucket, _WILD or _FREE
        self.chains = ([0] * BUCKETS, [0] * BUCKETS)  # the distinct names in each bucket
        self.longest = [0, 0]  # the longest chain
        self.wild = [0, 0]  # the distinct names of no computed bucket
        self.work = 0
        self.attributes = 0  # the attributes read (max_total_attributes): each one Lexbor's memory

    def add(self, kind: int, name: str) -> None:
        """Counts one occurrence of ``name`` (as the tokenizer reads it, capitals not lowered),
        and of the names the tree builder looks up for it (ADJUSTED)."""
        lower = name.lower() if name.isascii() else name.translate(_ASCII_LOWER)
        found = self.seen[kind].get(lower)
        adjusted = ADJUSTED[kind].get(lower)
        if found is None or adjusted is not None:
            self._count(kind, lower)
            for other in adjusted or ():
                self._count(kind, other)
        elif found >= 0:  # (a name met before, the most: _count's end, inline)
            self.work += self.chains[kind][found] + self.wild[kind]
        elif found == _WILD:
            self.work += self.longest[kind] + self.wild[kind]

    def _count(self, kind: int, name: str) -> None:
        """Counts one look-up of ``name`` (lowered, or as the tree builder writes it)."""
        seen = self.seen[kind]
        found = seen.get(name)
        if found is None:  # a new name
            if name in _STATIC[kind]:
                found = _FREE
            elif not name.isascii() or "\0" in name:
                found = _WILD
                self.wild[kind] += 1
            else:
                found = bucket(name)
                chains = self.chains[kind]
                chains[found] += 1
                self.longest[kind] = max(self.longest[kind], chains[found])
            seen[name] = found
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
                self.attributes += 1
        return self.work
