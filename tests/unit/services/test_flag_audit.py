"""Issue 23 item 4 (issue 18's flags): a hazard's re-assessment flag is audited like a record.

Before, a flag cleared (or deleted, or moved to another hazard) by SQL behind the app's back
hid the reminder without a trace: flags were outside the audit chain, and the app itself cleared
them with one bulk UPDATE that left no entry either."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from wrac_desktop.persistence import audit_digest, reminder_queries
from wrac_desktop.persistence.models import AuditEntry, Hazard, ReassessmentFlag
from wrac_desktop.register import open_register
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.demo import write_demo


def problems(path: Path) -> list[str]:
    with open_register(path) as register:
        return check_register(register)


def flag_one(path: Path) -> str:
    with open_register(path) as register, register.uow.transaction() as session:
        hazard = session.scalars(select(Hazard).order_by(Hazard.id)).first()
        assert hazard is not None
        reminder_queries.flag_for_reassessment(session, hazard, "Near miss, 12.03.2026")
        return str(session.scalars(select(ReassessmentFlag.uuid)).one())


def test_a_flag_raised_and_cleared_in_the_app_is_in_the_chain_and_sql_edits_show(
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.wrac"
    write_demo(path, workplaces=1, seed=3, lang="en")
    flag = flag_one(path)
    with open_register(path) as register, register.uow.transaction() as session:
        hazard = session.scalars(select(Hazard).order_by(Hazard.id)).first()
        assert hazard is not None
        lineage = hazard.lineage or hazard.uuid
        assert reminder_queries.clear_flags(session, lineage, datetime(2026, 4, 1, tzinfo=UTC)) == 1
    with open_register(path) as register, register.uow.reading() as session:
        actions = session.execute(
            select(AuditEntry.action, AuditEntry.changes).where(
                AuditEntry.entity == "reassessment_flag"
            )
        ).all()
    assert [action for action, _changes in actions] == ["insert", "update"]
    assert set(actions[1][1]) == {"cleared_at"}
    assert problems(path) == []

    with sqlite3.connect(path) as connection:  # opened again behind the app's back
        connection.execute("UPDATE reassessment_flag SET cleared_at = NULL")
    found = problems(path)
    assert any(flag in line and "cleared_at" in line for line in found), found
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM reassessment_flag")
    found = problems(path)
    assert any(flag in line and "deleted outside the app" in line for line in found), found


def insert_flag_by_sql(path: Path) -> None:
    """A flag as the release before wrote it: a row, no audit entry."""
    with sqlite3.connect(path) as connection:
        (lineage,) = connection.execute("SELECT uuid FROM hazard ORDER BY id LIMIT 1").fetchone()
        connection.execute(
            "INSERT INTO reassessment_flag (uuid, hazard_lineage, reason, flagged_at) "
            "VALUES ('0123456789abcdef0123456789abcdef', ?, 'x', '2026-03-12 10:00:00.000000')",
            (lineage,),
        )


def test_a_flag_with_no_entry_is_named_in_a_register_whose_state_record_covers_flags(
    tmp_path: Path,
) -> None:
    path = tmp_path / "d.wrac"
    write_demo(path, workplaces=1, seed=3, lang="en")
    insert_flag_by_sql(path)
    found = problems(path)
    assert any(
        "reassessment flag 01234567-89ab-cdef-0123-456789abcdef is not in the audit log" in line
        for line in found
    ), found


def test_flags_raised_before_they_were_audited_are_not_called_tampering(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A complete register begun by the release before names no tables in its record of
    state: its flags (which no entry recorded) are taken as they are, every other table is
    still complete."""
    changes = audit_digest.BulkState.changes

    def as_before(self: audit_digest.BulkState) -> dict[str, Any]:
        recorded = changes(self)
        del recorded["state"][audit_digest.AUDITED_KEY]
        return recorded

    path = tmp_path / "old.wrac"
    with monkeypatch.context() as before:  # not undo(): it would undo restore_language's too
        before.setattr(audit_digest.BulkState, "changes", as_before)
        write_demo(path, workplaces=1, seed=3, lang="en")
    insert_flag_by_sql(path)
    assert problems(path) == []
    with sqlite3.connect(path) as connection:
        connection.execute(
            "INSERT INTO org_unit (uuid, organisation_id, name, kind, sort_order, created_at, "
            "modified_at, row_version) SELECT 'fedcba9876543210fedcba9876543210', "
            "organisation_id, 'Ghost', kind, 9, created_at, modified_at, 1 FROM org_unit LIMIT 1"
        )
    found = problems(path)
    assert any(
        "site/division fedcba98-7654-3210-fedc-ba9876543210 is not in" in line for line in found
    )
