"""benchmarks/content_names.py: the chain of content-naming elements above each block, and
the rules that recompute the content hint from it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from boilerstrip import Options
from boilerstrip._bench._sets import Page, load_sets
from boilerstrip._compiled import compiled
from boilerstrip._extract import measure

sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
from _content_rules import BlockFacts, Link, PageFacts, rule_of
from content_names import page_facts

FIXTURES = Path(__file__).parent / "fixtures"

# content_names.py reads the features stage by patching its pure modules' functions, which the
# compiled build's modules call directly: the tool runs on the pure sources only.
pytestmark = pytest.mark.skipif(compiled(), reason="content_names.py patches the pure modules")


def _prose(subject: str) -> str:
    return f"The committee met about {subject} on Tuesday and agreed, after a long debate, to fund it. " * 3


_PAGE = f"""<html><head><title>Bridge</title></head><body>
<div class="site-top"><a href="/">Home</a> <a href="/news">News</a></div>
<main>
  <div class="article-body">
    <p>{_prose("the bridge")}</p>
    <div class="related"><p>More on bridges and roads in the county this spring.</p></div>
  </div>
  <p>{_prose("the road")}</p>
</main>
<article><p>{_prose("the school")}</p></article>
<div role="main"><div class="post-content"><p>{_prose("the park")}</p></div></div>
<div class="foot"><p>Printed by the county paper for its readers.</p></div>
</body></html>"""


@pytest.fixture(scope="module")
def inline(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BlockFacts]:
    """The facts of each block of _PAGE, by the first four words of its text."""
    path = tmp_path_factory.mktemp("names") / "page.html"
    path.write_text(_PAGE, "utf-8")
    facts = page_facts(Page("inline", "page", path, _prose("the bridge"), None, None))
    assert facts is not None
    texts = [b.text for b in measure(_PAGE, Options()).blocks]
    assert len(texts) == len(facts.blocks)
    return {" ".join(t.split()[:6]): b for t, b in zip(texts, facts.blocks)}


@pytest.mark.parametrize(
    ("start", "sources", "chrome_inside"),
    [
        ("The committee met about the bridge", ["name article ?body", "tag main"], False),
        ("More on bridges and roads in", ["name article ?body", "tag main"], True),
        ("The committee met about the road", ["tag main"], False),
        ("The committee met about the school", ["tag article"], False),
        ("The committee met about the park", ["name post content", "role main"], False),
        ("Printed by the county paper for", [], False),
    ],
)
def test_a_blocks_chain_names_each_content_element_above_it(
    inline: dict[str, BlockFacts], start: str, sources: list[str], chrome_inside: bool
) -> None:
    block = inline[start]
    assert [link.source for link in block.chain] == sources
    assert [link.depth for link in block.chain] == sorted((link.depth for link in block.chain), reverse=True)
    assert all(0.0 < link.share <= 1.0 for link in block.chain)
    assert (bool(block.chain) and block.chrome_depth >= block.chain[0].depth) is chrome_inside


def test_the_truth_share_and_the_decision_are_read(inline: dict[str, BlockFacts]) -> None:
    assert inline["The committee met about the bridge"].truth == 1.0
    assert inline["The committee met about the school"].truth == 0.0
    assert inline["The committee met about the bridge"].kept


@pytest.mark.parametrize("index", range(6))
def test_the_chain_is_empty_exactly_where_no_content_hint_is(index: int) -> None:
    page = load_sets([FIXTURES])["fixtures"][index]
    facts = page_facts(page)  # raises where a chain and content_hint disagree
    assert facts is not None
    blocks = measure(page.html(), Options()).blocks
    assert [bool(b.chain) for b in facts.blocks] == [b.features.content_hint for b in blocks]


def _page(*blocks: BlockFacts) -> PageFacts:
    return PageFacts("set/1", "example.org", "", blocks)


_MAIN = Link("tag main", 1, 1, 0.97)  # wraps nearly the whole page
_BODY = Link("name post content", 2, 3, 0.6)
_CARD = Link("tag article", 3, 4, 0.05)
_BLOCKS = (
    BlockFacts(40, (_BODY, _MAIN), -1, "", 5, True, 1.0),  # prose in the article's body
    BlockFacts(6, (_BODY, _MAIN), 4, "sidebar", 6, False, 0.0),  # a related box in the body
    BlockFacts(8, (_CARD, _MAIN), -1, "", 5, False, 0.0),  # a card outside the body
    BlockFacts(3, (_MAIN,), 2, "share", 3, False, 0.0),  # a share bar under <main>
    BlockFacts(5, (), 0, "footer", 1, False, 0.0),  # the footer
)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("today", [True, True, True, True, False]),
        ("off:", [False, False, False, False, False]),
        ("off:tag", [True, True, False, False, False]),
        ("off:name", [True, True, True, True, False]),  # <main> still encloses them
        ("off:name+wrap:0.9", [False, False, True, False, False]),
        ("off:name_post_content+off:tag_main", [False, False, True, False, False]),
        ("off:tag_main", [True, True, True, False, False]),
        ("wrap:0.9", [True, True, True, False, False]),
        ("wrap:0.5", [False, False, True, False, False]),
        ("near:1", [False, False, True, False, False]),
        ("near:2", [True, False, True, True, False]),
        ("chromein", [True, False, True, False, False]),
        ("wrap:0.9+chromein", [True, False, True, False, False]),
        # <main> is mostly the post's body: the blocks beside the body lose it, not the card's
        ("beside:0.5", [True, True, True, False, False]),
        ("beside:0.7", [True, True, True, True, False]),
        ("off:tag_article+beside:0.5", [True, True, False, False, False]),
        ("min:0.1", [True, True, True, True, False]),  # <main> still encloses the card
        ("min:0.1+wrap:0.9", [True, True, False, False, False]),
        # the card and the share bar come after the body (blocks 2 and 3): the same as beside
        ("after:0.5", [True, True, True, False, False]),
        ("aftername:0.5", [True, True, True, True, False]),  # <main> is a tag, not a name
        ("aftertag:0.5", [True, True, True, False, False]),
        ("off:tag_article+wrap:0.9", [True, True, False, False, False]),
    ],
)
def test_a_rule_keeps_the_links_every_term_accepts(spec: str, expected: list[bool]) -> None:
    assert rule_of(spec)(_page(*_BLOCKS)) == expected


_HEADLINE = BlockFacts(9, (_MAIN,), -1, "", 3, True, 1.0)  # the headline, before the body


@pytest.mark.parametrize(("spec", "expected"), [("beside:0.5", False), ("after:0.5", True)])
def test_after_keeps_the_blocks_before_the_inner_element(spec: str, expected: bool) -> None:
    assert rule_of(spec)(_page(_HEADLINE, *_BLOCKS))[0] is expected


@pytest.mark.parametrize(("declared", "expected"), [("article", False), ("", True), ("sectioned", True)])
def test_a_prefixed_term_applies_on_its_declared_type_only(declared: str, expected: bool) -> None:
    assert rule_of("article/off:")(_page(*_BLOCKS), declared)[0] is expected


def test_an_unknown_term_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule term"):
        rule_of("closest:2")
