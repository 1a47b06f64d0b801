"""Fuzzing run outside CI: many generated inputs through extract(), with a watchdog.

    python benchmarks/fuzz.py --count 1000000 --start 0 --out benchmarks/fuzz_report.json

Input number n is generated from seed n alone (benchmarks/hostile_grammar.py): 60% random
HTML from the grammar, 10% repeated constructs, 15% random bytes, 15% fixture pages with
bytes flipped, cut or repeated. One input in four is extracted at small limits drawn from
its seed (:func:`limits_for`: depth, elements, attributes, the depth sum, the name work, and
the scripts' and style sheets' bodies dropped from 1 character), where the limits' cuts meet the
raw-text elements, and must give the same result with every body kept. Each one is
checked: the result is an Extraction with 0 <= confidence <= 1, confidence 0 exactly when
no block is content, no control character or surrogate in the text or the title; any
exception must be a BoilerstripError. Every 100th input is extracted twice and must give
the same result. One worker process runs the inputs; the parent kills it when one input
takes longer than --hang seconds, records that seed and goes on from the next one.
Findings (seed, kind, detail) go to --out.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import random
import sys
import time
from dataclasses import replace
from multiprocessing.queues import Queue
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import hostile_grammar as grammar
from boilerstrip import Options

FIXTURES = sorted((Path(__file__).parent.parent / "tests" / "fixtures").glob("*.html"))
SLOW_SECONDS = 1.0


def make_input(seed: int, pages: list[bytes]) -> str | bytes:
    rng = random.Random(seed)
    roll = rng.random()
    if roll < 0.6:
        return grammar.html(rng)
    if roll < 0.7:
        return grammar.nasty(rng)
    if roll < 0.85:
        return grammar.data(rng)
    return grammar.mutate(rng, rng.choice(pages))


def limits_for(seed: int) -> Options | None:
    """Small limits for one input in four (None: the defaults), from the seed alone and not
    from the input's own draw, so that each seed's input is the same as before they came."""
    rng = random.Random(seed * 7919 + 17)
    if rng.random() >= 0.25:
        return None
    return Options(
        max_depth=rng.randint(2, 40),
        max_nodes=rng.randint(3, 400),
        max_attributes=rng.randint(1, 20),
        max_depth_sum=rng.randint(5, 2_000),
        drop_raw_text_min_chars=rng.randint(1, 200),
        max_name_work=rng.randint(1, 400),  # (drawn last: the earlier draws stay as they were)
        max_total_attributes=rng.randint(1, 60),
    )


def check(seed: int, page: str | bytes) -> tuple[str, str] | None:
    from boilerstrip import BoilerstripError, Extraction, extract

    limits = limits_for(seed)
    options = Options() if limits is None else limits
    try:
        result = extract(page, options=options)
        kept = (
            None if limits is None else extract(page, options=replace(limits, drop_raw_text_min_chars=None))
        )
    except BoilerstripError:
        return None
    except Exception as error:
        return "exception", f"{type(error).__name__}: {error}"[:300]
    if kept is not None and kept != result:
        return "bodies", "the result differs with every script and style body kept"
    if not isinstance(result, Extraction):
        return "type", type(result).__name__
    if not 0.0 <= result.confidence <= 1.0:
        return "confidence", str(result.confidence)
    if (result.confidence == 0.0) != (not result.content_blocks):
        return "confidence-0", str(result.confidence)
    for field in (result.text, result.title):
        bad = [c for c in field if (ord(c) < 32 and c not in "\n\t") or 0xD800 <= ord(c) <= 0xDFFF]
        if bad:
            return "control", repr(bad[:5])
    if seed % 100 == 0 and extract(page, options=options) != result:
        return "nondeterministic", ""
    return None


def worker(start: int, stop: int, current: Synchronized[int], findings: Queue[tuple[int, str, str]]) -> None:
    import boilerstrip  # noqa: F401 - imported before the clock starts

    pages = [p.read_bytes() for p in FIXTURES]
    for seed in range(start, stop):
        current.value = seed
        page = make_input(seed, pages)
        began = time.perf_counter()
        found = check(seed, page)
        took = time.perf_counter() - began
        if found:
            findings.put((seed, *found))
        if took > SLOW_SECONDS:
            findings.put((seed, "slow", f"{took:.2f} s, {len(page)} chars/bytes"))
    current.value = stop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--start", type=int, default=0)
    parser.add_argument("--hang", type=float, default=60.0, help="seconds after which an input is a hang")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/fuzz_report.json"))
    args = parser.parse_args()
    stop = args.start + args.count
    findings: list[tuple[int, str, str]] = []
    queue: Queue[tuple[int, str, str]] = mp.Queue()
    current = mp.Value("q", args.start)
    began = time.time()
    next_seed = args.start
    while next_seed < stop:
        proc = mp.Process(target=worker, args=(next_seed, stop, current, queue), daemon=True)
        proc.start()
        last_seed, last_change = current.value, time.time()
        while proc.is_alive():
            proc.join(1.0)
            while not queue.empty():
                findings.append(queue.get())
            if current.value != last_seed:
                last_seed, last_change = current.value, time.time()
            elif time.time() - last_change > args.hang:
                proc.kill()
                proc.join()
                findings.append((last_seed, "hang", f"over {args.hang:.0f} s"))
                break
        while not queue.empty():
            findings.append(queue.get())
        if proc.exitcode not in (0, None) and not (findings and findings[-1][0] == current.value):
            findings.append((current.value, "crash", f"worker exit code {proc.exitcode}"))
        next_seed = current.value + 1 if current.value < stop else stop
        if proc.exitcode == 0:
            break
        current.value = next_seed
    report = {
        "inputs": stop - args.start,
        "first_seed": args.start,
        "seconds": round(time.time() - began, 1),
        "findings": [{"seed": s, "kind": k, "detail": d} for s, k, d in sorted(findings)],
    }
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    kinds: dict[str, int] = {}
    for _, kind, _ in findings:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(f"{report['inputs']} inputs in {report['seconds']} s; findings: {kinds or 'none'}")


if __name__ == "__main__":
    main()
