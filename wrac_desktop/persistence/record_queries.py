"""The ORM records services work on, found by what they mean: the current assessment, the
register's organisation, the revisions of a series, a matrix family's newest version.

Services change what these return; every SELECT that finds them lives here (issue 20: all SQL
in persistence), so a query tuned for PostgreSQL or SQLite is tuned in one place.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    LibraryEntryRecord,
    Organisation,
    OrgUnit,
    RiskMatrix,
    TeamMember,
)
from wrac_desktop.vocabulary import AssessmentStatus

_DRAFT = AssessmentStatus.DRAFT.value
_APPROVED = AssessmentStatus.APPROVED.value


def current_assessment(session: Session) -> Assessment | None:
    """The assessment being worked on: the newest draft, else the newest revision."""
    query = select(Assessment).order_by(
        (Assessment.status == _DRAFT).desc(), Assessment.revision.desc(), Assessment.id.desc()
    )
    return session.scalars(query.limit(1)).first()


def approved_in_series(session: Session, assessment: Assessment) -> list[Assessment]:
    """The other approved revisions of ``assessment``'s series."""
    query = select(Assessment).where(
        Assessment.series == assessment.series,
        Assessment.id != assessment.id,
        Assessment.status == _APPROVED,
    )
    return list(session.scalars(query))


def series_revisions(session: Session, series: Any) -> list[Assessment]:
    """Every revision of one assessment (``series`` is its first revision's UUID), oldest first."""
    query = select(Assessment).where((Assessment.series == series) | (Assessment.uuid == series))
    return sorted(session.scalars(query), key=lambda a: a.revision)


def fingerprinted_revisions(session: Session) -> list[Assessment]:
    """Every revision that was approved and so carries a fingerprint, by revision number."""
    query = select(Assessment).where(Assessment.fingerprint != "")
    return list(session.scalars(query.order_by(Assessment.revision, Assessment.id)))


def has_later_revision(session: Session, assessment: Assessment) -> bool:
    """Whether a newer revision of the same assessment exists (a draft or approved)."""
    later = select(Assessment.id).where(
        Assessment.series == (assessment.series or assessment.uuid),
        Assessment.revision > assessment.revision,
    )
    return session.scalars(later.limit(1)).first() is not None


def reviews_due_by(session: Session, last_day: date) -> list[Assessment]:
    """Approved revisions whose next review falls on or before ``last_day``, soonest first."""
    query = select(Assessment).where(
        Assessment.status == _APPROVED,
        Assessment.next_review_on.is_not(None),
        Assessment.next_review_on <= last_day,
    )
    return list(session.scalars(query.order_by(Assessment.next_review_on)))


def the_organisation(session: Session) -> Organisation | None:
    """The register's legal entity (a register describes one)."""
    return session.scalars(select(Organisation).order_by(Organisation.id).limit(1)).first()


def sibling_unit_count(session: Session, organisation_id: int, parent_id: int | None) -> int:
    """How many sites (``parent_id`` None) or divisions under ``parent_id`` there are."""
    same_parent = (
        OrgUnit.parent_id.is_(None) if parent_id is None else OrgUnit.parent_id == parent_id
    )
    query = select(func.count()).where(OrgUnit.organisation_id == organisation_id, same_parent)
    return int(session.scalar(query) or 0)


def newest_matrix_version(session: Session, family: Any) -> int | None:
    """The highest version number stored of one matrix family."""
    query = select(func.max(RiskMatrix.version)).where(RiskMatrix.family == family)
    return session.scalar(query)


def library_records(session: Session) -> list[LibraryEntryRecord]:
    """The register's own hazard-library entries, in the database's order."""
    return list(session.scalars(select(LibraryEntryRecord)))


def library_record(session: Session, entry_id: str) -> LibraryEntryRecord | None:
    """The register's own entry with this library id, if it has one."""
    query = select(LibraryEntryRecord).where(LibraryEntryRecord.entry_id == entry_id)
    return session.scalar(query)


def lineage_keys(session: Session, assessment_ids: Iterable[int]) -> dict[str, str]:
    """uuid → lineage (as text) for every hazard, measure and team member of the revisions;
    a record without a lineage is its own."""
    ids = list(assessment_ids)
    queries = (
        select(Hazard.uuid, Hazard.lineage).where(Hazard.assessment_id.in_(ids)),
        select(ControlMeasure.uuid, ControlMeasure.lineage)
        .join(Hazard)
        .where(Hazard.assessment_id.in_(ids)),
        select(TeamMember.uuid, TeamMember.lineage).where(TeamMember.assessment_id.in_(ids)),
    )
    keys: dict[str, str] = {}
    for query in queries:
        for uuid, lineage in session.execute(query):
            keys[str(uuid)] = str(lineage or uuid)
    return keys
