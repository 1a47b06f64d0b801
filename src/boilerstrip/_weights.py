"""Combiner weights: written by benchmarks/tune.py from the development sets; do not edit by hand.

Fitted on 2439 pages of 8 sets; word F1 at threshold 0.5: cleaneval 0.918, cleanportaleval 0.942, dragnet 0.866, google-trends-2017 0.845, l3s-gn1 0.940, readability 0.971, scrapinghub 0.933, wcxb 0.803.
"""

from __future__ import annotations

SCORER_WEIGHTS: tuple[tuple[str, float], ...] = (
    ('link_density', -0.7681),
    ('text_density', 0.1726),
    ('neighbour_text_density', 1.6470),
    ('neighbour_link_density', -0.8096),
    ('stopword_density', 0.0450),
    ('block_length', 0.0911),
    ('short_block', 0.3365),
    ('composite_density', 0.3067),
    ('main_region', 0.4712),
    ('main_region_long', 2.5866),
    ('page_edge', -1.0067),
    ('ends_sentence', 0.6874),
    ('heading', 0.2701),
    ('title_match', 1.7799),
    ('list_item', 0.0993),
    ('caption', -2.1982),
    ('content_name', 0.7535),
    ('boilerplate_phrase', -0.6482),
    ('phrase_box', -0.1628),
    ('container_navigation', -1.1571),
    ('container_header', -1.0151),
    ('container_footer', -2.9075),
    ('container_sidebar', -2.5523),
    ('container_promo', -2.4806),
    ('container_share', -3.7055),
    ('container_comments', -0.1828),
    ('container_legal', -1.8748),
    ('container_metadata', -1.7085),
    ('container_other', 0.0000),
    ('bias', -0.9225),
)

SMOOTHING_WEIGHTS: tuple[tuple[str, float], ...] = (
    ('own', 0.7660),
    ('neighbours', 0.0959),
    ('window', 0.1854),
    ('short', 0.0104),
    ('bias', -0.0041),
)
