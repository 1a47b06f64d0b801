"""Combiner weights: written by benchmarks/tune.py from the development sets; do not edit by hand.

Fitted on 2439 pages of 8 sets; word F1 at threshold 0.5: cleaneval 0.919, cleanportaleval 0.933, dragnet 0.862, google-trends-2017 0.843, l3s-gn1 0.937, readability 0.970, scrapinghub 0.937, wcxb 0.806.
"""

from __future__ import annotations

SCORER_WEIGHTS: tuple[tuple[str, float], ...] = (
    ('link_density', -0.8253),
    ('text_density', 0.2843),
    ('neighbour_text_density', 1.5830),
    ('neighbour_link_density', -0.8035),
    ('stopword_density', -0.0180),
    ('block_length', 0.0789),
    ('short_block', 0.3317),
    ('composite_density', 0.2953),
    ('main_region', 0.5511),
    ('main_region_long', 2.4165),
    ('page_edge', -1.0049),
    ('ends_sentence', 0.6307),
    ('heading', 0.4540),
    ('list_item', 0.0836),
    ('caption', -2.2198),
    ('content_name', 0.7389),
    ('boilerplate_phrase', -0.6463),
    ('phrase_box', -0.2513),
    ('container_navigation', -1.1753),
    ('container_header', -0.9772),
    ('container_footer', -2.9271),
    ('container_sidebar', -2.6078),
    ('container_promo', -2.5511),
    ('container_share', -3.7993),
    ('container_comments', -0.2335),
    ('container_legal', -1.9114),
    ('container_metadata', -1.7643),
    ('container_other', 0.0000),
    ('bias', -0.8105),
)

SMOOTHING_WEIGHTS: tuple[tuple[str, float], ...] = (
    ('own', 0.7668),
    ('neighbours', 0.0675),
    ('window', 0.2088),
    ('short', 0.0078),
    ('bias', -0.0097),
)
