"""The large hostile inputs, generated at test time (and by benchmarks/hostile.py)."""

from __future__ import annotations

from pathlib import Path

PARAGRAPH = (
    "<p>The harbour was quiet that morning. Fishing boats lay at anchor, their crews ashore "
    "mending nets, while a ferry crossed slowly towards the island and gulls circled the pier.</p>\n"
)
_SEED = Path(__file__).parent / "fixtures" / "news_seed.html"


def deep_nesting(depth: int = 100_000) -> str:
    return "<html><body>" + "<div>" * depth + "deep" + "</div>" * depth + "</body></html>"


def siblings(count: int = 1_000_000) -> str:
    return "<html><body>" + "<span>x</span>" * count + "</body></html>"


def big_page(megabytes: float = 50) -> str:
    """A realistic page (the seed article's body, repeated) of about ``megabytes`` MB."""
    seed = _SEED.read_text("utf-8")
    head, _, rest = seed.partition("<body")
    body = rest.partition(">")[2].rpartition("</body>")[0]
    copies = int(megabytes * 1_000_000 / len(body)) + 1
    return f"{head}<body>{body * copies}</body></html>"


def one_text_node(megabytes: float = 1) -> str:
    words = ("harbour ", "boats ", "quiet ", "morning. ")
    text = "".join(words[i % 4] for i in range(int(megabytes * 1_000_000 / 7)))
    return f"<html><body><article><p>{text}</p></article></body></html>"


def formatting_bomb(distinct: int = 1_000, repeats: int = 10_000) -> str:
    """n distinct unclosed <b>, each re-created at every one of m paragraphs: n x m elements."""
    return "<p>" + "".join(f"<b id={i}>" for i in range(distinct)) + "</p><p>x" * repeats


def attribute_bomb(count: int = 40_000) -> str:
    return "<div " + " ".join(f"a{i}" for i in range(count)) + ">x</div>"


def select_options(count: int = 100_000) -> str:
    """One select of ``count`` options: the parser reads all of them at each new one."""
    return "<select>" + "<option>x" * count


def foreign_nest(count: int = 40_000, head: str = "<math><desc>") -> str:
    """Foreign elements nested under a name that is no integration point in its namespace,
    each closed by an end tag the parser looks for down its whole stack."""
    return head + "<a>" * count + "</x>" * count


def stray_end_tags(count: int = 60_000) -> str:
    """Paragraphs made by stray ``</p>`` end tags under 990 open elements."""
    return "<div>" * 990 + ("</p>" + "word " * 7) * count


def canonical_links(count: int = 36_000) -> str:
    """The head's own address given ``count`` times, each a different one."""
    return "".join(f"<link rel=canonical href=/x{i}>" for i in range(count))


def merged_attributes(count: int = 40_000, tag: str = "body") -> str:
    """``count`` repeated ``<body>`` (or ``<html>``) tags of one new attribute each: the parser
    merges them onto one element, each name compared with all those already there."""
    return "".join(f"<{tag} a{i}=1>" for i in range(count))


def merged_dense(count: int = 320, tag: str = "html") -> str:
    """``count`` repeated tags of 255 new attributes each, merged onto one element."""
    return "".join(f"<{tag} " + " ".join(f"a{i}x{j}=1" for j in range(255)) + ">" for i in range(count))


# Lexbor puts each tag or attribute name outside its static tables into a per-document hash
# of 128 chained buckets that never grows (lexbor/core/hash.c): each occurrence walks its chain.
def distinct_end_tags(count: int = 145_000) -> str:
    return "".join(f"</x{i}>" for i in range(count))


def distinct_elements(count: int = 145_000) -> str:
    return "".join(f"<x{i}></x{i}>" for i in range(count))


def distinct_svg_elements(count: int = 145_000) -> str:
    return "<svg>" + "".join(f"<g{i}/>" for i in range(count))


def distinct_attributes(tags: int = 800, each: int = 250) -> str:
    return "".join("<br " + " ".join(f"a{i}x{j}" for j in range(each)) + ">" for i in range(tags))


def _bucket(name: str) -> int:
    """Lexbor's bucket of a lower-case ASCII name: Jenkins' one-at-a-time hash, modulo 128.
    Written out here, not imported from ``_name_work``: the input must collide in Lexbor's
    table even if the scan's copy of the hash were wrong, so that the tests would see it."""
    h = 0
    for byte in name.encode("ascii"):
        h = (h + byte) & 0xFFFFFFFF
        h = (h + (h << 10)) & 0xFFFFFFFF
        h ^= h >> 6
    h = (h + (h << 3)) & 0xFFFFFFFF
    h ^= h >> 11
    return ((h + (h << 15)) & 0xFFFFFFFF) % 128


def colliding_end_tags(distinct: int = 4_000, count: int = 125_000) -> str:
    """``count`` end tags of ``distinct`` names that all fall in one bucket of Lexbor's table."""
    names = [name for name in (f"x{i}" for i in range(distinct * 200)) if _bucket(name) == 0][:distinct]
    return "".join(f"</{names[i % distinct]}>" for i in range(count))


# Pages whose output formats, not extract(), grow past the page (benchmarks/hostile.py
# times the format after extract()).


def deep_list_items(items: int = 20_000, depth: int = 480) -> str:
    """List items under ``depth`` open lists: each block's JSON holds its whole locator and
    every enclosing list (cut at max_depth_sum: 1,597 blocks)."""
    return "<body>" + "<ul><li>" * depth + "<li>word word</li>" * items


def wide_table(cells: int = 4_000) -> str:
    """A row of ``cells`` cells over as many rows of one cell (Markdown padded every row)."""
    return "<table><tr>" + "<td>a</td>" * cells + "</tr>" + "<tr><td>b</td></tr>" * cells + "</table>"


def linked_row(cells: int = 4_000) -> str:
    """One table row of ``cells`` linked cells (each cell's links were read from all the row's)."""
    return (
        "<article>" + PARAGRAPH + "<table><tr><th>h</th><th>i</th></tr><tr>"
        + "<td><a href='/x'>cell text</a></td>" * cells + "</tr></table></article>"
    )  # fmt: skip


def quoted_code(lines: int = 4_000, quotes: int = 900) -> str:
    """A code block of ``lines`` lines under ``quotes`` blockquotes (Markdown marks each line)."""
    return (
        "<blockquote>" * quotes
        + PARAGRAPH
        + "<pre><code>"
        + "let x = 1;\n" * lines
        + "</code></pre>"
        + PARAGRAPH
    )


def short_paragraphs(count: int = 40_000) -> str:
    """Many short paragraphs: the JSON of a block is about 1.7 KB whatever its text."""
    return "<p>word word word word.</p>" * count


# Text Lexbor appends to the text node before it, copying the node when anything took memory
# since (an attribute's value, a comment's data): quadratic in time and memory (_text_runs).
def foster_text(count: int = 160_000) -> str:
    """Text put before a table (foster parenting), a comment into the table between each piece."""
    return "<table>" + "x<!---->" * count


def ignored_tags_text(count: int = 160_000) -> str:
    """Text in the body between end tags the parser ignores, each with an attribute's value."""
    return "<body>" + "x</i a=1>" * count


def dense_attributes(count: int = 6_900, per_tag: int = 250) -> str:
    """``count`` <br> tags of ``per_tag`` distinct short attribute names each (5 MB at the
    defaults): Lexbor keeps 230 bytes an attribute, 76 times the page's size."""
    names = [a + b for a in ("", *"abcdefghijklmnopqrstuvwxyz") for b in "abcdefghijklmnopqrstuvwxyz"]
    tag = "<br " + " ".join(names[:per_tag]) + ">"
    return "<p>A paragraph of text before the tags.</p>" + tag * count + "<p>After them.</p>"


def bogus_comments(count: int = 700_000) -> str:
    """Bogus comments (2.8 MB): each a comment node of the tree, 38 times its bytes."""
    return "<p>A paragraph of text before them.</p>" + "<!x>" * count


def comment_text(count: int = 700_000) -> str:
    """Text split by comments (5.6 MB): a text node and a comment node a piece."""
    return "<p>A paragraph of text before them.</p>" + "x<!---->" * count


def valueless_tags_text(count: int = 400_000) -> str:
    """Text in the body between end tags the parser ignores, with valueless attributes: Lexbor
    grows the one node in place (linear), so the scan must not cut the page."""
    return "<body>" + "x</i a>" * count


def ignored_end_tags(count: int = 1_000_000) -> str:
    """End tags the parser ignores under 990 open elements: each looks down the whole stack."""
    return "<span>" * 990 + "</div>" * count


def adjusted_attributes(distinct: int = 2_500, count: int = 250_000) -> str:
    """``distinct`` attribute names in the bucket of ``viewBox`` as the tree builder writes it,
    then ``count`` svg elements with a ``viewbox``: at each, Lexbor looks ``viewBox`` up in that
    crowded bucket (html/tree.c's svg adjustment), a walk the tokenizer's own names do not make."""
    names = [name for name in (f"x{i}" for i in range(distinct * 200)) if _bucket(name) == _bucket("viewBox")]
    tags = ("<br " + " ".join(names[i : min(i + 100, distinct)]) + ">" for i in range(0, distinct, 100))
    return "".join(tags) + "<svg>" + "<g viewbox=1></g>" * count


def adjusted_tags(distinct: int = 2_500, count: int = 250_000) -> str:
    """The same for an svg tag: ``clipPath``, looked up in the tag hash at each ``<clippath>`` in svg."""
    names = [
        name for name in (f"x{i}" for i in range(distinct * 200)) if _bucket(name) == _bucket("clipPath")
    ]
    return "".join(f"</{name}>" for name in names[:distinct]) + "<svg>" + "<clippath></clippath>" * count
