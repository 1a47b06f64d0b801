"""Big pages are parsed in a thread of their own (Options.parse_apart_min_chars): the
result is the same as a parse in the caller's thread, errors reach the caller, and
a process that cannot start a thread still extracts."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from boilerstrip import Options, OptionsError, extract
from boilerstrip._parse import parse

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.name for p in FIXTURES.glob("*.html"))[:8]
APART = Options(parse_apart_min_chars=1)  # every page is parsed apart
IN_PLACE = Options(parse_apart_min_chars=None)


@pytest.mark.parametrize("name", PAGES)
def test_a_page_parsed_apart_gives_the_same_result(name: str) -> None:
    html = (FIXTURES / name).read_text(encoding="utf-8")
    assert extract(html, options=APART).to_dict() == extract(html, options=IN_PLACE).to_dict()


def test_the_tree_built_apart_is_the_same_tree() -> None:
    html = "<html><head><title>T</title></head><body><p>One <a href='/x'>two</a></p></body></html>"
    assert parse(html, apart=True).html == parse(html).html


def test_an_error_of_the_parse_reaches_the_caller() -> None:
    with pytest.raises(TypeError):
        parse(123, apart=True)  # type: ignore[arg-type]


def test_without_threads_the_page_is_parsed_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", refuse)
    html = "<p>" + "Some words of prose in a paragraph. " * 20 + "</p>"
    assert extract(html, options=APART).text == extract(html, options=IN_PLACE).text


@pytest.mark.parametrize("value", [0, -1, 2.5, "big"])
def test_the_size_is_validated(value: object) -> None:
    with pytest.raises(OptionsError):
        Options(parse_apart_min_chars=value)  # type: ignore[arg-type]
