"""Change sets make committed edits undoable: undo and redo restore exactly what was there."""

from __future__ import annotations

from sqlalchemy import func, select, text

from tests.conftest import Sample
from wrac_desktop.persistence.changes import apply, recording
from wrac_desktop.persistence.models import AuditEntry, ControlMeasure, Hazard, OrgUnit, Workplace
from wrac_desktop.register import Register
from wrac_desktop.services import editing, hazards

STAMPS = ("created_at", "modified_at", "row_version")


def content(register: Register) -> dict[str, list[tuple[object, ...]]]:
    """Rows without the stamps that legitimately move on every write (by name: a column a
    migration added comes after them)."""
    tables = ("org_unit", "workplace", "hazard", "control_measure")
    with register.engine.connect() as connection:
        found = {}
        for table in tables:
            result = connection.execute(text(f"SELECT * FROM {table} ORDER BY id"))
            kept = [i for i, key in enumerate(result.keys()) if key not in STAMPS]
            found[table] = [tuple(row[i] for i in kept) for row in result]
        return found


def undo(register: Register, changes) -> None:  # type: ignore[no-untyped-def]
    with register.uow.transaction() as session:
        apply(session, changes.inverse())


def redo(register: Register, changes) -> None:  # type: ignore[no-untyped-def]
    with register.uow.transaction() as session:
        apply(session, changes)


def test_undo_and_redo_of_a_rating(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    before = content(register)
    with register.uow.transaction() as session, recording(session) as changes:
        hazards.rate(session.get_one(Hazard, ids.hazard_id), "initial", 5, 5)
    after = content(register)
    assert after != before
    undo(register, changes)
    assert content(register) == before
    redo(register, changes)
    assert content(register) == after


def test_undo_of_deleting_a_site_brings_back_everything_below(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    before = content(register)
    with register.uow.transaction() as session, recording(session) as changes:
        editing.delete_subtree(session, editing.get_record(session, OrgUnit, ids.site_id))
    with register.uow.reading() as session:
        assert session.scalar(select(func.count()).select_from(ControlMeasure)) == 0
    undo(register, changes)
    assert content(register) == before
    with register.uow.reading() as session:
        audited = session.execute(select(AuditEntry.action, AuditEntry.entity)).all()
    deleted = sorted(entity for action, entity in audited if action == "delete")
    # site, division, workplace, hazard and its two measures: each delete and re-insert audited
    assert deleted == [
        "control_measure",
        "control_measure",
        "hazard",
        "org_unit",
        "org_unit",
        "workplace",
    ]
    inserted = [entity for action, entity in audited if action == "insert"]
    assert inserted.count("control_measure") == 4 and inserted.count("org_unit") == 4


def test_duplicate_workplace_copies_hazards_and_measures_with_new_uuids(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session, recording(session) as changes:
        original = session.get_one(Workplace, ids.workplace_id)
        copy = editing.duplicate_workplace(session, original, suffix=" (2)")
        copy_id = copy.id
    with register.uow.reading() as session:
        copy = session.get_one(Workplace, copy_id)
        original = session.get_one(Workplace, ids.workplace_id)
        assert copy.name == "Үңгілеуші (2)" and copy.uuid != original.uuid
        assert [h.description for h in copy.hazards] == [h.description for h in original.hazards]
        assert copy.hazards[0].initial_score == original.hazards[0].initial_score
        assert len(copy.hazards[0].measures) == 2
        assert copy.hazards[0].measures[0].uuid != original.hazards[0].measures[0].uuid
    assert len(changes.created("control_measure")) == 2
    undo(register, changes)
    with register.uow.reading() as session:
        assert session.get(Workplace, copy_id) is None
        assert session.scalar(select(func.count()).select_from(Hazard)) == 1


def test_deleting_a_unit_with_a_pasted_workplace_and_undoing_it(register_location: str) -> None:
    """Regression: a mid-walk autoflush made the delete hit rows already gone."""
    from wrac_desktop.persistence.models import OrgUnit
    from wrac_desktop.register import open_location
    from wrac_desktop.services import organisation
    from wrac_desktop.services.demo import write_demo

    write_demo(register_location, workplaces=12, seed=2)
    with open_location(register_location, read_only=False) as register:
        with register.uow.transaction() as session:
            site = session.get_one(OrgUnit, 1)
            division = organisation.add_unit(session, site.organisation, "D", parent=site)
            editing.duplicate_workplace(session, session.get_one(Workplace, 1), division)
            division_id = division.id
        before = content(register)
        with register.uow.transaction() as session, recording(session) as changes:
            editing.delete_subtree(session, session.get_one(OrgUnit, division_id))
        undo(register, changes)
        assert content(register) == before
