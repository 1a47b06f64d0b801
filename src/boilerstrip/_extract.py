"""``extract()``: the pipeline as a short chain of pure stages."""

from __future__ import annotations

from dataclasses import dataclass

from ._assemble import assemble
from ._combine import label, score, smooth
from ._errors import InputError
from ._features import compute_features, to_blocks
from ._model import Block, Extraction
from ._options import DEFAULT_OPTIONS, Options
from ._page_type import declared_type
from ._parse import body_of, decode, looks_binary, page_info, parse
from ._segment import segment


def extract(html: str | bytes, *, url: str | None = None, options: Options | None = None) -> Extraction:
    """The main content of an HTML page, with every block labelled.

    ``html`` is the page as text, or as bytes in any encoding (detected from a byte-order
    mark or a meta charset, else UTF-8, else windows-1252; bad bytes never raise).
    ``url`` is recorded in the result. ``options`` defaults to ``Options()``.
    """
    options = DEFAULT_OPTIONS if options is None else options
    if not isinstance(options, Options):
        raise InputError(f"options must be an Options, not {type(options).__name__}")
    text = _as_text(html)
    if looks_binary(text):
        return assemble((), "", url, "")  # an image, archive or PDF: no text to extract
    page = measure(text, options)
    scores = score(page.blocks, options)
    probabilities = smooth(page.blocks, scores.probabilities, options)
    labelled = label(page.blocks, probabilities, scores, options, declared=page.declared)
    return assemble(labelled, page.title, url, page.language)


@dataclass(frozen=True, slots=True)
class Measured:
    """A page segmented into blocks whose features are measured, not yet scored."""

    blocks: tuple[Block, ...]
    title: str
    language: str
    declared: str  # the page type its markup declares (_page_type.declared_type)


def measure(html: str | bytes, options: Options) -> Measured:
    """The first stages of :func:`extract`: parse, segment and features (also what the
    weights are fitted on, in benchmarks/tune.py)."""
    tree = parse(_as_text(html))
    info = page_info(tree)
    root = body_of(tree)
    segmented = segment(root)
    if segmented.chars < options.reveal_below_chars:
        segmented = segment(root, reveal=True)
    declared = declared_type(tree)
    features, language = compute_features(
        segmented, info.title, info.language, options, declared_type=declared
    )
    return Measured(to_blocks(segmented, features), info.title, language, declared)


def _as_text(html: str | bytes) -> str:
    if isinstance(html, str):
        return html
    if isinstance(html, (bytes, bytearray, memoryview)):
        return decode(bytes(html))
    raise InputError(f"html must be str or bytes, not {type(html).__name__}")
