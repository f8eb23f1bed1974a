"""What ``wrac check`` reads: every record whose rules it verifies, and the references that
only SQL can see across tables (a unit under another organisation's unit)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.persistence import integrity
from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    RiskMatrix,
    Workplace,
)


def organisations(session: Session) -> Iterable[Organisation]:
    return session.scalars(select(Organisation))


def units_under_another_organisation(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(uuid, name) of units whose parent belongs to another organisation."""
    query = integrity.cross_organisation_units()
    return [(uuid, name) for uuid, name in session.execute(query)]  # type: ignore[call-overload]


def hazards_at_another_organisation(session: Session) -> list[tuple[uuid.UUID, str]]:
    """(uuid, description) of hazards at a workplace of another organisation."""
    query = integrity.cross_organisation_hazards()
    return [(uuid, text) for uuid, text in session.execute(query)]  # type: ignore[call-overload]


def unit_parents(session: Session) -> dict[int, int | None]:
    """Every unit's id → its parent's id (None for a site)."""
    query = select(OrgUnit.id, OrgUnit.parent_id)
    return {unit_id: parent for unit_id, parent in session.execute(query)}


def unit_names(session: Session) -> dict[int, str]:
    return {unit_id: name for unit_id, name in session.execute(select(OrgUnit.id, OrgUnit.name))}


def workplaces_with_negative_headcount(session: Session) -> Iterable[Workplace]:
    return session.scalars(select(Workplace).where(Workplace.headcount < 0))


def matrices(session: Session) -> Iterable[RiskMatrix]:
    return session.scalars(select(RiskMatrix))


def hazards_with_matrix_ids(session: Session) -> Iterator[tuple[Hazard, int]]:
    """Every hazard with the id of the matrix its assessment rates by, a batch at a time: an
    ORM result is otherwise built whole (100,000 hazards at 50,000 and their revision's copy:
    650 MB), and the session holds each hazard only while it is looked at."""
    query = select(Hazard, Assessment.matrix_id).join(Assessment)
    yield from session.execute(query.execution_options(yield_per=1000))  # (hazard, matrix_id)


def measures(session: Session) -> Iterable[Any]:
    """The fields ``wrac check`` looks at of every measure, as plain rows (35,000 ORM objects
    at 10,000 hazards took seconds to make), from a streaming cursor."""
    columns = (
        ControlMeasure.uuid, ControlMeasure.description, ControlMeasure.level,
        ControlMeasure.kind, ControlMeasure.status, ControlMeasure.completed_on,
        ControlMeasure.cost,
    )  # fmt: skip
    return session.execute(select(*columns).execution_options(yield_per=2000))
