"""The audit log as the audit-trail view and export read it: entries oldest first, narrowed
by what SQL compares alike on SQLite and PostgreSQL (user, record kind, action)."""

from __future__ import annotations

import codecs
import sqlite3
from collections.abc import Iterator
from typing import Any, NamedTuple

from sqlalchemy import Select, case, func, select, type_coerce
from sqlalchemy.orm import Session, defer

from wrac_desktop.persistence.models import AuditEntry
from wrac_desktop.persistence.types import JsonText

# Entries read from the cursor at a time: a bulk change's entry (a demo, an import, a revision)
# holds the state of every table, 7.5 MB at 100,000 hazards, and a register may hold many.
ENTRIES_AT_ONCE = 16
# An entry's changes longer than this (characters) are read apart, a piece at a time.
LONG_CHANGES = 1 << 16
_PIECE = 1 << 20  # bytes (SQLite) or characters (a server) of such changes read at a time


class TrailEntry(NamedTuple):
    """An entry with its changes, or without them where they are long (``changes_pieces``)."""

    entry: AuditEntry  # its ``changes`` not loaded: read ``changes`` here
    changes: Any
    long: bool


def audit_entries_apart(
    session: Session, *, user: str = "", entity: str = "", action: str = ""
) -> Iterator[TrailEntry]:
    """Entries by id, read a few at a time as they are iterated (issue 22: the whole trail
    was held), with changes longer than ``LONG_CHANGES`` characters left in the register:
    parsed whole, a bulk entry's 7.5 MB of JSON became 50 MB of objects. ``user`` matches the
    user name or the OS user, empty matches all."""
    long = func.length(AuditEntry.changes) > LONG_CHANGES
    short = type_coerce(case((long, None), else_=AuditEntry.changes), JsonText)
    query = select(AuditEntry, short, long).options(defer(AuditEntry.changes))
    query = _narrowed(query, user, entity, action)
    rows = session.execute(query.execution_options(yield_per=ENTRIES_AT_ONCE))
    return (TrailEntry(entry, changes, bool(is_long)) for entry, changes, is_long in rows)


def _narrowed(query: Select[Any], user: str, entity: str, action: str) -> Select[Any]:
    query = query.order_by(AuditEntry.id)
    if user:
        query = query.where((AuditEntry.user_name == user) | (AuditEntry.os_user == user))
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if action:
        query = query.where(AuditEntry.action == action)
    return query


def changes_pieces(session: Session, entry_id: int) -> Iterator[str]:
    """An entry's stored changes (JSON text) a piece at a time. SQLite hands them through an
    incremental blob handle where it keeps them as UTF-8 (its substr would load the whole
    value for every piece); otherwise they are read by substr."""
    connection = session.connection()
    if connection.dialect.name == "sqlite" and _stored_as_utf8(session, entry_id):
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        decoder = codecs.getincrementaldecoder("utf-8")()
        table = AuditEntry.__tablename__
        with driver.blobopen(table, "changes", entry_id, readonly=True) as blob:
            while piece := blob.read(_PIECE):
                yield decoder.decode(piece)
        yield decoder.decode(b"", final=True)
        return
    start = 1
    while True:
        query = select(func.substr(AuditEntry.changes, start, _PIECE))
        text = connection.execute(query.where(AuditEntry.id == entry_id)).scalar()
        if not text:
            return
        yield str(text)
        start += _PIECE


def _stored_as_utf8(session: Session, entry_id: int) -> bool:
    """Whether SQLite keeps the changes as text in a UTF-8 database: bytes a blob handle
    reads as they are (a hostile file may be in another encoding, or hold another type)."""
    connection = session.connection()
    query = select(func.typeof(AuditEntry.changes)).where(AuditEntry.id == entry_id)
    if connection.execute(query).scalar() != "text":
        return False
    return connection.exec_driver_sql("PRAGMA encoding").scalar() == "UTF-8"
