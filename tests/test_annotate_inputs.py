"""The annotated view's inputs (hostile, wrong, undecodable, truncated), its command line, and
generated pages."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from selectolax.lexbor import LexborHTMLParser

from annotated import FIXTURES, PROSE, SEED, marked_indices, view_of
from boilerstrip import InputError, Options, annotate, extract
from boilerstrip._cli import main
from test_hostile import CASES as HOSTILE_CASES
from test_properties import HTML, SETTINGS

LAYOUT = FIXTURES / "annotate" / "layout.html"
PAGES = sorted(FIXTURES.glob("*.html"))
HOSTILE = sorted((FIXTURES / "hostile").glob("*.html"))


# -- inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [*(p.read_bytes() for p in HOSTILE), *HOSTILE_CASES.values()],
    ids=[*(p.stem for p in HOSTILE), *HOSTILE_CASES],
)
def test_hostile_inputs_give_a_view(data: str | bytes) -> None:
    view = view_of(data)
    result = extract(data)
    assert len(view.css("#bs-panel .bs-row")) == len(result.blocks)
    assert set(marked_indices(view)) == {b.index for b in result.blocks}
    assert view.css("script") == []


def test_caller_trees_are_untouched() -> None:
    from lxml import html as lxml_html

    data = SEED.read_text("utf-8")
    lexbor = LexborHTMLParser(data)
    before = lexbor.html
    assert "data-bs-blocks" in annotate(lexbor)
    assert lexbor.html == before
    tree = lxml_html.fromstring(data)
    serialised = lxml_html.tostring(tree)
    assert "data-bs-blocks" in annotate(tree)
    assert lxml_html.tostring(tree) == serialised


@pytest.mark.parametrize(
    "kwargs",
    [{"html": 42}, {"html": "<p>x</p>", "options": {}}, {"html": "<p>x</p>", "content_type": b"text/html"}],
    ids=["html", "options", "content_type"],
)
def test_wrong_arguments_raise_input_error(kwargs: dict[str, object]) -> None:
    with pytest.raises(InputError):
        annotate(**kwargs)  # type: ignore[arg-type]


def test_a_page_id_is_kept_as_the_anchor() -> None:
    view = view_of(f'<p id="intro" class="lead">{PROSE}</p><p id=" ">{PROSE}</p>')
    assert [n.attributes["id"] for n in view.css("[data-bs-blocks]")] == ["intro", "bs-block-1"]
    assert [n.attributes["class"] for n in view.css("[data-bs-blocks]")] == ["lead bs-block", "bs-block"]
    assert [r.attributes["href"] for r in view.css("#bs-panel a.bs-row")] == ["#intro", "#bs-block-1"]


def test_same_input_same_view_in_any_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    data = SEED.read_bytes()
    with ThreadPoolExecutor(4) as pool:
        views = list(pool.map(annotate, [data] * 8))
    assert len(set(views)) == 1 and views[0] == annotate(data)


def test_bytes_are_decoded_by_their_declared_charset() -> None:
    page = f'<html><head><meta charset="iso-8859-1"></head><body><p>Café. {PROSE}</p></body></html>'
    view = annotate(page.encode("iso-8859-1"))
    assert "Café." in view and '<meta charset="utf-8">' in view
    assert "Café." in annotate(page.encode("iso-8859-1"), content_type="text/html; charset=iso-8859-1")


@pytest.mark.parametrize(
    ("data", "content_type", "note"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, None, "binary data"),
        (f"<p>{PROSE}</p>".encode(), "image/png", "the content type is image/png"),
        (b"\xb4\xaa\x98'\xa7", None, "5 characters without a tag"),  # random bytes: extract()'s ""
    ],
)
def test_what_is_not_html_gives_an_empty_view(data: bytes, content_type: str | None, note: str) -> None:
    view = view_of(data, content_type=content_type)
    assert view.css("#bs-panel .bs-row") == []
    assert note in view.css_first("#bs-panel bs-p").text()


def test_truncated_input_is_said() -> None:
    view = view_of(f"<p>{PROSE}</p>" * 50, options=Options(max_input_chars=1000))
    assert "input cut at a limit" in view.css_first("#bs-panel bs-p").text()


# -- command line ---------------------------------------------------------------------------


def test_cli_writes_the_view(tmp_path: Path) -> None:
    out = tmp_path / "view.html"
    assert main(["annotate", str(SEED), "-o", str(out)]) == 0
    assert out.read_text("utf-8") == annotate(SEED.read_bytes(), url=str(SEED))


def test_cli_reads_stdin_and_writes_stdout(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin, stdout = io.TextIOWrapper(io.BytesIO(SEED.read_bytes())), io.TextIOWrapper(io.BytesIO())
    monkeypatch.setattr(sys, "stdin", stdin)
    monkeypatch.setattr(sys, "stdout", stdout)
    assert main(["annotate", "-"]) == 0
    assert stdout.buffer.getvalue().decode("utf-8") == annotate(SEED.read_bytes())  # type: ignore[attr-defined]


def test_cli_options_reach_the_extraction(tmp_path: Path) -> None:
    page = FIXTURES / "blog_comments.html"
    default, comments = tmp_path / "default.html", tmp_path / "comments.html"
    assert main(["annotate", str(page), "-o", str(default)]) == 0
    assert main(["annotate", "--comments", str(page), "-o", str(comments)]) == 0
    options = Options(include_comments=True)
    assert comments.read_text("utf-8") == annotate(page.read_bytes(), url=str(page), options=options)
    assert comments.read_bytes() != default.read_bytes()


def test_cli_reports_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["annotate", str(tmp_path / "missing.html")]) == 1
    assert "missing.html" in capsys.readouterr().err


# -- generated pages ----------------------------------------------------------------------------


@settings(SETTINGS, max_examples=400)
@given(HTML)
def test_generated_pages_give_a_clean_view_with_every_block_marked(page: str) -> None:
    result = extract(page)
    view = annotate(page)
    view.encode("utf-8")  # what the command line writes
    tree = LexborHTMLParser(view)
    assert tree.css("script, noscript, iframe, object, embed, base") == []
    assert not any(
        name.lower().startswith("on")
        for node in tree.root.traverse()
        for name in node.attributes  # type: ignore[union-attr]
    )
    assert len(tree.css("#bs-panel .bs-row")) == len(result.blocks)
    marks = marked_indices(tree)
    assert set(marks) == {b.index for b in result.blocks}
