"""The progress log's rows: appended through ``evidence_chain.PROGRESS``, read per measure."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.persistence import evidence_chain
from wrac_desktop.persistence.models import ProgressEvent


@dataclass(frozen=True)
class EventRow:
    uuid: UUID
    measure_uuid: UUID
    status: str
    happened_on: date
    by_name: str
    note: str
    deadline: date | None
    at: datetime
    user_name: str

    @property
    def order(self) -> tuple[date, datetime, str]:
        """Events sort by the day they happened, then by when they were recorded: the same on
        every copy of a register, whatever order a merge chained them in."""
        return (self.happened_on, self.at, str(self.uuid))


_COLUMNS = (
    ProgressEvent.uuid, ProgressEvent.measure_uuid, ProgressEvent.status,
    ProgressEvent.happened_on, ProgressEvent.by_name, ProgressEvent.note, ProgressEvent.deadline,
    ProgressEvent.at, ProgressEvent.user_name,
)  # fmt: skip


def append_events(session: Session, rows: list[dict[str, Any]]) -> None:
    evidence_chain.append(session, evidence_chain.PROGRESS, rows)


def events(
    session: Session, measures: Collection[UUID] | None = None, as_of: date | None = None
) -> list[EventRow]:
    """The events of ``measures`` (all when None) that happened by ``as_of``, in their order."""
    query = select(*_COLUMNS)
    if measures is not None:
        if not measures:
            return []
        query = query.where(ProgressEvent.measure_uuid.in_(list(measures)))
    if as_of is not None:
        query = query.where(ProgressEvent.happened_on <= as_of)
    return sorted((EventRow(*row) for row in session.execute(query)), key=lambda e: e.order)
