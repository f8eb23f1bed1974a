"""Reminders: what is due, shown on opening a register and in the Due view.

Measures of the current revision's plan that are overdue or due within 30 days (their progress
log applied: a postponed measure is due on its new deadline, a done one is not due at all),
revisions whose next review has passed or comes within 60 days, and hazards flagged for
re-assessment (by an incident, a changed process) that no new assessment has cleared yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from wrac_desktop.i18n import _
from wrac_desktop.persistence import reminder_queries
from wrac_desktop.persistence.reminder_queries import FlaggedHazard
from wrac_desktop.services import approval, reassessment
from wrac_desktop.services.plan import PLAN_TEXTS, PlanFilter, PlanRow, current_rows
from wrac_desktop.services.shown_texts import in_language
from wrac_desktop.services.work import Work, session_of

MEASURES_WITHIN = timedelta(days=30)
REVIEWS_WITHIN = timedelta(days=60)
FLAGGED_TEXTS = ("workplace", "hazard")


@dataclass(frozen=True)
class Reminders:
    today: date
    overdue: list[PlanRow] = field(default_factory=list)
    due_soon: list[PlanRow] = field(default_factory=list)  # within 30 days, not overdue
    reviews: list[str] = field(default_factory=list)
    flagged: list[FlaggedHazard] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.overdue or self.due_soon or self.reviews or self.flagged)

    def counts_line(self) -> str:
        """The notice on opening: how many measures are overdue and due soon, how many
        hazards flagged (reviews coming due have the approval's own notice)."""
        counts = (
            (_("measures overdue: {n}"), self.overdue),
            (_("measures due within 30 days: {n}"), self.due_soon),
            (_("hazards flagged for re-assessment: {n}"), self.flagged),
        )
        parts = [text.format(n=len(items)) for text, items in counts if items]
        return "; ".join(parts)


def reminders(work: Work, today: date | None = None, lang: str | None = None) -> Reminders:
    """What is due on ``today``; with ``lang``, its workplaces, measures, people and hazards
    in that language as the plan and the tree show them (where translated), not as stored."""
    today = today or date.today()
    session = session_of(work)
    rows = current_rows(session, PlanFilter(due_by=today + MEASURES_WITHIN))
    flagged = reassessment.flagged_current(session)
    if lang is not None:
        rows = [shown.row for shown in in_language(session, rows, PLAN_TEXTS, lang)]
        flagged = [shown.row for shown in in_language(session, flagged, FLAGGED_TEXTS, lang)]
    return Reminders(
        today,
        overdue=[row for row in rows if row.due_date is not None and row.due_date < today],
        due_soon=[row for row in rows if row.due_date is not None and row.due_date >= today],
        reviews=approval.reviews_due(session, today, REVIEWS_WITHIN),
        flagged=flagged,
    )


@dataclass(frozen=True)
class Place:
    """Where a reminder's row is shown and edited: its workplace (the tree's node) and hazard."""

    workplace_id: int
    hazard_id: int


def place_of_measure(work: Work, measure_id: int) -> Place | None:
    found = reminder_queries.place_of_measure(session_of(work), measure_id)
    return None if found is None else Place(*found)


def place_of_hazard(work: Work, hazard_id: int) -> Place | None:
    found = reminder_queries.place_of_hazard(session_of(work), hazard_id)
    return None if found is None else Place(*found)
