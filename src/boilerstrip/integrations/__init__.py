"""Adapters for data-processing engines and scrapers; each is imported only by its user."""
