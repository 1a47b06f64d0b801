"""Throughput of the engine integrations against a plain loop, over WARC files of dev pages.

    python benchmarks/engines.py ../shared/datasets --pages 2000 --files 4 --cpus 2

Writes ``--files`` WARC files of ``--pages`` development pages (a seeded sample, as
``score.py --sample`` draws it) into a temporary folder, then extracts them: in this process
(one core), with Ray Data (``read_warc_dataset`` -> ``Extractor`` in an actor pool of
``--cpus - 1`` actors) and with Dask (``read_warc_bag`` -> ``extract_page`` on a LocalCluster of
``--cpus`` worker processes). Prints pages/s of each, timed from the start of the run to its
last record (the engine's start-up is timed apart), and the CPU time per page of this
process and the children it reaped: all of it for the loop and Dask, but not Ray's workers
(children of its raylet), so Ray's CPU figure is too low. Run one engine per invocation
for CPU figures of its own. Needs ``pip install -e '.[dev]'``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import resource
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _pages import page_keys
from boilerstrip import Options
from boilerstrip.batch import page_record, read_warc


def write_warcs(data: Path, pages: int, files: int, seed: int, folder: Path) -> list[Path]:
    import random

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    keys = page_keys(data)
    chosen = sorted(random.Random(seed).sample(sorted(keys), min(pages, len(keys))))
    paths = [folder / f"dev-{n}.warc.gz" for n in range(files)]
    for n, path in enumerate(paths):
        with path.open("wb") as stream:
            writer = WARCWriter(stream, gzip=True)
            for key in chosen[n::files]:
                body = gzip.decompress(keys[key].read_bytes())
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(
                        f"https://dev.example/{key}", "response", payload=io.BytesIO(body), http_headers=http
                    )
                )
    return paths


def run_serial(paths: list[Path], cpus: int) -> Counter[str]:
    options = Options()
    return Counter(page_record(page, options)["status"] for path in paths for page in read_warc(path))


def run_ray(paths: list[Path], cpus: int) -> Counter[str]:
    import ray

    from boilerstrip.integrations.ray import Extractor, read_warc_dataset

    started = time.perf_counter()
    ray.init(num_cpus=cpus, include_dashboard=False, log_to_driver=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    print(f"  ray.init: {time.perf_counter() - started:.1f} s")
    try:
        records = read_warc_dataset(paths).map_batches(
            Extractor, compute=ray.data.ActorPoolStrategy(size=max(1, cpus - 1)), batch_size=64
        )
        return Counter(row["status"] for row in records.select_columns(["status"]).iter_rows())
    finally:
        ray.shutdown()


def run_dask(paths: list[Path], cpus: int) -> Counter[str]:
    import distributed

    from boilerstrip.integrations.dask import extract_page, read_warc_bag

    started = time.perf_counter()
    # distributed's constructors are untyped: called through names typed here.
    local_cluster: Callable[..., Any] = distributed.LocalCluster
    client: Callable[..., Any] = distributed.Client
    with (
        local_cluster(n_workers=cpus, threads_per_worker=1, dashboard_address=None) as cluster,
        client(cluster),
    ):
        print(f"  LocalCluster: {time.perf_counter() - started:.1f} s")
        bag: Any = read_warc_bag(paths)  # dask's Bag methods are untyped
        statuses = bag.map(extract_page).pluck("status").frequencies().compute()
    return Counter(dict(statuses))


ENGINES: dict[str, Callable[[list[Path], int], Counter[str]]] = {
    "serial": run_serial,
    "ray": run_ray,
    "dask": run_dask,
}


def cpu_seconds() -> float:
    """CPU time of this process and of its children that ended (the engines' daemons and
    workers, once shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--cpus", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--engines", default="serial,ray,dask")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="boilerstrip-engines-") as folder:
        paths = write_warcs(args.data, args.pages, args.files, args.seed, Path(folder))
        for name in args.engines.split(","):
            print(f"{name}:")
            started, cpu = time.perf_counter(), cpu_seconds()
            statuses = ENGINES[name](paths, args.cpus)
            seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
            total = sum(statuses.values())
            print(
                f"  {total} records {dict(statuses)} in {seconds:.1f} s: {total / seconds:.1f} pages/s; "
                f"CPU {cpu:.1f} s, {1000 * cpu / total:.0f} ms per page"
            )


if __name__ == "__main__":
    main()
