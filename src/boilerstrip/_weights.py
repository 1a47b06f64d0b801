"""Combiner weights: written by benchmarks/tune.py from the development sets; do not edit.

Fitted on 2439 pages of 8 sets; word F1 at threshold 0.5: cleaneval 0.925, cleanportaleval 0.948,
dragnet 0.869, google-trends-2017 0.840, l3s-gn1 0.939, readability 0.975, scrapinghub 0.938, wcxb
0.819.
"""

from __future__ import annotations

SCORER_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("link_density", -0.5757),
    ("text_density", 0.2521),
    ("neighbour_text_density", 1.4041),
    ("neighbour_link_density", -0.6507),
    ("stopword_density", 0.0925),
    ("block_length", -0.1801),
    ("short_block", 0.3428),
    ("composite_density", 0.3890),
    ("repeated_text", 1.1442),
    ("repeated_links", -0.5589),
    ("main_region", 0.5474),
    ("main_region_long", 2.1687),
    ("page_edge", -0.8763),
    ("ends_sentence", 0.7093),
    ("heading", 0.3752),
    ("title_match", 1.9002),
    ("list_item", 0.0394),
    ("caption", -2.0527),
    ("content_name", 0.7593),
    ("boilerplate_phrase", 0.2508),
    ("phrase_box", -0.2833),
    ("chrome_agreement", 0.0471),
    ("container_navigation", -0.9724),
    ("container_header", -0.7033),
    ("container_footer", -2.5544),
    ("container_sidebar", -2.3702),
    ("container_promo", -2.2492),
    ("container_share", -3.4451),
    ("container_comments", 0.2276),
    ("container_legal", -1.5848),
    ("container_metadata", -1.4553),
    ("container_other", 0.0000),
    ("phrase_navigation", -0.4724),
    ("phrase_header", -0.8448),
    ("phrase_footer", 0.7079),
    ("phrase_sidebar", -2.0515),
    ("phrase_promo", -1.9171),
    ("phrase_share", -0.7766),
    ("phrase_comments", -1.7987),
    ("phrase_legal", -2.4393),
    ("phrase_metadata", 0.1367),
    ("phrase_other", -2.3550),
    ("bias", -1.4070),
)

SMOOTHING_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("own", 0.7934),
    ("neighbours", 0.0815),
    ("window", 0.1669),
    ("short", 0.0190),
    ("bias", -0.0042),
)
