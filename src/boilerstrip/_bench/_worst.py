"""The pages boilerstrip does worst on, and the blocks that cost the most words there."""

from __future__ import annotations

from typing import Any

from .._extract import extract
from .._model import Label
from ._metrics import words
from ._sets import Page


def worst_pages(
    results: dict[str, Any], sets: dict[str, list[Page]], count: int, options: Any = None
) -> list[dict[str, Any]]:
    """The ``count`` text-GT pages with the lowest F1, each with the blocks that cost most:
    content blocks whose words are not in the true text, chrome blocks whose words are."""
    records = results["boilerstrip"]["pages"]
    pages = {p.key: p for ps in sets.values() for p in ps if p.truth is not None}
    ranked = sorted((r["f1"], key) for key, r in records.items() if key in pages)[:count]
    out = []
    for f1, key in ranked:
        page = pages[key]
        truth = words(page.truth or "")
        costs = []
        for block in extract(page.html(), options=options).blocks:
            bag = words(block.text)
            found = sum((bag & truth).values())
            if block.label is Label.CONTENT:
                cost, kind = sum(bag.values()) - found, "kept, not in the truth"
            else:  # count only blocks mostly made of true words, not chance overlaps
                cost, kind = (found if 2 * found >= sum(bag.values()) else 0), "dropped, in the truth"
            if cost:
                costs.append((cost, kind, block))
        costs.sort(key=lambda c: (-c[0], c[2].index))
        out.append(
            {
                "page": key,
                "f1": f1,
                "blocks": [
                    {
                        "words": cost,
                        "why": kind,
                        "index": b.index,
                        "label": b.label.value,
                        "score": round(b.score, 3),
                        "text": b.text[:120],
                    }
                    for cost, kind, b in costs[:5]
                ],
            }
        )
    return out


def worst_markdown(worst: list[dict[str, Any]]) -> str:
    lines = ["", f"The {len(worst)} worst pages (boilerstrip) and the blocks that cost the most words:", ""]
    for entry in worst:
        lines.append(f"- {entry['page']}: F1 {entry['f1']:.3f}")
        for b in entry["blocks"]:
            text = b["text"].replace("\n", " ")
            where = f"block {b['index']} {b['label']} {b['score']:.2f}"
            lines.append(f"  - {b['words']} words {b['why']}: {where} «{text}»")
    return "\n".join(lines) + "\n"
