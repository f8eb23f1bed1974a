"""Optimistic locking with the data to decide: no edit silently overwrites another user's.

A view remembers the ``row_version`` of the record it shows. Writing back, the record is read
again with a row lock (``FOR UPDATE`` on PostgreSQL, so a second writer waits for the first
and then sees its change; SQLite serialises writers itself). If the version moved on, the
edit is refused with an ``EditConflict`` naming, for each field, the user's value and the one
now stored: the user chooses, and "keep mine" writes again against the new version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.i18n import _
from wrac_desktop.persistence.models import AuditEntry, Record
from wrac_desktop.persistence.unit_of_work import ConcurrentEditError

SHOWN_LENGTH = 80  # long texts are cut in the message; the dialog shows them whole


@dataclass(frozen=True)
class FieldConflict:
    field: str
    mine: Any
    theirs: Any


class EditConflict(ConcurrentEditError):
    """Someone changed the record since it was read; carries both versions of each field."""

    def __init__(
        self,
        table: str,
        record_id: int,
        conflicts: list[FieldConflict],
        their_version: int,
        changed_by: str,
    ) -> None:
        self.table = table
        self.record_id = record_id
        self.conflicts = conflicts
        self.their_version = their_version
        self.changed_by = changed_by
        super().__init__(_conflict_message(conflicts, changed_by))

    @property
    def mine(self) -> dict[str, Any]:
        return {conflict.field: conflict.mine for conflict in self.conflicts}

    @property
    def theirs(self) -> dict[str, Any]:
        return {conflict.field: conflict.theirs for conflict in self.conflicts}


def locked_for_update(session: Session, model: type[Record], record_id: int) -> Record | None:
    """The record as stored now, locked until the transaction ends (where the engine can)."""
    return session.get(model, record_id, with_for_update=True, populate_existing=True)


def check_version(
    session: Session, record: Record, expected_version: int | None, mine: Mapping[str, Any]
) -> None:
    """Refuse to write ``mine`` over a record changed since ``expected_version`` was read.

    ``expected_version=None`` means the caller read the record in this same transaction.
    Fields where the stored value already equals the user's are no conflict.
    """
    if expected_version is None or record.row_version == expected_version:
        return
    conflicts = [
        FieldConflict(name, value, getattr(record, name))
        for name, value in mine.items()
        if getattr(record, name) != value
    ]
    if conflicts:
        raise EditConflict(
            record.__tablename__,
            record.id,
            conflicts,
            record.row_version,
            last_changed_by(session, record),
        )


def last_changed_by(session: Session, record: Record) -> str:
    query = (
        select(AuditEntry.user_name)
        .where(AuditEntry.entity_uuid == record.uuid)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    )
    with session.no_autoflush:
        return session.scalar(query) or _("another user")


def _conflict_message(conflicts: list[FieldConflict], changed_by: str) -> str:
    lines = [
        _("{name} changed this record after you opened it:").format(name=changed_by),
        *(
            _("{field}: yours “{mine}”, theirs “{theirs}”").format(
                field=c.field, mine=_cut(c.mine), theirs=_cut(c.theirs)
            )
            for c in conflicts
        ),
        _("Choose which to keep."),
    ]
    return "\n".join(lines)


def _cut(value: Any) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= SHOWN_LENGTH else text[: SHOWN_LENGTH - 1] + "…"
