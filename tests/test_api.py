"""The public surface: exported names, result shape, purity and picklability."""

from __future__ import annotations

import dataclasses
import os
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import boilerstrip
from boilerstrip import Block, Extraction, Label, Options, Role, extract

FIXTURES = Path(__file__).parent / "fixtures"
SEED = (FIXTURES / "news_seed.html").read_bytes()


def test_exported_names() -> None:
    assert sorted(boilerstrip.__all__) == [
        "Block",
        "BoilerstripError",
        "Extraction",
        "ExtractionTimeoutError",
        "Features",
        "Image",
        "InputError",
        "Label",
        "LimitError",
        "Link",
        "Markup",
        "Metadata",
        "Options",
        "OptionsError",
        "Role",
        "Sourced",
        "UnknownOptionError",
        "__version__",
        "annotate",
        "compiled",
        "extract",
        "json_schema",
        "release_memory",
    ]
    for name in boilerstrip.__all__:
        assert getattr(boilerstrip, name) is not None


def test_version_is_the_one_in_version_module() -> None:
    from boilerstrip._version import __version__

    assert boilerstrip.__version__ == __version__


def test_result_shape() -> None:
    result = extract(SEED)
    assert isinstance(result, Extraction)
    assert str(result) == result.text
    assert result.title == "Turkey In Talks to Purchase Russia's Newest Missile System"
    assert 0.0 <= result.confidence <= 1.0
    assert [b.index for b in result.blocks] == list(range(len(result.blocks)))
    assert result.content_blocks == tuple(b for b in result.blocks if b.label is Label.CONTENT)
    assert all(0.0 <= b.score <= 1.0 for b in result.blocks)


def test_blocks_are_frozen() -> None:
    block = extract(SEED).blocks[0]
    assert isinstance(block, Block)
    with pytest.raises(dataclasses.FrozenInstanceError):
        block.text = "x"  # type: ignore[misc]


def test_block_explains_itself() -> None:
    block = next(b for b in extract(SEED).blocks if b.text.startswith("Turkey has announced"))
    assert block.role is Role.PARAGRAPH
    assert block.features.words > 10
    assert dict(block.scores)["main_region"] == 1.0


def test_locator_selects_the_element_of_the_block() -> None:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(SEED.decode())
    for block in extract(SEED).content_blocks:
        node = tree.css_first(block.locator)
        assert node is not None and " ".join(block.text.split())[:40] in " ".join(node.text().split())


def test_headings_carry_their_level() -> None:
    heading = extract(SEED).content_blocks[0]
    assert (heading.role, heading.heading_level) == (Role.HEADING, 1)


def test_same_input_same_output_in_threads() -> None:
    first = extract(SEED)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: extract(SEED), range(8)))
    assert all(r == first for r in results)


def test_options_and_results_pickle() -> None:
    options = Options.precision(include_comments=True)
    assert pickle.loads(pickle.dumps(options)) == options
    result = extract(SEED, options=options)
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(extract)) is extract


def test_url_is_recorded() -> None:
    assert extract(SEED, url="https://example.org/a").url == "https://example.org/a"


def test_wrong_input_type_is_a_typed_error() -> None:
    with pytest.raises(boilerstrip.InputError):
        extract(12)  # type: ignore[arg-type]
    with pytest.raises(boilerstrip.BoilerstripError):
        extract("<p>x</p>", options="fast")  # type: ignore[arg-type]


def test_same_output_whatever_the_hash_seed() -> None:
    """Set and dict order must not leak into the result (str hashes differ per process)."""
    import subprocess
    import sys

    script = (
        "import sys, boilerstrip, pathlib\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.html')):\n"
        "    r = boilerstrip.extract(p.read_bytes())\n"
        "    print(p.name, [(b.label.value, round(b.score, 6)) for b in r.blocks], repr(r.text))\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(FIXTURES)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_batch_exported_names() -> None:
    import boilerstrip.batch

    assert sorted(boilerstrip.batch.__all__) == [
        "BatchSummary",
        "ERROR_KINDS",
        "MissingExtraError",
        "RECORD_FIELDS",
        "SourcePage",
        "error_record",
        "input_files",
        "iter_sources",
        "page_record",
        "read_html_file",
        "read_jsonl",
        "read_path",
        "read_warc",
        "run_batch",
    ]
    for name in boilerstrip.batch.__all__:
        assert getattr(boilerstrip.batch, name) is not None


@pytest.mark.parametrize(
    ("module", "names"),
    [
        ("boilerstrip.integrations.ray", ["Extractor", "read_warc_dataset"]),
        ("boilerstrip.integrations.dask", ["extract_page", "read_warc_bag"]),
    ],
)
def test_integration_exported_names(module: str, names: list[str]) -> None:
    import subprocess
    import sys

    # The engine itself is imported only when a reader is called.
    engines = "{'ray', 'dask', 'distributed', 'pyarrow'}"
    script = (
        f"import sys, {module} as m; "
        "print(sorted(m.__all__), all(callable(getattr(m, n)) for n in m.__all__), "
        f"sorted({{n.partition('.')[0] for n in sys.modules}} & {engines}))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == f"{names} True []"
