"""Changes behind the app's back: found by check and verify; the audit log's chain breaks show."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import Sample
from wrac_desktop.persistence.audit_chain import chain_problems
from wrac_desktop.persistence.models import Assessment, Hazard
from wrac_desktop.register import Register, open_register
from wrac_desktop.services import approval
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.verify import verify


@pytest.fixture
def approved(sample_register: tuple[Register, Sample]) -> Register:
    register, ids = sample_register
    with register.uow.transaction() as session:
        assessment = session.get(Assessment, ids.assessment_id)
        approval.approve(session, assessment, by="Серікбаев Қ.", position="", on=date(2026, 3, 20))  # type: ignore[arg-type]
    return register


def behind_the_back(register: Register, *statements: str) -> None:
    """Plain SQL on the register's engine, on either engine: no ORM session, so no guard and
    no audit entry sees it — as if someone had used the sqlite3 tool or psql."""
    with register.engine.begin() as connection:
        for statement in statements:
            connection.exec_driver_sql(statement)


def problems(register: Register) -> list[str]:
    return check_register(register)


def with_the_sqlite3_tool(path: Path, *statements: str) -> None:
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)


def test_an_untouched_approved_register_checks_and_verifies_clean(approved: Register) -> None:
    assert problems(approved) == []
    result = verify(approved, None)
    assert result.ok, result.lines


def test_sql_update_of_an_approved_hazard_is_found_and_named(approved: Register) -> None:
    behind_the_back(approved, "UPDATE hazard SET description = 'Шу' WHERE id = 1")
    found = problems(approved)
    assert any("revision 1" in p and "Description" in p and "Шу" in p for p in found), found
    result = verify(approved, None)
    assert not result.ok
    assert any(line.startswith("FAIL revision 1") for line in result.lines)


def test_deleting_an_approved_measure_is_found(approved: Register) -> None:
    behind_the_back(approved, "DELETE FROM control_measure WHERE id = 2")
    assert any("measure" in p and "removed" in p for p in problems(approved))


@pytest.mark.parametrize("engine_kind", ["sqlite"])  # the sqlite3 tool edits .wrac files
def test_an_update_with_the_sqlite3_tool_is_found_when_the_file_is_opened(
    engine_kind: str, approved: Register
) -> None:
    approved.close()
    path = Path(approved.location)
    with_the_sqlite3_tool(path, "UPDATE hazard SET initial_score = 3 WHERE id = 1")
    with open_register(path) as register:
        assert any("Initial risk score" in p for p in problems(register))


def test_tampering_with_the_stored_approval_record_is_found(approved: Register) -> None:
    behind_the_back(approved, "UPDATE approval_text SET content = '{}'")
    assert any("approval record was altered" in p for p in problems(approved))


def test_a_draft_edited_in_sqlite_is_named_by_the_audit_log_not_the_fingerprint(
    sample_register: tuple[Register, Sample],
) -> None:
    """A draft has no fingerprint yet, but every record agrees with the audit log (issue 23
    item 3): an edit behind the app's back leaves it saying something else."""
    register, _ids = sample_register
    behind_the_back(register, "UPDATE hazard SET notes = 'n' WHERE id = 1")
    found = problems(register)
    assert len(found) == 1 and "Notes is “n” but the audit log last recorded “”" in found[0], found


def test_intact_chain_after_ordinary_edits(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        hazard = session.get(Hazard, ids.hazard_id)
        hazard.notes = "checked"  # type: ignore[union-attr]
    with register.uow.reading() as session:
        assert list(chain_problems(session)) == []


@pytest.mark.parametrize(
    ("statement", "expected"),
    [
        ("UPDATE audit_log SET user_name = 'Someone' WHERE id = 3", "entry 3 was changed"),
        ("DELETE FROM audit_log WHERE id = 3", "entries 3–3 are missing"),
        (
            "INSERT INTO audit_log (id, at, user_name, os_user, action, entity, summary, "
            "prev_hash, hash) VALUES (10000, '2026-01-01 00:00:00', 'x', 'x', 'insert', "
            "'hazard', 'forged', '', '')",
            "entry 10000",
        ),
        ("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)", "newest entries"),
    ],
    ids=["edit", "delete", "insert", "delete the newest"],
)
def test_audit_chain_breaks_are_found(approved: Register, statement: str, expected: str) -> None:
    behind_the_back(approved, statement)
    found = problems(approved)
    assert any(expected in p for p in found), found
    assert not verify(approved, None).ok


def test_upgrading_an_old_register_chains_its_existing_audit_rows(register_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine, text

    from wrac_desktop.persistence import migrate
    from wrac_desktop.persistence.sqlite import APPLICATION_ID

    engine = create_engine(f"sqlite:///{register_path}")
    with engine.begin() as connection:
        command.upgrade(migrate._config(connection), "0002")
        connection.execute(text(f"PRAGMA application_id = {APPLICATION_ID}"))
        connection.execute(text("PRAGMA user_version = 2"))
        for n in (1, 2, 3):
            connection.execute(
                text(
                    "INSERT INTO audit_log (id, at, user_name, os_user, action, entity, summary) "
                    f"VALUES ({n}, '2025-01-0{n} 10:00:00.000000', 'Әли', 'ali', 'setting', '', "
                    f"'step {n}')"
                )
            )
    engine.dispose()
    with open_register(register_path) as register, register.uow.reading() as session:
        assert list(chain_problems(session)) == []
    with_the_sqlite3_tool(register_path, "UPDATE audit_log SET summary = 'step 9' WHERE id = 2")
    with open_register(register_path) as register:
        assert any("entry 2 was changed" in p for p in problems(register))
