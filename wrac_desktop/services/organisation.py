"""The organisation, its tree of sites and divisions, and its workplaces."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wrac_desktop.domain.bin import validate_bin
from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import Organisation, OrgUnit, Workplace
from wrac_desktop.vocabulary import UnitKind


def create_organisation(
    session: Session, legal_name: str, bin: str, **details: str
) -> Organisation:
    """Add the legal entity; its BIN must pass the check-digit test."""
    organisation = Organisation(
        legal_name=_required(legal_name, _("legal name")), bin=validate_bin(bin), **details
    )
    session.add(organisation)
    session.flush()
    return organisation


def the_organisation(session: Session) -> Organisation | None:
    """The register's legal entity (a register describes one)."""
    return session.scalars(select(Organisation).order_by(Organisation.id).limit(1)).first()


def add_unit(
    session: Session,
    organisation: Organisation,
    name: str,
    *,
    parent: OrgUnit | None = None,
    kind: UnitKind = UnitKind.SITE,
) -> OrgUnit:
    """Add a site (no parent) or a division under ``parent``, last among its siblings."""
    unit = OrgUnit(
        organisation=organisation,
        parent=parent,
        name=_required(name, _("name")),
        kind=UnitKind(kind).value,
        sort_order=_next_unit_order(session, organisation, parent),
    )
    session.add(unit)
    session.flush()
    return unit


def add_workplace(session: Session, unit: OrgUnit, name: str, **details: Any) -> Workplace:
    """Add a workplace to a site or division."""
    headcount = int(details.pop("headcount", 0) or 0)
    if headcount < 0:
        raise ValidationError(_("headcount cannot be negative"))
    workplace = Workplace(
        unit=unit,
        name=_required(name, _("name")),
        headcount=headcount,
        sort_order=len(unit.workplaces),
        **details,
    )
    session.add(workplace)
    session.flush()
    return workplace


def _next_unit_order(session: Session, organisation: Organisation, parent: OrgUnit | None) -> int:
    parent_clause = (
        OrgUnit.parent_id.is_(None) if parent is None else OrgUnit.parent_id == parent.id
    )
    query = select(func.count()).where(OrgUnit.organisation_id == organisation.id, parent_clause)
    return int(session.scalar(query) or 0)


def _required(value: str, field: str) -> str:
    if not value or not value.strip():
        raise ValidationError(_("{field} must not be empty").format(field=field))
    return value.strip()
