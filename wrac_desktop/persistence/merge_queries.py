"""The reads and small writes ``services.merge`` needs, in engine-agnostic SQLAlchemy.

A merge reads only the records the audit logs name since the copies last shared a state (and
those bulk writers wrote since), as plain rows table by table, by UUID; only the records that
change are loaded as ORM objects, so that the audit hook records every change as usual.
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
from wrac_desktop.persistence.audit_digest import DIGEST_CHARS, STATE_KEY, is_state_record
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


_STAMP_COLUMNS = ("id", "uuid", "created_at", "modified_at", "row_version")


def record_stamps(
    session: Session,
    table_name: str,
    *,
    uuids: Iterable[uuid.UUID] | None = None,
    ids: Iterable[int] | None = None,
) -> Iterator[dict[str, Any]]:
    """Rows of a record table, light: id, UUID, stamps, row version, parent ids. Every row
    (in id order), or those with these UUIDs, or these ids (read in chunks)."""
    table = Base.metadata.tables[table_name]
    names = [*_STAMP_COLUMNS, *foreign_keys(table_name)]
    query = select(*(table.c[name] for name in names))
    if uuids is None and ids is None:
        for row in session.execute(query.order_by(table.c.id)):
            yield dict(zip(names, row, strict=True))
        return
    column, wanted = (
        (table.c.uuid, list(uuids)) if uuids is not None else (table.c.id, list(ids or ()))
    )
    for start in range(0, len(wanted), _CHUNK):
        for row in session.execute(query.where(column.in_(wanted[start : start + _CHUNK]))):
            yield dict(zip(names, row, strict=True))


def table_uuids(session: Session, table_names: Iterable[str]) -> set[uuid.UUID]:
    """The UUIDs of every row of these (small) record tables."""
    found: set[uuid.UUID] = set()
    for table_name in table_names:
        found.update(session.scalars(select(Base.metadata.tables[table_name].c.uuid)))
    return found


def bulk_written(session: Session, after_id: int) -> set[uuid.UUID]:
    """The records bulk writers (the demo, a revision's copy) wrote after entry ``after_id``:
    such a write logs one entry naming the ids of its rows (``audit_digest``), not one a row."""
    query = select(AuditEntry.changes).where(
        AuditEntry.id > after_id, AuditEntry.action.not_in(RECORD_ACTIONS)
    )
    found: set[uuid.UUID] = set()
    for changes in session.scalars(query):
        for table_name, first, count in _bulk_runs(changes):
            table = Base.metadata.tables[table_name]
            between = table.c.id.between(first, first + count - 1)
            found.update(session.scalars(select(table.c.uuid).where(between)))
    return found


def _bulk_runs(changes: Any) -> Iterator[tuple[str, int, int]]:
    """(table, first id, rows) of each run of rows a bulk entry's record of state names."""
    if not is_state_record(changes):
        return
    for table_name, written in (changes[STATE_KEY].get("tables") or {}).items():
        if table_name in MODELS:
            for first, digests in written.get("rows") or []:
                yield table_name, int(first), len(digests) // DIGEST_CHARS


def referenced_by_restricting_keys(
    session: Session, ids: dict[str, list[int]]
) -> set[tuple[str, int]]:
    """Which of these rows ({table: ids}) a row still refers to through a restricting
    reference (a matrix an assessment is scored on): they cannot be deleted."""
    found: set[tuple[str, int]] = set()
    for table_name in TABLE_ORDER:
        table = Base.metadata.tables[table_name]
        for column in restricting_keys(table_name):
            parent = foreign_keys(table_name)[column]
            wanted = ids.get(parent, [])
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                query = select(table.c[column]).where(table.c[column].in_(chunk)).distinct()
                found.update((parent, value) for value in session.scalars(query))
    return found


def subtree(session: Session, roots: dict[str, list[int]]) -> dict[str, set[uuid.UUID]]:
    """The UUIDs of these rows ({table: ids}) and of every row under them, by table: each row
    that refers to one of them, the rows that refer to those, and so on."""
    found: dict[str, set[uuid.UUID]] = {}
    seen: set[tuple[str, int]] = set()
    pending = {name: set(ids) for name, ids in roots.items()}
    for name, ids in pending.items():
        found.setdefault(name, set()).update(_uuids_of(session, name, ids))
        seen.update((name, row_id) for row_id in ids)
    while pending:
        pending = _children(session, pending, seen, found)
    return found


def _uuids_of(session: Session, table_name: str, ids: Iterable[int]) -> Iterator[uuid.UUID]:
    for raw in record_stamps(session, table_name, ids=ids):
        yield raw["uuid"]


def _children(
    session: Session,
    parents: dict[str, set[int]],
    seen: set[tuple[str, int]],
    found: dict[str, set[uuid.UUID]],
) -> dict[str, set[int]]:
    """The rows referring to ``parents`` not seen yet, added to ``found``; their ids by table."""
    children: dict[str, set[int]] = {}
    for table_name in TABLE_ORDER:
        table = Base.metadata.tables[table_name]
        for column, parent in foreign_keys(table_name).items():
            wanted = list(parents.get(parent, ()))
            for start in range(0, len(wanted), _CHUNK):
                where = table.c[column].in_(wanted[start : start + _CHUNK])
                for row_id, key in session.execute(select(table.c.id, table.c.uuid).where(where)):
                    if (table_name, row_id) not in seen:
                        seen.add((table_name, row_id))
                        children.setdefault(table_name, set()).add(row_id)
                        found.setdefault(table_name, set()).add(key)
    return children


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
