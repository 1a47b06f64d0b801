"""Hard rules: evidence that decides a block's label on its own, whatever the combined
score of the scorers (``_scorers``). ``HARD_RULES`` is the one place they are collected;
``names_nothing`` is the sieve that skips the blocks no rule can name."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from ._model import Block, Label, Role

if TYPE_CHECKING:
    from ._options import Options

_HEADING: Final = Role.HEADING


# Evidence that decides on its own, whatever the combined score: each rule reads a
# block (its features, text and links) and the options that hold its limits, and names
# the chrome kind it found, or "". A box dense with boilerplate phrases is a newsletter or
# donation box even when its prose is long and plain (the seed page's appeal); a short
# line that is a byline, date or credit ("By Jane Doe", "14.03.2025, 18:42 Uhr") is
# metadata, however close it sits to the headline; a heading or a short line that is a
# related, share, comment or promo phrase ("Das könnte Sie auch interessieren", "Mehr
# Themen:", "Leave a comment") labels a box of chrome; a "read also" line ("Lesen Sie
# auch: <headline>", "PUEDES VER: <headline>") is a short unlinked label and one link to
# another story, in any language.
class HardRule:
    """A rule of the table below: :meth:`kind` names the chrome kind it finds in a block, or
    "". Objects of compiled classes, not functions: the decision asks each rule per block,
    and the compiled build calls a compiled class's method directly, a function held in a
    table only through a generic call (about 150 instructions). Called, a rule is its kind."""

    def kind(self, b: Block, options: Options) -> str:
        raise NotImplementedError

    def __call__(self, b: Block, options: Options) -> str:
        return self.kind(b, options)


class _PhraseBoxRule(HardRule):
    def kind(self, b: Block, options: Options) -> str:
        return b.features.phrase_container


class _MetadataLineRule(HardRule):
    def kind(self, b: Block, options: Options) -> str:
        f = b.features
        return f.phrase if f.phrase == "metadata" and f.words <= options.metadata_line_max_words else ""


# Phrase kinds that head a box of chrome; a heading named "Contact", "About" or "FAQ"
# (navigation and footer labels) still heads a section of many pages.
_BOX_HEADING_KINDS: Final = frozenset(
    k.value for k in (Label.SIDEBAR, Label.SHARE, Label.COMMENTS, Label.PROMO)
)


class _BoxLabelRule(HardRule):
    """A heading, or a line of at most ``box_label_max_words`` words, that is a related,
    share, comment or promo phrase: the label of a box of that chrome."""

    def kind(self, b: Block, options: Options) -> str:
        f = b.features
        if f.phrase not in _BOX_HEADING_KINDS:  # most blocks: the option is not read
            return ""
        return f.phrase if b.role is _HEADING or f.words <= options.box_label_max_words else ""


_PARAGRAPH: Final = Role.PARAGRAPH
_QUOTE: Final = Role.QUOTE
_TEASER_ROLES: Final = frozenset({_PARAGRAPH, _QUOTE, _HEADING})
_SIDEBAR_KIND: Final = Label.SIDEBAR.value


class _TeaserLineRule(HardRule):
    """ "<label>: <headline>": an unlinked label of at most ``teaser_label_max_chars``
    characters, a colon, then one link covering at least ``teaser_link_share`` of the
    rest, which holds at least ``teaser_min_words`` words."""

    def kind(self, b: Block, options: Options) -> str:
        links = b.markup.links
        if len(links) != 1 or b.role not in _TEASER_ROLES:
            return ""
        text = b.text
        colon = text.find(":", 0, options.teaser_label_max_chars + 1)
        link = links[0]
        if colon <= 0 or link.start < colon:
            return ""
        rest = text[colon + 1 :]
        if len(rest.split()) < options.teaser_min_words:
            return ""
        covered = link.end - link.start >= options.teaser_link_share * len(rest.strip())
        return _SIDEBAR_KIND if covered else ""


HARD_RULES: Final[dict[str, HardRule]] = {
    "phrase_box": _PhraseBoxRule(),
    "metadata_line": _MetadataLineRule(),
    "box_label": _BoxLabelRule(),
    "teaser_line": _TeaserLineRule(),
}


def names_nothing(b: Block) -> bool:
    """Whether no rule of :data:`HARD_RULES` can name ``b``, whatever the options: a block
    with no phrase and no phrase box (the phrase, metadata and box-label rules name only
    those), and not a paragraph, quote or heading of exactly one link (the teaser rule's).
    Most blocks of a page; the decision asks the rules only of the others
    (tests/test_hard_rules_sieve.py)."""
    f = b.features
    if f.phrase or f.phrase_container:
        return False
    if len(b.markup.links) != 1:
        return True
    # One link: the teaser rule reads only the roles of _TEASER_ROLES (a block's role is a
    # Role member: told by identity, three compares, where the set's test hashes it).
    role = b.role
    return role is not _PARAGRAPH and role is not _QUOTE and role is not _HEADING
