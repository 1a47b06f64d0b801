# The C loop of the limits scan (_cscan.c), in the compiled build only.
from ._open_elements import OpenElements

def scan(
    text: str | bytes,
    stack: OpenElements,
    node_limit: int,
    depth_limit: int,
    attribute_limit: int,
    volume_limit: int,
    tables: tuple[object, ...],
    /,
) -> tuple[int, int, int, int | None, str]: ...
def has_control(text: str, /) -> bool: ...
def new_tuple(cls: type[tuple[object, ...]], fields: tuple[object, ...], /) -> tuple[object, ...]: ...
