"""The event log and the yearly figures, and the indicators worked out from them (issue 18).

Events are added and withdrawn here; nothing is deleted: a withdrawn event keeps its date and
reason (and the audit log has who did it).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from wrac_desktop.domain import indicators as formulas
from wrac_desktop.errors import ValidationError
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.languages import detect_language
from wrac_desktop.persistence import event_queries as q
from wrac_desktop.persistence.models import Event, Hazard, OrganisationFigures, Workplace
from wrac_desktop.services import attachments, reassessment, reconcile, translations
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import EventKind, InvestigationStatus

# Fields of an event besides its kind, time, workplace and hazards.
DETAIL_FIELDS = (
    "person_name", "person_position", "personnel_no", "consent_note", "description",
    "immediate_cause", "days_lost", "reported_on", "report_reference", "investigation",
)  # fmt: skip
# The fields that say something in a language (a name or a number is in none): their language
# is the event's ``lang``.
TEXT_FIELDS = ("description", "immediate_cause", "person_position", "consent_note")
FIGURE_FIELDS = (
    "average_headcount", "hours_worked", "insurer", "insurance_policy", "insured_until",
    "insured_workers", "safety_service", "safety_officers", "officers_tested",
)  # fmt: skip


def find_workplace(session: Session, reference: str) -> Workplace:
    """A workplace by UUID, or by its exact full name when only one has it."""
    try:
        found = q.workplace_by_uuid(session, uuid.UUID(reference.strip()))
    except ValueError:
        named = q.workplaces_named(session, reference.strip())
        if len(named) > 1:
            raise ValidationError(
                _("more than one workplace is named {name}: give its UUID").format(name=reference)
            ) from None
        found = named[0] if named else None
    if found is None:
        raise ValidationError(_("no workplace {name} in the register").format(name=reference))
    return found


def add_event(
    session: Session,
    kind: str,
    occurred_at: datetime,
    workplace: str,
    hazards: list[str] | tuple[str, ...] = (),
    *,
    today: date | None = None,
    event_uuid: uuid.UUID | None = None,
    text_lang: str | None = None,
    **details: Any,
) -> Event:
    """Record an event; ValidationError on an unknown kind, workplace or hazard, a date in the
    future or a hazard of another workplace, and nothing is saved then. ``text_lang``: the
    language the officer says the texts are in (``--lang``, the window's language)."""
    try:
        event_kind = EventKind(kind)
    except ValueError:
        raise ValidationError(_("unknown event kind: {kind}").format(kind=kind)) from None
    _check_not_future(occurred_at.date(), today)
    unknown = sorted(set(details) - set(DETAIL_FIELDS))
    if unknown:
        raise ValidationError(_("unknown event field: {names}").format(names=", ".join(unknown)))
    if int(details.get("days_lost") or 0) < 0:
        raise ValidationError(_("days lost cannot be negative"))
    reported = details.get("reported_on")
    if reported is not None:
        if reported > (today or date.today()):
            raise ValidationError(
                _("the date reported to the inspectorate {date} is in the future").format(
                    date=format_date(reported)
                )
            )
        if reported < occurred_at.date():
            raise ValidationError(
                _("the inspectorate cannot have been told on {reported}, before the event on "
                  "{date}").format(reported=format_date(reported), date=format_date(occurred_at))
            )  # fmt: skip
    investigation = details.get("investigation")
    if investigation is not None and investigation not in set(InvestigationStatus):
        raise ValidationError(
            _("unknown investigation status: {value}").format(value=investigation)
        )
    place = find_workplace(session, workplace)
    linked = [_hazard_at(session, place, reference) for reference in hazards]
    event = Event(
        **({"uuid": event_uuid} if event_uuid is not None else {}),
        kind=event_kind.value,
        occurred_at=occurred_at,
        workplace_uuid=place.uuid,
        hazard_uuids=[str(hazard.lineage or hazard.uuid) for hazard in linked],
        lang=written_in(details, text_lang),
        **{name: value for name, value in details.items() if value is not None},
    )
    session.add(event)
    session.flush()
    reassessment.flag_for_event(session, event, linked)  # issue 18 item 2
    return event


def written_in(details: dict[str, Any], named: str | None) -> str | None:
    """The language of an event's texts, as the hazard import decides a cell's: the one the
    officer names (a Kazakh text with no letter only Kazakh uses, "Улы газдан уланды", is
    then Kazakh; a text whose letters say otherwise keeps its own), else the one its letters
    show; None with no text in words."""
    words = " ".join(str(details.get(name) or "") for name in TEXT_FIELDS).strip()
    if not words:
        return None
    return translations.typed_in(words, named) if named else detect_language(words)


def _check_not_future(day: date, today: date | None) -> None:
    if day > (today or date.today()):
        raise ValidationError(
            _("the event's date {date} is in the future").format(date=format_date(day))
        )


def _hazard_at(session: Session, place: Workplace, reference: str) -> Hazard:
    try:
        hazard = q.hazard_by_uuid(session, uuid.UUID(reference.strip()))
    except ValueError:
        hazard = None
    if hazard is None:
        raise ValidationError(_("no hazard {uuid} in the register").format(uuid=reference))
    if hazard.workplace_id != place.id:
        raise ValidationError(
            _("hazard {uuid} is at another workplace, not at {name}").format(
                uuid=reference, name=place.name
            )
        )
    return hazard


def withdraw_event(session: Session, event_uuid: uuid.UUID, reason: str, on: date) -> Event:
    """Withdraw an event recorded by mistake: it stays, marked, with the reason."""
    event = q.event_by_uuid(session, event_uuid)
    if event is None:
        raise ValidationError(_("no event {uuid} in the register").format(uuid=event_uuid))
    if not reason.strip():
        raise ValidationError(_("give the reason for withdrawing the event"))
    event.deleted_on = on
    event.deletion_reason = reason.strip()
    session.flush()
    reassessment.clear_for_event(session, event)
    return event


def list_events(
    session: Session, start: date | None = None, end: date | None = None, kind: str | None = None
) -> list[Event]:
    """Events from ``start`` to ``end`` (both days included), of one kind if given."""
    return q.events_between(
        session,
        datetime.combine(start, time()) if start else None,
        datetime.combine(_day_after(end), time()) if end else None,
        [kind] if kind else None,
    )


def set_figures(session: Session, year: int, **values: Any) -> OrganisationFigures:
    """Enter or change the organisation's figures for ``year``; None leaves a field as it was."""
    if not 1900 <= year <= 2200:
        raise ValidationError(_("{year} is not a year").format(year=year))
    unknown = sorted(set(values) - set(FIGURE_FIELDS))
    if unknown:
        raise ValidationError(_("unknown figure: {names}").format(names=", ".join(unknown)))
    for name, value in values.items():
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            raise ValidationError(_("{name} cannot be negative").format(name=name))
    figures = q.figures_for(session, year)
    if figures is None:
        figures = OrganisationFigures(uuid=q.figures_uuid(year), year=year)
        session.add(figures)
    for name, value in values.items():
        if value is not None:
            setattr(figures, name, value)
    session.flush()
    return figures


def figures_of(session: Session, year: int) -> OrganisationFigures | None:
    return q.figures_for(session, year)


@dataclass(frozen=True)
class Period:
    """A year, or one quarter of it: ``start <= day < end``."""

    year: int
    quarter: int | None = None

    @property
    def start(self) -> date:
        return date(self.year, 1 + 3 * (self.quarter - 1) if self.quarter else 1, 1)

    @property
    def end(self) -> date:
        if not self.quarter or self.quarter == 4:
            return date(self.year + 1, 1, 1)
        return date(self.year, 1 + 3 * self.quarter, 1)

    @property
    def name(self) -> str:
        return f"{self.year}-Q{self.quarter}" if self.quarter else str(self.year)


def period(year: int, quarter: int | None = None) -> Period:
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValidationError(
            _("the quarter is 1, 2, 3 or 4, not {quarter}").format(quarter=quarter)
        )
    return Period(year, quarter)


def period_counts(session: Session, when: Period, until: date | None = None) -> formulas.Counts:
    """What the indicators of ``when`` are worked out from, up to ``until`` (a period still
    running: coverage is counted on that day, not on the period's last); the hidden injuries
    are those reconciliation kept (``wrac reconcile``) that no event answers yet."""
    last = _last_day(when, until)
    by_kind = q.kind_counts(
        session, datetime.combine(when.start, time()), datetime.combine(_day_after(last), time())
    )
    figures = q.figures_for(session, when.year)
    workplaces, workers = q.workplace_totals(session)
    covered, covered_workers = q.covered_totals(session, last)
    return formulas.Counts(
        fatal=by_kind.get(EventKind.FATAL.value, 0),
        accidents=sum(n for kind, n in by_kind.items() if EventKind(kind).is_accident),
        injuries=sum(n for kind, n in by_kind.items() if EventKind(kind) in reassessment.HARM),
        events=sum(by_kind.values()),
        hidden=reconcile.suspected_hidden(session, when.start, last),
        average_headcount=figures.average_headcount if figures else None,
        hours_worked=figures.hours_worked if figures else None,
        insured_workers=figures.insured_workers if figures else None,
        safety_officers=figures.safety_officers if figures else None,
        officers_tested=figures.officers_tested if figures else None,
        workplaces=workplaces,
        workplaces_covered=covered,
        workers=workers,
        workers_covered=covered_workers,
    )


def period_indicators(session: Session, when: Period, until: date | None = None) -> dict[str, Any]:
    """The indicators of ``when`` (up to ``until`` when it ends earlier) with what they are
    worked out from and the year's targets, as plain JSON-ready values (the CLI, the summary
    and the dashboard print this)."""
    counts = period_counts(session, when, until)
    return {
        "period": when.name,
        "from": when.start.isoformat(),
        "to": _last_day(when, until).isoformat(),
        "counts": {name: getattr(counts, name) for name in counts.__dataclass_fields__},
        "indicators": formulas.indicators(counts),
        "targets": formulas.TARGETS.get(when.year, {}),
    }


def _last_day(when: Period, until: date | None) -> date:
    last = _day_before(when.end)
    return min(last, until) if until is not None and until >= when.start else last


def _day_after(day: date) -> date:
    return date.fromordinal(day.toordinal() + 1)


def _day_before(day: date) -> date:
    return date.fromordinal(day.toordinal() - 1)


# For a front end (issue 18 GUI): a Work, never a session; workplaces and hazards by id.


@dataclass(frozen=True)
class HazardChoice:
    id: int
    uuid: str
    description: str


def workplace_of(work: Work, workplace_id: int) -> tuple[str, list[HazardChoice]]:
    """A workplace's name and its hazards in the current revision, to link an event to."""
    session = session_of(work)
    place = session.get(Workplace, workplace_id)
    if place is None:
        raise ValidationError(_("the workplace is no longer in the register"))
    found = q.current_hazards_at(session, workplace_id)
    return place.name, [HazardChoice(h.id, str(h.uuid), h.description) for h in found]


def record_event(
    work: Work,
    kind: str,
    occurred_at: datetime,
    workplace_id: int,
    hazard_ids: list[int],
    files: Sequence[Path] = (),
    text_lang: str | None = None,
    **details: Any,
) -> str:
    """``add_event`` for a front end: the workplace and hazards by id, its photos and documents
    (all read and checked first: one bad file records nothing); the new event's UUID."""
    session = session_of(work)
    checked = [attachments.read_checked(Path(path)) for path in files]
    place = session.get(Workplace, workplace_id)
    if place is None:
        raise ValidationError(_("the workplace is no longer in the register"))
    hazards = [str(session.get_one(Hazard, hazard_id).uuid) for hazard_id in hazard_ids]
    event = add_event(
        session, kind, occurred_at, str(place.uuid), hazards, text_lang=text_lang, **details
    )
    attachments.attach_checked(session, "incident_event", event.uuid, checked)
    return str(event.uuid)


@dataclass
class JournalImport:
    """What importing an accident / near-miss journal did (or would do, on a dry run)."""

    rows: int = 0  # rows with anything in them under the header
    added: int = 0
    already: int = 0  # imported before: the same day, workplace, kind, person and text
    problems: list[str] = field(default_factory=list)


def import_journal(
    session: Session,
    path: Path,
    sheet: str | None = None,
    *,
    dry: bool = False,
    today: date | None = None,
    text_lang: str | None = None,
) -> JournalImport:
    """Record the events of an existing journal (``wrac import --kind events``): each row
    checked as ``add_event`` checks one, a row that fails is reported and left out, a row
    imported before is not recorded twice. ``dry``: check, record nothing. ``text_lang``:
    the language the journal is written in (``--lang``), else each row's letters tell."""
    # the worksheet reader, imported when a journal is read: the window starts without it
    from wrac_desktop.importing.event_journal import read_event_journal

    journal = read_event_journal(Path(path), sheet)
    result = JournalImport(rows=len(journal.events) + len(journal.problems),
                           problems=list(journal.problems))  # fmt: skip
    for row in journal.events:
        try:
            place = find_workplace(session, row.workplace)
        except ValidationError as error:
            result.problems.append(
                _("{where}: {problem}; the row is left out").format(
                    where=row.workplace_place, problem=error.message
                )
            )
            continue
        key = q.journal_event_uuid(row.day, place.uuid, row.kind, row.details)
        if q.event_by_uuid(session, key) is not None:
            result.already += 1
            continue
        try:  # add_event checks before it adds: a refused row leaves nothing behind
            if dry:
                _check_not_future(row.day, today)
            else:
                add_event(session, row.kind, datetime.combine(row.day, time()), str(place.uuid),
                          today=today, event_uuid=key, text_lang=text_lang,
                          **row.details)  # fmt: skip
        except ValidationError as error:
            result.problems.append(
                _("{file}, row {row}: {problem}; the row is left out").format(
                    file=Path(path).name, row=row.row, problem=error.message
                )
            )
            continue
        result.added += 1
    return result
