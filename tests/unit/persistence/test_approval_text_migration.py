"""Schema 15: the approval text moves from ``assessment.approved_content`` to a table of its
own, byte for byte; a register approved under schema 14 (or as a text, before schema 13)
keeps verifying under its own fingerprint format and audit chain, a later approval and a
change behind the app's back to the moved text are handled as ever, and a migration that
fails half-way leaves the register as it was."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from tests.conftest import VALID_BIN
from tests.unit.cli.test_cli import run
from wrac_desktop.persistence import migrate, record_queries, sqlite
from wrac_desktop.persistence.models import Assessment
from wrac_desktop.register import open_register
from wrac_desktop.services import (
    approval,
    assessments,
    hazards,
    matrices,
    measures,
    organisation,
)
from wrac_desktop.services.checks import check_register
from wrac_desktop.vocabulary import ControlLevel

APPROVER = ("--by", "Ахметов Ержан Серикович", "--position", "Директор", "--yes")


@pytest.fixture
def engine_kind() -> str:
    return "sqlite"  # the file is taken down to schema 14 with Alembic's steps


def old_register(
    path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, down_to: str
) -> bytes:
    """A demo register with revision 1 approved in format 3 and a draft revision 2, taken
    down to schema ``down_to`` (its approval text back in ``assessment``); the stored text."""
    assert run(capsys, "demo", str(path), "--workplaces", "3")[0] == 0
    monkeypatch.setattr(approval, "FORMAT", "wrac-fingerprint-3")
    assert run(capsys, "approve", str(path), *APPROVER)[0] == 0
    monkeypatch.undo()
    assert run(capsys, "revise", str(path))[0] == 0
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.downgrade(migrate._config(connection), down_to)
        number = migrate.schema_number(down_to)
        connection.execute(text(f"PRAGMA user_version = {number}"))
    engine.dispose()
    with sqlite3.connect(path) as connection:
        stored = connection.execute(
            "SELECT typeof(approved_content), CAST(approved_content AS BLOB) FROM assessment "
            "WHERE revision = 1"
        ).fetchone()
        assert stored[0] == ("blob" if down_to == "0014" else "text")
        assert "approval_text" not in tables(connection)
    return bytes(stored[1])


def tables(connection: sqlite3.Connection) -> set[str]:
    return {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}


@pytest.mark.parametrize("down_to", ["0014", "0012"], ids=["as-a-blob", "as-a-text"])
def test_an_approval_from_schema_14_keeps_verifying_and_the_text_is_moved_byte_for_byte(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    down_to: str,
) -> None:
    path = tmp_path / "old.wrac"
    stored = old_register(path, capsys, monkeypatch, down_to)
    open_register(path).close()  # migrates the file itself
    with sqlite3.connect(path) as connection:
        columns = {row[1] for row in connection.execute("PRAGMA table_info(assessment)")}
        assert "approved_content" not in columns
        moved = connection.execute(
            "SELECT a.revision, CAST(t.content AS BLOB) FROM approval_text t "
            "JOIN assessment a ON a.id = t.assessment_id"
        ).fetchall()
    assert moved == [(1, stored)]
    for command_name in ("check", "verify"):
        code, out, err = run(capsys, command_name, str(path))
        assert code == 0, out + err
    code, out, err = run(capsys, "approve", str(path), *APPROVER)  # revision 2 supersedes 1
    assert code == 0, out + err
    for command_name in ("check", "verify"):
        code, out, err = run(capsys, command_name, str(path))
        assert code == 0, out + err


def test_a_moved_approval_text_changed_behind_the_apps_back_is_found(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.wrac"
    old_register(path, capsys, monkeypatch, "0014")
    open_register(path).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE approval_text SET content = replace(content, 'a', 'b')")
    for command_name in ("check", "verify"):
        code, out, err = run(capsys, command_name, str(path))
        assert code == 1, out + err
        assert "stored approval record was altered" in out + err


def test_a_migration_that_fails_half_way_leaves_schema_14_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The move runs in the opening's one transaction: a failure after it (here, stamping the
    file) keeps the column, its text, and no new table; the next opening migrates."""
    path = tmp_path / "old.wrac"
    stored = old_register(path, capsys, monkeypatch, "0014")

    def power_cut(*_args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(sqlite, "stamp_file", power_cut)
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the opening makes of it
        open_register(path)
    monkeypatch.undo()
    with sqlite3.connect(path) as connection:
        assert "approval_text" not in tables(connection)
        still = connection.execute(
            "SELECT CAST(approved_content AS BLOB) FROM assessment WHERE revision = 1"
        ).fetchone()
        assert bytes(still[0]) == stored
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        assert revision == ("0014",)
    open_register(path).close()
    code, out, err = run(capsys, "verify", str(path))
    assert code == 0, out + err


@pytest.mark.postgres
def test_on_a_server_the_text_moves_too_and_both_revisions_verify(
    new_database: Callable[[], str],
) -> None:
    """The same step on PostgreSQL (INSERT … SELECT, then DROP COLUMN): a register approved
    under schema 14 on a server keeps verifying, and its next approval too."""
    from wrac_desktop.register import create_location, open_location

    location = new_database()
    with create_location(location) as register:
        with register.uow.transaction() as session:
            assessment = small_assessment(session)
            approval.approve(session, assessment, by="Ахметов С.", position="", on=date(2026, 4, 1))
            approval.start_revision(session, assessment)
        with register.engine.begin() as connection:
            command.downgrade(migrate._config(connection), "0014")
            columns = connection.execute(
                text(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_name = 'assessment' AND column_name = 'approved_content'"
                )
            ).all()
            assert columns == [("approved_content",)]
    with open_location(location, read_only=False) as register:
        assert register.schema_number == migrate.schema_number(migrate.head_revision())
        with register.uow.transaction() as session:
            assert approval.tamper_problems(session) == []
            draft = session.scalars(select(Assessment).where(Assessment.revision == 2)).one()
            approval.approve(session, draft, by="Ахметов С.", position="", on=date(2027, 4, 1))
        with register.uow.reading() as session:
            assert approval.tamper_problems(session) == []
            first = session.scalars(select(Assessment).where(Assessment.revision == 1)).one()
            assert '"format":"wrac-fingerprint-5"' in (
                record_queries.approved_content(session, first.id) or ""
            )
        assert check_register(register) == []


def small_assessment(session: Session) -> Assessment:
    """An organisation with one workplace, one scored hazard and a measure, in a draft."""
    org = organisation.create_organisation(session, "ТОО «Шығыс Кен»", VALID_BIN)
    workplace = organisation.add_workplace(
        session, organisation.add_unit(session, org, "Рудник"), "Бұрғылаушы"
    )
    matrix = matrices.add_preset(session, "wrac_5x5")
    assessment = assessments.create_assessment(session, org, matrix, "Бағалау 2026")
    hazard = hazards.add_hazard(session, assessment, workplace, "Діріл")
    measures.add_measure(session, hazard, "Қоршау", ControlLevel.ENGINEERING)
    return assessment
