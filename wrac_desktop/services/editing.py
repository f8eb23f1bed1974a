"""Structural edits the app offers: delete with everything below, duplicate, move, rename.

Deletes walk the subtree explicitly (children first) instead of relying on the database's
ON DELETE CASCADE, so the change set and the audit log see every row that goes and undo can
bring every one of them back.
"""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from wrac_desktop.errors import UserError
from wrac_desktop.i18n import _, current_language
from wrac_desktop.persistence.conflicts import check_version, locked_for_update
from wrac_desktop.persistence.models import (
    ControlMeasure,
    Hazard,
    OrgUnit,
    Record,
    Workplace,
)
from wrac_desktop.services import hazards, reassessment, translations
from wrac_desktop.services.hazards import Stage

_COPIED_SKIP = frozenset({"id", "uuid", "created_at", "modified_at", "row_version"})


R = TypeVar("R", bound=Record)


def get_record(session: Session, model: type[R], record_id: int, *, for_update: bool = False) -> R:
    """The record of this model and id; UserError when someone deleted it meanwhile."""
    record = (
        locked_for_update(session, model, record_id)
        if for_update
        else session.get(model, record_id)
    )
    if record is None:
        raise UserError(_("the record was deleted meanwhile; refresh the view"))
    assert isinstance(record, model)  # locked_for_update reads by the same model
    return record


def unit_or_workplace(
    session: Session, model: type[OrgUnit | Workplace], record_id: int
) -> OrgUnit | Workplace:
    """A site, division or workplace: the records of the tree that have a name."""
    record = get_record(session, model, record_id)
    assert isinstance(record, OrgUnit | Workplace)
    return record


def set_fields(
    session: Session,
    model: type[Record],
    record_id: int,
    *,
    expected_version: int | None = None,
    typed_in: str | None = None,
    **values: Any,
) -> None:
    """Change plain fields of one record (derived columns follow on flush).

    With ``expected_version`` (the row version the user saw), a record someone else changed
    meanwhile raises ``EditConflict`` with both values instead of being overwritten.
    ``typed_in``: the language the texts were typed in (default the interface's).
    """
    record = get_record(session, model, record_id, for_update=expected_version is not None)
    check_version(session, record, expected_version, values)
    before = {name: getattr(record, name, None) for name in values}
    for name, value in values.items():
        if name in _COPIED_SKIP or name not in record.__table__.columns:
            raise AttributeError(f"{record.__tablename__}.{name} cannot be set")
        setattr(record, name, value)
    session.flush()
    # a text edited in one language: its other languages need checking
    translations.edited(session, record, before, typed_in or current_language())


def delete_subtree(session: Session, record: Record) -> None:
    """Delete a record and everything that belongs to it, in one flush."""
    # Loading children must not autoflush: a flush in the middle of the walk deletes some
    # rows, and the parent's cascade then tries to delete them a second time.
    with session.no_autoflush:
        _mark_deleted(session, record)
    session.flush()


def _mark_deleted(session: Session, record: Record) -> None:
    for child in _children(record):
        _mark_deleted(session, child)
    session.delete(record)


def _children(record: Record) -> list[Record]:
    if isinstance(record, OrgUnit):
        return [*record.children, *record.workplaces]
    if isinstance(record, Workplace):
        return list(record.hazards)
    if isinstance(record, Hazard):
        return list(record.measures)
    return []


def duplicate_workplace(
    session: Session, workplace: Workplace, unit: OrgUnit | None = None, suffix: str = ""
) -> Workplace:
    """A copy of a workplace with all its hazards and measures (new UUIDs), last in ``unit``."""
    target = unit or workplace.unit
    placement = {"unit_id": target.id, "sort_order": len(target.workplaces)}
    copy = Workplace(**_fields(workplace) | placement | {"name": f"{workplace.name}{suffix}"})
    session.add(copy)
    session.flush()
    for hazard in workplace.hazards:
        hazard_copy = Hazard(
            **_fields(hazard), workplace_id=copy.id, assessment_id=hazard.assessment_id
        )
        session.add(hazard_copy)
        session.flush()
        for measure in hazard.measures:
            session.add(ControlMeasure(**_fields(measure), hazard_id=hazard_copy.id))
    session.flush()
    session.refresh(target)
    return copy


def move_workplace(session: Session, workplace: Workplace, unit: OrgUnit) -> None:
    """Move a workplace (and its hazards) under another site or division."""
    if workplace.unit_id != unit.id:
        workplace.unit = unit
        workplace.sort_order = len(unit.workplaces)
        session.flush()


def _fields(record: Record) -> dict[str, Any]:
    columns = record.__table__.columns.keys()
    foreign = {c.name for c in record.__table__.columns if c.foreign_keys}
    return {
        name: getattr(record, name)
        for name in columns
        if name not in _COPIED_SKIP and name not in foreign
    }


def rate_hazard(
    session: Session,
    hazard_id: int,
    stage: Stage,
    rating: tuple[float | None, float | None, float | None],
    expected_version: int | None = None,
) -> None:
    """Rate a hazard by id; like ``set_fields``, refuses to overwrite another user's rating."""
    hazard = get_record(session, Hazard, hazard_id, for_update=expected_version is not None)
    names = (f"{stage}_likelihood", f"{stage}_severity", f"{stage}_exposure")
    check_version(session, hazard, expected_version, dict(zip(names, rating, strict=True)))
    hazards.rate(hazard, stage, *rating)
    session.flush()
    reassessment.rescored(session, hazard)  # the re-assessment an event asked for (issue 18)
