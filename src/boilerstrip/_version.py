"""The one place the package version lives (read by hatchling and by ``boilerstrip.__version__``)."""

__version__ = "0.1.0"
