"""A transaction's audit entries join the chain when it commits, in the order they were made;
entries of work rolled back (a whole transaction or a savepoint) never reach it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.persistence.audit import record_event
from wrac_desktop.persistence.audit_chain import HELD_KEY, chain_problems
from wrac_desktop.persistence.models import AuditEntry, Hazard, Workplace
from wrac_desktop.register import Register


def entries(register: Register) -> list[tuple[int, str, str]]:
    with register.uow.reading() as session:
        rows = session.execute(select(AuditEntry.id, AuditEntry.action, AuditEntry.summary))
        return [(row[0], row[1], row[2]) for row in rows]


def test_entries_are_written_at_commit_numbered_after_the_newest(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    before = entries(register)
    with register.uow.transaction() as session:
        session.get_one(Hazard, ids.hazard_id).notes = "first"
        session.flush()
        record_event(session, "note", "a note between two edits")
        session.get_one(Workplace, ids.workplace_id).headcount = 14
        session.flush()
        assert entries(register) == before  # another connection sees nothing yet
        assert len(session.info[HELD_KEY]) == 3
    after = entries(register)
    assert [(entry[0], entry[1]) for entry in after[len(before) :]] == [
        (len(before) + 1, "update"),
        (len(before) + 2, "note"),
        (len(before) + 3, "update"),
    ]
    with register.uow.reading() as session:
        assert list(chain_problems(session)) == []


def test_a_rolled_back_transaction_leaves_no_entry(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    before = entries(register)
    with pytest.raises(RuntimeError), register.uow.transaction() as session:
        session.get_one(Hazard, ids.hazard_id).notes = "never saved"
        session.flush()
        raise RuntimeError
    assert entries(register) == before


def test_a_savepoint_rolled_back_takes_only_its_own_entries(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    before = len(entries(register))
    with register.uow.transaction() as session:
        session.get_one(Hazard, ids.hazard_id).notes = "kept"
        savepoint = session.begin_nested()
        session.get_one(Workplace, ids.workplace_id).headcount = 99
        session.flush()
        savepoint.rollback()
        savepoint = session.begin_nested()
        record_event(session, "note", "kept too")
        savepoint.commit()
    added = entries(register)[before:]
    assert [(entry[1], entry[2]) for entry in added] == [("update", ""), ("note", "kept too")]
    with register.uow.reading() as session:
        assert session.get_one(Workplace, ids.workplace_id).headcount == 12
        assert list(chain_problems(session)) == []
