"""Options: every threshold and weight of the pipeline, in one frozen, validated object."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from ._cut import CutModel
from ._cut_weights import CUT_MODEL
from ._hard_rules import HARD_RULES
from ._option_checks import check_options, unknown_fields
from ._rule_options import RuleOptions
from ._weights import SCORER_WEIGHTS, SMOOTHING_WEIGHTS


@dataclass(frozen=True, slots=True, kw_only=True)
class Options(RuleOptions):
    """How :func:`boilerstrip.extract` decides. Immutable; derive variants with
    :meth:`replace` or the presets :meth:`precision` and :meth:`recall`.

    Each value says where it comes from: "dev" figures are word F1 on the development
    sets (benchmarks/tune.py, ../shared/tools/score.py); "design" values are set by the
    method they implement and were not tuned. The limits of hostile input and the
    memory switches are fields of its base :class:`ResourceOptions`, and the thresholds of
    the decision's rules after the model of :class:`RuleOptions` (between the two).
    """

    # -- decision -------------------------------------------------------------
    # Content probability at or above which a block is content, with decision="threshold"
    # or "adaptive" ("predicted" chooses its own per page). Dev (tune.py, 8 text
    # sets): 0.4 / 0.5 / 0.6 give a mean of 0.902 / 0.907 / 0.907 but wcxb 0.825 /
    # 0.819 / 0.806; 0.5 keeps multi-section pages. Presets: precision 0.65, recall below.
    threshold: float = 0.5
    # How blocks are kept (see _combine._decide): "threshold" keeps those at or above it;
    # "expected_f1" those that maximise the page's expected F1; "adaptive" the second on
    # pages the model is unsure of, the first on the others; "predicted" a threshold
    # chosen per page from the shape of its probabilities (_cut). Dev (boilerstrip bench,
    # mean over the 9 sets / wcxb): threshold 0.907 / 0.818; expected_f1 0.904 / 0.839;
    # adaptive 0.910 / 0.837; predicted 0.914 / 0.842 (cleaneval and trafilatura-eval
    # -0.003, the others +0.002 to +0.015). tune_cut.py's 5-fold cross-validation on the
    # 8 text sets: 0.915 against 0.916 fitted.
    decision: str = "predicted"
    # The decision on pages whose markup declares a multi-section type (a forum, Q&A or
    # collection page; an og:type other than article or product), "" for the usual one.
    # Declared product pages take the usual decision (_page_type: wcxb product 0.607 ->
    # 0.616, one trafilatura-eval page -0.001, the other sets unchanged). Dev
    # (boilerstrip bench): against "adaptive", "expected_f1" moved wcxb 0.832 -> 0.836 and
    # the mean +0.0004; against "predicted", the mean +0.0005 (cleanportaleval +0.008,
    # scrapinghub -0.003, wcxb +0.0002).
    sectioned_decision: str = "expected_f1"
    # A heading at or above this probability is kept when one of the next heading_reach
    # blocks is kept (the headline above its dateline and photo credit). Dev: mean -0.0004
    # (trafilatura-eval -0.002, l3s-gn1 +0.0003), kept: a headline belongs to its article
    # (the seed fixtures' headline scores 0.57 under a predicted threshold of 0.6).
    # Dev (all pages, mean over the 9 sets): floor 0.3 / 0.4 / 0.5 gave 0.9204 / 0.9208 /
    # 0.9209 (0.4: trafilatura-eval +0.002, scrapinghub +0.001, l3s-gn1 and wcxb -0.0002);
    # 0.4 is the smaller step from the fitted weights for the same mean.
    heading_floor: float = 0.4
    heading_reach: int = 3
    # A page is unsure below this margin (word-weighted mean of |p - 0.5| * 2). Dev
    # (tune.py): 0.5 to 0.65 all give a mean of 0.908 and wcxb 0.830-0.835; 0.55 keeps
    # l3s-gn1 (0.938, against 0.934 at 0.6).
    adaptive_margin: float = 0.55
    # A page where no block reaches the threshold keeps its likeliest blocks instead, as
    # "expected_f1" chooses them. Dev (boilerstrip bench): 25 pages came out empty; mean
    # over sets +0.001 (cleaneval +0.003, dragnet +0.004, wcxb +0.001). Falling back also
    # when fewer than 30-50% of the expected words are kept: wcxb +0.006, google -0.013.
    never_empty: bool = True
    # Expected-F1 keeps no block below this probability (dev: 0.2 beat 0.3-0.45 on wcxb).
    expected_f1_floor: float = 0.2
    include_comments: bool = False  # user comments count as content
    language: str | None = None  # ISO 639-1 hint; None detects it from stopwords
    # A page whose visible text is shorter than this is read again with its hidden and
    # <noscript> text (server-rendered React pages, Discourse forums): 45 dev pages came
    # out empty without it. Dev (boilerstrip bench, all sets): 200 -> 500 changed 3 wcxb
    # pages (+0.69, +0.98, -0.03: pages hidden until scripts run); 1000 changed 3 more
    # (+0.99, +0.14, and a product page -0.40 whose hidden text is carousels of other products).
    reveal_below_chars: int = 500
    # A declared product page whose JSON-LD description (at least min_words words) is
    # less than this share visible is read again with its hidden text too (0 never):
    # storefront apps hide a whole product page until a script shows it. Dev (wcxb,
    # product pages with such a description): 4 of 70 are under 0.4 visible, the rest
    # above 0.6; 0.5 is between.
    hidden_description_share: float = 0.5
    hidden_description_min_words: int = 15
    # Hidden panels of tab sets and accordions (role="tabpanel"; class or id naming tabs,
    # accordions, collapsible sections) are read on every page: a click shows them, and
    # product and service pages keep their specifications, details and FAQ answers there.
    # Dev: see benchmarks/HISTORY.md, "Hidden tab and accordion panels". React's streamed
    # segments (<div hidden id="S:0">, _streamed), which its own script shows, are read with
    # them: dev (boilerstrip bench) wcxb +0.0030 (9 pages up, 3 down; even and odd ids up).
    # So are ARIA accordion regions (role="region" with aria-labelledby, _region_panels):
    # dev (block-dump replay, every set) wcxb +0.00037, 2 odd-id pages up, none down.
    reveal_panels: bool = True
    # Screen-reader-only text (class sr-only, visually-hidden, ...: _screen_reader) that copies
    # or labels text beside it, or names a control, is left out. Dev (boilerstrip bench): wcxb
    # +0.0018 on both halves (product +0.012, collection +0.010), readability -0.0001 (one
    # page whose truth keeps "Photo" and "Continue reading the main story"), the rest unchanged.
    skip_screen_reader_text: bool = True
    # -- density features ----------------------------------------------------
    wrap_width: int = 80  # design: text density is words per line at 80 columns (Kohlschütter et al.)
    # -- main-content region ---------------------------------------------------
    # Design: a block is "dense" (gives region points) with at least this many words and
    # at most this link density (Readability's minimum paragraph, in words).
    region_min_words: int = 10
    region_max_link_density: float = 0.35
    # Design: further regions beside the best one need this share of its points
    # (Readability's sibling rule: 20%, raised to 30% as regions may be far apart).
    region_secondary_share: float = 0.3
    region_max_count: int = 4
    # Design: siblings alike in tag and names form a repeated group (cards, posts, menu
    # items) from this many on.
    repeat_min_siblings: int = 3
    # A page not declared an article whose comment-named containers hold this share of
    # the region points is a forum or Q&A thread: its "comments" are its content. Dev
    # (boilerstrip bench, weights fitted with comments as chrome): wcxb forum 0.679 ->
    # 0.718, dragnet 0.826 -> 0.867; 0.4 gives forum 0.734 but l3s-gn1 -0.007.
    thread_min_share: float = 0.5
    # A page at a thread URL of common forum software (phpBB, vBulletin, XenForo,
    # Discourse, NodeBB, Flarum, Reddit: _page_type._THREAD_URLS) is a thread when it
    # declares nothing or a multi-section type, and also when it declares an article with
    # the second flag (XenForo and NodeBB declare one). Dev: see benchmarks/RESULTS.md,
    # "A page-type signal for pages that declare nothing" (every set; even and odd wcxb ids).
    thread_urls: bool = True
    thread_urls_over_article: bool = True
    # A page that declares an article at an index's address (a path ending in a
    # "/category/<name>", "/browse/<name>", "/collections/" or "/shop/" step:
    # _page_type.index_url) is a multi-section page: a category's or a shop's cards. Dev
    # (replay of every set, then boilerstrip bench): see benchmarks/RESULTS.md, issue4-shop57.
    index_urls_over_article: bool = True
    # A page that declares nothing and holds at least this many price elements
    # (itemprop="price", class "price") is a product grid: a multi-section page (0:
    # never). Dev (per-page oracle replay, every set): 5, 7, 11 and 15 all gave wcxb
    # +0.0012 (collection +0.012-0.013); 7: 14 pages, 8 up and 4 down, even and odd wcxb
    # ids both up; no page of another set fell. Pages declaring an article: left alone.
    listing_min_prices: int = 7
    # A page declared a thread (JSON-LD or thread URL) where nothing is kept and whose
    # description (og:description, JSON-LD, meta) holds at least this many words is given
    # that description as its text (0: never): Discourse ships its posts to scripts only.
    # Dev: the 6 wcxb forum pages that keep nothing, F1 0 -> 0.05-0.28; no other page moved.
    thread_description_min_words: int = 10
    # On a page declared a thread, a block of at least this many words of plain prose
    # (link density under the second value) after the first kept block, that no chrome
    # name, phrase or phrase box claims, is a post, kept whatever its probability (0
    # words: never). Dev (full bench): wcxb forum +0.0042 (even ids +0.28 page points, 8
    # up, 0 down; odd +0.19, 7 up, 2 down), trafilatura-eval +0.0006 (its two threads), no
    # other set moved. Block dumps: 15 words loses 6 odd pages, 30 gains less.
    thread_post_min_words: int = 20
    thread_post_max_link_density: float = 0.2
    # On a page treated as a thread, a kept block of at least this many words inside a box
    # named as chrome (_thread_chrome: a post's header, signature, profile fields, link
    # previews; not comment boxes) is dropped; 0 turns it off. Dev (block-dump replay of
    # every set): wcxb forum +0.0081 (34 pages up, 8 down; even ids +0.0067, odd +0.0096), no
    # other set or type moved; 5 / 10 / 20 words gave less on the metadata boxes alone
    # (+0.0028 / +0.0011 / +0.0006 against +0.0031 at 1).
    thread_chrome_box_min_words: int = 1
    # On a page treated as a thread, a kept heading of level 1 to this one is dropped: the
    # thread's title and the posts' subject lines, which the truths leave out (0: off). Dev
    # (block-dump replay of every set): wcxb forum +0.0025 (50 pages up on 49 sites, 10
    # down; even ids +0.0027, odd +0.0024), no other set or type moved; 1 / 2 / 4 / 6 gave
    # +0.0013 / +0.0017 / +0.0022 / +0.0025 (a guide's h4 sections are in its truth).
    thread_heading_max_level: int = 3
    # On a page treated as a thread, a kept block of this many words or fewer whose
    # probability is under the second value, not a heading, is dropped: a post's header and
    # footer lines ("piizog said:", "Click to expand...", "Reply 16", a reaction count, a
    # poster's name), 403 blocks on 62 sites (0 words: off). Dev (block-dump replay of every
    # set): wcxb forum +0.0010 (33 pages up, 27 down; even ids +0.0009, odd +0.0011), no
    # other set or type moved; 2 / 4 words +0.0009 / +0.0008 (4: even +0.0002); under 0.5 /
    # 0.7 / 0.8 +0.0008 / +0.0009 / +0.0006; every such line (under 1.01) -0.0001.
    thread_short_line_max_words: int = 3
    thread_short_line_max_probability: float = 0.6
    # Kept blocks of a comments or legal box after the last kept block of the body are
    # dropped (_trailing_boxes), unless they hold more than this many times the words kept
    # outside such boxes (0: off). Dev (block-dump replay, then bench): wcxb +0.0012 (12 up,
    # 3 down; even and odd ids up), product +0.0095; no set down. 3 to 10 give the same.
    trailing_box_max_ratio: float = 5.0
    # A kept block of at least this many words, at least the share below of whose words are
    # words of a description the page's JSON-LD gives a Person (the writer's bio that SEO
    # plugins publish), is an author bio: metadata (_author_bios; 0 words: off). Dev
    # (block-dump replay of every set, then bench): wcxb article +0.0003 (13 pages up on 13
    # sites, 2 down; even and odd ids up), trafilatura-eval +0.0005 (one page); no set or
    # type down. 8, 12 and 20 words and shares 0.6, 0.8 and 0.9 give the same figures.
    author_bio_min_words: int = 12
    author_bio_share: float = 0.8
    # On a declared article, kept blocks after the body's element (the innermost element
    # holding after_body_share of the words of the kept paragraphs of at least
    # after_body_prose_words words at probability after_body_prose_probability or more,
    # after_body_min_words of them in all) are dropped (_after_body), an <h1> and blocks of
    # the main region at after_body_keep_probability or more aside, unless they hold more
    # than after_body_max_ratio times the words kept inside it (0: off). Dev (block-dump
    # replay of every set, issue4-mass59): wcxb +0.0010 (article +0.0017, 67 pages up, 4
    # down; even and odd ids up), dragnet +0.0014, trafilatura-eval +0.0016, readability
    # -0.0002 (two writers' bios its truth keeps); without the main region's sure blocks
    # wcxb +0.0005 (a slideshow's, a programme list's text); without the ratio service
    # -0.0005; a share of 0.8 / 0.95 and 10 / 20 words give the same within 0.0001.
    after_body_max_ratio: float = 0.5
    after_body_share: float = 0.9
    after_body_prose_words: int = 20
    after_body_prose_probability: float = 0.8
    after_body_min_words: int = 100
    after_body_keep_probability: float = 0.9
    # On a page that declares no type, the same rule with after_body_bare_min_words sure
    # words and a ratio of after_body_bare_max_ratio (0: off), when after_body_bare_main_share
    # of the words kept in the body's element are in the main region or an element named
    # like content; list items and the body's sibling <section>s after it stay
    # (_after_body.BARE_*). Dev (block-dump replay of every set, issue4-after59): l3s-gn1
    # +0.0018, cleaneval +0.0007, wcxb +0.0001, dragnet +0.00004, each on both id halves;
    # no set or wcxb type down by more than 0.00002. 200 / 300 words and ratios 0.2 / 0.3 /
    # 0.4 all pass (0.3, 200 the most); at 100 or 150 words dragnet's even ids fall; the
    # main share (0.5 / 0.8 the same) keeps an undeclared about page of trafilatura-eval.
    after_body_bare_min_words: int = 200
    after_body_bare_max_ratio: float = 0.3
    after_body_bare_main_share: float = 0.5
    # On a page that declares several sections, the same rule with after_body_sectioned_min_words
    # sure words and a ratio of after_body_sectioned_max_ratio; on a declared product, the
    # article's words and a ratio of after_body_product_max_ratio (0: off). Either is left
    # alone when the words kept before the body's element are more than its *_before_ratio
    # times those inside it. Dev (block-dump replay of every set, issue4-after60): wcxb
    # +0.0010 (product +0.0043, article +0.0010, service +0.0008, collection +0.0003; both id
    # halves up or level), scrapinghub +0.0017, google-trends-2017 -0.0002 (one page's
    # fact-check box); 200 sectioned words lower product's odd ids, 500 article's; sectioned
    # ratio 0.5 = 0.8 (0.3 lowers article); product ratio 0.8 = 1.0 (0.5 lowers product's odd
    # ids); sectioned before-ratio 0.5 = 0.7 (none: service's odd ids fall); product
    # before-ratio 0.25 (0.15 lowers product's odd ids, 0.5 drops collection's even ids).
    after_body_sectioned_min_words: int = 300
    after_body_sectioned_max_ratio: float = 0.5
    after_body_sectioned_before_ratio: float = 0.5
    after_body_product_max_ratio: float = 0.8
    after_body_product_before_ratio: float = 0.25
    # -- boilerplate phrases -------------------------------------------------
    # Design (speed): phrases are searched in the first N characters of a block, whose
    # first N tokens select the patterns to try; button and link labels ("Read more")
    # are matched on blocks up to 60 characters.
    phrase_scan_chars: int = 400
    phrase_scan_words: int = 80
    whole_phrase_max_chars: int = 60
    # Design: a box is promo/legal/... when it holds at least this many phrase hits making
    # at least this share of its blocks, so that one newsletter box (2-3 hits) inside an
    # article body of ten paragraphs does not mark the body.
    phrase_box_min_hits: int = 3
    phrase_box_min_share: float = 0.3
    # A metadata box also needs this share of its words (+1 a block) in its phrase lines.
    # Dev (boilerstrip bench): 0.35 against none: wcxb +0.001 (listing +0.026), dragnet
    # +0.002, google-trends-2017 -0.002; 0.2 gave half of it.
    phrase_box_min_word_share: float = 0.35
    # A metadata box holding this many headings that are no phrase is a feed of posts (each
    # card's title over its byline and date), not a box (0: off). Dev (the 164 pages with a
    # metadata box measured again): 3 against off: wcxb +0.0005 (listing +0.0074, service
    # +0.0003; 4 pages up on 2 feeds' kinds, none down), no other set moved; 2: a forum
    # page down; 5: the same as 3.
    phrase_box_feed_titles: int = 3
    # -- combiner --------------------------------------------------------------
    # Logistic weights per scorer (name, weight), fitted by benchmarks/tune.py on dev with
    # --truth dragnet=gt_article (user comments are chrome, as boilerstrip defines them).
    weights: tuple[tuple[str, float], ...] = SCORER_WEIGHTS
    # Neighbour smoothing: logistic weights over the block's and its neighbours' log-odds.
    smoothing: tuple[tuple[str, float], ...] = SMOOTHING_WEIGHTS
    # The "predicted" decision's models (threshold, coefficients), fitted by
    # benchmarks/tune_cut.py on dev: page and candidate statistics, half refit, half the
    # 2026-11-25 model (5-fold 0.9270 against 0.9251 for a plain refit; bench mean +0.0008).
    cut_model: CutModel = CUT_MODEL
    smoothing_window: int = 3  # neighbours on each side that the smoothing reads
    disabled_scorers: frozenset[str] = field(default_factory=frozenset)  # for ablations
    # Rules of _hard_rules.HARD_RULES that decide alone (all by default; empty for ablations).
    # On 60 dev pages a set: phrase_box +0.001 mean F1 over sets and +0.004 snippet F1
    # on trafilatura-eval; metadata_line -0.001 (kept: bylines are not content).
    hard_rules: frozenset[str] = frozenset(HARD_RULES)
    metadata_line_max_words: int = 12  # a metadata phrase decides alone in lines this short
    # The metadata-line rule also on pages that declare no type (_page_type). Off: block-dump
    # replay then bench, every set: dragnet +0.0016, l3s-gn1 +0.0017, wcxb +0.0001 (both
    # halves up), readability -0.00004 (1 page); those truths keep bylines and dates.
    metadata_line_undeclared: bool = False
    # -- naming the chrome ------------------------------------------------------
    # A chrome block this link-dense is a menu, or a related list when its links are
    # headline-length (at least this many words); these only name the kind.
    link_list_density: float = 0.5
    headline_words: int = 6

    def __new__(cls, *args: Any, **changes: Any) -> Options:
        # A name that is no field: an OptionsError naming it (and the nearest field), where
        # the generated __init__ raised a bare TypeError. Also what replace() and
        # dataclasses.replace() call; pickle and copy call it with no names.
        if not changes.keys() <= cls.__dataclass_fields__.keys():
            raise unknown_fields(cls, changes)
        return object.__new__(cls)  # (slots=True remakes the class: no zero-argument super())

    def __post_init__(self) -> None:
        check_options(self)

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes`` applied (validated again)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def precision(cls, **changes: Any) -> Options:
        """A preset that keeps fewer doubtful blocks: less chrome, some content lost."""
        return cls(**{"decision": "threshold", "threshold": 0.65, **changes})

    @classmethod
    def recall(cls, **changes: Any) -> Options:
        """A preset that keeps more doubtful blocks: all content, some chrome. It keeps
        what maximises each page's expected F1, which helps multi-section pages most."""
        return cls(**{"decision": "expected_f1", **changes})


DEFAULT_OPTIONS = Options()
