"""The core never imports an optional dependency: `import boilerstrip` and `boilerstrip.batch`
and an extraction leave every integration and extra out of sys.modules."""

from __future__ import annotations

import subprocess
import sys

OPTIONAL = (
    "fastwarc", "warcio", "tqdm", "pyarrow", "ray", "dask", "distributed", "datatrove", "scrapy", "twisted",
)  # fmt: skip

SCRIPT = """
import sys
import boilerstrip, boilerstrip.batch
from boilerstrip import extract
from boilerstrip.batch import SourcePage, page_record
extract("<html><body><p>Hello, world.</p></body></html>")
page_record(SourcePage(b"<p>x</p>", None, None, None, "x.html"), boilerstrip.Options())
print(" ".join(sorted({name.partition(".")[0] for name in sys.modules})))
"""


def test_core_imports_no_optional_dependency() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    loaded = set(done.stdout.split())
    assert "boilerstrip" in loaded  # the script ran to its end
    assert loaded.isdisjoint(OPTIONAL), sorted(loaded & set(OPTIONAL))
