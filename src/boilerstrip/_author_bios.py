"""Author bios: kept blocks that repeat a description the page's JSON-LD gives a person.

A blog or magazine page often closes (or opens) its article with a box about its writer
("Sarah is a writer, teacher, and mother. At Left Brain Buddha, she writes about ...").
The model scores such a box's prose like the body's own, and its class names are each
theme's ("saboxplugin-desc", "author-card-content", "profile-bio"). What names it on any
site is the page's own structured data: SEO plugins (Yoast, Rank Math) and news themes
write the writer as a schema.org ``Person`` whose ``description`` is that same bio. A kept
block of at least ``Options.author_bio_min_words`` words, at least
``Options.author_bio_share`` of whose words (counted as a bag, case folded) are words of one
such description, is the bio: it is relabelled metadata (a byline's kind). The description
of the page itself, of its article or its organisation is no person's and is never read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any, Final

import regex

from ._model import Block, Label
from ._options import Options

_WORD: Final = regex.compile(r"\w+")
_PERSON: Final = "person"
_MAX_BIOS: Final = 20  # a page's people read at most (a team page lists dozens)


def _is_person(obj: object) -> bool:
    if not isinstance(obj, dict):
        return False
    declared = obj.get("@type")
    values = declared if isinstance(declared, list) else [declared]
    return any(isinstance(v, str) and v.rsplit("/", 1)[-1].lower() == _PERSON for v in values)


def person_descriptions(objects: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """The descriptions the page's JSON-LD objects (``_metadata.json_ld_objects``) give a
    person: the objects themselves and their ``author`` values (a Person, or a list)."""
    found: list[str] = []
    for obj in objects:
        authors = obj.get("author")
        nested = authors if isinstance(authors, list) else [authors]
        for person in (obj, *nested):
            text = person.get("description") if _is_person(person) else None
            if isinstance(text, str) and text.strip() and text not in found:
                found.append(text)
        if len(found) >= _MAX_BIOS:
            break
    return tuple(found[:_MAX_BIOS])


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.casefold()))


def without_bios(
    blocks: Sequence[Block], labels: Sequence[Label], bios: Sequence[str], options: Options
) -> list[Label]:
    """``labels`` (the decision's, one a block), with each kept block that repeats one of
    ``bios`` labelled metadata."""
    out = list(labels)
    minimum = options.author_bio_min_words
    if not bios or not minimum:
        return out
    bags = [_bag(bio) for bio in bios]
    share = options.author_bio_share
    for i, block in enumerate(blocks):
        if out[i] is not Label.CONTENT or block.features.words < minimum:
            continue
        words = _bag(block.text)
        total = sum(words.values())
        if total and any(sum((words & bag).values()) >= share * total for bag in bags):
            out[i] = Label.METADATA
    return out
