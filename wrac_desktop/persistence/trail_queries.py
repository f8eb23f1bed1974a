"""The audit log as the audit-trail view and export read it: entries oldest first, narrowed
by what SQL compares alike on SQLite and PostgreSQL (user, record kind, action)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from wrac_desktop.persistence.models import AuditEntry


def audit_entries(
    session: Session, *, user: str = "", entity: str = "", action: str = ""
) -> list[AuditEntry]:
    """Entries by id; ``user`` matches the user name or the OS user, empty matches all."""
    query = select(AuditEntry).order_by(AuditEntry.id)
    if user:
        query = query.where((AuditEntry.user_name == user) | (AuditEntry.os_user == user))
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if action:
        query = query.where(AuditEntry.action == action)
    return list(session.scalars(query))
