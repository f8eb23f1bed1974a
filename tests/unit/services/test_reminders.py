"""Reminders: measures overdue and due within 30 days as they stand after their progress log,
reviews coming due within 60 days, hazards flagged for re-assessment."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import Sample
from wrac_desktop.formatting import format_date
from wrac_desktop.persistence.models import Assessment, Hazard
from wrac_desktop.persistence.reminder_queries import flag_for_reassessment
from wrac_desktop.register import Register
from wrac_desktop.services import measures, plan, work
from wrac_desktop.services.plan import PlanFilter
from wrac_desktop.services.progress import record_progress
from wrac_desktop.services.reminders import reminders
from wrac_desktop.vocabulary import ControlLevel

TODAY = date(2026, 6, 1)


def _measures(register: Register, ids: Sample) -> dict[str, str]:
    """Three more measures: overdue, due in 10 days, due in 100 days; their UUIDs by name."""
    made = {}
    with register.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        for name, days in (("late", -5), ("soon", 10), ("later", 100)):
            measure = measures.add_measure(
                session, hazard, f"Measure {name}", ControlLevel.ENGINEERING,
                due=TODAY + timedelta(days=days),
            )  # fmt: skip
            session.flush()
            made[name] = str(measure.uuid)
    return made


def _found(register: Register) -> tuple[list[str], list[str], list[str], list[str]]:
    with work.reading(register) as on_register:
        found = reminders(on_register, TODAY)
    return (
        [row.description for row in found.overdue],
        [row.description for row in found.due_soon],
        found.reviews,
        [hazard.reason for hazard in found.flagged],
    )


def test_due_measures_follow_their_progress(sample_register: tuple[Register, Sample]) -> None:
    register, ids = sample_register
    made = _measures(register, ids)
    overdue, soon, _reviews, _flagged = _found(register)
    assert "Measure late" in overdue and "Measure soon" in soon
    assert "Measure later" not in overdue + soon
    with work.transaction(register) as on_register:
        record_progress(on_register, made["late"], "done", on=TODAY, today=TODAY)
        record_progress(on_register, made["soon"], "postponed", on=TODAY, today=TODAY,
                        deadline=TODAY + timedelta(days=90), note="поставка")  # fmt: skip
        record_progress(on_register, made["later"], "postponed", on=TODAY, today=TODAY,
                        deadline=TODAY + timedelta(days=3), note="мерзім")  # fmt: skip
    overdue, soon, _reviews, _flagged = _found(register)
    assert "Measure late" not in overdue and "Measure soon" not in soon
    assert "Measure later" in soon  # brought forward into the window
    with work.reading(register) as on_register:
        line = reminders(on_register, TODAY).counts_line()
    assert "measures due within 30 days:" in line


def test_reviews_within_60_days_and_flagged_hazards(
    sample_register: tuple[Register, Sample],
) -> None:
    register, ids = sample_register
    with register.uow.transaction() as session:
        assessment = session.scalars(select(Assessment)).one()
        assessment.status, assessment.revision = "approved", 1
        assessment.next_review_on = TODAY + timedelta(days=45)
        flag_for_reassessment(session, session.get_one(Hazard, ids.hazard_id), "авария 12.05")
    _overdue, _soon, reviews, flagged = _found(register)
    assert len(reviews) == 1 and "due on" in reviews[0]
    # The date as the language writes it, as every other date the officer reads: it was ISO
    # ("2026-12-27") in the window's notice (issue 19).
    assert reviews[0].endswith(f"due on {format_date(TODAY + timedelta(days=45))}")
    assert flagged == ["авария 12.05"]


def test_with_no_progress_logged_the_database_filters_what_the_log_would(
    sample_register: tuple[Register, Sample], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan's filters pushed into SQL (nothing logged: every measure stands as stored)
    keep exactly the rows, in the order, that reading every measure and filtering here does."""
    register, ids = sample_register
    _measures(register, ids)
    wanted = [
        PlanFilter(due_by=TODAY + timedelta(days=30)), PlanFilter(overdue_on=TODAY),
        PlanFilter(status="planned"), PlanFilter(status="done"), PlanFilter(),
    ]  # fmt: skip
    with register.uow.reading() as session:
        pushed = [plan.current_rows(session, each) for each in wanted]
        monkeypatch.setattr(plan.progress_states, "has_progress", lambda _session: True)
        assert pushed == [plan.current_rows(session, each) for each in wanted]
    assert [len(rows) for rows in pushed[:2]] == [2, 1]
