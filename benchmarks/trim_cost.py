"""What ``extract()``'s trim of glibc's heap costs and what it keeps resident, per setting.

Each run is a fresh process that extracts score.py's sample (``--sample 300 --seed 0``),
reading and decoding each page just before its call as score.py does, with one setting of
``Options.release_after_chars`` / ``Options.release_min_free_top``; it reports the CPU time
(user and system) and minor page faults of the extraction loop, and VmRSS after each
extraction (after the first 100). Runs alternate settings ``--rounds`` times, so that a busy
machine's drift falls on all of them:

    python benchmarks/trim_cost.py ../shared/datasets --rounds 3 --out /tmp/trim.json
    PYTHONPATH=/tmp/build/pkg python benchmarks/trim_cost.py ../shared/datasets   # a compiled build

Settings: ``none`` (no trim), ``every`` (after every page of 64 K characters, whatever the
heap holds: the default before release_min_free_top), ``default`` (Options()), and
``top=N`` (the default size gate, a free top of at least N KiB).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def child(data: Path, setting: str) -> dict[str, object]:
    sys.path.insert(0, str(HERE))
    import _pages
    from boilerstrip import Options, extract

    if setting == "none":
        options = Options(release_after_chars=None)
    elif setting == "every":
        options = Options(release_min_free_top=None)
    elif setting == "default":
        options = Options()
    else:
        options = Options(release_min_free_top=int(setting.removeprefix("top=")) * 1024)
    keys = _pages.page_keys(data)
    chosen = sorted(random.Random(0).sample(sorted(keys), 300))
    extract(_pages.read(keys[chosen[0]]), options=options)  # the warm call
    times: list[float] = []
    rss: list[float] = []
    before = resource.getrusage(resource.RUSAGE_SELF)
    for key in chosen:
        html = _pages.read(keys[key])
        start = time.perf_counter()
        extract(html, options=options)
        times.append(time.perf_counter() - start)
        with open("/proc/self/statm") as statm:
            rss.append(int(statm.read().split()[1]) * resource.getpagesize() / 2**20)
    after = resource.getrusage(resource.RUSAGE_SELF)
    kept = rss[100:]
    return {
        "setting": setting,
        "median_ms": 1000 * statistics.median(times),
        "user_s": after.ru_utime - before.ru_utime,
        "system_s": after.ru_stime - before.ru_stime,
        "minor_faults": after.ru_minflt - before.ru_minflt,
        "rss_mb": [min(kept), statistics.median(kept), max(kept)],
    }


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--settings", nargs="+", default=["none", "every", "default", "top=1024", "top=4096"])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.data, args.child)))
        return
    runs = []
    for _ in range(args.rounds):
        for setting in args.settings:
            out = subprocess.run(
                [sys.executable, __file__, str(args.data), "--child", setting],
                check=True, capture_output=True, text=True,
            )  # fmt: skip
            runs.append(json.loads(out.stdout))
            print(json.dumps(runs[-1]), file=sys.stderr)
    print(
        "| setting | CPU s, user + system, by round | system s | minor faults | VmRSS MB min, median, max |"
    )
    print("|---|---|---|---|---|")
    for setting in args.settings:
        mine = [r for r in runs if r["setting"] == setting]
        cpu = ", ".join(f"{r['user_s'] + r['system_s']:.2f}" for r in mine)
        system = ", ".join(f"{r['system_s']:.2f}" for r in mine)
        faults = ", ".join(f"{r['minor_faults']:,}" for r in mine)
        rss = "; ".join(" / ".join(f"{v:.1f}" for v in r["rss_mb"]) for r in mine)
        print(f"| {setting} | {cpu} | {system} | {faults} | {rss} |")
    if args.out:
        args.out.write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
