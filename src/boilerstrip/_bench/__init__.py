"""``boilerstrip bench``: boilerstrip and its peers on annotated pages (see ``_cli``)."""

from ._cli import benchmark, main

__all__ = ["benchmark", "main"]
