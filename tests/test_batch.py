"""`boilerstrip batch`: inputs, one record per page, faults isolated, resume, exit codes, output."""

from __future__ import annotations

import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from boilerstrip import Options, extract
from boilerstrip._batch_cli import main
from boilerstrip.batch import run_batch
from optional import needs
from warc_pages import Response, cp1251_page, fixture, write_warc

NAMES = ["news_seed", "german_news", "recipe", "docs_page", "forum_thread", "text_only"]
# Seconds per page: the hanging page costs this much. The others must finish under it even on a
# loaded machine: 5 s timed healthy pages out at a load of 19 on 2 CPUs.
TIMEOUT = "20"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    return [json.loads(line) for line in data.decode("utf-8").splitlines()]


def batch(*args: str | Path) -> int:
    return main([str(a) for a in args])


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    for name in NAMES:
        (folder / f"{name}.html").write_bytes(fixture(name))
    return folder


@pytest.fixture
def warc(tmp_path: Path) -> tuple[Path, list[str]]:
    responses = [Response(f"https://example.org/{n}", fixture(n)) for n in NAMES]
    responses.append(Response("https://example.org/ru", cp1251_page(), "text/html; charset=windows-1251"))
    responses.append(Response("https://example.org/a.css", b"body{}", "text/css"))
    path = tmp_path / "crawl.warc.gz"
    return path, write_warc(path, responses, gzip=True)


def test_folder_of_html_files(pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.jsonl"
    assert batch(pages, "-o", out, "-j", "2", "--quiet") == 0
    records = read_jsonl(out)
    assert [r["origin"] for r in records] == [str(pages / f"{n}.html") for n in sorted(NAMES)]
    for record in records:
        expected = extract(Path(record["origin"]).read_bytes())
        assert (record["status"], record["text"], record["title"]) == ("ok", expected.text, expected.title)
    assert "6 pages" in capsys.readouterr().err
    assert not (tmp_path / "out.jsonl.partial").exists()


@needs("warcio", "fastwarc")
def test_warc_gives_one_record_per_html_response(
    warc: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = warc
    out = tmp_path / "out.jsonl.gz"
    assert batch(path, "-o", out, "-j", "2", "--blocks") == 0
    records = read_jsonl(out)
    assert [r["record_id"] for r in records] == ids[:-1]  # the style sheet is no page
    assert [r["url"] for r in records][-1] == "https://example.org/ru"
    assert records[-1]["text"] == extract(fixture("russian_news")).text  # the header's charset
    seed = extract(fixture("news_seed"), url="https://example.org/news_seed")
    assert records[0]["blocks"] == [
        {"text": b.text, "label": b.label.value, "score": b.score} for b in seed.blocks
    ]
    summary = capsys.readouterr().err
    assert "7 pages" in summary and "7 ok" in summary and "0 errors" in summary


def test_jsonl_input_with_field_names(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"key": i, "link": f"https://example.org/{n}", "body": fixture(n).decode()})
        for i, n in enumerate(NAMES)
    ]
    source.write_text("\n".join([*lines, "not json"]) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    code = batch(
        source, "-o", out, "--html-field", "body", "--url-field", "link", "--id-field", "key", "-j", "1"
    )
    records = read_jsonl(out)
    assert [r["record_id"] for r in records[:-1]] == [str(i) for i in range(len(NAMES))]
    assert [r["status"] for r in records] == ["ok"] * len(NAMES) + ["error"]
    assert records[-1]["origin"] == f"{source}:{len(NAMES) + 1}"
    assert code == 3


def write_plan(tmp_path: Path, plan: dict[str, str]) -> Path:
    path = tmp_path / "faults.json"
    path.write_text(json.dumps(plan), "utf-8")
    return path


FAULTY = {"german_news": "crash", "recipe": "hang", "docs_page": "raise"}
KINDS = {"crash": "crash", "hang": "timeout", "raise": "error"}


def test_faults_give_one_error_record_each(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = write_plan(tmp_path, {str(pages / f"{n}.html"): a for n, a in FAULTY.items()})
    out = tmp_path / "out.jsonl"
    assert batch(pages, "-o", out, "-j", "2", "--timeout", TIMEOUT, "--fault-plan", plan) == 3
    records = {Path(r["origin"]).stem: r for r in read_jsonl(out)}
    assert len(records) == len(NAMES) == len(read_jsonl(out))
    for name, record in records.items():
        assert record["status"] == (KINDS[FAULTY[name]] if name in FAULTY else "ok")
    assert "SIGSEGV" in records["german_news"]["error"]
    assert "fault injected" in records["docs_page"]["error"]
    summary = capsys.readouterr().err
    assert "3 ok, 3 errors (crash 1, error 1, timeout 1)" in summary


def test_resume_skips_done_pages_and_retries_failed_ones(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    origins = [str(pages / f"{n}.html") for n in sorted(NAMES)]
    first = write_plan(tmp_path, {origins[0]: "raise", origins[1]: "crash"})
    assert batch(pages, "-o", out, "-j", "2", "--fault-plan", first) == 3
    assert [r["status"] for r in read_jsonl(out)][:2] == ["error", "crash"]
    # Any page extracted again would now fail: the resumed run must only touch the two failed ones.
    second = write_plan(tmp_path, dict.fromkeys(origins[2:], "raise"))
    assert batch(pages, "-o", out, "-j", "2", "--resume", "--fault-plan", second) == 0
    records = read_jsonl(out)
    assert sorted(r["origin"] for r in records) == origins
    assert all(r["status"] == "ok" for r in records)


def test_resume_of_a_finished_output_does_nothing(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert batch(pages, "-o", out, "-j", "1") == 0
    before = out.read_bytes()
    summary = run_batch([pages], out, jobs=1, resume=True)
    assert (summary.pages, summary.skipped, summary.failed) == (0, len(NAMES), False)
    assert out.read_bytes() == before


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@needs("tqdm")
@pytest.mark.parametrize("quiet", [False, True], ids=["bar", "quiet"])
def test_progress_bar_on_a_terminal_unless_quiet(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, quiet: bool
) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert batch(pages, "-o", tmp_path / "out.jsonl", "-j", "1", *(["--quiet"] if quiet else [])) == 0
    shown = terminal.getvalue()
    assert ("\r" in shown) == (not quiet)  # tqdm redraws its line with carriage returns
    assert shown.count("boilerstrip batch done: 6 pages") == 1


@needs("pyarrow")
def test_parquet_output(pages: Path, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "out.parquet"
    plan = write_plan(tmp_path, {str(pages / "recipe.html"): "raise"})
    assert batch(pages, "-o", out, "-j", "2", "--blocks", "--fault-plan", plan) == 3
    rows = {Path(r["origin"]).stem: r for r in pq.read_table(out).to_pylist()}
    assert rows["news_seed"]["text"] == extract(fixture("news_seed")).text
    assert rows["news_seed"]["blocks"][0]["label"] == extract(fixture("news_seed")).blocks[0].label.value
    assert (rows["recipe"]["status"], rows["recipe"]["text"]) == ("error", None)
    assert batch(pages, "-o", out, "-j", "1", "--resume") == 0
    assert {r["status"] for r in pq.read_table(out).to_pylist()} == {"ok"}


@pytest.mark.parametrize(
    "args",
    [
        ["-o", "out.csv"],
        ["-o", "out.jsonl", "--set", "no_such_option=1"],
        ["-o", "out.jsonl", "--jobs", "0"],
        ["-o", "out.jsonl", "--set", "threshold=2"],
        ["-o", "out.jsonl", "--set", "replace=1"],
        ["-o", "out.jsonl", "--timeout", "nan"],
        ["-o", "out.jsonl", "--timeout", "1e308"],
    ],
    ids=["output kind", "unknown option", "no workers", "option out of range", "no field", "nan", "huge"],
)
def test_usage_errors_exit_2(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert batch(pages, *args) == 2
    assert not list(tmp_path.glob("out.*"))


@pytest.mark.parametrize(
    ("plan", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "--fault-plan: its JSON nests too deep to be read"),
        ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "--fault-plan: its JSON nests too deep"),
        ('["crash"]', "--fault-plan: a JSON object mapping page keys"),
        ('{"a": "explode"}', "--fault-plan: a JSON object mapping page keys"),
    ],
    ids=["deep", "deep-value", "not-an-object", "unknown-fault"],
)
def test_bad_fault_plan_is_a_usage_error(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], plan: str, message: str
) -> None:
    # JSON nested too deep raised json's RecursionError: a traceback, not the usage error
    (tmp_path / "plan.json").write_text(plan, "utf-8")
    assert batch(pages, "-o", tmp_path / "out.jsonl", "--fault-plan", tmp_path / "plan.json") == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("out.*"))


def test_parquet_without_pyarrow_names_the_extra(
    pages: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import fails as if not installed
    assert batch(pages, "-o", tmp_path / "out.parquet") == 2
    assert "pip install 'boilerstrip[parquet]'" in capsys.readouterr().err
    assert not list(tmp_path.glob("out.*"))


def test_output_folder_that_does_not_exist_is_a_usage_error(pages: Path, tmp_path: Path) -> None:
    assert batch(pages, "-o", tmp_path / "absent" / "out.jsonl") == 2


def test_options_are_shipped_to_the_workers(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    settings = ["--recall", "--set", "decision=threshold", "--set", "threshold=0.1"]
    assert batch(pages / "news_seed.html", "-o", out, *settings, "-j", "1") == 0
    (record,) = read_jsonl(out)
    expected = extract(fixture("news_seed"), options=Options.recall(decision="threshold", threshold=0.1))
    assert record["text"] == expected.text
    assert len(expected.text) > len(extract(fixture("news_seed")).text)  # the options matter here


def test_unreadable_input_is_reported_and_the_rest_goes_on(pages: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    summary = run_batch([tmp_path / "missing.html", pages / "recipe.html"], out, jobs=1, stderr=io.StringIO())
    assert (summary.ok, summary.unreadable_inputs, summary.failed) == (1, 1, True)


def start_hanging_run(pages: Path, out: Path, tmp_path: Path) -> subprocess.Popen[str]:
    """A batch in a session of its own, stuck on its fourth page of six once three are written."""
    plan = write_plan(tmp_path, {str(pages / "news_seed.html"): "hang"})
    command = [sys.executable, "-m", "boilerstrip", "batch", str(pages), "-o", str(out), "-j", "1",
               "--timeout", "300", "--fault-plan", str(plan)]  # fmt: skip
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # A shell's background job ignores SIGINT, and its children inherit that: undo it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    partial = out.with_name(out.name + ".partial")
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.read_text("utf-8").count("\n") >= 3):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.1)
    return process


def wait_for_group_exit(group: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_ends_the_workers_and_leaves_valid_output(
    pages: Path, tmp_path: Path, stop: signal.Signals
) -> None:
    out = tmp_path / "out.jsonl"
    process = start_hanging_run(pages, out, tmp_path)
    os.killpg(process.pid, stop)  # to the whole group, as a terminal's Ctrl-C
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "interrupted: 3 pages" in err
    assert [Path(r["origin"]).stem for r in read_jsonl(out)] == sorted(NAMES)[:3]
    assert wait_for_group_exit(process.pid, 10)  # the workers and multiprocessing's helpers too


def test_a_killed_parent_takes_its_stuck_worker_with_it(pages: Path, tmp_path: Path) -> None:
    process = start_hanging_run(pages, tmp_path / "out.jsonl", tmp_path)
    process.kill()  # SIGKILL to the parent alone: nothing of it can clean up
    process.communicate(timeout=60)
    assert wait_for_group_exit(process.pid, 10)


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_resume_reads_what_a_killed_run_left(tmp_path: Path, name: str) -> None:
    from boilerstrip._batch_output import kept_records

    lines = [
        {"record_id": "a", "origin": "w#0", "status": "ok", "text": "A"},
        {"record_id": None, "origin": "p.html", "status": "crash", "error": "died"},
        {"record_id": "b", "origin": "w#9", "status": "timeout", "error": "slow"},
        {"record_id": "b", "origin": "w#9", "status": "ok", "text": "B"},  # retried: the later record wins
        {"record_id": "c", "origin": "w#20", "status": "ok", "text": "C"},
        {"record_id": "c", "origin": "w#20", "status": "error", "error": "x"},
    ]
    data = "".join(json.dumps(r) + "\n" for r in lines) + '{"record_id": "d", "sta'  # cut short
    path = tmp_path / name
    raw = data.encode()
    path.write_bytes(gzip.compress(raw)[:-8] if name.endswith(".gz") else raw)  # gzip: no trailer either
    kept = kept_records(path)
    assert {k: r["text"] for k, r in kept.items()} == {"a": "A", "b": "B"}


def test_a_worker_that_died_idle_is_replaced_and_no_page_is_lost(pages: Path) -> None:
    from boilerstrip._batch import BatchSummary
    from boilerstrip._batch_supervisor import Supervisor
    from boilerstrip.batch import iter_sources

    supervisor = Supervisor(1, 30.0, (Options(), False, {}))
    while not supervisor.workers[0].ready:
        supervisor._wait()
    supervisor.workers[0].process.kill()  # killed from outside (an OOM kill) before its first page
    supervisor.workers[0].process.join()
    records: list[dict[str, Any]] = []
    supervisor.run(iter_sources([pages]), {}, BatchSummary(), records.append)
    assert [r["origin"] for r in records] == [str(pages / f"{n}.html") for n in sorted(NAMES)]
    assert {r["status"] for r in records} == {"ok"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_worker_gets_its_next_page_before_the_last_record_is_written(pages: Path, jobs: int) -> None:
    """The parent hands a free worker its next page (read while the worker extracted the
    last), and only then writes records; it reads at most one page ahead for each worker."""
    from boilerstrip._batch import BatchSummary
    from boilerstrip._batch_supervisor import Supervisor
    from boilerstrip.batch import iter_sources

    supervisor = Supervisor(jobs, 30.0, (Options(), False, {}))
    idle_with_pages_left: list[bool] = []  # at each write: a free worker while pages wait
    read_ahead: list[int] = []  # pages read and not handed out yet, at each write

    def write(record: dict[str, Any]) -> None:
        free = any(w.ready and w.page is None for w in supervisor.workers)
        left = bool(supervisor.ahead or supervisor.unsent) or not supervisor.exhausted
        idle_with_pages_left.append(free and left)
        read_ahead.append(len(supervisor.ahead))
        records.append(record)

    records: list[dict[str, Any]] = []
    supervisor.run(iter_sources([pages]), {}, BatchSummary(), write)
    assert [r["origin"] for r in records] == [str(pages / f"{n}.html") for n in sorted(NAMES)]
    assert {r["status"] for r in records} == {"ok"}
    # (A worker slowed down may let the other finish every later page first: then the
    # records are written with both free and no page left, which is no fault.)
    assert not any(idle_with_pages_left)
    assert max(read_ahead) <= jobs  # at most one page read ahead for each worker


# Run in a fresh interpreter: the call is process-wide. A freed 16 MB block would raise glibc's
# dynamic threshold to 16 MB; with the threshold fixed, a new 4 MB block is still mmapped.
_THRESHOLD_CHECK = """
import ctypes, sys
from boilerstrip._batch_supervisor import fix_mmap_threshold
libc = ctypes.CDLL(None)
if not hasattr(libc, "mallinfo2"):
    sys.exit(3)
NAMES = "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost"
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in NAMES.split()]
libc.mallinfo2.restype = Info
fixed = "fix" in sys.argv and fix_mmap_threshold()
big = bytes(16 << 20)
del big
libc.malloc_trim(0)  # a free top as big as the block would hold it, mmapped or not
before = libc.mallinfo2().hblkhd
block = bytes(4 << 20)
print(int(fixed), int(libc.mallinfo2().hblkhd - before >= 4 << 20))
"""


@pytest.mark.skipif(not (os.confstr("CS_GNU_LIBC_VERSION") or "").startswith("glibc"), reason="glibc only")
@pytest.mark.parametrize(("argument", "expected"), [("fix", "1 1"), ("", "0 0")])
def test_worker_keeps_glibc_mmap_threshold_fixed(argument: str, expected: str) -> None:
    command = [sys.executable, "-c", _THRESHOLD_CHECK, argument]
    out = subprocess.run(command, check=False, capture_output=True, text=True)
    if out.returncode == 3:
        pytest.skip("no mallinfo2 in this glibc")
    assert out.stdout.split() == expected.split(), out.stderr
