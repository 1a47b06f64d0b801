"""Rule tables: which tags, ARIA roles and class/id names mark chrome or content.

Pure data plus the one compiled form the pipeline uses. Names are matched on a
normalised string: camelCase split, ``-``/``_``/``:`` turned to spaces, lowercased, so
one pattern covers BEM (``c-share-bar__item``), camelCase (``shareBar``) and
hyphenated (``share-bar``) styles.
"""

from __future__ import annotations

import functools
import re
from typing import Final, NamedTuple

import regex

from ._model import Label
from ._pattern_reader import spellings, top_level_branches
from ._pattern_store import Key
from ._pattern_store import compiled as stored_or_compiled

# Tags whose subtree is never text of the page. The tag tables read at every element are
# Final: the compiled build holds each in a C static (else a dict lookup at each use).
SKIPPED_TAGS: Final = frozenset(
    "script style noscript template svg math iframe object embed canvas head title "
    "select option datalist audio video map area link meta base input textarea".split()
)

# What a page shows once scripts run, or to clients without scripts, is read when the
# visible page is (nearly) empty: noscript is then no longer skipped.
REVEALED_SKIPPED_TAGS: Final = SKIPPED_TAGS - {"noscript"}

# Tags that start a new block; every other element is inline.
BLOCK_TAGS: Final = frozenset(
    "html body div p section article main aside header footer nav h1 h2 h3 h4 h5 h6 "
    "ul ol dl dt dd li table thead tbody tfoot tr td th caption blockquote pre figure "
    "figcaption form fieldset legend address hr details summary dialog center menu "
    "hgroup frameset frame noframes output".split()
)

HEADING_LEVELS: Final = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

# Chrome named by the tag itself. header/footer inside <article>/<main> belong to the
# article (its headline, its byline): see CONTENT_SCOPE_TAGS.
CHROME_TAGS: Final[dict[str, Label]] = {
    "nav": Label.NAVIGATION,
    "aside": Label.SIDEBAR,
    "header": Label.HEADER,
    "footer": Label.FOOTER,
    "menu": Label.NAVIGATION,
}
CONTENT_SCOPE_TAGS: Final = frozenset({"article", "main"})
SCOPED_CHROME_TAGS: Final = frozenset({"header", "footer"})

CHROME_ROLES: Final[dict[str, Label]] = {
    "navigation": Label.NAVIGATION,
    "banner": Label.HEADER,
    "contentinfo": Label.FOOTER,
    "complementary": Label.SIDEBAR,
    "search": Label.NAVIGATION,
    "menu": Label.NAVIGATION,
    "menubar": Label.NAVIGATION,
    "tablist": Label.NAVIGATION,
    "toolbar": Label.SHARE,
    "dialog": Label.PROMO,
    "alertdialog": Label.PROMO,
}
CONTENT_ROLES: Final = frozenset({"main", "article"})

# (kind, pattern over normalised class/id/itemprop tokens). The first row that
# matches names the kind, so more specific rows come first.
NAME_RULES: tuple[tuple[Label, str], ...] = (
    # Customer reviews are the comments of a product page ("product-reviews",
    # "customerReviews", "individual-review"); a bare "review" names review articles too.
    (
        Label.COMMENTS,
        r"\b(?:comments?|commentlist|disqus|respond|replies|discussion|reviews|"
        r"(?:customer|product|user|individual|guest) review|review text)\b",
    ),
    # Not "cmp": Adobe Experience Manager prefixes every component with it ("cmp-text").
    (Label.LEGAL, r"\b(?:cookies?|consent|gdpr|onetrust|cookiebot|legal|disclaimer|privacy)\b"),
    (Label.SHARE, r"\b(?:share|shares|sharing|sharethis|addthis|social|sociallinks|follow us)\b"),
    (
        Label.PROMO,
        r"\b(?:ads?|advert\w*|adslot|adunit|advertisement|sponsor\w*|promo\w*|newsletter\w*|"
        r"subscribe\w*|subscription|signup|sign up|donat\w*|contribut\w*|paywall|membership|"
        r"outbrain|taboola|dfp|gpt ad|commercial|marketing|modal|popup|overlay|interstitial|"
        r"support us|upsell|teaser ad)\b",
    ),
    (
        Label.METADATA,
        r"\b(?:byline|bylines|author|authors|dateline|timestamp|published|posted on|"
        r"entry meta|post meta|article meta|meta|caption|credit|credits|tags|tag list|tagcloud|"
        r"categories|cat links|post info|entry info)\b",
    ),
    # A forum post's signature ("message-signature", "postsignature", "signaturecontainer"):
    # the poster's own lines under each post, not the post (wcxb forum +0.0003, 7 pages up,
    # 4 down; no news set moves).
    (Label.METADATA, r"\b(?:signature|signatures|postsignature|signaturecontainer)\b"),
    (
        Label.NAVIGATION,
        r"\b(?:nav|navbar|navigation|menu|menus|breadcrumbs?|crumbs?|pagination|pager|"
        r"paging|toc|table of contents|skip link|skip links|jump links|prev next)\b",
    ),
    (
        Label.SIDEBAR,
        r"\b(?:sidebar|side bar|sidebars|widget|widgets|related|recommend\w*|more stories|"
        r"trending|popular|most read|most popular|rail|right col|left col|secondary)\b",
    ),
    (Label.FOOTER, r"\b(?:footer|colophon|copyright|site info|bottom bar)\b"),
    (Label.HEADER, r"\b(?:masthead|topbar|top bar|site header|global header|branding)\b"),
)

# Names that mark the main content (Readability's positive names, plus itemprop).
CONTENT_NAME_RULE = (
    r"\b(?:article ?body|article content|article text|entry content|entry body|post content|"
    r"post body|post text|story body|story content|main content|page content|content body|"
    r"body text|blog post|markdown body|rich text|prose|articlebody|text content)\b"
)

# Layers drawn over the page (modals, cookie-consent panels): they can hold the densest
# text of a page (a privacy policy in a modal, a consent SDK's purpose list) but never its
# main content, so the main region is not sought inside them (_region). Dialog roles and
# tooltips are left out: product pages put their description in slide-out "sheets" with
# role="dialog" and size advice in tooltips (wcxb product pages lost more than they gained).
# A name that says a layer is switched on ("modal-enabled", "consent-management-enabled")
# is page state on a wrapper, not the layer.
_OVERLAY_NAMES = r"\b(?:modal|modals|consent|onetrust|cookiebot|cookie\w*|gdpr)\b"
OVERLAY_NAME_RULE = _OVERLAY_NAMES + r"(?! (?:\w+ )?(?:enabled|active|open|opened|visible|shown|on)\b)"

# Panels of disclosure widgets (tab panes, accordions, collapsible sections): pages write
# the panels not shown yet with ``hidden`` or ``display:none`` and show them on a click, so
# their text is the page's own (a product's specification tab, a service's FAQ answers).
# Hidden popups and menus are not named so and stay hidden (_segment); React's streamed
# segments are read with the panels (_streamed).
# "tab" alone or "tabs content" is left out: a recipe page's share actions ("Text the
# ingredients", "Email the ingredients") sit in hidden "tabs content" forms.
DISCLOSURE_NAME_RULE = (
    r"\b(?:tab ?panes?|tab ?panels?|accordions?|collapse|collapsible|collapsed|expander|expandable)\b"
)

# The standard re where it finds the same matches, as it does in a third less time on
# these short strings: classes of ASCII characters only, or (_STATE_FLAGS) an ASCII string,
# where both modules' \b and \w agree.
_CAMEL: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_SEPARATORS: Final = re.compile(r"[-_:./]+")
# Layout state flags name what the page has, not what the element is ("has-sidebar").
_STATE_FLAGS_RULE = r"\b(?:has|no|with|without|show|hide|is|toggle) \w+"
_STATE_FLAGS: Final = regex.compile(_STATE_FLAGS_RULE)
_STATE_FLAGS_ASCII: Final = re.compile(_STATE_FLAGS_RULE)
# What every match of _STATE_FLAGS_RULE holds ("with" also stands for "without "): tested
# as substrings (_holds_state_word; in the compiled build cheaper than one regex search).
_STATE_WORDS: Final = ("has ", "no ", "with", "show ", "hide ", "is ", "toggle ")
# Taxonomy classes carry the author's tag and category slugs (WordPress's post_class:
# "tag-promotion", "category-ads"): they say what a post is about, not what the element is.
_TAXONOMY: Final = regex.compile(r"(?<![^\s])(?:tag|category)-(?!(?:cloud|list|links|nav|menu|widget)\b)\S+")
# Page builders call every content module a widget (Elementor's "elementor-widget-container"
# around each paragraph, SiteOrigin's "so-widget-sow-editor", HubSpot's "widget-span"): their
# wrappers are taken out and their prefixes dropped, so that the module's own type still
# names it ("elementor-widget-nav-menu" -> "nav-menu", "elementor-widget-text-editor" -> "text-editor").
_BUILDER_WIDGETS: Final = regex.compile(
    r"(?<![^\s])(?:(?:elementor-widget(?:-container|-wrap)?|hs_cos_wrapper_widget|widget-span|"
    r"widget-type-custom_widget|ck-widget)"
    r"(?![^\s])|elementor-widget-|so-widget-|siteorigin-widget-|widget-type-)"
)


def normalise_name(raw: str) -> str:
    """``'relatedPosts c-share-bar__item'`` -> ``'related posts c share bar item'``."""
    # Substitutions that cannot match are skipped: a taxonomy class holds "tag-" or
    # "category-", and a camelCase split needs an upper-case letter.
    if "tag-" in raw or "category-" in raw:
        raw = _TAXONOMY.sub(" ", raw)
    if "widget" in raw:
        raw = _BUILDER_WIDGETS.sub(" ", raw)
    if raw.lower() != raw:  # (islower() is a generic method call in the compiled build)
        raw = _CAMEL.sub(" ", raw)
    # Most names separate their words by hyphens and underscores, single or BEM's doubled
    # ("block__item--mod"): these replaces give _SEPARATORS' answer when no two spaces are
    # left after them (each run of separators was then one character or a doubled one: any
    # other run leaves two spaces or more). The other separators are made hyphens first:
    # the runs, and so _SEPARATORS' answer, stay the same.
    name = raw
    if ":" in name or "." in name or "/" in name:
        name = name.replace(":", "-").replace(".", "-").replace("/", "-")
    name = name.replace("__", " ").replace("--", " ").replace("-", " ").replace("_", " ")
    if "  " in name:
        name = _SEPARATORS.sub(" ", raw)
    name = name.lower()
    # A state flag is one of _STATE_WORDS and a space: without one, nothing to take out
    # (19 names in 20 on 300 dev pages; the test costs less than the search).
    if not _holds_state_word(name):
        return name
    return (_STATE_FLAGS_ASCII if name.isascii() else _STATE_FLAGS).sub(" ", name)


def _holds_state_word(name: str) -> bool:
    """One of _STATE_WORDS is a substring of ``name``: spelled out, a native test each in
    the compiled build (a loop over the tuple is a generic iteration there)."""
    return (
        "has " in name
        or "no " in name
        or "with" in name
        or "show " in name
        or "hide " in name
        or "is " in name
        or "toggle " in name
    )


# Pattern syntax that the standard re and regex read alike on ASCII strings (lower-case
# literals, spaces, \b, \w, non-capturing groups, alternation, ? and *): for a pattern made
# only of it, both find a match in the same ASCII strings, and re does it in about half the
# time (99.9% of class/id strings are ASCII). Any other row keeps regex.
_PORTABLE = re.compile(r"(?:[a-z0-9 |?*)]|\\[bw]|\(\?:)*")

_Pattern = re.Pattern[str] | regex.Pattern[str]


def _compile(pattern: str, ascii_only: bool) -> _Pattern:
    """``pattern`` compiled by regex (or loaded from ``_pattern_store``), or by re for ASCII
    strings when it reads them alike."""
    if ascii_only and _PORTABLE.fullmatch(pattern):
        return re.compile(pattern)
    return stored_or_compiled(pattern, regex.VERSION0)


class _NamePatterns(NamedTuple):
    any_row: _Pattern  # all rows as one alternation: matches exactly when some row does
    rows: tuple[tuple[Label, _Pattern], ...]
    content: _Pattern
    # The key words (_key_words) of the rows, the content rule and the overlay rule's names
    # as one alternation of whole words: a name without one (six in ten on dev pages) names
    # nothing, found in one search; a name with some is searched only with the rules whose
    # bits its key words carry (one or two rows, not the rows up to the first that matches).
    keys: _Pattern
    exact: dict[str, int]  # a key word -> the bits of the rules whose matches can begin with it
    prefix: dict[str, int]  # the same for the first _KEY_PREFIX letters of a word
    always: int  # the bits of the rules whose key words could not be read: searched on every name


# Bits of a name's rules (_NamePatterns): one per row, in row order, then these two.
_CONTENT_BIT: Final = 1 << len(NAME_RULES)
_OVERLAY_BIT: Final = 1 << (len(NAME_RULES) + 1)


@functools.cache
def _name_patterns(ascii_only: bool) -> _NamePatterns:
    """The name rows compiled, on first use rather than at import (compiling them is a third
    of the import time; the value depends only on NAME_RULES, so it never changes an output):
    most names match none, and one search costs about half of trying the rows one by one;
    with ``ascii_only``, the forms for ASCII strings."""
    rows = tuple((kind, _compile(_by_first_letter([p]), ascii_only)) for kind, p in NAME_RULES)
    every = [p for _, p in NAME_RULES]
    exact: dict[str, int] = {}
    prefix: dict[str, int] = {}
    always = 0
    for bit, rule in enumerate([*every, CONTENT_NAME_RULE, _OVERLAY_NAMES]):
        keys = _key_words(rule)
        if keys is None:
            always |= 1 << bit
            continue
        for word in keys[0]:
            exact[word] = exact.get(word, 0) | 1 << bit
        for start in keys[1]:
            prefix[start] = prefix.get(start, 0) | 1 << bit
    words = [*sorted(exact), *(start + r"\w*" for start in sorted(prefix))]
    return _NamePatterns(
        _compile(_by_first_letter(every), ascii_only),
        rows,
        _compile(_by_first_letter([CONTENT_NAME_RULE]), ascii_only),
        _compile(_by_first_letter([_WORD_START + "|".join(words) + _WORD_END]), ascii_only),
        exact,
        prefix,
        always,
    )


def stored_keys() -> set[Key]:
    """The (pattern, flags) of the name patterns that regex compiles (``_pattern_store``)."""
    keys: set[Key] = set()
    for ascii_only in (False, True):
        patterns = _name_patterns(ascii_only)
        for pattern in (patterns.any_row, patterns.content, patterns.keys, *(p for _, p in patterns.rows)):
            if isinstance(pattern, regex.Pattern):
                keys.add((pattern.pattern, regex.VERSION0))
    return keys


def _key_bits(patterns: _NamePatterns, name: str) -> int:
    """The bits of the rules that can match ``name``: those its key words carry (a rule
    that matches has its key word in the name: _key_words), and those always searched."""
    bits = patterns.always
    exact, prefix = patterns.exact, patterns.prefix
    for word in patterns.keys.findall(name):
        bits |= exact.get(word, 0) | prefix.get(word[:_KEY_PREFIX], 0)
    return bits


# A key word of a \w* alternative is its first _KEY_PREFIX letters (all such literal
# starts in the rules are as long): a name's word is looked up by as many.
_KEY_PREFIX: Final = 5


def _key_words(rule: str) -> tuple[set[str], set[str]] | None:
    """The words that a match of ``rule`` (``\\b(?:a|b|...)\\b``) begins with, read from its
    alternatives: (whole words, first _KEY_PREFIX letters of the words that ``\\w*``
    ends); None when an alternative holds syntax this reader does not know. A match
    starts at a word start (``\\b`` before a letter) and its first word runs to a space
    or to the end (``\\b``), so it is a whole word of the name."""
    whole: set[str] = set()
    starts: set[str] = set()
    for alternative in top_level_branches(rule[len(_WORD_START) : -len(_WORD_END)]):
        spelled = spellings(alternative)
        if spelled is None:
            return None
        for text in spelled:
            first = text.split(" ")[0]
            if not first or "*" in first[:-1] or (first.endswith("*") and len(first) <= _KEY_PREFIX):
                return None
            if first.endswith("*"):
                starts.add(first[:_KEY_PREFIX])
            else:
                whole.add(first)
    return whole, starts


_WORD_START = r"\b(?:"
_WORD_END = r")\b"
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _by_first_letter(rules: list[str]) -> str:
    """One pattern that matches a string exactly when one of ``rules`` (each
    ``\\b(?:a|b|...)\\b``) does: their alternatives in one group, those that start with
    the same literal letter under it (``c(?:omments?|ookies?)``). A search then tries a few
    letters at each word start, not every alternative (twice as fast on dev names). Only
    whether it matches is read: the order of the alternatives does not change that."""
    by_letter: dict[str, list[str]] = {}
    others: list[str] = []
    for rule in rules:
        if not (rule.startswith(_WORD_START) and rule.endswith(_WORD_END)):
            raise ValueError(f"not a \\b(?:...)\\b rule: {rule!r}")
        for alternative in top_level_branches(rule[len(_WORD_START) : -len(_WORD_END)]):
            # A first letter with a quantifier ("s?") is not a prefix of every match.
            if alternative[:1] in _LETTERS and alternative[1:2] not in ("?", "*", "+", "{"):
                by_letter.setdefault(alternative[0], []).append(alternative[1:])
            else:
                others.append(alternative)
    groups = [f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items()]
    return _WORD_START + "|".join(groups + others) + _WORD_END


_OVERLAY_NAME: Final = regex.compile(OVERLAY_NAME_RULE)
_DISCLOSURE_NAME: Final = regex.compile(DISCLOSURE_NAME_RULE)


def chrome_kind_of_name(name: str) -> Label | None:
    """The chrome kind a normalised class/id string names, if any."""
    patterns = _name_patterns(name.isascii())
    if patterns.any_row.search(name) is None:
        return None
    return _first_row(patterns.rows, name)


def _first_row(rows: tuple[tuple[Label, _Pattern], ...], name: str) -> Label | None:
    for kind, pattern in rows:
        if pattern.search(name):
            return kind
    return None


def names_content(name: str) -> bool:
    return _name_patterns(name.isascii()).content.search(name) is not None


def names_overlay(name: str) -> bool:
    """A normalised class/id string names a layer drawn over the page (OVERLAY_NAME_RULE)."""
    return _OVERLAY_NAME.search(name) is not None


def is_disclosure_panel(attrs: dict[str, str | None]) -> bool:
    """The element is a panel of a tab set or accordion (role="tabpanel", or a class/id
    that names one; see DISCLOSURE_NAME_RULE)."""
    if (attrs.get("role") or "").strip().lower() == "tabpanel":
        return True
    raw = " ".join(v for v in (attrs.get("class"), attrs.get("id")) if v)
    return bool(raw) and _DISCLOSURE_NAME.search(normalise_name(raw)) is not None
