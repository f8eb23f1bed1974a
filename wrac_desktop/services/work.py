"""What a front end hands a service command: one transaction on the open register.

The way Anki's ``CollectionOp`` hands an operation the collection: the UI's background runner
opens the transaction, passes a ``Work`` to a service call (``hazard_panel.add_measure(work,
…)``) and gets typed data back. The UI never holds a SQLAlchemy session, so a widget cannot
query or change the database behind the services' rules (validation, frozen revisions, the
audit trail); only the services unwrap ``Work``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from wrac_desktop.persistence.changes import Change, ChangeSet, apply, recording
from wrac_desktop.persistence.checkpoints import watching
from wrac_desktop.persistence.conflicts import EditConflict, FieldConflict
from wrac_desktop.register import Register

__all__ = [
    "Change",
    "ChangeSet",
    "EditConflict",
    "FieldConflict",
    "Work",
    "commit",
    "committing",
    "read",
    "replay",
    "reading",
    "transaction",
    "watching",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Work:
    """An open transaction (or read) on a register; only services look inside."""

    _session: Session


def session_of(work: Work) -> Session:
    """For services only: the session behind ``work``."""
    return work._session  # noqa: SLF001 - the one place that unwraps it


@contextmanager
def transaction(register: Register) -> Iterator[Work]:
    """A transaction committed on success, rolled back on any error (also on Cancel)."""
    with register.uow.transaction() as session:
        yield Work(session)


@contextmanager
def reading(register: Register) -> Iterator[Work]:
    """A read that never commits."""
    with register.uow.reading() as session:
        yield Work(session)


@contextmanager
def committing(register: Register) -> Iterator[tuple[Work, ChangeSet]]:
    """One transaction whose changes are recorded (for undo), committed when the block ends
    and rolled back on any error. The front end calls its service commands inside the block:
    the services never call back up into the UI's code (docs/architecture.md)."""
    with register.uow.transaction() as session, recording(session) as changes:
        yield Work(session), changes


def commit(register: Register, command: Callable[[Work], T]) -> tuple[T, ChangeSet]:
    """Run the service command ``command`` in ``committing``; its result and its changes."""
    with committing(register) as (handle, changes):
        result = command(handle)
    return result, changes


def read(register: Register, query: Callable[[Work], T]) -> T:
    with reading(register) as work:
        return query(work)


def replay(register: Register, changes: ChangeSet) -> None:
    """Apply recorded changes again (undo applies their inverse) in one transaction."""
    with register.uow.transaction() as session:
        apply(session, changes)
