"""The command line: text, blocks and JSON of one or several pages, or standard input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from boilerstrip._cli import main

SEED = Path(__file__).parent / "fixtures" / "news_seed.html"
TEXT_ONLY = Path(__file__).parent / "fixtures" / "text_only.html"


def test_prints_the_main_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Turkey In Talks to Purchase Russia's Newest Missile System\n")
    assert "Dear readers" not in out


def test_blocks_shows_labels_and_scores(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--blocks", str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    dear = next(line for line in lines if "Dear readers" in line)
    assert dear.split()[1] == "promo"
    assert any(line.split()[1] == "content" for line in lines)


def test_json_is_the_whole_extraction(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--json", str(SEED)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Turkey In Talks to Purchase Russia's Newest Missile System"
    assert {"text", "confidence", "language", "blocks", "url"} <= data.keys()
    block = data["blocks"][0]
    assert {"index", "text", "label", "score", "role", "locator", "features", "scores"} <= block.keys()


def test_several_pages_get_headers(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(SEED), str(TEXT_ONLY)]) == 0
    out = capsys.readouterr().out
    assert f"==> {SEED} <==" in out and f"==> {TEXT_ONLY} <==" in out


def test_reads_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = b"<html><body><p>Plain words of a page given on standard input, long enough.</p></body></html>"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(page)))
    assert main(["-"]) == 0
    assert "Plain words of a page" in capsys.readouterr().out


def test_missing_file_is_an_error_not_a_crash(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(tmp_path / "nope.html"), str(SEED)]) == 1
    captured = capsys.readouterr()
    assert "nope.html" in captured.err and "Turkey" in captured.out


def test_bad_language_hint_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--language", "x", str(SEED)]) == 2
    assert "language" in capsys.readouterr().err


def test_presets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--precision", str(SEED)]) == 0
    strict = capsys.readouterr().out
    assert main(["--recall", str(SEED)]) == 0
    loose = capsys.readouterr().out
    assert len(strict) <= len(loose)


def test_json_says_whether_the_input_was_cut(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    deep = tmp_path / "deep.html"
    deep.write_text("<div>" * 5_000 + "<p>deep</p>")
    assert main(["--json", str(SEED), str(deep)]) == 0
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (first["truncated"], second["truncated"]) == (False, True)


def test_an_extraction_error_is_reported_not_raised(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import boilerstrip._cli as cli
    from boilerstrip import ExtractionTimeoutError

    def too_slow(*args: object, **kwargs: object) -> None:
        raise ExtractionTimeoutError("extraction ran past Options.time_budget")

    monkeypatch.setattr(cli, "extract", too_slow)
    assert main([str(SEED), str(TEXT_ONLY)]) == 1
    err = capsys.readouterr().err
    assert f"{SEED}: extraction ran past Options.time_budget" in err and str(TEXT_ONLY) in err


TUTORIAL = Path(__file__).parent / "fixtures" / "tutorial.html"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--format", "text"], "Parsing log files with generators\n\nA web server"),
        (["--format", "markdown"], "# Parsing log files with generators\n\nA web server"),
        (["--format", "html"], "<article>\n<h1>Parsing log files with generators</h1>\n<p>A web server"),
    ],
    ids=["text", "markdown", "html"],
)
def test_formats(args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([*args, str(TUTORIAL)]) == 0
    assert capsys.readouterr().out.startswith(expected)


def test_markdown_links_and_images(capsys: pytest.CaptureFixture[str]) -> None:
    url = "https://quietloops.example.org/posts/parsing-logs-with-generators/"
    assert main(["--format", "markdown", "--links", "--images", "--url", url, str(TUTORIAL)]) == 0
    out = capsys.readouterr().out
    image = "![Three generator stages feeding one another](https://quietloops.example.org/media/pipeline.png)"
    assert image in out
    assert "```python\ndef read_lines(path):" in out


@pytest.mark.parametrize("flag", [["--json"], ["--format", "json"]], ids=["--json", "--format json"])
def test_json_validates_against_the_schema(flag: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    import boilerstrip

    assert main([*flag, str(TUTORIAL), str(SEED)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for line in lines:
        jsonschema.validate(json.loads(line), boilerstrip.json_schema(), cls=jsonschema.Draft202012Validator)
    assert json.loads(lines[0])["metadata"]["authors"] == {"value": ["Ines Albrecht"], "source": "json-ld"}


def test_unknown_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--format", "pdf", str(SEED)])
    assert exit_.value.code == 2
    assert "pdf" in capsys.readouterr().err


@pytest.mark.parametrize(
    "args",
    [[str(SEED)] * 40, ["--json", *[str(SEED)] * 10], ["--format", "markdown", *[str(SEED)] * 40]],
    ids=["text", "json", "markdown"],
)
def test_a_closed_pipe_stops_quietly(args: list[str]) -> None:
    """``boilerstrip PAGE... | head -1``: the reader goes away after one line; the command
    stops with status 1 and no traceback (it printed BrokenPipeError's)."""
    command = [sys.executable, "-m", "boilerstrip", *args]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read().decode("utf-8", "replace")
        status = process.wait(timeout=120)
    assert "Traceback" not in err and "Exception ignored" not in err, err
    assert status == 1


@pytest.mark.parametrize("second", [[], [str(SEED)]], ids=["one page", "two pages"])
def test_an_odd_file_name_on_a_strict_stdout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, second: list[str]
) -> None:
    """A file name's undecodable byte, with stdout strict UTF-8 (PYTHONIOENCODING=utf-8, a
    UTF-8 locale other than C): the header of several pages raised UnicodeEncodeError, --json
    wrote a url that is not UTF-8 through a lenient stdout."""
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/odd\xff.html"))
    odd.write_bytes(SEED.read_bytes())
    out = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(out, encoding="utf-8", errors="strict"))
    for args in (["--json"], []):
        assert main([*args, str(odd), *second]) == 0
    sys.stdout.flush()
    text = out.getvalue().decode("utf-8")
    assert json.loads(text.splitlines()[0])["url"].endswith("odd\ufffd.html")
    assert ("odd\ufffd.html <==" in text) == bool(second)


@pytest.mark.parametrize(
    "page", ["<p>" + "word " * 400 + "</p>", "<p>" + "é" * 400 + "</p>"], ids=["ascii", "utf-8"]
)
@pytest.mark.parametrize("limit", [50, 1000, None], ids=["cut", "whole", "no limit"])
def test_a_page_is_read_as_far_as_extract_reads_it(tmp_path: Path, page: str, limit: int | None) -> None:
    """The same extraction from what is read: /dev/zero (or a 50 GB file) was read whole."""
    from boilerstrip import Options, extract
    from boilerstrip._cli import read_page

    path = tmp_path / "page.html"
    path.write_bytes(page.encode())
    options = Options(max_input_chars=limit)
    data = read_page(str(path), options)
    assert len(data) == (
        len(page.encode()) if limit is None or limit * 4 >= len(page.encode()) else limit * 4 + 1
    )
    expected = extract(path.read_bytes(), options=options)
    result = extract(data, options=options)
    assert (result.text, result.truncated) == (expected.text, expected.truncated)
