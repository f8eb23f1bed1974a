"""Approval freezes a revision: every entry point is refused; revision N+1 is a free copy."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from tests.conftest import Sample
from wrac_desktop.errors import FrozenRecordError, UserError, ValidationError
from wrac_desktop.persistence import record_queries
from wrac_desktop.persistence.models import (
    Assessment,
    ControlMeasure,
    Hazard,
    Organisation,
    OrgUnit,
    TeamMember,
    Workplace,
)
from wrac_desktop.register import Register
from wrac_desktop.services import approval, editing, hazards, measures, organisation
from wrac_desktop.services.assessments import add_team_member
from wrac_desktop.vocabulary import ControlLevel

APPROVED_ON = date(2026, 3, 20)


def approve(register: Register, assessment_id: int) -> str:
    with register.uow.transaction() as session:
        assessment = session.get(Assessment, assessment_id)
        assert assessment is not None
        return approval.approve(
            session, assessment, by="Серікбаев Қайрат", position="Бас инженер", on=APPROVED_ON
        )


@pytest.fixture
def approved(sample_register: tuple[Register, Sample]) -> tuple[Register, Sample]:
    register, ids = sample_register
    approve(register, ids.assessment_id)
    return register, ids


def test_approval_records_approver_fingerprint_and_a_review_a_year_later(
    approved: tuple[Register, Sample],
) -> None:
    register, ids = approved
    with register.uow.reading() as session:
        assessment = session.get(Assessment, ids.assessment_id)
        assert assessment is not None
        assert (assessment.status, assessment.approved_by) == ("approved", "Серікбаев Қайрат")
        assert assessment.approved_on == APPROVED_ON
        assert assessment.next_review_on == date(2027, 3, 20)
        assert len(assessment.fingerprint) == 64
        assert approval.revision_problems(session, assessment) == []


def test_only_a_draft_with_a_named_approver_is_approved(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with pytest.raises(ValidationError, match="name is required"), register.uow.transaction() as s:
        assessment = s.get(Assessment, ids.assessment_id)
        approval.approve(s, assessment, by="  ", position="", on=APPROVED_ON)  # type: ignore[arg-type]
    approve(register, ids.assessment_id)
    with pytest.raises(ValidationError, match="only a draft"):
        approve(register, ids.assessment_id)


def _rename_hazard(session: Session, ids: Sample) -> None:
    hazard = session.get(Hazard, ids.hazard_id)
    assert hazard is not None
    hazard.description = "changed"


def _rerate(session: Session, ids: Sample) -> None:
    hazards.rate(session.get(Hazard, ids.hazard_id), "initial", 1, 1)  # type: ignore[arg-type]


def _add_measure(session: Session, ids: Sample) -> None:
    hazard = session.get(Hazard, ids.hazard_id)
    measures.add_measure(session, hazard, "Another", ControlLevel.ENGINEERING)  # type: ignore[arg-type]


def _edit_measure(session: Session, ids: Sample) -> None:
    measure = session.scalars(select(ControlMeasure)).first()
    assert measure is not None
    measure.responsible = "someone else"


def _delete_measure(session: Session, ids: Sample) -> None:
    session.delete(session.scalars(select(ControlMeasure)).first())


def _delete_hazard(session: Session, ids: Sample) -> None:
    session.delete(session.get(Hazard, ids.hazard_id))


def _add_hazard(session: Session, ids: Sample) -> None:
    assessment = session.get(Assessment, ids.assessment_id)
    workplace = session.get(Workplace, ids.workplace_id)
    hazards.add_hazard(session, assessment, workplace, "New hazard")  # type: ignore[arg-type]


def _add_team_member(session: Session, ids: Sample) -> None:
    add_team_member(session, session.get(Assessment, ids.assessment_id), "Late member")  # type: ignore[arg-type]


def _edit_team_member(session: Session, ids: Sample) -> None:
    member = session.scalars(select(TeamMember)).first()
    assert member is not None
    member.position = "Director"


def _edit_assessment(session: Session, ids: Sample) -> None:
    assessment = session.get(Assessment, ids.assessment_id)
    assert assessment is not None
    assessment.title = "Another title"


def _unapprove(session: Session, ids: Sample) -> None:
    assessment = session.get(Assessment, ids.assessment_id)
    assert assessment is not None
    assessment.status = "draft"


def _delete_assessment(session: Session, ids: Sample) -> None:
    session.delete(session.get(Assessment, ids.assessment_id))


def _rename_workplace(session: Session, ids: Sample) -> None:
    editing.set_fields(session, Workplace, ids.workplace_id, name="Renamed")


def _move_workplace(session: Session, ids: Sample) -> None:
    workplace = session.get(Workplace, ids.workplace_id)
    site = session.get(OrgUnit, ids.site_id)
    editing.move_workplace(session, workplace, site)  # type: ignore[arg-type]


def _delete_site(session: Session, ids: Sample) -> None:
    editing.delete_subtree(session, session.get(OrgUnit, ids.site_id))  # type: ignore[arg-type]


def _delete_site_raw(session: Session, ids: Sample) -> None:
    session.delete(session.get(OrgUnit, ids.site_id))  # the database cascade would do the rest


def _edit_headcount(session: Session, ids: Sample) -> None:
    editing.set_fields(session, Workplace, ids.workplace_id, headcount=14)


def _edit_job_titles(session: Session, ids: Sample) -> None:
    editing.set_fields(session, Workplace, ids.workplace_id, job_titles="Бригадир")


def _edit_organisation(session: Session, ids: Sample) -> None:
    session.scalars(select(Organisation)).one().address = "Алматы"


def _rename_site(session: Session, ids: Sample) -> None:
    site = session.get(OrgUnit, ids.site_id)
    assert site is not None
    site.name = "Другой рудник"


def _reorder_site(session: Session, ids: Sample) -> None:
    site = session.get(OrgUnit, ids.site_id)
    assert site is not None
    site.sort_order = 7


def _delete_organisation(session: Session, ids: Sample) -> None:
    session.delete(session.scalars(select(Organisation)).one())


EDITS: dict[str, Callable[[Session, Sample], Any]] = {
    "rename hazard": _rename_hazard,
    "re-rate hazard": _rerate,
    "add measure": _add_measure,
    "edit measure": _edit_measure,
    "delete measure": _delete_measure,
    "delete hazard": _delete_hazard,
    "add hazard": _add_hazard,
    "add team member": _add_team_member,
    "edit team member": _edit_team_member,
    "edit assessment": _edit_assessment,
    "back to draft": _unapprove,
    "delete assessment": _delete_assessment,
    "rename workplace": _rename_workplace,
    "move workplace": _move_workplace,
    "delete site": _delete_site,
    "delete site (raw ORM)": _delete_site_raw,
    "delete organisation": _delete_organisation,
    "edit headcount": _edit_headcount,
    "edit job titles": _edit_job_titles,
    "edit organisation": _edit_organisation,
    "rename site": _rename_site,
    "reorder site": _reorder_site,
}
SHARED_EDITS = ("edit headcount", "edit job titles", "edit organisation", "rename site",
                "reorder site")  # fmt: skip


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_every_change_to_an_approved_revision_is_refused(
    approved: tuple[Register, Sample], edit: Callable[[Session, Sample], Any]
) -> None:
    register, ids = approved
    with register.uow.reading() as session:
        before = approval.revision_problems(session, session.get(Assessment, ids.assessment_id))  # type: ignore[arg-type]
    with pytest.raises(FrozenRecordError), register.uow.transaction() as session:
        edit(session, ids)
        session.flush()
    with register.uow.reading() as session:
        assessment = session.get(Assessment, ids.assessment_id)
        assert assessment is not None and assessment.status == "approved"
        assert approval.revision_problems(session, assessment) == before == []


def test_a_plain_orm_session_outside_the_unit_of_work_is_refused_too(
    approved: tuple[Register, Sample],
) -> None:
    register, ids = approved
    with Session(register.engine) as session, pytest.raises(FrozenRecordError):
        _rename_hazard(session, ids)
        session.commit()


@pytest.mark.parametrize("name", SHARED_EDITS)
def test_what_a_revision_prints_of_the_organisation_changes_only_in_a_new_revision(
    approved: tuple[Register, Sample], name: str
) -> None:
    """The organisation tree is shared by revisions: it changes for the next one, and the
    approved one still verifies against what it printed (kept in its stored JSON)."""
    register, ids = approved
    with register.uow.transaction() as session:
        approval.start_revision(session, session.get(Assessment, ids.assessment_id))  # type: ignore[arg-type]
    with register.uow.transaction() as session:
        EDITS[name](session, ids)
    with register.uow.reading() as session:
        first = session.get(Assessment, ids.assessment_id)
        assert first is not None and approval.revision_problems(session, first) == []
        assert '"headcount":"12"' in (record_queries.approved_content(session, first.id) or "")


def test_new_revision_is_an_editable_copy_and_approving_it_supersedes_the_old(
    approved: tuple[Register, Sample],
) -> None:
    register, ids = approved
    with register.uow.transaction() as session:
        draft = approval.start_revision(session, session.get(Assessment, ids.assessment_id))  # type: ignore[arg-type]
        copy = session.scalars(select(Hazard).where(Hazard.assessment_id == draft.id)).one()
        assert (draft.revision, draft.status, draft.fingerprint) == (2, "draft", "")
        assert copy.lineage is not None and copy.uuid != copy.lineage
        assert len(copy.measures) == 2 and len(draft.team) == 1
        hazards.rate(copy, "initial", 5, 5)
        draft_id = draft.id
    approve(register, draft_id)
    with register.uow.reading() as session:
        old = session.get(Assessment, ids.assessment_id)
        assert old is not None and old.status == "superseded"
        assert approval.revision_problems(session, old) == []  # superseding changed no content
        assert [r.revision for r in approval.series_revisions(session, old.series)] == [1, 2]


def test_a_second_draft_or_a_revision_of_a_draft_is_refused(
    approved: tuple[Register, Sample],
) -> None:
    register, ids = approved
    with register.uow.transaction() as session:
        draft = approval.start_revision(session, session.get(Assessment, ids.assessment_id))  # type: ignore[arg-type]
    with pytest.raises(UserError, match="already exists"), register.uow.transaction() as s:
        approval.start_revision(s, s.get(Assessment, ids.assessment_id))  # type: ignore[arg-type]
    with pytest.raises(UserError, match="still a draft"), register.uow.transaction() as s:
        approval.start_revision(s, s.get(Assessment, draft.id))  # type: ignore[arg-type]


def test_renaming_a_workplace_only_in_a_draft_is_allowed(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        _rename_workplace(session, ids)
        organisation.the_organisation(session)
    with register.uow.reading() as session:
        assert session.get(Workplace, ids.workplace_id).name == "Renamed"  # type: ignore[union-attr]
