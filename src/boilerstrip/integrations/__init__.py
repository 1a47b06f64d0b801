"""Ways to run boilerstrip inside data engines and crawlers, each behind its own extra.

Import the one you use; none is imported by ``boilerstrip`` itself:

- ``boilerstrip.integrations.ray`` (``pip install 'boilerstrip[ray]'``): a callable class for
  ``ray.data.Dataset.map_batches`` and a reader of WARC files into a Dataset of pages.
- ``boilerstrip.integrations.dask`` (``pip install 'boilerstrip[dask]'``): a function for
  ``dask.bag.Bag.map`` and a reader of WARC files into a Bag of pages.
- ``boilerstrip.integrations.datatrove`` (``pip install 'boilerstrip[datatrove]'``): an
  extractor step that drops in where FineWeb uses trafilatura.
- ``boilerstrip.integrations.scrapy`` (``pip install 'boilerstrip[scrapy]'``): an item pipeline
  configured from settings, and a helper for a spider's parse callback.
"""
