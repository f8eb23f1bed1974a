"""The plan after approval: progress recorded beside the signed revision, and the state it gives.

A step (started, done, verified, postponed, cancelled) goes into the append-only, hash-chained
progress log (``persistence.evidence_chain``), never into the revision: the approved content and
its fingerprint stay exactly as signed while the plan moves. A measure's current status is its
stored one with the logged steps applied (``domain.progress``); reports count by it as of their
date, and a new revision starts from it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from wrac_desktop.domain.progress import MeasureState, StepRefused, check_step
from wrac_desktop.errors import UserError, ValidationError
from wrac_desktop.formatting import format_date
from wrac_desktop.i18n import _
from wrac_desktop.persistence import progress_queries, record_queries
from wrac_desktop.persistence.audit import Actor, record_event
from wrac_desktop.persistence.models import ControlMeasure
from wrac_desktop.persistence.progress_queries import EventRow
from wrac_desktop.services import attachments, measures
from wrac_desktop.services.progress_states import state_of, states, stored_state
from wrac_desktop.services.work import Work, session_of
from wrac_desktop.vocabulary import AssessmentStatus, ProgressStatus

__all__ = ["EventRow", "Recorded", "record_progress", "state_of", "states", "stored_state"]


@dataclass(frozen=True)
class Recorded:
    event: uuid.UUID
    measure: uuid.UUID
    status: str  # the measure's status after the step (a MeasureStatus value)
    attachments: int


def record_progress(
    work: Work,
    measure: str,
    status: str,
    *,
    on: date | None = None,
    by: str = "",
    note: str = "",
    deadline: date | None = None,
    files: Sequence[Path] = (),
    keep_originals: bool = False,
    today: date | None = None,
) -> Recorded:
    """Log one step of ``measure`` (its UUID, or its number in the current revision's plan).

    Refused with a clear message: an unknown measure, a measure of a superseded revision, a
    completion dated in the future, verified before done, a postponement without a later
    deadline or either of postponed/cancelled without a reason (the note). The files are
    checked before anything is stored and attached to the event.
    """
    session = session_of(work)
    step = measures.choice(ProgressStatus, status, _("status"))
    today = today or date.today()
    on = on or today
    target = find_measure(session, measure)
    before = state_of(session, target)
    try:
        check_step(before, step.value, on, today, deadline, note)
    except StepRefused as refused:
        raise ValidationError(_refusal(refused.key, measure, on, before)) from refused
    checked = [attachments.read_checked(Path(path)) for path in files]
    actor = session.info.get("actor") or Actor("", "")
    event_uuid = uuid.uuid4()
    progress_queries.append_events(session, [{
        "uuid": event_uuid, "measure_uuid": target.uuid, "status": step.value,
        "happened_on": on, "by_name": by.strip() or actor.user_name or actor.os_user,
        "note": note.strip(), "deadline": deadline if step is ProgressStatus.POSTPONED else None,
        "at": datetime.now(UTC), "user_name": actor.user_name, "os_user": actor.os_user,
    }])  # fmt: skip
    record_event(
        session, "progress", f"measure {target.uuid}: {step.value} on {on.isoformat()}",
        {"event": str(event_uuid), "measure": str(target.uuid), "status": step.value,
         "on": on.isoformat()},
    )  # fmt: skip
    attached = attachments.attach_checked(
        session, "progress_event", event_uuid, checked, keep_originals=keep_originals
    )
    after = state_of(session, target)
    return Recorded(event_uuid, target.uuid, after.status, len(attached))


def _refusal(key: str, measure: str, on: date, before: MeasureState) -> str:
    texts = {
        "future": _("measure {measure}: {date} is in the future; a measure is done or verified "
                    "on a day that has come"),
        "verified_before_done": _("measure {measure} cannot be verified before it is done"),
        "verified_before_completion": _("measure {measure} was done on {done}; it cannot be "
                                        "verified on an earlier day ({date})"),
        "no_deadline": _("measure {measure}: a postponement needs the new deadline (--deadline)"),
        "deadline_not_later": _("measure {measure}: the new deadline must come after {date}"),
        "no_reason": _("measure {measure}: say why (--note)"),
    }  # fmt: skip
    return texts[key].format(
        measure=measure, date=format_date(on), done=format_date(before.completed_on)
    )


def find_measure(session: Session, wanted: str) -> ControlMeasure:
    """The measure ``wanted`` names: a UUID (of the current revision or a draft), or a number
    of the current revision's plan as printed. A UserError when there is none."""
    text = wanted.strip()
    measure = _by_uuid(session, text) if not text.isdecimal() else _by_number(session, int(text))
    if measure is None:
        raise UserError(_("there is no measure {measure} in the plan").format(measure=wanted))
    if measure.hazard.assessment.status == AssessmentStatus.SUPERSEDED.value:
        raise UserError(
            _("measure {measure} belongs to a superseded revision; record progress on the "
              "current one").format(measure=wanted)
        )  # fmt: skip
    return measure


def _by_uuid(session: Session, text: str) -> ControlMeasure | None:
    try:
        key = uuid.UUID(text)
    except ValueError:
        return None
    return record_queries.by_uuid(session, ControlMeasure, key)


def _by_number(session: Session, number: int) -> ControlMeasure | None:
    from wrac_desktop.services.plan_status import plan_measure_uuids

    uuids = plan_measure_uuids(session)
    if not 1 <= number <= len(uuids):
        return None
    return _by_uuid(session, uuids[number - 1])
