"""Read-only queries for the action plan and the matrix heat map."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import ControlMeasure, Hazard, Workplace
from wrac_desktop.persistence.queries import current_assessment_id, unit_and_descendants
from wrac_desktop.text import kazakh_sorted

OPEN_STATUSES = ("planned", "in_progress", "postponed")  # MeasureStatus.is_open
ROWS_AT_ONCE = 5_000  # measure rows fetched from the cursor at a time


@dataclass(frozen=True)
class MeasureFilter:
    assessment_id: int | None = None
    unit_id: int | None = None
    status: str | None = None
    responsible: str | None = None
    workplace_id: int | None = None
    overdue_on: date | None = None  # only open measures due before this day
    due_by: date | None = None  # only open measures due by this day (overdue ones too)
    kind: str | None = "additional"  # the plan is about what is still to be done


@dataclass(frozen=True)
class MeasureRow:
    id: int
    uuid: uuid.UUID
    workplace: str
    hazard: str
    description: str
    level: str
    responsible: str
    due_text: str
    due_date: date | None
    status: str
    completed_on: date | None
    residual_band: str | None


def _filtered(query: Select, wanted: MeasureFilter, session: Session) -> Select:  # type: ignore[type-arg]
    shown = wanted.assessment_id
    shown = shown if shown is not None else current_assessment_id(session)
    query = query.where(Hazard.assessment_id == shown)
    if wanted.unit_id is not None:
        query = query.where(Workplace.unit_id.in_(unit_and_descendants(wanted.unit_id)))
    if wanted.workplace_id is not None:
        query = query.where(Hazard.workplace_id == wanted.workplace_id)
    if wanted.status is not None:
        query = query.where(ControlMeasure.status == wanted.status)
    if wanted.responsible is not None:
        query = query.where(ControlMeasure.responsible == wanted.responsible)
    if wanted.kind is not None:
        query = query.where(ControlMeasure.kind == wanted.kind)
    if wanted.overdue_on is not None:
        # Whole dates, compared as dates: December rolls into January correctly.
        query = query.where(
            ControlMeasure.status.in_(OPEN_STATUSES), ControlMeasure.due_date < wanted.overdue_on
        )
    if wanted.due_by is not None:
        query = query.where(
            ControlMeasure.status.in_(OPEN_STATUSES), ControlMeasure.due_date <= wanted.due_by
        )
    return query


def measure_rows(session: Session, wanted: MeasureFilter) -> Iterator[MeasureRow]:
    """Every measure ``wanted`` asks for, in deadline order, streamed from the cursor
    ROWS_AT_ONCE at a time. No cap: a limit of 100,000 rows dropped the rest of a plan without
    a word (a register of 100,000 hazards holds about 150,000 measures), and a legal plan
    must not lose a row (issue 22)."""
    residual = func.coalesce(Hazard.residual_override_band, Hazard.residual_band)
    query = (
        select(
            ControlMeasure.id,
            ControlMeasure.uuid,
            Workplace.name,
            Hazard.description,
            ControlMeasure.description,
            ControlMeasure.level,
            ControlMeasure.responsible,
            ControlMeasure.due_text,
            ControlMeasure.due_date,
            ControlMeasure.status,
            ControlMeasure.completed_on,
            residual,
        )
        .join(Hazard, ControlMeasure.hazard_id == Hazard.id)
        .join(Workplace, Hazard.workplace_id == Workplace.id)
    )
    query = _filtered(query, wanted, session).order_by(
        ControlMeasure.due_date.is_(None),
        ControlMeasure.due_date,
        Workplace.sort_order,
        ControlMeasure.id,
    )
    result = session.execute(query, execution_options={"yield_per": ROWS_AT_ONCE})
    for chunk in result.partitions():
        yield from (MeasureRow(*row) for row in chunk)


def responsible_people(session: Session) -> list[str]:
    query = select(ControlMeasure.responsible).where(ControlMeasure.responsible != "").distinct()
    return kazakh_sorted(list(session.scalars(query)))


def matrix_counts(
    session: Session, stage: str, assessment_id: int | None = None, unit_id: int | None = None
) -> dict[tuple[float, float], int]:
    """How many hazards sit in each (likelihood, severity) cell, initial or residual."""
    likelihood = getattr(Hazard, f"{stage}_likelihood")
    severity = getattr(Hazard, f"{stage}_severity")
    query = (
        select(likelihood, severity, func.count())
        .join(Workplace)
        .where(likelihood.is_not(None), severity.is_not(None))
        .group_by(likelihood, severity)
    )
    shown = assessment_id if assessment_id is not None else current_assessment_id(session)
    query = query.where(Hazard.assessment_id == shown)
    if unit_id is not None:
        query = query.where(Workplace.unit_id.in_(unit_and_descendants(unit_id)))
    return {(float(lik), float(sev)): int(n) for lik, sev, n in session.execute(query)}


@dataclass(frozen=True)
class DueTextRow:
    uuid: uuid.UUID
    workplace: str
    description: str
    due_text: str


def undated_due_texts(session: Session) -> list[DueTextRow]:
    """Measures with a due date written but no deadline stored, in every revision."""
    query = (
        select(
            ControlMeasure.uuid, Workplace.name, ControlMeasure.description, ControlMeasure.due_text
        )
        .join(Hazard, ControlMeasure.hazard_id == Hazard.id)
        .join(Workplace, Hazard.workplace_id == Workplace.id)
        .where(ControlMeasure.due_date.is_(None), ControlMeasure.due_text != "")
        .order_by(ControlMeasure.id)
    )
    return [DueTextRow(*row) for row in session.execute(query)]
