"""``wrac reconcile``: the medical post's first visits against the event log (issue 18 item 3).

The journal is read (``importing.visits``), the events of its period (± the window) are read
from the register, and ``domain.reconciliation`` pairs them. The findings can be written as a
PDF or XLSX (``reports.reconciliation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

from wrac_desktop.domain.reconciliation import (
    WINDOW_DAYS,
    EventRecord,
    Findings,
    reconcile,
)
from wrac_desktop.importing.visits import VisitJournal, read_visits
from wrac_desktop.persistence import event_queries as q
from wrac_desktop.reports import reconciliation as report


@dataclass(frozen=True)
class Reconciliation:
    journal: VisitJournal
    findings: Findings
    start: date | None  # the journal's first and last visit
    end: date | None
    source: str  # the journal's file name
    organisation: str = ""


def reconcile_journal(session: Session, journal: VisitJournal, source: str) -> Reconciliation:
    """The findings of ``journal`` against the register's events of its period (± window)."""
    days = [visit.day for visit in journal.visits]
    start, end = (min(days), max(days)) if days else (None, None)
    events = []
    if start is not None and end is not None:
        window = timedelta(days=WINDOW_DAYS)
        found = q.events_between(
            session,
            datetime.combine(start - window, time()),
            datetime.combine(end + window + timedelta(days=1), time()),
        )
        names = q.workplace_names(session, (event.workplace_uuid for event in found))
        events = [
            EventRecord(
                uuid=str(event.uuid),
                day=event.occurred_at.date(),
                kind=event.kind,
                person=event.person_name,
                personnel_no=event.personnel_no,
                workplace=names.get(event.workplace_uuid, ""),
            )
            for event in found
        ]
    findings = reconcile(journal.visits, events)
    return Reconciliation(
        journal, findings, start, end, source, "; ".join(q.organisation_names(session))
    )


def reconcile_file(session: Session, path: Path, sheet: str | None = None) -> Reconciliation:
    return reconcile_journal(session, read_visits(path, sheet), Path(path).name)


def findings_file(result: Reconciliation, kind: str) -> bytes:
    """The findings as ``pdf`` or ``xlsx`` bytes."""
    content = report.Content(
        organisation=result.organisation,
        source=result.source,
        start=result.start,
        end=result.end,
        findings=result.findings,
        problems=tuple(result.journal.problems),
        generated_on=date.today(),
    )
    return report.findings_pdf(content) if kind == "pdf" else report.findings_xlsx(content)
