"""Combiner weights: written by benchmarks/tune.py from the development sets; do not edit.

Fitted on 2439 pages of 8 sets; word F1 at threshold 0.5: cleaneval 0.920, cleanportaleval 0.942,
dragnet 0.868, google-trends-2017 0.846, l3s-gn1 0.942, readability 0.970, scrapinghub 0.931, wcxb
0.817.
"""

from __future__ import annotations

SCORER_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("link_density", -0.7575),
    ("text_density", 0.2780),
    ("neighbour_text_density", 1.6100),
    ("neighbour_link_density", -0.8204),
    ("stopword_density", 0.0734),
    ("block_length", 0.0556),
    ("short_block", 0.3601),
    ("composite_density", 0.3052),
    ("main_region", 0.5756),
    ("main_region_long", 2.3989),
    ("page_edge", -0.9475),
    ("ends_sentence", 0.7225),
    ("heading", 0.2809),
    ("title_match", 1.7572),
    ("list_item", 0.0639),
    ("caption", -2.2320),
    ("content_name", 0.7448),
    ("boilerplate_phrase", 0.2736),
    ("phrase_box", -0.2548),
    ("chrome_agreement", 0.0363),
    ("container_navigation", -1.1372),
    ("container_header", -0.9151),
    ("container_footer", -2.7593),
    ("container_sidebar", -2.5250),
    ("container_promo", -2.4417),
    ("container_share", -3.6788),
    ("container_comments", -0.1425),
    ("container_legal", -1.5209),
    ("container_metadata", -1.7751),
    ("container_other", 0.0000),
    ("phrase_navigation", -0.5742),
    ("phrase_header", -0.9243),
    ("phrase_footer", 0.6203),
    ("phrase_sidebar", -2.0431),
    ("phrase_promo", -2.0337),
    ("phrase_share", -0.9255),
    ("phrase_comments", -1.8829),
    ("phrase_legal", -2.6705),
    ("phrase_metadata", 0.0316),
    ("phrase_other", -2.3931),
    ("bias", -0.9859),
)

SMOOTHING_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("own", 0.7610),
    ("neighbours", 0.1061),
    ("window", 0.1825),
    ("short", 0.0207),
    ("bias", 0.0001),
)
