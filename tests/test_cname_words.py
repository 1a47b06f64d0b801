"""The compiled build's ``_ctokens.name_words`` gives exactly what the Python path gives:
``_rules.normalise_name`` of the name and ``_name_sieve.spaced_words`` of that, on
hand-made class/id strings (camelCase, digits, every separator and runs of them, state
flags, taxonomy classes, empty, long) and on generated ones; and None, leaving the name to
Python, for a name not ASCII or one holding a page builder's prefix. With the tables' decision,
``name_bits`` gives the verdict's number of every ASCII name it reads, whatever its characters
and whether it names an overlay. Where the compiled build is not
installed the extension is built here with the C compiler (the comparisons skip without one)."""

from __future__ import annotations

import random
from types import ModuleType

import pytest

from boilerstrip import _name_verdicts
from boilerstrip._compiled import compiled
from boilerstrip._name_sieve import _OTHER_WORD, name_table, sifted_words, spaced_words
from boilerstrip._name_verdicts import (
    NameVerdicts,
    _tables,
    decided,
    found_bits,
    spaced_bits,
    verdict_of,
)
from boilerstrip._rules import _TAXONOMY, normalise_name

NAMES = [
    "",
    " ",
    "  ",
    "relatedPosts c-share-bar__item",
    "ArticleBody",
    "HTMLParser x2Y aB9C",
    "a1B 1A Z9z",
    "block__item--mod",
    "a---b a___b a-_b a_-_b -lead trail_",
    "nav:item site.header path/to/x a:.b",
    "a -b c_ d",
    "has-sidebar is-active no-js with-image without-ads show-menu hide-x toggle-nav",
    "hasSidebar isOpen noJs",
    "this is a thing this-is-x",
    "has  x has- is_ is",
    "washes-x logo-no-x bis-y",
    "is-a is-b is-c",
    "has-x-y has-x_y has-x.y",
    "with with-with with-",
    "post#1 +plus !bang (x) a&b",
    "c-nav 123 4five six7",
    "UPPER lower MiXeD",
    "sidebarWidget Tag-news Category-x",
    "tab\tpane\nnew",
    "long-" * 400 + "tail",
    "relatedPosts " * 200,
    # "widget" where no page builder's prefix is (_rules._BUILDER_WIDGETS matches nothing)
    "widget",
    "widget_title alt_font clearfix widget_wrap",
    "widgets widget-x so-widget siteorigin-widget",
    "Widget-type-x WIDGET-SPAN xwidget-typo",
]

# Taxonomy classes (_rules._TAXONOMY): read in C, each made one space.
TAXONOMY = [
    "tag-news post",
    "category-ads",
    "post-1 type-post tag-a tag-b category-featured-home category-x hentry",
    "tag-cloud tag-cloudy tag-cloud_x tag-cloud-x tag-list tag-links tag-linksy tag-nav tag-menu tag-widget",
    "category-list category-listing category-navX category-widget-area",
    "fx-tag fx-tag--hot offer__tags fx-tag-collection xtag-a xcategory-b",
    "tag- tag-  category-\ttag-x\ncategory-y\x1ctag-z\x0btag-Q Tag-x",
    "tag-news\tcookie-modal tag-x-widget elementor-x tag-elementor-widget",
    "tag-A_B sidebarTag-x tag-Sidebar relatedPosts",
]

FALLBACK = [
    "elementor-widget-container",
    "so-widget-sow-editor",
    "x elementor-widget-nav-menu",
    "hs_cos_wrapper_widget",
    "ck-widget",
    "widget-type-foo",
    "siteorigin-widget-tinymce",
    "widget-spanner",  # no match (the regex wants the name's end), left to Python all the same
    "café-menu",
    "nav—item",
    "日本 nav",
]


def _python(raw: str) -> tuple[str, list[str] | None]:
    name = normalise_name(raw)
    return name, spaced_words(name)


@pytest.mark.parametrize("raw", NAMES + TAXONOMY)
def test_same_as_python(ctokens: ModuleType, raw: str) -> None:
    assert ctokens.name_words(raw) == _python(raw)


def test_taxonomy_pattern_as_read_in_c() -> None:
    """_ctokens_names.c's taxonomy_end reads this pattern: a change to it must change both."""
    assert _TAXONOMY.pattern == (r"(?<![^\s])(?:tag|category)-(?!(?:cloud|list|links|nav|menu|widget)\b)\S+")


@pytest.mark.parametrize("raw", FALLBACK)
def test_left_to_python(ctokens: ModuleType, raw: str) -> None:
    assert ctokens.name_words(raw) is None


def test_generated_names(ctokens: ModuleType) -> None:
    """Random strings of the characters these rules read (letters of both cases, digits,
    separators, spaces, state words' letters, other punctuation): the first that differs."""
    rng = random.Random(7)
    pieces = [
        "a",
        "B",
        "z",
        "Q",
        "0",
        "9",
        "-",
        "_",
        ":",
        ".",
        "/",
        " ",
        "#",
        "has ",
        "no ",
        "is-",
        "with",
        "out",
        "show",
        "hide",
        "toggle",
        "Is",
        "x",
        "tag-",
        "category-",
        "cloud",
        "\t",
    ]
    names = ["".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(5000)]
    differing = [raw for raw in names if ctokens.name_words(raw) != _python(raw)]
    assert differing[:1] == []
    # With the sieve, and the tables' words among the pieces.
    sieve = _tables(True).sieve
    pieces += ["nav", "Sidebar", "advert", "newsletter", "most", "popular", "customer", "review"]
    names = ["".join(rng.choice(pieces) for _ in range(rng.randrange(12))) for _ in range(5000)]
    differing = [
        raw
        for raw in names
        if ctokens.name_words(raw, sieve, _OTHER_WORD)
        != (
            None
            if ctokens.name_words(raw) is None
            else (_python(raw)[0], sifted_words(_python(raw)[1], sieve))
        )
    ]
    assert differing[:1] == []


def test_generated_widget_names(ctokens: ModuleType) -> None:
    """Names of "widget" and the pieces of the page builders' prefixes (_rules._BUILDER_WIDGETS):
    where name_words reads one in C, it gives the Python path's answer."""
    rng = random.Random(11)
    pieces = ["widget", "Widget", "-", "_", " ", "elementor", "so", "siteorigin", "ck", "hs_cos_wrapper"]
    pieces += ["span", "type", "container", "wrap", "custom", "x", "s", "\t"]
    names = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))) for _ in range(5000)]
    read = [raw for raw in names if ctokens.name_words(raw) is not None]
    assert [raw for raw in read if ctokens.name_words(raw) != _python(raw)][:1] == []
    assert 1000 < len(read) < len(names)


def test_takes_only_str(ctokens: ModuleType) -> None:
    with pytest.raises(TypeError):
        ctokens.name_words(b"nav")
    with pytest.raises(TypeError):
        ctokens.name_words("nav", bytearray(8), _OTHER_WORD)
    with pytest.raises(ValueError, match="power of two"):
        ctokens.name_words("nav", bytes(6), _OTHER_WORD)


# Names whose words are the tables' keys, stems, prefixes and spellings of several words,
# and near misses of them (a letter off, longer, shorter, split by two spaces).
KEYED = [
    "sidebar widget-area nav-menu",  # read in C: no page builder's prefix
    "sidebar widgets nav-menu",
    "customer-review user-reviews product review",
    "advertisement adverts advert adver adv sponsored sponsor-box spons",
    "newsletter-signup newsl newsletters subscribe subscription subsc",
    "cookie-consent cookiebot cookies gdpr onetrust",
    "most-popular most  popular related-posts relatedPosts",
    "share-this sharethis social-links sociallinks share",
    "recommended recom recommendations contributor contr donate donation",
    "post-1234 menu-item menu-item-type-post_type menu-item-90467",
    "modal-overlay popup interstitial paywall",
    "breadcrumb breadcrumbs crumbs toc pagination pager",
    "comment-list commentlist comments disqus respond replies",
    "article-body articlebody entry-content post-content main-content",
    "x1 ab abc abcd abcde abcdefghijklmnopqrstuvwxyz",
]


@pytest.mark.parametrize("raw", NAMES + KEYED + TAXONOMY)
def test_sifted_as_python(ctokens: ModuleType, raw: str) -> None:
    """With the tables' sieve, the words the sieve rules out are the shared _OTHER_WORD, as
    sifted_words gives them."""
    sieve = _tables(True).sieve
    name, words = _python(raw)
    expected = None if ctokens.name_words(raw) is None else (name, sifted_words(words, sieve))
    assert ctokens.name_words(raw, sieve, _OTHER_WORD) == expected


@pytest.mark.parametrize("raw", NAMES + KEYED + TAXONOMY)
def test_sifted_words_same_bits(raw: str) -> None:
    """spaced_bits reads the same bits, and decided gives the same verdict, from a name's
    sifted words as from its words."""
    tables = _tables(True)
    name, words = _python(raw)
    sifted = sifted_words(words, tables.sieve)
    assert (sifted is None) == (words is None)
    if words is not None and sifted is not None:
        assert spaced_bits(tables, sifted) == spaced_bits(tables, words)
        assert decided(name, sifted, tables) == decided(name, words, tables)


def test_sifted_words_generated() -> None:
    """The same on random names made of the tables' own words, pieces of them and others."""
    tables = _tables(True)
    rng = random.Random(11)
    keys = [w for w in tables.words if w] + [w for p in tables.phrases for w in p.split(" ")]
    pieces = [*keys, *(k[: rng.randrange(1, len(k) + 1)] for k in keys), "item", "wrap", "12", "x"]
    pieces += [k + "s" for k in keys[:40]] + [k + "ing" for k in keys[:40]]
    sifted_out = 0
    for _ in range(5000):
        words = [rng.choice(pieces) if rng.random() < 0.9 else "" for _ in range(rng.randrange(1, 8))]
        sifted = sifted_words(words, tables.sieve)
        assert sifted is not None
        sifted_out += sifted.count(_OTHER_WORD)
        assert spaced_bits(tables, sifted) == spaced_bits(tables, words), words
    assert sifted_out > 1000  # the sieve rules words out


def _python_bits(ctokens: ModuleType, raw: str) -> tuple[str, int, bool] | None:
    """What ``name_bits`` must give: None where ``name_words`` leaves the name to Python, else
    the normalised name, spaced_bits of its words or, where spaced_words is None, found_bits
    of it (less the ``always`` bits), and which of the two."""
    if ctokens.name_words(raw) is None:
        return None
    name, words = _python(raw)
    tables = _tables(True)
    bits = found_bits(tables, name) if words is None else spaced_bits(tables, words)
    return name, bits & ~tables.patterns.always, words is not None


def _c_keys(ctokens: ModuleType, with_table: bool) -> tuple[object, ...]:
    """The tables' c_keys, with or without the word table of their dicts (the compiled build's
    have it, a pure install's do not)."""
    tables = _tables(True)
    table = name_table(
        ctokens.word_table if with_table else None,
        tables.words,
        tables.patterns.prefix,
        tables.phrases,
        tables.patterns.exact,
    )
    return (*tables.c_keys[:8], table)


@pytest.mark.parametrize("with_table", [False, True])
@pytest.mark.parametrize("raw", NAMES + KEYED + FALLBACK + TAXONOMY)
def test_bits_as_python(ctokens: ModuleType, raw: str, with_table: bool) -> None:
    """name_bits reads from the buffer the bits spaced_bits reads from the words (but those of
    the rules searched on every name, which the caller adds)."""
    assert ctokens.name_bits(raw, _c_keys(ctokens, with_table)) == _python_bits(ctokens, raw)


@pytest.mark.parametrize("with_table", [False, True])
def test_bits_generated(ctokens: ModuleType, with_table: bool) -> None:
    """The same on random names of the tables' words, their spellings of several words, pieces
    and near misses of them, separators, camel case and doubled spaces."""
    tables = _tables(True)
    rng = random.Random(13)
    keys = [w for w in tables.words if w] + [w for p in tables.phrases for w in p.split(" ")]
    keys += [stem + "ing" for found in tables.stems.values() for stem, _ in found]
    pieces = [*keys, *(k[: rng.randrange(1, len(k) + 1)] for k in keys), "item", "wrap", "12", "X"]
    separators = [" ", "-", "_", "  ", " ", "-", "Z"]
    names = [
        "".join(rng.choice(pieces) + rng.choice(separators) for _ in range(rng.randrange(1, 8)))
        for _ in range(5000)
    ]
    names += [" ".join(rng.sample(sorted(tables.phrases), 2)) for _ in range(500)]
    # Words that are not all letters and digits (found_bits): utility classes and templates.
    odd = ["!", "[", "]", "(", ")", "%", "+", "#", "\n", "&", "=", "'", "?", "{"]
    names += [
        "".join(rng.choice(pieces) + rng.choice(odd + separators) for _ in range(rng.randrange(1, 8)))
        for _ in range(3000)
    ]
    keys = _c_keys(ctokens, with_table)
    differing = [raw for raw in names if ctokens.name_bits(raw, keys) != _python_bits(ctokens, raw)]
    assert differing[:1] == []


def test_bits_takes_the_tables(ctokens: ModuleType) -> None:
    keys = _tables(True).c_keys
    with pytest.raises(TypeError):
        ctokens.name_bits(b"nav", keys)
    with pytest.raises(TypeError):
        ctokens.name_bits("nav", keys[:7])
    with pytest.raises(TypeError):
        ctokens.name_bits("nav", (keys[0], [], *keys[2:]))
    with pytest.raises(ValueError, match="power of two"):
        ctokens.name_bits("nav", (bytes(6), *keys[1:]))
    for junk in (b"not a table", bytes(64)):
        with pytest.raises((TypeError, ValueError), match="word table"):
            ctokens.name_bits("nav", (*keys[:8], junk))


@pytest.mark.parametrize("with_table", [False, True])
def test_verdicts_through_name_bits(
    ctokens: ModuleType, monkeypatch: pytest.MonkeyPatch, with_table: bool
) -> None:
    """NameVerdicts.of through name_bits (the compiled build's path) gives the verdicts of the
    Python path, on the names above and on random ones of the tables' words."""
    tables = _tables(True)
    rng = random.Random(17)
    keys = [w for w in tables.words if w] + [w for p in tables.phrases for w in p.split(" ")]
    pieces = [*keys, "item", "wrap", "12", "X", "tag-x", "widget", "café", "#", "!m-0", "w-[1.5]", "a+b"]
    names = NAMES + KEYED + FALLBACK + TAXONOMY
    names += ["-".join(rng.choice(pieces) for _ in range(rng.randrange(1, 6))) for _ in range(3000)]
    expected = [verdict_of(normalise_name(raw)) for raw in names]
    monkeypatch.setattr(_name_verdicts, "_name_bits", ctokens.name_bits)
    monkeypatch.setattr(_name_verdicts, "_word_table", ctokens.word_table if with_table else None)
    _tables.cache_clear()
    try:
        # (the compiled module reads its own _word_table, which the patch does not reach)
        assert compiled() or (_tables(True).c_keys[8] is not None) is with_table
        verdicts = NameVerdicts()
        assert [verdicts.of(raw) for raw in names] == expected
    finally:
        _tables.cache_clear()


@pytest.mark.parametrize("with_table", [False, True])
def test_bits_decide_verdicts(ctokens: ModuleType, with_table: bool) -> None:
    """With the tables' decision, name_bits gives the number of the verdict in _Tables.verdicts
    where the name's bits decide it without a search, else what it gives without it."""
    tables = _tables(True)
    rng = random.Random(19)
    keys = [w for w in tables.words if w] + [w for p in tables.phrases for w in p.split(" ")]
    pieces = [*keys, "item", "wrap", "12", "X", "#", "!m-0", "modal-open", "consent-enabled"]
    pieces += [*OVERLAY_STATES, "modals", "cookiejar", "w-[1.5]", "md:x", "a+b", "(x)", "!"]
    names = NAMES + KEYED + FALLBACK + OVERLAID + TAXONOMY
    names += ["-".join(rng.choice(pieces) for _ in range(rng.randrange(1, 5))) for _ in range(3000)]
    # Words parted by other characters than separators (runs of \w read as words there).
    odd = [" ", " ", "-", "  ", "!", "[", "]", "#", "+", "(", ")", "\t", "'", "=", "%"]
    for _ in range(3000):
        names.append("".join(rng.choice(pieces) + rng.choice(odd) for _ in range(rng.randrange(1, 6))))
    numbers: set[int] = set()
    c_keys = _c_keys(ctokens, with_table)
    for raw in names:
        answer = ctokens.name_bits(raw, c_keys, tables.decision)
        if isinstance(answer, int):
            numbers.add(answer)
            assert tables.verdicts[answer] == verdict_of(normalise_name(raw)), raw
        else:
            assert answer == ctokens.name_bits(raw, c_keys), raw
    # none, content and every row's kind, each naming an overlay or not
    assert numbers == set(range(len(tables.verdicts)))


# A word of each row, in row order (the first row a name's words match gives its kind).
_ROW_WORDS = (
    "comments",
    "consent",
    "share",
    "modal",
    "byline",
    "signature",
    "nav",
    "sidebar",
    "footer",
    "masthead",
)
# Overlay names (_rules.OVERLAY_NAME_RULE) alone, with content, with each row and followed by
# a state ("modal-open": page state, not a layer), among other characters.
OVERLAY_STATES = ["open", "opened", "on", "enabled", "active", "visible", "shown", "openers"]
OVERLAID = [
    "modals",
    "modals post-content",
    "cookiejar article-body",
    *(f"{row} modals" for row in _ROW_WORDS),  # ("modals" names no row)
    *_ROW_WORDS,  # and each row's kind without an overlay
    "modal-open modals-x-shown modal--is-open consent_banner_visible cookie-bar on",
    "!modal [consent] cookie#bar gdpr+x onetrust(on) modal!open modal-x-y-open",
    "md:modal-open modal  open modal-open-x cookieconsent-on-top",
]


def test_bits_take_a_decision_that_fits(ctokens: ModuleType) -> None:
    tables = _tables(True)
    always, searched, rows, alone, names, states = tables.decision
    with pytest.raises(TypeError):
        ctokens.name_bits("nav", tables.c_keys, tables.decision[:3])
    with pytest.raises(ValueError, match="fit in 64"):
        ctokens.name_bits("nav", tables.c_keys, (always, searched, rows, 60))
    with pytest.raises(TypeError, match="overlay"):
        ctokens.name_bits("modal", tables.c_keys, (always, searched, rows, alone, names, None))
    with pytest.raises(TypeError, match="overlay"):
        ctokens.name_bits("modal", tables.c_keys, (always, searched, rows, alone, (b"modal",), states))


def test_overlay_words_read_from_the_rule() -> None:
    """The overlay rule as the C reader takes it; the overlay then decided in C on every name."""
    names, states = _tables(True).decision[4:]
    assert names is not None and "cookie*" in names and "modal" in names
    assert states is not None and {"open", "opened", "on"} <= set(states)


@pytest.mark.parametrize("with_table", [False, True])
@pytest.mark.parametrize("raw", NAMES + KEYED + OVERLAID + TAXONOMY)
def test_ascii_names_decided_in_c(ctokens: ModuleType, raw: str, with_table: bool) -> None:
    """Every ASCII name the normalising pass reads gets its verdict's number from name_bits:
    no search is left to Python (the tables spell every rule in words)."""
    tables = _tables(True)
    if ctokens.name_words(raw) is not None:
        answer = ctokens.name_bits(raw, _c_keys(ctokens, with_table), tables.decision)
        assert isinstance(answer, int) and tables.verdicts[answer] == verdict_of(normalise_name(raw))


def test_name_table_takes_ascii_keys_of_64_bits(ctokens: ModuleType) -> None:
    assert name_table(None, {"nav": 1}, {}, {}, {}) is None
    assert isinstance(name_table(ctokens.word_table, {"nav": (1 << 64) - 1}, {}, {}, {}), bytes)
    for bad in ({"café": 1}, {"x" * 62: 1}, {"nav": 1 << 64}, {"nav": -1}):
        with pytest.raises(ValueError, match="name_table"):
            name_table(ctokens.word_table, bad, {}, {}, {})
