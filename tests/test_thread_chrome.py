"""On a thread, blocks kept inside a box named as chrome (a post's header, its signature) are
dropped, and so are its kept headings (its title, the posts' subject lines) and the short
lines the decision doubts ("X said:", "Reply 16")."""

from __future__ import annotations

import pytest

from blocks import make_block
from boilerstrip import Block, Label, Options, OptionsError, Role, extract
from boilerstrip._combine import decide
from boilerstrip._page_type import ARTICLE, PRODUCT, SECTIONED, THREAD
from boilerstrip._thread_chrome import without_chrome_boxes, without_short_lines, without_thread_headings

_PROSE = "A reply in the thread that answers the question with a few sentences of its own words."


def _dropped(b: Block) -> Label:
    return Label(b.features.container) if b.features.container else Label.OTHER


def _page(container: str, text: str = "Brian September 26, 2025, 1:38pm 3") -> list[Block]:
    """Three posts' prose with one block inside a box named ``container`` between them."""
    blocks = [make_block(i, _PROSE) for i in range(3)]
    return [*blocks[:2], make_block(2, text, container=container, container_strength=0.7), blocks[2]]


def _after(blocks: list[Block], **changes: object) -> list[Label]:
    options = Options(**changes)  # type: ignore[arg-type]
    return without_chrome_boxes(blocks, [Label.CONTENT] * len(blocks), options, _dropped)


@pytest.mark.parametrize(
    ("container", "label"),
    [
        ("metadata", Label.METADATA),  # a post's header, a signature
        ("navigation", Label.NAVIGATION),  # profile fields in a nav-named list
        ("sidebar", Label.SIDEBAR),  # a link preview in an <aside>
        ("footer", Label.FOOTER),
        ("header", Label.HEADER),
        ("comments", Label.CONTENT),  # a thread's comment boxes are its posts
        ("", Label.CONTENT),
    ],
)
def test_kept_blocks_in_chrome_boxes_are_dropped(container: str, label: Label) -> None:
    out = _after(_page(container))
    assert out[2] is label
    assert [out[i] for i in (0, 1, 3)] == [Label.CONTENT] * 3  # the posts stay


def test_the_word_limit_and_the_switch() -> None:
    blocks = _page("metadata", "Posted March 5")  # 3 words
    assert _after(blocks, thread_chrome_box_min_words=3)[2] is Label.METADATA
    assert _after(blocks, thread_chrome_box_min_words=4)[2] is Label.CONTENT
    assert _after(blocks, thread_chrome_box_min_words=0)[2] is Label.CONTENT


@pytest.mark.parametrize(
    ("declared", "dropped"),
    [(THREAD, True), ("", False), (ARTICLE, False), (SECTIONED, False), (PRODUCT, False)],
)
def test_only_threads_lose_their_chrome_boxes(declared: str, dropped: bool) -> None:
    blocks = _page("metadata")
    options = Options(
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0
    )
    labels = decide(blocks, (0.9,) * len(blocks), options, declared=declared)
    assert labels[0] is Label.CONTENT and labels[-1] is Label.CONTENT
    assert (labels[2] is not Label.CONTENT) is dropped


def test_an_invalid_value_is_refused() -> None:
    with pytest.raises(OptionsError):
        Options(thread_chrome_box_min_words=-1)


def _post(n: int, sentence: str) -> str:
    return (
        f"<article class='message'><div class='message-body'><p>{sentence} {_PROSE}</p>"
        f"<p>{_PROSE} It was post number {n} of the thread.</p></div>"
        "<aside class='message-signature'><p>Smart enough to know better, too old to care, and"
        " still running the same old projector in the basement home theater.</p></aside></article>"
    )


# A hand-made thread (JSON-LD DiscussionForumPosting) whose posts each end in a signature box.
_THREAD = (
    "<html><head><title>Which projector?</title><script type='application/ld+json'>"
    '{"@type": "DiscussionForumPosting", "headline": "Which projector?"}</script></head>'
    "<body><main><h1>Which projector?</h1>"
    + "".join(_post(n, s) for n, s in enumerate(("I need advice.", "Try the new one.", "Thanks all."), 1))
    + "</main></body></html>"
)


def test_a_threads_signatures_leave_its_text() -> None:
    before = extract(_THREAD, options=Options(thread_chrome_box_min_words=0)).text
    after = extract(_THREAD).text
    assert "too old to care" in before  # kept on main
    assert "too old to care" not in after
    assert after.count("It was post number") == 3


def _headed(level: int) -> list[Block]:
    """A heading of ``level`` (0: a paragraph) over two posts' prose."""
    text = "Re: Which projector?"
    role = Role.HEADING if level else Role.PARAGRAPH
    head = Block(
        index=0, text=text, role=role, heading_level=level, locator="h", features=make_block(0, text).features
    )
    return [head, make_block(1, _PROSE), make_block(2, _PROSE)]


@pytest.mark.parametrize(
    ("level", "deepest", "dropped"),
    [
        (1, 3, True),  # the thread's title
        (2, 3, True),
        (3, 3, True),  # a post's subject line
        (4, 3, False),  # a long first post's own sections
        (4, 6, True),
        (1, 0, False),  # off
        (0, 3, False),  # a paragraph
    ],
)
def test_a_threads_headings_are_dropped(level: int, deepest: int, dropped: bool) -> None:
    blocks = _headed(level)
    out = without_thread_headings(
        blocks, [Label.CONTENT] * 3, Options(thread_heading_max_level=deepest), _dropped
    )
    assert (out[0] is Label.OTHER) is dropped
    assert out[1:] == [Label.CONTENT] * 2  # the posts stay


@pytest.mark.parametrize(
    ("declared", "dropped"),
    [(THREAD, True), ("", False), (ARTICLE, False), (SECTIONED, False), (PRODUCT, False)],
)
def test_only_threads_lose_their_headings(declared: str, dropped: bool) -> None:
    blocks = _headed(1)
    options = Options(
        weights=(), smoothing=(), decision="threshold", tail_max_blocks=0, closing_box_max_words=0
    )
    labels = decide(blocks, (0.9,) * len(blocks), options, declared=declared)
    assert labels[1:] == [Label.CONTENT] * 2
    assert (labels[0] is not Label.CONTENT) is dropped


def test_a_negative_heading_level_is_refused() -> None:
    with pytest.raises(OptionsError):
        Options(thread_heading_max_level=-1)


def test_a_threads_title_leaves_its_text_not_its_title() -> None:
    before = extract(_THREAD, options=Options(thread_heading_max_level=0))
    after = extract(_THREAD)
    assert before.text.startswith("Which projector?")  # kept on main
    assert "Which projector?" not in after.text
    assert after.title == "Which projector?"
    assert after.text.count("It was post number") == 3


def _lined(text: str, role: Role = Role.PARAGRAPH) -> list[Block]:
    """Two posts' prose with a short line between them."""
    return [make_block(0, _PROSE), make_block(1, text, role=role), make_block(2, _PROSE)]


@pytest.mark.parametrize(
    ("text", "role", "probability", "changes", "dropped"),
    [
        ("piizog said:", Role.PARAGRAPH, 0.45, {}, True),  # a post's header line
        ("Reply 16", Role.LIST_ITEM, 0.3, {}, True),
        ("Click to expand...", Role.PARAGRAPH, 0.59, {}, True),
        ("Click to expand...", Role.PARAGRAPH, 0.6, {}, False),  # at the limit: sure enough
        ("Thank you so much", Role.PARAGRAPH, 0.3, {}, False),  # four words: a reply
        ("Thank you so much", Role.PARAGRAPH, 0.3, {"thread_short_line_max_words": 4}, True),
        ("piizog said:", Role.PARAGRAPH, 0.45, {"thread_short_line_max_probability": 0.4}, False),
        ("piizog said:", Role.PARAGRAPH, 0.45, {"thread_short_line_max_words": 0}, False),  # off
        ("Replies", Role.HEADING, 0.3, {}, False),  # headings: without_thread_headings
    ],
)
def test_a_threads_short_doubtful_lines_are_dropped(
    text: str, role: Role, probability: float, changes: dict[str, object], dropped: bool
) -> None:
    blocks = _lined(text, role)
    options = Options(**changes)  # type: ignore[arg-type]
    out = without_short_lines(blocks, [Label.CONTENT] * 3, (0.9, probability, 0.9), options, _dropped)
    assert (out[1] is Label.OTHER) is dropped
    assert [out[0], out[2]] == [Label.CONTENT] * 2  # the posts stay


@pytest.mark.parametrize(
    ("declared", "dropped"),
    [(THREAD, True), ("", False), (ARTICLE, False), (SECTIONED, False), (PRODUCT, False)],
)
def test_only_threads_lose_their_short_lines(declared: str, dropped: bool) -> None:
    blocks = _lined("piizog said:")
    options = Options(
        weights=(), smoothing=(), decision="threshold", threshold=0.4, sectioned_decision="",
        tail_max_blocks=0, closing_box_max_words=0, thread_post_min_words=0,
    )  # fmt: skip
    labels = decide(blocks, (0.9, 0.5, 0.9), options, declared=declared)
    assert [labels[0], labels[2]] == [Label.CONTENT] * 2
    assert (labels[1] is not Label.CONTENT) is dropped


@pytest.mark.parametrize(
    "changes", [{"thread_short_line_max_words": -1}, {"thread_short_line_max_probability": 1.5}]
)
def test_short_line_limits_out_of_range_are_refused(changes: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options(**changes)  # type: ignore[arg-type]
