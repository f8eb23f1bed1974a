"""The `wrac` command line: each command, each user error, and the exit-code contract."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from wrac_desktop import __version__
from wrac_desktop.cli.main import main
from wrac_desktop.persistence import sqlite as wrac_sqlite

DEMO_ARGS = ["--workplaces", "6", "--seed", "3"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:  # argparse exits on its own for --version and bad arguments
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), *DEMO_ARGS)[0] == 0
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out


def test_demo_writes_a_register_that_checks_clean(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "check", str(demo_path))
    assert (code, err) == (0, "")
    assert "no problems found" in out


def test_demo_refuses_to_overwrite_without_force(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_path.read_bytes()
    code, _, err = run(capsys, "demo", str(demo_path))
    assert code == 2 and "already exists" in err
    assert demo_path.read_bytes() == before
    assert run(capsys, "demo", str(demo_path), "--force", "--workplaces", "2")[0] == 0


@pytest.mark.parametrize("count", ["0", "10001", "many"])
def test_demo_rejects_bad_workplace_counts(
    tmp_path: Path, count: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "demo", str(tmp_path / "x.wrac"), "--workplaces", count)
    assert code == 2 and "--workplaces" in err
    assert not (tmp_path / "x.wrac").exists()


def test_demo_into_missing_folder_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "demo", str(tmp_path / "no" / "such" / "x.wrac"))
    assert code == 2 and "does not exist" in err


def test_check_reports_tampering_with_exit_1(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo_path) as connection:
        connection.execute("UPDATE hazard SET initial_score = 1, initial_band = 'low' WHERE id = 1")
        connection.execute("UPDATE organisation SET bin = '123456789012'")
    code, out, _ = run(capsys, "check", str(demo_path))
    assert code == 1
    assert "does not match its inputs" in out and "check digit" in out


def test_check_reports_a_dangling_reference(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo_path) as connection:  # foreign keys are off in a bare sqlite3
        connection.execute("UPDATE control_measure SET hazard_id = 999999 WHERE id = 1")
    code, out, _ = run(capsys, "check", str(demo_path))
    assert code == 1 and "missing hazard" in out


@pytest.fixture
def exclusively_locked(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(wrac_sqlite, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(demo_path)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    yield demo_path
    holder.rollback()
    holder.close()


def test_locked_register_is_a_user_error(
    exclusively_locked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "check", str(exclusively_locked))
    assert code == 2 and "locked by another program" in err


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "does not exist"),
        (lambda p: p.write_text("hello"), "not a WRAC register"),
        (lambda p: p.write_bytes(b""), "not a WRAC register"),
        (lambda p: p.mkdir(), "is a folder"),
    ],
)
def test_user_errors_exit_2_with_one_line(
    tmp_path: Path,
    make,
    message: str,  # type: ignore[no-untyped-def]
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bad.wrac"
    make(path)
    for command in ("check", "info"):
        code, out, err = run(capsys, command, str(path))
        assert code == 2 and message in err
        assert err.count("\n") == 1 and "Traceback" not in err


def test_newer_register_is_a_user_error(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with sqlite3.connect(demo_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'ffff'")
    code, _, err = run(capsys, "check", str(demo_path))
    assert code == 2 and "newer version" in err


def test_read_only_register_can_be_checked_but_not_replaced(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_path.chmod(0o444)
    try:
        assert run(capsys, "check", str(demo_path))[0] == 0
        code, _, err = run(capsys, "demo", str(demo_path), "--force")
        assert code == 2 and "read-only" in err
    finally:
        demo_path.chmod(0o644)


def test_info_json(demo_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run(capsys, "info", str(demo_path), "--json")
    summary = json.loads(out)
    assert code == 0 and summary["workplaces"] == 6 and summary["hazards"] == 60


def test_unknown_command_and_bad_language_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "--lang", "de", "check", "x")[0] == 2


def test_installed_entry_point_prints_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wrac_desktop", "check", str(tmp_path / "missing.wrac")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "does not exist" in result.stderr


def test_library_json_lists_the_built_in_library(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    code, out, _ = run(capsys, "library", "--json")
    entries = json.loads(out)
    assert code == 0 and len(entries) >= 30
    assert all(entry["name"]["kk"] and entry["name"]["ru"] for entry in entries)


def test_library_export_import_between_registers(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from dataclasses import replace

    from wrac_desktop.hazards import load_builtin_library
    from wrac_desktop.register import open_register
    from wrac_desktop.services import library

    with open_register(demo_path) as register, register.uow.transaction() as session:
        library.save_entry(session, replace(load_builtin_library().get("noise"), id="own_noise"))
    exported = tmp_path / "lib.json"
    assert run(capsys, "library", "export", str(demo_path), "-o", str(exported))[0] == 0
    other = tmp_path / "other.wrac"
    assert run(capsys, "demo", str(other), "--workplaces", "1")[0] == 0
    code, out, _ = run(capsys, "library", "import", str(other), str(exported))
    assert code == 0 and "1 added" in out
    code, out, _ = run(capsys, "library", "search", "own noise", "--register", str(other))
    assert code == 0 and "own_noise" in out


def test_library_import_of_a_bad_file_is_a_user_error(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    before = demo_path.read_bytes()
    code, _, err = run(capsys, "library", "import", str(demo_path), str(bad))
    assert code == 2 and "bad.json" in err
    assert demo_path.read_bytes() == before
    assert run(capsys, "library")[0] == 2


def test_open_refuses_a_bad_path_before_any_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop import app

    shown: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda register, lang=None: shown.append(register) or 0)
    code, _, err = run(capsys, "open", str(tmp_path / "missing.wrac"))
    assert code == 2 and "does not exist" in err and shown == []
    assert run(capsys, "open")[0] == 2  # neither a path nor --demo


def test_open_demo_writes_it_once_in_the_user_data_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop import app
    from wrac_desktop.paths import demo_register_path

    opened: list[str] = []

    def fake_gui(register, lang=None):  # type: ignore[no-untyped-def]
        opened.append(register.location)
        register.close()
        return 0

    monkeypatch.setattr(app, "run_gui", fake_gui)
    assert run(capsys, "open", "--demo")[0] == 0
    first = demo_register_path().stat().st_mtime_ns
    assert run(capsys, "open", "--demo")[0] == 0
    assert demo_register_path().stat().st_mtime_ns == first
    assert opened == [str(demo_register_path())] * 2


def test_open_read_only_file_opens_read_only(
    demo_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop import app

    seen: list[bool] = []

    def fake_gui(register, lang=None):  # type: ignore[no-untyped-def]
        seen.append(register.read_only)
        register.close()
        return 0

    monkeypatch.setattr(app, "run_gui", fake_gui)
    demo_path.chmod(0o444)
    try:
        assert run(capsys, "open", str(demo_path))[0] == 0
    finally:
        demo_path.chmod(0o644)
    assert seen == [True]


def test_no_arguments_opens_the_app_without_a_register(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from wrac_desktop import app

    calls: list[object] = []
    monkeypatch.setattr(app, "run_gui", lambda register, lang=None: calls.append(register) or 0)
    assert run(capsys)[0] == 0 and calls == [None]
