"""extract()'s stages as a short chain, compiled in the compiled build (_extract.py is the
public front that calls :func:`run`): interpreted there, this chain's frames, generic calls and
``del``s were a fixed cost on every page (benchmarks/RESULTS.md, the subsection "extract()'s
chain compiled ..."). The tests and benchmarks that wrap its stages do so on an interpreted
copy of this module in the compiled build (:mod:`._chain_source`)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any, NamedTuple

from selectolax.lexbor import LexborHTMLParser

from ._assemble import assemble
from ._author_bios import person_descriptions, without_bios
from ._bodies import without_bodies
from ._collector import pause_collector, resume_collector
from ._combine import decide, relabel
from ._described import with_description
from ._errors import InputError, check_deadline
from ._features import blocks_of, feature_columns, features_of, locators
from ._head_marks import HeadMarks
from ._input import as_text, prepare_input, utf8_page
from ._metadata import complete, json_ld_objects, product_description, read_page
from ._model import Block, Extraction, Metadata, new_tuple
from ._options import DEFAULT_OPTIONS, Options
from ._page_type import PRODUCT, declared_type, description_hidden, json_ld_texts, page_type
from ._parse import Utf8, body_of, is_tagless_scrap, looks_binary, page_info, parse
from ._parse import content_type as parse_content_type
from ._probability import score, smooth
from ._release import release_if_held
from ._segment import traverse
from ._segmented import Traversal, finish

# What measure() reads: the page as text or UTF-8, or a caller's tree.
Readable = str | bytes | Utf8 | LexborHTMLParser


def run(html: Any, url: str | None, options: object, content_type: object) -> Extraction:
    """:func:`extract`: its arguments as given (``options`` and ``content_type`` checked here)."""
    if options is None:
        options = DEFAULT_OPTIONS
    if not isinstance(options, Options):
        raise InputError(f"options must be an Options, not {type(options).__name__}")
    # A caller's tree is not ours to free: 0 for it.
    size = len(html) if isinstance(html, (str, bytes, bytearray, memoryview)) else 0
    # (a big page's objects are not gone over again and again by the cyclic collector)
    paused = pause_collector(size, options.pause_collector_min_chars)
    try:
        return _extract(html, url, options, content_type, size)
    finally:
        resume_collector(paused)


def _extract(html: Any, url: str | None, options: Options, content_type: object, size: int) -> Extraction:
    """:func:`extract` of a page of ``size`` characters (bytes, if bytes), ``options`` checked."""
    deadline = None if options.time_budget is None else time.monotonic() + options.time_budget
    charset = None
    if content_type is not None:
        if not isinstance(content_type, str):
            raise InputError(f"content_type must be str, not {type(content_type).__name__}")
        textual, charset = parse_content_type(content_type)
        if not textual:
            return assemble((), "", url, "")  # an image, an archive, a PDF: no text
    bodies: list[int] = []
    # A crawler's bytes, valid UTF-8, go to the parser as they are; other input as text.
    utf8 = utf8_page(html, charset, options, bodies) if isinstance(html, (bytes, bytearray)) else None
    given, truncated = (
        (utf8, False) if utf8 is not None else prepare_input(html, charset, options, bodies=bodies)
    )
    page: Readable
    if isinstance(given, LexborHTMLParser):
        page = given
    else:
        if looks_binary(given, options.binary_min_odd_chars) or is_tagless_scrap(
            given, options.tagless_max_chars
        ):
            return assemble((), "", url, "", truncated=truncated)  # binary data or a scrap sent as HTML
        # The scripts' and style sheets' text, which no stage reads: the tree is smaller.
        page = without_bodies(given, bodies, options.drop_raw_text_min_chars)
    del given, bodies, utf8
    # Handed over in a list, so that measure_held() holds the only reference to the page's
    # text or UTF-8 and releases it once parsed, not at the end of the extraction (compiled,
    # a call's arguments stay the caller's until it returns: the list is emptied by the callee).
    held: list[Readable] = [page]
    del page
    blocks, page_title, language, declared, page_metadata, bios = measure_held(
        held, options, deadline=deadline, url=url
    )
    scores = score(blocks, options)
    check_deadline(deadline)
    probabilities = smooth(blocks, scores.probabilities, options)
    address = page_metadata.canonical_url.value or (url if isinstance(url, str) else "")
    labels = decide(blocks, probabilities, options, declared=declared, address=address)
    labels = without_bios(blocks, labels, bios, options)
    # Each unlabelled block is released as its labelled copy is made (relabel), and the
    # probabilities before the result's text is made (on a big page, the blocks are about
    # 0.65 times its size).
    owned = list(blocks)
    del blocks
    labelled = relabel(owned, labels, probabilities, scores.table)
    del owned, labels, scores, probabilities
    check_deadline(deadline)
    labelled = with_description(labelled, declared, page_metadata, options)
    metadata = complete(page_metadata, labelled, url)
    result = assemble(labelled, page_title, url, language, truncated=truncated, metadata=metadata)
    del labelled, metadata
    if options.release_after_chars is not None and size >= options.release_after_chars:
        # Lexbor's tree, the C heap's high-water mark, is freed by now: glibc would keep it
        # resident (Options.release_after_chars, release_min_free_top).
        release_if_held(options.release_min_free_top)
    return result


# A named tuple, not a frozen dataclass: defining one costs a fifth as much at import.
class Measured(NamedTuple):
    """A page segmented into blocks whose features are measured, not yet scored."""

    blocks: tuple[Block, ...]
    title: str
    language: str
    declared: str  # the page type its markup and URL declare (_page_type.page_type)
    metadata: Metadata  # what the markup says of the page (_metadata.read_page)
    bios: tuple[str, ...] = ()  # the JSON-LD's descriptions of people (_author_bios)


def measure(
    html: Readable, options: Options, *, deadline: float | None = None, url: str | None = None
) -> Measured:
    """The first stages of :func:`extract`: parse, segment and features (also what the
    weights are fitted on, in benchmarks/tune.py). ``url``, the page's address, tells its
    type when its markup names no canonical URL (_page_type.page_type)."""
    return measure_held([html], options, deadline=deadline, url=url)


def measure_held(
    held: list[Readable], options: Options, *, deadline: float | None = None, url: str | None = None
) -> Measured:
    """:func:`measure` of the page that ``held`` holds, taken out of it: once parsed, the
    page's text or UTF-8 is released here if the caller keeps no reference of its own."""
    html = held.pop()
    if isinstance(html, LexborHTMLParser):
        tree = html
    else:
        text = html if isinstance(html, Utf8) else as_text(html)
        del html
        size = len(text.data) if isinstance(text, Utf8) else len(text)  # bytes: at least its characters
        apart = options.parse_apart_min_chars is not None and size >= options.parse_apart_min_chars
        tree = parse(text, apart=apart)
        del text
        # Our own tree: the UTF-8 copy of the page it keeps (read by nothing below, only
        # by its clone()) is released before the segment stage, the peak of memory.
        tree.raw_html = b""
    check_deadline(deadline)
    marks = HeadMarks(tree)  # the head searched once, for the title, the metadata and the type
    info = page_info(tree, marks)
    root = body_of(tree)
    ld_texts = json_ld_texts(tree, marks)
    ld_objects = json_ld_objects(ld_texts)  # parsed once: for the metadata and the product description
    metadata = read_page(tree, ld_objects, marks)
    bios = person_descriptions(ld_objects)  # an author's bio, told from the article (_author_bios)
    address = metadata.canonical_url.value or (url if isinstance(url, str) else "")
    declared = page_type(declared_type(tree, ld_texts, marks), address, options, tree, marks)
    del marks
    panels = options.reveal_panels
    pack = options.packed_texts_min_blocks
    unseen = options.skip_screen_reader_text
    traversal = _traverse(root, panels=panels, deadline=deadline, pack=pack, unseen=unseen)
    # (read again only when the walk left something out that reveal reads: else the same)
    if traversal.withheld and _hides_its_text(traversal, declared, ld_objects, options):
        traversal = _traverse(root, reveal=True, panels=panels, deadline=deadline, pack=pack, unseen=unseen)
    check_deadline(deadline)
    # Nothing after this reads the tree: releasing it here (Lexbor's nodes take about six
    # times the input) lowers the peak memory of the later stages by as much, and the
    # traversal's Elements and locators are made only once it is gone.
    del tree, root
    segmented = finish(traversal)
    del traversal
    columns, language = feature_columns(
        segmented, info.title, info.language, options, declared_type=declared, deadline=deadline
    )
    check_deadline(deadline)
    paths, block_columns = locators(segmented), segmented.columns
    del segmented  # its elements are read no more: released before the Features are made
    features = features_of(columns, options)
    del columns
    blocks = blocks_of(block_columns, paths, features)
    # Measured(...) in one C call in the compiled build (a named tuple's __new__ is Python)
    return new_tuple(Measured, (blocks, info.title, language, declared, metadata, bios))


def _traverse(
    root: Any,
    *,
    reveal: bool = False,
    panels: bool,
    deadline: float | None,
    pack: int | None,
    unseen: bool,
) -> Traversal:
    """The segment stage's traversal, its counts in 4 bytes; in 8 on a page where one
    reaches 2**31 (only the parser's copies of formatting elements could, on a huge page)."""
    try:
        return traverse(
            root,
            reveal=reveal,
            panels=panels,
            deadline=deadline,
            narrow=True,
            pack_texts_at=pack,
            unseen=unseen,
        )
    except OverflowError:
        return traverse(
            root, reveal=reveal, panels=panels, deadline=deadline, pack_texts_at=pack, unseen=unseen
        )


def _hides_its_text(
    segmented: Traversal, declared: str, ld_objects: Sequence[dict[str, Any]], options: Options
) -> bool:
    """Whether the page is worth reading again with its hidden text: its visible text is
    shorter than ``Options.reveal_below_chars``, or it is a product page whose JSON-LD
    description is mostly hidden (a page hidden until scripts run)."""
    if segmented.chars < options.reveal_below_chars:
        return True
    return declared == PRODUCT and description_hidden(
        product_description(ld_objects), segmented.texts, options
    )
