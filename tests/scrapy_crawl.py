"""A real Scrapy crawl for tests/test_scrapy.py, run in a subprocess of its own (Twisted's
reactor cannot start twice in one process).

    python tests/scrapy_crawl.py START_URL OUT.jsonl

The spider follows the .html links of the start page and yields, for each page, its body
(processed by BoilerstripPipeline) and the text of extract_response() in "helper_text".
The items, as the pipeline left them, are written to OUT.jsonl, one per line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import Response

from boilerstrip.integrations.scrapy import extract_response

SETTINGS: dict[str, Any] = {
    "ROBOTSTXT_OBEY": False,
    "TELNETCONSOLE_ENABLED": False,
    "LOG_LEVEL": "WARNING",
    "DOWNLOAD_TIMEOUT": 10,
    "RETRY_ENABLED": False,
    "ITEM_PIPELINES": {"boilerstrip.integrations.scrapy.BoilerstripPipeline": 300},
    "BOILERSTRIP_FIELDS": {
        "text": "text",
        "title": "title",
        "confidence": "confidence",
        "language": "language",
        "markdown": "markdown",
        "blocks": "boilerstrip_blocks",
    },
    "BOILERSTRIP_OPTIONS": {"decision": "predicted"},
    "BOILERSTRIP_DROP_HTML": True,
}


class FixtureSpider(scrapy.Spider):
    name = "fixtures"

    def __init__(self, start: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = [start]

    def parse(self, response: Response) -> Iterator[Any]:
        for href in response.css("a::attr(href)").getall():
            if href.endswith(".html"):
                yield response.follow(href, callback=self.parse_page)

    def parse_page(self, response: Response) -> Iterator[dict[str, Any]]:
        yield {
            "url": response.url,
            "html": response.body,
            "content_type": response.headers.get("Content-Type", b"").decode("latin-1"),
            "helper_text": extract_response(response).text,
        }


class Collector:
    """Keeps every scraped item; its bound method is the signal handler (Scrapy holds
    handlers weakly, so the collector must outlive the crawl: main() holds it)."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def item_scraped(self, item: dict[str, Any]) -> None:
        self.items.append(dict(item))


def main(start: str, out: Path) -> None:
    process = CrawlerProcess(settings=SETTINGS)
    crawler = process.create_crawler(FixtureSpider)
    collector = Collector()
    crawler.signals.connect(collector.item_scraped, signal=signals.item_scraped)
    process.crawl(crawler, start=start)
    process.start()
    with out.open("w", encoding="utf-8") as stream:
        for item in collector.items:
            stream.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]))
