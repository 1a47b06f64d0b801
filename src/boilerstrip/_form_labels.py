"""A form's labels: the short lines of a comment, contact or filter form kept as text.

A small ``<form>`` beside the page's text (a comment form under a post, a contact box, a
shop's facet filters) shows short lines that name its fields and buttons: "Name
(required)", "Mail (will not be published)", "Website", "Submit", "Post as a guest",
"E-Mail-Adresse (Pflichtfeld)", "Price", "Size". The inputs themselves carry no text, so
the decision sees only the labels, short lines among kept prose, and keeps them. The
truths leave them out: of the lines this step drops (dragnet 76 on 29 pages, wcxb 757 on
87, cleaneval 45 on 12), under a third of the words are words the truth holds at all,
mostly "name" and "email", which its own text uses too.

A kept block of at most ``Options.form_label_max_words`` words inside a form whose blocks
hold at most ``Options.form_label_max_share`` of the page's words takes the label its own
evidence names. Left alone: a form that wraps the page (ASP.NET pages put the whole body
in one), table rows (a table inside a form is data), and threads, whose posts some forum
software writes inside a form each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Final, cast

from ._compiled import c_function
from ._model import TABLE_ROLES, Block, Label, page_tuple
from ._options import Options

# A CSS path's step that enters a form (after a ">" or at the start); the path up to the
# last one names the innermost form.
_FORM: Final = "form:nth-of-type("
_FORM_STEP = re.compile(r"form:nth-of-type\(\d+\)")
_FORM_CHARS: Final = len(_FORM)
# Enum members read per block, once here: on Python 3.11 each `Label.X` goes through
# EnumType.__getattr__'s hook (about 900 instructions).
_CONTENT: Final = Label.CONTENT


def form_of(locator: str) -> str:
    """The CSS path of the innermost form around the element at ``locator``, or "". The
    steps are looked for from the end: a step holds no ">", so the last one found is the
    innermost (the path is not scanned by the pattern at every character)."""
    at = locator.rfind(_FORM)
    size = len(locator)
    while at >= 0:
        if at == 0 or locator[at - 1] == ">":
            # The step's ASCII digits and ")" read here; a digit of another script (which
            # ``\d`` matches too) is left to the pattern (the call cost about 1,000
            # instructions in the compiled build).
            start = end = at + _FORM_CHARS
            while end < size and "0" <= locator[end] <= "9":
                end += 1
            if end < size and end > start and locator[end] == ")":
                return locator[: end + 1]
            if end < size and not locator[end].isascii():
                step = _FORM_STEP.match(locator, at)
                if step is not None:
                    return locator[: step.end()]
        at = locator.rfind(_FORM, 0, at)  # _FORM cannot overlap itself: no match is skipped
    return ""


# The compiled build's :func:`forms_of` in one C pass (a substring search and
# :func:`form_of`'s steps a block cost about 300 and 800 instructions), None where a locator
# is not of one byte a character; None in a pure install.
_C_FORMS_OF: Final = cast("Callable[[list[str]], list[str] | None] | None", c_function("_cscore", "forms_of"))


def forms_of(locators: list[str]) -> list[str]:
    """:func:`form_of` of each of ``locators``."""
    if _C_FORMS_OF is not None:
        found = _C_FORMS_OF(locators)
        if found is not None:
            return found
    return [form_of(loc) if "form:" in loc else "" for loc in locators]


def without_form_labels(
    blocks: Sequence[Block], labels: list[Label], options: Options, dropped: Callable[[Block], Label]
) -> list[Label]:
    """``labels`` with the kept short lines of small forms given ``dropped(block)`` (see
    the module)."""
    max_words = options.form_label_max_words
    if not max_words:
        return labels
    # Only a kept short line inside a form can be dropped: when none is, the page's forms
    # are not looked for (most pages: a few short lines' paths read, not every block's).
    # (A tuple, as extract() gives it: the compiled build reads its items in place.)
    page = page_tuple(blocks)
    count = min(len(page), len(labels))
    for i in range(count):
        b = page[i]
        if labels[i] is _CONTENT and b.features.words <= max_words and "form:" in b.locator:
            break
    else:
        return labels
    forms = forms_of([b.locator for b in page])
    if not any(forms):
        return labels
    size: dict[str, int] = {}
    total = 0
    for i in range(len(page)):
        b, form = page[i], forms[i]
        total += b.features.words
        if form:
            size[form] = size.get(form, 0) + b.features.words
    limit = options.form_label_max_share * total
    out = list(labels)
    for i in range(count):
        form, b = forms[i], page[i]
        if (
            form
            and labels[i] is _CONTENT
            and b.features.words <= max_words
            and b.role not in TABLE_ROLES
            and size[form] <= limit
        ):
            out[i] = dropped(b)
    return out
