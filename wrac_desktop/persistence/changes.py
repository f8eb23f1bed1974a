"""Change sets: what one operation inserted, updated and deleted, so it can be undone.

Every edit in the app is committed at once (a power cut loses nothing shown as saved), so
undo cannot be a rollback. Instead ``recording`` captures the operation's changes at flush
time and ``apply`` replays them, or their inverse, as ordinary ORM edits — audited and
guarded like any other change.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from wrac_desktop.persistence.bulk import INSERT_ORDER
from wrac_desktop.persistence.models import EDITABLE_MODELS, Base, ReassessmentFlag, Record

# Rows outside the audited records that an edit may change as a consequence, and that undo
# must restore with it: re-scoring a hazard clears its re-assessment flags (issue 18).
ALSO_UNDONE: tuple[type[Base], ...] = (ReassessmentFlag,)
MODELS: dict[str, type[Base]] = {
    model.__tablename__: model for model in (*EDITABLE_MODELS, *ALSO_UNDONE)
}
_MANAGED = frozenset({"row_version", "modified_at"})  # the database keeps these itself
_ORDER = {name: position for position, name in enumerate(INSERT_ORDER)}


@dataclass(frozen=True)
class Change:
    table: str
    id: int
    kind: str  # "insert", "update" or "delete"
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def inverse(self) -> Change:
        kind = {"insert": "delete", "delete": "insert", "update": "update"}[self.kind]
        return Change(self.table, self.id, kind, self.after, self.before)


@dataclass
class ChangeSet:
    changes: list[Change] = field(default_factory=list)
    # False: more changed than a recording's limit, and none of it is held (``recording``).
    complete: bool = True

    def inverse(self) -> ChangeSet:
        return ChangeSet([change.inverse() for change in reversed(self.changes)])

    def __bool__(self) -> bool:
        return bool(self.changes)

    def created(self, table: str) -> list[int]:
        return [c.id for c in self.changes if c.table == table and c.kind == "insert"]


@contextmanager
def recording(session: Session, limit: int | None = None) -> Iterator[ChangeSet]:
    """Capture every change flushed by ``session`` while the block runs. Past ``limit``
    changes none is held and the set is marked not ``complete``: a merge that brings a
    whole register would hold every record's columns a second time."""
    changes = ChangeSet()

    def capture(flushing: Session, _context: Any) -> None:
        if not changes.complete:
            return
        room = None if limit is None else limit - len(changes.changes) + 1
        changes.changes.extend(islice(_flushed(flushing), room))
        if limit is not None and len(changes.changes) > limit:
            changes.changes.clear()
            changes.complete = False

    event.listen(session, "after_flush", capture)
    try:
        yield changes
        session.flush()
    finally:
        event.remove(session, "after_flush", capture)


def _flushed(session: Session) -> Iterator[Change]:
    for obj in _by_table(session.new):
        yield Change(obj.__tablename__, obj.id, "insert", None, _columns(obj))
    for obj in session.dirty:
        if _undone(obj) and session.is_modified(obj, include_collections=False):
            before, after = _update(obj)
            if after:
                yield Change(obj.__tablename__, obj.id, "update", before, after)
    for obj in reversed(_by_table(session.deleted)):
        yield Change(obj.__tablename__, obj.id, "delete", _columns(obj), None)


def _undone(obj: object) -> bool:
    return isinstance(obj, (Record, *ALSO_UNDONE))


def _by_table(objects: Any) -> list[Any]:
    records = [obj for obj in objects if _undone(obj)]
    # Parents before children: by table, then by id (a parent unit is older than its child).
    return sorted(records, key=lambda obj: (_ORDER.get(obj.__tablename__, 99), obj.id or 0))


def _columns(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    return {key: getattr(obj, key) for key in state.mapper.columns.keys() if key not in _MANAGED}  # noqa: SIM118


def _update(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for key in state.mapper.columns.keys():  # noqa: SIM118 - a ColumnCollection, not a dict
        history = state.attrs[key].history
        if key in _MANAGED or not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            before[key], after[key] = old, new
    return before, after


def apply(session: Session, changes: ChangeSet) -> None:
    """Replay ``changes`` as ORM edits (inserts parents first, deletes children first)."""
    for change in changes.changes:
        model = MODELS[change.table]
        if change.kind == "insert":
            assert change.after is not None
            session.add(model(**change.after))
        elif change.kind == "delete":
            record = session.get(model, change.id)
            if record is not None:
                session.delete(record)
        else:
            record = session.get(model, change.id)
            assert change.after is not None and record is not None
            for key, value in change.after.items():
                setattr(record, key, value)
        session.flush()
