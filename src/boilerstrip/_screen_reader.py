"""Screen-reader-only text: elements a page clips out of view with a class, read aloud only.

Sites write a second copy of a price, a card's title or a form's label for screen readers
("EUR 355.58" beside the visible "EUR 355.58", "Quantity", "Load image 3 in gallery view")
and clip it out of view with a class such as ``sr-only``; the segment walk leaves such an
element out (_segment._enter) when what it says is said or shown beside it:

- it is or is inside a control (a button, a form's label, a menu's summary): the control's
  name, chrome the wcxb truths leave out;
- its parent holds other text: a copy or a label of the text beside it.

It is read when it is the only text of its parent outside controls: then it stands for an
icon nothing visible names (a table cell's tick read "Yes", an icon link's "Print this
article"), and when it is a heading: it names a section, structure the later stages read.
The class names are the utility classes of CSS frameworks and CMS themes (Bootstrap,
WordPress, Drupal, HTML5 Boilerplate, Foundation, ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Final

from ._rules import HEADING_LEVELS, SKIPPED_TAGS

# Class tokens that clip an element out of view and leave it to screen readers. Dev (a
# count over the 9 sets' pages): 31,000 words on 695 wcxb pages, 2,700 on 72 news pages.
# "offscreen" changed no page; it also names menus slid out of view, so it is not here.
SCREEN_READER_CLASSES: Final = frozenset(
    (
        "sr-only",
        "screen-reader-text",
        "screen-reader-only",
        "visually-hidden",
        "visuallyhidden",
        "a11y-hidden",
        "u-hidden-visually",
        "hidden-visually",
        "element-invisible",
        "assistive-text",
        "clipped",
    )
)
# Controls and the forms around them: screen-reader text in them names the control.
CONTROL_TAGS: Final = frozenset(("button", "label", "select", "option", "summary", "form"))


def is_screen_reader_only(classes: str) -> bool:
    """Whether a class attribute names one of :data:`SCREEN_READER_CLASSES`."""
    # Each name holds one of these: most class attributes are ruled out without a split
    # (the walk asks this of every element with a class).
    if not (
        "hidden" in classes
        or "reader" in classes
        or "sr-only" in classes
        or "invisible" in classes
        or "assistive" in classes
        or "clipped" in classes
    ):
        return False
    return not SCREEN_READER_CLASSES.isdisjoint(classes.split())


def left_out(node: Any, tag: str, open_tags: Iterable[str]) -> bool:
    """Whether the screen-reader-only element ``node`` (a selectolax node named ``tag``,
    inside the elements ``open_tags``; or the segment stage's C walker, ``_cwalk.Walker``, whose
    ``text_beside()`` answers for its element) is left out, as the module's docstring says."""
    if tag in HEADING_LEVELS:
        return False
    if tag in CONTROL_TAGS or not CONTROL_TAGS.isdisjoint(open_tags):
        return True
    beside = getattr(node, "text_beside", None)
    return bool(beside()) if beside is not None else has_text_beside(node)


def has_text_beside(node: Any) -> bool:
    """Whether a sibling of ``node`` holds text (visible or not: two copies for screen
    readers side by side are copies too); script and style elements hold none."""
    parent = node.parent
    sibling = parent.child if parent is not None else None
    own = node.mem_id
    while sibling is not None:
        if sibling.mem_id != own and _holds_text(sibling):
            return True
        sibling = sibling.next
    return False


def _holds_text(node: Any) -> bool:
    """Whether a text node or an element (not a script, style or comment) holds text."""
    name = node.tag or ""
    if name == "-text":
        text = node.text_content
        return bool(text) and not text.isspace()
    if not name or name[0] in "-_!" or name in SKIPPED_TAGS:
        return False
    # Its first text node that is not blank, not all its text: a sibling can be the page.
    for inner in node.traverse(include_text=True):
        if inner.tag == "-text":
            text = inner.text_content
            if text and not text.isspace():
                return True
    return False
