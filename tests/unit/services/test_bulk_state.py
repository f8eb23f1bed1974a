"""Issue 23 item 3: rows written in bulk (the demo, a revision's copy) get no audit entry each;
their writer's entry records a digest of every row, and check compares each row against it.

Before, an SQL edit of anything the approval fingerprint does not print (a unit with no
workplaces, a matrix's preset key or version) or of a draft copied by a revision was missed."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from wrac_desktop.persistence.audit_digest import (
    RowForm,
    audited_tables,
    digest_columns,
    raw_batches,
    recorded_digests,
)
from wrac_desktop.persistence.audit_state import audit_problems
from wrac_desktop.persistence.models import (
    Assessment,
    AuditEntry,
    Base,
    Hazard,
    Organisation,
    OrgUnit,
    Workplace,
)
from wrac_desktop.register import open_register
from wrac_desktop.services import approval, editing
from wrac_desktop.services.checks import check_register
from wrac_desktop.services.demo import write_demo


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "d.wrac"
    write_demo(path, workplaces=2, seed=3, lang="en")
    return path


def problems(path: Path) -> list[str]:
    with open_register(path) as register:
        return check_register(register)


def sql(path: Path, statement: str) -> str:
    """Run ``statement`` as the sqlite3 tool would; returns the UUID of the row it changed,
    as check names it (``statement`` must change one row of one table, named first after
    UPDATE, and end in ``WHERE id = …``)."""
    table = statement.split()[1]
    where = statement[statement.index(" WHERE ") :]
    with sqlite3.connect(path) as connection:
        (raw,) = connection.execute(f"SELECT uuid FROM {table}{where}").fetchone()  # noqa: S608
        assert connection.execute(statement).rowcount == 1
    return f"{raw[:8]}-{raw[8:12]}-{raw[12:16]}-{raw[16:20]}-{raw[20:]}"


def approve_and_revise(path: Path) -> None:
    with open_register(path) as register, register.uow.transaction() as session:
        assessment = session.scalars(select(Assessment)).one()
        approval.approve(session, assessment, by="A", position="B", on=date(2026, 4, 1))
        approval.start_revision(session, assessment)


def test_the_demo_records_a_digest_of_every_row_it_writes(demo: Path) -> None:
    with open_register(demo) as register, register.uow.reading() as session:
        (changes,) = session.scalars(select(AuditEntry.changes)).all()
        recorded: dict[str, int] = {}
        for table, _columns, _row_id, _digest in recorded_digests(changes):
            recorded[table] = recorded.get(table, 0) + 1
        stored = {
            table.name: session.scalar(select(func.count()).select_from(table))
            for table in audited_tables()
        }
    assert recorded == {name: count for name, count in stored.items() if count}
    assert problems(demo) == []


UNPRINTED = [
    "UPDATE org_unit SET name = 'Ghost' WHERE id = "
    "(SELECT max(id) FROM org_unit WHERE id NOT IN (SELECT unit_id FROM workplace))",
    "UPDATE org_unit SET kind = 'site' WHERE id = "
    "(SELECT max(id) FROM org_unit WHERE id NOT IN (SELECT unit_id FROM workplace))",
    "UPDATE risk_matrix SET preset_key = 'x' WHERE id = 1",
    "UPDATE risk_matrix SET version = 2 WHERE id = 1",
    "UPDATE control_measure SET cost = 1.5 WHERE id = 3",
    "UPDATE hazard SET priority = 1 - priority WHERE id = 4",
    "UPDATE assessment SET next_review_on = '2030-01-01' WHERE id = 1",
    "UPDATE hazard SET uuid = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' WHERE id = 5",
]


@pytest.mark.parametrize("statement", UNPRINTED)
def test_sql_edits_of_rows_the_demo_wrote_are_named(demo: Path, statement: str) -> None:
    uuid = sql(demo, statement)
    found = problems(demo)
    if "SET uuid" in statement:
        uuid = "aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa"
    assert any(uuid in line and "changed outside the app" in line for line in found), found


def test_a_row_whose_uuid_is_stored_as_bytes_is_named(demo: Path) -> None:
    """A UUID no entry can name as stored (bytes, not text) still goes through the merge with
    the chain, as rows that an entry names do: the rows no entry names are read apart."""
    uuid = sql(demo, "UPDATE hazard SET uuid = CAST(uuid AS BLOB) WHERE id = 6")
    with open_register(demo) as register, register.uow.reading() as session:
        found = audit_problems(session)  # check names it unreadable first, and goes no further
    assert any("changed outside the app" in line for line in found), found
    assert not any(uuid in line for line in found), found  # it holds no UUID any more


def test_sql_edits_of_a_revision_copy_are_named(demo: Path) -> None:
    approve_and_revise(demo)
    assert problems(demo) == []
    copied = "(SELECT max(id) FROM hazard)"
    uuid = sql(demo, f"UPDATE hazard SET notes = 'quietly' WHERE id = {copied}")
    found = problems(demo)
    assert any(uuid in line and "changed outside the app" in line for line in found), found


def test_app_edits_of_bulk_rows_agree_and_later_sql_edits_show(demo: Path) -> None:
    """Edits through the program move a row on from what the bulk write recorded: check takes
    each field back through its update entries and still finds the row as it was written."""
    with open_register(demo) as register, register.uow.transaction() as session:
        editing.set_fields(session, Organisation, 1, address="Караганда, ул. Ленина 1")
        editing.set_fields(session, Hazard, 2, notes="checked", priority=True)
        editing.set_fields(session, Hazard, 2, notes="checked twice")
        workplace = session.get(Workplace, 1)
        target = session.scalars(select(OrgUnit).where(OrgUnit.parent_id.is_not(None))).all()[-1]
        assert workplace is not None
        editing.move_workplace(session, workplace, target)
        hazard = session.get(Hazard, 3)
        assert hazard is not None
        editing.delete_subtree(session, hazard)
    approve_and_revise(demo)
    with open_register(demo) as register, register.uow.transaction() as session:
        newest = session.scalar(select(func.max(Hazard.id)))
        editing.set_fields(session, Hazard, newest, description="Dust, re-rated")  # type: ignore[arg-type]
    assert problems(demo) == []

    edited = sql(demo, "UPDATE organisation SET address = 'Elsewhere' WHERE id = 1")
    assert any(edited in line and "Address" in line for line in problems(demo))
    sql(demo, "UPDATE organisation SET address = 'Караганда, ул. Ленина 1' WHERE id = 1")
    assert problems(demo) == []
    untouched = sql(demo, "UPDATE organisation SET region = 'Elsewhere' WHERE id = 1")
    found = problems(demo)
    assert any(untouched in line and "audit entry 1" in line for line in found), found


def test_the_check_digests_a_stored_row_as_its_writer_did(demo: Path) -> None:
    """``stored_digest`` (the check: a tuple, no dictionary) and ``digest`` (the writers: a
    mapping) agree on every row of every table, and on a column the row no longer has."""
    compared = 0
    with open_register(demo) as register, register.uow.reading() as session:
        for table in audited_tables():
            names = [column.name for column in table.c]
            columns = [*digest_columns(table), "dropped_later"]
            form = RowForm(table, columns)
            for values in (row for batch in raw_batches(session, table) for row in batch):
                mapping = dict(zip(names, values, strict=True))
                assert form.stored_digest(values, names) == form.digest(mapping)
                compared += 1
    assert compared > 50


def test_a_bulk_writer_digests_its_rows_as_one_row_at_a_time_would() -> None:
    """``digests`` (a bulk writer, many rows at once, each value converted once) gives what
    ``digest`` gives each row: for values that compare equal but are not the same (a flag
    1.0 is junk, True is 1; a score 4, 4.0, 4.00 or "4") and columns a row leaves out."""
    table = Base.metadata.tables["hazard"]
    columns = [*digest_columns(table), "dropped_later"]
    rows: list[dict[str, object]] = []
    for number, (flag, score) in enumerate(
        [(True, 4), (1, 4.0), (1.0, Decimal("4.00")), (False, "4"), (0, None), ("x", 4)], 1
    ):
        rows.append(
            {"id": number, "uuid": uuid.uuid4(), "priority": flag, "initial_score": score,
             "description": f"Құлау {number}"}
        )  # fmt: skip
    rows.append({"id": 9, "description": "жоқ"})  # its other columns: their defaults
    alone = [RowForm(table, columns).digest(row) for row in rows]  # each its own form
    assert list(RowForm(table, columns).digests(rows)) == alone


def test_the_check_can_be_stopped_between_batches(demo: Path) -> None:
    """The app cancels its check on opening when the register is closed: ``tick`` is called as
    it reads and what it raises ends the check."""

    class Stop(Exception):
        pass

    calls: list[int] = []

    def tick() -> None:
        calls.append(1)
        if len(calls) == 3:
            raise Stop

    with open_register(demo) as register, register.uow.reading() as session:
        with pytest.raises(Stop):
            audit_problems(session, tick)
        assert len(calls) == 3


def deleted(path: Path, statement: str) -> None:
    with sqlite3.connect(path) as connection:
        assert connection.execute(statement).rowcount >= 1


def test_sql_deletes_of_rows_the_demo_wrote_are_named(demo: Path) -> None:
    """A row written in bulk has no entry of its own, so no UUID in the chain: a delete behind
    the app's back is named by the entry that wrote it and its row id."""
    deleted(demo, "DELETE FROM control_measure WHERE id IN (3, 4)")
    deleted(demo, "DELETE FROM team_member WHERE id = (SELECT max(id) FROM team_member)")
    found = problems(demo)
    gone = [line for line in found if "deleted outside the app" in line]
    assert len(gone) == 2, found
    assert any("control measure: 2 record(s)" in line and "ids 3, 4" in line for line in gone)
    assert any(line.startswith("team member: 1 record(s)") for line in gone)


def test_app_deletes_of_bulk_rows_agree_and_sql_deletes_of_app_records_show(demo: Path) -> None:
    """Deleted through the app (with what is under it), a bulk row's delete entry accounts for
    it; a record the app inserted and SQL deleted is named by its UUID."""
    with open_register(demo) as register, register.uow.transaction() as session:
        workplace = session.get(Workplace, 1)
        assert workplace is not None
        editing.delete_subtree(session, workplace)  # its hazards and measures with it
        copy = editing.duplicate_workplace(session, session.get_one(Workplace, 2))
        session.flush()
        copied = str(copy.uuid)
        copied_id = copy.id
    assert problems(demo) == []
    with sqlite3.connect(demo) as connection:
        connection.execute("PRAGMA foreign_keys = ON")  # its hazards go with it, as the app's
        connection.execute("DELETE FROM workplace WHERE id = ?", (copied_id,))
    found = problems(demo)
    assert any(copied in line and "deleted outside the app" in line for line in found), found
    assert any(line.startswith("hazard ") and "no deletion" in line for line in found), found


def test_sql_deletes_of_a_revision_copy_are_named(demo: Path) -> None:
    approve_and_revise(demo)
    deleted(demo, "DELETE FROM control_measure WHERE id = (SELECT max(id) FROM control_measure)")
    found = problems(demo)
    assert any(
        line.startswith("control measure: 1 record(s)") and "deleted outside" in line
        for line in found
    ), found


def test_a_bulk_state_records_long_runs_of_rows_as_one_string_each() -> None:
    """Digests joined a thousand at a time as they come (28 MB held as separate strings at
    100,000 hazards, 7 MB so): the recorded runs are those of every row, in order."""
    from wrac_desktop.persistence.audit_digest import BulkState

    state = BulkState()
    ids = [*range(1, 2_501), *range(3_000, 3_005)]  # a run past two joins, a gap, a short run
    rows = [{"id": row_id, "uuid": uuid.UUID(int=row_id), "name": f"Цех {row_id}"}
            for row_id in ids]  # fmt: skip
    state.add_rows("org_unit", rows)
    recorded = state.changes()["state"]["tables"]["org_unit"]
    form = RowForm(Base.metadata.tables["org_unit"], recorded["columns"])
    digests = [form.digest(row) for row in rows]
    assert recorded["rows"] == [[1, "".join(digests[:2_500])], [3_000, "".join(digests[2_500:])]]
