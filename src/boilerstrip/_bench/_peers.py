"""The extractors a benchmark can run: boilerstrip and its peers, each as ``html -> text``.

Peers are optional (``pip install 'boilerstrip[bench]'``); each loader imports its
library only when called, inside the worker process that runs it, so that a missing
peer fails alone and import costs stay out of the other extractors' figures. Every peer
is called with its defaults and told not to fetch anything.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from typing import Any

Extractor = Callable[[str], str]

_BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr td th table blockquote pre section article "
    "header footer aside figure figcaption main nav".split()
)


class NetworkBlockedError(OSError):
    """Raised by any connection attempt inside a benchmark worker."""


def block_network() -> None:
    """Make connections and DNS look-ups fail at once in this process (workers only)."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise NetworkBlockedError("network access is blocked in benchmark workers")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def _html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, with line breaks after block elements (for peers that
    return HTML), so that adjacent paragraphs do not fuse into one word."""
    import lxml.html

    if not fragment.strip():
        return ""
    root = lxml.html.fromstring(fragment)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCK_TAGS:
            element.tail = "\n" + (element.tail or "")
    return str(root.text_content())


def _boilerstrip(options: Any = None) -> Extractor:
    from boilerstrip import extract

    return lambda html: extract(html, options=options).text


def _trafilatura() -> Extractor:
    import trafilatura

    return lambda html: trafilatura.extract(html) or ""


def _readability() -> Extractor:
    from readability import Document

    return lambda html: _html_to_text(Document(html).summary(html_partial=True))


def _justext() -> Extractor:
    import justext

    stoplist = justext.get_stoplist("English")
    return lambda html: "\n".join(p.text for p in justext.justext(html, stoplist) if not p.is_boilerplate)


def _resiliparse() -> Extractor:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html: extract_plain_text(html, main_content=True)


def _boilerpy3() -> Extractor:
    from boilerpy3 import extractors

    extractor = extractors.DefaultExtractor()
    return lambda html: extractor.get_content(html) or ""


def _goose3() -> Extractor:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False, "use_meta_language": True})
    return lambda html: goose.extract(raw_html=html).cleaned_text or ""


def _newspaper4k() -> Extractor:
    import newspaper

    def run(html: str) -> str:
        article = newspaper.Article("http://localhost/", fetch_images=False)
        article.download(input_html=html)
        article.parse()
        return str(article.text or "")

    return run


def _inscriptis() -> Extractor:
    from inscriptis import get_text

    return get_text  # type: ignore[no-any-return]


def _html_text() -> Extractor:
    import html_text

    return html_text.extract_text  # type: ignore[no-any-return]


# name -> (loader, pip package). Names follow ../shared/tools/score.py.
PEERS: dict[str, tuple[Callable[[], Extractor], str]] = {
    "trafilatura": (_trafilatura, "trafilatura"),
    "readability-lxml": (_readability, "readability-lxml"),
    "justext": (_justext, "justext"),
    "resiliparse": (_resiliparse, "resiliparse"),
    "boilerpy3": (_boilerpy3, "boilerpy3"),
    "goose3": (_goose3, "goose3"),
    "newspaper4k": (_newspaper4k, "newspaper4k"),
    "inscriptis": (_inscriptis, "inscriptis"),
    "html-text": (_html_text, "html-text"),
}
ALIASES = {"readability": "readability-lxml", "boilerpipe": "boilerpy3", "newspaper": "newspaper4k"}


def canonical(name: str) -> str:
    name = ALIASES.get(name, name)
    if name != "boilerstrip" and name not in PEERS:
        known = ", ".join(["boilerstrip", *PEERS])
        raise ValueError(f"unknown extractor {name!r}; known: {known}")
    return name


def load(name: str, options: Any = None) -> Extractor:
    """The extractor called ``name`` (``options`` are boilerstrip's)."""
    if name == "boilerstrip":
        return _boilerstrip(options)
    return PEERS[name][0]()


def version(name: str) -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("boilerstrip" if name == "boilerstrip" else PEERS[name][1])
    except PackageNotFoundError:
        return "?"
