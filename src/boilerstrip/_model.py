"""The immutable values the pipeline passes between stages and returns to the user."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple, Protocol, TypeVar, cast

from ._compiled import c_module
from ._score_table import NO_SCORES, ScoreRow, by_constructor
from ._sourced import Sourced


class Label(str, enum.Enum):
    """What a block is: the main content, or one kind of page chrome."""

    CONTENT = "content"
    NAVIGATION = "navigation"  # menus, breadcrumbs, pagination, tables of contents
    HEADER = "header"  # site banner, logo, top bar
    FOOTER = "footer"  # site footer
    SIDEBAR = "sidebar"  # sidebars and related-content lists
    PROMO = "promo"  # ads, donation and newsletter appeals, subscribe and paywall prompts
    SHARE = "share"  # share and social bars
    COMMENTS = "comments"  # user comments
    LEGAL = "legal"  # cookie notices, copyright and legal notices
    METADATA = "metadata"  # bylines, dates, captions, credits
    OTHER = "other"  # chrome of no recognised kind

    @property
    def is_content(self) -> bool:
        return self is Label.CONTENT


class Role(str, enum.Enum):
    """The structural role of a block in the page, used to lay out the text."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_ROW = "table_row"  # a data-table row: its cells joined by " | "
    TABLE_CELL = "table_cell"  # a cell of a row that could not be one block (layout tables)
    CODE = "code"
    QUOTE = "quote"
    CAPTION = "caption"


# The roles of a table's rows and cells, which the rules that read tables leave to each other.
TABLE_ROLES: Final = frozenset({Role.TABLE_ROW, Role.TABLE_CELL})


# init=False: the __init__ written below is the class's either way, but with init=True
# dataclass also generates one (compiled from source at every import) and discards it.
@dataclass(frozen=True, slots=True, init=False)
class Features:
    """Per-block measurements, computed once, that the scorers read.

    Densities are ratios in [0, 1] unless stated; ``text_density`` follows
    Kohlschütter et al. (2010): words per line after wrapping the text at 80 columns.
    """

    words: int  # \\w+ tokens; CJK characters count one each
    chars: int  # non-space characters
    link_density: float  # characters inside <a> / all characters
    text_density: float  # words per 80-column wrapped line
    stopword_density: float  # share of words that are stopwords of the page language
    composite_density: float  # CETD of the block's container, relative to the page's
    position: float  # block index / number of blocks, 0 = first
    depth: int  # element depth of the block's container
    in_main_region: bool  # inside the subtree(s) holding most of the dense text
    container: str  # chrome kind named by an enclosing tag, ARIA role or class/id, or ""
    container_strength: float  # 1 = tag/role, 0.7 = class/id name, decayed with distance
    content_hint: bool  # an enclosing element is named like main content (article-body, ...)
    phrase: str  # chrome kind of a boilerplate phrase found in the text, or ""
    phrase_container: str  # chrome kind of an enclosing box dense with boilerplate phrases, or ""
    ends_sentence: bool  # last character is sentence punctuation
    title_match: bool  # the text is the page's <title> / og:title (or most of it)
    repeat_chars: int  # text of the repeated sibling group (cards, posts, menu items) it is in; 0 if none
    repeat_link_density: float  # share of that group's text inside links

    # Written out, not generated: the same parameters as dataclass's __init__, in field
    # order (tests/test_model_init.py checks them), but the compiled build compiles this one
    # to a native constructor with native arguments, where the generated one runs in the
    # interpreter with its arguments in a dict (one Features a block). Each field is set by
    # ``object.__setattr__(self, "<name>", value)`` spelt out (as dataclass's own frozen
    # __init__ does): mypyc makes that call a native store, where through an alias it was a
    # generic call that boxed the value (6% of the compiled extract()).
    def __init__(  # noqa: PLR0917 - positional too, as the generated __init__
        self,
        words: int,
        chars: int,
        link_density: float,
        text_density: float,
        stopword_density: float,
        composite_density: float,
        position: float,
        depth: int,
        in_main_region: bool,
        container: str,
        container_strength: float,
        content_hint: bool,
        phrase: str,
        phrase_container: str,
        ends_sentence: bool,
        title_match: bool,
        repeat_chars: int,
        repeat_link_density: float,
    ) -> None:
        object.__setattr__(self, "words", words)
        object.__setattr__(self, "chars", chars)
        object.__setattr__(self, "link_density", link_density)
        object.__setattr__(self, "text_density", text_density)
        object.__setattr__(self, "stopword_density", stopword_density)
        object.__setattr__(self, "composite_density", composite_density)
        object.__setattr__(self, "position", position)
        object.__setattr__(self, "depth", depth)
        object.__setattr__(self, "in_main_region", in_main_region)
        object.__setattr__(self, "container", container)
        object.__setattr__(self, "container_strength", container_strength)
        object.__setattr__(self, "content_hint", content_hint)
        object.__setattr__(self, "phrase", phrase)
        object.__setattr__(self, "phrase_container", phrase_container)
        object.__setattr__(self, "ends_sentence", ends_sentence)
        object.__setattr__(self, "title_match", title_match)
        object.__setattr__(self, "repeat_chars", repeat_chars)
        object.__setattr__(self, "repeat_link_density", repeat_link_density)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_constructor(self)


# Link, Image and Markup are immutable named tuples rather than frozen dataclasses: the
# segment stage makes one for most blocks with a link, and a frozen dataclass's __init__
# costs several times as much (see _segment.Element).
class Link(NamedTuple):
    """A link inside a block's text: ``text[start:end]`` is its anchor text."""

    start: int
    end: int
    href: str  # as the page gives it (relative URLs are resolved by the renderers)


class Image(NamedTuple):
    """An image shown with a block (inside it, or just before it in its figure)."""

    src: str
    alt: str


class Markup(NamedTuple):
    """The structure of a block that the output formats need, recorded by the segment stage.

    ``lists`` holds the enclosing lists, outermost first, as ``(list id, "ul" or "ol",
    item number)``: the list id tells two adjacent lists apart, and two blocks with the
    same ``lists`` belong to the same list item.
    """

    lists: tuple[tuple[int, str, int], ...] = ()
    quote_depth: int = 0  # enclosing <blockquote> elements
    language: str = ""  # code language of a <pre> block, from class="language-x" and the like
    table: int = -1  # id of the enclosing <table>, or -1
    cells: tuple[str, ...] = ()  # the cells of a table row
    header: bool = False  # a table row of <th> cells, or inside <thead>
    links: tuple[Link, ...] = ()
    images: tuple[Image, ...] = ()


NO_MARKUP: Final = Markup()

_T = TypeVar("_T", bound=tuple[Any, ...])


class _TupleMaker(Protocol):
    def __call__(self, cls: type[_T], fields: tuple[Any, ...], /) -> _T: ...


def _tuple_maker() -> _TupleMaker:
    """``tuple.__new__``, or in the compiled build the same in C (``_cscan.new_tuple``:
    about 150 instructions a named tuple where ``tuple.__new__``'s checks took 890)."""
    module = c_module("_cscan")
    if module is None:
        return cast(_TupleMaker, tuple.__new__)
    return cast(_TupleMaker, module.new_tuple)


# A named tuple made from a tuple of its fields in one C call, as its _make does but
# without _make's Python frame (which the compiled build pays too: a named tuple's class
# call, _make and _replace stay Python code). The caller gives every field, in order, as
# a tuple.
new_tuple: Final = _tuple_maker()


def ancestor(locator: str, levels: int = 1) -> str:
    """The CSS path of the element ``levels`` levels above the one at ``locator`` (the
    block's own element's parent for 1)."""
    if levels == 1:  # the copy rules' case, for every kept block: one slice, no list
        cut = locator.rfind(">")
        return locator[:cut] if cut >= 0 else locator
    return locator.rsplit(">", levels)[0]


def with_links(markup: Markup, links: tuple[Link, ...]) -> Markup:
    """``markup._replace(links=links)``, without _replace's Python frames."""
    lists, quote_depth, language, table, cells, header, _, images = markup
    return new_tuple(Markup, (lists, quote_depth, language, table, cells, header, links, images))


@dataclass(frozen=True, slots=True, init=False)  # init=False: as Features
class Block:
    """One run of text of the page, with its label, its score and why."""

    index: int  # position among the page's blocks, in document order
    text: str
    role: Role
    heading_level: int  # 1-6 for headings, 0 otherwise
    locator: str  # CSS path of the text's element: "body>div:nth-of-type(2)>p:nth-of-type(3)"
    features: Features
    label: Label = Label.OTHER
    score: float = 0.0  # probability that the block is content
    scoring: ScoreRow = field(default=NO_SCORES, repr=False)  # its row of the page's scorer outputs
    row: int = -1  # table row the cell belongs to (element index), or -1
    markup: Markup = field(default=NO_MARKUP, repr=False)  # structure for the output formats

    # Written out for the compiled build, as Features.__init__ is (twice a block: made by
    # the features stage, labelled by the decision).
    def __init__(  # noqa: PLR0917 - positional too, as the generated __init__
        self,
        index: int,
        text: str,
        role: Role,
        heading_level: int,
        locator: str,
        features: Features,
        label: Label = Label.OTHER,
        score: float = 0.0,
        scoring: ScoreRow = NO_SCORES,
        row: int = -1,
        markup: Markup = NO_MARKUP,
    ) -> None:
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "heading_level", heading_level)
        object.__setattr__(self, "locator", locator)
        object.__setattr__(self, "features", features)
        object.__setattr__(self, "label", label)
        object.__setattr__(self, "score", score)
        object.__setattr__(self, "scoring", scoring)
        object.__setattr__(self, "row", row)
        object.__setattr__(self, "markup", markup)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_constructor(self)

    @property
    def scorer_names(self) -> tuple[str, ...]:
        """The names of the scorers, the same for every block of a page."""
        return self.scoring.names

    @property
    def scorer_outputs(self) -> tuple[float, ...]:
        """Each scorer's output for this block, in the order of :attr:`scorer_names`."""
        return self.scoring.outputs

    @property
    def scores(self) -> tuple[tuple[str, float], ...]:
        """Each scorer's output for this block, by name: why it got its score."""
        scoring = self.scoring
        return tuple(zip(scoring.names, scoring.outputs))

    @property
    def is_content(self) -> bool:
        return self.label is Label.CONTENT


def page_tuple(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """``blocks`` as a tuple: itself when it is one, as extract() gives a page's blocks. The
    compiled build reads a tuple's items in place, any other Sequence's through generic calls
    (about 50 instructions a read)."""
    return blocks if isinstance(blocks, tuple) else tuple(blocks)


def label_list(labels: Sequence[Label]) -> list[Label]:
    """``labels`` as a list: itself when it is one, as the decision gives a page's labels
    (read in place by the compiled build, as :func:`page_tuple`'s tuple is)."""
    return labels if isinstance(labels, list) else list(labels)


_NO_TEXT: Final[Sourced[str]] = Sourced("")
_NO_NAMES: Final[Sourced[tuple[str, ...]]] = Sourced(())


# init=False: __init__ written out, as Block's, for the compiled build (generated, it is Python)
@dataclass(frozen=True, slots=True, init=False)
class Metadata:
    """What the page says about itself. URLs are resolved against ``extract(url=...)``
    when it is an http(s) URL; the date is ISO 8601 when it could be read unambiguously,
    else as the page gives it."""

    title: Sourced[str] = _NO_TEXT
    authors: Sourced[tuple[str, ...]] = _NO_NAMES
    published: Sourced[str] = _NO_TEXT
    site_name: Sourced[str] = _NO_TEXT
    language: Sourced[str] = _NO_TEXT
    canonical_url: Sourced[str] = _NO_TEXT
    description: Sourced[str] = _NO_TEXT
    image: Sourced[str] = _NO_TEXT

    def __init__(  # noqa: PLR0917 - positional too, as the generated __init__
        self,
        title: Sourced[str] = _NO_TEXT,
        authors: Sourced[tuple[str, ...]] = _NO_NAMES,
        published: Sourced[str] = _NO_TEXT,
        site_name: Sourced[str] = _NO_TEXT,
        language: Sourced[str] = _NO_TEXT,
        canonical_url: Sourced[str] = _NO_TEXT,
        description: Sourced[str] = _NO_TEXT,
        image: Sourced[str] = _NO_TEXT,
    ) -> None:
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "authors", authors)
        object.__setattr__(self, "published", published)
        object.__setattr__(self, "site_name", site_name)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "canonical_url", canonical_url)
        object.__setattr__(self, "description", description)
        object.__setattr__(self, "image", image)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_constructor(self)


NO_METADATA = Metadata()


@dataclass(frozen=True, slots=True, init=False)  # init=False: as Metadata
class Extraction:
    """The result of :func:`boilerstrip.extract`, with its output formats."""

    text: str
    title: str
    blocks: tuple[Block, ...]
    confidence: float
    url: str | None = None
    language: str = ""
    truncated: bool = False  # the input was cut at a limit of Options (size, elements, depth)
    metadata: Metadata = NO_METADATA

    def __init__(  # noqa: PLR0917 - positional too, as the generated __init__
        self,
        text: str,
        title: str,
        blocks: tuple[Block, ...],
        confidence: float,
        url: str | None = None,
        language: str = "",
        truncated: bool = False,
        metadata: Metadata = NO_METADATA,
    ) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "title", title)
        object.__setattr__(self, "blocks", blocks)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "truncated", truncated)
        object.__setattr__(self, "metadata", metadata)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_constructor(self)

    @property
    def content_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.label is Label.CONTENT)

    def to_markdown(self, *, links: bool = False, images: bool = False) -> str:
        """The content as Markdown: headings, nested lists, pipe tables, fenced code (with
        its language), blockquotes; links and images when asked."""
        from ._markdown import render

        return render(self.blocks, self.url, links=links, images=images)

    def to_html(self, *, links: bool = False, images: bool = False) -> str:
        """The content as clean HTML (an ``<article>``): only content elements, every text
        and attribute escaped, no script, style or event handler; links and images when
        asked, with http(s), mailto and relative URLs only."""
        from ._html_out import render

        return render(self.blocks, self.url, links=links, images=images)

    def to_dict(self) -> dict[str, Any]:
        """The whole extraction as JSON-ready data, as described by :func:`boilerstrip.json_schema`."""
        from ._json_out import to_dict

        return to_dict(self)

    def to_json(self, *, indent: int | None = None) -> str:
        """:meth:`to_dict` as a JSON string (non-ASCII characters kept)."""
        from ._json_out import to_json

        return to_json(self, indent)

    def __str__(self) -> str:
        return self.text
