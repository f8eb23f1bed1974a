"""A measure's progress after the plan was signed: the rules of its log and its current state.

The signed revision keeps each measure as approved (status, deadline); the progress log adds
steps to it: started, done (on a day), verified (after done), postponed (to a new deadline),
cancelled. The current state is the stored one with every step up to a day applied in order,
so the state on any earlier day can be reproduced (a report ``--as-of``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

CLOSED = frozenset({"done", "verified", "cancelled"})  # measure statuses that cannot be overdue


class Step(Protocol):
    """One recorded step, as the log holds it (``status`` a ProgressStatus value)."""

    @property
    def status(self) -> str: ...
    @property
    def happened_on(self) -> date: ...
    @property
    def deadline(self) -> date | None: ...
    @property
    def by_name(self) -> str: ...


@dataclass(frozen=True)
class MeasureState:
    """Where a measure stands: its status (a MeasureStatus value), the day it was done, who
    verified it and when, and the deadline in force (a postponement's, or the plan's)."""

    status: str
    completed_on: date | None
    deadline: date | None
    verified_on: date | None = None
    verified_by: str = ""
    steps: int = 0  # how many logged steps led here

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED

    def overdue_on(self, day: date) -> bool:
        """Still open on ``day`` although its deadline has passed (whole dates)."""
        return self.is_open and self.deadline is not None and self.deadline < day

    def after(self, step: Step) -> MeasureState:
        """The state once ``step`` is applied."""
        status, on = step.status, step.happened_on
        moved = replace(self, steps=self.steps + 1)
        if status == "started":
            return replace(moved, status="in_progress")
        if status == "done":
            return replace(moved, status="done", completed_on=on)
        if status == "verified":
            return replace(moved, status="verified", verified_on=on, verified_by=step.by_name)
        if status == "postponed":
            return replace(moved, status="postponed", deadline=step.deadline)
        return replace(moved, status=status)


def current_state(stored: MeasureState, steps: Iterable[Step]) -> MeasureState:
    """``stored`` (the measure as the revision holds it) after ``steps``, in their order."""
    state = stored
    for step in steps:
        state = state.after(step)
    return state


class StepRefused(ValueError):
    """A step the rules do not allow; its ``key`` says which rule (the service words it)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def check_step(
    state: MeasureState, status: str, on: date, today: date, deadline: date | None, note: str
) -> None:
    """Refuse a step that cannot follow ``state``: a completion dated in the future, verified
    before done (or dated before the completion), a postponement without a later deadline, a
    postponement or cancellation without a reason."""
    if status in ("done", "verified") and on > today:
        raise StepRefused("future")
    if status == "verified":
        if state.status not in ("done", "verified") or state.completed_on is None:
            raise StepRefused("verified_before_done")
        if on < state.completed_on:
            raise StepRefused("verified_before_completion")
    if status == "postponed":
        if deadline is None:
            raise StepRefused("no_deadline")
        if deadline <= on:
            raise StepRefused("deadline_not_later")
    if status in ("postponed", "cancelled") and not note.strip():
        raise StepRefused("no_reason")
