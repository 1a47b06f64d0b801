"""Random HTML from a small grammar, for the fuzzing run (benchmarks/fuzz.py).

Each input is drawn from a ``random.Random(seed)``, so any finding is replayed from its
seed alone. The grammar mixes well-formed nesting with what real and hostile pages hold:
unclosed and stray end tags, formatting elements across blocks, tables, foreign content,
raw-text elements, comments, entities, attributes with markup inside quotes, control
characters, surrogates, CJK and right-to-left text.
"""

from __future__ import annotations

import random

TAGS = (
    "div p span a b i em strong font table tr td th tbody ul ol li dl dt dd h1 h2 h3 section "
    "article nav header footer aside main form button select option pre code blockquote "
    "script style template svg math noscript iframe textarea title br hr img input frameset "
    "frame object caption nobr xmp plaintext foreignObject desc g path mi mtext"
).split()
ATTRIBUTES = (
    'class="content"',
    'class="nav menu"',
    'id="main"',
    "hidden",
    'style="display:none"',
    'role="navigation"',
    'href="http://127.0.0.1:9/x"',
    'src="http://127.0.0.1:9/x.js"',
    'title="</div><p>x"',
    "data-x='>'",
    'lang="ar"',
    "a=",
    '"',
)
WORDS = (
    "the harbour boats were quiet that morning and nobody came",
    "北京 上海 新闻 报道 今天",
    "مرحبا بالعالم هذا نص عربي",
    "Ünïcödé ñ ß ø",
    "&amp; &lt; &#0; &#xD800; &#x110000; &#99999999999; &nbsp &copy",
    "\x00 \x07 \x1b[31m \x7f \x85",
    "\ud800 \udfff",
    "Cookie policy Subscribe to our newsletter Share on Twitter",
)
JUNK = ("<", ">", "</", "<!--", "-->", "<!DOCTYPE html>", "<?xml ?>", "<![CDATA[", "]]>", "&", "<a", "='")


def html(rng: random.Random, budget: int = 60) -> str:
    """One random document of at most about ``budget`` pieces."""
    out: list[str] = []
    open_tags: list[str] = []
    for _ in range(rng.randint(0, budget)):
        roll = rng.random()
        if roll < 0.35:
            tag = rng.choice(TAGS)
            attrs = " ".join(rng.sample(ATTRIBUTES, rng.randint(0, 2)))
            close = "/" if rng.random() < 0.05 else ""
            out.append(f"<{tag}{' ' + attrs if attrs else ''}{close}>")
            open_tags.append(tag)
        elif roll < 0.55 and open_tags:
            out.append(f"</{open_tags.pop() if rng.random() < 0.8 else rng.choice(TAGS)}>")
        elif roll < 0.85:
            out.append(rng.choice(WORDS))
        elif roll < 0.92:
            out.append(f"<!-- {rng.choice(WORDS)} -->")
        else:
            out.append(rng.choice(JUNK))
    if rng.random() < 0.5:
        out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out)


def nasty(rng: random.Random) -> str:
    """A repeated construct, the shape of the slow inputs (depth, re-created formatting)."""
    unit = html(rng, 6)
    return unit * rng.randint(50, 2000)


def data(rng: random.Random) -> bytes:
    """Random bytes, sometimes behind a byte-order mark or a meta charset."""
    prefix = rng.choice((b"", b"\xef\xbb\xbf", b"\xff\xfe", b'<meta charset="shift_jis">', b"\x89PNG\r\n"))
    return prefix + rng.randbytes(rng.randint(0, 2000))


def mutate(rng: random.Random, page: bytes) -> bytes:
    """A real page with a few of its bytes flipped, cut or repeated."""
    buf = bytearray(page)
    for _ in range(rng.randint(1, 8)):
        if not buf:
            break
        at = rng.randrange(len(buf))
        choice = rng.random()
        if choice < 0.5:
            buf[at] = rng.randrange(256)
        elif choice < 0.8:
            del buf[at : at + rng.randint(1, 200)]
        else:
            buf[at:at] = buf[at : at + rng.randint(1, 200)] * rng.randint(1, 20)
    return bytes(buf)
