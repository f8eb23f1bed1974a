"""Setting up a new register: organisation, first site, matrix and a first draft assessment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from wrac_desktop.persistence import sqlite
from wrac_desktop.register import Register, create_register
from wrac_desktop.services import assessments, matrices, organisation


@dataclass(frozen=True)
class NewRegister:
    path: Path
    legal_name: str
    bin: str
    first_site: str
    matrix_key: str = "wrac_5x5"
    assessment_title: str = ""
    assessed_on: date | None = None
    region: str = ""
    address: str = ""
    industry: str = ""
    oked: str = ""
    kato: str = ""
    commission_order: str = ""
    commission_order_on: date | None = None


def create_new_register(spec: NewRegister) -> Register:
    """Create the file and everything a first session needs, all or nothing."""
    register = create_register(spec.path)
    try:
        with register.uow.transaction() as session:
            org = organisation.create_organisation(
                session,
                spec.legal_name,
                spec.bin,
                region=spec.region,
                address=spec.address,
                industry=spec.industry,
                oked=spec.oked,
                kato=spec.kato,
                commission_order=spec.commission_order,
                commission_order_on=spec.commission_order_on,
            )
            organisation.add_unit(session, org, spec.first_site)
            matrix = matrices.add_preset(session, spec.matrix_key)
            title = spec.assessment_title or spec.legal_name
            assessments.create_assessment(
                session, org, matrix, title, assessed_on=spec.assessed_on or date.today()
            )
    except BaseException:
        register.close()
        sqlite.remove_database_files(spec.path)  # nothing half-made is left
        raise
    return register
