"""Hostile and damaged register files (issue 23 items 5-7): named by `check` (exit 1), refused
by every command that writes (exit 2, nothing changed), never a crash, never migrated by a
command that only reads; the other side of a merge is never written to."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from tests.unit.cli.test_cli import run


@pytest.fixture
def demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "demo.wrac"
    assert run(capsys, "demo", str(path), "--workplaces", "2")[0] == 0
    return path


def sql(path: Path, *statements: str) -> None:
    """Statements run behind the app's back, in the sqlite3 tool's way."""
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def digest(path: Path) -> str:
    """The file with whatever SQLite keeps beside it: a write to either shows."""
    parts = [Path(f"{path}{suffix}") for suffix in ("", "-wal")]
    return hashlib.sha256(b"".join(p.read_bytes() for p in parts if p.exists())).hexdigest()


TRIGGER = (
    "CREATE TRIGGER pwn AFTER INSERT ON audit_log BEGIN "
    "UPDATE register_property SET value = 'PWNED' WHERE key = 'created_with'; END"
)


def test_merge_never_writes_to_the_other_copy(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not a UUID of its own (derived while it has none), not through its triggers."""
    other = tmp_path / "field.wrac"
    other.write_bytes(demo.read_bytes())
    sql(other, "DELETE FROM register_property WHERE key = 'register_uuid'")
    sql(other, TRIGGER)  # would fire on any audit entry written to the other copy
    sql(other, "UPDATE hazard SET notes = 'measured on site' WHERE id = 1")
    before = digest(other)
    code, _out, err = run(capsys, "merge", str(demo), str(other), "--take-theirs")
    assert code in (0, 2), err  # item 5 refuses the trigger; either way the copy is untouched
    assert digest(other) == before
    sql(other, "DROP TRIGGER pwn")
    before = digest(other)
    assert run(capsys, "merge", str(demo), str(other), "--take-theirs")[0] == 0
    assert run(capsys, "merge", str(demo), str(other), "--take-theirs")[0] == 0
    assert digest(other) == before
    with sqlite3.connect(other) as connection:
        assert connection.execute(
            "SELECT count(*) FROM register_property WHERE key = 'register_uuid'"
        ).fetchone() == (0,)
    connection.close()
