"""``wrac reconcile``: the medical post's first visits against the event log (issue 18 item 3).

The journal is read (``importing.visits``), the events of its period (± the window) are read
from the register, and ``domain.reconciliation`` pairs them. The findings can be written as a
PDF or XLSX (``reports.reconciliation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from wrac_desktop.domain.reconciliation import (
    WINDOW_DAYS,
    EventRecord,
    Findings,
    Visit,
    fold_text,
    name_key,
    number_key,
    reconcile,
)
from wrac_desktop.i18n import _
from wrac_desktop.persistence import event_queries as q
from wrac_desktop.persistence.models import HiddenInjury
from wrac_desktop.services.work import Work, session_of

if TYPE_CHECKING:
    from wrac_desktop.importing.visits import VisitJournal


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
    events = event_records(session, start, end) if start and end else []
    findings = reconcile(journal.visits, events)
    return Reconciliation(
        journal, findings, start, end, source, "; ".join(q.organisation_names(session))
    )


def event_records(session: Session, start: date, end: date) -> list[EventRecord]:
    """The events from ``start`` to ``end`` widened by the window, as reconciliation sees them."""
    window = timedelta(days=WINDOW_DAYS)
    found = q.events_between(
        session,
        datetime.combine(start - window, time()),
        datetime.combine(end + window + timedelta(days=1), time()),
    )
    names = q.workplace_names(session, (event.workplace_uuid for event in found))
    return [
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


def suspected_hidden(session: Session, start: date, end: date) -> int:
    """Indicator 42's hidden injuries from ``start`` to ``end``: the visits kept by earlier
    reconciliations that still have no event of the same person (an event recorded since,
    late, answers its visit)."""
    kept = q.hidden_injuries_between(session, start, end)
    if not kept:
        return 0
    visits = [
        Visit(row=0, day=k.visit_on, person=k.person, personnel_no=k.personnel_no,
              diagnosis=k.diagnosis, work_related=True)
        for k in kept
    ]  # fmt: skip
    return len(reconcile(visits, event_records(session, start, end)).hidden)


def reconcile_file(session: Session, path: Path, sheet: str | None = None) -> Reconciliation:
    # the worksheet reader, imported when a journal is read: the window starts without it
    from wrac_desktop.importing.visits import read_visits

    return reconcile_journal(session, read_visits(path, sheet), Path(path).name)


def record_hidden(session: Session, result: Reconciliation, today: date | None = None) -> int:
    """Keep the visits found with no event as suspected hidden injuries, for indicator 42;
    a visit kept by an earlier reconciliation is not kept twice. How many were new."""
    fresh = {
        q.hidden_injury_uuid(visit.day, person_key(visit), fold_text(visit.diagnosis)): visit
        for visit in result.findings.hidden
    }
    for known in q.known_hidden_injuries(session, fresh):
        del fresh[known]
    for key, visit in fresh.items():
        session.add(HiddenInjury(
            uuid=key, visit_on=visit.day, person=visit.person, personnel_no=visit.personnel_no,
            diagnosis=visit.diagnosis, source=result.source, found_on=today or date.today(),
        ))  # fmt: skip
    session.flush()
    return len(fresh)


def person_key(visit: Visit) -> str:
    """Who the visit was, as reconciliation compares people: the number, else the name."""
    return number_key(visit.personnel_no) or name_key(visit.person)


def summary_lines(result: Reconciliation, kept: int = 0) -> list[str]:
    """The counts in a line, and how many visits were newly kept for indicator 42."""
    found = result.findings
    lines = [
        _(
            "visits {visits}, work injuries {injuries}, injury events {events}; "
            "with no event {hidden}, with no medical record {unrecorded}"
        ).format(
            visits=found.visits, injuries=found.injury_visits, events=found.events,
            hidden=len(found.hidden), unrecorded=len(found.unrecorded),
        )
    ]  # fmt: skip
    if kept:
        lines.append(_("kept {n} new suspected hidden injuries for indicator 42").format(n=kept))
    return lines


def findings_file(result: Reconciliation, kind: str) -> bytes:
    """The findings as ``pdf`` or ``xlsx`` bytes."""
    # ReportLab and openpyxl load when findings are written, not with the window's dashboard
    from wrac_desktop.reports import reconciliation as report

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


def reconcile_and_keep(work: Work, path: Path) -> tuple[Reconciliation, int]:
    """Events → Reconcile with medical visits… in the app: the findings, with the visits that
    have no event kept for indicator 42 as ``wrac reconcile`` keeps them; (result, new kept)."""
    session = session_of(work)
    result = reconcile_file(session, path)
    return result, record_hidden(session, result)
