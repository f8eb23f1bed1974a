"""The action plan and the heat maps as the front ends read them, and marking measures done."""

from __future__ import annotations

from datetime import date

from wrac_desktop.persistence.models import ControlMeasure
from wrac_desktop.persistence.plan_queries import MeasureFilter, MeasureRow, matrix_counts
from wrac_desktop.persistence.plan_queries import measure_rows as _measure_rows
from wrac_desktop.persistence.plan_queries import responsible_people as _responsible_people
from wrac_desktop.services import measures
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import MeasureStatus

__all__ = ["PlanFilter", "PlanRow", "cell_counts", "mark", "plan_rows", "responsible_people"]

PlanFilter = MeasureFilter  # which measures the plan shows
PlanRow = MeasureRow  # one measure of the plan, typed from the query to the table


def plan_rows(work: Work, wanted: PlanFilter) -> list[PlanRow]:
    return _measure_rows(session_of(work), wanted)


def responsible_people(work: Work) -> list[str]:
    """Everyone named responsible for a measure, in Kazakh alphabetical order."""
    return _responsible_people(session_of(work))


def mark(work: Work, measure_ids: list[int], status: MeasureStatus, on: date) -> None:
    """Mark measures done or verified on a date."""
    session = session_of(work)
    for measure_id in measure_ids:
        measures.set_status(session.get_one(ControlMeasure, measure_id), status, on)


def cell_counts(work: Work, stage: str, unit_id: int | None) -> dict[tuple[float, float], int]:
    """How many hazards of the current revision sit in each heat-map cell."""
    return matrix_counts(session_of(work), stage, None, unit_id)
