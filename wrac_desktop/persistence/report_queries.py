"""Plain-row reads for reports: one Core query per table, no ORM objects (216,000 of those
took eight seconds for the 50,000-hazard demo), and UUIDs read as text: building a uuid.UUID
for each of 45,000 rows only to turn it back into a string cost a quarter of the read."""

from __future__ import annotations

import typing
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, TypedDict

from sqlalchemy import String, cast, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import (
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    TextTranslation,
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


class MeasureRecord(TypedDict):
    """A control measure as reports and the fingerprint read it (MEASURE_FIELDS and keys)."""

    hazard_id: int
    uuid: str
    sort_order: int
    level: str
    kind: str
    description: str
    responsible: str
    due_text: str
    due_date: date | None
    status: str
    completed_on: date | None
    cost: Decimal | None
    funding_source: str
    completion_form: str


class HazardRecord(TypedDict):
    """A hazard as reports and the fingerprint read it (HAZARD_FIELDS and keys), with its
    measures in their order."""

    id: int
    uuid: str
    workplace_id: int
    sort_order: int
    library_id: str | None
    category: str
    description: str
    unwanted_event: str
    causes: str
    people_exposed: str
    consequence: str
    existing_controls: str
    initial_likelihood: float | None
    initial_severity: float | None
    initial_exposure: float | None
    initial_score: float | None
    initial_band: str | None
    initial_override_band: str | None
    initial_override_reason: str | None
    residual_likelihood: float | None
    residual_severity: float | None
    residual_exposure: float | None
    residual_score: float | None
    residual_band: str | None
    residual_override_band: str | None
    residual_override_reason: str | None
    priority: bool
    notes: str
    measures: list[MeasureRecord]


class WorkplaceRecord(TypedDict):
    id: int
    uuid: str
    name: str
    unit_id: int
    sort_order: int
    headcount: int
    job_titles: str
    shift_pattern: str
    location_notes: str


class UnitRecord(TypedDict):
    id: int
    uuid: str
    name: str
    kind: str
    parent_id: int | None
    sort_order: int


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


def hazard_rows(session: Session, assessment_id: int) -> list[HazardRecord]:
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
    by_hazard: dict[int, list[Any]] = defaultdict(list)
    for measure in measures:
        by_hazard[measure["hazard_id"]].append(measure)
    for hazard in hazards:
        hazard["measures"] = sorted(
            by_hazard.get(hazard["id"], []), key=lambda m: (m["sort_order"], m["uuid"])
        )
    return typing.cast(list[HazardRecord], hazards)  # the keys selected above


def workplaces(session: Session) -> dict[int, WorkplaceRecord]:
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
    return {row["id"]: typing.cast(WorkplaceRecord, row) for row in rows}


def units(session: Session) -> dict[int, UnitRecord]:
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
    return {row["id"]: typing.cast(UnitRecord, row) for row in rows}


def organisation_values(
    session: Session, organisation_id: int, fields: tuple[str, ...]
) -> tuple[str, dict[str, Any]] | None:
    """The organisation's UUID (as text) and its ``fields`` by name; None when it is gone."""
    columns = [Organisation.uuid, *(getattr(Organisation, f) for f in fields)]
    row = session.execute(select(*columns).where(Organisation.id == organisation_id)).first()
    if row is None:
        return None
    return str(row[0]), dict(zip(fields, row[1:], strict=True))


_TRANSLATION = TextTranslation.__table__.c


def translation_rows(session: Session, assessment_id: int) -> list[dict[str, Any]]:
    """A revision's translation rows: uuid (as text), source, lang, kk, ru, en."""
    return _rows(
        session,
        [_text_uuid(_TRANSLATION.uuid),
         *(_TRANSLATION[f] for f in ("source", "lang", "kk", "ru", "en"))],
        _TRANSLATION.assessment_id == assessment_id,
    )  # fmt: skip
