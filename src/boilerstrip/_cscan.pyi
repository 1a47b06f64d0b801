# The C loop of the limits scan (_cscan.c and the files it is built with), in the compiled build only.
from typing import Any

def scan(
    text: str | bytes,
    node_limit: int,
    depth_limit: int,
    attribute_limit: int,
    volume_limit: int,
    work_limit: int,
    total_limit: int,
    tables: tuple[object, ...],
    bodies: list[int] | None = None,
    runaways: list[int] | None = None,
    /,
) -> tuple[int, int, int, int | None, str]: ...
def utf8_spans(text: str, keep: list[int], /) -> bytes | None: ...
def holds_frameset(text: str | bytes, /) -> bool: ...
def odd_characters(text: str | bytes, chars: int, /) -> tuple[int, int]: ...
def has_control(text: str, /) -> bool: ...
def new_tuple(cls: type[tuple[object, ...]], fields: tuple[object, ...], /) -> tuple[object, ...]: ...
def elements(
    cls: type[tuple[object, ...]],
    strings: list[str],
    numbers: object,
    block_numbers: object,
    layout: tuple[int, ...],
    max_shared: int,
    /,
) -> tuple[tuple[object, ...], ...]: ...
def block_columns(
    columns_cls: type[tuple[object, ...]],
    markup_cls: type[tuple[object, ...]],
    link_cls: type[tuple[object, ...]],
    texts: object,
    roles: list[object],
    numbers: object,
    markups: list[tuple[object, ...]],
    spans: object,
    hrefs: list[str],
    layout: tuple[int, ...],
    /,
) -> tuple[object, ...]: ...
def join_words(text: str, /) -> str: ...
def block_text(pieces: list[str], breaks: list[int], pre: bool, /) -> str: ...
def record_steps(
    elements: list[str],
    stack: list[list[Any]],
    strings: dict[str, str],
    steps: dict[str, dict[int, str]],
    frames: list[tuple[Any, ...]],
    /,
) -> None: ...
def record_links(
    text: str,
    pieces: list[str],
    closed: list[tuple[int, int, str]],
    anchors: list[list[Any]],
    pre: bool,
    spans: object,
    hrefs: list[str],
    /,
) -> int: ...
