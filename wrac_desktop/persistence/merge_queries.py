"""The reads and small writes ``services.merge`` needs, in engine-agnostic SQLAlchemy.

A merge compares whole registers, so records are read as plain rows table by table (the ORM
would build 50,000 objects for nothing); only the records that change are loaded as ORM
objects, so that the audit hook records every change as usual.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from wrac_desktop.persistence import audit_chain
from wrac_desktop.persistence.audit import SUMMARY_KEY
from wrac_desktop.persistence.models import (
    EDITABLE_MODELS,
    Attachment,
    AuditEntry,
    Base,
    ProgressEvent,
    Record,
)
from wrac_desktop.persistence.properties import json_properties as json_properties
from wrac_desktop.persistence.properties import read_property as read_property
from wrac_desktop.persistence.properties import write_property as write_property

MODELS: dict[str, type[Record]] = {model.__tablename__: model for model in EDITABLE_MODELS}
# Parents before children (org_unit refers to itself; that order is handled by the caller).
TABLE_ORDER: tuple[str, ...] = tuple(
    t.name for t in Base.metadata.sorted_tables if t.name in MODELS
)
RECORD_ACTIONS = ("insert", "update", "delete")
_CHUNK = 500  # bound parameters per IN (...): well under SQLite's and PostgreSQL's limits


@dataclass(frozen=True)
class AuditLine:
    """One audit-log entry as the merge reads it."""

    id: int
    at: datetime
    action: str
    entity_uuid: uuid.UUID | None
    changes: Any
    summary: str

    @property
    def signature(self) -> tuple[int, datetime, str, uuid.UUID | None]:
        """What identifies an entry across copies of a register (same id, time, record)."""
        return (self.id, self.at, self.action, self.entity_uuid)


@cache
def foreign_keys(table_name: str) -> dict[str, str]:
    """{column: referred table} for a record table, read from the schema itself."""
    table: Table = Base.metadata.tables[table_name]
    return {
        column.name: next(iter(column.foreign_keys)).column.table.name
        for column in table.columns
        if column.foreign_keys
    }


@cache
def restricting_keys(table_name: str) -> frozenset[str]:
    """Columns whose parent cannot be deleted while this row refers to it (ON DELETE RESTRICT)."""
    table: Table = Base.metadata.tables[table_name]
    return frozenset(
        column.name
        for column in table.columns
        for key in column.foreign_keys
        if (key.ondelete or "").upper() != "CASCADE"
    )


def record_stamps(session: Session, table_name: str) -> list[dict[str, Any]]:
    """Every row of a record table, light: id, UUID, stamps, row version, parent ids."""
    table = Base.metadata.tables[table_name]
    names = ["id", "uuid", "created_at", "modified_at", "row_version", *foreign_keys(table_name)]
    query = select(*(table.c[name] for name in names)).order_by(table.c.id)
    return [dict(zip(names, row, strict=True)) for row in session.execute(query)]


def record_contents(
    session: Session, table_name: str, uuids: list[uuid.UUID], skipped: frozenset[str]
) -> Iterator[dict[str, Any]]:
    """The whole rows (but the ``skipped`` columns) of these records, in chunks."""
    table = Base.metadata.tables[table_name]
    columns = [column for column in table.columns if column.name not in skipped]
    names = ["uuid", *(column.name for column in columns)]
    for start in range(0, len(uuids), _CHUNK):
        query = select(table.c.uuid, *columns).where(
            table.c.uuid.in_(uuids[start : start + _CHUNK])
        )
        for row in session.execute(query):
            yield dict(zip(names, row, strict=True))


def state_mark(session: Session) -> tuple[Any, ...]:
    """What moves whenever anything a merge reads changes: the last audit entry (every record
    change appends one) and the last entry of each evidence log (both append-only)."""
    return (
        last_audit_entry(session),
        session.scalar(select(func.max(ProgressEvent.id))),
        session.scalar(select(func.max(Attachment.id))),
    )


def audit_signatures(session: Session) -> list[tuple[int, datetime, str, uuid.UUID | None]]:
    query = select(AuditEntry.id, AuditEntry.at, AuditEntry.action, AuditEntry.entity_uuid)
    return [tuple(row) for row in session.execute(query.order_by(AuditEntry.id))]  # type: ignore[misc]


def audit_since(session: Session, after_id: int) -> list[AuditLine]:
    """Record changes logged after entry ``after_id``, oldest first."""
    query = select(
        AuditEntry.id,
        AuditEntry.at,
        AuditEntry.action,
        AuditEntry.entity_uuid,
        AuditEntry.changes,
        AuditEntry.summary,
    ).where(AuditEntry.id > after_id, AuditEntry.action.in_(RECORD_ACTIONS))
    return [AuditLine(*row) for row in session.execute(query.order_by(AuditEntry.id))]


def deleted_uuids(session: Session) -> set[uuid.UUID]:
    """Every record this register's audit log says was deleted, at any time."""
    query = select(AuditEntry.entity_uuid).where(AuditEntry.action == "delete")
    return {value for value in session.scalars(query) if value is not None}


def audit_entry_time(session: Session, entry_id: int) -> datetime | None:
    return session.scalar(select(AuditEntry.at).where(AuditEntry.id == entry_id))


def last_audit_entry(session: Session) -> tuple[int, datetime] | None:
    """The newest audit entry, this transaction's own included (they are linked first)."""
    audit_chain.link_held_entries(session)
    last_id = session.scalar(select(func.max(AuditEntry.id)))
    if last_id is None:
        return None
    at = audit_entry_time(session, last_id)
    return None if at is None else (last_id, at)


def records_by_uuid(
    session: Session, table_name: str, uuids: Iterable[uuid.UUID]
) -> Iterator[Record]:
    """The ORM records of one table with these UUIDs (loaded in chunks)."""
    model = MODELS[table_name]
    wanted = list(uuids)
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        yield from session.scalars(select(model).where(model.uuid.in_(chunk)))


@contextmanager
def tagging_audit_entries(session: Session, tag: str) -> Iterator[None]:
    """Mark the record changes this session logs inside the block with ``tag``, so that a
    later merge can tell them from the user's edits. The audit hook writes the tag as each
    entry's summary before the entry is hashed into the chain."""
    session.flush()  # what came before the block is not the merge's
    session.info[SUMMARY_KEY] = tag
    try:
        yield
        session.flush()
    finally:
        session.info.pop(SUMMARY_KEY, None)
