"""A register at a glance: what it holds, for ``wrac info`` and the About box."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    Workplace,
)
from wrac_desktop.register import Register, read_property


def register_summary(register: Register) -> dict[str, Any]:
    with register.uow.reading() as session:

        def count(model: Any) -> int:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)

        band = func.coalesce(Hazard.initial_override_band, Hazard.initial_band)
        bands = dict(session.execute(select(band, func.count()).group_by(band)).all())
        statuses = dict(
            session.execute(
                select(ControlMeasure.status, func.count()).group_by(ControlMeasure.status)
            ).all()
        )
        organisation = session.scalars(select(Organisation.legal_name).limit(1)).first()
        return {
            "location": register.location,
            "read_only": register.read_only,
            "schema": register.schema_number,
            "created_with": read_property(register, "created_with"),
            "organisation": organisation,
            "units": count(OrgUnit),
            "workplaces": count(Workplace),
            "assessments": count(Assessment),
            "hazards": count(Hazard),
            "measures": count(ControlMeasure),
            "hazards_by_initial_class": {str(k): v for k, v in sorted(bands.items(), key=str)},
            "measures_by_status": dict(sorted(statuses.items())),
        }
