"""Issue 23 item 1: no command writes its output over a register, its journal or its backup.

`wrac export REG … -o REG` replaced the register with the report (exit 0, "wrote r.wrac").
Every command that writes a file refuses such a path with exit 2 and leaves the register as
it was; an existing register or other SQLite database is replaced only with --force, and never
while it is open.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import DEMO_ARGS, run

WRITERS = {
    "export": ["export", "{reg}", "--report", "summary", "--format", "json", "-o", "{out}"],
    "export_pdf": ["export", "{reg}", "--report", "matrix", "--format", "pdf", "-o", "{out}"],
    "library": ["library", "export", "{reg}", "-o", "{out}"],
    "audit": ["audit", "{reg}", "-o", "{out}"],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def command(name: str, register: Path, output: Path, *extra: str) -> list[str]:
    return [part.format(reg=register, out=output) for part in WRITERS[name]] + list(extra)


@pytest.fixture
def register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "r.wrac"
    assert run(capsys, "demo", str(path), *DEMO_ARGS)[0] == 0
    return path


def refused(capsys: pytest.CaptureFixture[str], argv: list[str], register: Path) -> str:
    before = digest(register)
    code, out, err = run(capsys, *argv)
    assert code == 2, (out, err)
    assert "wrote" not in out and digest(register) == before
    assert run(capsys, "check", str(register))[0] == 0
    return err


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_the_register_itself_is_refused_even_with_force(
    register: Path, capsys: pytest.CaptureFixture[str], writer: str
) -> None:
    for extra in ((), ("--force",)):
        err = refused(capsys, command(writer, register, register, *extra), register)
        assert str(register) in err


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal", ".schema2.bak"])
@pytest.mark.parametrize("writer", ["export", "audit_csv"])
def test_its_journal_and_backup_files_are_refused(
    register: Path, capsys: pytest.CaptureFixture[str], suffix: str, writer: str
) -> None:
    target = Path(f"{register}{suffix}")
    argv = command("export", register, target)
    if writer == "audit_csv":
        argv = ["audit", str(register), "-o", str(target)]
    err = refused(capsys, [*argv, "--force"], register)
    assert str(target) in err and not target.exists()


def test_a_symlink_or_hard_link_to_the_register_is_refused(
    register: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    soft, hard = tmp_path / "soft.json", tmp_path / "hard.json"
    soft.symlink_to(register)
    os.link(register, hard)
    for target in (soft, hard):
        refused(capsys, command("export", register, target, "--force"), register)


def test_another_register_needs_force_and_is_never_replaced_while_open(
    register: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    other = tmp_path / "other.wrac"
    assert run(capsys, "demo", str(other), "--workplaces", "1")[0] == 0
    kept = digest(other)
    code, _out, err = run(capsys, *command("export", register, other))
    assert code == 2 and "--force" in err and digest(other) == kept
    connection = sqlite3.connect(other)  # another program has it open: -wal and -shm appear
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("SELECT count(*) FROM hazard").fetchall()
    try:
        code, _out, err = run(capsys, *command("export", register, other, "--force"))
        assert code == 2 and "open" in err and digest(other) == kept
    finally:
        connection.close()
    code, _out, _err = run(capsys, *command("export", register, other, "--force"))
    assert code == 0 and other.read_bytes().startswith(b"{")


def test_any_sqlite_database_needs_force(
    register: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    database = tmp_path / "accounts.db"
    sqlite3.connect(database).execute("CREATE TABLE t (x)").connection.close()
    code, _out, err = run(capsys, *command("audit", register, tmp_path / "accounts.csv"))
    assert code == 0
    argv = ["audit", str(register), "-o", str(database)]
    code, _out, err = run(capsys, *argv)
    assert code == 2 and str(database) in err  # an .xlsx/.csv name is asked for first anyway
    code, _out, err = run(capsys, *command("library", register, database))
    assert code == 2 and "--force" in err
    assert run(capsys, *command("library", register, database, "--force"))[0] == 0


def test_an_ordinary_earlier_report_is_replaced_as_before(
    register: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "summary.json"
    target.write_text("old report")
    assert run(capsys, *command("export", register, target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("{")
