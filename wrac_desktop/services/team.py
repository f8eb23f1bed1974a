"""The current assessment and its team as the team tab shows and edits them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from wrac_desktop.persistence.models import Assessment, TeamMember
from wrac_desktop.services import assessments, editing
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import TeamRole

# The assessment's text fields the tab edits, in its order.
TEXT_FIELDS = ("title", "scope", "document_number", "approved_by", "approver_position")
EDITABLE_FIELDS = frozenset((*TEXT_FIELDS, "assessed_on"))


@dataclass(frozen=True)
class TeamRow:
    id: int
    name: str
    position: str
    role: TeamRole

    @property
    def cells(self) -> tuple[str, str, str]:
        return (self.name, self.position, self.role.label())


@dataclass(frozen=True)
class AssessmentSheet:
    """The current assessment: its fields, status, revision and team, read in one go."""

    id: int
    status: str
    revision: int
    texts: dict[str, str]
    assessed_on: date | None
    team: tuple[TeamRow, ...]
    row_version: int


def assessment_sheet(work: Work) -> AssessmentSheet | None:
    assessment = assessments.current_assessment(session_of(work))
    if assessment is None:
        return None
    return AssessmentSheet(
        id=assessment.id,
        status=assessment.status,
        revision=assessment.revision,
        texts={name: getattr(assessment, name) or "" for name in TEXT_FIELDS},
        assessed_on=assessment.assessed_on,
        team=tuple(TeamRow(m.id, m.name, m.position, TeamRole(m.role)) for m in assessment.team),
        row_version=assessment.row_version,
    )


def edit_assessment(
    work: Work, assessment_id: int, values: dict[str, Any], expected_version: int | None
) -> None:
    """Another user's change since the tab was shown is an ``EditConflict`` to settle."""
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise AttributeError(f"assessment fields {sorted(unknown)} are not edited here")
    editing.set_fields(
        session_of(work), Assessment, assessment_id, expected_version=expected_version, **values
    )


def add_member(work: Work, assessment_id: int, name: str, position: str, role: TeamRole) -> int:
    session = session_of(work)
    assessment = session.get_one(Assessment, assessment_id)
    return assessments.add_team_member(session, assessment, name, position, role).id


def remove_member(work: Work, member_id: int) -> None:
    session = session_of(work)
    editing.delete_subtree(session, session.get_one(TeamMember, member_id))
