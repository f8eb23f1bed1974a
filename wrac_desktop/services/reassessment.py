"""Hazards to assess again (issue 18 item 2): an event linked to a hazard flags it, re-scoring
the hazard clears the flag, withdrawing the event clears the flags it raised.

A flag is kept by the hazard's lineage, so it follows the hazard into a new revision; it lies
outside the signed revision (an event does not change an approved register). What a flag says
is worded when it is shown, in the language of the moment, from the event that raised it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace

from sqlalchemy.orm import Session

from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.persistence import reminder_queries
from wrac_desktop.persistence.models import Event, Hazard
from wrac_desktop.persistence.reminder_queries import FlaggedHazard
from wrac_desktop.persistence.types import utc_now
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import EventKind

# Events where someone was hurt or fell ill: both the likelihood and the severity are in
# question. The rest (a near miss, an unsafe act or condition, a dangerous occurrence) hurt
# nobody and ask about the likelihood.
HARM = frozenset({
    EventKind.FIRST_AID, EventKind.LOST_TIME, EventKind.SERIOUS, EventKind.FATAL,
    EventKind.OCCUPATIONAL_DISEASE,
})  # fmt: skip


def flag_for_event(session: Session, event: Event, hazards: Iterable[Hazard]) -> None:
    """Each hazard ``event`` is linked to is to be assessed again; the event is the reason."""
    for hazard in hazards:
        reminder_queries.flag_for_reassessment(session, hazard, "", source_uuid=event.uuid)


def flag_merged_events(session: Session, event_uuids: list[uuid.UUID]) -> None:
    """Events a merge brought in flag their hazards here as they did in the other copy
    (withdrawn ones do not; a hazard rated again since in that copy is its merge's concern)."""
    for event in reminder_queries.events_by_uuid(session, event_uuids):
        if event.deleted_on is None:
            hazards = reminder_queries.hazards_by_lineage(session, event.hazard_uuids or [])
            flag_for_event(session, event, hazards)


def clear_for_event(session: Session, event: Event) -> None:
    """The event was withdrawn: the flags it raised go with it."""
    reminder_queries.clear_flags_raised_by(session, event.uuid, utc_now())


def rescored(session: Session, hazard: Hazard) -> None:
    """``hazard`` was rated again: the re-assessment asked for is done."""
    reminder_queries.clear_flags(session, hazard.lineage or hazard.uuid, utc_now())


def reason(flag: FlaggedHazard) -> str:
    """What the flag asks, e.g. "Near miss, 12.03.2026: check the likelihood"."""
    if flag.event_kind is None or flag.event_at is None:
        return flag.reason
    try:
        kind = EventKind(flag.event_kind)
    except ValueError:
        return flag.reason
    ask = _("check the likelihood and the severity") if kind in HARM else _("check the likelihood")
    return _("{kind}, {date}: {ask}").format(
        kind=kind.label(), date=format_date(flag.event_at.date()), ask=ask
    )


def worded(flags: Iterable[FlaggedHazard]) -> list[FlaggedHazard]:
    """The flags with their reasons worded in the current language."""
    return [replace(flag, reason=reason(flag)) for flag in flags]


def flagged_current(session: Session) -> list[FlaggedHazard]:
    """The current revision's flagged hazards, oldest flag first (the reminders list them)."""
    return worded(reminder_queries.flagged_hazards(session))


def flags_of(work: Work, hazard_ids: list[int]) -> dict[int, list[str]]:
    """{hazard id: what each open flag asks} for one page of the register view."""
    found: dict[int, list[str]] = {}
    for flag in reminder_queries.open_flags(session_of(work), hazard_ids):
        found.setdefault(flag.hazard_id, []).append(reason(flag))
    return found
