"""Hazards flagged for re-assessment, as the reminders read them (and as events raise them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from wrac_desktop.persistence.models import (
    ControlMeasure,
    Event,
    Hazard,
    ReassessmentFlag,
    Workplace,
)
from wrac_desktop.persistence.queries import current_assessment_id


@dataclass(frozen=True)
class FlaggedHazard:
    hazard_id: int
    workplace: str
    hazard: str
    reason: str
    flagged_at: datetime
    event_kind: str | None = None  # what raised it, when an event did (issue 18)
    event_at: datetime | None = None


def flag_for_reassessment(
    session: Session, hazard: Hazard, reason: str, source_uuid: uuid.UUID | None = None
) -> None:
    """Mark ``hazard`` (in every revision: by its lineage) to be assessed again."""
    session.add(ReassessmentFlag(
        hazard_lineage=hazard.lineage or hazard.uuid, reason=reason, source_uuid=source_uuid
    ))  # fmt: skip
    session.flush()


def flagged_hazards(session: Session) -> list[FlaggedHazard]:
    """The current revision's hazards with a flag not cleared, oldest flag first."""
    shown = current_assessment_id(session)
    return [] if shown is None else _open_flags(session, Hazard.assessment_id == shown)


def open_flags(session: Session, hazard_ids: list[int]) -> list[FlaggedHazard]:
    """The flags not cleared of these hazards (one page of the register view), oldest first."""
    return _open_flags(session, Hazard.id.in_(hazard_ids)) if hazard_ids else []


def _open_flags(session: Session, which: ColumnElement[bool]) -> list[FlaggedHazard]:
    lineage = func.coalesce(Hazard.lineage, Hazard.uuid)
    query = (
        select(Hazard.id, Workplace.name, Hazard.description, ReassessmentFlag.reason,
               ReassessmentFlag.flagged_at, Event.kind, Event.occurred_at)
        .join(Workplace, Hazard.workplace_id == Workplace.id)
        .join(ReassessmentFlag, ReassessmentFlag.hazard_lineage == lineage)
        .outerjoin(Event, Event.uuid == ReassessmentFlag.source_uuid)
        .where(which, ReassessmentFlag.cleared_at.is_(None))
        .order_by(ReassessmentFlag.flagged_at, ReassessmentFlag.id)
    )  # fmt: skip
    return [FlaggedHazard(*row) for row in session.execute(query)]


def place_of_hazard(session: Session, hazard_id: int) -> tuple[int, int] | None:
    """The workplace and hazard a reminder's hazard row points to (None if gone)."""
    query = select(Hazard.workplace_id, Hazard.id).where(Hazard.id == hazard_id)
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def place_of_measure(session: Session, measure_id: int) -> tuple[int, int] | None:
    """The workplace and hazard of a reminder's measure (None if gone)."""
    query = (
        select(Hazard.workplace_id, Hazard.id)
        .join(ControlMeasure, ControlMeasure.hazard_id == Hazard.id)
        .where(ControlMeasure.id == measure_id)
    )
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def clear_flags(session: Session, lineage: uuid.UUID, at: datetime) -> int:
    """The hazard was assessed again (re-scored): its open flags are cleared; how many."""
    return _clear(session, ReassessmentFlag.hazard_lineage == lineage, at)


def clear_flags_raised_by(session: Session, source_uuid: uuid.UUID, at: datetime) -> int:
    """What raised these flags was withdrawn (an event recorded by mistake)."""
    return _clear(session, ReassessmentFlag.source_uuid == source_uuid, at)


def _clear(session: Session, which: ColumnElement[bool], at: datetime) -> int:
    """As ORM edits, not one UPDATE: the edit that clears a flag (a re-score) records the
    change, so undoing the edit brings the flag back (``changes.recording``), and each clearing
    is an audit entry, so a flag cleared by SQL behind the app's back is named by the check."""
    flags = list(session.scalars(select(ReassessmentFlag).where(which, _open)))
    for flag in flags:
        flag.cleared_at = at
    session.flush()
    return len(flags)


_open = ReassessmentFlag.cleared_at.is_(None)


def events_by_uuid(session: Session, uuids: list[uuid.UUID]) -> list[Event]:
    found: list[Event] = []
    for start in range(0, len(uuids), 500):  # bound the IN list
        query = select(Event).where(Event.uuid.in_(uuids[start : start + 500]))
        found += session.scalars(query.order_by(Event.occurred_at, Event.id))
    return found


def hazards_by_lineage(session: Session, lineages: list[str]) -> list[Hazard]:
    """One hazard of each lineage (a flag is kept by lineage: any revision's will do)."""
    wanted = [uuid.UUID(value) for value in lineages]
    if not wanted:
        return []
    lineage = func.coalesce(Hazard.lineage, Hazard.uuid)
    found: dict[uuid.UUID, Hazard] = {}
    for hazard in session.scalars(select(Hazard).where(lineage.in_(wanted))):
        found.setdefault(hazard.lineage or hazard.uuid, hazard)
    return list(found.values())
