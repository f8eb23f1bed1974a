"""Every SELECT of events, yearly figures and what the indicators count (issue 18)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import (
    Assessment,
    Event,
    Hazard,
    HiddenInjury,
    Organisation,
    OrganisationFigures,
    Workplace,
)
from wrac_desktop.persistence.queries import current_assessment_id
from wrac_desktop.vocabulary import AssessmentStatus

# A fixed namespace: the same year gives the same figures record in every copy of a register.
FIGURES_NAMESPACE = uuid.UUID("0c5a3f7e-6d1b-4e8f-9a2c-3b7d5e9f1a48")


def figures_uuid(year: int) -> uuid.UUID:
    return uuid.uuid5(FIGURES_NAMESPACE, f"figures {year}")


def hidden_injury_uuid(visit_on: date, person_key: str, diagnosis_key: str) -> uuid.UUID:
    """The same visit gives the same record in every reconciliation and every copy."""
    return uuid.uuid5(FIGURES_NAMESPACE, f"hidden injury {visit_on} {person_key} {diagnosis_key}")


def journal_event_uuid(
    day: date, workplace: uuid.UUID, kind: str, details: dict[str, object]
) -> uuid.UUID:
    """An event imported from a journal: the same row gives the same event, however often the
    journal is imported (and in every copy of the register)."""
    who = str(details.get("personnel_no") or details.get("person_name") or "").casefold()
    text = " ".join(str(details.get("description") or "").casefold().split())
    return uuid.uuid5(FIGURES_NAMESPACE, f"journal event {day} {workplace} {kind} {who} {text}")


def known_hidden_injuries(session: Session, uuids: Iterable[uuid.UUID]) -> set[uuid.UUID]:
    wanted = list(set(uuids))
    found: set[uuid.UUID] = set()
    for start in range(0, len(wanted), 500):  # bound the IN list
        query = select(HiddenInjury.uuid).where(HiddenInjury.uuid.in_(wanted[start : start + 500]))
        found.update(session.scalars(query))
    return found


def hidden_injuries_between(session: Session, start: date, end: date) -> list[HiddenInjury]:
    """Suspected hidden injuries with ``start <= visit_on <= end``, oldest first."""
    query = select(HiddenInjury).where(HiddenInjury.visit_on >= start, HiddenInjury.visit_on <= end)
    return list(session.scalars(query.order_by(HiddenInjury.visit_on, HiddenInjury.id)))


def figures_for(session: Session, year: int) -> OrganisationFigures | None:
    return session.scalars(
        select(OrganisationFigures).where(OrganisationFigures.year == year)
    ).first()


def workplace_by_uuid(session: Session, value: uuid.UUID) -> Workplace | None:
    return session.scalars(select(Workplace).where(Workplace.uuid == value)).first()


def workplaces_named(session: Session, name: str) -> list[Workplace]:
    return list(session.scalars(select(Workplace).where(Workplace.name == name).limit(2)))


def current_hazards_at(session: Session, workplace_id: int) -> list[Hazard]:
    """The hazards of a workplace in the revision the views show, in register order."""
    query = select(Hazard).where(
        Hazard.workplace_id == workplace_id,
        Hazard.assessment_id == current_assessment_id(session),
    )
    return list(session.scalars(query.order_by(Hazard.sort_order, Hazard.id)))


def hazard_by_uuid(session: Session, value: uuid.UUID) -> Hazard | None:
    """A hazard by its own UUID or by its lineage (the same hazard in another revision)."""
    query = select(Hazard).where((Hazard.uuid == value) | (Hazard.lineage == value))
    return session.scalars(query.order_by(Hazard.id.desc()).limit(1)).first()


def events_between(
    session: Session,
    start: datetime | None = None,
    end: datetime | None = None,
    kinds: Iterable[str] | None = None,
    *,
    withdrawn: bool = False,
) -> list[Event]:
    """Events with ``start <= occurred_at < end``, oldest first; withdrawn ones only if asked."""
    query = select(Event)
    if start is not None:
        query = query.where(Event.occurred_at >= start)
    if end is not None:
        query = query.where(Event.occurred_at < end)
    if kinds is not None:
        query = query.where(Event.kind.in_(list(kinds)))
    if not withdrawn:
        query = query.where(Event.deleted_on.is_(None))
    return list(session.scalars(query.order_by(Event.occurred_at, Event.id)))


def event_by_uuid(session: Session, value: uuid.UUID) -> Event | None:
    return session.scalars(select(Event).where(Event.uuid == value)).first()


def kind_counts(session: Session, start: datetime, end: datetime) -> dict[str, int]:
    """{kind: number of events} in ``start <= occurred_at < end``, withdrawn ones left out."""
    query = (
        select(Event.kind, func.count(Event.id))
        .where(Event.occurred_at >= start, Event.occurred_at < end, Event.deleted_on.is_(None))
        .group_by(Event.kind)
    )
    return {kind: count for kind, count in session.execute(query)}


def workplace_totals(session: Session) -> tuple[int, int]:
    """(workplaces, workers) of the whole register."""
    row = session.execute(
        select(func.count(Workplace.id), func.coalesce(func.sum(Workplace.headcount), 0))
    ).one()
    return int(row[0]), int(row[1])


def covered_totals(session: Session, on: date) -> tuple[int, int]:
    """(workplaces, workers) with a hazard in an approved revision approved by ``on`` and not
    yet due for review then: indicator 40's numerator."""
    covered = (
        select(Hazard.workplace_id)
        .join(Assessment, Assessment.id == Hazard.assessment_id)
        .where(
            Assessment.status == AssessmentStatus.APPROVED.value,
            Assessment.approved_on <= on,
            (Assessment.next_review_on.is_(None)) | (Assessment.next_review_on >= on),
        )
        .distinct()
    )
    row = session.execute(
        select(func.count(Workplace.id), func.coalesce(func.sum(Workplace.headcount), 0)).where(
            Workplace.id.in_(covered)
        )
    ).one()
    return int(row[0]), int(row[1])


def workplace_names(session: Session, uuids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
    """{workplace UUID: name} of those still in the register."""
    wanted = list(set(uuids))
    found: dict[uuid.UUID, str] = {}
    for start in range(0, len(wanted), 500):  # bound the IN list
        query = select(Workplace.uuid, Workplace.name).where(
            Workplace.uuid.in_(wanted[start : start + 500])
        )
        found.update({value: name for value, name in session.execute(query)})
    return found


def organisation_names(session: Session) -> list[str]:
    return list(session.scalars(select(Organisation.legal_name).order_by(Organisation.id)))


class AccidentAtHazard(NamedTuple):
    """An accident linked to a hazard of one revision, with the hazard's ratings."""

    workplace: str
    hazard: str
    initial_band: str | None
    residual_band: str | None
    kind: str
    occurred_at: datetime


def accidents_at_hazards(
    session: Session, assessment_id: int, kinds: Iterable[str]
) -> list[AccidentAtHazard]:
    """Events of ``kinds`` (not withdrawn) linked to a hazard of ``assessment_id``, oldest
    first. The links are a JSON list, so the accidents are read first (a register has few)."""
    accidents = list(
        session.execute(
            select(Event.hazard_uuids, Event.kind, Event.occurred_at)
            .where(Event.kind.in_(list(kinds)), Event.deleted_on.is_(None))
            .order_by(Event.occurred_at, Event.id)
        )
    )
    wanted = {uuid.UUID(value) for links, _kind, _at in accidents for value in links or ()}
    if not wanted:
        return []
    lineage = func.coalesce(Hazard.lineage, Hazard.uuid)
    hazards: dict[uuid.UUID, tuple[str, str, str | None, str | None]] = {}
    found = list(wanted)
    for start in range(0, len(found), 500):  # bound the IN list
        query = (
            select(lineage, Workplace.name, Hazard.description,
                   func.coalesce(Hazard.initial_override_band, Hazard.initial_band),
                   func.coalesce(Hazard.residual_override_band, Hazard.residual_band))
            .join(Workplace, Workplace.id == Hazard.workplace_id)
            .where(Hazard.assessment_id == assessment_id, lineage.in_(found[start : start + 500]))
        )  # fmt: skip
        for key, place, text, initial, residual in session.execute(query):
            hazards[key] = (place, text, initial, residual)
    return [
        AccidentAtHazard(*hazards[uuid.UUID(value)], kind, at)
        for links, kind, at in accidents
        for value in links or ()
        if uuid.UUID(value) in hazards
    ]
