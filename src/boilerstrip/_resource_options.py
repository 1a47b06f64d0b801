"""ResourceOptions: the limits on hostile input and the memory switches of :class:`Options`.

They decide how much of a page is read and how it is held in memory, never which blocks
are content; a base class of ``Options`` (its fields are Options' own, validated by
``Options``), so that each module stays short.
"""

from __future__ import annotations

from dataclasses import dataclass

# Bytes are cut at this many times max_input_chars before decoding (UTF-8's longest, UTF-32).
BYTES_PER_CHAR = 4


def bytes_to_read(max_input_chars: int | None) -> int | None:
    """The bytes of a page a reader (the command line, the batch) need hand extract(): as
    many as it reads under ``max_input_chars``, and one more, so that it still says truncated;
    None for all of them."""
    return None if max_input_chars is None else max_input_chars * BYTES_PER_CHAR + 1


# Never made on its own: no __init__, __repr__ or __eq__ of its own to generate at import.
@dataclass(frozen=True, slots=True, kw_only=True, init=False, repr=False, eq=False)
class ResourceOptions:
    """The resource fields of :class:`boilerstrip.Options` (see there)."""

    # -- limits ------------------------------------------------------------------
    # Hostile input (see _limits.py): None lifts a limit. Input past a limit is cut before
    # the first tag past it, and the result says truncated=True; on_limit="raise" raises
    # LimitError instead. Dev: the largest of the 2,731 pages has 5.3 M characters, 15,797
    # elements, depth 56, a depth sum of 231,391 and no tag with 256 attributes: none is cut.
    max_input_chars: int | None = 10_000_000  # design: 10 M characters of prose extract in 2-6 s
    # Elements and comments (each a node of Lexbor's tree: a page of 2.8 MB of "<!x>" made 101 MB).
    max_nodes: int | None = 250_000  # design: 16x the dev maximum; 250,000 elements extract in ~2.5 s
    # Design: Lexbor looks down the open elements for each block tag (cost depth x tags);
    # Chromium's parser stops nesting at 512.
    max_depth: int | None = 1_000
    # The depths of all elements added up: what the parser's scope checks and the blocks'
    # locators and phrase boxes cost (1,000 levels x 250,000 elements would be 250 M; 2 M
    # take about 2 s). Dev: at most 231,391. With each select's options counted up
    # (_limits.OPTION_WORK_SHIFT): Lexbor reads them all at each new one; the text Lexbor appends
    # to a node it copies (_text_runs) and the end tags it looks down its stack for
    # (_limits.END_WALK_SHIFT): dev at most 232,038.
    max_depth_sum: int | None = 2_000_000
    # Design: one tag's attributes are compared pairwise, as are the distinct names repeated
    # <body> and <html> tags merge onto their element (_merged_attributes): both are limited.
    max_attributes: int | None = 256
    # Lexbor's name-table work (_name_work): per occurrence of a tag or attribute name outside its
    # static tables, the distinct names in its hash bucket. Design: 8 M holds the hostile families
    # to 0.12 s of parse; dev at most 35,711, and 2.74 M for one repeated to 250,000 elements.
    max_name_work: int | None = 8_000_000
    # The attributes of all tags, end tags' too (the tokenizer reads them): Lexbor keeps each
    # (130-270 bytes), so a page of dense tags took 76 times its size (5 MB of <br> with 250
    # attributes each: 382 MB in Lexbor alone). Design: 500,000, at most about 135 MB; dev at
    # most 39,076 (12.8x).
    max_total_attributes: int | None = 500_000
    on_limit: str = "truncate"  # or "raise"
    # A page is binary data (an image, an archive: an empty result) when at least 5% of its
    # first 8 KB are controls or U+FFFD (_parse.looks_binary), and at least this many. Design:
    # at 1, one NUL in a text of 20 characters or fewer made it binary ('<p>a\0b cd</p>' gave
    # ""); at 2 only such short inputs change (from 21 characters 5% is more than one).
    binary_min_odd_chars: int = 2
    # An input of at most this many characters holding no tag ("<" before a letter, "/", "!" or
    # "?") is no page either: an empty result (_parse.is_tagless_scrap); 0 reads every one.
    # Design: random junk that short gave its few characters (random bytes read as
    # windows-1252, or behind a UTF-16 byte-order mark, are letters as often as not), which
    # nothing tells from a scrap of text; 20 is where binary_min_odd_chars, not the 5% share,
    # decides the sniff. A tag makes a page of any length: "<p>Hi</p>" keeps "Hi".
    tagless_max_chars: int = 20
    # Seconds one extract() may take (ExtractionTimeoutError); checked between stages and in the
    # traversal. Design: the largest accepted input (10 M characters of prose) took up to 9.9 s
    # on the shared 2-core machine (benchmarks/RESULTS.md), so 30 s stops hangs, not big pages.
    time_budget: float | None = 30.0
    # -- memory --------------------------------------------------------------------
    # Pages of at least this many characters are parsed in a short-lived thread of their
    # own (_parse.parse): the tree (about six times the page) then comes from an allocator
    # arena that goes back to the system when the tree is freed, rather than staying in the
    # process's heap below what later stages allocate. None parses every page in the
    # caller's thread. Design: glibc keeps the top of a thread's arena, up to its trim
    # threshold (at most 64 MB), resident after the tree is freed (+12 MB of trimmed RSS
    # over 2,000 dev extractions with 1 M characters); the tree of a 10 M character page
    # is about that size, so only trees above it are built apart (size test, fresh
    # process: 50 MB 15.7x -> 11.9x; 25 MB 14.9x in place, 15.0x apart).
    parse_apart_min_chars: int | None = 10_000_000
    # The text of scripts and style sheets, and the svg bodies (_svg_bodies), which no stage
    # reads, are dropped before the parse once at least this many characters would go
    # (_bodies.without_bodies); None keeps them. The same output either way. Design: the 30
    # largest dev pages' parse peaks, median 9.7 -> 5.2 MB; with svg bodies dropped too
    # (2026-12-05, callgrind, compiled, 20 pages warm, against 585.4 M): 64 K 0.9966, 32 K
    # 0.9931, 16 K 0.9933, 8 K 0.9930: below 32 K the page's copy costs what the tree saves.
    drop_raw_text_min_chars: int | None = 32_768
    # After a page of at least this many characters (bytes, if given bytes), extract() hands
    # the C allocator's free memory back to the system (release_memory(): glibc's
    # malloc_trim(0)) before it returns; None never. The same output either way. Lexbor's tree
    # (4 to 12 times the page) is the C heap's high-water mark; once freed, glibc keeps it
    # resident below its trim threshold, which the caller's own big buffers raise (a loop's
    # 5 MB page, 12 MB as a str of 4 bytes a character), so RSS swings by up to twice the
    # largest. Design: the RSS loop of benchmarks/speed.py (pages as text, extractions 1,001
    # to 4,089): VmRSS above 1.05 times the 1,000th sample after 17.5% of extractions at 128 K,
    # 4.4% at 64 K (37% of dev pages are under it; their trees take at most about 0.8 MB).
    # The call costs 1 to 2 ms of system time a page (freed pages are faulted in again),
    # about +2% CPU over the dev pages (benchmarks/RESULTS.md, issue5-rss15). Raised from
    # 64 K to 256 K (2026-12-06, compiled, score.py's 300-page sample): the free-top check
    # (mallinfo2 walks every free chunk) took 42 us a call at the median in score.py's
    # conditions, 1.7% of all the time sampled, and 41% of the pages, the median page
    # among them, stop paying it; the RSS loop at 20,000 as text +2.3% -> -3.4%, as bytes
    # +0.7% -> -1.2%, cycle-aligned +2.7% -> +2.7% (text) and +4.5% -> +3.1% (bytes);
    # never trimming: +10.9%.
    release_after_chars: int | None = 262_144
    # ...and only when glibc's heap then holds at least this many bytes free at its top
    # (mallinfo2's keepcost; where it cannot be read, always); None always. The same output
    # either way. The trim also gives back the free holes below the top, which the next page
    # faults in again: that, not the call, is its cost. Design (benchmarks/trim_cost.py over
    # score.py's 300-page sample, compiled, 2026-12-05): minor faults 19-22 K with no trim,
    # 58-60 K at 1 MiB, 45-49 K at 2 MiB, 39 K at 4 MiB, 22 K at 8 MiB; VmRSS median 42.0-42.4,
    # 42.9-43.1, 44.0, 47.6 MB, max 49.1-49.2, 50.8-51.0, 49.2, 53.5 MB. The RSS loop at
    # 20,000 (bytes, compiled): 1 MiB -3.4%, 4 MiB -3.7%, both swinging to 53-54 MB; 8 MiB
    # -4.3%, most samples at 53.5 MB. 4 MiB: a third fewer faults than 1 MiB (0.43 -> 0.07 ms
    # of system time a page when the pages are run again), the same peak (benchmarks/RESULTS.md).
    release_min_free_top: int | None = 4_194_304
    # extract() turns Python's cyclic garbage collector off while it reads a page of at least
    # this many characters (bytes, if given bytes), and on again, with one young collection,
    # before it returns (_release.pause_collector); None never. The same output either way.
    # Design (compiled, benchmarks/size_stages.py, 2026-12-06): the collector's full collections
    # went over the page's hundreds of thousands of blocks, features and scores again and again:
    # 8 CPU ms a MB of the 1 MB size-test page, 39 of the 50 MB one (1.8 at 50 K, 3.6 at 500 K);
    # no cyclic garbage on these pages. speed.py's 1, 5, 25, 50 MB: 81-82, 94-97, 119-120,
    # 134-136 -> 73-75, 77-84, 90-91, 94-95 CPU ms a MB; the 50 MB peak 478 -> 479 MB.
    pause_collector_min_chars: int | None = 1_000_000
    # Scorer columns of at least this many blocks are stored a byte a block where they
    # hold at most 256 distinct outputs (_score_table.CodedColumn), not 8; None never codes. The
    # same outputs either way. Design: 24 of 25 columns of the size test's pages and 3,017
    # of 3,032 of 100 dev pages hold that few (score stage on the 50 MB page: +1.4 -> +0.65
    # times its size); coding a column costs several times packing it, so pages of
    # ordinary length (a few hundred blocks) are left as they were.
    coded_scores_min_blocks: int | None = 4096
    # Once a page's blocks number this many, the traversal keeps their texts in one UTF-8
    # buffer while the tree is alive (_segmented.Texts), not as a str each; None never.
    # The same output either way. Design: the buffer takes about 0.3 times a big page less
    # beside the tree, but encoding and decoding cost 10 times a list (the texts of 100 dev
    # pages: 41 against 3 ms; traverse and finish 3.7% fewer instructions without it); no
    # page of 300 dev pages (seed 0) has 4096 blocks (median 152, largest 1,333), the 1 MB
    # size-test page has about 5,300 and the 50 MB one 265,514 (peak still 9.4x its size).
    packed_texts_min_blocks: int | None = 4096
