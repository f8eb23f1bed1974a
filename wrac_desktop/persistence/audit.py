"""The audit log: every change made through the ORM is recorded as who, when, old → new.

The hook runs in ``before_flush``, so it sees every entry point alike (GUI, CLI, import,
merge). Bulk writers that bypass the ORM (the demo generator) record one summary entry.
The entries join the hash chain when the transaction commits (``audit_chain``).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import MANYTOONE, InstanceState, Session, sessionmaker
from sqlalchemy.orm.base import NO_VALUE

from wrac_desktop.persistence.audit_chain import hold_new_entries, install_linking
from wrac_desktop.persistence.audit_digest import AUDITED
from wrac_desktop.persistence.models import AuditEntry, ReassessmentFlag, Record

Audited = Record | ReassessmentFlag  # the rows the hook records (``audit_digest.AUDITED``)

_NOT_AUDITED = frozenset({"modified_at", "row_version", "search_text", "created_at"})


@dataclass(frozen=True)
class Actor:
    """Who is making changes: the name set in the app and the operating-system account."""

    user_name: str
    os_user: str


def install_audit_hook(factory: sessionmaker[Session], actor: Actor) -> None:
    event.listen(factory, "before_flush", lambda session, _ctx, _objs: _audit(session, actor))
    event.listen(factory, "after_flush", lambda session, _ctx: _complete_inserts(session))
    install_linking(factory)


def record_event(session: Session, action: str, summary: str, changes: Any = None) -> None:
    """Record something that is not a single record change (a setting, a merge, an import)."""
    actor = session.info.get("actor") or Actor("", "")
    session.add(_entry(actor, action, None, changes, summary))


SUMMARY_KEY = "audit_summary"  # session.info: the summary of the record changes logged now
_INSERTED_KEY = "audit_inserted"  # session.info: (insert entry's fields, record) of this flush


def _audit(session: Session, actor: Actor) -> None:
    # The summary is set here, before the entries are hashed into the chain: changing it
    # afterwards (merge tagged its entries with an UPDATE) breaks every tagged link.
    summary = session.info.get(SUMMARY_KEY, "")
    inserted = session.info.setdefault(_INSERTED_KEY, [])
    for obj in list(session.new):
        if isinstance(obj, AUDITED):
            snapshot = _snapshot(obj)
            inserted.append((snapshot, obj))
            session.add(_entry(actor, "insert", obj, snapshot, summary))
    for obj in list(session.dirty):
        if isinstance(obj, AUDITED) and session.is_modified(obj, include_collections=False):
            changes = _changes(obj)
            if changes:
                session.add(_entry(actor, "update", obj, changes, summary))
    for obj in list(session.deleted):
        if isinstance(obj, AUDITED):
            session.add(_entry(actor, "delete", obj, _snapshot(obj), summary))
    hold_new_entries(session)


def _complete_inserts(session: Session) -> None:
    """Fill in what an insert entry could not know before the flush: a parent's id set through
    its relationship (``TeamMember(assessment=draft)``), a column's default. The entries join
    the chain only at commit, so they are still open to this."""
    for snapshot, obj in session.info.pop(_INSERTED_KEY, []):
        stored = inspect(obj).dict
        for name, value in snapshot.items():
            if value is None and stored.get(name) is not None:
                snapshot[name] = plain_value(stored[name])


def _entry(
    actor: Actor, action: str, obj: Audited | None, changes: Any, summary: str
) -> AuditEntry:
    return AuditEntry(
        user_name=actor.user_name,
        os_user=actor.os_user,
        action=action,
        entity=obj.__tablename__ if obj is not None else "",
        entity_uuid=obj.uuid if obj is not None else None,
        changes=changes,
        summary=summary,
    )


def _snapshot(obj: Audited) -> dict[str, Any]:
    state: InstanceState[Any] = inspect(obj)
    return {
        attr.key: plain_value(attr.value)
        for attr in state.attrs
        if attr.key in state.mapper.columns and attr.key not in _NOT_AUDITED and attr.key != "id"
    }


def _changes(obj: Audited) -> dict[str, list[Any]]:
    """{field: [old, new]} for every column whose value really changed."""
    state: InstanceState[Any] = inspect(obj)
    changes: dict[str, list[Any]] = {}
    for attr in state.attrs:
        if attr.key not in state.mapper.columns or attr.key in _NOT_AUDITED:
            continue
        history = attr.history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[attr.key] = [plain_value(old), plain_value(new)]
    return _moves(obj) | changes  # a column set directly says it best


def _moves(obj: Audited) -> dict[str, list[Any]]:
    """{parent_id: [old, new]} for a parent set through its relationship (``hazard.workplace =``).

    The id column itself only changes inside the flush, after this hook has looked.
    """
    state: InstanceState[Any] = inspect(obj)
    moves: dict[str, list[Any]] = {}
    for relationship in state.mapper.relationships:
        history = state.attrs[relationship.key].history
        if relationship.direction is not MANYTOONE or not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old is new:
            continue
        for local, remote in relationship.local_remote_pairs:
            before = getattr(old, remote.name, None) if old is not None else _loaded(state, local)
            moves[local.name] = [before, getattr(new, remote.name, None)]
    return moves


def _loaded(state: Any, column: Any) -> Any:
    """The id column's value as read from the database: a parent replaced without being
    loaded first has no old value in the relationship's history (the move was recorded as
    from nothing), but its id column still holds it."""
    value = state.attrs[state.mapper.get_property_by_column(column).key].loaded_value
    return None if value is NO_VALUE else value


def plain_value(value: Any) -> Any:
    """A JSON-safe form of a column value, as the audit log records it (the ORM hook here and
    the importer's bulk rows alike, so an entry reads the same whichever wrote it)."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID | decimal.Decimal):
        return str(value)
    return value
