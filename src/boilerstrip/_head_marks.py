"""The marks a page's head gives, read in one search of the head and shared by the stages
that read them: the title (_parse.page_info), the og:title and og:type metas
(page_info, _page_type.declared_type), og:url and the canonical link
(_page_type.page_type) and the metas the metadata reads (_metadata.read_page).

Each of those stages searched the tree with a selector of its own, and each selector costs
Lexbor a parse of the query and a setup (about 11,000 instructions) before its walk: eight
a page, most of a small page's cost before the segment stage. They give what the selectors
gave, as these read them: the first match in document order is the head's first, when the
head holds one (every element of the head comes before every element after it); else the
first after the head, from the list of the page's metas (``tree.tags``: about 60
instructions a node, where each of the selectors it replaces took about 160) or titles.
A meta is always an HTML element (the parser takes it out of SVG and MathML), whose
``property`` and ``name`` the selectors compare in their case; a link's ``rel`` Lexbor
compares in any ASCII case (an attribute whose value HTML reads so).
tests/test_head_marks.py compares them with the selectors.
"""

from __future__ import annotations

from typing import Any, Final

from ._lexbor_walk import HEAD_SELECTOR, READERS

# The C readers' functions, read off the module once (a method call on the module looked each
# up by name, once a page): None in a pure install.
_READ_HEAD: Final[Any] = READERS.head_marks if READERS is not None else None
_READ_DOCUMENT: Final[Any] = READERS.document_reads if READERS is not None else None

# The head's nodes read: its metas, its links whose rel holds "canonical" in any ASCII case,
# and its title. The metadata reads the metas with a content (``meta[content]``).
_HEAD_SELECTOR: Final = HEAD_SELECTOR  # 'meta, link[rel*="canonical" i], title'

Attributes = dict[str, str | None]
# What the C pass over the document gives (_cwalk_reads.c's document_reads): the JSON-LD
# scripts' texts (None: left to the selector), the first <time>'s datetime, whether an itemtype
# declares a forum posting, the price elements counted in any mode and in quirks mode only.
DocumentReads = tuple[tuple[str, ...] | None, str | None, bool, int, int]
LD_MAX_CHARS: Final = 200_000  # JSON-LD blocks past this are not read (some embed whole catalogues)


class HeadMarks:
    """The head's metas, canonical links and titles in document order, each as its tag, its
    attributes and (a title) its text; and the metas after the head, read on first use.
    ``lang``: the root's ``lang`` attribute (None where it has none or no root), read once for
    the title's and the metadata's readers (each read ``tree.root`` and its attributes: a node
    and a dict made each time)."""

    def __init__(self, tree: Any) -> None:
        entries: list[tuple[str, Attributes, str]] = []
        metas = 0
        root = tree.root
        self._root = root
        root_attrs: Attributes | None = root.attributes if root is not None else None
        self.lang: str | None = root_attrs.get("lang") if root_attrs is not None else None
        head = tree.head
        # The compiled build searches the head in C (_cwalk_head.c's ``head_marks``: the nodes'
        # fields, no selector's parse, no node made per match; an empty head gives no entries),
        # but where the selector reads a name or a rel otherwise (None). An empty head (the
        # parser's own, on a page that writes none) holds nothing to search.
        read = _READ_HEAD(head.mem_id) if _READ_HEAD is not None and head is not None else None
        if read is not None:
            entries, metas = read
        elif head is not None and head.child is not None:
            # Each node's attributes and tag are read once, typed (the compiled build reads
            # the dict and compares the strings itself, where it made a generic call for each).
            for node in head.css(_HEAD_SELECTOR):
                attrs: Attributes = node.attributes
                tag: str | None = node.tag
                if tag == "meta":
                    metas += 1
                    entries.append(("meta", attrs, ""))
                elif tag == "title":
                    entries.append(("title", attrs, node.text()))
                else:
                    entries.append(("link", attrs, ""))
        self.entries = entries
        self._head_metas = metas  # the first metas of tree.tags("meta"): the head's own
        self._later: list[Attributes] | None = None
        self._document: DocumentReads | None = None

    def document_reads(self, tree: Any) -> DocumentReads | None:
        """The page's JSON-LD texts (``json_ld_texts``, None where the selector is asked), its
        first ``<time>``'s datetime (``_first_datetime``) and its microdata thread and price
        marks (``_page_type``'s whole-tree selectors), read in one C pass over ``tree`` (the
        tree these marks are of: _cwalk_reads.c), once a page; None where it is not read so (a
        pure install, a fragment). The document is the parent of the root the marks read
        (as _lexbor_walk.document_of finds it, without its Python call)."""
        if self._document is None:
            root = self._root
            document = root.parent if _READ_DOCUMENT is not None and root is not None else None
            if document is None:
                return None
            self._document = _READ_DOCUMENT(int(document.mem_id), LD_MAX_CHARS)
        return self._document

    def first_meta(self, tree: Any, key: str, value: str) -> Attributes | None:
        """The attributes of the first meta whose ``key`` is ``value``
        (``tree.css_first(f'meta[{key}="{value}"]')``), or None."""
        for tag, attrs, _ in self.entries:
            if tag == "meta" and attrs.get(key) == value:
                return attrs
        later = self._later
        if later is None:
            later = self._later = [node.attributes for node in tree.tags("meta")[self._head_metas :]]
        for attrs in later:
            if attrs.get(key) == value:
                return attrs
        return None

    def first_title(self, tree: Any) -> str | None:
        """The text of the page's first title (``tree.css_first("title").text()``; an SVG or
        MathML title too), or None."""
        for tag, _, text in self.entries:
            if tag == "title":
                return text
        titles = tree.tags("title")
        return titles[0].text() if titles else None

    def own_addresses(self) -> tuple[str, ...]:
        """The addresses of the head's ``meta[property="og:url"], link[rel="canonical"]``
        (a content, else an href), in document order."""
        found = []
        for tag, attrs, _ in self.entries:
            if tag == "meta":
                if attrs.get("property") != "og:url":
                    continue
            elif tag == "link":
                rel = attrs.get("rel")
                # No character outside ASCII lowers to one of these letters alone.
                if rel is None or rel.lower() != "canonical":
                    continue
            else:
                continue
            value = attrs.get("content") or attrs.get("href")
            if value:
                found.append(value)
        return tuple(found)
