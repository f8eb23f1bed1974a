"""Merging a field laptop's copy back: adds, edits, conflicts, deletions, atomicity, audit."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import Sample
from wrac_desktop.domain.bin import make_bin
from wrac_desktop.errors import UserError
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.models import (
    EDITABLE_MODELS,
    Assessment,
    AuditEntry,
    ControlMeasure,
    Hazard,
    LibraryEntryRecord,
    Organisation,
    Workplace,
)
from wrac_desktop.register import Register, create_register, open_register, save_copy
from wrac_desktop.services import (
    approval,
    assessments,
    editing,
    hazards,
    library,
    measures,
    merge,
    organisation,
    revisions,
)
from wrac_desktop.services.merge_plan import Choice, ConflictKind
from wrac_desktop.services.work import committing
from wrac_desktop.vocabulary import ControlLevel


@pytest.fixture
def engine_kind() -> str:
    """These tests copy the register as a file (save_copy); test_merge_server.py covers
    merging between a file and a PostgreSQL register."""
    return "sqlite"


@pytest.fixture
def pair(
    sample_register: tuple[Register, Sample], tmp_path: Path
) -> Iterator[tuple[Register, Register, Sample]]:
    """The office register and a field laptop's copy of it, diverging from here on."""
    office, ids = sample_register
    save_copy(office, tmp_path / "field.wrac")
    with open_register(tmp_path / "field.wrac") as field:
        yield office, field, ids


def hazard_uuid(register: Register, hazard_id: int) -> uuid.UUID:
    with register.uow.reading() as session:
        return session.get_one(Hazard, hazard_id).uuid


def edit_hazard(register: Register, key: uuid.UUID, **values: Any) -> None:
    with register.uow.transaction() as session:
        hazard = session.scalars(select(Hazard).where(Hazard.uuid == key)).one()
        for name, value in values.items():
            setattr(hazard, name, value)


def read_hazard(register: Register, key: uuid.UUID) -> Hazard | None:
    with register.uow.reading() as session:
        return session.scalars(select(Hazard).where(Hazard.uuid == key)).one_or_none()


def add_hazard_there(register: Register, ids: Sample, description: str) -> uuid.UUID:
    with register.uow.transaction() as session:
        hazard = hazards.add_hazard(
            session,
            session.get_one(Hazard, ids.hazard_id).assessment,
            session.get_one(Workplace, ids.workplace_id),
            description,
        )
        measures.add_measure(session, hazard, "Қорғаныш көзілдірігі", ControlLevel.PPE)
        return hazard.uuid


def content(register: Register) -> dict[str, list[tuple[Any, ...]]]:
    """Every record's UUID and fields (without stamps), to compare registers by content."""
    result = {}
    with register.uow.reading() as session:
        for model in EDITABLE_MODELS:
            rows = session.scalars(select(model).order_by(model.uuid)).all()
            result[model.__tablename__] = [_fields(row) for row in rows]
    return result


def _fields(row: Any) -> tuple[Any, ...]:
    skipped = {"modified_at", "row_version", "created_at", "search_text"}
    return tuple(
        (key, getattr(row, key))
        for key in row.__mapper__.columns.keys()  # noqa: SIM118 - a ColumnCollection
        if key not in skipped
    )


def audit_count(register: Register, action: str | None = None) -> int:
    with register.uow.reading() as session:
        query = select(func.count(AuditEntry.id))
        if action is not None:
            query = query.where(AuditEntry.action == action)
        return session.scalar(query) or 0


def test_adds_on_both_sides_come_together_and_a_second_merge_adds_nothing(pair) -> None:
    office, field, ids = pair
    theirs = add_hazard_there(field, ids, "Шу (бұрғылау станогы)")
    mine = add_hazard_there(office, ids, "Діріл")
    report = merge.merge(office, field)
    assert report.counts.added == {"hazard": 1, "control_measure": 1}
    assert read_hazard(office, theirs) is not None and read_hazard(office, mine) is not None
    assert read_hazard(office, theirs).description == "Шу (бұрғылау станогы)"  # type: ignore[union-attr]
    before = content(office)
    again = merge.merge(office, field)
    assert not again.written and again.plan.is_empty
    assert content(office) == before


def test_non_conflicting_edits_on_both_sides_are_both_kept(pair) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, consequence="Улану, өлім")
    edit_hazard(office, key, notes="Тексерілді 2026-04-01")
    report = merge.merge(office, field)
    assert not report.plan.conflicts
    hazard = read_hazard(office, key)
    assert hazard is not None
    assert (hazard.consequence, hazard.notes) == ("Улану, өлім", "Тексерілді 2026-04-01")


def test_true_conflict_is_listed_field_by_field_and_nothing_is_written(pair) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, description="Көміртек тотығы")
    edit_hazard(office, key, description="Улы газдар")
    before = content(office)
    with pytest.raises(merge.MergeConflicts) as raised:
        merge.merge(office, field)
    assert raised.value.exit_code == 1
    (conflict,) = raised.value.plan.conflicts
    assert conflict.kind is ConflictKind.CHANGED and conflict.uuid == key
    assert [(f.name, f.mine, f.theirs) for f in conflict.fields] == [
        ("description", "Улы газдар", "Көміртек тотығы")
    ]
    assert content(office) == before


@pytest.mark.parametrize(
    ("choice", "expected"), [(Choice.MINE, "Улы газдар"), (Choice.THEIRS, "Көміртек тотығы")]
)
def test_conflict_resolved_each_way(pair, choice: Choice, expected: str) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, description="Көміртек тотығы", causes="Желдету тоқтады")
    edit_hazard(office, key, description="Улы газдар")
    report = merge.merge(office, field, choice)
    hazard = read_hazard(office, key)
    assert hazard is not None
    assert hazard.description == expected
    assert hazard.causes == "Желдету тоқтады"  # their other field is no conflict: taken
    assert (report.counts.kept_mine, report.counts.took_theirs) == (
        (1, 0) if choice is Choice.MINE else (0, 1)
    )
    # Decided once: merging again asks nothing, until they change it again.
    assert merge.merge(office, field).plan.conflicts == []
    edit_hazard(field, key, description="CO және NO₂")
    assert [c.uuid for c in merge.preview(office, field).plan.conflicts] == (
        [key] if choice is Choice.MINE else []
    )


def test_choice_per_record(pair) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, description="Теирс")
    edit_hazard(office, key, description="Майн")
    merge.merge(office, field, {key: Choice.THEIRS})
    assert read_hazard(office, key).description == "Теирс"  # type: ignore[union-attr]


def test_a_record_deleted_there_and_untouched_here_is_deleted_with_its_measures(pair) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    with field.uow.transaction() as session:
        editing.delete_subtree(session, session.get_one(Hazard, ids.hazard_id))
    report = merge.merge(office, field)
    assert read_hazard(office, key) is None
    assert report.counts.deleted == {"hazard": 1, "control_measure": 2}
    with office.uow.reading() as session:
        deleted = session.scalars(
            select(AuditEntry.entity).where(AuditEntry.action == "delete")
        ).all()
    assert sorted(deleted) == ["control_measure", "control_measure", "hazard"]


def test_deleted_there_but_changed_here_is_a_conflict(pair) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    with field.uow.transaction() as session:
        editing.delete_subtree(session, session.get_one(Hazard, ids.hazard_id))
    with office.uow.transaction() as session:  # a change below the hazard protects it too
        session.get_one(Hazard, ids.hazard_id).measures[0].responsible = "Бас инженер"
    (conflict,) = merge.preview(office, field).plan.conflicts
    assert conflict.kind is ConflictKind.DELETED_THERE
    merge.merge(office, field, Choice.MINE)
    assert read_hazard(office, key) is not None


def test_deleted_here_stays_deleted_unless_they_changed_it(pair) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    with office.uow.transaction() as session:
        editing.delete_subtree(session, session.get_one(Hazard, ids.hazard_id))
    assert merge.preview(office, field).plan.is_empty
    edit_hazard(field, key, notes="Өлшеу нәтижесі: 35 мг/м³")
    (conflict,) = merge.preview(office, field).plan.conflicts
    assert conflict.kind is ConflictKind.DELETED_HERE
    merge.merge(office, field, Choice.THEIRS)
    restored = read_hazard(office, key)
    assert restored is not None and restored.notes == "Өлшеу нәтижесі: 35 мг/м³"
    with office.uow.reading() as session:
        assert session.scalar(select(func.count(ControlMeasure.id))) == 2


def test_a_failure_half_way_leaves_the_target_unchanged(pair, monkeypatch) -> None:
    office, field, ids = pair
    add_hazard_there(field, ids, "Шаң")
    edit_hazard(field, hazard_uuid(office, ids.hazard_id), notes="жаңа")
    before, audit_before = content(office), audit_count(office)

    def broken(*_args: object) -> None:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr("wrac_desktop.services.merge_apply._delete", broken)
    with pytest.raises(RuntimeError):
        merge.merge(office, field)
    assert content(office) == before and audit_count(office) == audit_before


def test_the_audit_log_records_the_merge_and_every_change(pair) -> None:
    office, field, ids = pair
    add_hazard_there(field, ids, "Шаң")
    edit_hazard(field, hazard_uuid(office, ids.hazard_id), notes="жаңа")
    inserts, updates = audit_count(office, "insert"), audit_count(office, "update")
    merge.merge(office, field)
    assert audit_count(office, "merge") == 1
    assert audit_count(office, "insert") == inserts + 2
    assert audit_count(office, "update") == updates + 1
    with office.uow.reading() as session:
        event = session.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).one()
    assert event.changes["added"] == {"hazard": 1, "control_measure": 1}
    assert event.changes["source"] == field.location


def test_dry_run_changes_neither_register(pair) -> None:
    office, field, ids = pair
    add_hazard_there(field, ids, "Шаң")
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, description="A")
    edit_hazard(office, key, description="B")
    before_office, before_field = content(office), content(field)
    audits = audit_count(office), audit_count(field)
    report = merge.preview(office, field)
    assert report.counts.added == {"hazard": 1, "control_measure": 1}
    assert len(report.plan.conflicts) == 1
    assert (content(office), content(field)) == (before_office, before_field)
    assert (audit_count(office), audit_count(field)) == audits


def test_changes_travel_back_without_false_conflicts(pair) -> None:
    """Office ← field, then field ← office, then edits on both: each merge sees only news."""
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, description="далада өзгертілді")
    edit_hazard(office, key, notes="кеңседе")
    merge.merge(office, field)
    merge.merge(field, office)
    assert content(field) == content(office)
    edit_hazard(field, key, description="екінші рет")
    edit_hazard(office, key, notes="кеңседе 2")
    assert merge.preview(office, field).plan.conflicts == []
    merge.merge(office, field)
    hazard = read_hazard(office, key)
    assert hazard is not None and (hazard.description, hazard.notes) == ("екінші рет", "кеңседе 2")


def test_a_plain_file_copy_works_like_a_saved_copy(sample_register, tmp_path: Path) -> None:
    office, ids = sample_register
    office.close()
    copy = tmp_path / "copied.wrac"
    copy.write_bytes(Path(office.location).read_bytes())
    with open_register(Path(office.location)) as office, open_register(copy) as field:
        merge.merge(office, field)  # both without a UUID yet; each gets its own
        edit_hazard(field, hazard_uuid(office, ids.hazard_id), notes="далада")
        merge.merge(office, field)
        assert read_hazard(office, hazard_uuid(office, ids.hazard_id)).notes == "далада"  # type: ignore[union-attr]


def test_merging_a_register_into_itself_is_refused(sample_register) -> None:
    office, _ids = sample_register
    with open_register(Path(office.location)) as same, pytest.raises(UserError, match="itself"):
        merge.merge(office, same)


def test_a_register_of_another_organisation_is_refused(sample_register, tmp_path: Path) -> None:
    office, _ids = sample_register
    with create_register(tmp_path / "other.wrac") as other:
        with other.uow.transaction() as session:
            organisation.create_organisation(session, "ТОО «Басқа»", make_bin("05094009999"))
        with pytest.raises(UserError, match="another organisation"):
            merge.merge(office, other)


def test_new_units_and_workplaces_are_added_parents_first(pair) -> None:
    office, field, _ids = pair
    with field.uow.transaction() as session:
        org = session.scalars(select(Organisation)).one()
        site = organisation.add_unit(session, org, "Ашық карьер")
        division = organisation.add_unit(session, org, "Бұрғылау", parent=site)
        organisation.add_workplace(session, division, "Бұрғылаушы")
    report = merge.merge(office, field)
    assert report.counts.added == {"org_unit": 2, "workplace": 1}
    with office.uow.reading() as session:
        workplace = session.scalars(select(Workplace).where(Workplace.name == "Бұрғылаушы")).one()
        assert workplace.unit.parent is not None and workplace.unit.parent.name == "Ашық карьер"


def test_two_laptops_copied_from_the_office_do_not_undo_each_other(
    sample_register, tmp_path: Path
) -> None:
    office, ids = sample_register
    save_copy(office, tmp_path / "first.wrac")
    with open_register(tmp_path / "first.wrac") as first:
        merge.merge(office, first)  # the office now has a register UUID, copied below
    office.close()
    for name in ("one", "two"):
        (tmp_path / f"{name}.wrac").write_bytes(Path(office.location).read_bytes())
    with (
        open_register(Path(office.location)) as office,
        open_register(tmp_path / "one.wrac") as one,
        open_register(tmp_path / "two.wrac") as two,
    ):
        key = hazard_uuid(office, ids.hazard_id)
        edit_hazard(one, key, notes="бірінші ноутбук")
        edit_hazard(two, key, causes="екінші ноутбук")
        merge.merge(office, one)
        report = merge.merge(office, two)
        assert report.plan.conflicts == []
        hazard = read_hazard(office, key)
        assert hazard is not None
        assert (hazard.notes, hazard.causes) == ("бірінші ноутбук", "екінші ноутбук")


def test_a_read_only_copy_can_be_merged_and_is_left_untouched(pair, tmp_path: Path) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, notes="флешкадан")
    field.close()
    path = Path(field.location)
    path.chmod(0o444)
    before = path.read_bytes()
    with open_register(path, read_only=True) as read_only:
        merge.merge(office, read_only)
    assert read_hazard(office, key).notes == "флешкадан"  # type: ignore[union-attr]
    assert path.read_bytes() == before


def test_the_same_library_entry_edited_on_both_sides_is_one_record(pair) -> None:
    """entry_id is unique: both retiring "noise" must not insert a second "noise" row."""
    office, field, _ids = pair
    for register in (office, field):
        with register.uow.transaction() as session:
            noise = library.register_library(session).get("noise")
            library.save_entry(session, replace(noise, retired=True))
    assert merge.preview(office, field).plan.is_empty  # same content: nothing to do
    with field.uow.transaction() as session:
        library.save_entry(session, library.register_library(session).get("vibration"))
    report = merge.merge(office, field)
    assert report.counts.added == {"library_entry": 1}
    with office.uow.reading() as session:
        assert session.scalar(select(func.count(LibraryEntryRecord.id))) == 2


def test_a_hazard_moved_to_a_workplace_added_there_follows_it(pair) -> None:
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    with field.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        new_place = organisation.add_workplace(session, hazard.workplace.unit, "Көлік жүргізуші")
        hazard.workplace = new_place
    merge.merge(office, field)
    with office.uow.reading() as session:
        moved = session.scalars(select(Hazard).where(Hazard.uuid == key)).one()
        assert moved.workplace.name == "Көлік жүргізуші"


def test_a_matrix_frozen_here_by_an_approval_is_not_changed(pair) -> None:
    office, field, ids = pair
    with field.uow.transaction() as session:  # still a draft there: edited in place
        matrix = session.get_one(Hazard, ids.hazard_id).assessment.matrix
        matrix.name = "WRAC 5×5 (өзгертілген)"
    with office.uow.transaction() as session:
        assessment = session.get_one(Hazard, ids.hazard_id).assessment
        assessments.approve(session, assessment, by="Бас инженер", position="", on=date(2026, 4, 1))
        original = assessment.matrix.name
    report = merge.merge(office, field)
    assert any("approved assessment" in note for note in report.counts.skipped)
    with office.uow.reading() as session:
        assert session.get_one(Hazard, ids.hazard_id).assessment.matrix.name == original
    assert merge.preview(office, field).plan.conflicts == []


def _count_plans(monkeypatch) -> list[int]:
    built: list[int] = []
    real = merge._plan

    def counting(*args: Any) -> Any:
        built.append(1)
        return real(*args)

    monkeypatch.setattr(merge, "_plan", counting)
    return built


def test_the_preview_the_officer_decided_on_is_the_plan_merged(pair, monkeypatch) -> None:
    """The app previews, asks, then merges: the plan is built once (at 50,000 hazards building
    it twice made File → Merge take 88 s), and the result is the same as planning again."""
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    theirs = add_hazard_there(field, ids, "Шу (бұрғылау станогы)")
    edit_hazard(field, key, description="Көміртек тотығы")
    edit_hazard(office, key, description="Улы газдар")
    built = _count_plans(monkeypatch)
    report = merge.preview(office, field)
    merged = merge.merge(office, field, {key: Choice.THEIRS}, previewed=report)
    assert len(built) == 1
    assert merged.written and merged.counts.took_theirs == 1
    assert read_hazard(office, key).description == "Көміртек тотығы"  # type: ignore[union-attr]
    assert read_hazard(office, theirs) is not None
    assert merge.merge(office, field).plan.is_empty  # the bookkeeping was written as usual


def test_a_preview_is_planned_again_when_a_register_moved_since(pair, monkeypatch) -> None:
    """An edit between the preview and the merge (on a server, another user's) must not be
    overwritten by a plan that never saw it: the plan is built again."""
    office, field, ids = pair
    key = hazard_uuid(office, ids.hazard_id)
    edit_hazard(field, key, causes="Желдету тоқтады")
    built = _count_plans(monkeypatch)
    report = merge.preview(office, field)
    edit_hazard(office, key, causes="Сорғы тоқтады")  # now a conflict the preview did not see
    with pytest.raises(merge.MergeConflicts):
        merge.merge(office, field, previewed=report)
    assert len(built) == 2
    assert read_hazard(office, key).causes == "Сорғы тоқтады"  # type: ignore[union-attr]
    report = merge.preview(office, field)
    add_hazard_there(field, ids, "Діріл")  # the other copy moved instead
    merged = merge.merge(office, field, Choice.MINE, previewed=report)
    assert len(built) == 4 and merged.counts.added["hazard"] == 1


def test_a_written_report_is_never_a_plan_again(pair, monkeypatch) -> None:
    office, field, ids = pair
    add_hazard_there(field, ids, "Діріл")
    done = merge.merge(office, field)
    built = _count_plans(monkeypatch)
    assert merge.merge(office, field, previewed=done).plan.is_empty
    assert len(built) == 1


def test_a_revision_started_there_in_bulk_comes_whole(pair) -> None:
    """A revision's copy is written in bulk with one audit entry naming its rows, not one a
    record: the merge, reading only what the logs name, must still find every copied row."""
    office, field, ids = pair
    with field.uow.transaction() as session:
        assessment = session.get_one(Hazard, ids.hazard_id).assessment
        assessments.approve(session, assessment, by="Бас инженер", position="", on=date(2026, 4, 1))
    with committing(field) as (work, _changes):
        revisions.copy_current(work)
    report = merge.merge(office, field)
    assert report.counts.added["hazard"] >= 1
    assert report.counts.added["control_measure"] >= 1
    assert uuids(office) == uuids(field)
    assert merge.preview(office, field).plan.is_empty


def test_an_approval_made_there_comes_with_its_text_and_verifies_here(pair) -> None:
    """The approval text is kept beside its revision, not among the fields a merge compares:
    it must come with the fingerprint, byte for byte, for the first approval and the next."""
    office, field, ids = pair
    with field.uow.transaction() as session:
        assessment = session.get_one(Hazard, ids.hazard_id).assessment
        assessments.approve(session, assessment, by="Бас инженер", position="", on=date(2026, 4, 1))
    merge.merge(office, field)
    assert approval_texts(office) == approval_texts(field) != {}
    with committing(field) as (work, _changes):
        revisions.copy_current(work)
    merge.merge(office, field)  # the draft of revision 2 comes whole
    with field.uow.transaction() as session:
        draft = session.scalars(select(Assessment).where(Assessment.revision == 2)).one()
        assessments.approve(session, draft, by="Бас инженер", position="", on=date(2027, 4, 1))
    merge.merge(office, field)
    texts = approval_texts(office)
    assert texts == approval_texts(field) and len(texts) == 2
    with office.uow.reading() as session:
        assert approval.tamper_problems(session) == []
    assert merge.preview(office, field).plan.is_empty


def approval_texts(register: Register) -> dict[uuid.UUID, str | None]:
    """Each approved revision's stored approval text, by the revision's UUID."""
    with register.uow.reading() as session:
        return {
            revision.uuid: record_queries.approved_content(session, revision.id)
            for revision in record_queries.fingerprinted_revisions(session)
        }


def uuids(register: Register) -> dict[str, set[uuid.UUID]]:
    with register.uow.reading() as session:
        return {
            model.__tablename__: set(session.scalars(select(model.uuid)))
            for model in EDITABLE_MODELS
        }
