"""benchmarks/identity.py: the pages it finds in either layout, and a difference it reports."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))

import identity

_PAGE = "<html><body><article><h1>Title</h1><p>{}</p></article></body></html>"


def _sets(root: Path) -> Path:
    """A folder of sets in the development data's layout: one set, two gzipped pages."""
    html = root / "news" / "html"
    html.mkdir(parents=True)
    for name, words in (("a", "One paragraph of words."), ("b", "Another paragraph here.")):
        (html / f"{name}.html.gz").write_bytes(gzip.compress(_PAGE.format(words).encode()))
    return root


def _fixtures(root: Path) -> Path:
    """A folder of hand-made pages, one of them in a subfolder, with a non-page file beside."""
    (root / "hostile").mkdir(parents=True)
    (root / "page.html").write_text(_PAGE.format("A page of plain words."), encoding="utf-8")
    (root / "hostile" / "deep.html").write_text("<div>" * 50 + "deep text", encoding="utf-8")
    (root / "page.txt").write_text("A page of plain words.", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("layout", "keys"),
    [(_sets, ["news/a", "news/b"]), (_fixtures, ["hostile/deep.html", "page.html"])],
)
def test_pages_and_keys_of_each_layout(tmp_path: Path, layout: object, keys: list[str]) -> None:
    root = layout(tmp_path)  # type: ignore[operator]
    assert [identity.page_key(p, root) for p in identity.pages(root)] == keys


@pytest.mark.parametrize("given", [[], ["--bytes"]])
def test_same_code_agrees_and_a_changed_digest_is_reported(tmp_path: Path, given: list[str]) -> None:
    root = _fixtures(tmp_path / "pages")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert identity.main([str(root), "--formats", *given, "--out", str(first)]) == 0
    assert identity.main([str(root), "--formats", *given, "--out", str(second), "--compare", str(first)]) == 0
    changed = json.loads(first.read_text())
    changed["page.html"] = "0" * 64
    first.write_text(json.dumps(changed))
    assert identity.main([str(root), "--formats", *given, "--out", str(second), "--compare", str(first)]) == 1


@pytest.mark.parametrize(
    ("value", "text"),
    [
        # U+1FAE8 is printable to 3.12's Unicode tables, not to 3.11's: repr() differs there.
        ("\U0001fae8 ok", "s4:\U0001fae8 ok"),
        ("a'\n", "s3:a'\n"),
        (("ab", "c"), "(s2:ab,s1:c)"),
        (0.1, "0.1"),
        (None, "None"),
        (True, "True"),
    ],
)
def test_canonical_writes_strings_raw_after_their_length(value: object, text: str) -> None:
    assert identity.canonical(value) == text


@pytest.mark.parametrize(
    ("first", "second"),
    [(("a,s1:b",), ("a", "b")), (("ab", "c"), ("a", "bc")), ((1,), (True,)), ((), ("",))],
)
def test_canonical_tells_values_apart(first: object, second: object) -> None:
    assert identity.canonical(first) != identity.canonical(second)


def test_canonical_refuses_a_type_it_does_not_know() -> None:
    with pytest.raises(TypeError, match="no canonical text for dict"):
        identity.canonical({"a": 1})


@pytest.mark.parametrize(("given", "differ"), [([], 1), (["--without-confidence"], 0)])
def test_a_new_calibration_map_differs_only_in_the_confidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: list[str], differ: int
) -> None:
    root = _fixtures(tmp_path / "pages")
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert identity.main([str(root), "--formats", *given, "--out", str(first)]) == 0
    monkeypatch.setattr("boilerstrip._assemble.CONFIDENCE_POINTS", ((0.0, 0.01), (1.0, 0.02)))
    assert (
        identity.main([str(root), "--formats", *given, "--out", str(second), "--compare", str(first)])
        == differ
    )
