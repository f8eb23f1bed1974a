"""The organisation, its tree of sites and divisions, and its workplaces."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain.bin import validate_bin
from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import _
from wrac_desktop.persistence import record_queries as q
from wrac_desktop.persistence.models import Organisation, OrgUnit, Workplace
from wrac_desktop.persistence.record_queries import the_organisation as the_organisation
from wrac_desktop.vocabulary import UnitKind


def create_organisation(
    session: Session, legal_name: str, bin: str, **details: Any
) -> Organisation:
    """Add the legal entity; its BIN must pass the check-digit test."""
    organisation = Organisation(
        legal_name=_required(legal_name, _("legal name")), bin=validate_bin(bin), **details
    )
    session.add(organisation)
    session.flush()
    return organisation


# The organisation's details an officer may change after set-up (all printed in the header of
# the documents); the BIN and the legal name are checked as at set-up.
DETAIL_FIELDS = (
    "legal_name", "bin", "region", "address", "industry", "oked", "kato", "commission_order",
    "commission_order_on",
)  # fmt: skip


def update_details(session: Session, **changes: Any) -> Organisation:
    """Change the register's organisation: any of ``DETAIL_FIELDS`` (text, or a date for
    ``commission_order_on``); ValidationError on an unknown field, an empty legal name or a
    BIN that fails its check digit, and nothing is changed then."""
    org = the_organisation(session)
    if org is None:
        raise ValidationError(_("the register has no organisation yet"))
    unknown = sorted(set(changes) - set(DETAIL_FIELDS))
    if unknown:
        raise ValidationError(
            _("unknown organisation field: {names}").format(names=", ".join(unknown))
        )
    checked = {
        name: value.strip() if isinstance(value, str) else value for name, value in changes.items()
    }
    if "legal_name" in checked:
        checked["legal_name"] = _required(checked["legal_name"], _("legal name"))
    if "bin" in checked:
        checked["bin"] = validate_bin(checked["bin"])
    for name, value in checked.items():
        setattr(org, name, value)
    session.flush()
    return org


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
        sort_order=q.sibling_unit_count(session, organisation.id, parent.id if parent else None),
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


def _required(value: str, field: str) -> str:
    if not value or not value.strip():
        raise ValidationError(_("{field} must not be empty").format(field=field))
    return value.strip()
