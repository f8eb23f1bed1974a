"""Plain-row reads for reports: one Core query per table, no ORM objects (216,000 of those
took eight seconds for the 50,000-hazard demo), and UUIDs read as text: building a uuid.UUID
for each of 45,000 rows only to turn it back into a string cost a quarter of the read."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import (
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    Workplace,
)

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

WORKPLACE_TEXT_FIELDS = ("job_titles", "shift_pattern", "location_notes")

_HAZARD = Hazard.__table__.c
_MEASURE = ControlMeasure.__table__.c
_WORKPLACE = Workplace.__table__.c
_UNIT = OrgUnit.__table__.c


def uuid_text(value: Any) -> str:
    """A UUID column read as text, in str(uuid.UUID)'s form on both engines: SQLite stores
    32 hex digits, PostgreSQL casts its native uuid to the dashed form."""
    text = str(value).lower()
    if len(text) == 32:
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
    return text


def _text_uuid(column: Any) -> Any:
    return cast(column, String).label("uuid")


def _rows(session: Session, columns: list[Any], *where: Any) -> list[dict[str, Any]]:
    """Rows as dicts of column name → value, each with "uuid" as text."""
    session.flush()  # what session.execute would have flushed; a no-op when nothing is pending
    result = session.connection().execute(select(*columns).where(*where))
    keys = list(result.keys())
    rows = [dict(zip(keys, row, strict=True)) for row in result.all()]  # one fetchall
    for row in rows:
        if "uuid" in row:
            row["uuid"] = uuid_text(row["uuid"])
    return rows


def hazard_rows(session: Session, assessment_id: int) -> list[dict[str, Any]]:
    """Every hazard of an assessment with its measures under "measures" (sort_order kept)."""
    hazards = _rows(
        session,
        [
            _HAZARD.id,
            _text_uuid(_HAZARD.uuid),
            _HAZARD.workplace_id,
            _HAZARD.sort_order,
            *(_HAZARD[f] for f in HAZARD_FIELDS),
        ],
        _HAZARD.assessment_id == assessment_id,
    )
    measures = _rows(
        session,
        [
            _MEASURE.hazard_id,
            _text_uuid(_MEASURE.uuid),
            _MEASURE.sort_order,
            *(_MEASURE[f] for f in MEASURE_FIELDS),
        ],
        _MEASURE.hazard_id == _HAZARD.id,
        _HAZARD.assessment_id == assessment_id,
    )
    by_hazard: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for measure in measures:
        by_hazard[measure["hazard_id"]].append(measure)
    for hazard in hazards:
        hazard["measures"] = sorted(
            by_hazard.get(hazard["id"], []), key=lambda m: (m["sort_order"], m["uuid"])
        )
    return hazards


def workplaces(session: Session) -> dict[int, dict[str, Any]]:
    rows = _rows(
        session,
        [
            _WORKPLACE.id,
            _text_uuid(_WORKPLACE.uuid),
            _WORKPLACE.name,
            _WORKPLACE.unit_id,
            _WORKPLACE.sort_order,
            _WORKPLACE.headcount,
            *(_WORKPLACE[f] for f in WORKPLACE_TEXT_FIELDS),
        ],
    )
    return {row["id"]: row for row in rows}


def units(session: Session) -> dict[int, dict[str, Any]]:
    rows = _rows(
        session,
        [
            _UNIT.id,
            _text_uuid(_UNIT.uuid),
            _UNIT.name,
            _UNIT.kind,
            _UNIT.parent_id,
            _UNIT.sort_order,
        ],
    )
    return {row["id"]: row for row in rows}


def organisation_values(
    session: Session, organisation_id: int, fields: tuple[str, ...]
) -> tuple[str, dict[str, Any]] | None:
    """The organisation's UUID (as text) and its ``fields`` by name; None when it is gone."""
    columns = [Organisation.uuid, *(getattr(Organisation, f) for f in fields)]
    row = session.execute(select(*columns).where(Organisation.id == organisation_id)).first()
    if row is None:
        return None
    return str(row[0]), dict(zip(fields, row[1:], strict=True))
