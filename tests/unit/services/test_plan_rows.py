"""The action plan and the reminders keep every measure of a plan longer than the cursor's
piece: a cap of 100,000 rows dropped the rest of a 100,000-hazard register's ~150,000 measures
without a word (issue 22)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import Sample
from wrac_desktop.persistence import plan_queries
from wrac_desktop.persistence.models import ControlMeasure, Hazard
from wrac_desktop.register import Register
from wrac_desktop.services import measures, plan, work
from wrac_desktop.services.plan import PlanFilter
from wrac_desktop.services.progress import record_progress
from wrac_desktop.services.reminders import reminders
from wrac_desktop.vocabulary import ControlLevel

TODAY = date(2026, 6, 1)
MADE = 23  # measures added, more than four pieces of the lowered ROWS_AT_ONCE


def _long_plan(register: Register, ids: Sample) -> list[str]:
    """MADE more measures, each due a day later than the one before, from 3 days ago."""
    with register.uow.transaction() as session:
        hazard = session.get_one(Hazard, ids.hazard_id)
        made = [
            measures.add_measure(
                session, hazard, f"Measure {number:02}", ControlLevel.ENGINEERING,
                due=TODAY + timedelta(days=number - 3),
            )
            for number in range(MADE)
        ]  # fmt: skip
        session.flush()
        return [str(measure.uuid) for measure in made]


def _stored(register: Register) -> int:
    with register.uow.reading() as session:
        query = select(func.count()).where(ControlMeasure.kind == "additional")
        return int(session.scalar(query) or 0)


@pytest.mark.parametrize("logged", [False, True], ids=["stored", "progress-logged"])
def test_every_measure_of_a_plan_longer_than_a_piece_is_kept(
    sample_register: tuple[Register, Sample], monkeypatch: pytest.MonkeyPatch, logged: bool
) -> None:
    register, ids = sample_register
    made = _long_plan(register, ids)
    if logged:  # the plan reads every measure and applies the log to each
        with work.transaction(register) as on_register:
            record_progress(on_register, made[0], "done", on=TODAY, today=TODAY)
    monkeypatch.setattr(plan_queries, "ROWS_AT_ONCE", 5)
    rows = work.read(register, lambda w: plan.plan_rows(w, PlanFilter()))
    assert len(rows) == _stored(register) == MADE + 1  # the sample's own measure too
    numbered = [row.description for row in rows if row.description.startswith("Measure ")]
    assert numbered == [f"Measure {number:02}" for number in range(MADE)]  # deadline order
    with work.reading(register) as on_register:
        found = reminders(on_register, TODAY)
    late = [f"Measure {number:02}" for number in range(0 if not logged else 1, 3)]
    assert [row.description for row in found.overdue] == late
    # due within 30 days, today included: numbers 3 … 33, of which MADE - 3 were made
    assert [row.description for row in found.due_soon] == [
        f"Measure {number:02}" for number in range(3, MADE)
    ]
