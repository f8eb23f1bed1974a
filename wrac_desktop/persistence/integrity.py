"""Database-level integrity checks, per engine."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import aliased

from wrac_desktop.persistence import migrate, sqlite
from wrac_desktop.persistence.models import Assessment, Hazard, OrgUnit, Workplace


def storage_problems(engine: Engine) -> list[str]:
    """The engine's own consistency checks (SQLite: integrity_check and foreign_key_check)."""
    if engine.dialect.name != "sqlite":
        return []
    with engine.connect() as connection:
        return sqlite.integrity_problems(connection)


def schema_problems(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        revision = migrate.current_revision(connection)
        user_version = (
            sqlite.read_user_version(connection) if engine.dialect.name == "sqlite" else None
        )
    head = migrate.head_revision()
    problems = []
    if revision != head:
        problems.append(f"schema is at revision {revision}, expected {head}")
    expected_number = migrate.schema_number(head)
    if user_version is not None and user_version != expected_number:
        problems.append(f"file schema number is {user_version}, expected {expected_number}")
    return problems


def cross_organisation_hazards() -> object:
    """Hazards whose workplace belongs to another organisation than their assessment."""
    unit = aliased(OrgUnit)
    return (
        select(Hazard.uuid, Hazard.description)
        .join(Assessment, Hazard.assessment_id == Assessment.id)
        .join(Workplace, Hazard.workplace_id == Workplace.id)
        .join(unit, Workplace.unit_id == unit.id)
        .where(unit.organisation_id != Assessment.organisation_id)
    )


def cross_organisation_units() -> object:
    """Units whose parent belongs to another organisation."""
    parent = aliased(OrgUnit)
    return (
        select(OrgUnit.uuid, OrgUnit.name)
        .join(parent, OrgUnit.parent_id == parent.id)
        .where(parent.organisation_id != OrgUnit.organisation_id)
    )
