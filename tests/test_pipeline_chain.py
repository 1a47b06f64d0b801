"""extract()'s chain (_pipeline), compiled in the compiled build, gives what its source run as
Python gives (the chain the tests that wrap its stages run, tests/chain.py), result and errors,
on the hand-made pages and their edge cases; and extract() stays a plain Python function."""

from __future__ import annotations

import inspect
import pickle
from pathlib import Path
from types import ModuleType

import pytest

from boilerstrip import Extraction, InputError, LimitError, Options, extract
from boilerstrip._chain_source import interpreted_chain

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))
_PRODUCT = '<script type="application/ld+json">{"@type": "Product", "description": "Gold rings"}</script>'


def _chain() -> ModuleType:
    chain = interpreted_chain()
    if chain is None:
        pytest.skip("this install keeps no _pipeline.py: its chain runs compiled only")
    return chain


def _both(html: object, url: str | None, options: Options | None, content_type: str | None) -> list[object]:
    """The result of extract() and of the chain's source, or the error each raised."""
    got: list[object] = []
    for run in (lambda: extract(html, url=url, options=options, content_type=content_type),
                lambda: _chain().run(html, url, options, content_type)):  # fmt: skip
        try:
            result: Extraction = run()
            got.append(result.to_dict())
        except Exception as error:
            got.append((type(error), str(error)))
    return got


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("as_bytes", [False, True], ids=["text", "bytes"])
def test_the_same_on_every_hand_made_page(page: str, as_bytes: bool) -> None:
    data = (FIXTURES / page).read_bytes()
    html = data if as_bytes else data.decode("utf-8", errors="replace")
    compiled, source = _both(html, "https://example.org/a/b", None, None)
    assert compiled == source


@pytest.mark.parametrize(
    ("html", "options", "content_type"),
    [
        ("<p>" + "word " * 400 + "</p>", Options(max_input_chars=100), None),
        ("<p>" + "word " * 400 + "</p>", Options(max_input_chars=100, on_limit="raise"), None),
        ("<div>" * 50 + "<p>deep</p>", Options(max_depth=10, on_limit="raise"), None),
        ("<p>Some text of a page.</p>", None, "image/png"),
        ("<p>Some text of a page.</p>", None, "text/html; charset=iso-8859-1"),
        ("<p>Some text of a page.</p>", None, 5),
        ("<p>Some text of a page.</p>", "fast", None),
        (12, None, None),
        ("\x00\x01\x02binary" * 50, None, None),
        (f"<html><head>{_PRODUCT}</head><body><p hidden>Gold rings</p><p>x</p></body></html>", None, None),
        ("<p>" + "word " * 400 + "</p>", Options(time_budget=1e-9), None),
    ],
    ids=["cut", "limit-raised", "depth-raised", "not-text", "charset", "bad-type", "bad-options", "not-html",
         "binary", "hidden-product", "timed-out"],
)  # fmt: skip
def test_the_same_at_the_edges(html: object, options: object, content_type: object) -> None:
    compiled, source = _both(html, None, options, content_type)  # type: ignore[arg-type]
    assert compiled == source
    if isinstance(compiled, tuple):
        assert issubclass(compiled[0], (InputError, LimitError, TimeoutError))


def test_extract_is_a_plain_function() -> None:
    assert inspect.isfunction(extract) and pickle.loads(pickle.dumps(extract)) is extract
    assert list(inspect.signature(extract).parameters) == ["html", "url", "options", "content_type"]
