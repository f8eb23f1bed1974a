"""What ``wrac check`` reads: every record whose rules it verifies, and the references that
only SQL can see across tables (a unit under another organisation's unit)."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from sqlalchemy import String, and_, cast, or_, select
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


def hazard_ratings(session: Session) -> Iterator[Any]:
    """Every hazard's ratings as plain rows from a streaming cursor: its uuid (as text),
    description, each stage's ``RATING_FIELDS`` and the id of the matrix its assessment rates
    by. ORM hazards took most of the check's rating pass (issue 22)."""
    stages = [
        getattr(Hazard, f"{stage}_{name}")
        for stage in ("initial", "residual")
        for name in RATING_FIELDS
    ]
    uuid = cast(Hazard.uuid, String)  # as text: a UUID object each cost more than the check
    query = select(uuid, Hazard.description, *stages, Assessment.matrix_id).join(Assessment)
    return session.execute(query.order_by(Hazard.id).execution_options(yield_per=2000))


RATING_FIELDS = (
    "likelihood", "severity", "exposure", "score", "band", "override_band", "override_reason",
)  # fmt: skip


def measures(
    session: Session, allowed: Iterable[tuple[Collection[str], str]], done: Collection[str]
) -> Iterable[Any]:
    """The fields ``wrac check`` looks at of the measures that may break its rules, as plain
    rows from a streaming cursor: those with a value outside ``allowed`` (values, field), a
    ``done`` status without a completion date, or a negative cost. The database picks them
    (reading 350,000 measures in Python took seconds at 100,000 hazards); the check looks at
    each one it gets again."""
    m = ControlMeasure
    columns = (m.uuid, m.description, m.level, m.kind, m.status, m.completed_on, m.cost)
    breaks = [
        or_(getattr(m, field).is_(None), getattr(m, field).not_in(sorted(values)))
        for values, field in allowed
    ]
    breaks.append(and_(m.status.in_(sorted(done)), m.completed_on.is_(None)))
    breaks.append(and_(m.cost.is_not(None), m.cost < 0))
    query = select(*columns).where(or_(*breaks)).order_by(m.id)
    return session.execute(query.execution_options(yield_per=2000))
