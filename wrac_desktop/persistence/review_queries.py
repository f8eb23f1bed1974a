"""Reads for the pre-approval review (services/review.py): two Core queries, typed rows.

A review runs before every approval, also of a 10,000-hazard register, so it reads plain
columns instead of walking ORM relationships (a lazy load per hazard for its measures).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import ControlMeasure, Hazard, TeamMember, Workplace


class HazardRisk(NamedTuple):
    """A hazard's place and its two ratings as the register shows them (overrides win)."""

    workplace: str
    description: str
    initial_score: float | None
    initial_band: str | None
    residual_score: float | None
    residual_band: str | None


class PlannedMeasure(NamedTuple):
    """An additional measure (an entry of the plan) with what an inspector checks first."""

    workplace: str
    hazard: str
    description: str
    responsible: str
    due_text: str
    due_date: date | None
    status: str


def hazard_risks(session: Session, assessment_id: int) -> Iterator[HazardRisk]:
    """Every hazard of an assessment, in register order, from a streaming cursor (a list of
    them was 110 MB of approve's peak at 50,000 hazards, issue 22)."""
    query = (
        select(
            Workplace.name,
            Hazard.description,
            Hazard.initial_score,
            func.coalesce(Hazard.initial_override_band, Hazard.initial_band),
            Hazard.residual_score,
            func.coalesce(Hazard.residual_override_band, Hazard.residual_band),
        )
        .join(Workplace, Workplace.id == Hazard.workplace_id)
        .where(Hazard.assessment_id == assessment_id)
        .order_by(Workplace.sort_order, Workplace.id, Hazard.sort_order, Hazard.id)
    )
    for row in session.execute(query.execution_options(yield_per=_BATCH)):
        yield HazardRisk(*row)


def planned_measures(session: Session, assessment_id: int) -> Iterator[PlannedMeasure]:
    """The additional measures of an assessment, in register order, from a streaming cursor."""
    query = (
        select(
            Workplace.name,
            Hazard.description,
            ControlMeasure.description,
            ControlMeasure.responsible,
            ControlMeasure.due_text,
            ControlMeasure.due_date,
            ControlMeasure.status,
        )
        .join(Hazard, Hazard.id == ControlMeasure.hazard_id)
        .join(Workplace, Workplace.id == Hazard.workplace_id)
        .where(Hazard.assessment_id == assessment_id, ControlMeasure.kind == "additional")
        .order_by(Workplace.sort_order, Workplace.id, Hazard.sort_order, Hazard.id)
        .order_by(ControlMeasure.sort_order, ControlMeasure.id)
    )
    for row in session.execute(query.execution_options(yield_per=_BATCH)):
        yield PlannedMeasure(*row)


_BATCH = 2000


def team_approver_position(session: Session, assessment_id: int) -> tuple[str, str] | None:
    """Name and position of the first member in the approver's role, if any."""
    query = (
        select(TeamMember.name, TeamMember.position)
        .where(TeamMember.assessment_id == assessment_id, TeamMember.role == "approver")
        .order_by(TeamMember.sort_order, TeamMember.id)
        .limit(1)
    )
    row = session.execute(query).first()
    return None if row is None else (row.name, row.position or "")


def team_approvers(session: Session, assessment_id: int) -> list[str]:
    """The names the assessment's team lists in the approver's role."""
    query = (
        select(TeamMember.name)
        .where(TeamMember.assessment_id == assessment_id, TeamMember.role == "approver")
        .order_by(TeamMember.sort_order, TeamMember.id)
    )
    return list(session.scalars(query))
