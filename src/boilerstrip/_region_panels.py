"""Accordion panels written as ARIA regions: hidden text that a click on its header shows.

The WAI-ARIA Authoring Practices' accordion writes each panel as an element with
``role="region"`` and ``aria-labelledby`` naming the header's button (which holds
``aria-controls`` and ``aria-expanded``); a panel not shown yet is written ``hidden`` or
``display:none``. Such a panel is the page's own text (an article's collapsed sections, a
service's FAQ answers), never a popup or a menu: those take the roles ``dialog``, ``menu``
or ``navigation``. The segment walk reads it with the other disclosure panels
(``Options.reveal_panels``, through ``_streamed.shown_later``), whatever its class names.
"""

from __future__ import annotations


def is_region_panel(attrs: dict[str, str | None]) -> bool:
    """The element (its attributes) is an accordion's panel: ``role="region"`` with an
    ``aria-labelledby`` that names its header."""
    role = attrs.get("role")
    if role is None or role.strip().lower() != "region":
        return False
    label = attrs.get("aria-labelledby")
    return label is not None and label.strip() != ""
