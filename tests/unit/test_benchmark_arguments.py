"""Every benchmark module that can be run answers ``--help`` with its usage and refuses a bad
argument with exit 2: ``python -m benchmarks.scale_bench --help`` took ``--help`` for a folder
and wrote a demo into ./--help. The arguments the Makefile and the docs give still parse."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
RUNNABLE = sorted(
    path.stem
    for path in BENCHMARKS.glob("*.py")
    if 'if __name__ == "__main__":' in path.read_text(encoding="utf-8")
)


def _module_name(stem: str) -> str:
    return "benchmarks" if stem == "__main__" else f"benchmarks.{stem}"


def test_every_runnable_benchmark_is_found() -> None:
    assert {"__main__", "scale_bench", "server_bench", "stall_bench"} <= set(RUNNABLE)


@pytest.mark.parametrize(
    ("argv", "code", "stream"),
    [(["--help"], 0, "out"), (["--no-such-flag"], 2, "err")],  # the flag, or what it needs first
    ids=["help", "unknown flag"],
)
@pytest.mark.parametrize("stem", RUNNABLE)
def test_help_exits_0_and_an_unknown_flag_2_each_with_the_usage(
    stem: str, argv: list[str], code: int, stream: str, capsys: pytest.CaptureFixture[str]
) -> None:
    module = importlib.import_module(f"benchmarks.{stem}")
    with pytest.raises(SystemExit) as exited:
        module.arguments(argv)
    assert exited.value.code == code
    assert getattr(capsys.readouterr(), stream).startswith(
        f"usage: python -m {_module_name(stem)} "
    )


def test_scale_bench_takes_its_folder_sizes_and_narrowing(tmp_path: Path) -> None:
    from benchmarks.scale_bench import arguments

    every = arguments([str(tmp_path)])
    assert (every.folder, every.hazards, every.exports, every.write) == (
        tmp_path, [10_000, 100_000], False, False,
    )  # fmt: skip
    written = arguments([str(tmp_path / "new"), "50000", "--write"])
    assert (written.hazards, written.write) == ([50_000], True)
    assert (tmp_path / "new").is_dir()
    assert arguments([str(tmp_path), "10000", "100000", "--exports"]).exports
    checks = arguments([str(tmp_path), "100000", "--checks"])
    assert (checks.hazards, checks.checks, checks.exports) == ([100_000], True, False)


@pytest.mark.parametrize(
    "argv",
    [["5"], ["many"], ["10000", "--write", "--exports"], ["10000", "--checks", "--write"]],
    ids=["too few", "not a number", "both", "checks and write"],
)
def test_scale_bench_refuses_a_bad_size_or_both_narrowings(
    tmp_path: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from benchmarks.scale_bench import arguments

    with pytest.raises(SystemExit) as exited:
        arguments([str(tmp_path), *argv])
    assert exited.value.code == 2
    assert "error:" in capsys.readouterr().err


def test_stall_bench_takes_its_own_child_steps_and_the_server_form(tmp_path: Path) -> None:
    from benchmarks.stall_bench import arguments

    window = arguments(["window", str(tmp_path), "10000", "--opening"])
    assert (window.step, window.folder, window.hazards, window.opening) == (
        "window", tmp_path, 10_000, True,
    )  # fmt: skip
    server = arguments(["--server", str(tmp_path)])
    assert (server.server, server.folder, server.hazards) == (True, tmp_path, None)
    assert arguments(["open-server", "postgresql://u@h/db", "50000"]).url == "postgresql://u@h/db"


def test_import_and_merge_bench_keep_their_forms(tmp_path: Path) -> None:
    from benchmarks import import_bench, merge_bench

    assert import_bench.arguments([str(tmp_path), "--register"]).register == []
    assert import_bench.arguments([str(tmp_path), "--register", "10000"]).register == [10_000]
    assert import_bench.arguments([str(tmp_path)]).register is None
    assert merge_bench.arguments(["run-cli", str(tmp_path)]).step == "run-cli"
