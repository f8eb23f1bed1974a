"""The plan as it stands: each measure of the current revision's plan, numbered as printed,
with its current status and deadline (``wrac plan``, and measures named by their number)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy.orm import Session

from wrac_desktop.i18n import current_language
from wrac_desktop.reports.columns import PlanItem, plan_items
from wrac_desktop.services.report_data import build_report_data
from wrac_desktop.services.work import Work, session_of


@dataclass(frozen=True)
class PlanStatus:
    uuid: str
    number: int
    workplace: str
    measure: str
    responsible: str
    status: str  # a MeasureStatus value
    status_label: str
    deadline: date | None
    completed_on: date | None
    overdue: bool

    def as_json(self) -> dict[str, object]:
        return {
            "uuid": self.uuid, "number": self.number, "status": self.status,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "overdue": self.overdue,
            "completed_on": self.completed_on.isoformat() if self.completed_on else None,
            "workplace": self.workplace, "measure": self.measure,
            "responsible": self.responsible,
        }  # fmt: skip


def _items(session: Session, as_of: date, lang: str) -> list[PlanItem]:
    data = build_report_data(session, lang, with_fingerprint=False, as_of=as_of)
    return [i for i in plan_items(data.plan_lines(), as_of) if isinstance(i, PlanItem)]


def plan_measure_uuids(session: Session) -> list[str]:
    """The current revision's plan measures' UUIDs, in the order the plan numbers them."""
    return [item.control.uuid for item in _items(session, date.today(), "en")]


def plan_status(
    work: Work,
    *,
    today: date | None = None,
    overdue_only: bool = False,
    due_within: int | None = None,
) -> list[PlanStatus]:
    """The plan's measures with their status on ``today``; only the overdue ones, or only the
    open ones due within ``due_within`` days (overdue included), when asked."""
    today = today or date.today()
    rows = []
    for item in _items(session_of(work), today, current_language()):
        control = item.control
        overdue = control.overdue_on(today)
        if overdue_only and not overdue:
            continue
        if due_within is not None and (
            control.done
            or control.due_date is None
            or control.due_date > today + timedelta(days=due_within)
        ):
            continue
        rows.append(PlanStatus(
            control.uuid, item.number, item.workplace, control.text, control.responsible,
            control.status_key, control.status, control.due_date, control.completed_on, overdue,
        ))  # fmt: skip
    return rows
