"""What kind of page the page says it is, from its Open Graph and schema.org markup.

A page that declares itself a product, a forum thread, a Q&A page or a collection is
made of several sections (description, specifications, posts, cards), where a fixed
threshold loses whole sections; see ``Options.declared_sections_decision``. Pages
that declare nothing, or declare an article, are left to the usual decision.
"""

from __future__ import annotations

from typing import Any

import regex

# schema.org types (JSON-LD "@type") and og:type values, lowercased.
ARTICLE_TYPES = frozenset(
    "article newsarticle blogposting techarticle report scholarlyarticle reportagenewsarticle".split()
)
# schema.org types of multi-section pages; any og:type but an article's counts too
# ("website", "product", "video.other").
SECTIONED_LD_TYPES = frozenset(
    {
        "product",
        "productgroup",
        "discussionforumposting",
        "qapage",
        "faqpage",
        "collectionpage",
        "itemlist",
        "searchresultspage",
    }
)
_LD_TYPE = regex.compile(r'"@type"\s*:\s*(?:\[\s*)?"(?:https?://schema\.org/)?([\w.]{1,40})"')
_LD_MAX_CHARS = 200_000  # JSON-LD blocks past this are not read (some embed whole catalogues)

ARTICLE = "article"
SECTIONED = "sectioned"


def declared_type(tree: Any) -> str:
    """"article" (an article type is declared, whatever else is), "sectioned" (another
    og:type, or a multi-section schema.org type) or "" (nothing declared)."""
    declared: set[str] = set()
    og = tree.css_first('meta[property="og:type"]') or tree.css_first('meta[name="og:type"]')
    og_type = (og.attributes.get("content") or "").strip().lower() if og is not None else ""
    declared.add(og_type)
    budget = _LD_MAX_CHARS
    for script in tree.css('script[type="application/ld+json"]'):
        text = script.text(deep=True)[:budget]
        budget -= len(text)
        declared.update(t.lower() for t in _LD_TYPE.findall(text))
        if budget <= 0:
            break
    if declared & ARTICLE_TYPES:
        return ARTICLE
    return SECTIONED if og_type or declared & SECTIONED_LD_TYPES else ""
