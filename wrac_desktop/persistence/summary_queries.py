"""What a register holds, counted: for ``wrac info`` and the About box."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    Record,
    Workplace,
)


@dataclass(frozen=True)
class RegisterCounts:
    organisation: str | None  # the legal name; None in a register not yet set up
    units: int
    workplaces: int
    assessments: int
    hazards: int
    measures: int
    hazards_by_initial_class: dict[str, int]  # the effective (overridden) class key → count
    measures_by_status: dict[str, int]


def register_counts(session: Session) -> RegisterCounts:
    """Records per table, hazards per effective initial class, measures per status."""
    band = func.coalesce(Hazard.initial_override_band, Hazard.initial_band)
    bands = {key: n for key, n in session.execute(select(band, func.count()).group_by(band))}
    status_counts = select(ControlMeasure.status, func.count()).group_by(ControlMeasure.status)
    statuses = {status: n for status, n in session.execute(status_counts)}
    return RegisterCounts(
        organisation=session.scalars(select(Organisation.legal_name).limit(1)).first(),
        units=_count(session, OrgUnit),
        workplaces=_count(session, Workplace),
        assessments=_count(session, Assessment),
        hazards=_count(session, Hazard),
        measures=_count(session, ControlMeasure),
        hazards_by_initial_class={str(k): n for k, n in sorted(bands.items(), key=str)},
        measures_by_status=dict(sorted(statuses.items())),
    )


def _count(session: Session, model: type[Record]) -> int:
    return int(session.scalar(select(func.count()).select_from(model)) or 0)
