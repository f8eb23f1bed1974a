"""A measure's state with its progress log applied: what reports, the plan and a new revision
read (``services.progress`` records the steps)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy.orm import Session

from wrac_desktop.domain.progress import MeasureState, current_state
from wrac_desktop.persistence import progress_queries, record_queries
from wrac_desktop.persistence.models import Assessment, ControlMeasure
from wrac_desktop.persistence.progress_queries import EventRow
from wrac_desktop.services import measures


def stored_state(measure: ControlMeasure) -> MeasureState:
    return MeasureState(measure.status, measure.completed_on, measure.due_date)


def state_of(session: Session, measure: ControlMeasure, as_of: date | None = None) -> MeasureState:
    """The measure's state with its logged steps up to ``as_of`` (all when None)."""
    return current_state(
        stored_state(measure), progress_queries.events(session, [measure.uuid], as_of)
    )


def states(
    session: Session, stored: dict[uuid.UUID, MeasureState], as_of: date | None = None
) -> dict[uuid.UUID, MeasureState]:
    """Every measure of ``stored`` (its state as the revision holds it) after its logged steps
    up to ``as_of``; one read of the log for them all."""
    logged = logged_steps(session, as_of)
    return {key: current_state(state, logged.get(key, ())) for key, state in stored.items()}


def logged_steps(session: Session, as_of: date | None = None) -> dict[uuid.UUID, list[EventRow]]:
    """Every measure's logged steps up to ``as_of`` (all when None), in their order, by the
    measure's UUID; one read of the log."""
    logged: dict[uuid.UUID, list[EventRow]] = {}
    for event in progress_queries.events(session, None, as_of):
        logged.setdefault(event.measure_uuid, []).append(event)
    return logged


def has_progress(session: Session) -> bool:
    return bool(progress_queries.events(session))


def carry_into(session: Session, source: Assessment, draft: Assessment) -> int:
    """Start the draft's measures from their originals' current states (status, completion
    date, deadline); how many changed. Called as a new revision is copied.

    Only the measures with logged steps are read, and only their copies (as objects, so that
    the change is audited): every measure of both revisions as an object was 2 GB and 40 s at
    100,000 hazards (issue 22)."""
    originals = {
        m.lineage or m.uuid: m for m in record_queries.logged_measures_of(session, source.id)
    }
    if not originals:
        return 0
    current = states(session, {m.uuid: stored_state(m) for m in originals.values()})
    changed = 0
    for copy in record_queries.copies_of_logged_measures(session, source.id, draft.id):
        original = originals.get(copy.lineage) if copy.lineage else None
        state = current.get(original.uuid) if original is not None else None
        if state is None or not state.steps:
            continue
        copy.status, copy.completed_on = state.status, state.completed_on
        if state.deadline != copy.due_date:
            measures.set_due(copy, state.deadline)
        changed += 1
    session.flush()
    return changed
