"""Assessments (one WRAC session over a scope) and their teams."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from wrac_desktop.errors import ValidationError
from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import Assessment, Organisation, RiskMatrix, TeamMember
from wrac_desktop.persistence.record_queries import current_assessment as current_assessment
from wrac_desktop.vocabulary import AssessmentStatus, TeamRole


def create_assessment(
    session: Session,
    organisation: Organisation,
    matrix: RiskMatrix,
    title: str,
    *,
    scope: str = "",
    assessed_on: date | None = None,
    document_number: str = "",
) -> Assessment:
    if not title.strip():
        raise ValidationError(_("an assessment needs a title"))
    assessment = Assessment(
        organisation_id=organisation.id,
        matrix=matrix,
        title=title.strip(),
        scope=scope,
        assessed_on=assessed_on,
        document_number=document_number,
        status=AssessmentStatus.DRAFT.value,
        revision=1,
    )
    session.add(assessment)
    session.flush()
    return assessment


def add_team_member(
    session: Session,
    assessment: Assessment,
    name: str,
    position: str = "",
    role: TeamRole = TeamRole.MEMBER,
) -> TeamMember:
    if not name.strip():
        raise ValidationError(_("a team member needs a name"))
    member = TeamMember(
        assessment=assessment,
        name=name.strip(),
        position=position,
        role=TeamRole(role).value,
        sort_order=len(assessment.team),
    )
    session.add(member)
    session.flush()
    return member


def approve(session: Session, assessment: Assessment, *, by: str, position: str, on: date) -> None:
    """Approve a draft: it is frozen from now on (see ``services.approval``)."""
    from wrac_desktop.services.approval import approve as approve_revision

    approve_revision(session, assessment, by=by, position=position, on=on)
