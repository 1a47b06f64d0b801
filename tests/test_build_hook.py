"""The compiled build's hook (hatch_build.py): which compiler gets a profile-guided build,
the flags of each build phase, and the pages the instrumented build is trained on."""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_hook() -> types.ModuleType:
    """hatch_build.py without hatchling, which only its hook class needs."""
    stubs = {
        name: types.ModuleType(name)
        for name in (
            "hatchling",
            "hatchling.builders",
            "hatchling.builders.hooks",
            "hatchling.builders.hooks.plugin",
            "hatchling.builders.hooks.plugin.interface",
        )
    }
    stubs["hatchling.builders.hooks.plugin.interface"].BuildHookInterface = object  # type: ignore[attr-defined]
    saved = {name: sys.modules.get(name) for name in stubs}
    sys.modules.update(stubs)
    try:
        spec = importlib.util.spec_from_file_location("_hatch_build_under_test", ROOT / "hatch_build.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        for name, old in saved.items():
            if old is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = old
    return module


HOOK = _load_hook()
FSF = "Copyright (C) 2022 Free Software Foundation, Inc.\n"


@pytest.mark.parametrize(
    ("text", "major"),
    [
        ("gcc (Debian 12.2.0-14+deb12u1) 12.2.0\n" + FSF, 12),
        ("cc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0\n" + FSF, 11),
        ("x86_64-linux-gnu-gcc-10 (Debian 10.2.1-6) 10.2.1 20210110\n" + FSF, 10),
        ("gcc (GCC) 9.4.0\n" + FSF, 9),
        ("gcc (GCC) 13.2.1 20231205 (Red Hat 13.2.1-6)\n" + FSF, 13),
        ("gcc version unknown\n" + FSF, 0),
        ("Debian clang version 14.0.6\nTarget: x86_64-pc-linux-gnu\n", 0),
        ("Apple clang version 15.0.0 (clang-1500.1.0.2.5)\nTarget: arm64-apple-darwin23\n", 0),
        ("icx (ICX) 2024.0.0\n", 0),
        ("", 0),
    ],
)
def test_gcc_major_reads_the_version_line(text: str, major: int) -> None:
    assert HOOK.gcc_major(text) == major


def test_no_profile_when_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOOK.PGO_SWITCH, "0")
    assert HOOK.profile_guided() is False


def test_no_profile_without_a_compiler(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(HOOK.PGO_SWITCH, raising=False)
    monkeypatch.setenv("CC", str(tmp_path / "no-such-cc"))
    assert HOOK.profile_guided() is False


@pytest.mark.parametrize("phase", ["plain", "generate", "use"])
def test_every_phase_hides_the_extensions_symbols(phase: str, tmp_path: Path) -> None:
    compile_args, _ = HOOK.phase_flags(phase, tmp_path)
    assert "-fvisibility=hidden" in compile_args


def test_generate_instruments_compile_and_link(tmp_path: Path) -> None:
    compile_args, link_args = HOOK.phase_flags("generate", tmp_path)
    assert f"-fprofile-generate={tmp_path}" in compile_args
    assert link_args == [f"-fprofile-generate={tmp_path}"]  # links GCC's profiling runtime


def test_use_reads_the_same_folder_and_keeps_untrained_code_optimised(tmp_path: Path) -> None:
    compile_args, link_args = HOOK.phase_flags("use", tmp_path)
    assert f"-fprofile-use={tmp_path}" in compile_args
    assert "-fprofile-partial-training" in compile_args
    assert link_args == []
    assert not any(arg.startswith("-fprofile-generate") for arg in compile_args)


def test_plain_has_no_profile_flags(tmp_path: Path) -> None:
    compile_args, link_args = HOOK.phase_flags("plain", tmp_path)
    assert not any(arg.startswith("-fprofile") for arg in compile_args)
    assert link_args == []


def test_unknown_phase_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown build phase"):
        HOOK.phase_flags("train", tmp_path)


def test_training_pages_are_the_hand_made_fixtures() -> None:
    pages = HOOK.training_pages(ROOT)
    assert len(pages) >= 20
    assert all(page.is_relative_to(ROOT / "tests" / "fixtures") and page.suffix == ".html" for page in pages)
    assert ROOT / "tests" / "fixtures" / "news_seed.html" in pages


def test_training_needs_the_runtime_dependencies_as_pinned() -> None:
    tomllib = pytest.importorskip("tomllib")
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert set(HOOK.TRAINING_REQUIRES) == {spec for spec in declared if not spec.startswith("lxml")}
