"""The audit log as the audit-trail view and export read it: entries oldest first, narrowed
by what SQL compares alike on SQLite and PostgreSQL (user, record kind, action)."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import AuditEntry

# Entries read from the cursor at a time: a bulk change's entry (a demo, an import, a revision)
# holds the state of every table, 7.5 MB at 100,000 hazards, and a register may hold many.
ENTRIES_AT_ONCE = 16


def audit_entries(
    session: Session, *, user: str = "", entity: str = "", action: str = ""
) -> Iterator[AuditEntry]:
    """Entries by id, read a few at a time as they are iterated (issue 22: the whole trail
    was held); ``user`` matches the user name or the OS user, empty matches all."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if user:
        query = query.where((AuditEntry.user_name == user) | (AuditEntry.os_user == user))
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if action:
        query = query.where(AuditEntry.action == action)
    return iter(session.scalars(query.execution_options(yield_per=ENTRIES_AT_ONCE)))
