"""Combiner weights: written by benchmarks/tune.py from the development sets; do not edit.

Fitted on 2439 pages of 8 sets; word F1 at threshold 0.5: cleaneval 0.917, cleanportaleval 0.978,
dragnet 0.872, google-trends-2017 0.854, l3s-gn1 0.951, readability 0.978, scrapinghub 0.950, wcxb
0.816.
"""

from __future__ import annotations

SCORER_WEIGHTS: tuple[tuple[str, float], ...] = (
    ('link_density', -0.5954),
    ('text_density', -0.1489),
    ('neighbour_text_density', 1.2065),
    ('neighbour_link_density', -0.7255),
    ('stopword_density', 0.1181),
    ('block_length', 0.0850),
    ('short_block', 0.3389),
    ('composite_density', 0.4118),
    ('repeated_text', 1.2664),
    ('repeated_links', -0.3803),
    ('main_region', 0.6681),
    ('main_region_long', 1.7391),
    ('page_edge', -0.7366),
    ('ends_sentence', 0.8188),
    ('heading', 0.3138),
    ('title_match', 2.0255),
    ('list_item', -0.1770),
    ('caption', -2.0580),
    ('content_name', 1.1283),
    ('boilerplate_phrase', 0.0977),
    ('phrase_box', -0.3268),
    ('chrome_agreement', 0.5858),
    ('container_navigation', -0.8341),
    ('container_header', -0.5700),
    ('container_footer', -2.5329),
    ('container_sidebar', -2.4061),
    ('container_promo', -2.3422),
    ('container_share', -3.5894),
    ('container_comments', -3.6667),
    ('container_legal', -1.6167),
    ('container_metadata', -1.6161),
    ('container_other', 0.0000),
    ('phrase_navigation', -0.6061),
    ('phrase_header', -0.7377),
    ('phrase_footer', 0.7242),
    ('phrase_sidebar', -2.0225),
    ('phrase_promo', -2.1099),
    ('phrase_share', -0.8511),
    ('phrase_comments', -0.6578),
    ('phrase_legal', -2.3521),
    ('phrase_metadata', -0.1041),
    ('phrase_other', -2.5860),
    ('bias', -1.5744),
)

SMOOTHING_WEIGHTS: tuple[tuple[str, float], ...] = (
    ('own', 0.7701),
    ('neighbours', 0.1229),
    ('window', 0.1506),
    ('short', 0.0173),
    ('bias', 0.0092),
)
