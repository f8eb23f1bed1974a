"""The action plan and the heat maps as the front ends read them, and marking measures done."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from wrac_desktop.domain.progress import MeasureState, current_state
from wrac_desktop.persistence.models import ControlMeasure
from wrac_desktop.persistence.plan_queries import MeasureFilter, MeasureRow, matrix_counts
from wrac_desktop.persistence.plan_queries import measure_rows as _measure_rows
from wrac_desktop.persistence.plan_queries import responsible_people as _responsible_people
from wrac_desktop.persistence.progress_queries import EventRow
from wrac_desktop.services import progress_states
from wrac_desktop.services.progress import record_progress
from wrac_desktop.services.shown_texts import Shown, in_language
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import MeasureStatus

__all__ = [
    "PlanFilter", "PlanRow", "cell_counts", "mark", "plan_rows", "responsible_people",
    "shown_plan_rows",
]  # fmt: skip

PlanFilter = MeasureFilter  # which measures the plan shows
PlanRow = MeasureRow  # one measure of the plan, typed from the query to the table
PLAN_TEXTS = ("workplace", "hazard", "description", "responsible")


def plan_rows(work: Work, wanted: PlanFilter) -> list[PlanRow]:
    """The plan's measures as they stand: each with its progress log applied (status,
    completion date, a postponement's deadline), then filtered by status and due window."""
    return current_rows(session_of(work), wanted)


def shown_plan_rows(work: Work, wanted: PlanFilter, lang: str) -> list[Shown[PlanRow]]:
    """``plan_rows`` with their texts in ``lang``, or where one has no version in it yet in
    another (issue 16 item 3); filters are on the register's own texts."""
    session = session_of(work)
    rows = current_rows(session, wanted)
    return in_language(session, rows, PLAN_TEXTS, lang, wanted.assessment_id)


def current_rows(session: Session, wanted: PlanFilter) -> list[PlanRow]:
    """The measures ``wanted`` asks for, as their progress logs leave them: every one, read
    from a cursor and kept only when shown. With no progress logged anywhere each measure
    stands as stored, and the database filters by status and due window: the reminders read on
    opening took every measure of the register (150,000 at 100,000 hazards) to keep the few
    due (issue 22)."""
    if not progress_states.has_progress(session):
        return [row for row in _measure_rows(session, wanted) if _shown(row, wanted)]
    logged = progress_states.logged_steps(session)
    rows = _measure_rows(session, replace(wanted, status=None, overdue_on=None, due_by=None))
    shown = [moved for row in rows if _shown(moved := _with_progress(row, logged), wanted)]
    # A postponement moves a deadline: the plan stays in deadline order (a stable sort keeps
    # the query's order among equal dates).
    return sorted(shown, key=lambda row: (row.due_date is None, row.due_date or date.min))


def _with_progress(row: PlanRow, logged: dict[uuid.UUID, list[EventRow]]) -> PlanRow:
    steps = logged.get(row.uuid)
    if not steps:
        return row
    stored = MeasureState(row.status, row.completed_on, row.due_date)
    state = current_state(stored, steps)
    return replace(
        row, status=state.status, completed_on=state.completed_on, due_date=state.deadline
    )


def _shown(row: PlanRow, wanted: PlanFilter) -> bool:
    if wanted.status is not None and row.status != wanted.status:
        return False
    open_ = MeasureStatus(row.status).is_open
    if wanted.overdue_on is not None and not (
        open_ and row.due_date is not None and row.due_date < wanted.overdue_on
    ):
        return False
    return wanted.due_by is None or (
        open_ and row.due_date is not None and row.due_date <= wanted.due_by
    )


def responsible_people(work: Work) -> list[str]:
    """Everyone named responsible for a measure, in Kazakh alphabetical order."""
    return _responsible_people(session_of(work))


def mark(
    work: Work,
    measure_ids: list[int],
    status: MeasureStatus,
    on: date,
    *,
    by: str = "",
    note: str = "",
    files: Sequence[Path] = (),
) -> None:
    """Record a step (done, verified …) of measures in the progress log, the photos or acts in
    ``files`` attached to each step: the plan moves, an approved revision stays as signed."""
    session = session_of(work)
    step = "started" if status is MeasureStatus.IN_PROGRESS else status.value
    for measure_id in measure_ids:
        key: uuid.UUID = session.get_one(ControlMeasure, measure_id).uuid
        record_progress(work, str(key), step, on=on, by=by, note=note, files=files)


def cell_counts(work: Work, stage: str, unit_id: int | None) -> dict[tuple[float, float], int]:
    """How many hazards of the current revision sit in each heat-map cell."""
    return matrix_counts(session_of(work), stage, None, unit_id)
