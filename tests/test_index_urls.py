"""A page that declares an article at an index's address is treated as a multi-section page."""

from __future__ import annotations

import pytest

from boilerstrip import Options
from boilerstrip._page_type import index_url, page_type


@pytest.mark.parametrize(
    ("url", "is_index"),
    [
        ("https://shop.example.com/collections/", True),  # the index itself
        ("https://shop.example.com/collections?page=2", True),  # its query aside
        ("https://example.com/category/tents/", True),  # one category listed
        ("https://example.com/magazine/category/gadgets", True),
        ("https://example.com/browse/gps-watches", True),
        ("https://example.com/Categories/Boots#top", True),  # case and fragment aside
        ("https://example.com/shop/", True),  # a shop's front
        ("https://example.com/store", True),
        ("https://example.com/shop/a-green-tent/", False),  # one product's page under /shop/
        ("https://example.com/category/tents/a-green-tent", False),  # a member of the category
        ("https://example.com/news/2024/05/tents-on-sale", False),
        ("https://example.com/categorys/tents", False),  # a step is matched whole
        ("https://example.com/", False),
        ("/collections/", True),  # a relative address
        ("", False),
    ],
)
def test_index_url(url: str, is_index: bool) -> None:
    assert index_url(url) is is_index


@pytest.mark.parametrize(
    ("declared", "url", "options", "treated_as"),
    [
        ("article", "https://example.com/category/tents/", Options(), "sectioned"),
        ("article", "https://example.com/category/tents/", Options(index_urls_over_article=False), "article"),
        ("article", "https://example.com/2024/05/tents-on-sale", Options(), "article"),
        ("", "https://example.com/category/tents/", Options(), ""),  # only an article is overridden
        ("product", "https://example.com/shop/", Options(), "product"),
        ("sectioned", "https://example.com/shop/", Options(), "sectioned"),
        ("article", "https://example.org/threads/tents.123456/", Options(), "thread"),  # a thread's URL first
    ],
)
def test_page_type_from_index_url(declared: str, url: str, options: Options, treated_as: str) -> None:
    assert page_type(declared, url, options) == treated_as


_PAGE = (
    '<html><head><meta property="og:type" content="article">{head}</head><body><main>'
    "<h1>Tents</h1><p>Every tent we sell, from one-person shelters to family domes, tested in the hills.</p>"
    "</main></body></html>"
)


@pytest.mark.parametrize(
    ("head", "url", "declared"),
    [
        ('<link rel="canonical" href="https://example.com/category/tents/">', None, "sectioned"),
        ('<meta property="og:url" content="https://example.com/shop/">', None, "sectioned"),
        ("", "https://example.com/browse/tents", "sectioned"),  # extract(url=...)
        ('<link rel="canonical" href="https://example.com/2024/05/tents/">', None, "article"),
        ("", None, "article"),
    ],
)
def test_the_pages_own_address_is_read(head: str, url: str | None, declared: str) -> None:
    from boilerstrip._extract import measure

    assert measure(_PAGE.format(head=head), Options(), url=url).declared == declared
