"""What kind of page the page says it is, from its Open Graph and schema.org markup.

A page that declares itself a forum thread, a Q&A page or a collection is made of
several sections (posts, cards), where a fixed threshold loses whole sections; see
``Options.sectioned_decision``. A product page is told apart: its chrome (specification
boilerplate, financing footnotes, customer reviews, bundles) is long and plain, so
keeping every doubtful block costs it more than it gains (wcxb product pages: 0.607
with the sectioned decision, 0.616 with the usual one), and its customer reviews are
never a forum thread. A page whose JSON-LD declares a discussion (a forum posting, a
Q&A page) is a thread, whatever its og:type says: its posts are its content even in
containers named as comments (all 43 wcxb pages that declare one are forum pages; their
posts were lost where the comment share of the dense text stayed under
``Options.thread_min_share``). Pages that declare nothing, or declare an article, are
left to the usual decision, unless their URL is a thread's or, declaring nothing, they
show a grid of prices (:func:`page_type`).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Final

import regex

from ._head_marks import LD_MAX_CHARS, HeadMarks
from ._lexbor_walk import LD_TYPE, PAGE_MARKS, PRICE_SELECTOR, THREAD_SELECTOR
from ._options import Options
from ._pattern_store import Key
from ._pattern_store import compiled as stored_or_compiled

# schema.org types (JSON-LD "@type") and og:type values, lowercased.
# (Final, these tables: the compiled build reads them as its own statics, not by name.)
ARTICLE_TYPES: Final = frozenset(
    "article newsarticle blogposting techarticle report scholarlyarticle reportagenewsarticle".split()
)
# schema.org types of multi-section pages; any og:type but an article's counts too
# ("website", "product", "video.other").
SECTIONED_LD_TYPES: Final = frozenset(
    {
        "product",
        "productgroup",
        "discussionforumposting",
        "qapage",
        "faqpage",
        "collectionpage",
        "itemlist",
        "searchresultspage",
    }
)


# This module's patterns are compiled on first use, not at import (as _metadata's byline
# pattern): together 2 ms of a 120 ms import, and each is read only by pages that have what
# it reads (JSON-LD, a product description, an address). Each cache holds one value that
# depends on nothing.
@functools.cache
def _ld_type() -> regex.Pattern[str]:
    return stored_or_compiled(_LD_TYPE, regex.VERSION0)


_LD_MAX_CHARS: Final = LD_MAX_CHARS  # JSON-LD blocks past this are not read (some embed whole catalogues)

ARTICLE = "article"
SECTIONED = "sectioned"
PRODUCT = "product"
THREAD = "thread"
# schema.org types (JSON-LD only) of a discussion: a forum thread, a Q&A page.
THREAD_LD_TYPES: Final = frozenset({"discussionforumposting", "qapage"})
# A forum thread declared in microdata (itemtype="https://schema.org/DiscussionForumPosting")
# rather than JSON-LD, as some Discourse and Invision forums write it. Not QAPage: Stack
# Exchange writes its Q&A so, and its truths drop the comments a thread keeps (the 12 wcxb
# Stack Exchange pages as threads: -0.59 page points, 1 up, 9 down).
_MICRODATA_THREAD_SELECTOR: Final = THREAD_SELECTOR  # '[itemtype*="schema.org/DiscussionForumPosting"]'
# schema.org types and og:type values of a product page (a subset of the sectioned ones).
PRODUCT_TYPES: Final = frozenset({"product", "productgroup"})


def json_ld_texts(tree: Any, marks: HeadMarks | None = None) -> tuple[str, ...]:
    """The text of the page's JSON-LD scripts, up to _LD_MAX_CHARS in all (read once, for
    the page type and for the metadata).

    They are the scripts that ``script[type="application/ld+json"]`` selects, taken from
    the list of the page's scripts (``tree.tags``: about 60 instructions a node, where the
    selector engine took about 160) by their type as Lexbor reads it: a type written so,
    in lowercase, is one; a type in other cases (Lexbor folds it on HTML elements only) or
    an SVG script's ``xlink:type`` (the same attribute to the selector) is left to the
    selector itself (tests/test_page_marks.py compares the two). Given the page's ``marks``,
    the compiled build reads them in C with the first ``<time>`` (HeadMarks.document_reads: no
    node or attribute dict made per script), but where the selector is asked."""
    read = marks.document_reads(tree) if marks is not None else None
    if read is not None and read[0] is not None:
        return read[0]
    scripts = []
    for script in tree.tags("script"):
        attrs: dict[str, str | None] = script.attributes
        kind = attrs.get("type")
        if kind == _LD_TYPE_VALUE:
            scripts.append(script)
        elif (kind is not None and kind.lower() == _LD_TYPE_VALUE) or "xlink:type" in attrs:
            return _ld_texts(tree.css(_LD_SELECTOR))
    return _ld_texts(scripts)


_LD_TYPE_VALUE: Final = LD_TYPE  # "application/ld+json"
_LD_SELECTOR: Final = f'script[type="{_LD_TYPE_VALUE}"]'


def _ld_texts(scripts: Sequence[Any], budget: int = _LD_MAX_CHARS) -> tuple[str, ...]:
    """The scripts' texts in order, cut so that they hold ``budget`` characters in all."""
    texts = []
    for script in scripts:
        text = script.text(deep=True)[:budget]
        budget -= len(text)
        texts.append(text)
        if budget <= 0:
            break
    return tuple(texts)


def declared_type(tree: Any, ld_texts: Sequence[str] | None = None, marks: HeadMarks | None = None) -> str:
    """The declared type: "thread" (the JSON-LD, or microdata, declares a discussion and
    no article), "article" (an article type is declared, whatever else is), "product" (a
    product type is), "sectioned" (another og:type, or a multi-section schema.org type) or "" (nothing
    declared). ``ld_texts``: the page's JSON-LD (json_ld_texts), read here when not given;
    ``marks``: the head's (_head_marks), made here when not given.

    The JSON-LD is read first: where it declares an article, or a discussion, the answer
    is known whatever the og:type and the microdata say, and the tree is not searched for
    them (each search walks the whole tree: about 110,000 instructions a page for the
    og:type's absence, 280,000 for the microdata)."""
    ld: set[str] = set()
    for text in json_ld_texts(tree) if ld_texts is None else ld_texts:
        ld.update(t.lower() for t in _ld_type().findall(text))
    # The types are tested one by one (no set made of each intersection; none when the page
    # declares none, as most small pages): the og:type is one type more, tested alone.
    if _any_of(ld, ARTICLE_TYPES):
        return ARTICLE  # as below: no thread with an article, and an article whatever og:type says
    if _any_of(ld, THREAD_LD_TYPES):
        return THREAD  # a forum's og:type is often "article"; its JSON-LD says more
    if marks is None:
        marks = HeadMarks(tree)
    if _thread_microdata(tree, marks):
        return THREAD  # the same declaration, written as microdata (and no article in the JSON-LD)
    og = marks.first_meta(tree, "property", "og:type")
    if og is None:
        og = marks.first_meta(tree, "name", "og:type")
    og_type = (og.get("content") or "").strip().lower() if og is not None else ""
    if og_type in ARTICLE_TYPES:
        return ARTICLE
    if og_type in PRODUCT_TYPES or _any_of(ld, PRODUCT_TYPES):
        return PRODUCT
    return SECTIONED if og_type or _any_of(ld, SECTIONED_LD_TYPES) else ""


def _any_of(types: set[str], kinds: frozenset[str]) -> bool:
    """Whether one of ``types`` is one of ``kinds`` (``types & kinds``, no set made)."""
    # (compiled: a loop, no generator made; no iterator made over no types)
    return bool(types) and any(kind in kinds for kind in types)


@functools.cache
def _word() -> regex.Pattern[str]:
    return stored_or_compiled(_WORD, regex.VERSION0)


@functools.cache
def _tag() -> regex.Pattern[str]:
    return stored_or_compiled(_TAG, regex.VERSION0)


def description_hidden(description: str, texts: Iterable[str], options: Options) -> bool:
    """A product's JSON-LD description (``Options.hidden_description_min_words`` words or
    more) of which less than ``Options.hidden_description_share`` of the words occur in
    ``texts``, the page's visible blocks: the page hides its description until scripts
    run (a storefront app that shows the page only after a check), so its hidden text is
    worth reading."""
    word = _word()
    words = Counter(word.findall(_tag().sub(" ", description).lower()))
    total = sum(words.values())
    if total < options.hidden_description_min_words or not options.hidden_description_share:
        return False
    # The texts read as one (a newline between them): no word spans it, and lower() reads
    # it as each text's end (a final sigma too); one search, where each text made its own.
    visible = Counter(word.findall("\n".join(texts).lower()))
    return sum((words & visible).values()) < options.hidden_description_share * total


# Thread URLs of common forum software (matched on the lowercased path and query of the
# page's canonical URL, og:url or canonical link): such a page is a discussion whatever
# its og:type says (XenForo and NodeBB declare "article"; Discourse and phpBB "website" or
# nothing). Each row is the software's own URL scheme, with its topic id where a news
# site's path could look alike (a "/t/" or "/topic/" section of a news or shop site), and
# the text each of its matches starts with: a path that holds none of them is no thread's,
# told without the search (about 15,000 instructions an address in the compiled build).
_THREAD_URLS = (
    ("phpBB", r"/viewtopic\.php", "/viewtopic.php"),
    ("vBulletin", r"/showthread\.php", "/showthread.php"),
    ("XenForo", r"/threads/[^/]+\.\d+", "/threads/"),
    ("Discourse", r"/t/[^/]+/\d+", "/t/"),
    ("NodeBB", r"/topic/\d+/", "/topic/"),
    ("Flarum", r"/d/\d+-", "/d/"),
    ("Reddit", r"/r/\w+/comments/", "/r/"),
    ("Simple Machines", r"/index\.php\?topic=\d+", "/index.php?topic="),
    ("phpBB SEO, Tapatalk", r"-t\d+(?:-\d+)?\.html", "-t"),
)
_THREAD_URL_STARTS: Final = tuple(start for _, _, start in _THREAD_URLS)


@functools.cache
def _thread_url_pattern() -> regex.Pattern[str]:
    return stored_or_compiled(_THREAD_URL, regex.VERSION0)


@functools.cache
def _url_path() -> regex.Pattern[str]:
    return stored_or_compiled(_URL_PATH, regex.VERSION0)


# This module's regexes, compiled (or loaded from ``_pattern_store``) on first use.
_LD_TYPE = r'"@type"\s*:\s*(?:\[\s*)?"(?:https?://schema\.org/)?([\w.]{1,40})"'
_WORD = r"\w+"
_TAG = r"<[^>]{0,200}>"  # descriptions are often HTML written into the JSON
_THREAD_URL = "|".join(f"(?:{pattern})" for _, pattern, _ in _THREAD_URLS)
_URL_PATH = r"^(?:[a-z][a-z0-9+.\-]*:)?(?://[^/?#]*)?([^#]*)"
STORED_KEYS: tuple[Key, ...] = tuple(
    (pattern, regex.VERSION0) for pattern in (_LD_TYPE, _WORD, _TAG, _THREAD_URL, _URL_PATH)
)


def page_type(
    declared: str, url: str, options: Options, tree: Any = None, marks: HeadMarks | None = None
) -> str:
    """The type the page is treated as: ``declared`` (declared_type); or "thread" when
    the page's ``url``, or an address its ``tree`` gives itself (og:url, the canonical
    link), is a thread of common forum software (_THREAD_URLS) and it
    declares nothing, a multi-section type or (``Options.thread_urls_over_article``) an
    article; or "sectioned" when it declares an article at an index's address
    (``Options.index_urls_over_article``, :func:`index_url`), or declares nothing and its
    ``tree`` shows a product grid (_shows_prices). A declared product or thread is kept. ``marks``: the head's
    (_head_marks), made here when not given."""
    if declared in (PRODUCT, THREAD):
        return declared
    if marks is None and tree is not None:
        marks = HeadMarks(tree)
    own = marks.own_addresses() if marks is not None else ()
    # (an address given twice, as og:url and the canonical link often are, is read once;
    # by a dict, not a search of the ones before: a page of 70,000 canonical links took 12 s)
    addresses = dict.fromkeys(own)
    if _thread_url(declared, url, options) or any(
        _thread_url(declared, address, options) for address in addresses
    ):
        return THREAD
    if (
        declared == ARTICLE
        and options.index_urls_over_article
        and (index_url(url) or any(index_url(address) for address in addresses))
    ):
        return SECTIONED
    if not declared and tree is not None and _shows_prices(tree, options.listing_min_prices, marks):
        return SECTIONED
    return declared


def _thread_url(declared: str, url: str, options: Options) -> bool:
    if not url or not options.thread_urls or (declared == ARTICLE and not options.thread_urls_over_article):
        return False
    match = _url_path().match(url.strip().lower())
    path = match.group(1) if match is not None else ""
    probe = "/" + path.lstrip("/")
    if not any(start in probe for start in _THREAD_URL_STARTS):
        return False
    return _thread_url_pattern().search(probe) is not None


# An index's path steps (lowercased). A page that declares an article at such an address
# is a category's or a shop's list of cards, which are its content (themes write og:type
# "article" on every page of a site): INDEX_STEPS name the index as the path's last step
# ("/collections/") or the step before it, the one category listed ("/category/action",
# "/browse/gps-watches"); INDEX_END_STEPS only as the last ("/shop/": "/shop/<slug>" is one
# product's page). Dev (every set, 2026-12-07, issue4-shop57 in benchmarks/RESULTS.md):
# wcxb collection 5 pages up, listing 1, article 1 down; no other set's page has such an
# address and an article's declaration.
INDEX_STEPS: Final = frozenset({"category", "categories", "browse", "collection", "collections"})
INDEX_END_STEPS: Final = frozenset({"shop", "store"})


def index_url(url: str) -> bool:
    """Whether ``url``'s path is an index's (INDEX_STEPS, INDEX_END_STEPS); its query and
    fragment aside."""
    if not url:
        return False
    match = _url_path().match(url.strip().lower())
    path = match.group(1).partition("?")[0] if match is not None else ""
    steps = [step for step in path.split("/") if step]
    if not steps:
        return False
    last = steps[-1]
    return last in INDEX_STEPS or last in INDEX_END_STEPS or (len(steps) > 1 and steps[-2] in INDEX_STEPS)


# Price elements: schema.org microdata's price, or a class naming the price alone.
_PRICE_SELECTOR: Final = PRICE_SELECTOR  # '[itemprop="price"], .price'


def _marks_root(tree: Any) -> Any:
    """The tree's root for _cwalk.c's page_marks (the compiled build), or None: where its
    selectors start from the root itself, that is where it has a parent (a fragment's root,
    whose parent selectolax hides, is searched with its siblings, from the wrapper above)."""
    if PAGE_MARKS is None:
        return None
    root = tree.root
    return root if root is not None and root.parent is not None else None


def _thread_microdata(tree: Any, marks: HeadMarks | None = None) -> bool:
    """Whether an element declares a forum thread in microdata (_MICRODATA_THREAD_SELECTOR).
    The compiled build reads the tree in C (_cwalk.c's page_marks: about a fifth of the
    selector's instructions, which it checked on probe pages at import); given the page's
    ``marks``, in the pass that reads its JSON-LD (HeadMarks.document_reads)."""
    read = marks.document_reads(tree) if marks is not None else None
    if read is not None:
        return read[2]
    root = _marks_root(tree)
    if root is not None:
        return bool(PAGE_MARKS(root, root.mem_id, 0, 1))
    return tree.css_first(_MICRODATA_THREAD_SELECTOR) is not None


def _shows_prices(tree: Any, min_prices: int, marks: HeadMarks | None = None) -> bool:
    """Whether the page holds at least ``min_prices`` price elements (0: never): a grid
    of products, a collection page, whose cards are its content. Counted as the selector
    list counts them (an element both selectors select twice); in C in the compiled build
    (given the page's ``marks``, in the pass that reads its JSON-LD: HeadMarks.document_reads),
    but where the answer turns on the document's quirks mode (a "PRICE" class)."""
    if not min_prices:
        return False
    read = marks.document_reads(tree) if marks is not None else None
    if read is not None:
        sure, loose = read[3], read[4]
        if sure >= min_prices or sure + loose < min_prices:
            return sure >= min_prices
        return len(tree.css(_PRICE_SELECTOR)) >= min_prices
    root = _marks_root(tree)
    if root is not None:
        shown = PAGE_MARKS(root, root.mem_id, 1, min_prices)
        if shown >= 0:
            return bool(shown)
    return len(tree.css(_PRICE_SELECTOR)) >= min_prices
