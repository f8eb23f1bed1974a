"""Plain-row reads for reports: one query per table, no ORM objects (216,000 of those took
eight seconds for the 50,000-hazard demo)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import ControlMeasure, Hazard, OrgUnit, Workplace

HAZARD_FIELDS = (
    "library_id", "category", "description", "unwanted_event", "causes", "people_exposed",
    "consequence", "existing_controls", "initial_likelihood", "initial_severity",
    "initial_exposure", "initial_score", "initial_band", "initial_override_band",
    "initial_override_reason", "residual_likelihood", "residual_severity", "residual_exposure",
    "residual_score", "residual_band", "residual_override_band", "residual_override_reason",
    "priority", "notes",
)  # fmt: skip
MEASURE_FIELDS = (
    "level", "kind", "description", "responsible", "due_text", "due_date", "status",
    "completed_on", "cost", "funding_source", "completion_form",
)  # fmt: skip


def _rows(session: Session, columns: list[Any], *where: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in session.execute(select(*columns).where(*where))]


def hazard_rows(session: Session, assessment_id: int) -> list[dict[str, Any]]:
    """Every hazard of an assessment with its measures under "measures" (sort_order kept)."""
    hazards = _rows(
        session,
        [
            Hazard.id,
            Hazard.uuid,
            Hazard.workplace_id,
            Hazard.sort_order,
            *(getattr(Hazard, f) for f in HAZARD_FIELDS),
        ],
        Hazard.assessment_id == assessment_id,
    )
    columns = [
        ControlMeasure.hazard_id,
        ControlMeasure.uuid,
        ControlMeasure.sort_order,
        *(getattr(ControlMeasure, f) for f in MEASURE_FIELDS),
    ]
    query = select(*columns).join(Hazard).where(Hazard.assessment_id == assessment_id)
    by_hazard: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in session.execute(query):
        by_hazard[row.hazard_id].append(dict(row._mapping))
    for hazard in hazards:
        hazard["measures"] = sorted(
            by_hazard.get(hazard["id"], []), key=lambda m: (m["sort_order"], str(m["uuid"]))
        )
    return hazards


def workplaces(session: Session) -> dict[int, dict[str, Any]]:
    rows = _rows(
        session,
        [
            Workplace.id,
            Workplace.uuid,
            Workplace.name,
            Workplace.unit_id,
            Workplace.sort_order,
            Workplace.headcount,
        ],
    )
    return {row["id"]: row for row in rows}


def units(session: Session) -> dict[int, dict[str, Any]]:
    rows = _rows(session, [OrgUnit.id, OrgUnit.name, OrgUnit.parent_id, OrgUnit.sort_order])
    return {row["id"]: row for row in rows}
