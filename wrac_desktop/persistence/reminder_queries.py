"""Hazards flagged for re-assessment, as the reminders read them (and as events raise them)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import Hazard, ReassessmentFlag, Workplace
from wrac_desktop.persistence.queries import current_assessment_id


@dataclass(frozen=True)
class FlaggedHazard:
    hazard_id: int
    workplace: str
    hazard: str
    reason: str
    flagged_at: datetime


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
    if shown is None:
        return []
    lineage = func.coalesce(Hazard.lineage, Hazard.uuid)
    query = (
        select(Hazard.id, Workplace.name, Hazard.description, ReassessmentFlag.reason,
               ReassessmentFlag.flagged_at)
        .join(Workplace, Hazard.workplace_id == Workplace.id)
        .join(ReassessmentFlag, ReassessmentFlag.hazard_lineage == lineage)
        .where(Hazard.assessment_id == shown, ReassessmentFlag.cleared_at.is_(None))
        .order_by(ReassessmentFlag.flagged_at, ReassessmentFlag.id)
    )  # fmt: skip
    return [FlaggedHazard(*row) for row in session.execute(query)]
