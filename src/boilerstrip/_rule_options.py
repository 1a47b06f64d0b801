"""RuleOptions: the thresholds of the decision's rules after the model, fields of :class:`Options`.

Hard rules, second renderings, an article's tail and detached boxes, teaser rails, cards,
controls, the page frame, form labels and section prose (see _combine.decide). A base class
of ``Options`` (its fields are Options' own, validated by ``Options``), so that each module
stays short; each field says how it was tuned.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._resource_options import ResourceOptions


# Never made on its own: no __init__, __repr__ or __eq__ of its own to generate at import.
@dataclass(frozen=True, slots=True, kw_only=True, init=False, repr=False, eq=False)
class RuleOptions(ResourceOptions):
    """The decision rules' fields of :class:`boilerstrip.Options` (see there)."""

    # A "read also" line (hard rule teaser_line): an unlinked label this short, a colon,
    # then one link over this share of the rest, of at least this many words. Dev, every
    # set (block dumps, then boilerstrip bench): trafilatura-eval +0.0035, scrapinghub
    # +0.0011, no set -0.0002; one link only (two or more are bylines, "Posted by: X | date").
    teaser_label_max_chars: int = 30
    # Hard rule box_label: a heading, or a line of at most this many words, that is a
    # related/share/comment/promo phrase. Dev (block dumps, every set): 6 against headings
    # only: trafilatura-eval +0.0005, dragnet +0.0002, no set lower.
    box_label_max_words: int = 6
    teaser_link_share: float = 0.8
    teaser_min_words: int = 3
    # A kept paragraph of inline_teaser_min_words to inline_teaser_max_words words with at
    # least this link density, between two kept paragraphs of plain prose (at least
    # inline_teaser_prose_words words, link density under inline_teaser_prose_link_density),
    # is a teaser for another story. Dev, every set (block
    # dumps): scrapinghub +0.0025, l3s-gn1 +0.0003, readability -0.0005 (its truth keeps
    # "Related:" links), the others within 0.0001; link density 0.9 gave scrapinghub +0.0010.
    inline_teaser_link_density: float = 0.8
    inline_teaser_max_words: int = 60
    inline_teaser_min_words: int = 3
    inline_teaser_prose_words: int = 15
    inline_teaser_prose_link_density: float = 0.2  # design: prose with a few inline links
    # A kept block whose text (case and spacing aside) repeats an earlier kept block's is a
    # second rendering (a responsive layout's mobile copy, a sticky product bar, a quoted
    # post) and is dropped, unless the two share their ancestor this many levels up (list
    # items or paragraphs that repeat in one box: a refrain, a test page's filler); 0 keeps
    # every copy. Dev, every set (block dumps, 1-5 levels): 2 gave mean over sets +0.0016,
    # wcxb product +0.010, forum +0.026, readability +0.0005, l3s-gn1 -0.0003; 0 levels
    # (any copy) readability -0.031 (its test pages repeat filler paragraphs side by side).
    copy_shared_ancestor_levels: int = 2
    # A box (the kept blocks under one parent) whose texts repeat, in order, an earlier
    # box's is a second rendering (a description written for desktop and again for mobile
    # or in an accordion), when it holds at least copy_box_min_blocks blocks and
    # copy_box_min_words words (_copied_boxes; 0 blocks: off). Dev, every set (block-dump
    # replay): wcxb product +0.0049, dragnet +0.0014, no set or type down by more than
    # 0.0001 (5 wcxb pages up, 1 down); 20 words with a 10-word block: 3 pages down.
    copy_box_min_blocks: int = 2
    copy_box_min_words: int = 30
    # The kept text's tail: up to tail_max_blocks kept blocks at its very end that are
    # headings, lines of at most tail_short_words words, links (link density at least
    # tail_link_density, at most tail_link_max_words words) or text in a promo, share,
    # comments or metadata box, right after a kept paragraph of plain prose (at least
    # tail_prose_words words, link density under tail_prose_link_density), label or fill the
    # boxes after the article ("Quellenangaben:", "Mehr zum Thema", "Read more", a newsletter
    # appeal) and are dropped; pages declared multi-section or threads keep them; 0 blocks
    # turns it off. Dev, every set (block dumps, then boilerstrip bench): trafilatura-eval
    # +0.009, scrapinghub +0.0016, no set lower; prose of 15-25 words or a run of 2-3 gave
    # less, collection -0.0013 at 25; sidebar boxes too: wcxb article pages lost.
    tail_max_blocks: int = 5
    tail_prose_words: int = 30
    tail_prose_link_density: float = 0.2
    tail_short_words: int = 4
    tail_link_density: float = 0.8
    tail_link_max_words: int = 20
    # The closing box (_closing_box): the last kept block, a paragraph of at most this many
    # words outside the main region, in another parent than the kept prose paragraph (in the
    # region) before it, is dropped; pages declared multi-section or threads keep it; 0 turns
    # it off. Dev, every set (block-dump replay): mean over sets +0.0002, readability
    # +0.0008, scrapinghub +0.0004, trafilatura-eval +0.0005, cleaneval -0.00003,
    # google-trends-2017 -0.0001 (one page); 15 and 60 words: within 0.00005 of the mean.
    closing_box_max_words: int = 25
    # Closing appeals (_closing_appeals): a kept block with a promo phrase, after which the
    # kept blocks hold at most this many words outside phrase lines, is dropped, whatever its
    # length; closing_appeals False turns it off. Dev, every set (block-dump replay, then
    # bench), with the offer rows: 0 gave scrapinghub +0.0018 (3 pages of 3 sites, both site
    # halves), google-trends-2017 +0.0003, wcxb article 3 up, 1 down; 30 words: wcxb
    # collection -0.0018 (a shipping banner); anywhere on the page: wcxb -0.0003 (prices).
    closing_appeals: bool = True
    closing_appeal_after_words: int = 0
    # Captions (_captions): an article's kept captions are dropped, numbered ones ("Figure 3")
    # aside; their figures stay in the Markdown and HTML outputs (_figures); False keeps them.
    # Dev (bench with the gate): scrapinghub +0.0025 (3 sites), wcxb article +0.0007 (51
    # pages up, 12 down), google-trends-2017 -0.0011 (2 sites keep captions in the truth);
    # sparing captions that carry an image gives none of it (the gains are on those).
    article_captions: bool = True
    # Titled boxes (_titled_boxes): a heading that is a widget's title of BOX_TITLES ("About
    # Me", "Recent Posts"), with at least this many kept words before it, drops the box under
    # it, and a blog profile closed by PROFILE_LINKS is dropped with this many kept words
    # besides; 0 turns it off. Dev, every set (bench): dragnet +0.0053 (9 pages up on 5 sites,
    # 1 down; even and odd ids up), no other set or wcxb type moved; 1, 20 and 50 give the
    # same output, 100 dragnet +0.0031, 150 +0.0011: a guard, not a tuned cut.
    titled_box_body_words: int = 50
    # ...and a related-stories title of RELATED_TITLES ("More Great WIRED Stories", "Related
    # reads:", "Next Auto News") on a heading or a line of at most this many words, with the
    # block after it kept, on declared articles and undeclared pages, drops the box under it
    # unless it holds a kept prose paragraph; 0 turns it off. Dev, every set (bench,
    # issue4-acc40): scrapinghub +0.0024 (3 pages, 2 sites), wcxb +0.00004 (9 up, 0 down:
    # article, service), cleaneval, l3s-gn1 and dragnet 1 page up each, dragnet 1 down
    # (-0.0062); headings only: 2 pages; on every page type: wcxb listing -0.0027 (a blog
    # index's "Latest articles"); "Previous Posts" too: dragnet -0.0007 (a blog's archive).
    related_title_max_words: int = 6
    # Detached boxes (_detached): on a declared article, the kept runs after the body (the
    # run of most words; runs are split by dropped blocks with words), when there are at
    # most detached_max_runs of them, that hold no prose paragraph and either hold at most
    # detached_max_words words wholly outside the main region or have a link density of at
    # least detached_link_density, are dropped; 0 words turns it off. Dev, every set
    # (block-dump replay, issue4-article9): the short boxes alone wcxb article +0.0004 (40
    # pages up, 3 down, both id halves up), dragnet +0.0011, no set or type down; 80-120
    # words: article +0.0005 but service -0.0002; no run limit: listing -0.0074 (cards);
    # link lists at 0.5 on top (0 turns them off): article +0.0003, dragnet +0.0001; 0.9 gave less.
    detached_max_words: int = 60
    detached_max_runs: int = 2
    detached_link_density: float = 0.5
    # ...also on declared product pages, sparing runs that hold an <h1> or a "label: value"
    # line (the product's title and facts). Dev, block-dump replay of every set
    # (issue4-product10): product +0.0017 (4 pages up, 1 down; even and odd ids up),
    # dragnet one page up, no other page moved; without the spared runs product +0.0014
    # (5 up, 4 down: a title, a size list); the spared runs on articles too: article -0.0001.
    detached_products: bool = True
    # Teaser cards (_teaser_cards): on a declared article or a page declaring nothing, a rail
    # of at least teaser_card_min_cards cards (a title of teaser_card_title_min_words to
    # teaser_card_title_max_words words, link density at least teaser_card_link_density,
    # linking to another page, no phrase, over a teaser of at most teaser_card_teaser_words
    # words; lines of at most teaser_card_filler_words words between them), below a kept <h1>
    # and in kept runs after the body's (the first run with two prose paragraphs of
    # teaser_card_body_words words), is dropped; 0 cards turns it off. Dev, every set
    # (block-dump replay, issue4-news11): dragnet +0.0033 (5 pages up, none down), l3s-gn1
    # +0.0015 (1 up), wcxb +0.00013 (article +0.0002, 4 up, 1 down; both id halves up), no
    # set or type down; without the <h1> test documentation -0.0007 (a landing page); titles
    # of 2-3 words or anchors: FAQ, section headings and credit lines went (documentation
    # -0.0055, listing -0.0024); 2 cards: scrapinghub -0.0008; link density 0.6: dragnet
    # -0.0004; teasers of 120 words: wcxb -0.0001; titles with a phrase on undeclared pages: a
    # comment thread went (dragnet -0.0017); no body test: listing -0.023.
    teaser_card_min_cards: int = 3
    teaser_card_title_min_words: int = 4
    teaser_card_title_max_words: int = 20
    teaser_card_link_density: float = 0.8
    teaser_card_teaser_words: int = 80
    teaser_card_filler_words: int = 3
    teaser_card_body_words: int = 60
    # Design, not tuned: a body paragraph has at least teaser_card_prose_words words and a
    # link density under teaser_card_prose_link_density; a teaser's is under
    # teaser_card_teaser_link_density (mostly plain prose, as _tail's prose test).
    teaser_card_prose_words: int = 15
    teaser_card_prose_link_density: float = 0.3
    teaser_card_teaser_link_density: float = 0.3
    # Linked lines in a body (_body_links): on a declared article or multi-section page, a
    # kept paragraph of at most body_link_max_words words with a link density of at least
    # body_link_density, between the first and last prose paragraphs (tail_prose_*) of the
    # body's run, is dropped; 0 words turns it off. Dev, every set (block-dump replay,
    # issue4-article10): wcxb +0.00015 (80 pages up, 29 down, both id halves up), every wcxb
    # type up or level, dragnet -0.00002 (2 up, 4 down); articles only: wcxb +0.0001; 12-15
    # words: wcxb +0.00005 more but trafilatura-eval -0.0006 (one kept 10-word offer link);
    # undeclared pages too: readability and dragnet down; every page type: readability -0.0006.
    body_link_max_words: int = 8
    body_link_density: float = 0.9
    # An article's dateline (_datelines): on a page that declares no type, a dropped line of
    # at most this many words that holds a date, between the first kept <h1> (no <h1>: the
    # first kept heading) and the first kept prose paragraph (tail_prose_*), not in a
    # <header>, is kept; 0 turns it off. Dev, every set (block-dump replay, 6-15 words): 7
    # gave dragnet +0.0004 and l3s-gn1 +0.0009 (both id halves up), wcxb -0.00001 (7 article
    # pages down), no other set moved (h1 only: dragnet +0.0002); 8+ words reach bylines with a
    # paper or a staff title ("By NAME, Globe Staff | date") that cleaneval's truth drops
    # (cleaneval -0.0001 at 10 words), and in a <header> cleanportaleval -0.004 (one site).
    dateline_max_words: int = 7
    # Cards of other products on a declared product page (_product_cards): the kept blocks
    # inside at least product_card_min_cards sibling boxes (an ancestor up to
    # product_card_levels levels above a price line of at most product_card_price_words
    # words) that each hold a price are dropped, unless they hold more than
    # product_card_max_share of the kept words (a listing declaring a product); 0 cards
    # turns it off. Dev (block dumps of all wcxb pages, 1-12 levels, shares 0.3-1): wcxb
    # product +0.0045, collection +0.0062, listing -0.0009; 6 levels found too few cards,
    # share 1 (no limit): collection -0.0066 on top (listings declaring a product).
    product_card_min_cards: int = 3
    product_card_levels: int = 10
    product_card_price_words: int = 8
    product_card_max_share: float = 0.5
    # ...but a page whose rows of cards each hold at most this many cards is a product page
    # whose carousels outweigh a short description, and they go whatever their share; 0
    # turns it off. Dev, block-dump replay of every set (issue4-product10): rows of 12-24
    # cards the same, product +0.0067 (2 pages up, odd ids), no page down; the listings and
    # collections declaring a product hold rows of 25-60 cards; 8: no page moved.
    product_carousel_max_cards: int = 16
    # The title's box on a page with one <h1> (_product_cards; threads excepted): the
    # smallest element around the h1 that holds this share of the kept words; kept blocks
    # outside it are dropped; 0 turns it off. Dev, block dumps then full bench: no set down
    # (dragnet +0.0026, trafilatura-eval +0.0021, wcxb +0.0009; collection -0.0022 after the
    # card rule's +0.006); shares 0.5-0.8 gained on both halves then; on 2026-12-03's rules
    # 0.5 is a peak (0.4 / 0.6: mean -0.00039 / -0.00028, 0.6 down on both halves; issue4-robust15).
    title_box_share: float = 0.5
    # ...also on a page with several <h1>: the box of the one kept, or of the one kept that
    # matches the <title> (_product_cards.title_heading). Dev, block-dump replay of every set:
    # mean over sets +0.0008, news-7 +0.0010, wcxb +0.0004 (even and odd ids up), product
    # +0.0033; 32 pages up, 4 down (cleaneval -0.0001 on one page).
    title_box_several_h1: bool = True
    # Stray text (_stray_text, every page): kept blocks inside a tooltip or popover element
    # (by tag name) are dropped. Dev, block dumps of every set: wcxb product +0.0037 (3 pages
    # up, on 2 sites), article +0.00004 (1 up); no page down.
    tooltips_dropped: bool = True
    # ...and kept blocks made of at least this many UUIDs (ad code's hidden link text); 0
    # turns it off. Dev, block dumps of every set: product +0.0026 (3 pages up), none down.
    id_string_min_ids: int = 3
    # Card slots (_card_slots; not on declared articles): a dropped block (a link-density or
    # weak-name label) at a path inside repeated cards where at least this share of the
    # slot's blocks, and at least card_slot_min_blocks, are kept is kept too; 0 turns it off.
    # Dev (block-dump replay of every set, then full bench): +0.00025 on the mean (listing
    # +0.0032, collection +0.0041); swept without the box and article limits, shares 0.5 /
    # 0.6 / 0.75 / 0.9 gave +0.00016 / +0.00016 / +0.00007 / -0.00005, 6 blocks +0.00008.
    card_slot_keep_share: float = 0.6
    card_slot_min_blocks: int = 4
    # Card groups (_card_groups; pages declaring nothing or a multi-section type): in a group
    # of at least card_group_min_cards cards with more than card_group_keep_share of its
    # words kept, a dropped block of a weak label at probability card_group_floor or more is
    # kept; 0 cards turns it off. Dev (block-dump replay of every set): mean +0.0006, news-7
    # +0.0007, wcxb +0.0006 (collection +0.0054, listing +0.0021); 6 / 10 cards, share 0.3 /
    # 0.5, floor 0.1 / 0.3 each gained less (floor 0.1 and 6 cards: trafilatura-eval down).
    card_group_min_cards: int = 8
    card_group_keep_share: float = 0.4
    card_group_floor: float = 0.2
    # ...and a group of as many cards where at least card_group_card_share of the cards keep
    # a block (a feed kept by its titles), at card_group_card_floor, lines repeated in the
    # group left out; share 0 turns it off. Dev (block-dump replay of every set): wcxb +0.0006
    # (listing +0.0079, 6 pages up, 0 down), no news set moved; floor 0.2 gave half of it,
    # share 0.6 the same, 6 cards took trafilatura-eval under its floor.
    card_group_card_share: float = 0.8
    card_group_card_floor: float = 0.1
    # Child cards (_child_cards; pages declaring nothing or a multi-section type, with an
    # address that has a path): in a group of at least child_card_min_cards cards with at
    # least child_card_link_share of its links leading below the page's own path, a dropped
    # block of a weak label at probability child_card_floor or more is kept; share 0 turns it
    # off. Dev (block-dump replay of every set, then full bench): wcxb +0.0015 (listing
    # +0.014, collection +0.006, service +0.0007; even +0.0026, odd +0.0004), no news set or
    # trafilatura-eval moved; share 0.5 / 0.95, 4 / 6 cards, floor 0.15 / 0.2 each gained less;
    # floor 0 put trafilatura-eval down, declared articles too put google-trends-2017 down.
    child_card_min_cards: int = 3
    child_card_link_share: float = 0.8
    child_card_floor: float = 0.1
    # A kept block of at most this many characters that is wholly a control's label (a cart,
    # compare or quick-view button, a sort or filter switch, "Loading...", "Show more") is
    # dropped (_controls); 0 turns it off. Dev (block-dump replay of every set, then full
    # bench): wcxb +0.0004 (collection +0.0033, listing +0.0013; 105 pages up, 13 down),
    # google-trends-2017 -0.00006 (2 pages); 25 / 40 / 80 characters gave the same figures.
    control_max_chars: int = 40
    # A kept block of at most form_label_max_words words inside a <form> whose blocks hold at
    # most form_label_max_share of the page's words (a comment, contact or filter form's
    # labels, _form_labels; not on threads, not table rows) is dropped; 0 words turns it off.
    # Dev (block-dump replay of every set): mean +0.00026, dragnet +0.0012, wcxb +0.00055
    # (collection +0.0043), no set or wcxb type down, both halves up; 12 words: cleaneval
    # -0.00014 (a login form that its truth keeps); forms on threads: forum even ids down.
    form_label_max_words: int = 8
    form_label_max_share: float = 0.3
    # Kept blocks inside the page's <footer> or <nav> (outside <article>/<main>) are dropped
    # (_page_frame). Dev (block-dump replay of every set): the footer, 5 wcxb pages up (shops'
    # policies in modal boxes of the footer), none down: collection +0.0067, product
    # +0.0045, wcxb +0.00085, no other set moved; the nav on top, 26 pages up and 7 down:
    # google-trends-2017 +0.0036, dragnet +0.0002, mean +0.0004, listing -0.0002.
    page_frame_drop: bool = True
    # Prose under a kept section heading (h2-h6) on pages declared multi-section
    # (_sections): a dropped paragraph or list item of this many words or more (0 turns it
    # off), link density under the maximum, probability at least the floor, no chrome name
    # or phrase, is kept. Dev (block-dump replay of every set): service +0.0009, dragnet
    # +0.0007, mean +0.00008; 10 words / floor 0.2 against 5 words (forum, collection
    # down), floor 0.3, or h1 sections too (scrapinghub -0.0005). The stopword minimum
    # leaves out font probes' filler ("word word word"): listing -0.0004 -> +0.0002.
    section_prose_min_words: int = 10
    section_prose_floor: float = 0.2
    section_prose_max_link_density: float = 0.2
    section_prose_min_stopwords: float = 0.2
    # A data table partly kept keeps its other rows, on pages that declare a type
    # (_table_rows): at least this many rows (0 turns it off), mean probability at least the
    # floor, mean link density at most the maximum. Dev (block-dump replay of every set):
    # wcxb +0.00036 (service +0.0029, both halves), news sets unchanged; the floor is flat
    # from 0 to 0.2 and loses the gain at 0.3; 2 rows: documentation -0.0002; 4 rows the same.
    table_rows_min_rows: int = 3
    table_rows_floor: float = 0.1
    table_rows_max_link_density: float = 0.5
    # A kept block of at least dump_min_words words (0 turns it off) whose distinct words are
    # under dump_max_distinct of its words is a dump (_dumps: a log, generated markup, one
    # text rendered many times over) and is dropped. Dev (block-dump replay of every set):
    # wcxb +0.00083 (5 pages up, none down, on 4 types, both halves), no other set moved.
    # The truths' own long blocks (500+ words) are 0.22 and up, the dumps 0.04-0.17; any
    # minimum from 361 to 797 words gives the same output, 360 drops a dragnet comment that
    # is one line said 120 times (its truth keeps it).
    dump_min_words: int = 500
    dump_max_distinct: float = 0.2
    # A kept block of at most echo_max_words words that is one run of at least
    # echo_min_unit_words words said over two or more times ("Request A Quote Request A
    # Quote": a button's text and its animated or hidden copy) is an echo (_dumps) and is
    # dropped; 0 turns it off. Dev (block-dump replay of every set): readability +0.00033, wcxb
    # +0.00003, no set down; units of one word hold names and numbers the truths keep ("O O
    # O", "15 15 15"). The longest echo on the dev pages is 24 words (a title three times);
    # 30 leaves a sentence said three times (51 words, the tests' stand-in for prose) alone.
    echo_min_unit_words: int = 2
    echo_max_words: int = 30
