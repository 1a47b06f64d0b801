"""``extract()``: the pipeline as a short chain of pure stages."""

from __future__ import annotations

from ._assemble import assemble
from ._combine import label, score, smooth
from ._errors import InputError
from ._features import compute_features, to_blocks
from ._model import Extraction
from ._options import DEFAULT_OPTIONS, Options
from ._parse import body_of, decode, page_info, parse
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
    tree = parse(_as_text(html))
    info = page_info(tree)
    segmented = segment(body_of(tree))
    features, language = compute_features(segmented, info.title, info.language, options)
    blocks = to_blocks(segmented, features)
    scores = score(blocks, options)
    labelled = label(blocks, smooth(blocks, scores.probabilities, options), scores, options)
    return assemble(labelled, info.title, url, language)


def _as_text(html: str | bytes) -> str:
    if isinstance(html, str):
        return html
    if isinstance(html, (bytes, bytearray, memoryview)):
        return decode(bytes(html))
    raise InputError(f"html must be str or bytes, not {type(html).__name__}")
