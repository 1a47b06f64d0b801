"""Forum threads: replies kept as posts, and the description of a thread whose body is empty."""

from __future__ import annotations

import pytest

from blocks import make_block
from boilerstrip import Label, Options, Role, extract
from boilerstrip._calibration import CONFIDENCE_POINTS
from boilerstrip._combine import label
from boilerstrip._probability import score

_REPLY = (
    "I bought the small refractor last spring and it has been fine for the moon and the "
    "planets, though you will want a better eyepiece before long."
)
_OPENING = (
    "Howdy everyone, I am new to astronomy and would love some advice on choosing my first "
    "telescope for planets and deep-sky objects, on a budget of about three hundred dollars."
)


def _shell(canonical: str, description: str = _OPENING) -> str:
    """A page whose body scripts would fill: its text is only in the head (Discourse)."""
    return (
        "<!DOCTYPE html><html><head><title>First telescope? - Astronomy forum</title>"
        f'<link rel="canonical" href="{canonical}">'
        f'<meta property="og:description" content="{description}">'
        '</head><body><section id="main"></section><noscript></noscript></body></html>'
    )


@pytest.mark.parametrize(
    ("canonical", "description", "options", "kept"),
    [
        ("https://forum.example.org/t/first-telescope/1555", _OPENING, Options(), True),
        # Not a thread: the page's description is no text of its body.
        ("https://www.example.org/news/first-telescope", _OPENING, Options(), False),
        # Too short to stand for a post.
        ("https://forum.example.org/t/first-telescope/1555", "Astronomy forum", Options(), False),
        # Switched off.
        (
            "https://forum.example.org/t/first-telescope/1555",
            _OPENING,
            Options(thread_description_min_words=0),
            False,
        ),
    ],
)
def test_an_empty_thread_takes_its_description(
    canonical: str, description: str, options: Options, kept: bool
) -> None:
    result = extract(_shell(canonical, description), options=options)
    if not kept:
        assert result.text == ""
        return
    assert result.text == _OPENING
    last = result.blocks[-1]
    assert last.label is Label.CONTENT and last.locator == 'head>meta[property="og:description"]'
    assert last.score == 0.5  # no scorer saw it: the page's confidence stays at its floor,
    # the calibrated confidence of a raw margin of 0 (the lowest the map gives)
    assert result.confidence == min(value for _, value in CONFIDENCE_POINTS)


def test_a_thread_with_kept_posts_keeps_its_own_text() -> None:
    page = _shell("https://forum.example.org/t/first-telescope/1555").replace(
        '<section id="main"></section>', f"<main><h1>First telescope?</h1><p>{_REPLY}</p></main>"
    )
    assert extract(page).text.endswith(_REPLY)


def _thread_blocks() -> list:  # type: ignore[type-arg]
    return [
        make_block(0, "First telescope?"),
        make_block(1, _OPENING),
        make_block(2, _REPLY, in_main_region=False),
        make_block(3, _REPLY.replace("spring", "winter"), in_main_region=False, container="sidebar"),
        make_block(4, "Thanks, that helps a lot.", in_main_region=False),
        make_block(5, _REPLY.replace("spring", "autumn"), link_density=0.5),
    ]


@pytest.mark.parametrize(
    ("declared", "probabilities", "content"),
    [
        # On a thread, a low-scored reply of plain prose is a post; a named sidebar, a short
        # line and a block of links are not.
        ("thread", (0.9, 0.9, 0.2, 0.2, 0.2, 0.2), [0, 1, 2]),
        # The same blocks on a page of no declared type: the probabilities decide.
        ("", (0.9, 0.9, 0.2, 0.2, 0.2, 0.2), [0, 1]),
        # Prose above the first kept block is the forum's blurb, not a post.
        ("thread", (0.2, 0.2, 0.9, 0.2, 0.2, 0.2), [2]),
    ],
)
def test_replies_of_plain_prose_are_posts_on_a_thread(
    declared: str, probabilities: tuple[float, ...], content: list[int]
) -> None:
    blocks = _thread_blocks()
    options = Options(weights=(), smoothing=(), decision="threshold", sectioned_decision="threshold")
    labelled = label(blocks, probabilities, score(blocks, options), options, declared=declared)
    assert [b.index for b in labelled if b.label is Label.CONTENT] == content


@pytest.mark.parametrize(
    ("declared", "content"),
    [
        # After a thread's last post, its reply prompt and the heading of the similar
        # threads box are its tail, as they are an article's.
        ("thread", [0, 1, 2]),
        ("", [0, 1, 2]),
        # A multi-section page's short last lines may end a section: left alone.
        ("sectioned", [0, 1, 2, 3, 4]),
    ],
)
def test_the_lines_after_a_threads_last_post_are_its_tail(declared: str, content: list[int]) -> None:
    blocks = [
        make_block(0, "First telescope?", role=Role.HEADING),
        make_block(1, _OPENING),
        make_block(2, _REPLY + " It packs into one bag for a dark site."),  # 30+ words of prose
        make_block(3, "Post reply"),
        make_block(4, "Similar threads", role=Role.HEADING),
    ]
    options = Options(weights=(), smoothing=(), decision="threshold", sectioned_decision="threshold")
    labelled = label(blocks, (0.9,) * len(blocks), score(blocks, options), options, declared=declared)
    assert [b.index for b in labelled if b.label is Label.CONTENT] == content
