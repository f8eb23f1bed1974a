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


# item 6: damaged files ------------------------------------------------------------------------
DAMAGE = {
    "team_member dropped": (
        ["DROP TABLE team_member"],
        "the table of team member records is missing",
    ),
    "audit_log dropped": (
        ["DROP TABLE audit_log"],
        "the table of audit log entry records is missing",
    ),
    "dangling workplace": (
        ["UPDATE hazard SET workplace_id = 9999 WHERE id = (SELECT min(id) FROM hazard)"],
        "refers to a missing workplace record",
    ),
}


def test_text_in_a_score_is_named_by_check(demo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The tamper soak found it: text in a hazard's score (a Float column, which SQLAlchemy 2
    does not count as Numeric) went unread by the value check and crashed check (exit 3)."""
    sql(demo, "UPDATE hazard SET initial_score = 'x' WHERE id = (SELECT min(id) FROM hazard)")
    code, out, err = run(capsys, "check", str(demo))
    assert code == 1, (out, err)
    assert "field “Initial risk score”: the stored value 'x' cannot be read" in out


def test_approve_refuses_to_freeze_text_in_a_score(
    demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Approve exited 0 and fingerprinted the 'x' as it was: a signed register printing
    nonsense. It refuses (exit 2), naming the row, and writes nothing."""
    sql(demo, "UPDATE hazard SET residual_score = 'x' WHERE id = (SELECT max(id) FROM hazard)")
    before = digest(demo)
    code, _out, err = run(capsys, "approve", str(demo), "--by", "A", "--position", "B", "--yes")
    assert code == 2, err
    assert "nothing was approved" in err and "field “Residual risk score”" in err, err
    assert digest(demo) == before


def flipped(path: Path) -> None:
    """200 bytes flipped in the middle of the file: a page SQLite's own check rejects."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // 2) // page * page  # a page's start: its b-tree header is hit
    data[middle : middle + 200] = bytes(b ^ 0x5A for b in data[middle : middle + 200])
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("case", sorted(DAMAGE))
def test_check_names_the_damage_and_writers_refuse(
    case: str, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    statements, named = DAMAGE[case]
    sql(demo, *statements)
    _assert_named_and_refused(demo, tmp_path, capsys, named)


def test_flipped_bytes_are_named_and_refused(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    flipped(demo)
    _assert_named_and_refused(demo, tmp_path, capsys, "")


def _assert_named_and_refused(
    damaged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], named: str
) -> None:
    code, out, err = run(capsys, "check", str(damaged))
    assert code == 1, (out, err)
    assert named in out and "problem(s) found" in out
    sound = tmp_path / "sound.wrac"
    assert run(capsys, "demo", str(sound), "--workplaces", "1", "--seed", "3")[0] == 0
    worksheet = tmp_path / "hazards.csv"
    worksheet.write_text("Workplace,Hazard\nCrusher,Noise\n", encoding="utf-8")
    before = digest(damaged)
    commands = [
        ["approve", str(damaged), "--by", "A", "--position", "B", "--yes"],
        ["import", str(damaged), str(worksheet)],
        ["merge", str(damaged), str(sound), "--take-theirs"],
        ["merge", str(sound), str(damaged), "--take-theirs"],  # nor as the other side
        ["info", str(damaged)],
        ["export", str(damaged), "--report", "register", "--format", "xlsx",
         "-o", str(tmp_path / "out.xlsx")],
        ["verify", str(damaged)],
    ]  # fmt: skip
    for argv in commands:
        code, _out, err = run(capsys, *argv)
        assert code == 2, (argv, err)
        assert f"{damaged} is damaged" in err, (argv, err)
        assert "Traceback" not in err and "internal error" not in err
    assert digest(damaged) == before
    assert not (tmp_path / "out.xlsx").exists()


def test_unreadable_stored_values_are_named(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A date that is no date, bytes that are not UTF-8: sound pages, unreadable values."""
    sql(
        demo,
        "UPDATE control_measure SET modified_at = '2026-03-16 09:00:00.000jjj' WHERE id = 3",
        "UPDATE hazard SET existing_controls = CAST(x'c3ffd0' AS TEXT) WHERE id = 2",
        "UPDATE workplace SET headcount = 'many' WHERE id = 1",
    )
    code, out, _err = run(capsys, "check", str(demo))
    assert code == 1
    assert (
        "control measure record, row 3, field “Last changed”: the stored value '2026-03-16" in out
    )
    assert "hazard record, row 2, field “Existing controls”: the stored value (not UTF-8" in out
    assert "workplace record, row 1, field “Headcount”: the stored value 'many'" in out
    output = tmp_path / "out.xlsx"
    code, _out, err = run(
        capsys, "export", str(demo), "--report", "register", "--format", "xlsx", "-o", str(output)
    )
    assert code == 2 and f"{demo} is damaged" in err, err


def test_a_marked_file_without_tables_is_refused_not_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "empty.wrac"
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA application_id = 1465008451")  # "WRAC"
    connection.close()
    before = digest(path)
    for command in ("check", "info", "verify"):
        code, _out, err = run(capsys, command, str(path))
        assert code == 2 and "holds no tables" in err, (command, err)
    assert digest(path) == before


def test_commands_that_only_read_never_migrate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An older register is read through an upgraded temporary copy; the file stays as it was."""
    from tests.unit.persistence.test_register_file import schema_1_register

    path = tmp_path / "old.wrac"
    schema_1_register(path)
    before = digest(path)
    code, out, err = run(capsys, "info", str(path))
    assert code == 0 and "Old LLP" in out, err
    code, out, err = run(capsys, "check", str(path))
    assert code == 0, out + err
    code, _out, err = run(
        capsys, "export", str(path), "--report", "register", "--format", "csv",
        "-o", str(tmp_path / "old.csv"),
    )  # fmt: skip
    assert code in (0, 2), err  # no assessment to print is a user error; no write either way
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("old.wrac")) == [
        "old.wrac"
    ]


# item 5: schema objects the program did not create --------------------------------------------
PWN_ON_HAZARD = (
    "CREATE TRIGGER pwn AFTER INSERT ON hazard BEGIN "
    "UPDATE hazard SET description = 'PWNED' WHERE id = new.id; END"
)


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        (PWN_ON_HAZARD, "trigger pwn"),
        ("CREATE VIEW fake_org AS SELECT 'FAKE ORG' AS legal_name", "view fake_org"),
        ("CREATE INDEX ix_spy ON hazard (description)", "index ix_spy"),
        ("CREATE TABLE stash (x)", "table stash"),
    ],
)
def test_foreign_schema_objects_are_named_and_never_written_to(
    statement: str, named: str, demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sql(demo, statement)
    code, out, _err = run(capsys, "check", str(demo))
    assert code == 1 and f"{named} was not created by WRAC Desktop" in out, out
    worksheet = tmp_path / "hazards.csv"
    worksheet.write_text("Workplace,Hazard\nCrusher,Noise\n", encoding="utf-8")
    sound = tmp_path / "sound.wrac"
    assert run(capsys, "demo", str(sound), "--workplaces", "1", "--seed", "3")[0] == 0
    before, sound_before = digest(demo), digest(sound)
    for argv in (
        ["import", str(demo), str(worksheet)],
        ["approve", str(demo), "--by", "A", "--position", "B", "--yes"],
        ["merge", str(demo), str(sound), "--take-theirs"],
        ["merge", str(sound), str(demo), "--take-theirs"],  # nor taken in as the other side
    ):
        code, _out, err = run(capsys, *argv)
        assert code == 2 and "did not create" in err and named in err, (argv, err)
    assert digest(demo) == before and digest(sound) == sound_before
    assert run(capsys, "info", str(demo))[0] == 0  # reading is safe: nothing runs on a read


def test_the_window_opens_such_a_register_read_only_naming_them(demo: Path) -> None:
    from wrac_desktop.app import open_for_gui

    sql(demo, PWN_ON_HAZARD)
    with open_for_gui(demo, read_only=False) as register:
        assert register.read_only and register.foreign_objects == ("trigger pwn",)


def test_sqlite_runs_with_an_untrusted_schema(demo: Path) -> None:
    from wrac_desktop.register import open_location

    with open_location(demo) as register, register.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA trusted_schema").scalar_one() == 0


def test_the_expected_schema_is_what_a_new_register_holds(demo: Path) -> None:
    from wrac_desktop.persistence import integrity

    with sqlite3.connect(demo) as connection:
        found = connection.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
        ).fetchall()
    connection.close()
    assert set(found) == integrity.expected_objects()
    assert {kind for kind, _name in found} == {"table", "index"}
