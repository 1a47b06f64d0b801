"""Combiner weights: written by benchmarks/tune.py from the development sets; do not edit.

Fitted on 2439 pages of 8 sets; word F1 at threshold 0.5: cleaneval 0.920, cleanportaleval 0.942,
dragnet 0.868, google-trends-2017 0.846, l3s-gn1 0.942, readability 0.970, scrapinghub 0.931, wcxb
0.804.
"""

from __future__ import annotations

SCORER_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("link_density", -0.7563),
    ("text_density", 0.2585),
    ("neighbour_text_density", 1.6385),
    ("neighbour_link_density", -0.8057),
    ("stopword_density", 0.0294),
    ("block_length", 0.0993),
    ("short_block", 0.3554),
    ("composite_density", 0.3211),
    ("main_region", 0.5147),
    ("main_region_long", 2.5201),
    ("page_edge", -0.9629),
    ("ends_sentence", 0.7117),
    ("heading", 0.2969),
    ("title_match", 1.7665),
    ("list_item", 0.0775),
    ("caption", -2.2275),
    ("content_name", 0.7424),
    ("boilerplate_phrase", -0.2265),
    ("phrase_box", -0.2320),
    ("chrome_agreement", 0.0051),
    ("container_navigation", -1.1542),
    ("container_header", -1.0231),
    ("container_footer", -2.7494),
    ("container_sidebar", -2.5453),
    ("container_promo", -2.4243),
    ("container_share", -3.7183),
    ("container_comments", -0.1752),
    ("container_legal", -1.5100),
    ("container_metadata", -1.7994),
    ("container_other", 0.0000),
    ("phrase_navigation", -0.1801),
    ("phrase_header", -0.5990),
    ("phrase_footer", 1.1006),
    ("phrase_sidebar", -1.6474),
    ("phrase_promo", -1.6437),
    ("phrase_share", -0.1965),
    ("phrase_comments", -1.4389),
    ("phrase_legal", -2.3753),
    ("phrase_metadata", 0.5200),
    ("phrase_other", -2.1254),
    ("bias", -0.9982),
)

SMOOTHING_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("own", 0.7567),
    ("neighbours", 0.1156),
    ("window", 0.1781),
    ("short", 0.0187),
    ("bias", 0.0035),
)
