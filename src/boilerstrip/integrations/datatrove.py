"""A datatrove extractor step: boilerstrip where FineWeb uses ``Trafilatura(...)``.

>>> from boilerstrip.integrations.datatrove import Boilerstrip
>>> pipeline = [WarcReader("crawl/"), Boilerstrip(), LanguageFilter(), JsonlWriter("out/")]

Needs ``pip install 'boilerstrip[datatrove]'``. Importing this module imports datatrove;
nothing else in boilerstrip does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.extractors.base import BaseExtractor, ExtractorSandbox
from datatrove.utils.logging import logger
from datatrove.utils.typeshelper import StatHints

from .._errors import ExtractionTimeoutError
from .._extract import extract
from .._model import Extraction
from .._options import Options

__all__ = ["Boilerstrip", "document_metadata"]

# Per-document deadline of datatrove's sandbox (seconds). Design: the slowest of the 2,731
# development pages takes 0.45 s on one idle core; 2 s leaves room for a loaded machine.
DEFAULT_TIMEOUT = 2.0


@dataclass(frozen=True, slots=True)
class _Failure:
    """An extraction error, sent back from the sandbox's process as a value: a raised
    exception would end that process, and a TimeoutError would make the sandbox kill it."""

    kind: str  # "timeout" (past Options.time_budget) or "error"
    message: str


def document_metadata(result: Extraction) -> dict[str, Any]:
    """The fields the step adds to a document's metadata, named as in the batch records:
    confidence, labels (the number of blocks of each label), title, language, truncated."""
    labels = Counter(block.label.value for block in result.blocks)
    return {
        "confidence": result.confidence,
        "labels": dict(sorted(labels.items())),
        "title": result.title,
        "language": result.language,
        "truncated": result.truncated,
    }


class Boilerstrip(BaseExtractor):  # type: ignore[misc]  # datatrove ships no type information
    """Replaces each document's HTML with its main text and adds :func:`document_metadata`
    to its metadata; documents left with no text are dropped, as datatrove's extractors do.

    ``options`` (an :class:`~boilerstrip.Options`) is shipped with the step to every task.
    ``timeout`` is datatrove's own per-document deadline: each document is extracted in the
    sandbox process of :class:`BaseExtractor`, which is killed and started again past it.
    ``Options.time_budget`` still applies inside ``extract()``; a page that passes it is
    counted as a timeout too, without restarting the process. A later ``LanguageFilter``
    overwrites ``metadata["language"]`` with its own guess.
    """

    name = "boilerstrip"
    _warned_error: bool  # set by BaseExtractor.__init__

    def __init__(self, options: Options | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        super().__init__(timeout=timeout)
        if options is not None and not isinstance(options, Options):
            raise TypeError(f"options must be a boilerstrip Options, not {type(options).__name__}")
        self.options = options

    def extract(self, text: str) -> str:
        """The main text of the page ``text`` ("" for "", which the sandbox's warm-up sends)."""
        if not text:
            return ""
        return extract(text, options=self.options).text

    def _extract_document(self, text: str) -> tuple[str, dict[str, Any]] | _Failure:
        # Runs in the sandbox's process: every error comes back as a value.
        if not text:
            return "", {}
        try:
            result = extract(text, options=self.options)
        except ExtractionTimeoutError as error:
            return _Failure("timeout", str(error))
        except Exception as error:  # a bug must not end the process: it is counted and logged
            return _Failure("error", f"{type(error).__name__}: {error}")
        return result.text, document_metadata(result)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        """BaseExtractor's loop, with the metadata of each extraction kept; stat names as there."""
        if data is None:
            return
        with ExtractorSandbox(timeout=self.timeout) as sandbox:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    outcome = self._process(sandbox, doc)
                self.stat_update(outcome or "extracted")
                if outcome is not None:
                    continue
                if doc.text:
                    self.stat_update(StatHints.forwarded)
                    self.update_doc_stats(doc)
                    yield doc
                else:
                    self.stat_update(StatHints.dropped)

    def _process(self, sandbox: ExtractorSandbox, doc: Document) -> str | None:
        """Extract ``doc`` in place; None, or the name of the stat of a failure."""
        try:
            result = sandbox.process_document(doc.text, self._extract_document)
        except TimeoutError:
            logger.warning("Timeout while extracting a document: skipped")
            return "timeout"
        except EOFError:
            logger.warning("The extraction process died: a new one starts for the next document")
            return "broken_process"
        except Exception as error:  # the sandbox's pipe failed: skipped as BaseExtractor does
            self._warn_once(_Failure("error", f"{type(error).__name__}: {error}"))
            return "clean_error"
        if isinstance(result, _Failure):
            self._warn_once(result)
            return "timeout" if result.kind == "timeout" else "clean_error"
        doc.text, metadata = result
        doc.metadata.update(metadata)
        return None

    def _warn_once(self, failure: _Failure) -> None:
        if not self._warned_error:
            logger.warning(f"boilerstrip failed on a document ({failure.message}): skipped; shown once")
            self._warned_error = True
